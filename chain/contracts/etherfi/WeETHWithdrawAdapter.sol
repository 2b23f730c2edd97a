// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./EtherFiCommon.sol";

interface IEtherFiPoolRequest {
    function requestWithdraw(address recipient, uint256 amount) external returns (uint256);
}

/// ether.fi WeETHWithdrawAdapter replica (mainnet 0xFbfe6b9cEe0E555Bad7e2E7309EFFC75200cBE38): pulls weETH, unwraps it
/// and opens a LiquidityPool withdrawal request for the unwrapped eETH; the NFT goes to `recipient`.
contract WeETHWithdrawAdapter is EtherFiPausable {
    IEtherFiWeETH public weETH;
    IEtherFiEETH public eETH;
    IEtherFiPool public liquidityPool;
    IEtherFiBlacklister public blacklister;

    error ZeroAmount();
    error ZeroAddress();

    function devnetInitialize(address weETH_, address eETH_, address liquidityPool_, address blacklister_) external {
        _initOnce(1 days);
        weETH = IEtherFiWeETH(weETH_);
        eETH = IEtherFiEETH(eETH_);
        liquidityPool = IEtherFiPool(liquidityPool_);
        blacklister = IEtherFiBlacklister(blacklister_);
        eETH.approve(liquidityPool_, type(uint256).max);
    }

    function requestWithdraw(uint256 weETHAmount, address recipient) external nonReentrant whenNotPaused returns (uint256) {
        return _request(weETHAmount, recipient);
    }

    function requestWithdrawWithPermit(uint256 weETHAmount, address recipient, EtherFiPermitInput calldata permit)
        external nonReentrant whenNotPaused returns (uint256)
    {
        try weETH.permit(msg.sender, address(this), permit.value, permit.deadline, permit.v, permit.r, permit.s) {} catch {}
        return _request(weETHAmount, recipient);
    }

    function getEETHByWeETH(uint256 weETHAmount) external view returns (uint256) {
        return liquidityPool.amountForShare(weETHAmount);
    }

    function _request(uint256 weETHAmount, address recipient) internal returns (uint256) {
        if (weETHAmount == 0) revert ZeroAmount();
        if (recipient == address(0)) revert ZeroAddress();
        blacklister.nonBlacklisted(msg.sender);
        blacklister.nonBlacklisted(recipient);
        weETH.transferFrom(msg.sender, address(this), weETHAmount);
        uint256 eETHAmount = weETH.unwrap(weETHAmount);
        return IEtherFiPoolRequest(address(liquidityPool)).requestWithdraw(recipient, eETHAmount);
    }
}
