// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./LidoInterfaces.sol";
import "./LidoAccessControl.sol";

/// @title Devnet replica of Lido's WithdrawalQueueERC721 ("unstETH", 0x889edC2eDab5f40e902b864aD4d7AdE8E412F9B1).
/// @notice Requests (one NFT each, ids from 1), checkpoints with a max share rate per finalization, discounted claims
///         after a share-rate drop, checkpoint hints, ERC-721 transfers/approvals, pause and bunker mode, with the real
///         custom errors and AccessControl roles. Finalization is driven by the oracle report (FINALIZE_ROLE = stETH,
///         ORACLE_ROLE = AccountingOracle).
contract WithdrawalQueueERC721 is LidoAccessControl {
    bytes32 public constant PAUSE_ROLE = keccak256("PAUSE_ROLE");
    bytes32 public constant RESUME_ROLE = keccak256("RESUME_ROLE");
    bytes32 public constant FINALIZE_ROLE = keccak256("FINALIZE_ROLE");
    bytes32 public constant ORACLE_ROLE = keccak256("ORACLE_ROLE");
    bytes32 public constant MANAGE_TOKEN_URI_ROLE = keccak256("MANAGE_TOKEN_URI_ROLE");
    uint256 public constant MIN_STETH_WITHDRAWAL_AMOUNT = 100;
    uint256 public constant MAX_STETH_WITHDRAWAL_AMOUNT = 1000 * 1e18;
    uint256 public constant BUNKER_MODE_DISABLED_TIMESTAMP = type(uint256).max;
    uint256 public constant PAUSE_INFINITELY = type(uint256).max;
    uint256 internal constant E27 = 1e27;
    /// Upper bound of the finalization batches an oracle report may carry (calculateFinalizationBatches' static array).
    uint256 public constant MAX_BATCHES_LENGTH = 36;

    /// Transient state passed between calculateFinalizationBatches calls (the real struct).
    struct BatchesCalculationState {
        uint256 remainingEthBudget;
        bool finished;
        uint256[MAX_BATCHES_LENGTH] batches;
        uint256 batchesLength;
    }

    struct WithdrawalRequestStatus {
        uint256 amountOfStETH;
        uint256 amountOfShares;
        address owner;
        uint256 timestamp;
        bool isFinalized;
        bool isClaimed;
    }

    struct PermitInput {
        uint256 value;
        uint256 deadline;
        uint8 v;
        bytes32 r;
        bytes32 s;
    }

    struct Request {
        uint128 amountOfStETH;
        uint128 amountOfShares;
        address owner;
        uint40 timestamp;
        bool claimed;
        /// lastReportTimestamp when the request was made: requests of one report frame share a batch.
        uint40 reportTimestamp;
    }

    struct Checkpoint {
        uint256 fromRequestId;
        uint256 maxShareRate;
    }

    bool internal initialized;
    uint256 internal lastReportTimestamp;
    address internal stETH;
    address internal wstETH;
    string internal baseURI;

    mapping(uint256 => Request) internal requests;
    uint256 internal lastRequestId;
    uint256 internal lastFinalizedRequestId;
    uint256 internal unfinalizedStETHTotal;
    uint256 internal lockedEtherAmount;
    mapping(uint256 => Checkpoint) internal checkpoints; // 1-based
    uint256 internal lastCheckpointIndex;

    mapping(address => uint256[]) internal ownerRequests;
    mapping(uint256 => uint256) internal ownerRequestIndex; // id -> index + 1 in ownerRequests[owner]
    mapping(uint256 => address) internal tokenApprovals;
    mapping(address => mapping(address => bool)) internal operatorApprovals;

    uint256 internal resumeSinceTimestamp;
    uint256 internal bunkerSinceTimestamp;

    error ApprovalToOwner();
    error ApproveToCaller();
    error ArraysLengthMismatch(uint256 _firstArrayLength, uint256 _secondArrayLength);
    error CantSendValueRecipientMayHaveReverted();
    error InvalidHint(uint256 _hint);
    error InvalidOwnerAddress(address);
    error InvalidRequestId(uint256 _requestId);
    error InvalidRequestIdRange(uint256 startId, uint256 endId);
    error NotEnoughEther();
    error NotOwner(address _sender, address _owner);
    error NotOwnerOrApproved(address sender);
    error NotOwnerOrApprovedForAll(address sender);
    error PausedExpected();
    error RequestAlreadyClaimed(uint256 _requestId);
    error RequestAmountTooLarge(uint256 _amountOfStETH);
    error RequestAmountTooSmall(uint256 _amountOfStETH);
    error RequestIdsNotSorted();
    error RequestNotFoundOrNotFinalized(uint256 _requestId);
    error ResumedExpected();
    error TooMuchEtherToFinalize(uint256 sent, uint256 maxExpected);
    error TransferFromIncorrectOwner(address from, address realOwner);
    error TransferToNonIERC721Receiver(address);
    error TransferToThemselves();
    error TransferToZeroAddress();
    error ZeroPauseDuration();
    error ZeroRecipient();
    error ZeroShareRate();
    error InvalidReportTimestamp();
    error EmptyBatches();
    error BatchesAreNotSorted();
    error InvalidState();
    error PauseUntilMustBeInFuture();

    event Approval(address indexed owner, address indexed approved, uint256 indexed tokenId);
    event ApprovalForAll(address indexed owner, address indexed operator, bool approved);
    event BatchMetadataUpdate(uint256 _fromTokenId, uint256 _toTokenId);
    event BunkerModeDisabled();
    event BunkerModeEnabled(uint256 _sinceTimestamp);
    event Paused(uint256 duration);
    event Resumed();
    event Transfer(address indexed from, address indexed to, uint256 indexed tokenId);
    event WithdrawalClaimed(uint256 indexed requestId, address indexed owner, address indexed receiver, uint256 amountOfETH);
    event WithdrawalRequested(uint256 indexed requestId, address indexed requestor, address indexed owner, uint256 amountOfStETH, uint256 amountOfShares);
    event WithdrawalsFinalized(uint256 indexed from, uint256 indexed to, uint256 amountOfETHLocked, uint256 sharesToBurn, uint256 timestamp);

    // ---------------------------------------------------------------- deploy-time setup
    /// @notice Deploy-time initialiser standing in for the real `initialize(address admin)`: `_admin` gets
    /// DEFAULT_ADMIN_ROLE and grants the other roles. Starts resumed.
    function devnetInitialize(address _admin, address _stETH, address _wstETH) external {
        require(!initialized, "already initialized");
        initialized = true;
        _grantRole(DEFAULT_ADMIN_ROLE, _admin);
        stETH = _stETH;
        wstETH = _wstETH;
        baseURI = "https://wq-api.lido.fi/v1/nft";
        resumeSinceTimestamp = block.timestamp;
        bunkerSinceTimestamp = BUNKER_MODE_DISABLED_TIMESTAMP;
    }

    // ---------------------------------------------------------------- requests
    function requestWithdrawals(uint256[] calldata _amounts, address _owner) public returns (uint256[] memory requestIds) {
        _checkResumed();
        if (_owner == address(0)) _owner = msg.sender;
        requestIds = new uint256[](_amounts.length);
        for (uint256 i = 0; i < _amounts.length; ++i) {
            _checkWithdrawalRequestAmount(_amounts[i]);
            ILidoStETH(stETH).transferFrom(msg.sender, address(this), _amounts[i]);
            uint256 amountOfShares = ILidoStETH(stETH).getSharesByPooledEth(_amounts[i]);
            requestIds[i] = _enqueue(_amounts[i], amountOfShares, _owner);
        }
    }

    function requestWithdrawalsWstETH(uint256[] calldata _amounts, address _owner) public returns (uint256[] memory requestIds) {
        _checkResumed();
        if (_owner == address(0)) _owner = msg.sender;
        requestIds = new uint256[](_amounts.length);
        for (uint256 i = 0; i < _amounts.length; ++i) {
            ILidoWstETH(wstETH).transferFrom(msg.sender, address(this), _amounts[i]);
            uint256 amountOfStETH = ILidoWstETH(wstETH).unwrap(_amounts[i]);
            _checkWithdrawalRequestAmount(amountOfStETH);
            uint256 amountOfShares = ILidoStETH(stETH).getSharesByPooledEth(amountOfStETH);
            requestIds[i] = _enqueue(amountOfStETH, amountOfShares, _owner);
        }
    }

    function requestWithdrawalsWithPermit(uint256[] calldata _amounts, address _owner, PermitInput calldata _permit) external returns (uint256[] memory requestIds) {
        ILidoStETH(stETH).permit(msg.sender, address(this), _permit.value, _permit.deadline, _permit.v, _permit.r, _permit.s);
        return requestWithdrawals(_amounts, _owner);
    }

    function requestWithdrawalsWstETHWithPermit(uint256[] calldata _amounts, address _owner, PermitInput calldata _permit) external returns (uint256[] memory requestIds) {
        ILidoWstETH(wstETH).permit(msg.sender, address(this), _permit.value, _permit.deadline, _permit.v, _permit.r, _permit.s);
        return requestWithdrawalsWstETH(_amounts, _owner);
    }

    function _checkWithdrawalRequestAmount(uint256 _amountOfStETH) internal pure {
        if (_amountOfStETH < MIN_STETH_WITHDRAWAL_AMOUNT) revert RequestAmountTooSmall(_amountOfStETH);
        if (_amountOfStETH > MAX_STETH_WITHDRAWAL_AMOUNT) revert RequestAmountTooLarge(_amountOfStETH);
    }

    function _enqueue(uint256 _amountOfStETH, uint256 _amountOfShares, address _owner) internal returns (uint256 requestId) {
        requestId = ++lastRequestId;
        requests[requestId] = Request(uint128(_amountOfStETH), uint128(_amountOfShares), _owner, uint40(block.timestamp), false, uint40(lastReportTimestamp));
        unfinalizedStETHTotal += _amountOfStETH;
        _addToOwner(_owner, requestId);
        emit WithdrawalRequested(requestId, msg.sender, _owner, _amountOfStETH, _amountOfShares);
        emit Transfer(address(0), _owner, requestId);
    }

    function _addToOwner(address _owner, uint256 _id) internal {
        ownerRequests[_owner].push(_id);
        ownerRequestIndex[_id] = ownerRequests[_owner].length;
    }

    function _removeFromOwner(address _owner, uint256 _id) internal {
        uint256[] storage list = ownerRequests[_owner];
        uint256 idx = ownerRequestIndex[_id] - 1;
        uint256 lastId = list[list.length - 1];
        list[idx] = lastId;
        ownerRequestIndex[lastId] = idx + 1;
        list.pop();
        delete ownerRequestIndex[_id];
    }

    // ---------------------------------------------------------------- finalization (oracle report)
    /// @notice ETH to lock and shares to burn when finalizing the given batches at `_maxShareRate`. As the real queue,
    /// each batch is priced as a whole: its shares at `_maxShareRate` when the batch's own rate is above it, else its
    /// stETH (claims are still priced per request, so a discounted request in a nominal batch leaves wei locked).
    function prefinalize(uint256[] calldata _batches, uint256 _maxShareRate) external view returns (uint256 ethToLock, uint256 sharesToBurn) {
        if (_maxShareRate == 0) revert ZeroShareRate();
        if (_batches.length == 0) revert EmptyBatches();
        if (_batches[0] <= lastFinalizedRequestId) revert InvalidRequestId(_batches[0]);
        uint256 last = _batches[_batches.length - 1];
        if (last > lastRequestId) revert InvalidRequestId(last);
        uint256 prevEnd = lastFinalizedRequestId;
        for (uint256 i = 0; i < _batches.length; ++i) {
            uint256 batchEnd = _batches[i];
            if (batchEnd <= prevEnd) revert BatchesAreNotSorted();
            (uint256 batchShareRate, uint256 stETH, uint256 shares) = _calcBatch(prevEnd, batchEnd);
            ethToLock += batchShareRate > _maxShareRate ? shares * _maxShareRate / E27 : stETH;
            sharesToBurn += shares;
            prevEnd = batchEnd;
        }
    }

    /// @notice Off-chain view for the oracle: how many requests can be finalized within the budget, up to
    /// `_maxTimestamp`, split into batches that are all nominal or all discounted at `_maxShareRate` (requests made in
    /// the same report frame always share a batch). Call again with the returned state until `finished`.
    function calculateFinalizationBatches(uint256 _maxShareRate, uint256 _maxTimestamp, uint256 _maxRequestsPerCall, BatchesCalculationState memory _state)
        external view returns (BatchesCalculationState memory)
    {
        if (_state.finished || _state.remainingEthBudget == 0) revert InvalidState();
        uint256 currentId;
        uint256 prevId;
        uint256 prevRequestShareRate;
        if (_state.batchesLength == 0) {
            currentId = lastFinalizedRequestId + 1;
            prevId = currentId - 1;
        } else {
            prevId = _state.batches[_state.batchesLength - 1];
            currentId = prevId + 1;
            (prevRequestShareRate,,) = _calcBatch(prevId - 1, prevId);
        }
        uint256 nextCallRequestId = currentId + _maxRequestsPerCall;
        uint256 queueLength = lastRequestId + 1;
        while (currentId < queueLength && currentId < nextCallRequestId) {
            Request storage request = requests[currentId];
            if (request.timestamp > _maxTimestamp) break;
            (uint256 requestShareRate, uint256 ethToFinalize, uint256 shares) = _calcBatch(currentId - 1, currentId);
            if (requestShareRate > _maxShareRate) ethToFinalize = shares * _maxShareRate / E27;
            if (ethToFinalize > _state.remainingEthBudget) break;
            _state.remainingEthBudget -= ethToFinalize;
            if (_state.batchesLength != 0 && (
                requests[prevId].reportTimestamp == request.reportTimestamp
                || (prevRequestShareRate <= _maxShareRate && requestShareRate <= _maxShareRate)
                || (prevRequestShareRate > _maxShareRate && requestShareRate > _maxShareRate)
            )) {
                _state.batches[_state.batchesLength - 1] = currentId;
            } else {
                if (_state.batchesLength == MAX_BATCHES_LENGTH) break;
                _state.batches[_state.batchesLength] = currentId;
                ++_state.batchesLength;
            }
            prevRequestShareRate = requestShareRate;
            prevId = currentId;
            unchecked { ++currentId; }
        }
        _state.finished = currentId == queueLength || currentId < nextCallRequestId;
        return _state;
    }

    /// (share rate, stETH, shares) of the requests (_prevEnd, _end]; the real queue reads them from cumulative sums.
    function _calcBatch(uint256 _prevEnd, uint256 _end) internal view returns (uint256 shareRate, uint256 stETH, uint256 shares) {
        for (uint256 id = _prevEnd + 1; id <= _end; ++id) {
            stETH += requests[id].amountOfStETH;
            shares += requests[id].amountOfShares;
        }
        shareRate = stETH * E27 / shares;
    }

    function finalize(uint256 _lastRequestIdToBeFinalized, uint256 _maxShareRate) external payable {
        _checkResumed();
        _checkRole(FINALIZE_ROLE, msg.sender);
        if (_maxShareRate == 0) revert ZeroShareRate();
        if (_lastRequestIdToBeFinalized > lastRequestId) revert InvalidRequestId(_lastRequestIdToBeFinalized);
        if (_lastRequestIdToBeFinalized <= lastFinalizedRequestId) revert InvalidRequestId(_lastRequestIdToBeFinalized);
        uint256 firstId = lastFinalizedRequestId + 1;
        uint256 stETHToFinalize;
        uint256 sharesToBurn;
        for (uint256 id = firstId; id <= _lastRequestIdToBeFinalized; ++id) {
            stETHToFinalize += requests[id].amountOfStETH;
            sharesToBurn += requests[id].amountOfShares;
        }
        if (msg.value > stETHToFinalize) revert TooMuchEtherToFinalize(msg.value, stETHToFinalize);
        lastCheckpointIndex += 1;
        checkpoints[lastCheckpointIndex] = Checkpoint(firstId, _maxShareRate);
        lockedEtherAmount += msg.value;
        lastFinalizedRequestId = _lastRequestIdToBeFinalized;
        unfinalizedStETHTotal -= stETHToFinalize;
        emit WithdrawalsFinalized(firstId, _lastRequestIdToBeFinalized, msg.value, sharesToBurn, block.timestamp);
        emit BatchMetadataUpdate(firstId, lastRequestId);
    }

    function onOracleReport(bool _isBunkerModeNow, uint256 _bunkerStartTimestamp, uint256 _currentReportTimestamp) external onlyRole(ORACLE_ROLE) {
        if (_bunkerStartTimestamp >= block.timestamp) revert InvalidReportTimestamp();
        if (_currentReportTimestamp >= block.timestamp) revert InvalidReportTimestamp();
        lastReportTimestamp = _currentReportTimestamp;
        bool wasBunker = bunkerSinceTimestamp != BUNKER_MODE_DISABLED_TIMESTAMP;
        if (_isBunkerModeNow != wasBunker) {
            if (_isBunkerModeNow) {
                bunkerSinceTimestamp = _bunkerStartTimestamp;
                emit BunkerModeEnabled(_bunkerStartTimestamp);
            } else {
                bunkerSinceTimestamp = BUNKER_MODE_DISABLED_TIMESTAMP;
                emit BunkerModeDisabled();
            }
        }
    }

    function _claimableAt(uint256 _stETH, uint256 _shares, uint256 _maxShareRate) internal pure returns (uint256) {
        uint256 requestRate = _stETH * E27 / _shares;
        if (requestRate > _maxShareRate) return _shares * _maxShareRate / E27;
        return _stETH;
    }

    // ---------------------------------------------------------------- claims
    function claimWithdrawals(uint256[] calldata _requestIds, uint256[] calldata _hints) external {
        if (_requestIds.length != _hints.length) revert ArraysLengthMismatch(_requestIds.length, _hints.length);
        for (uint256 i = 0; i < _requestIds.length; ++i) {
            _claim(_requestIds[i], _hints[i], payable(msg.sender));
            emit Transfer(msg.sender, address(0), _requestIds[i]);
        }
    }

    function claimWithdrawalsTo(uint256[] calldata _requestIds, uint256[] calldata _hints, address _recipient) external {
        if (_recipient == address(0)) revert ZeroRecipient();
        if (_requestIds.length != _hints.length) revert ArraysLengthMismatch(_requestIds.length, _hints.length);
        for (uint256 i = 0; i < _requestIds.length; ++i) {
            _claim(_requestIds[i], _hints[i], payable(_recipient));
            emit Transfer(msg.sender, address(0), _requestIds[i]);
        }
    }

    function claimWithdrawal(uint256 _requestId) external {
        uint256 hint = _findCheckpointHint(_requestId, 1, lastCheckpointIndex);
        _claim(_requestId, hint, payable(msg.sender));
        emit Transfer(msg.sender, address(0), _requestId);
    }

    function _claim(uint256 _requestId, uint256 _hint, address payable _recipient) internal {
        if (_requestId == 0) revert InvalidRequestId(_requestId);
        if (_requestId > lastFinalizedRequestId) revert RequestNotFoundOrNotFinalized(_requestId);
        Request storage request = requests[_requestId];
        if (request.claimed) revert RequestAlreadyClaimed(_requestId);
        if (request.owner != msg.sender) revert NotOwner(msg.sender, request.owner);
        request.claimed = true;
        _removeFromOwner(request.owner, _requestId);
        delete tokenApprovals[_requestId];
        uint256 eth = _calculateClaimableEther(request, _requestId, _hint);
        if (eth > lockedEtherAmount || address(this).balance < eth) revert NotEnoughEther();
        lockedEtherAmount -= eth;
        (bool success, ) = _recipient.call{value: eth}("");
        if (!success) revert CantSendValueRecipientMayHaveReverted();
        emit WithdrawalClaimed(_requestId, msg.sender, _recipient, eth);
    }

    function _calculateClaimableEther(Request storage _request, uint256 _requestId, uint256 _hint) internal view returns (uint256) {
        if (_hint == 0 || _hint > lastCheckpointIndex) revert InvalidHint(_hint);
        Checkpoint storage checkpoint = checkpoints[_hint];
        if (_requestId < checkpoint.fromRequestId) revert InvalidHint(_hint);
        if (_hint < lastCheckpointIndex && checkpoints[_hint + 1].fromRequestId <= _requestId) revert InvalidHint(_hint);
        return _claimableAt(_request.amountOfStETH, _request.amountOfShares, checkpoint.maxShareRate);
    }

    /// No length check, as the real contract: a short `_hints` panics (0x32) at the first missing hint; extra hints are ignored.
    function getClaimableEther(uint256[] calldata _requestIds, uint256[] calldata _hints) external view returns (uint256[] memory claimableEthValues) {
        claimableEthValues = new uint256[](_requestIds.length);
        for (uint256 i = 0; i < _requestIds.length; ++i) {
            uint256 id = _requestIds[i];
            uint256 hint = _hints[i];
            if (id == 0 || id > lastRequestId) revert InvalidRequestId(id);
            if (id > lastFinalizedRequestId) continue;
            Request storage r = requests[id];
            if (r.claimed) continue;
            claimableEthValues[i] = _calculateClaimableEther(r, id, hint);
        }
    }

    function findCheckpointHints(uint256[] calldata _requestIds, uint256 _firstIndex, uint256 _lastIndex) external view returns (uint256[] memory hintIds) {
        hintIds = new uint256[](_requestIds.length);
        uint256 prevRequestId = 0;
        for (uint256 i = 0; i < _requestIds.length; ++i) {
            if (_requestIds[i] < prevRequestId) revert RequestIdsNotSorted();
            hintIds[i] = _findCheckpointHint(_requestIds[i], _firstIndex, _lastIndex);
            // As the real queue: the hint becomes the next id's search start, so after an unfinalized id (hint 0) the
            // next id reverts InvalidRequestIdRange(0, _lastIndex).
            _firstIndex = hintIds[i];
            prevRequestId = _requestIds[i];
        }
    }

    function _findCheckpointHint(uint256 _requestId, uint256 _start, uint256 _end) internal view returns (uint256) {
        if (_requestId == 0 || _requestId > lastRequestId) revert InvalidRequestId(_requestId);
        if (_start == 0 || _end > lastCheckpointIndex) revert InvalidRequestIdRange(_start, _end);
        if (lastCheckpointIndex == 0 || _requestId > lastFinalizedRequestId || _start > _end) return 0;
        // the last checkpoint in range whose fromRequestId <= id (binary search)
        if (_requestId >= checkpoints[_end].fromRequestId) {
            if (_end == lastCheckpointIndex) return _end;
            if (_requestId < checkpoints[_end + 1].fromRequestId) return _end;
            return 0;
        }
        if (_requestId < checkpoints[_start].fromRequestId) return 0;
        uint256 lo = _start;
        uint256 hi = _end;
        while (hi > lo) {
            uint256 mid = (hi + lo + 1) / 2;
            if (checkpoints[mid].fromRequestId <= _requestId) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }

    // ---------------------------------------------------------------- views
    function getWithdrawalRequests(address _owner) external view returns (uint256[] memory requestsIds) {
        return ownerRequests[_owner];
    }

    function getWithdrawalStatus(uint256[] calldata _requestIds) external view returns (WithdrawalRequestStatus[] memory statuses) {
        statuses = new WithdrawalRequestStatus[](_requestIds.length);
        for (uint256 i = 0; i < _requestIds.length; ++i) {
            uint256 id = _requestIds[i];
            if (id == 0 || id > lastRequestId) revert InvalidRequestId(id);
            Request storage r = requests[id];
            statuses[i] = WithdrawalRequestStatus(r.amountOfStETH, r.amountOfShares, r.owner, r.timestamp, id <= lastFinalizedRequestId, r.claimed);
        }
    }

    function getLastRequestId() external view returns (uint256) { return lastRequestId; }
    function getLastFinalizedRequestId() external view returns (uint256) { return lastFinalizedRequestId; }
    function getLastCheckpointIndex() external view returns (uint256) { return lastCheckpointIndex; }
    function getLockedEtherAmount() external view returns (uint256) { return lockedEtherAmount; }
    function unfinalizedStETH() external view returns (uint256) { return unfinalizedStETHTotal; }
    function unfinalizedRequestNumber() external view returns (uint256) { return lastRequestId - lastFinalizedRequestId; }
    function STETH() external view returns (address) { return stETH; }
    function WSTETH() external view returns (address) { return wstETH; }
    function getContractVersion() external view returns (uint256) { return initialized ? 1 : 0; }

    function isBunkerModeActive() external view returns (bool) {
        return bunkerSinceTimestamp < BUNKER_MODE_DISABLED_TIMESTAMP;
    }

    function bunkerModeSinceTimestamp() external view returns (uint256) {
        return bunkerSinceTimestamp;
    }

    // ---------------------------------------------------------------- pause
    function isPaused() public view returns (bool) {
        return block.timestamp < resumeSinceTimestamp;
    }

    function getResumeSinceTimestamp() external view returns (uint256) {
        return resumeSinceTimestamp;
    }

    function _checkResumed() internal view {
        if (isPaused()) revert ResumedExpected();
    }

    function pauseFor(uint256 _duration) external onlyRole(PAUSE_ROLE) {
        _checkResumed();
        if (_duration == 0) revert ZeroPauseDuration();
        resumeSinceTimestamp = _duration == PAUSE_INFINITELY ? PAUSE_INFINITELY : block.timestamp + _duration;
        emit Paused(_duration);
    }

    /// Pauses until `_pauseUntilInclusive` (a timestamp; PAUSE_INFINITELY for no end), as PausableUntil._pauseUntil.
    function pauseUntil(uint256 _pauseUntilInclusive) external onlyRole(PAUSE_ROLE) {
        _checkResumed();
        if (_pauseUntilInclusive < block.timestamp) revert PauseUntilMustBeInFuture();
        resumeSinceTimestamp = _pauseUntilInclusive == PAUSE_INFINITELY ? PAUSE_INFINITELY : _pauseUntilInclusive + 1;
        emit Paused(resumeSinceTimestamp == PAUSE_INFINITELY ? PAUSE_INFINITELY : resumeSinceTimestamp - block.timestamp);
    }

    function resume() external onlyRole(RESUME_ROLE) {
        if (!isPaused()) revert PausedExpected();
        resumeSinceTimestamp = block.timestamp;
        emit Resumed();
    }

    // ---------------------------------------------------------------- ERC-721
    function name() external view returns (string memory) { return initialized ? "Lido: stETH Withdrawal NFT" : ""; }
    function symbol() external view returns (string memory) { return initialized ? "unstETH" : ""; }
    function getBaseURI() external view returns (string memory) { return baseURI; }

    function supportsInterface(bytes4 interfaceId) external view returns (bool) {
        return initialized && (interfaceId == 0x7965db0b || interfaceId == 0x5a05180f) // AccessControl(Enumerable)
            || interfaceId == 0x80ac58cd // ERC-721
            || interfaceId == 0x5b5e139f // ERC-721 metadata
            || interfaceId == 0x49064906 // ERC-4906
            || interfaceId == 0x01ffc9a7; // ERC-165
    }

    function tokenURI(uint256 _requestId) external view returns (string memory) {
        if (!_existsAndNotClaimed(_requestId)) revert InvalidRequestId(_requestId);
        Request storage r = requests[_requestId];
        bytes memory uri = abi.encodePacked(baseURI, "/", _toString(_requestId), "?requested=", _toString(r.amountOfStETH), "&created_at=", _toString(r.timestamp));
        if (_requestId <= lastFinalizedRequestId) {
            uint256 hint = _findCheckpointHint(_requestId, 1, lastCheckpointIndex);
            uri = abi.encodePacked(uri, "&finalized=", _toString(_claimableAt(r.amountOfStETH, r.amountOfShares, checkpoints[hint].maxShareRate)));
        }
        return string(uri);
    }

    function balanceOf(address _owner) external view returns (uint256) {
        if (_owner == address(0)) revert InvalidOwnerAddress(_owner);
        return ownerRequests[_owner].length;
    }

    function ownerOf(uint256 _requestId) public view returns (address) {
        if (_requestId == 0 || _requestId > lastRequestId) revert InvalidRequestId(_requestId);
        Request storage r = requests[_requestId];
        if (r.claimed) revert RequestAlreadyClaimed(_requestId);
        return r.owner;
    }

    function approve(address _to, uint256 _requestId) external {
        address owner = ownerOf(_requestId);
        if (_to == owner) revert ApprovalToOwner();
        if (msg.sender != owner && !operatorApprovals[owner][msg.sender]) revert NotOwnerOrApprovedForAll(msg.sender);
        tokenApprovals[_requestId] = _to;
        emit Approval(owner, _to, _requestId);
    }

    function getApproved(uint256 _requestId) external view returns (address) {
        if (!_existsAndNotClaimed(_requestId)) revert InvalidRequestId(_requestId);
        return tokenApprovals[_requestId];
    }

    function setApprovalForAll(address _operator, bool _approved) external {
        if (_operator == msg.sender) revert ApproveToCaller();
        operatorApprovals[msg.sender][_operator] = _approved;
        emit ApprovalForAll(msg.sender, _operator, _approved);
    }

    function isApprovedForAll(address _owner, address _operator) external view returns (bool) {
        return operatorApprovals[_owner][_operator];
    }

    function transferFrom(address _from, address _to, uint256 _requestId) external {
        _transfer(_from, _to, _requestId);
    }

    function safeTransferFrom(address _from, address _to, uint256 _requestId) external {
        _safeTransfer(_from, _to, _requestId, "");
    }

    function safeTransferFrom(address _from, address _to, uint256 _requestId, bytes calldata _data) external {
        _safeTransfer(_from, _to, _requestId, _data);
    }

    function _safeTransfer(address _from, address _to, uint256 _requestId, bytes memory _data) internal {
        _transfer(_from, _to, _requestId);
        if (_to.code.length > 0) {
            try ILidoERC721Receiver(_to).onERC721Received(msg.sender, _from, _requestId, _data) returns (bytes4 retval) {
                if (retval != ILidoERC721Receiver.onERC721Received.selector) revert TransferToNonIERC721Receiver(_to);
            } catch (bytes memory reason) {
                // As the real contract: an empty revert becomes TransferToNonIERC721Receiver, any other reason bubbles up.
                if (reason.length == 0) revert TransferToNonIERC721Receiver(_to);
                assembly ("memory-safe") { revert(add(32, reason), mload(reason)) }
            }
        }
    }

    function _transfer(address _from, address _to, uint256 _requestId) internal {
        if (_to == address(0)) revert TransferToZeroAddress();
        if (_to == _from) revert TransferToThemselves();
        if (_requestId == 0 || _requestId > lastRequestId) revert InvalidRequestId(_requestId);
        Request storage request = requests[_requestId];
        if (request.claimed) revert RequestAlreadyClaimed(_requestId);
        if (_from != request.owner) revert TransferFromIncorrectOwner(_from, request.owner);
        if (!(_from == msg.sender || operatorApprovals[_from][msg.sender] || tokenApprovals[_requestId] == msg.sender)) {
            revert NotOwnerOrApproved(msg.sender);
        }
        delete tokenApprovals[_requestId];
        request.owner = _to;
        _removeFromOwner(_from, _requestId);
        _addToOwner(_to, _requestId);
        emit Transfer(_from, _to, _requestId);
    }

    function _existsAndNotClaimed(uint256 _requestId) internal view returns (bool) {
        return _requestId > 0 && _requestId <= lastRequestId && !requests[_requestId].claimed;
    }

    function _toString(uint256 value) internal pure returns (string memory) {
        if (value == 0) return "0";
        uint256 digits;
        for (uint256 t = value; t != 0; t /= 10) digits++;
        bytes memory buffer = new bytes(digits);
        while (value != 0) {
            digits -= 1;
            buffer[digits] = bytes1(uint8(48 + (value % 10)));
            value /= 10;
        }
        return string(buffer);
    }
}
