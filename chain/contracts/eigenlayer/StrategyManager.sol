// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./ELCommon.sol";

/// StrategyManager replica (1.13.0 ABI): LST deposits into whitelisted strategies, deposit-share bookkeeping per
/// staker, EIP-712 deposits on behalf of a staker, and the DelegationManager-only share hooks used by withdrawals.
contract StrategyManager is ELPausableBase {
    error StrategyNotWhitelisted();
    error MaxStrategiesExceeded();
    error SharesAmountZero();
    error SharesAmountTooHigh();
    error StakerAddressZero();
    error StrategyNotFound();
    error OnlyDelegationManager();
    error OnlyStrategyWhitelister();
    error SignatureExpired();
    error InvalidSignature();

    event Deposit(address staker, address strategy, uint256 shares);
    event StrategyAddedToDepositWhitelist(address strategy);
    event StrategyRemovedFromDepositWhitelist(address strategy);
    event StrategyWhitelisterChanged(address previousAddress, address newAddress);
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);

    bytes32 public constant DEPOSIT_TYPEHASH =
        keccak256("Deposit(address staker,address strategy,address token,uint256 amount,uint256 nonce,uint256 expiry)");
    uint8 internal constant MAX_STAKER_STRATEGY_LIST_LENGTH = 32;
    uint32 public constant SLASH_RESOLUTION_DELAY_BLOCKS = 50400;
    uint8 internal constant PAUSED_DEPOSITS = 0;

    address public owner;
    address public strategyWhitelister;
    mapping(address => uint256) public nonces;
    mapping(address => mapping(address => uint256)) public stakerDepositShares;
    mapping(address => address[]) internal _stakerStrategyList;
    mapping(address => bool) public strategyIsWhitelistedForDeposit;

    modifier onlyDelegationManager() {
        if (msg.sender != ELAddrs.DELEGATION_MANAGER) revert OnlyDelegationManager();
        _;
    }

    modifier onlyStrategyWhitelister() {
        if (msg.sender != strategyWhitelister) revert OnlyStrategyWhitelister();
        _;
    }

    modifier onlyOwner() {
        require(msg.sender == owner, "Ownable: caller is not the owner");
        _;
    }

    function initialize(address initialOwner, address initialStrategyWhitelister, uint256 initialPausedStatus) external initializer {
        _pausedStatus = initialPausedStatus;
        _reentrancyStatus = 1;
        _transferOwnership(initialOwner);
        _setStrategyWhitelister(initialStrategyWhitelister);
    }

    // ---------------------------------------------------------------- staker entry points

    function depositIntoStrategy(address strategy, address token, uint256 amount)
        external onlyWhenNotPaused(PAUSED_DEPOSITS) nonReentrant returns (uint256 depositShares)
    {
        depositShares = _depositIntoStrategy(msg.sender, strategy, token, amount);
    }

    function depositIntoStrategyWithSignature(address strategy, address token, uint256 amount, address staker, uint256 expiry, bytes memory signature)
        external onlyWhenNotPaused(PAUSED_DEPOSITS) nonReentrant returns (uint256 depositShares)
    {
        uint256 nonce = nonces[staker];
        bytes32 digest = calculateStrategyDepositDigestHash(staker, strategy, token, amount, nonce, expiry);
        unchecked { nonces[staker] = nonce + 1; }
        if (expiry < block.timestamp) revert SignatureExpired();
        if (!ELSig.isValidNow(staker, digest, signature)) revert InvalidSignature();
        depositShares = _depositIntoStrategy(staker, strategy, token, amount);
    }

    // ---------------------------------------------------------------- DelegationManager hooks

    function addShares(address staker, address strategy, uint256 shares) external onlyDelegationManager nonReentrant returns (uint256, uint256) {
        return _addShares(staker, strategy, shares);
    }

    function removeDepositShares(address staker, address strategy, uint256 depositSharesToRemove) external onlyDelegationManager nonReentrant returns (uint256) {
        if (depositSharesToRemove == 0) revert SharesAmountZero();
        uint256 current = stakerDepositShares[staker][strategy];
        if (depositSharesToRemove > current) revert SharesAmountTooHigh();
        uint256 remaining = current - depositSharesToRemove;
        stakerDepositShares[staker][strategy] = remaining;
        if (remaining == 0) _removeStrategyFromStakerStrategyList(staker, strategy);
        IELStrategy(strategy).beforeRemoveShares(staker, depositSharesToRemove);
        return remaining;
    }

    function withdrawSharesAsTokens(address staker, address strategy, address token, uint256 shares) external onlyDelegationManager nonReentrant {
        IELStrategy(strategy).withdraw(staker, token, shares);
    }

    // ---------------------------------------------------------------- whitelist / owner

    function addStrategiesToDepositWhitelist(address[] calldata strategiesToWhitelist) external onlyStrategyWhitelister {
        for (uint256 i = 0; i < strategiesToWhitelist.length; ++i) {
            if (!strategyIsWhitelistedForDeposit[strategiesToWhitelist[i]]) {
                strategyIsWhitelistedForDeposit[strategiesToWhitelist[i]] = true;
                emit StrategyAddedToDepositWhitelist(strategiesToWhitelist[i]);
            }
        }
    }

    function removeStrategiesFromDepositWhitelist(address[] calldata strategiesToRemoveFromWhitelist) external onlyStrategyWhitelister {
        for (uint256 i = 0; i < strategiesToRemoveFromWhitelist.length; ++i) {
            if (strategyIsWhitelistedForDeposit[strategiesToRemoveFromWhitelist[i]]) {
                strategyIsWhitelistedForDeposit[strategiesToRemoveFromWhitelist[i]] = false;
                emit StrategyRemovedFromDepositWhitelist(strategiesToRemoveFromWhitelist[i]);
            }
        }
    }

    function setStrategyWhitelister(address newStrategyWhitelister) external onlyOwner {
        _setStrategyWhitelister(newStrategyWhitelister);
    }

    function transferOwnership(address newOwner) external onlyOwner {
        require(newOwner != address(0), "Ownable: new owner is the zero address");
        _transferOwnership(newOwner);
    }

    function renounceOwnership() external onlyOwner {
        _transferOwnership(address(0));
    }

    // ---------------------------------------------------------------- views

    function getDeposits(address staker) external view returns (address[] memory, uint256[] memory) {
        address[] memory strategies = _stakerStrategyList[staker];
        uint256[] memory depositedShares = new uint256[](strategies.length);
        for (uint256 i = 0; i < strategies.length; ++i) depositedShares[i] = stakerDepositShares[staker][strategies[i]];
        return (strategies, depositedShares);
    }

    function getStakerStrategyList(address staker) external view returns (address[] memory) {
        return _stakerStrategyList[staker];
    }

    function stakerStrategyList(address staker, uint256 index) external view returns (address strategies) {
        return _stakerStrategyList[staker][index];
    }

    function stakerStrategyListLength(address staker) external view returns (uint256) {
        return _stakerStrategyList[staker].length;
    }

    function calculateStrategyDepositDigestHash(address staker, address strategy, address token, uint256 amount, uint256 nonce, uint256 expiry)
        public view returns (bytes32)
    {
        bytes32 structHash = keccak256(abi.encode(DEPOSIT_TYPEHASH, staker, strategy, token, amount, nonce, expiry));
        return keccak256(abi.encodePacked("\x19\x01", _elDomainSeparator(), structHash));
    }

    function domainSeparator() external view returns (bytes32) { return _elDomainSeparator(); }
    function version() external view returns (string memory) { return "1.13.0"; }
    function delegation() external view returns (address) { return ELAddrs.DELEGATION_MANAGER; }
    function allocationManager() external view returns (address) { return ELAddrs.ALLOCATION_MANAGER; }
    function DEFAULT_BURN_ADDRESS() external view returns (address) { return ELAddrs.DEFAULT_BURN_ADDRESS; }

    // ---------------------------------------------------------------- internals

    function _depositIntoStrategy(address staker, address strategy, address token, uint256 amount) internal returns (uint256 shares) {
        if (!strategyIsWhitelistedForDeposit[strategy]) revert StrategyNotWhitelisted();
        _safeCall(token, abi.encodeWithSelector(IELERC20.transferFrom.selector, msg.sender, strategy, amount));
        shares = IELStrategy(strategy).deposit(token, amount);
        (uint256 prevDepositShares, uint256 addedShares) = _addShares(staker, strategy, shares);
        IELDelegationManager(ELAddrs.DELEGATION_MANAGER).increaseDelegatedShares(staker, strategy, prevDepositShares, addedShares);
    }

    function _addShares(address staker, address strategy, uint256 shares) internal returns (uint256, uint256) {
        if (staker == address(0)) revert StakerAddressZero();
        if (shares == 0) revert SharesAmountZero();
        IELStrategy(strategy).beforeAddShares(staker, shares);
        uint256 prevDepositShares = stakerDepositShares[staker][strategy];
        if (prevDepositShares == 0) {
            if (_stakerStrategyList[staker].length >= MAX_STAKER_STRATEGY_LIST_LENGTH) revert MaxStrategiesExceeded();
            _stakerStrategyList[staker].push(strategy);
        }
        stakerDepositShares[staker][strategy] = prevDepositShares + shares;
        emit Deposit(staker, strategy, shares);
        return (prevDepositShares, shares);
    }

    function _removeStrategyFromStakerStrategyList(address staker, address strategy) internal {
        address[] storage list = _stakerStrategyList[staker];
        uint256 n = list.length;
        for (uint256 j = 0; j < n; ++j) {
            if (list[j] == strategy) {
                list[j] = list[n - 1];
                list.pop();
                return;
            }
        }
        revert StrategyNotFound();
    }

    function _setStrategyWhitelister(address newStrategyWhitelister) internal {
        emit StrategyWhitelisterChanged(strategyWhitelister, newStrategyWhitelister);
        strategyWhitelister = newStrategyWhitelister;
    }

    function _transferOwnership(address newOwner) internal {
        emit OwnershipTransferred(owner, newOwner);
        owner = newOwner;
    }
}
