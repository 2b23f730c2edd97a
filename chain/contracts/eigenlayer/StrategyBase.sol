// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./ELCommon.sol";

/// StrategyBase replica: holds one ERC-20, accounts in shares with the 1e3/1e3 virtual offsets of the real
/// contract (share math in shared/protocols/eigenlayer.md §4.2). Only the StrategyManager moves funds.
contract StrategyBase is ELPausableBase {
    error OnlyStrategyManager();
    error OnlyUnderlyingToken();
    error NewSharesZero();
    error TotalSharesExceedsMax();
    error WithdrawalAmountExceedsTotalDeposits();
    error BalanceExceedsMaxTotalDeposits();
    error MaxPerDepositExceedsMax();

    event ExchangeRateEmitted(uint256 rate);
    event StrategyTokenSet(address token, uint8 decimals);

    uint256 internal constant SHARES_OFFSET = 1e3;
    uint256 internal constant BALANCE_OFFSET = 1e3;
    uint256 internal constant MAX_TOTAL_SHARES = 1e38 - 1;
    uint8 internal constant PAUSED_DEPOSITS = 0;
    uint8 internal constant PAUSED_WITHDRAWALS = 1;

    address public underlyingToken;
    uint256 public totalShares;

    modifier onlyStrategyManager() {
        if (msg.sender != ELAddrs.STRATEGY_MANAGER) revert OnlyStrategyManager();
        _;
    }

    function initialize(address _underlyingToken) public virtual initializer {
        _initializeStrategyBase(_underlyingToken);
    }

    function _initializeStrategyBase(address token) internal {
        underlyingToken = token;
        _reentrancyStatus = 1;
        emit StrategyTokenSet(token, IELERC20(token).decimals());
    }

    function strategyManager() external view returns (address) { return ELAddrs.STRATEGY_MANAGER; }

    function deposit(address token, uint256 amount) external virtual onlyWhenNotPaused(PAUSED_DEPOSITS) onlyStrategyManager returns (uint256 newShares) {
        _beforeDeposit(token, amount);
        uint256 priorTotalShares = totalShares;
        uint256 virtualShareAmount = priorTotalShares + SHARES_OFFSET;
        uint256 virtualTokenBalance = _tokenBalance() + BALANCE_OFFSET;
        // The tokens were already transferred in, so the balance before the deposit is the current one minus amount.
        uint256 virtualPriorTokenBalance = virtualTokenBalance - amount;
        newShares = (amount * virtualShareAmount) / virtualPriorTokenBalance;
        if (newShares == 0) revert NewSharesZero();
        totalShares = priorTotalShares + newShares;
        if (totalShares > MAX_TOTAL_SHARES) revert TotalSharesExceedsMax();
        _emitExchangeRate(virtualTokenBalance, totalShares + SHARES_OFFSET);
    }

    function withdraw(address recipient, address token, uint256 amountShares) external virtual onlyWhenNotPaused(PAUSED_WITHDRAWALS) onlyStrategyManager returns (uint256 amountOut) {
        if (token != underlyingToken) revert OnlyUnderlyingToken();
        uint256 priorTotalShares = totalShares;
        if (amountShares > priorTotalShares) revert WithdrawalAmountExceedsTotalDeposits();
        uint256 virtualPriorTotalShares = priorTotalShares + SHARES_OFFSET;
        uint256 virtualTokenBalance = _tokenBalance() + BALANCE_OFFSET;
        amountOut = (virtualTokenBalance * amountShares) / virtualPriorTotalShares;
        totalShares = priorTotalShares - amountShares;
        _emitExchangeRate(virtualTokenBalance - amountOut, totalShares + SHARES_OFFSET);
        if (amountOut != 0) _safeCall(token, abi.encodeWithSelector(IELERC20.transfer.selector, recipient, amountOut));
    }

    function beforeAddShares(address, uint256) external virtual onlyStrategyManager {}
    function beforeRemoveShares(address, uint256) external virtual onlyStrategyManager {}

    function explanation() external pure virtual returns (string memory) {
        return "Base Strategy implementation to inherit from for more complex implementations";
    }

    function sharesToUnderlyingView(uint256 amountShares) public view virtual returns (uint256) {
        return ((_tokenBalance() + BALANCE_OFFSET) * amountShares) / (totalShares + SHARES_OFFSET);
    }

    function sharesToUnderlying(uint256 amountShares) public view virtual returns (uint256) {
        return sharesToUnderlyingView(amountShares);
    }

    function underlyingToSharesView(uint256 amountUnderlying) public view virtual returns (uint256) {
        return (amountUnderlying * (totalShares + SHARES_OFFSET)) / (_tokenBalance() + BALANCE_OFFSET);
    }

    function underlyingToShares(uint256 amountUnderlying) external view virtual returns (uint256) {
        return underlyingToSharesView(amountUnderlying);
    }

    function userUnderlyingView(address user) external view virtual returns (uint256) {
        return sharesToUnderlyingView(shares(user));
    }

    function userUnderlying(address user) external virtual returns (uint256) {
        return sharesToUnderlying(shares(user));
    }

    function shares(address user) public view virtual returns (uint256) {
        return IELStrategyManager(ELAddrs.STRATEGY_MANAGER).stakerDepositShares(user, address(this));
    }

    function _beforeDeposit(address token, uint256) internal virtual {
        if (token != underlyingToken) revert OnlyUnderlyingToken();
    }

    function _tokenBalance() internal view returns (uint256) {
        return IELERC20(underlyingToken).balanceOf(address(this));
    }

    function _emitExchangeRate(uint256 virtualTokenBalance, uint256 virtualTotalShares) internal {
        emit ExchangeRateEmitted((1e18 * virtualTokenBalance) / virtualTotalShares);
    }
}

/// StrategyBaseTVLLimits replica: StrategyBase plus per-deposit and total-balance caps (the 12 legacy LST strategies).
contract StrategyBaseTVLLimits is StrategyBase {
    event MaxPerDepositUpdated(uint256 previousValue, uint256 newValue);
    event MaxTotalDepositsUpdated(uint256 previousValue, uint256 newValue);

    uint256 public maxPerDeposit;
    uint256 public maxTotalDeposits;

    function initialize(uint256 _maxPerDeposit, uint256 _maxTotalDeposits, address _underlyingToken) external initializer {
        _setTVLLimits(_maxPerDeposit, _maxTotalDeposits);
        _initializeStrategyBase(_underlyingToken);
    }

    function getTVLLimits() external view returns (uint256, uint256) {
        return (maxPerDeposit, maxTotalDeposits);
    }

    /// Real: only the unpauser may call it; here the devnet admin.
    function setTVLLimits(uint256 newMaxPerDeposit, uint256 newMaxTotalDeposits) external {
        if (msg.sender != ELAddrs.DEVNET_ADMIN) revert OnlyUnpauser();
        _setTVLLimits(newMaxPerDeposit, newMaxTotalDeposits);
    }

    function _setTVLLimits(uint256 newMaxPerDeposit, uint256 newMaxTotalDeposits) internal {
        emit MaxPerDepositUpdated(maxPerDeposit, newMaxPerDeposit);
        emit MaxTotalDepositsUpdated(maxTotalDeposits, newMaxTotalDeposits);
        if (newMaxPerDeposit > newMaxTotalDeposits) revert MaxPerDepositExceedsMax();
        maxPerDeposit = newMaxPerDeposit;
        maxTotalDeposits = newMaxTotalDeposits;
    }

    function _beforeDeposit(address token, uint256 amount) internal virtual override {
        if (amount > maxPerDeposit) revert MaxPerDepositExceedsMax();
        if (_tokenBalance() > maxTotalDeposits) revert BalanceExceedsMaxTotalDeposits();
        super._beforeDeposit(token, amount);
    }
}
