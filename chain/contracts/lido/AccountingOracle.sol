// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./LidoAccessControl.sol";
import "./LidoInterfaces.sol";

interface ILidoHashConsensusView {
    function getCurrentFrame() external view returns (uint256 refSlot, uint256 reportProcessingDeadlineSlot);
    function getIsMember(address addr) external view returns (bool);
}

interface ILidoAccountingLocator {
    function lido() external view returns (address);
    function withdrawalQueue() external view returns (address);
}

interface ILidoOracleReportQueue {
    function onOracleReport(bool _isBunkerModeNow, uint256 _bunkerStartTimestamp, uint256 _currentReportTimestamp) external;
}

/// @title Devnet replica of AccountingOracle (SRv3, 0x852deD011285fe67063a08005c71a85690503Cee): the consensus
///        report from HashConsensus (`submitConsensusReport`), the main data (`submitReportData`, SUBMIT_DATA_ROLE or
///        a consensus member, hash = keccak256(abi.encode(data))) and the empty extra data, with the real checks,
///        errors and events. Main data moves the withdrawal queue's bunker mode and runs the accounting in stETH.
///        Not replicated: extra data lists, staking-module/vault data (accepted, not applied), report discarding.
contract AccountingOracle is LidoAccessControl {
    bytes32 public constant SUBMIT_DATA_ROLE = keccak256("SUBMIT_DATA_ROLE");
    bytes32 public constant MANAGE_CONSENSUS_CONTRACT_ROLE = keccak256("MANAGE_CONSENSUS_CONTRACT_ROLE");
    bytes32 public constant MANAGE_CONSENSUS_VERSION_ROLE = keccak256("MANAGE_CONSENSUS_VERSION_ROLE");
    uint256 public constant GENESIS_TIME = 1606824023;
    uint256 public constant SECONDS_PER_SLOT = 12;
    uint256 public constant EXTRA_DATA_FORMAT_EMPTY = 0;
    uint256 public constant EXTRA_DATA_FORMAT_LIST = 1;
    uint256 public constant EXTRA_DATA_TYPE_STUCK_VALIDATORS = 1;
    uint256 public constant EXTRA_DATA_TYPE_EXITED_VALIDATORS = 2;
    uint256 internal constant CONTRACT_VERSION = 5;

    struct ReportData {
        uint256 consensusVersion;
        uint256 refSlot;
        uint256 clValidatorsBalanceGwei;
        uint256 clPendingBalanceGwei;
        uint256[] stakingModuleIdsWithNewlyExitedValidators;
        uint256[] numExitedValidatorsByStakingModule;
        uint256[] stakingModuleIdsWithUpdatedBalance;
        uint256[] validatorBalancesGweiByStakingModule;
        uint256 withdrawalVaultBalance;
        uint256 elRewardsVaultBalance;
        uint256 sharesRequestedToBurn;
        uint256[] withdrawalFinalizationBatches;
        uint256 simulatedShareRate;
        bool isBunkerMode;
        bytes32 vaultsDataTreeRoot;
        string vaultsDataTreeCid;
        uint256 extraDataFormat;
        bytes32 extraDataHash;
        uint256 extraDataItemsCount;
    }

    struct ProcessingState {
        uint256 currentFrameRefSlot;
        uint256 processingDeadlineTime;
        bytes32 mainDataHash;
        bool mainDataSubmitted;
        bytes32 extraDataHash;
        uint256 extraDataFormat;
        bool extraDataSubmitted;
        uint256 extraDataItemsCount;
        uint256 extraDataItemsSubmitted;
    }

    struct ConsensusReport {
        bytes32 hash;
        uint64 refSlot;
        uint64 processingDeadlineTime;
    }

    struct ExtraDataState {
        uint64 refSlot;
        uint16 dataFormat;
        bool submitted;
        uint64 itemsCount;
        uint64 itemsProcessed;
        bytes32 dataHash;
    }

    bool internal initialized;
    address internal locator;
    address internal consensus;
    uint256 internal consensusVersion;
    uint256 internal lastProcessingRefSlot;
    ConsensusReport internal report;
    ExtraDataState internal extraData;

    error SenderIsNotTheConsensusContract();
    error SenderNotAllowed();
    error RefSlotCannotDecrease(uint256 refSlot, uint256 prevRefSlot);
    error RefSlotMustBeGreaterThanProcessingOne(uint256 refSlot, uint256 processingRefSlot);
    error RefSlotAlreadyProcessing();
    error ProcessingDeadlineMissed(uint256 deadline);
    error HashCannotBeZero();
    error NoConsensusReportToProcess();
    error UnexpectedContractVersion(uint256 expected, uint256 received);
    error UnexpectedRefSlot(uint256 consensusRefSlot, uint256 dataRefSlot);
    error UnexpectedConsensusVersion(uint256 expectedVersion, uint256 receivedVersion);
    error UnexpectedDataHash(bytes32 consensusHash, bytes32 receivedHash);
    error UnexpectedExtraDataHash(bytes32 consensusHash, bytes32 receivedHash);
    error UnexpectedExtraDataItemsCount(uint256 expectedCount, uint256 receivedCount);
    error UnexpectedExtraDataFormat(uint256 expectedFormat, uint256 receivedFormat);
    error UnsupportedExtraDataFormat(uint256 format);
    error ExtraDataAlreadyProcessed();
    error CannotSubmitExtraDataBeforeMainData();
    error InvalidExitedValidatorsData();

    event ProcessingStarted(uint256 indexed refSlot, bytes32 hash);
    event ReportSubmitted(uint256 indexed refSlot, bytes32 hash, uint256 processingDeadlineTime);
    event WarnProcessingMissed(uint256 indexed refSlot);
    event ExtraDataSubmitted(uint256 indexed refSlot, uint256 itemsProcessed, uint256 itemsCount);
    event ConsensusHashContractSet(address indexed addr, address indexed prevAddr);
    event ConsensusVersionSet(uint256 indexed version, uint256 indexed prevVersion);
    event ContractVersionSet(uint256 version);

    /// @notice Deploy-time initialiser in the shape of the real `initialize(admin, consensus, version, lastProcessingRefSlot)`
    ///         plus the locator the real contract takes in its constructor.
    function devnetInitialize(address _admin, address _locator, address _consensus, uint256 _consensusVersion, uint256 _lastProcessingRefSlot) external {
        require(!initialized, "already initialized");
        initialized = true;
        _grantRole(DEFAULT_ADMIN_ROLE, _admin);
        locator = _locator;
        consensus = _consensus;
        consensusVersion = _consensusVersion;
        lastProcessingRefSlot = _lastProcessingRefSlot;
        report.refSlot = uint64(_lastProcessingRefSlot);
        emit ContractVersionSet(CONTRACT_VERSION);
        emit ConsensusHashContractSet(_consensus, address(0));
        emit ConsensusVersionSet(_consensusVersion, 0);
    }

    function LOCATOR() external view returns (address) { return locator; }
    function getConsensusContract() external view returns (address) { return consensus; }
    function getConsensusVersion() external view returns (uint256) { return consensusVersion; }
    function getContractVersion() external view returns (uint256) { return initialized ? CONTRACT_VERSION : 0; }
    function getLastProcessingRefSlot() external view returns (uint256) { return lastProcessingRefSlot; }

    function getCurrentFrame() external view returns (uint256 refSlot, uint256 refSlotTimestamp) {
        (refSlot, ) = ILidoHashConsensusView(consensus).getCurrentFrame();
        refSlotTimestamp = GENESIS_TIME + refSlot * SECONDS_PER_SLOT;
    }

    /// The last report HashConsensus handed over, and whether its processing started.
    function getConsensusReport() external view returns (bytes32 hash, uint256 refSlot, uint256 processingDeadlineTime, bool processingStarted) {
        ConsensusReport memory r = report;
        return (r.hash, r.refSlot, r.processingDeadlineTime, r.hash != bytes32(0) && r.refSlot == lastProcessingRefSlot);
    }

    function getProcessingState() external view returns (ProcessingState memory result) {
        (result.currentFrameRefSlot, ) = ILidoHashConsensusView(consensus).getCurrentFrame();
        ConsensusReport memory r = report;
        if (r.hash == bytes32(0) || r.refSlot != result.currentFrameRefSlot) return result;
        result.processingDeadlineTime = r.processingDeadlineTime;
        result.mainDataHash = r.hash;
        result.mainDataSubmitted = lastProcessingRefSlot == r.refSlot;
        ExtraDataState memory x = extraData;
        if (result.mainDataSubmitted && x.refSlot == r.refSlot) {
            result.extraDataHash = x.dataHash;
            result.extraDataFormat = x.dataFormat;
            result.extraDataSubmitted = x.submitted;
            result.extraDataItemsCount = x.itemsCount;
            result.extraDataItemsSubmitted = x.itemsProcessed;
        }
    }

    // ---------------------------------------------------------------- from HashConsensus
    function submitConsensusReport(bytes32 _reportHash, uint256 _refSlot, uint256 _deadline) external {
        if (msg.sender != consensus) revert SenderIsNotTheConsensusContract();
        uint256 prevSubmittedRefSlot = report.refSlot;
        if (_refSlot < prevSubmittedRefSlot) revert RefSlotCannotDecrease(_refSlot, prevSubmittedRefSlot);
        uint256 prevProcessingRefSlot = lastProcessingRefSlot;
        if (_refSlot <= prevProcessingRefSlot) revert RefSlotMustBeGreaterThanProcessingOne(_refSlot, prevProcessingRefSlot);
        if (block.timestamp > _deadline) revert ProcessingDeadlineMissed(_deadline);
        if (_refSlot != prevSubmittedRefSlot && prevProcessingRefSlot != prevSubmittedRefSlot) emit WarnProcessingMissed(prevSubmittedRefSlot);
        if (_reportHash == bytes32(0)) revert HashCannotBeZero();
        report = ConsensusReport(_reportHash, uint64(_refSlot), uint64(_deadline));
        emit ReportSubmitted(_refSlot, _reportHash, _deadline);
    }

    // ---------------------------------------------------------------- main data
    function submitReportData(ReportData calldata _data, uint256 _contractVersion) external {
        _checkMsgSenderIsAllowedToSubmitData();
        if (_contractVersion != CONTRACT_VERSION) revert UnexpectedContractVersion(CONTRACT_VERSION, _contractVersion);
        ConsensusReport memory r = report;
        if (_data.refSlot != r.refSlot) revert UnexpectedRefSlot(r.refSlot, _data.refSlot);
        if (_data.consensusVersion != consensusVersion) revert UnexpectedConsensusVersion(consensusVersion, _data.consensusVersion);
        bytes32 dataHash = keccak256(abi.encode(_data));
        if (dataHash != r.hash) revert UnexpectedDataHash(r.hash, dataHash);

        // start processing
        if (block.timestamp > r.processingDeadlineTime) revert ProcessingDeadlineMissed(r.processingDeadlineTime);
        if (r.hash == bytes32(0)) revert NoConsensusReportToProcess();
        uint256 prevRefSlot = lastProcessingRefSlot;
        if (r.refSlot == prevRefSlot) revert RefSlotAlreadyProcessing();
        lastProcessingRefSlot = r.refSlot;
        emit ProcessingStarted(r.refSlot, r.hash);

        if (_data.extraDataFormat == EXTRA_DATA_FORMAT_EMPTY) {
            if (_data.extraDataHash != bytes32(0)) revert UnexpectedExtraDataHash(bytes32(0), _data.extraDataHash);
            if (_data.extraDataItemsCount != 0) revert UnexpectedExtraDataItemsCount(0, _data.extraDataItemsCount);
        } else {
            revert UnsupportedExtraDataFormat(_data.extraDataFormat); // the replica has no extra data lists
        }
        if (_data.stakingModuleIdsWithNewlyExitedValidators.length != _data.numExitedValidatorsByStakingModule.length) {
            revert InvalidExitedValidatorsData();
        }

        uint256 reportTimestamp = GENESIS_TIME + _data.refSlot * SECONDS_PER_SLOT;
        ILidoOracleReportQueue(ILidoAccountingLocator(locator).withdrawalQueue()).onOracleReport(
            _data.isBunkerMode, GENESIS_TIME + prevRefSlot * SECONDS_PER_SLOT, reportTimestamp
        );
        ILidoAccountingHandler(ILidoAccountingLocator(locator).lido()).handleAccountingReport(LidoAccountingReport({
            timestamp: reportTimestamp,
            timeElapsed: (_data.refSlot - prevRefSlot) * SECONDS_PER_SLOT,
            clValidatorsBalance: _data.clValidatorsBalanceGwei * 1 gwei,
            clPendingBalance: _data.clPendingBalanceGwei * 1 gwei,
            withdrawalVaultBalance: _data.withdrawalVaultBalance,
            elRewardsVaultBalance: _data.elRewardsVaultBalance,
            sharesRequestedToBurn: _data.sharesRequestedToBurn,
            withdrawalFinalizationBatches: _data.withdrawalFinalizationBatches,
            simulatedShareRate: _data.simulatedShareRate
        }));

        extraData = ExtraDataState({
            refSlot: uint64(_data.refSlot),
            dataFormat: uint16(_data.extraDataFormat),
            submitted: false,
            itemsCount: uint64(_data.extraDataItemsCount),
            itemsProcessed: 0,
            dataHash: _data.extraDataHash
        });
    }

    // ---------------------------------------------------------------- extra data
    function submitReportExtraDataEmpty() external {
        _checkMsgSenderIsAllowedToSubmitData();
        ConsensusReport memory r = report;
        if (block.timestamp > r.processingDeadlineTime) revert ProcessingDeadlineMissed(r.processingDeadlineTime);
        ExtraDataState memory x = extraData;
        if (lastProcessingRefSlot != r.refSlot || x.refSlot != r.refSlot) revert CannotSubmitExtraDataBeforeMainData();
        if (x.submitted) revert ExtraDataAlreadyProcessed();
        if (x.dataFormat != EXTRA_DATA_FORMAT_EMPTY) revert UnexpectedExtraDataFormat(x.dataFormat, EXTRA_DATA_FORMAT_EMPTY);
        extraData.submitted = true;
        emit ExtraDataSubmitted(r.refSlot, 0, 0);
    }

    function _checkMsgSenderIsAllowedToSubmitData() internal view {
        if (!hasRole(SUBMIT_DATA_ROLE, msg.sender) && !ILidoHashConsensusView(consensus).getIsMember(msg.sender)) revert SenderNotAllowed();
    }
}
