// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Devnet replica of the AccountingOracle's HashConsensus (0xD624B08C83bAECF0807Dd2c6880C3154a5F0B288):
///        only the frame/timing views, computed from block.timestamp like the real contract.
contract HashConsensus {
    uint256 internal constant SLOTS_PER_EPOCH = 32;
    uint256 internal constant SECONDS_PER_SLOT = 12;
    uint256 internal constant GENESIS_TIME = 1606824023;

    bool internal initialized;
    address internal devnetAdmin;
    address internal reportProcessor;
    uint256 internal initialEpoch;
    uint256 internal epochsPerFrame;
    uint256 internal fastLaneLengthSlots;

    event FrameConfigSet(uint256 newInitialEpoch, uint256 newEpochsPerFrame);
    event FastLaneConfigSet(uint256 fastLaneLengthSlots);

    /// @notice Devnet-only one-shot initialiser.
    function devnetInitialize(address _admin, address _reportProcessor, uint256 _initialEpoch, uint256 _epochsPerFrame, uint256 _fastLaneLengthSlots) external {
        require(!initialized, "already initialized");
        initialized = true;
        devnetAdmin = _admin;
        reportProcessor = _reportProcessor;
        initialEpoch = _initialEpoch;
        epochsPerFrame = _epochsPerFrame;
        fastLaneLengthSlots = _fastLaneLengthSlots;
        emit FrameConfigSet(_initialEpoch, _epochsPerFrame);
        emit FastLaneConfigSet(_fastLaneLengthSlots);
    }

    function getChainConfig() external view returns (uint256 slotsPerEpoch, uint256 secondsPerSlot, uint256 genesisTime) {
        return (SLOTS_PER_EPOCH, SECONDS_PER_SLOT, initialized ? GENESIS_TIME : GENESIS_TIME);
    }

    function getFrameConfig() external view returns (uint256 initialEpoch_, uint256 epochsPerFrame_, uint256 fastLaneLengthSlots_) {
        return (initialEpoch, epochsPerFrame, fastLaneLengthSlots);
    }

    function getInitialRefSlot() external view returns (uint256) {
        return initialEpoch * SLOTS_PER_EPOCH - 1;
    }

    function getCurrentFrame() external view returns (uint256 refSlot, uint256 reportProcessingDeadlineSlot) {
        return currentFrame();
    }

    /// Current frame: ref slot = last slot before the frame's first slot; deadline = last slot of the frame.
    function currentFrame() public view returns (uint256 refSlot, uint256 deadlineSlot) {
        uint256 epoch = (block.timestamp - GENESIS_TIME) / SECONDS_PER_SLOT / SLOTS_PER_EPOCH;
        uint256 frameIndex = epoch < initialEpoch ? 0 : (epoch - initialEpoch) / epochsPerFrame;
        uint256 frameStartSlot = (initialEpoch + frameIndex * epochsPerFrame) * SLOTS_PER_EPOCH;
        refSlot = frameStartSlot - 1;
        deadlineSlot = frameStartSlot + epochsPerFrame * SLOTS_PER_EPOCH - 1;
    }

    function getConsensusState() external view returns (uint256 refSlot, bytes32 consensusReport, bool isReportProcessing) {
        (refSlot, ) = currentFrame();
        return (refSlot, bytes32(0), false);
    }

    function getReportProcessor() external view returns (address) {
        return reportProcessor;
    }
}
