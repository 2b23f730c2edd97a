// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./EtherFiCommon.sol";

/// ether.fi DepositAdapter replica (mainnet 0xcfC6d9Bd7411962Bfe7145451A7EF71A24b6A7A2): ETH -> eETH -> weETH in one
/// call. Only the ETH path is replicated (WETH/stETH/wstETH paths are not part of this devnet).
contract DepositAdapter {
    enum SourceOfFunds { ETH, WETH, STETH, WSTETH }

    address public constant wETH = 0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2;
    address public constant stETH = 0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84;
    address public constant wstETH = 0x7f39C581F595B53c5cb19bD0b3f8dA6c935E2Ca0;

    IEtherFiPool public liquidityPool;
    IEtherFiEETH public eETH;
    IEtherFiWeETH public weETH;
    address public liquifier;
    IEtherFiBlacklister public blacklister;

    event AdapterDeposit(address indexed sender, uint256 amount, SourceOfFunds source, address referral);

    error EthTransfersNotAccepted();

    function devnetInitialize(address liquidityPool_, address eETH_, address weETH_, address liquifier_, address blacklister_) external {
        require(address(liquidityPool) == address(0), "already initialized");
        liquidityPool = IEtherFiPool(liquidityPool_);
        eETH = IEtherFiEETH(eETH_);
        weETH = IEtherFiWeETH(weETH_);
        liquifier = liquifier_;
        blacklister = IEtherFiBlacklister(blacklister_);
        eETH.approve(weETH_, type(uint256).max);
    }

    function depositETHForWeETH(address _referral) external payable returns (uint256) {
        blacklister.nonBlacklisted(msg.sender);
        uint256 eETHShares = liquidityPool.deposit{value: msg.value}(_referral);
        uint256 eETHAmount = liquidityPool.amountForShare(eETHShares);
        uint256 weETHAmount = weETH.wrap(eETHAmount);
        weETH.transfer(msg.sender, weETHAmount);
        emit AdapterDeposit(msg.sender, msg.value, SourceOfFunds.ETH, _referral);
        return weETHAmount;
    }

    receive() external payable {
        if (msg.sender != wETH) revert EthTransfersNotAccepted();
    }
}
