// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./EtherFiOracle.sol";

interface IEtherFiOracleView {
    function generateReportHash(EtherFiOracleReport calldata _report) external pure returns (bytes32);
    function isConsensusReached(bytes32 _hash) external view returns (bool);
    function getConsensusSlot(bytes32 _hash) external view returns (uint32);
    function computeSlotAtTimestamp(uint256 timestamp) external view returns (uint32);
    function lastPublishedReportRefBlock() external view returns (uint32);
}

interface IEtherFiAdminPool {
    function getTotalPooledEther() external view returns (uint256);
    function totalValueInLp() external view returns (uint128);
    function rebase(int128 _accruedRewards, uint128 _protocolFees) external;
    function addEthAmountLockedForWithdrawal(uint128 _amount) external;
}

interface IEtherFiAdminNft {
    struct WithdrawRequest {
        uint96 amountOfEEth;
        uint96 shareOfEEth;
        bool isValid;
        uint32 feeGwei;
    }
    function getRequest(uint256 requestId) external view returns (WithdrawRequest memory);
    function lastFinalizedRequestId() external view returns (uint32);
    function nextRequestId() external view returns (uint32);
    function finalizeRequests(uint256 requestId) external;
}

/// EtherFiAdmin replica (mainnet 0x0EF8fa4760Db8f5Cd4d993f3e3416f30f942D705): executes a published oracle report
/// (permissionless `executeTasks`) after checking it — consensus, the next frame, the post-report wait, the rebase
/// APR and negative caps, fees <= 20 % of rewards, the daily finalization cap and the nominal sum of the finalized
/// requests — then rebases the pool, queues validator approvals and finalizes withdrawals.
contract EtherFiAdmin is EtherFiRoles {
    struct TaskStatus {
        bool completed;
        bool exists;
    }

    uint256 public constant MAX_PROTOCOL_FEE_INV_RATIO = 5;
    uint256 public constant STALE_REPORT_FINALIZATION_COOLDOWN = 7200;
    uint256 public constant BASIS_POINTS_DENOMINATOR = 10_000;
    uint256 public constant DEFAULT_MAX_NEGATIVE_REBASE_BPS = 3;

    IEtherFiOracleView public constant etherFiOracle = IEtherFiOracleView(0x57AaF0004C716388B21795431CD7D5f9D3Bb6a41);
    IEtherFiAdminPool public constant liquidityPool = IEtherFiAdminPool(payable(0x308861A430be4cce5502d0A12724771Fc6DaF216));
    IEtherFiAdminNft public constant withdrawRequestNft = IEtherFiAdminNft(0x7d5706f6ef3F89B3951E23e557CDFBC3239D4E2c);
    int256 public constant maxAcceptableRebaseAprInBps = 1_000;
    uint256 public constant maxValidatorTaskBatchSize = 100;
    uint256 public constant staleOracleReportBlockWindow = 7200 * 14;
    uint256 public constant maxAcceptableFinalizedWithdrawalAmountPerDay = 150_000 ether;
    uint256 public constant maxAcceptableNumValidatorsToApprovePerDay = 100;
    uint256 public constant maxNumberOfRequestsToFinalizePerReport = 3500;

    uint32 public lastHandledReportRefSlot;
    uint32 public lastHandledReportRefBlock;
    int32 public acceptableRebaseAprInBps;
    uint16 public postReportWaitTimeInSlots;
    uint32 public lastAdminExecutionBlock;
    mapping(bytes32 => TaskStatus) public validatorApprovalTaskStatus;
    uint16 internal validatorTaskBatchSize;
    uint256 public lastStaleReportFinalizationBlock;
    uint256 public maxFinalizedWithdrawalAmountPerDay;
    uint256 public maxNumValidatorsToApprovePerDay;
    uint256 public maxNegativeRebaseBps;

    event AdminOperationsExecuted(address indexed _address, bytes32 indexed _reportHash);
    event ValidatorApprovalTaskCreated(bytes32 indexed _taskHash, bytes32 indexed _reportHash, uint256[] _validators);
    event MaxNegativeRebaseBpsUpdated(uint256 bps);

    error ReportValidationFailed(string reason);
    error OracleReportNotStale();
    error StaleReportFinalizationCooldown();
    error NoWithdrawalsToFinalize();
    error TaskAlreadyExists();
    error InvalidAcceptableRebaseApr();
    error InvalidMaxFinalizedWithdrawalAmountPerDay();
    error InvalidMaxNegativeRebaseBps();

    /// Deploy-time stand-in for the real initialize and the state of the last handled report. Runs once.
    function devnetInitialize(int32 acceptableRebaseAprInBps_, uint16 postReportWaitTimeInSlots_, uint32 lastHandledSlot_,
        uint32 lastHandledBlock_, uint256 maxFinalizedPerDay_, uint16 validatorTaskBatchSize_) external {
        require(lastHandledReportRefSlot == 0, "already initialized");
        acceptableRebaseAprInBps = acceptableRebaseAprInBps_;
        postReportWaitTimeInSlots = postReportWaitTimeInSlots_;
        lastHandledReportRefSlot = lastHandledSlot_;
        lastHandledReportRefBlock = lastHandledBlock_;
        maxFinalizedWithdrawalAmountPerDay = maxFinalizedPerDay_;
        validatorTaskBatchSize = validatorTaskBatchSize_;
    }

    // ---------------------------------------------------------------- settings (operating timelock)

    function updateAcceptableRebaseApr(int32 _acceptableRebaseAprInBps) external onlyOperatingTimelock {
        if (_acceptableRebaseAprInBps < 0 || _acceptableRebaseAprInBps > maxAcceptableRebaseAprInBps) revert InvalidAcceptableRebaseApr();
        acceptableRebaseAprInBps = _acceptableRebaseAprInBps;
    }

    function updateMaxFinalizedWithdrawalAmountPerDay(uint256 _max) external onlyOperatingTimelock {
        if (_max == 0 || _max > maxAcceptableFinalizedWithdrawalAmountPerDay) revert InvalidMaxFinalizedWithdrawalAmountPerDay();
        maxFinalizedWithdrawalAmountPerDay = _max;
    }

    function updatePostReportWaitTimeInSlots(uint16 _postReportWaitTimeInSlots) external onlyOperatingTimelock {
        postReportWaitTimeInSlots = _postReportWaitTimeInSlots;
    }

    function setMaxNegativeRebaseBps(uint256 _bps) external onlyOperatingTimelock {
        if (_bps > BASIS_POINTS_DENOMINATOR) revert InvalidMaxNegativeRebaseBps();
        maxNegativeRebaseBps = _bps;
        emit MaxNegativeRebaseBpsUpdated(_bps);
    }

    // ---------------------------------------------------------------- oracle operations

    function executeTasks(EtherFiOracleReport calldata _report) external {
        bytes32 reportHash = etherFiOracle.generateReportHash(_report);
        (bool ok, string memory err) = _validateReport(_report, reportHash);
        if (!ok) revert ReportValidationFailed(err);

        if (_report.accruedRewards != 0 || _report.protocolFees != 0) liquidityPool.rebase(_report.accruedRewards, _report.protocolFees);
        _enqueueValidatorApprovalTask(reportHash, _report);
        _finalizeWithdrawals(_report.lastFinalizedWithdrawalRequestId, _report.finalizedWithdrawalAmount);

        lastHandledReportRefSlot = _report.refSlotTo;
        lastHandledReportRefBlock = _report.refBlockTo;
        lastAdminExecutionBlock = uint32(block.number);
        emit AdminOperationsExecuted(msg.sender, reportHash);
    }

    /// Escape hatch when reports stop: anyone finalizes what the pool's liquidity covers, in id order.
    function finalizeWithdrawalsWhenStale() external {
        if (block.number < etherFiOracle.lastPublishedReportRefBlock() + staleOracleReportBlockWindow) revert OracleReportNotStale();
        if (block.number < lastStaleReportFinalizationBlock + STALE_REPORT_FINALIZATION_COOLDOWN) revert StaleReportFinalizationCooldown();
        uint256 liquidity = liquidityPool.totalValueInLp();
        uint32 current = withdrawRequestNft.nextRequestId() - 1;
        uint32 lastFinalized = withdrawRequestNft.lastFinalizedRequestId();
        uint32 id = lastFinalized;
        uint128 amount;
        while (id < current) {
            if ((id + 1) - lastFinalized > maxNumberOfRequestsToFinalizePerReport) break;
            IEtherFiAdminNft.WithdrawRequest memory request = withdrawRequestNft.getRequest(id + 1);
            if (!request.isValid) {
                id++;
                continue;
            }
            if (liquidity < amount + request.amountOfEEth) break;
            amount += request.amountOfEEth;
            id++;
        }
        if (id == lastFinalized) revert NoWithdrawalsToFinalize();
        _finalizeWithdrawals(id, amount);
        lastStaleReportFinalizationBlock = block.number;
    }

    function _finalizeWithdrawals(uint32 _lastFinalizedRequestId, uint128 _amount) internal {
        withdrawRequestNft.finalizeRequests(_lastFinalizedRequestId);
        liquidityPool.addEthAmountLockedForWithdrawal(_amount);
    }

    function _enqueueValidatorApprovalTask(bytes32 _reportHash, EtherFiOracleReport calldata _report) internal {
        uint256 n = _report.validatorsToApprove.length;
        if (n == 0) return;
        uint256 size = validatorTaskBatchSize;
        for (uint256 start = 0; start < n; start += size) {
            uint256 end = start + size > n ? n : start + size;
            uint256[] memory batch = new uint256[](end - start);
            for (uint256 j = start; j < end; j++) batch[j - start] = _report.validatorsToApprove[j];
            bytes32 taskHash = keccak256(abi.encode(_reportHash, batch));
            if (validatorApprovalTaskStatus[taskHash].exists) revert TaskAlreadyExists();
            validatorApprovalTaskStatus[taskHash] = TaskStatus({completed: false, exists: true});
            emit ValidatorApprovalTaskCreated(taskHash, _reportHash, batch);
        }
    }

    function _validateReport(EtherFiOracleReport calldata _report, bytes32 _reportHash) internal view returns (bool, string memory) {
        uint32 currentSlot = etherFiOracle.computeSlotAtTimestamp(block.timestamp);
        if (!etherFiOracle.isConsensusReached(_reportHash)) return (false, "EtherFiAdmin: report didn't reach consensus");
        if (slotForNextReportToProcess() != _report.refSlotFrom) return (false, "EtherFiAdmin: report has wrong `refSlotFrom`");
        if (blockForNextReportToProcess() != _report.refBlockFrom) return (false, "EtherFiAdmin: report has wrong `refBlockFrom`");
        if (currentSlot < postReportWaitTimeInSlots + etherFiOracle.getConsensusSlot(_reportHash)) return (false, "EtherFiAdmin: report is too fresh");

        uint256 elapsedTime = uint256(_report.refSlotTo - lastHandledReportRefSlot) * 12 seconds;
        if (elapsedTime == 0) return (false, "EtherFiAdmin: report spans zero slots");

        int256 tvl = int128(uint128(liquidityPool.getTotalPooledEther()));
        int256 apr;
        if (tvl > 0) apr = int256(BASIS_POINTS_DENOMINATOR) * (_report.accruedRewards * 365 days) / (tvl * int256(elapsedTime));
        if ((apr > 0 ? apr : -apr) > acceptableRebaseAprInBps) return (false, "EtherFiAdmin: TVL changed too much");
        if (_report.accruedRewards < 0 && tvl > 0
            && -int256(_report.accruedRewards) * int256(BASIS_POINTS_DENOMINATOR) > tvl * int256(effectiveMaxNegativeRebaseBps())) {
            return (false, "EtherFiAdmin: negative rebase exceeds cap");
        }

        if (_report.protocolFees > uint128(type(int128).max)) return (false, "EtherFiAdmin: protocol fees exceed int128 max");
        int256 fees = int256(uint256(_report.protocolFees));
        if (fees > 0 && fees * int256(MAX_PROTOCOL_FEE_INV_RATIO) > fees + int256(_report.accruedRewards)) {
            return (false, "EtherFiAdmin: protocol fees exceed 20% total rewards");
        }

        if (_report.validatorsToApprove.length * 1 days / elapsedTime > maxNumValidatorsToApprovePerDay) {
            return (false, "EtherFiAdmin: number of validators to approve exceeds max");
        }

        if (uint256(_report.finalizedWithdrawalAmount) * 1 days / elapsedTime > maxFinalizedWithdrawalAmountPerDay) {
            return (false, "EtherFiAdmin: finalized withdrawal amount exceeds max");
        }
        if (_report.finalizedWithdrawalAmount > liquidityPool.totalValueInLp()) return (false, "EtherFiAdmin: finalized withdrawal exceeds LP liquidity");
        uint32 lastFinalized = withdrawRequestNft.lastFinalizedRequestId();
        if (_report.lastFinalizedWithdrawalRequestId < lastFinalized) {
            return (false, "EtherFiAdmin: finalized withdrawal request id is less than last finalized request id");
        }
        if (_report.lastFinalizedWithdrawalRequestId - lastFinalized > maxNumberOfRequestsToFinalizePerReport) {
            return (false, "EtherFiAdmin: number of requests to finalize exceeds max");
        }
        uint256 sum;
        for (uint256 i = uint256(lastFinalized) + 1; i <= _report.lastFinalizedWithdrawalRequestId; i++) {
            IEtherFiAdminNft.WithdrawRequest memory request = withdrawRequestNft.getRequest(i);
            if (request.isValid) sum += request.amountOfEEth;
        }
        if (sum != _report.finalizedWithdrawalAmount) return (false, "EtherFiAdmin: sum of requests does not match finalized withdrawal amount");
        return (true, "");
    }

    // ---------------------------------------------------------------- views

    function canExecuteTasks(EtherFiOracleReport calldata _report) external view returns (bool _isValid) {
        (_isValid, ) = _validateReport(_report, etherFiOracle.generateReportHash(_report));
    }

    function slotForNextReportToProcess() public view returns (uint32) {
        return lastHandledReportRefSlot == 0 ? 0 : lastHandledReportRefSlot + 1;
    }

    function blockForNextReportToProcess() public view returns (uint32) {
        return lastHandledReportRefBlock == 0 ? 0 : lastHandledReportRefBlock + 1;
    }

    function effectiveMaxNegativeRebaseBps() public view returns (uint256) {
        return maxNegativeRebaseBps == 0 ? DEFAULT_MAX_NEGATIVE_REBASE_BPS : maxNegativeRebaseBps;
    }
}
