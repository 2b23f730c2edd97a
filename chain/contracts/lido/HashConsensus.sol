// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./LidoAccessControl.sol";

interface ILidoReportAsyncProcessor {
    function submitConsensusReport(bytes32 report, uint256 refSlot, uint256 deadline) external;
    function getLastProcessingRefSlot() external view returns (uint256);
    function getConsensusVersion() external view returns (uint256);
}

/// @title Devnet replica of the AccountingOracle's HashConsensus (0xD624B08C83bAECF0807Dd2c6880C3154a5F0B288):
///        frames from block.timestamp on the mainnet beacon chain config, committee members with a quorum, the
///        fast lane, report variants, and on quorum the processor's submitConsensusReport — with the real checks,
///        custom errors and events. Not replicated: removeMember, frame/fast-lane/processor changes, disableConsensus.
contract HashConsensus is LidoAccessControl {
    bytes32 public constant MANAGE_MEMBERS_AND_QUORUM_ROLE = keccak256("MANAGE_MEMBERS_AND_QUORUM_ROLE");
    bytes32 public constant DISABLE_CONSENSUS_ROLE = keccak256("DISABLE_CONSENSUS_ROLE");
    bytes32 public constant MANAGE_FRAME_CONFIG_ROLE = keccak256("MANAGE_FRAME_CONFIG_ROLE");
    bytes32 public constant MANAGE_FAST_LANE_CONFIG_ROLE = keccak256("MANAGE_FAST_LANE_CONFIG_ROLE");
    bytes32 public constant MANAGE_REPORT_PROCESSOR_ROLE = keccak256("MANAGE_REPORT_PROCESSOR_ROLE");

    uint256 internal constant SLOTS_PER_EPOCH = 32;
    uint256 internal constant SECONDS_PER_SLOT = 12;
    uint256 internal constant GENESIS_TIME = 1606824023;
    uint256 internal constant UNREACHABLE_QUORUM = type(uint256).max;

    struct MemberState {
        uint64 lastReportRefSlot;
        uint64 lastReportVariantIndex;
    }

    struct ReportVariant {
        bytes32 hash;
        uint64 support;
    }

    struct Frame {
        uint256 index;
        uint256 refSlot;
        uint256 reportProcessingDeadlineSlot;
    }

    bool internal initialized;
    address internal reportProcessor;
    uint256 internal initialEpoch;
    uint256 internal epochsPerFrame;
    uint256 internal fastLaneLengthSlots;
    uint256 internal quorum;

    address[] internal memberAddresses;
    MemberState[] internal memberStates;
    mapping(address => uint256) internal memberIndices1b;

    uint64 internal lastReportRefSlot;
    uint64 internal lastConsensusRefSlot;
    uint64 internal lastConsensusVariantIndex;
    mapping(uint256 => ReportVariant) internal reportVariants;
    uint256 internal reportVariantsLength;

    error AddressCannotBeZero();
    error DuplicateMember();
    error NonMember();
    error InvalidSlot();
    error NumericOverflow();
    error EmptyReport();
    error StaleReport();
    error DuplicateReport();
    error ConsensusReportAlreadyProcessing();
    error NonFastLaneMemberCannotReportWithinFastLaneInterval();
    error UnexpectedConsensusVersion(uint256 expected, uint256 received);
    error QuorumTooSmall(uint256 minQuorum, uint256 receivedQuorum);
    error InitialEpochIsYetToArrive();

    event FrameConfigSet(uint256 newInitialEpoch, uint256 newEpochsPerFrame);
    event FastLaneConfigSet(uint256 fastLaneLengthSlots);
    event MemberAdded(address indexed addr, uint256 newTotalMembers, uint256 newQuorum);
    event QuorumSet(uint256 newQuorum, uint256 totalMembers, uint256 prevQuorum);
    event ReportProcessorSet(address indexed processor, address indexed prevProcessor);
    event ReportReceived(uint256 indexed refSlot, address indexed member, bytes32 report);
    event ConsensusReached(uint256 indexed refSlot, bytes32 report, uint256 support);
    event ConsensusLost(uint256 indexed refSlot);

    /// @notice Deploy-time initialiser standing in for the real constructor (the replica is placed with anvil_setCode).
    function devnetInitialize(address _admin, address _reportProcessor, uint256 _initialEpoch, uint256 _epochsPerFrame, uint256 _fastLaneLengthSlots) external {
        require(!initialized, "already initialized");
        initialized = true;
        _grantRole(DEFAULT_ADMIN_ROLE, _admin);
        reportProcessor = _reportProcessor;
        initialEpoch = _initialEpoch;
        epochsPerFrame = _epochsPerFrame;
        fastLaneLengthSlots = _fastLaneLengthSlots;
        emit FrameConfigSet(_initialEpoch, _epochsPerFrame);
        emit FastLaneConfigSet(_fastLaneLengthSlots);
        emit ReportProcessorSet(_reportProcessor, address(0));
    }

    // ---------------------------------------------------------------- config views
    function getChainConfig() external view returns (uint256 slotsPerEpoch, uint256 secondsPerSlot, uint256 genesisTime) {
        return (SLOTS_PER_EPOCH, SECONDS_PER_SLOT, initialized ? GENESIS_TIME : GENESIS_TIME);
    }

    function getFrameConfig() external view returns (uint256 initialEpoch_, uint256 epochsPerFrame_, uint256 fastLaneLengthSlots_) {
        return (initialEpoch, epochsPerFrame, fastLaneLengthSlots);
    }

    function getInitialRefSlot() external view returns (uint256) {
        return initialEpoch * SLOTS_PER_EPOCH - 1;
    }

    function getReportProcessor() external view returns (address) {
        return reportProcessor;
    }

    /// Current frame: ref slot = last slot before the frame's first slot; deadline = last slot of the frame.
    function getCurrentFrame() external view returns (uint256 refSlot, uint256 reportProcessingDeadlineSlot) {
        Frame memory frame = _currentFrame();
        return (frame.refSlot, frame.reportProcessingDeadlineSlot);
    }

    function _currentSlot() internal view returns (uint256) {
        return (block.timestamp - GENESIS_TIME) / SECONDS_PER_SLOT;
    }

    function _currentFrame() internal view returns (Frame memory frame) {
        uint256 epoch = _currentSlot() / SLOTS_PER_EPOCH;
        if (epoch < initialEpoch) revert InitialEpochIsYetToArrive();
        frame.index = (epoch - initialEpoch) / epochsPerFrame;
        uint256 frameStartSlot = (initialEpoch + frame.index * epochsPerFrame) * SLOTS_PER_EPOCH;
        frame.refSlot = frameStartSlot - 1;
        frame.reportProcessingDeadlineSlot = frameStartSlot + epochsPerFrame * SLOTS_PER_EPOCH - 1;
    }

    // ---------------------------------------------------------------- members and quorum
    function getQuorum() external view returns (uint256) {
        return quorum;
    }

    function getIsMember(address _addr) external view returns (bool) {
        return memberIndices1b[_addr] != 0;
    }

    function getMembers() external view returns (address[] memory addresses, uint256[] memory lastReportedRefSlots) {
        addresses = memberAddresses;
        lastReportedRefSlots = new uint256[](memberStates.length);
        for (uint256 i = 0; i < memberStates.length; ++i) lastReportedRefSlots[i] = memberStates[i].lastReportRefSlot;
    }

    function getIsFastLaneMember(address _addr) external view returns (bool) {
        uint256 index1b = memberIndices1b[_addr];
        return index1b != 0 && _isFastLaneMember(index1b - 1, _currentFrame().index);
    }

    function addMember(address _addr, uint256 _quorum) external onlyRole(MANAGE_MEMBERS_AND_QUORUM_ROLE) {
        if (_addr == address(0)) revert AddressCannotBeZero();
        if (memberIndices1b[_addr] != 0) revert DuplicateMember();
        memberAddresses.push(_addr);
        memberStates.push(MemberState(0, 0));
        memberIndices1b[_addr] = memberAddresses.length;
        emit MemberAdded(_addr, memberAddresses.length, _quorum);
        _setQuorum(_quorum, memberAddresses.length);
    }

    /// Access is checked inside (the role depends on whether the quorum disables consensus), as in the real contract.
    function setQuorum(uint256 _quorum) external {
        _setQuorum(_quorum, memberAddresses.length);
    }

    function _setQuorum(uint256 _quorum, uint256 _totalMembers) internal {
        if (_quorum <= _totalMembers / 2) revert QuorumTooSmall(_totalMembers / 2 + 1, _quorum);
        uint256 prevQuorum = quorum;
        if (_quorum != prevQuorum) {
            _checkRole(_quorum == UNREACHABLE_QUORUM ? DISABLE_CONSENSUS_ROLE : MANAGE_MEMBERS_AND_QUORUM_ROLE, msg.sender);
            quorum = _quorum;
            emit QuorumSet(_quorum, _totalMembers, prevQuorum);
        }
    }

    /// Fast lane of a frame: `quorum` members starting at frameIndex mod members (all members when quorum >= members).
    function _isFastLaneMember(uint256 _index, uint256 _frameIndex) internal view returns (bool) {
        uint256 total = memberAddresses.length;
        if (total == 0) return false;
        if (quorum >= total) return true;
        uint256 start = _frameIndex % total;
        uint256 offset = (_index + total - start) % total;
        return offset < quorum;
    }

    // ---------------------------------------------------------------- consensus
    function getConsensusState() external view returns (uint256 refSlot, bytes32 consensusReport, bool isReportProcessing) {
        Frame memory frame = _currentFrame();
        refSlot = frame.refSlot;
        if (lastConsensusRefSlot == frame.refSlot) consensusReport = reportVariants[lastConsensusVariantIndex].hash;
        isReportProcessing = ILidoReportAsyncProcessor(reportProcessor).getLastProcessingRefSlot() == frame.refSlot;
    }

    function getReportVariants() external view returns (bytes32[] memory variants, uint256[] memory support) {
        uint256 length = lastReportRefSlot == _currentFrame().refSlot ? reportVariantsLength : 0;
        variants = new bytes32[](length);
        support = new uint256[](length);
        for (uint256 i = 0; i < length; ++i) {
            variants[i] = reportVariants[i].hash;
            support[i] = reportVariants[i].support;
        }
    }

    function submitReport(uint256 _slot, bytes32 _report, uint256 _consensusVersion) external {
        if (_slot == 0) revert InvalidSlot();
        if (_slot > type(uint64).max) revert NumericOverflow();
        if (_report == bytes32(0)) revert EmptyReport();
        uint256 index1b = memberIndices1b[msg.sender];
        if (index1b == 0) revert NonMember();
        uint256 memberIndex = index1b - 1;
        MemberState memory member = memberStates[memberIndex];

        uint256 expectedVersion = ILidoReportAsyncProcessor(reportProcessor).getConsensusVersion();
        if (_consensusVersion != expectedVersion) revert UnexpectedConsensusVersion(expectedVersion, _consensusVersion);

        uint256 currentSlot = _currentSlot();
        Frame memory frame = _currentFrame();
        if (_slot != frame.refSlot) revert InvalidSlot();
        if (currentSlot > frame.reportProcessingDeadlineSlot) revert StaleReport();
        if (currentSlot <= frame.refSlot + fastLaneLengthSlots && !_isFastLaneMember(memberIndex, frame.index)) {
            revert NonFastLaneMemberCannotReportWithinFastLaneInterval();
        }
        if (_slot <= ILidoReportAsyncProcessor(reportProcessor).getLastProcessingRefSlot()) {
            // consensus was reached and the report is processing: a repeated report is an error, a late one a no-op
            if (_slot == member.lastReportRefSlot) revert ConsensusReportAlreadyProcessing();
            return;
        }

        uint256 variantsLength;
        if (lastReportRefSlot != _slot) {
            lastReportRefSlot = uint64(_slot);
        } else {
            variantsLength = reportVariantsLength;
        }
        uint64 varIndex = 0;
        while (varIndex < variantsLength && reportVariants[varIndex].hash != _report) ++varIndex;

        bool prevConsensusLost;
        if (_slot == member.lastReportRefSlot) {
            uint64 prevVarIndex = member.lastReportVariantIndex;
            if (varIndex == prevVarIndex) revert DuplicateReport();
            uint256 prevSupport = --reportVariants[prevVarIndex].support;
            if (prevSupport + 1 == quorum) prevConsensusLost = true;
        }

        uint256 support;
        if (varIndex < variantsLength) {
            support = ++reportVariants[varIndex].support;
        } else {
            support = 1;
            reportVariants[varIndex] = ReportVariant(_report, 1);
            reportVariantsLength = ++variantsLength;
        }
        memberStates[memberIndex] = MemberState(uint64(_slot), varIndex);
        emit ReportReceived(_slot, msg.sender, _report);

        if (support >= quorum) {
            if (lastConsensusRefSlot != frame.refSlot || lastConsensusVariantIndex != varIndex) {
                lastConsensusRefSlot = uint64(frame.refSlot);
                lastConsensusVariantIndex = varIndex;
                emit ConsensusReached(frame.refSlot, _report, support);
                ILidoReportAsyncProcessor(reportProcessor).submitConsensusReport(
                    _report, frame.refSlot, GENESIS_TIME + frame.reportProcessingDeadlineSlot * SECONDS_PER_SLOT
                );
            }
        } else if (prevConsensusLost && lastConsensusRefSlot == frame.refSlot) {
            // the replica's processor has no discardConsensusReport: the lost consensus is only recorded here
            lastConsensusRefSlot = 0;
            emit ConsensusLost(frame.refSlot);
        }
    }
}
