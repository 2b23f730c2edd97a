// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./ELCommon.sol";

/// AllocationManager replica (1.9.0 ABI, view half included): operator sets per AVS, membership, magnitude
/// allocations, max-magnitude history and slashing. Simplification: allocations take effect immediately
/// (no allocation/deallocation delay queue, pendingDiff always 0); the devnet admin may act for any AVS/operator.
interface IELAVSRegistrar {
    function registerOperator(address operator, address avs, uint32[] calldata operatorSetIds, bytes calldata data) external;
}

contract AllocationManager is ELPausableBase {
    error AlreadyMemberOfSet();
    error NotMemberOfSet();
    error InputArrayLengthMismatch();
    error InsufficientMagnitude();
    error InvalidCaller();
    error InvalidOperator();
    error InvalidOperatorSet();
    error InvalidPermissions();
    error InvalidWadToSlash();
    error NonexistentAVSMetadata();
    error OperatorNotSlashable();
    error SameMagnitude();
    error StrategiesMustBeInAscendingOrder();
    error StrategyAlreadyInOperatorSet();
    error StrategyNotInOperatorSet();
    error UninitializedAllocationDelay();

    struct CreateSetParams { uint32 operatorSetId; address[] strategies; }
    struct RegisterParams { address avs; uint32[] operatorSetIds; bytes data; }
    struct AllocateParams { OperatorSet operatorSet; address[] strategies; uint64[] newMagnitudes; }
    struct SlashingParams { address operator; uint32 operatorSetId; address[] strategies; uint256[] wadsToSlash; string description; }
    struct Allocation { uint64 currentMagnitude; int128 pendingDiff; uint32 effectBlock; }
    struct MagnitudeCheckpoint { uint32 blockNumber; uint64 value; }

    event AVSMetadataURIUpdated(address indexed avs, string metadataURI);
    event OperatorSetCreated(OperatorSet operatorSet);
    event StrategyAddedToOperatorSet(OperatorSet operatorSet, address strategy);
    event OperatorAddedToOperatorSet(address indexed operator, OperatorSet operatorSet);
    event AllocationDelaySet(address operator, uint32 delay, uint32 effectBlock);
    event AllocationUpdated(address operator, OperatorSet operatorSet, address strategy, uint64 magnitude, uint32 effectBlock);
    event EncumberedMagnitudeUpdated(address operator, address strategy, uint64 encumberedMagnitude);
    event MaxMagnitudeUpdated(address operator, address strategy, uint64 maxMagnitude);
    event OperatorSlashed(address operator, OperatorSet operatorSet, address[] strategies, uint256[] wadSlashed, string description);

    uint64 internal constant WAD64 = 1e18;
    uint8 internal constant PAUSED_OPERATOR_SLASHING = 1;
    uint32 public constant DEALLOCATION_DELAY = 100800;
    uint32 public constant ALLOCATION_CONFIGURATION_DELAY = 126000;

    mapping(address => bool) internal _avsHasMetadata;
    mapping(address => uint32[]) internal _avsSetIds;
    mapping(bytes32 => bool) internal _setExists;
    mapping(bytes32 => address[]) internal _setStrategies;
    mapping(bytes32 => address[]) internal _setMembers;
    mapping(bytes32 => mapping(address => bool)) internal _isMember;
    mapping(bytes32 => uint256) internal _slashCount;
    mapping(address => OperatorSet[]) internal _registeredSets;
    mapping(address => OperatorSet[]) internal _allocatedSets;
    mapping(address => mapping(bytes32 => bool)) internal _hasAllocatedSet;
    mapping(address => mapping(bytes32 => address[])) internal _allocatedStrategies;
    mapping(address => mapping(bytes32 => mapping(address => bool))) internal _hasAllocatedStrategy;
    mapping(address => mapping(bytes32 => mapping(address => uint64))) internal _magnitude;
    mapping(address => mapping(address => uint64)) internal _encumbered;
    mapping(address => mapping(address => MagnitudeCheckpoint[])) internal _maxMagnitudeHistory;
    mapping(address => bool) internal _delaySet;
    mapping(address => uint32) internal _delay;

    function initialize(uint256 initialPausedStatus) external initializer {
        _pausedStatus = initialPausedStatus;
        _reentrancyStatus = 1;
    }

    // ---------------------------------------------------------------- AVS / operator writes

    function updateAVSMetadataURI(address avs, string calldata metadataURI) external {
        _checkCaller(avs);
        _avsHasMetadata[avs] = true;
        emit AVSMetadataURIUpdated(avs, metadataURI);
    }

    function createOperatorSets(address avs, CreateSetParams[] calldata params) external {
        _checkCaller(avs);
        if (!_avsHasMetadata[avs]) revert NonexistentAVSMetadata();
        for (uint256 i = 0; i < params.length; ++i) {
            OperatorSet memory set = OperatorSet(avs, params[i].operatorSetId);
            bytes32 key = _key(set);
            if (_setExists[key]) revert InvalidOperatorSet();
            _setExists[key] = true;
            _avsSetIds[avs].push(set.id);
            emit OperatorSetCreated(set);
            for (uint256 j = 0; j < params[i].strategies.length; ++j) _addStrategy(set, key, params[i].strategies[j]);
        }
    }

    function addStrategiesToOperatorSet(address avs, uint32 operatorSetId, address[] calldata strategies) external {
        _checkCaller(avs);
        OperatorSet memory set = OperatorSet(avs, operatorSetId);
        bytes32 key = _key(set);
        if (!_setExists[key]) revert InvalidOperatorSet();
        for (uint256 j = 0; j < strategies.length; ++j) _addStrategy(set, key, strategies[j]);
    }

    function registerForOperatorSets(address operator, RegisterParams calldata params) external {
        _checkCaller(operator);
        if (!IELDelegationManager(ELAddrs.DELEGATION_MANAGER).isOperator(operator)) revert InvalidOperator();
        for (uint256 i = 0; i < params.operatorSetIds.length; ++i) {
            OperatorSet memory set = OperatorSet(params.avs, params.operatorSetIds[i]);
            bytes32 key = _key(set);
            if (!_setExists[key]) revert InvalidOperatorSet();
            if (_isMember[key][operator]) revert AlreadyMemberOfSet();
            _isMember[key][operator] = true;
            _setMembers[key].push(operator);
            _registeredSets[operator].push(set);
            emit OperatorAddedToOperatorSet(operator, set);
        }
        // As on mainnet, the AVS's registrar is called last; an AVS without code makes registration revert.
        IELAVSRegistrar(getAVSRegistrar(params.avs)).registerOperator(operator, params.avs, params.operatorSetIds, params.data);
    }

    /// Sets the operator's allocation delay. Called by the DelegationManager on registerAsOperator, by the
    /// operator, or by the devnet admin. Simplification: effective immediately.
    function setAllocationDelay(address operator, uint32 delay) external {
        if (msg.sender != ELAddrs.DELEGATION_MANAGER) {
            _checkCaller(operator);
            if (!IELDelegationManager(ELAddrs.DELEGATION_MANAGER).isOperator(operator)) revert InvalidOperator();
        }
        _delaySet[operator] = true;
        _delay[operator] = delay;
        emit AllocationDelaySet(operator, delay, uint32(block.number));
    }

    /// Allocation changes take effect in the same block (simplification of the real delay queue).
    function modifyAllocations(address operator, AllocateParams[] calldata params) external {
        _checkCaller(operator);
        if (!_delaySet[operator]) revert UninitializedAllocationDelay();
        for (uint256 i = 0; i < params.length; ++i) {
            if (params[i].strategies.length != params[i].newMagnitudes.length) revert InputArrayLengthMismatch();
            OperatorSet memory set = params[i].operatorSet;
            bytes32 key = _key(set);
            if (!_setExists[key]) revert InvalidOperatorSet();
            for (uint256 j = 0; j < params[i].strategies.length; ++j) {
                _allocate(operator, set, key, params[i].strategies[j], params[i].newMagnitudes[j]);
            }
        }
    }

    /// Real order of checks: pause flag, array lengths, set exists, operator slashable, then the caller must be the
    /// set's slasher (`InvalidCaller`). `wadSlashed` in the event is the fraction of the max magnitude actually
    /// slashed (0 when nothing was allocated), as the real contract reports it.
    function slashOperator(address avs, SlashingParams calldata params)
        external onlyWhenNotPaused(PAUSED_OPERATOR_SLASHING) returns (uint256 slashId, uint256[] memory shares)
    {
        OperatorSet memory set = OperatorSet(avs, params.operatorSetId);
        if (params.strategies.length != params.wadsToSlash.length) revert InputArrayLengthMismatch();
        bytes32 key = _key(set);
        if (!_setExists[key]) revert InvalidOperatorSet();
        if (!_isMember[key][params.operator]) revert OperatorNotSlashable();
        if (msg.sender != getSlasher(set)) revert InvalidCaller();
        slashId = ++_slashCount[key];
        shares = new uint256[](params.strategies.length);
        uint256[] memory wadSlashed = new uint256[](params.strategies.length);
        for (uint256 i = 0; i < params.strategies.length; ++i) {
            if (i > 0 && uint160(params.strategies[i]) <= uint160(params.strategies[i - 1])) revert StrategiesMustBeInAscendingOrder();
            if (!_strategyInSet(key, params.strategies[i])) revert StrategyNotInOperatorSet();
            if (params.wadsToSlash[i] == 0 || params.wadsToSlash[i] > 1e18) revert InvalidWadToSlash();
            (shares[i], wadSlashed[i]) = _slashOne(params.operator, set, key, slashId, params.strategies[i], params.wadsToSlash[i]);
        }
        emit OperatorSlashed(params.operator, set, params.strategies, wadSlashed, params.description);
    }

    // ---------------------------------------------------------------- views

    function getOperatorSetCount(address avs) external view returns (uint256 count) { return _avsSetIds[avs].length; }
    function isOperatorSet(OperatorSet memory operatorSet) external view returns (bool result) { return _setExists[_key(operatorSet)]; }
    function getMembers(OperatorSet memory operatorSet) external view returns (address[] memory operators) { return _setMembers[_key(operatorSet)]; }
    function getMemberCount(OperatorSet memory operatorSet) external view returns (uint256 memberCount) { return _setMembers[_key(operatorSet)].length; }
    function getRegisteredSets(address operator) external view returns (OperatorSet[] memory operatorSets) { return _registeredSets[operator]; }
    function getAllocatedSets(address operator) external view returns (OperatorSet[] memory operatorSets) { return _allocatedSets[operator]; }
    function isMemberOfOperatorSet(address operator, OperatorSet memory operatorSet) external view returns (bool result) { return _isMember[_key(operatorSet)][operator]; }
    function isOperatorSlashable(address operator, OperatorSet memory operatorSet) external view returns (bool) { return _isMember[_key(operatorSet)][operator]; }
    function getStrategiesInOperatorSet(OperatorSet memory operatorSet) external view returns (address[] memory strategies) { return _setStrategies[_key(operatorSet)]; }
    function getAllocatedStrategies(address operator, OperatorSet memory operatorSet) external view returns (address[] memory strategies) { return _allocatedStrategies[operator][_key(operatorSet)]; }
    function getSlashCount(OperatorSet memory operatorSet) external view returns (uint256 slashCount) { return _slashCount[_key(operatorSet)]; }
    function isOperatorRedistributable(address) external view returns (bool result) { return false; }
    function isRedistributingOperatorSet(OperatorSet memory) external view returns (bool) { return false; }
    function getRedistributionRecipient(OperatorSet memory) external view returns (address) { return ELAddrs.DEFAULT_BURN_ADDRESS; }
    /// No registrar was ever set on the devnet, so the AVS itself is its registrar (the real default).
    function getAVSRegistrar(address avs) public view returns (address) { return avs; }
    /// No slasher was ever appointed on the devnet, so the AVS itself slashes (the real default).
    function getSlasher(OperatorSet memory operatorSet) public view returns (address) { return operatorSet.avs; }
    function getAllocationDelay(address operator) external view returns (bool, uint32) { return (_delaySet[operator], _delay[operator]); }
    function delegation() external view returns (address) { return ELAddrs.DELEGATION_MANAGER; }
    function eigenStrategy() external view returns (address) { return ELAddrs.EIGEN_STRATEGY; }
    function permissionController() external view returns (address) { return ELAddrs.PERMISSION_CONTROLLER; }
    function viewImplementation() external view returns (address) { return ELAddrs.ALLOCATION_MANAGER_VIEW; }

    function getAllocation(address operator, OperatorSet memory operatorSet, address strategy) public view returns (Allocation memory allocation) {
        allocation.currentMagnitude = _magnitude[operator][_key(operatorSet)][strategy];
    }

    function getAllocations(address[] memory operators, OperatorSet memory operatorSet, address strategy) external view returns (Allocation[] memory allocations) {
        allocations = new Allocation[](operators.length);
        for (uint256 i = 0; i < operators.length; ++i) allocations[i] = getAllocation(operators[i], operatorSet, strategy);
    }

    function getStrategyAllocations(address operator, address strategy) external view returns (OperatorSet[] memory operatorSets, Allocation[] memory allocations) {
        OperatorSet[] storage sets = _allocatedSets[operator];
        uint256 n = 0;
        for (uint256 i = 0; i < sets.length; ++i) if (_hasAllocatedStrategy[operator][_key(sets[i])][strategy]) ++n;
        operatorSets = new OperatorSet[](n);
        allocations = new Allocation[](n);
        n = 0;
        for (uint256 i = 0; i < sets.length; ++i) {
            if (_hasAllocatedStrategy[operator][_key(sets[i])][strategy]) {
                operatorSets[n] = sets[i];
                allocations[n] = getAllocation(operator, sets[i], strategy);
                ++n;
            }
        }
    }

    function getMaxMagnitude(address operator, address strategy) public view returns (uint64 maxMagnitude) {
        MagnitudeCheckpoint[] storage h = _maxMagnitudeHistory[operator][strategy];
        return h.length == 0 ? WAD64 : h[h.length - 1].value;
    }

    function getMaxMagnitudes(address operator, address[] memory strategies) external view returns (uint64[] memory maxMagnitudes) {
        maxMagnitudes = new uint64[](strategies.length);
        for (uint256 i = 0; i < strategies.length; ++i) maxMagnitudes[i] = getMaxMagnitude(operator, strategies[i]);
    }

    function getMaxMagnitudes(address[] memory operators, address strategy) external view returns (uint64[] memory maxMagnitudes) {
        maxMagnitudes = new uint64[](operators.length);
        for (uint256 i = 0; i < operators.length; ++i) maxMagnitudes[i] = getMaxMagnitude(operators[i], strategy);
    }

    function getMaxMagnitudesAtBlock(address operator, address[] memory strategies, uint32 blockNumber) external view returns (uint64[] memory maxMagnitudes) {
        maxMagnitudes = new uint64[](strategies.length);
        for (uint256 i = 0; i < strategies.length; ++i) {
            MagnitudeCheckpoint[] storage h = _maxMagnitudeHistory[operator][strategies[i]];
            uint64 value = WAD64;
            for (uint256 j = h.length; j > 0; --j) {
                if (h[j - 1].blockNumber <= blockNumber) { value = h[j - 1].value; break; }
            }
            maxMagnitudes[i] = value;
        }
    }

    function getEncumberedMagnitude(address operator, address strategy) external view returns (uint64 encumberedMagnitude) {
        return _encumbered[operator][strategy];
    }

    function getAllocatableMagnitude(address operator, address strategy) external view returns (uint64 allocatableMagnitude) {
        return getMaxMagnitude(operator, strategy) - _encumbered[operator][strategy];
    }

    /// Slashable stake = operator shares x floor(allocated magnitude / max magnitude in WAD), floored again.
    function getAllocatedStake(OperatorSet memory operatorSet, address[] memory operators, address[] memory strategies) public view returns (uint256[][] memory slashableStake) {
        bytes32 key = _key(operatorSet);
        slashableStake = new uint256[][](operators.length);
        for (uint256 i = 0; i < operators.length; ++i) {
            slashableStake[i] = new uint256[](strategies.length);
            for (uint256 j = 0; j < strategies.length; ++j) {
                uint64 mag = _magnitude[operators[i]][key][strategies[j]];
                uint64 maxMag = getMaxMagnitude(operators[i], strategies[j]);
                if (mag == 0 || maxMag == 0) continue;
                uint256 opShares = IELDelegationManager(ELAddrs.DELEGATION_MANAGER).operatorShares(operators[i], strategies[j]);
                // As the real view: delegated.mulWad(mag.divWad(max)), two floors.
                slashableStake[i][j] = ELWad.mulWad(opShares, ELWad.divWad(mag, maxMag));
            }
        }
    }

    /// No pending allocation changes exist on the devnet, so the minimum slashable stake equals the allocated stake.
    function getMinimumSlashableStake(OperatorSet memory operatorSet, address[] memory operators, address[] memory strategies, uint32)
        external view returns (uint256[][] memory slashableStake)
    {
        return getAllocatedStake(operatorSet, operators, strategies);
    }

    // ---------------------------------------------------------------- internals

    function _key(OperatorSet memory set) internal pure returns (bytes32) {
        return bytes32(abi.encodePacked(set.avs, uint96(set.id)));
    }

    function _checkCaller(address account) internal view {
        if (msg.sender != account && msg.sender != ELAddrs.DEVNET_ADMIN) revert InvalidPermissions();
    }

    function _strategyInSet(bytes32 key, address strategy) internal view returns (bool) {
        address[] storage s = _setStrategies[key];
        for (uint256 i = 0; i < s.length; ++i) if (s[i] == strategy) return true;
        return false;
    }

    function _addStrategy(OperatorSet memory set, bytes32 key, address strategy) internal {
        if (_strategyInSet(key, strategy)) revert StrategyAlreadyInOperatorSet();
        _setStrategies[key].push(strategy);
        emit StrategyAddedToOperatorSet(set, strategy);
    }

    function _allocate(address operator, OperatorSet memory set, bytes32 key, address strategy, uint64 newMagnitude) internal {
        if (!_strategyInSet(key, strategy)) revert InvalidStrategy();
        if (!_isMember[key][operator]) revert NotMemberOfSet();
        uint64 current = _magnitude[operator][key][strategy];
        if (newMagnitude == current) revert SameMagnitude();
        uint64 encumbered = _encumbered[operator][strategy] - current + newMagnitude;
        if (encumbered > getMaxMagnitude(operator, strategy)) revert InsufficientMagnitude();
        _encumbered[operator][strategy] = encumbered;
        _magnitude[operator][key][strategy] = newMagnitude;
        if (!_hasAllocatedSet[operator][key]) {
            _hasAllocatedSet[operator][key] = true;
            _allocatedSets[operator].push(set);
        }
        if (!_hasAllocatedStrategy[operator][key][strategy]) {
            _hasAllocatedStrategy[operator][key][strategy] = true;
            _allocatedStrategies[operator][key].push(strategy);
        }
        emit EncumberedMagnitudeUpdated(operator, strategy, encumbered);
        emit AllocationUpdated(operator, set, strategy, newMagnitude, uint32(block.number));
    }

    error InvalidStrategy();

    /// Returns the operator shares slashed and wadSlashed = floor(slashedMagnitude * 1e18 / prevMaxMagnitude).
    function _slashOne(address operator, OperatorSet memory set, bytes32 key, uint256 slashId, address strategy, uint256 wadToSlash)
        internal returns (uint256 slashedShares, uint256 wadSlashed)
    {
        (bool any, uint64 prevMaxMagnitude, uint64 newMaxMagnitude) = _slashMagnitude(operator, set, key, strategy, wadToSlash);
        if (!any) return (0, 0);
        wadSlashed = uint256(prevMaxMagnitude - newMaxMagnitude) * 1e18 / prevMaxMagnitude;
        slashedShares = IELDelegationManager(ELAddrs.DELEGATION_MANAGER).slashOperatorShares(operator, set, slashId, strategy, prevMaxMagnitude, newMaxMagnitude);
    }

    /// slashed = ceil(allocated * wad / 1e18); allocation, encumbered and max magnitude all drop by it.
    function _slashMagnitude(address operator, OperatorSet memory set, bytes32 key, address strategy, uint256 wadToSlash)
        internal returns (bool any, uint64 prevMaxMagnitude, uint64 newMaxMagnitude)
    {
        uint64 allocated = _magnitude[operator][key][strategy];
        if (allocated == 0) return (false, 0, 0);
        uint64 slashedMagnitude = uint64(ELWad.mulWadRoundUp(allocated, wadToSlash));
        prevMaxMagnitude = getMaxMagnitude(operator, strategy);
        newMaxMagnitude = prevMaxMagnitude - slashedMagnitude;
        _magnitude[operator][key][strategy] = allocated - slashedMagnitude;
        uint64 encumbered = _encumbered[operator][strategy] - slashedMagnitude;
        _encumbered[operator][strategy] = encumbered;
        MagnitudeCheckpoint[] storage h = _maxMagnitudeHistory[operator][strategy];
        if (h.length > 0 && h[h.length - 1].blockNumber == uint32(block.number)) h[h.length - 1].value = newMaxMagnitude;
        else h.push(MagnitudeCheckpoint(uint32(block.number), newMaxMagnitude));
        emit AllocationUpdated(operator, set, strategy, allocated - slashedMagnitude, uint32(block.number));
        emit EncumberedMagnitudeUpdated(operator, strategy, encumbered);
        emit MaxMagnitudeUpdated(operator, strategy, newMaxMagnitude);
        any = true;
    }
}
