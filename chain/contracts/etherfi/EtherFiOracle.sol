// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./EtherFiCommon.sol";

struct EtherFiOracleReport {
    uint32 consensusVersion;
    uint32 refSlotFrom;
    uint32 refSlotTo;
    uint32 refBlockFrom;
    uint32 refBlockTo;
    int128 accruedRewards;
    uint128 protocolFees;
    uint256[] validatorsToApprove;
    uint32 lastFinalizedWithdrawalRequestId;
    uint128 finalizedWithdrawalAmount;
}

interface IEtherFiAdminState {
    function lastHandledReportRefSlot() external view returns (uint32);
    function lastAdminExecutionBlock() external view returns (uint32);
}

/// EtherFiOracle replica (mainnet 0x57AaF0004C716388B21795431CD7D5f9D3Bb6a41): committee members submit the report
/// for the next frame (refSlotFrom..refSlotTo, one frame = reportPeriodSlot slots) once its last epoch is finalized;
/// at `quorumSize` identical submissions the report is published and EtherFiAdmin may execute it.
contract EtherFiOracle is EtherFiRoles {
    struct CommitteeMemberState {
        bool registered;
        bool enabled;
        uint32 lastReportRefSlot;
        uint32 numReports;
    }

    struct ConsensusState {
        uint32 support;
        bool consensusReached;
        uint32 consensusTimestamp;
    }

    IEtherFiAdminState public constant etherFiAdmin = IEtherFiAdminState(0x0EF8fa4760Db8f5Cd4d993f3e3416f30f942D705);

    mapping(address => CommitteeMemberState) public committeeMemberStates;
    mapping(bytes32 => ConsensusState) public consensusStates;
    uint32 public consensusVersion;
    uint32 public quorumSize;
    uint32 public reportPeriodSlot;
    uint32 public reportStartSlot;
    uint32 public lastPublishedReportRefSlot;
    uint32 public lastPublishedReportRefBlock;
    uint32 internal SLOTS_PER_EPOCH;
    uint32 internal SECONDS_PER_SLOT;
    uint32 internal BEACON_GENESIS_TIME;
    uint32 public numCommitteeMembers;
    uint32 public numActiveCommitteeMembers;
    uint32 public minQuorumSize;
    bool private pausedFlag;

    event CommitteeMemberAdded(address indexed member);
    event CommitteeMemberRemoved(address indexed member);
    event CommitteeMemberUpdated(address indexed member, bool enabled);
    event QuorumUpdated(uint32 newQuorumSize);
    event ReportPublished(uint32 consensusVersion, uint32 refSlotFrom, uint32 refSlotTo, uint32 refBlockFrom, uint32 refBlockTo, bytes32 indexed hash);
    event ReportSubmitted(uint32 consensusVersion, uint32 refSlotFrom, uint32 refSlotTo, uint32 refBlockFrom, uint32 refBlockTo, bytes32 indexed hash, address indexed committeeMember);
    event Paused(address account);
    event Unpaused(address account);

    error ConsensusAlreadyReached();
    error ReportNotNeeded();
    error NotRegistered();
    error MemberDisabled();
    error EpochNotFinalized();
    error ReportSlotNotStarted();
    error LastReportNotHandled();
    error WrongConsensusVersion();
    error WrongSlotFrom();
    error WrongSlotTo();
    error WrongBlockFrom();
    error WrongBlockTo();
    error ReportBlockTooOld();
    error ConsensusNotReached();
    error AlreadyRegistered();
    error AlreadyInTargetState();
    error InvalidQuorum();
    error ContractPaused();
    error AlreadyPaused();
    error NotPaused();

    /// Deploy-time stand-in for the real constructor + initialize, including the last published frame (mainnet has
    /// reported for years; the devnet starts as if the frame before `reportStartSlot_` was published). Runs once.
    /// The committee is seated here too: with minQuorumSize 3 members cannot be added one by one from zero.
    function devnetInitialize(uint32 minQuorumSize_, uint32 reportPeriodSlot_, uint32 reportStartSlot_, uint32 slotsPerEpoch_,
        uint32 secondsPerSlot_, uint32 genesisTime_, uint32 lastPublishedBlock_, address[] calldata members_, uint32 quorumSize_) external {
        require(reportPeriodSlot == 0, "already initialized");
        consensusVersion = 1;
        minQuorumSize = minQuorumSize_;
        reportPeriodSlot = reportPeriodSlot_;
        reportStartSlot = reportStartSlot_;
        SLOTS_PER_EPOCH = slotsPerEpoch_;
        SECONDS_PER_SLOT = secondsPerSlot_;
        BEACON_GENESIS_TIME = genesisTime_;
        lastPublishedReportRefSlot = reportStartSlot_ - 1;
        lastPublishedReportRefBlock = lastPublishedBlock_;
        for (uint256 i = 0; i < members_.length; i++) {
            committeeMemberStates[members_[i]] = CommitteeMemberState(true, true, 0, 0);
            emit CommitteeMemberAdded(members_[i]);
        }
        numCommitteeMembers = uint32(members_.length);
        numActiveCommitteeMembers = uint32(members_.length);
        quorumSize = quorumSize_;
        _checkQuorum();
    }

    // ---------------------------------------------------------------- committee

    function submitReport(EtherFiOracleReport calldata _report) external returns (bool) {
        if (pausedFlag) revert ContractPaused();
        bytes32 reportHash = generateReportHash(_report);
        if (consensusStates[reportHash].consensusReached) revert ConsensusAlreadyReached();
        if (!shouldSubmitReport(msg.sender)) revert ReportNotNeeded();
        verifyReport(_report);

        CommitteeMemberState storage member = committeeMemberStates[msg.sender];
        member.lastReportRefSlot = _report.refSlotTo;
        member.numReports++;
        emit ReportSubmitted(_report.consensusVersion, _report.refSlotFrom, _report.refSlotTo, _report.refBlockFrom, _report.refBlockTo,
            reportHash, msg.sender);

        ConsensusState storage consensus = consensusStates[reportHash];
        consensus.support++;
        bool reached = consensus.support >= quorumSize;
        if (reached) {
            consensus.consensusReached = true;
            consensus.consensusTimestamp = uint32(block.timestamp);
            lastPublishedReportRefSlot = _report.refSlotTo;
            lastPublishedReportRefBlock = _report.refBlockTo;
            emit ReportPublished(_report.consensusVersion, _report.refSlotFrom, _report.refSlotTo, _report.refBlockFrom, _report.refBlockTo, reportHash);
        }
        return reached;
    }

    function addCommitteeMember(address _address, uint32 _quorumSize) external onlyOperatingTimelock {
        if (committeeMemberStates[_address].registered) revert AlreadyRegistered();
        numCommitteeMembers++;
        numActiveCommitteeMembers++;
        committeeMemberStates[_address] = CommitteeMemberState(true, true, 0, 0);
        quorumSize = _quorumSize;
        _checkQuorum();
        emit CommitteeMemberAdded(_address);
    }

    function removeCommitteeMember(address _address, uint32 _quorumSize) external onlyOperatingTimelock {
        if (!committeeMemberStates[_address].registered) revert NotRegistered();
        numCommitteeMembers--;
        if (committeeMemberStates[_address].enabled) numActiveCommitteeMembers--;
        delete committeeMemberStates[_address];
        quorumSize = _quorumSize;
        _checkQuorum();
        emit CommitteeMemberRemoved(_address);
    }

    function manageCommitteeMember(address _address, bool _enabled, uint32 _quorumSize) external onlyOperatingMultisig {
        if (!committeeMemberStates[_address].registered) revert NotRegistered();
        if (committeeMemberStates[_address].enabled == _enabled) revert AlreadyInTargetState();
        committeeMemberStates[_address].enabled = _enabled;
        if (_enabled) numActiveCommitteeMembers++;
        else numActiveCommitteeMembers--;
        quorumSize = _quorumSize;
        _checkQuorum();
        emit CommitteeMemberUpdated(_address, _enabled);
    }

    function setQuorumSize(uint32 _quorumSize) external onlyOperatingTimelock {
        quorumSize = _quorumSize;
        _checkQuorum();
        emit QuorumUpdated(_quorumSize);
    }

    function pause() external onlyOperatingMultisig {
        if (pausedFlag) revert AlreadyPaused();
        pausedFlag = true;
        emit Paused(msg.sender);
    }

    function unpause() external onlyOperatingMultisig {
        if (!pausedFlag) revert NotPaused();
        pausedFlag = false;
        emit Unpaused(msg.sender);
    }

    function paused() external view returns (bool) {
        return pausedFlag;
    }

    function _checkQuorum() internal view {
        if (quorumSize < minQuorumSize || numActiveCommitteeMembers < quorumSize || numActiveCommitteeMembers >= 2 * quorumSize) revert InvalidQuorum();
    }

    function _isFinalized(uint32 _slot) internal view returns (bool) {
        return _slot / SLOTS_PER_EPOCH + 2 < computeSlotAtTimestamp(block.timestamp) / SLOTS_PER_EPOCH;
    }

    // ---------------------------------------------------------------- views

    function blockStampForNextReport() public view returns (uint32 slotFrom, uint32 slotTo, uint32 blockFrom) {
        slotFrom = lastPublishedReportRefSlot == 0 ? reportStartSlot : lastPublishedReportRefSlot + 1;
        slotTo = slotForNextReport();
        blockFrom = lastPublishedReportRefBlock == 0 ? reportStartSlot : lastPublishedReportRefBlock + 1;
    }

    function shouldSubmitReport(address _member) public view returns (bool) {
        if (!committeeMemberStates[_member].registered) revert NotRegistered();
        if (!committeeMemberStates[_member].enabled) revert MemberDisabled();
        uint32 slot = slotForNextReport();
        if (!_isFinalized(slot)) revert EpochNotFinalized();
        if (computeSlotAtTimestamp(block.timestamp) < reportStartSlot) revert ReportSlotNotStarted();
        if (lastPublishedReportRefSlot != etherFiAdmin.lastHandledReportRefSlot()) revert LastReportNotHandled();
        return slot > committeeMemberStates[_member].lastReportRefSlot;
    }

    function verifyReport(EtherFiOracleReport calldata _report) public view {
        if (_report.consensusVersion != consensusVersion) revert WrongConsensusVersion();
        (uint32 slotFrom, uint32 slotTo, uint32 blockFrom) = blockStampForNextReport();
        if (_report.refSlotFrom != slotFrom) revert WrongSlotFrom();
        if (_report.refSlotTo != slotTo) revert WrongSlotTo();
        if (_report.refBlockFrom != blockFrom) revert WrongBlockFrom();
        if (_report.refBlockTo >= block.number) revert WrongBlockTo();
        if (_report.refBlockTo <= etherFiAdmin.lastAdminExecutionBlock()) revert ReportBlockTooOld();
        if (_report.refSlotTo / SLOTS_PER_EPOCH + 2 >= computeSlotAtTimestamp(block.timestamp) / SLOTS_PER_EPOCH) revert EpochNotFinalized();
    }

    function isConsensusReached(bytes32 _hash) public view returns (bool) {
        return consensusStates[_hash].consensusReached;
    }

    function getConsensusTimestamp(bytes32 _hash) public view returns (uint32) {
        if (!consensusStates[_hash].consensusReached) revert ConsensusNotReached();
        return consensusStates[_hash].consensusTimestamp;
    }

    function getConsensusSlot(bytes32 _hash) public view returns (uint32) {
        if (!consensusStates[_hash].consensusReached) revert ConsensusNotReached();
        return computeSlotAtTimestamp(consensusStates[_hash].consensusTimestamp);
    }

    /// The `refSlotTo` of the report the committee waits for: the last slot of the latest complete frame.
    function slotForNextReport() public view returns (uint32) {
        uint32 currSlot = computeSlotAtTimestamp(block.timestamp);
        uint32 pastSlot = reportStartSlot < lastPublishedReportRefSlot ? lastPublishedReportRefSlot + 1 : reportStartSlot;
        uint32 diff = currSlot > pastSlot ? currSlot - pastSlot : 0;
        uint32 tmp = pastSlot + (diff / reportPeriodSlot) * reportPeriodSlot;
        uint32 next = tmp > pastSlot + reportPeriodSlot ? tmp : pastSlot + reportPeriodSlot;
        return next - 1;
    }

    function computeSlotAtTimestamp(uint256 timestamp) public view returns (uint32) {
        return uint32((timestamp - BEACON_GENESIS_TIME) / SECONDS_PER_SLOT);
    }

    function generateReportHash(EtherFiOracleReport calldata _report) public pure returns (bytes32) {
        bytes32 chunk1 = keccak256(abi.encode(_report.consensusVersion, _report.refSlotFrom, _report.refSlotTo, _report.refBlockFrom,
            _report.refBlockTo, _report.accruedRewards, _report.protocolFees));
        bytes32 chunk2 = keccak256(abi.encode(_report.validatorsToApprove));
        bytes32 chunk3 = keccak256(abi.encode(_report.lastFinalizedWithdrawalRequestId, _report.finalizedWithdrawalAmount));
        return keccak256(abi.encode(chunk1, chunk2, chunk3));
    }

    function beaconGenesisTimestamp() external view returns (uint32) {
        return BEACON_GENESIS_TIME;
    }
}
