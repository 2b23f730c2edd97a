// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./LidoInterfaces.sol";

/// @title Devnet replica of the wstETH referral staker (0xa88f0329C2c4ce51ba3fc619BBf44efE7120Dd0d): stakes with a
///        referral, wraps the minted stETH and sends the wstETH to the caller.
contract WstETHReferralStaker {
    address internal stETHAddress;
    address internal wstETHAddress;

    error EthTransferNotAllowed();

    /// @notice Devnet-only one-shot initialiser.
    function devnetInitialize(address _stETH, address _wstETH) external {
        require(stETHAddress == address(0), "already initialized");
        stETHAddress = _stETH;
        wstETHAddress = _wstETH;
    }

    function stETH() external view returns (address) { return stETHAddress; }
    function wstETH() external view returns (address) { return wstETHAddress; }

    function stakeETH(address _referral) external payable returns (uint256) {
        uint256 shares = ILidoStETH(stETHAddress).submit{value: msg.value}(_referral);
        uint256 stETHAmount = ILidoStETH(stETHAddress).getPooledEthByShares(shares);
        ILidoStETHApprove(stETHAddress).approve(wstETHAddress, stETHAmount);
        uint256 wstETHAmount = ILidoWstETH(wstETHAddress).wrap(stETHAmount);
        ILidoWstETH(wstETHAddress).transfer(msg.sender, wstETHAmount);
        return wstETHAmount;
    }

    receive() external payable {
        revert EthTransferNotAllowed();
    }
}

interface ILidoStETHApprove {
    function approve(address _spender, uint256 _amount) external returns (bool);
}
