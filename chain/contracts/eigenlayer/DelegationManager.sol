// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./ELCommon.sol";

/// DelegationManager replica (1.9.0 ABI): operators, delegation, slashing-aware share accounting (deposit scaling
/// factor x operator max magnitude, shared/protocols/eigenlayer.md §5.3) and the withdrawal queue.
contract DelegationManager is ELPausableBase {
    using ELWad for uint256;

    error ActivelyDelegated();
    error CallerCannotUndelegate();
    error FullySlashed();
    error InputArrayLengthMismatch();
    error InputArrayLengthZero();
    error InvalidDepositScalingFactor();
    error InvalidPermissions();
    error InvalidSignature();
    error NotActivelyDelegated();
    error OnlyAllocationManager();
    error OnlyStrategyManagerOrEigenPodManager();
    error OperatorNotRegistered();
    error OperatorsCannotUndelegate();
    error SaltSpent();
    error SignatureExpired();
    error WithdrawalDelayNotElapsed();
    error WithdrawalNotQueued();
    error WithdrawerNotCaller();

    struct SignatureWithExpiry { bytes signature; uint256 expiry; }
    struct QueuedWithdrawalParams { address[] strategies; uint256[] depositShares; address __deprecated_withdrawer; }
    struct Withdrawal {
        address staker;
        address delegatedTo;
        address withdrawer;
        uint256 nonce;
        uint32 startBlock;
        address[] strategies;
        uint256[] scaledShares;
    }

    event DelegationApproverUpdated(address indexed operator, address newDelegationApprover);
    event DepositScalingFactorUpdated(address staker, address strategy, uint256 newDepositScalingFactor);
    event OperatorMetadataURIUpdated(address indexed operator, string metadataURI);
    event OperatorRegistered(address indexed operator, address delegationApprover);
    event OperatorSharesDecreased(address indexed operator, address staker, address strategy, uint256 shares);
    event OperatorSharesIncreased(address indexed operator, address staker, address strategy, uint256 shares);
    event OperatorSharesSlashed(address indexed operator, address strategy, uint256 totalSlashedShares);
    event SlashingWithdrawalCompleted(bytes32 withdrawalRoot);
    event SlashingWithdrawalQueued(bytes32 withdrawalRoot, Withdrawal withdrawal, uint256[] sharesToWithdraw);
    event StakerDelegated(address indexed staker, address indexed operator);
    event StakerForceUndelegated(address indexed staker, address indexed operator);
    event StakerUndelegated(address indexed staker, address indexed operator);

    bytes32 public constant DELEGATION_APPROVAL_TYPEHASH =
        keccak256("DelegationApproval(address delegationApprover,address staker,address operator,bytes32 salt,uint256 expiry)");
    uint256 internal constant WAD = 1e18;
    uint8 internal constant PAUSED_NEW_DELEGATION = 0;
    uint8 internal constant PAUSED_ENTER_WITHDRAWAL_QUEUE = 1;
    uint8 internal constant PAUSED_EXIT_WITHDRAWAL_QUEUE = 2;

    mapping(address => mapping(address => uint256)) public operatorShares;
    mapping(address => address) internal _delegationApprover;
    mapping(address => address) public delegatedTo;
    mapping(address => uint256) public cumulativeWithdrawalsQueued;
    mapping(bytes32 => bool) public pendingWithdrawals;
    mapping(address => mapping(bytes32 => bool)) public delegationApproverSaltIsSpent;
    mapping(address => mapping(address => uint256)) internal _dsf;
    mapping(bytes32 => Withdrawal) internal _queuedWithdrawals;
    mapping(address => bytes32[]) internal _stakerQueuedRoots;
    /// Constructor immutable as in the real contract (100800 on mainnet, 50 on testnets); the devnet build passes a
    /// testnet-like value (chain/deploy/eigenlayer.mjs), so passing the delay is a matter of mining blocks.
    uint32 internal immutable MIN_WITHDRAWAL_DELAY_BLOCKS;

    modifier onlyStrategyManagerOrEigenPodManager() {
        if (msg.sender != ELAddrs.STRATEGY_MANAGER && msg.sender != ELAddrs.EIGEN_POD_MANAGER) revert OnlyStrategyManagerOrEigenPodManager();
        _;
    }

    constructor(uint32 minWithdrawalDelayBlocks_) {
        MIN_WITHDRAWAL_DELAY_BLOCKS = minWithdrawalDelayBlocks_;
    }

    function initialize(uint256 initialPausedStatus) external initializer {
        _pausedStatus = initialPausedStatus;
        _reentrancyStatus = 1;
    }

    // ---------------------------------------------------------------- operators

    function registerAsOperator(address initDelegationApprover, uint32 allocationDelay, string calldata metadataURI) external nonReentrant {
        if (isDelegated(msg.sender)) revert ActivelyDelegated();
        IELAllocationManager(ELAddrs.ALLOCATION_MANAGER).setAllocationDelay(msg.sender, allocationDelay);
        _setDelegationApprover(msg.sender, initDelegationApprover);
        // As the real contract: self-delegation (pause-gated by PAUSED_NEW_DELEGATION) comes before OperatorRegistered.
        _delegate(msg.sender, msg.sender);
        emit OperatorRegistered(msg.sender, initDelegationApprover);
        emit OperatorMetadataURIUpdated(msg.sender, metadataURI);
    }

    function modifyOperatorDetails(address operator, address newDelegationApprover) external {
        _checkOperatorCaller(operator);
        _setDelegationApprover(operator, newDelegationApprover);
    }

    function updateOperatorMetadataURI(address operator, string calldata metadataURI) external {
        _checkOperatorCaller(operator);
        emit OperatorMetadataURIUpdated(operator, metadataURI);
    }

    // ---------------------------------------------------------------- stakers

    function delegateTo(address operator, SignatureWithExpiry memory approverSignatureAndExpiry, bytes32 approverSalt)
        external nonReentrant
    {
        _delegateTo(operator, approverSignatureAndExpiry, approverSalt);
    }

    /// The real delegateTo body: argument checks, then the approver signature, then the pause-gated _delegate.
    function _delegateTo(address operator, SignatureWithExpiry memory approverSignatureAndExpiry, bytes32 approverSalt) internal {
        if (isDelegated(msg.sender)) revert ActivelyDelegated();
        if (!isOperator(operator)) revert OperatorNotRegistered();
        _checkApproverSignature(msg.sender, operator, approverSignatureAndExpiry, approverSalt);
        _delegate(msg.sender, operator);
    }

    function undelegate(address staker) external nonReentrant returns (bytes32[] memory withdrawalRoots) {
        return _undelegateChecked(staker);
    }

    /// The real undelegate body: argument and caller checks before the pause-gated _undelegate.
    function _undelegateChecked(address staker) internal returns (bytes32[] memory) {
        if (!isDelegated(staker)) revert NotActivelyDelegated();
        if (isOperator(staker)) revert OperatorsCannotUndelegate();
        if (msg.sender != staker) {
            address operator = delegatedTo[staker];
            if (msg.sender != operator && msg.sender != _delegationApprover[operator]) revert CallerCannotUndelegate();
            emit StakerForceUndelegated(staker, operator);
        }
        return _undelegate(staker);
    }

    /// As the real contract: undelegate(msg.sender) then delegateTo(newOperator), with their checks in that order.
    function redelegate(address newOperator, SignatureWithExpiry memory newOperatorApproverSig, bytes32 approverSalt)
        external nonReentrant returns (bytes32[] memory withdrawalRoots)
    {
        withdrawalRoots = _undelegateChecked(msg.sender);
        _delegateTo(newOperator, newOperatorApproverSig, approverSalt);
    }

    function queueWithdrawals(QueuedWithdrawalParams[] calldata params) external onlyWhenNotPaused(PAUSED_ENTER_WITHDRAWAL_QUEUE) nonReentrant returns (bytes32[] memory) {
        bytes32[] memory roots = new bytes32[](params.length);
        address operator = delegatedTo[msg.sender];
        for (uint256 i = 0; i < params.length; ++i) {
            if (params[i].strategies.length != params[i].depositShares.length) revert InputArrayLengthMismatch();
            uint256[] memory factors = _slashingFactors(operator, params[i].strategies);
            roots[i] = _removeSharesAndQueueWithdrawal(msg.sender, operator, params[i].strategies, params[i].depositShares, factors);
        }
        return roots;
    }

    function completeQueuedWithdrawal(Withdrawal calldata withdrawal, address[] calldata tokens, bool receiveAsTokens)
        external onlyWhenNotPaused(PAUSED_EXIT_WITHDRAWAL_QUEUE) nonReentrant
    {
        _completeQueuedWithdrawal(withdrawal, tokens, receiveAsTokens);
    }

    function completeQueuedWithdrawals(Withdrawal[] calldata withdrawals, address[][] calldata tokens, bool[] calldata receiveAsTokens)
        external onlyWhenNotPaused(PAUSED_EXIT_WITHDRAWAL_QUEUE) nonReentrant
    {
        if (withdrawals.length != tokens.length || withdrawals.length != receiveAsTokens.length) revert InputArrayLengthMismatch();
        for (uint256 i = 0; i < withdrawals.length; ++i) _completeQueuedWithdrawal(withdrawals[i], tokens[i], receiveAsTokens[i]);
    }

    // ---------------------------------------------------------------- hooks (StrategyManager / AllocationManager)

    function increaseDelegatedShares(address staker, address strategy, uint256 prevDepositShares, uint256 addedShares) external onlyStrategyManagerOrEigenPodManager {
        address operator = delegatedTo[staker];
        uint256 slashingFactor = _slashingFactor(operator, strategy);
        _increaseDelegation(operator, staker, strategy, prevDepositShares, addedShares, slashingFactor);
    }

    /// Called by the AllocationManager when an operator is slashed: removes shares - ceil(shares * new / prev).
    function slashOperatorShares(address operator, OperatorSet calldata, uint256, address strategy, uint64 prevMaxMagnitude, uint64 newMaxMagnitude)
        external returns (uint256 totalDepositSharesToSlash)
    {
        if (msg.sender != ELAddrs.ALLOCATION_MANAGER) revert OnlyAllocationManager();
        uint256 opShares = operatorShares[operator][strategy];
        uint256 slashed = opShares - ELWad.mulDivUp(opShares, newMaxMagnitude, prevMaxMagnitude);
        operatorShares[operator][strategy] = opShares - slashed;
        emit OperatorSharesSlashed(operator, strategy, slashed);
        return slashed;
    }

    // ---------------------------------------------------------------- views

    function isDelegated(address staker) public view returns (bool) { return delegatedTo[staker] != address(0); }
    function isOperator(address operator) public view returns (bool) { return operator != address(0) && delegatedTo[operator] == operator; }
    function delegationApprover(address operator) external view returns (address) { return _delegationApprover[operator]; }
    function minWithdrawalDelayBlocks() external view returns (uint32) { return MIN_WITHDRAWAL_DELAY_BLOCKS; }
    function beaconChainETHStrategy() external view returns (address) { return ELAddrs.BEACON_CHAIN_ETH_STRATEGY; }
    function strategyManager() external view returns (address) { return ELAddrs.STRATEGY_MANAGER; }
    function eigenPodManager() external view returns (address) { return ELAddrs.EIGEN_POD_MANAGER; }
    function allocationManager() external view returns (address) { return ELAddrs.ALLOCATION_MANAGER; }
    function permissionController() external view returns (address) { return ELAddrs.PERMISSION_CONTROLLER; }
    function domainSeparator() external view returns (bytes32) { return _elDomainSeparator(); }
    function version() external view returns (string memory) { return "1.9.0"; }

    function depositScalingFactor(address staker, address strategy) public view returns (uint256) {
        uint256 f = _dsf[staker][strategy];
        return f == 0 ? WAD : f;
    }

    function calculateWithdrawalRoot(Withdrawal memory withdrawal) public pure returns (bytes32) {
        return keccak256(abi.encode(withdrawal));
    }

    function calculateDelegationApprovalDigestHash(address staker, address operator, address approver, bytes32 approverSalt, uint256 expiry)
        public view returns (bytes32)
    {
        bytes32 structHash = keccak256(abi.encode(DELEGATION_APPROVAL_TYPEHASH, approver, staker, operator, approverSalt, expiry));
        return keccak256(abi.encodePacked("\x19\x01", _elDomainSeparator(), structHash));
    }

    function getOperatorShares(address operator, address[] memory strategies) public view returns (uint256[] memory) {
        uint256[] memory out = new uint256[](strategies.length);
        for (uint256 i = 0; i < strategies.length; ++i) out[i] = operatorShares[operator][strategies[i]];
        return out;
    }

    function getOperatorsShares(address[] memory operators, address[] memory strategies) external view returns (uint256[][] memory) {
        uint256[][] memory out = new uint256[][](operators.length);
        for (uint256 i = 0; i < operators.length; ++i) out[i] = getOperatorShares(operators[i], strategies);
        return out;
    }

    /// StrategyManager deposits (native beacon-chain ETH is out of scope on the devnet).
    function getDepositedShares(address staker) public view returns (address[] memory, uint256[] memory) {
        return IELStrategyManager(ELAddrs.STRATEGY_MANAGER).getDeposits(staker);
    }

    function getWithdrawableShares(address staker, address[] memory strategies)
        public view returns (uint256[] memory withdrawableShares, uint256[] memory depositShares)
    {
        address operator = delegatedTo[staker];
        withdrawableShares = new uint256[](strategies.length);
        depositShares = new uint256[](strategies.length);
        for (uint256 i = 0; i < strategies.length; ++i) {
            if (strategies[i] == ELAddrs.BEACON_CHAIN_ETH_STRATEGY) continue;
            depositShares[i] = IELStrategyManager(ELAddrs.STRATEGY_MANAGER).stakerDepositShares(staker, strategies[i]);
            withdrawableShares[i] = depositShares[i].mulWad(depositScalingFactor(staker, strategies[i])).mulWad(_slashingFactor(operator, strategies[i]));
        }
    }

    function convertToDepositShares(address staker, address[] memory strategies, uint256[] memory withdrawableShares) external view returns (uint256[] memory) {
        address operator = delegatedTo[staker];
        uint256[] memory out = new uint256[](strategies.length);
        for (uint256 i = 0; i < strategies.length; ++i) {
            out[i] = withdrawableShares[i].divWad(depositScalingFactor(staker, strategies[i])).divWad(_slashingFactor(operator, strategies[i]));
        }
        return out;
    }

    function queuedWithdrawals(bytes32 withdrawalRoot) external view returns (Withdrawal memory withdrawal) {
        return _queuedWithdrawals[withdrawalRoot];
    }

    function getQueuedWithdrawal(bytes32 withdrawalRoot) public view returns (Withdrawal memory withdrawal, uint256[] memory shares) {
        withdrawal = _queuedWithdrawals[withdrawalRoot];
        shares = _sharesByWithdrawal(withdrawal);
    }

    function getQueuedWithdrawalRoots(address staker) external view returns (bytes32[] memory) {
        return _stakerQueuedRoots[staker];
    }

    function getQueuedWithdrawals(address staker) external view returns (Withdrawal[] memory withdrawals, uint256[][] memory shares) {
        bytes32[] storage roots = _stakerQueuedRoots[staker];
        withdrawals = new Withdrawal[](roots.length);
        shares = new uint256[][](roots.length);
        for (uint256 i = 0; i < roots.length; ++i) (withdrawals[i], shares[i]) = getQueuedWithdrawal(roots[i]);
    }

    // ---------------------------------------------------------------- internals

    function _checkOperatorCaller(address operator) internal view {
        if (!isOperator(operator)) revert OperatorNotRegistered();
        if (msg.sender != operator) revert InvalidPermissions();
    }

    function _setDelegationApprover(address operator, address approver) internal {
        _delegationApprover[operator] = approver;
        emit DelegationApproverUpdated(operator, approver);
    }

    function _checkApproverSignature(address staker, address operator, SignatureWithExpiry memory sig, bytes32 salt) internal {
        address approver = _delegationApprover[operator];
        // As the real contract: no skip when the approver itself calls; its signature is checked like anyone's.
        if (approver == address(0)) return;
        if (delegationApproverSaltIsSpent[approver][salt]) revert SaltSpent();
        if (sig.expiry < block.timestamp) revert SignatureExpired();
        bytes32 digest = calculateDelegationApprovalDigestHash(staker, operator, approver, salt, sig.expiry);
        if (!ELSig.isValidNow(approver, digest, sig.signature)) revert InvalidSignature();
        delegationApproverSaltIsSpent[approver][salt] = true;
    }

    function _slashingFactor(address operator, address strategy) internal view returns (uint256) {
        if (operator == address(0)) return WAD;
        return IELAllocationManager(ELAddrs.ALLOCATION_MANAGER).getMaxMagnitude(operator, strategy);
    }

    function _slashingFactors(address operator, address[] memory strategies) internal view returns (uint256[] memory factors) {
        factors = new uint256[](strategies.length);
        for (uint256 i = 0; i < strategies.length; ++i) factors[i] = _slashingFactor(operator, strategies[i]);
    }

    function _delegate(address staker, address operator) internal onlyWhenNotPaused(PAUSED_NEW_DELEGATION) {
        delegatedTo[staker] = operator;
        emit StakerDelegated(staker, operator);
        (address[] memory strategies, uint256[] memory shares) = getDepositedShares(staker);
        for (uint256 i = 0; i < strategies.length; ++i) {
            uint256 factor = _slashingFactor(operator, strategies[i]);
            // Delegating treats the whole deposit as newly added against the new operator (forgives its past slashes).
            _increaseDelegation(operator, staker, strategies[i], 0, shares[i], factor);
        }
    }

    function _increaseDelegation(address operator, address staker, address strategy, uint256 prevDepositShares, uint256 addedShares, uint256 slashingFactor) internal {
        if (slashingFactor == 0) revert FullySlashed();
        if (addedShares == 0) return;
        uint256 current = depositScalingFactor(staker, strategy);
        uint256 newDsf;
        if (prevDepositShares == 0) {
            newDsf = current.divWad(slashingFactor);
        } else {
            uint256 currWithdrawable = prevDepositShares.mulWad(current).mulWad(slashingFactor);
            newDsf = (currWithdrawable + addedShares).divWad(prevDepositShares + addedShares).divWad(slashingFactor);
        }
        if (newDsf == 0) revert InvalidDepositScalingFactor();
        _dsf[staker][strategy] = newDsf;
        emit DepositScalingFactorUpdated(staker, strategy, newDsf);
        if (!isDelegated(staker)) return;
        // The real contract adds exactly the added deposit shares (the scaling factor absorbs the slashing).
        operatorShares[operator][strategy] += addedShares;
        emit OperatorSharesIncreased(operator, staker, strategy, addedShares);
    }

    function _undelegate(address staker) internal onlyWhenNotPaused(PAUSED_ENTER_WITHDRAWAL_QUEUE) returns (bytes32[] memory roots) {
        address operator = delegatedTo[staker];
        emit StakerUndelegated(staker, operator);
        delegatedTo[staker] = address(0);
        (address[] memory strategies, uint256[] memory shares) = getDepositedShares(staker);
        uint256[] memory factors = _slashingFactors(operator, strategies);
        roots = new bytes32[](strategies.length);
        for (uint256 i = 0; i < strategies.length; ++i) {
            address[] memory one = new address[](1);
            one[0] = strategies[i];
            uint256[] memory oneShares = new uint256[](1);
            oneShares[0] = shares[i];
            uint256[] memory oneFactor = new uint256[](1);
            oneFactor[0] = factors[i];
            roots[i] = _removeSharesAndQueueWithdrawal(staker, operator, one, oneShares, oneFactor);
        }
    }

    function _removeSharesAndQueueWithdrawal(address staker, address operator, address[] memory strategies, uint256[] memory depositShares, uint256[] memory factors)
        internal returns (bytes32 root)
    {
        if (strategies.length == 0) revert InputArrayLengthZero();
        uint256[] memory scaledShares = new uint256[](strategies.length);
        uint256[] memory withdrawableShares = new uint256[](strategies.length);
        for (uint256 i = 0; i < strategies.length; ++i) {
            uint256 dsf = depositScalingFactor(staker, strategies[i]);
            withdrawableShares[i] = depositShares[i].mulWad(dsf).mulWad(factors[i]);
            scaledShares[i] = depositShares[i].mulWad(dsf);
            if (operator != address(0)) {
                operatorShares[operator][strategies[i]] -= withdrawableShares[i];
                emit OperatorSharesDecreased(operator, staker, strategies[i], withdrawableShares[i]);
            }
            uint256 remaining = IELStrategyManager(ELAddrs.STRATEGY_MANAGER).removeDepositShares(staker, strategies[i], depositShares[i]);
            if (remaining == 0) {
                _dsf[staker][strategies[i]] = WAD;
                emit DepositScalingFactorUpdated(staker, strategies[i], WAD);
            }
        }
        uint256 nonce = cumulativeWithdrawalsQueued[staker];
        cumulativeWithdrawalsQueued[staker] = nonce + 1;
        Withdrawal memory withdrawal = Withdrawal({
            staker: staker, delegatedTo: operator, withdrawer: staker, nonce: nonce, startBlock: uint32(block.number),
            strategies: strategies, scaledShares: scaledShares
        });
        root = calculateWithdrawalRoot(withdrawal);
        pendingWithdrawals[root] = true;
        _queuedWithdrawals[root] = withdrawal;
        _stakerQueuedRoots[staker].push(root);
        emit SlashingWithdrawalQueued(root, withdrawal, withdrawableShares);
    }

    /// Shares a withdrawal pays: scaledShares x max magnitude of withdrawal.delegatedTo at min(now, startBlock + delay).
    function _sharesByWithdrawal(Withdrawal memory withdrawal) internal view returns (uint256[] memory shares) {
        shares = new uint256[](withdrawal.strategies.length);
        if (withdrawal.strategies.length == 0) return shares;
        uint32 slashableUntil = withdrawal.startBlock + MIN_WITHDRAWAL_DELAY_BLOCKS;
        uint32 at = uint32(block.number) < slashableUntil ? uint32(block.number) : slashableUntil;
        uint64[] memory mags = _magnitudesAt(withdrawal.delegatedTo, withdrawal.strategies, at);
        for (uint256 i = 0; i < shares.length; ++i) shares[i] = withdrawal.scaledShares[i].mulWad(mags[i]);
    }

    function _magnitudesAt(address operator, address[] memory strategies, uint32 blockNumber) internal view returns (uint64[] memory mags) {
        if (operator == address(0)) {
            mags = new uint64[](strategies.length);
            for (uint256 i = 0; i < mags.length; ++i) mags[i] = uint64(WAD);
            return mags;
        }
        return IELAllocationManager(ELAddrs.ALLOCATION_MANAGER).getMaxMagnitudesAtBlock(operator, strategies, blockNumber);
    }

    function _completeQueuedWithdrawal(Withdrawal calldata withdrawal, address[] calldata tokens, bool receiveAsTokens) internal {
        if (tokens.length != withdrawal.strategies.length) revert InputArrayLengthMismatch();
        if (msg.sender != withdrawal.withdrawer) revert WithdrawerNotCaller();
        bytes32 root = calculateWithdrawalRoot(withdrawal);
        if (!pendingWithdrawals[root]) revert WithdrawalNotQueued();
        uint32 slashableUntil = withdrawal.startBlock + MIN_WITHDRAWAL_DELAY_BLOCKS;
        if (uint32(block.number) <= slashableUntil) revert WithdrawalDelayNotElapsed();
        uint64[] memory mags = _magnitudesAt(withdrawal.delegatedTo, withdrawal.strategies, slashableUntil);

        delete _queuedWithdrawals[root];
        pendingWithdrawals[root] = false;
        _removeQueuedRoot(withdrawal.staker, root);
        // As the real contract: the completion event precedes the payout's transfers and share events.
        emit SlashingWithdrawalCompleted(root);

        for (uint256 i = 0; i < withdrawal.strategies.length; ++i) {
            uint256 sharesToWithdraw = withdrawal.scaledShares[i].mulWad(mags[i]);
            if (sharesToWithdraw == 0) continue;
            if (receiveAsTokens) {
                IELStrategyManager(ELAddrs.STRATEGY_MANAGER).withdrawSharesAsTokens(withdrawal.staker, withdrawal.strategies[i], tokens[i], sharesToWithdraw);
            } else {
                _redepositShares(withdrawal.staker, withdrawal.strategies[i], sharesToWithdraw);
            }
        }
    }

    /// Completion as shares: credit the staker again and delegate to its operator at completion time.
    function _redepositShares(address staker, address strategy, uint256 shares) internal {
        address newOperator = delegatedTo[staker];
        (uint256 prevDepositShares, uint256 addedShares) = IELStrategyManager(ELAddrs.STRATEGY_MANAGER).addShares(staker, strategy, shares);
        _increaseDelegation(newOperator, staker, strategy, prevDepositShares, addedShares, _slashingFactor(newOperator, strategy));
    }

    function _removeQueuedRoot(address staker, bytes32 root) internal {
        bytes32[] storage roots = _stakerQueuedRoots[staker];
        uint256 n = roots.length;
        for (uint256 i = 0; i < n; ++i) {
            if (roots[i] == root) {
                roots[i] = roots[n - 1];
                roots.pop();
                return;
            }
        }
    }
}
