// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

interface ILidoHashConsensusFrame {
    function currentFrame() external view returns (uint256 refSlot, uint256 deadlineSlot);
}

/// @title Devnet replica of AccountingOracle (SRv3, 0x852deD011285fe67063a08005c71a85690503Cee): the timing views an
///        SDK reads. Reports are recorded by the stETH replica's devnet oracle report (devnetRecordReport).
contract AccountingOracle {
    uint256 public constant GENESIS_TIME = 1606824023;
    uint256 public constant SECONDS_PER_SLOT = 12;

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

    bool internal initialized;
    address internal locator;
    address internal consensus;
    address internal reporter;
    uint256 internal consensusVersion;
    uint256 internal lastProcessingRefSlot;
    bytes32 internal lastReportHash;

    event ProcessingStarted(uint256 indexed refSlot, bytes32 hash);

    /// @notice Devnet-only one-shot initialiser; `_reporter` (the stETH replica) may record reports.
    function devnetInitialize(address _locator, address _consensus, address _reporter, uint256 _consensusVersion, uint256 _lastProcessingRefSlot) external {
        require(!initialized, "already initialized");
        initialized = true;
        locator = _locator;
        consensus = _consensus;
        reporter = _reporter;
        consensusVersion = _consensusVersion;
        lastProcessingRefSlot = _lastProcessingRefSlot;
    }

    /// @notice Devnet: records that the report for `_refSlot` was processed (called by the stETH devnet report).
    function devnetRecordReport(uint256 _refSlot, bytes32 _hash) external {
        require(msg.sender == reporter, "devnet: reporter only");
        lastProcessingRefSlot = _refSlot;
        lastReportHash = _hash;
        emit ProcessingStarted(_refSlot, _hash);
    }

    function LOCATOR() external view returns (address) { return locator; }
    function getConsensusContract() external view returns (address) { return consensus; }
    function getConsensusVersion() external view returns (uint256) { return consensusVersion; }
    function getContractVersion() external view returns (uint256) { return initialized ? 5 : 0; }
    function getLastProcessingRefSlot() external view returns (uint256) { return lastProcessingRefSlot; }

    function getCurrentFrame() external view returns (uint256 refSlot, uint256 refSlotTimestamp) {
        (refSlot, ) = ILidoHashConsensusFrame(consensus).currentFrame();
        refSlotTimestamp = GENESIS_TIME + refSlot * SECONDS_PER_SLOT;
    }

    function getConsensusReport() external view returns (bytes32 hash, uint256 refSlot, uint256 processingDeadlineTime, bool processingStarted) {
        (uint256 currentRef, uint256 deadlineSlot) = ILidoHashConsensusFrame(consensus).currentFrame();
        bool processed = lastProcessingRefSlot >= currentRef;
        return (processed ? lastReportHash : bytes32(0), currentRef, GENESIS_TIME + deadlineSlot * SECONDS_PER_SLOT, processed);
    }

    function getProcessingState() external view returns (ProcessingState memory result) {
        (uint256 currentRef, uint256 deadlineSlot) = ILidoHashConsensusFrame(consensus).currentFrame();
        result.currentFrameRefSlot = currentRef;
        result.processingDeadlineTime = GENESIS_TIME + deadlineSlot * SECONDS_PER_SLOT;
        if (lastProcessingRefSlot >= currentRef) {
            result.mainDataHash = lastReportHash;
            result.mainDataSubmitted = true;
            result.extraDataSubmitted = true;
        }
    }
}
