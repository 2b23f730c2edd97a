// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./RocketPoolBase.sol";

/// Devnet replica of RocketDepositPool v1.4 / Saturn 1 (`rocketDepositPool`, 0xCE15294273CFb9D9b628F4D61636623decDF4fdC).
/// Accepts user ETH, mints rETH net of the deposit fee, tops rETH collateral up to its target, keeps the rest in
/// RocketVault, and assigns 32 ETH to megapool validators waiting in the express/standard queues. On the devnet
/// queue entries are created by the admin (devnetEnqueueValidators), standing in for node operators' requestFunds.
contract RocketDepositPool is RocketPoolBase {
    event DepositReceived(address indexed from, uint256 amount, uint256 time);
    event DepositRecycled(address indexed from, uint256 amount, uint256 time);
    event DepositAssigned(address indexed minipool, uint256 amount, uint256 time);
    event ExcessWithdrawn(address indexed to, uint256 amount, uint256 time);
    event FundsRequested(address indexed receiver, uint256 validatorId, uint256 amount, bool expressQueue, uint256 time);
    event FundsAssigned(address indexed receiver, uint256 amount, uint256 time);
    event QueueExited(address indexed nodeAddress, uint256 time);
    event CreditWithdrawn(address indexed nodeAddress, uint256 amount, uint256 time);

    uint256 private constant VALIDATOR_REQUEST = 32 ether;
    /// Raw (unhashed) literal, as on mainnet (a bug in an earlier contract fixed the key this way).
    bytes32 private constant KEY_NODE_BALANCE = "deposit.pool.node.balance";
    bytes32 private constant KEY_REQUESTED_TOTAL = keccak256("deposit.pool.requested.total");
    bytes32 private constant KEY_QUEUE_INDEX = keccak256("megapool.queue.index");
    /// Packed block numbers at which each queue's head last moved: express in the low 128 bits, standard in the high.
    bytes32 private constant KEY_QUEUE_MOVED = keccak256("megapool.queue.moved");

    struct QueueEntry {
        address receiver;
        uint32 validatorId;
        uint256 bond;
        uint256 requested;
    }

    // Express queue = 0, standard queue = 1: FIFO ranges [head, tail).
    mapping(uint256 => mapping(uint256 => QueueEntry)) private queueEntries;
    uint256[2] private queueHead;
    uint256[2] private queueTail;
    uint32 private nextValidatorId;

    modifier onlyThisLatestContract() {
        require(address(this) == _rocketStorage().getAddress(keccak256(abi.encodePacked("contract.address", "rocketDepositPool"))), "Invalid or outdated contract");
        _;
    }

    function version() external view returns (uint8) { return 4; }

    // ---- balances ----

    /// ETH held in RocketVault for the deposit pool (user deposits plus node bonds waiting in the queue).
    function getBalance() public view returns (uint256) {
        return _vault().balanceOf("rocketDepositPool");
    }

    /// Node operator ETH (bonds) included in getBalance().
    function getNodeBalance() public view returns (uint256) {
        return _getUint(KEY_NODE_BALANCE);
    }

    /// getBalance() - getNodeBalance(); may be negative.
    function getUserBalance() external view returns (int256) {
        return int256(getBalance()) - int256(getNodeBalance());
    }

    /// max(0, getBalance() - ETH requested by queued validators): the pool ETH that can back rETH burns.
    function getExcessBalance() public view returns (uint256) {
        uint256 balance = getBalance();
        uint256 queueCapacity = _queueCapacity();
        return balance > queueCapacity ? balance - queueCapacity : 0;
    }

    function getNodeCreditBalance(address _nodeAddress) external view returns (uint256) {
        return _getUint(keccak256(abi.encodePacked("node.deposit.credit.balance", _nodeAddress)));
    }

    /// 0 when deposits are disabled; else max(0, maxPoolSize [+ queue capacity if assignments enabled] - getBalance()).
    function getMaximumDepositAmount() external view returns (uint256) {
        IRocketPoolSettingsDeposit settings = _depositSettings();
        if (!settings.getDepositEnabled()) return 0;
        uint256 maxCapacity = settings.getMaximumDepositPoolSize();
        if (settings.getAssignDepositsEnabled()) maxCapacity += _queueCapacity();
        uint256 balance = getBalance();
        return balance >= maxCapacity ? 0 : maxCapacity - balance;
    }

    // ---- queues ----

    /// The legacy minipool queue is drained on the devnet (Saturn replaced it with the megapool queues).
    function getMinipoolQueueLength() external view returns (uint256) { return 0; }
    function getExpressQueueLength() public view returns (uint256) { return queueTail[0] - queueHead[0]; }
    function getStandardQueueLength() public view returns (uint256) { return queueTail[1] - queueHead[1]; }
    function getTotalQueueLength() external view returns (uint256) { return getExpressQueueLength() + getStandardQueueLength(); }
    function getQueueIndex() external view returns (uint256) { return _getUint(KEY_QUEUE_INDEX); }

    /// Next entry to be assigned, whether it can be assigned now (vault holds enough and assignments are enabled), and
    /// the block at which that queue's head last moved; (0, false, 0) when both queues are empty.
    function getQueueTop() external view returns (address receiver, bool assignmentPossible, uint256 headMovedBlock) {
        IRocketPoolSettingsDeposit settings = _depositSettings();
        (bool found, uint256 queue) = _nextQueue(_getUint(KEY_QUEUE_INDEX), settings.getExpressQueueRate());
        if (!found) return (address(0), false, 0);
        QueueEntry storage entry = queueEntries[queue][queueHead[queue]];
        assignmentPossible = getBalance() >= entry.requested && settings.getAssignDepositsEnabled();
        uint256 packed = _getUint(KEY_QUEUE_MOVED);
        headMovedBlock = queue == 0 ? uint128(packed) : uint128(packed >> 128);
        return (entry.receiver, assignmentPossible, headMovedBlock);
    }

    // ---- deposits ----

    /// Deposits ETH and mints rETH for msg.value minus the deposit fee to the caller.
    function deposit() external payable onlyThisLatestContract {
        IRocketPoolSettingsDeposit settings = _depositSettings();
        require(settings.getDepositEnabled(), "Deposits into Rocket Pool are currently disabled");
        require(msg.value >= settings.getMinimumDeposit(), "The deposited amount is less than the minimum deposit size");
        uint256 capacityNeeded = getBalance() + msg.value;
        uint256 maxDepositPoolSize = settings.getMaximumDepositPoolSize();
        if (capacityNeeded > maxDepositPoolSize) {
            if (settings.getAssignDepositsEnabled()) {
                require(capacityNeeded <= maxDepositPoolSize + _queueCapacity(),
                    "The deposit pool size after depositing exceeds the maximum size");
            } else {
                revert("The deposit pool size after depositing exceeds the maximum size");
            }
        }
        uint256 depositFee = msg.value * settings.getDepositFee() / CALC_BASE;
        uint256 depositNet = msg.value - depositFee;
        _reth().mint(depositNet, msg.sender);
        emit DepositReceived(msg.sender, msg.value, block.timestamp);
        _processDeposit(settings);
    }

    /// Tops the rETH contract up to targetCollateralRate * T / 1e18, puts the rest in the vault, then assigns.
    function _processDeposit(IRocketPoolSettingsDeposit settings) private {
        uint256 targetRate = IRocketPoolSettingsNetwork(_contractAddress("rocketDAOProtocolSettingsNetwork")).getTargetRethCollateralRate();
        uint256 totalEth = IRocketPoolNetworkBalances(_contractAddress("rocketNetworkBalances")).getTotalETHBalance();
        uint256 targetCollateral = targetRate * totalEth / CALC_BASE;
        address reth = _contractAddress("rocketTokenRETH");
        uint256 toReth = 0;
        if (targetCollateral > reth.balance) {
            toReth = targetCollateral - reth.balance;
            if (toReth > msg.value) toReth = msg.value;
            IRocketPoolTokenRETH(reth).depositExcess{value: toReth}();
        }
        if (msg.value > toReth) _vault().depositEther{value: msg.value - toReth}();
        if (settings.getAssignDepositsEnabled()) {
            uint256 count = settings.getMaximumDepositSocialisedAssignments() + msg.value / VALIDATOR_REQUEST;
            uint256 maxAssignments = settings.getMaximumDepositAssignments();
            _assignMegapools(count > maxAssignments ? maxAssignments : count, settings);
        }
    }

    /// Assigns up to `_max` queued validators; reverts when assignments are disabled.
    function assignDeposits(uint256 _max) external onlyThisLatestContract {
        require(_max > 0, "Must assign at least 1");
        IRocketPoolSettingsDeposit settings = _depositSettings();
        require(settings.getAssignDepositsEnabled(), "Deposit assignments are disabled");
        _assignMegapools(_max, settings);
    }

    /// Assigns up to `_max` queued validators (`_max` 0 reverts); does nothing when assignments are disabled.
    function maybeAssignDeposits(uint256 _max) external onlyThisLatestContract {
        require(_max > 0, "Must assign at least 1");
        IRocketPoolSettingsDeposit settings = _depositSettings();
        if (!settings.getAssignDepositsEnabled()) return;
        _assignMegapools(_max, settings);
    }

    /// Serves the queues alternately by the express queue rate, 32 ETH per entry, while the vault has enough.
    function _assignMegapools(uint256 _count, IRocketPoolSettingsDeposit settings) private {
        uint256 expressRate = settings.getExpressQueueRate();
        uint256 queueIndex = _getUint(KEY_QUEUE_INDEX);
        uint256 assigned = 0;
        bool expressHeadMoved = false;
        bool standardHeadMoved = false;
        for (uint256 i = 0; i < _count; i++) {
            (bool found, uint256 queue) = _nextQueue(queueIndex, expressRate);
            if (!found) break;
            QueueEntry memory entry = queueEntries[queue][queueHead[queue]];
            if (getBalance() < entry.requested) break;
            delete queueEntries[queue][queueHead[queue]];
            queueHead[queue]++;
            queueIndex++;
            assigned++;
            if (queue == 0) expressHeadMoved = true; else standardHeadMoved = true;
            _vault().withdrawEther(entry.requested);
            _subUint(KEY_NODE_BALANCE, entry.bond);
            _subUint(KEY_REQUESTED_TOTAL, entry.requested);
            (bool ok, ) = entry.receiver.call{value: entry.requested}("");
            require(ok, "Failed to send ETH");
            emit FundsAssigned(entry.receiver, entry.requested, block.timestamp);
        }
        if (assigned > 0) _setUint(KEY_QUEUE_INDEX, queueIndex);
        _setQueueMoved(expressHeadMoved, standardHeadMoved);
    }

    /// Records the current block for each queue whose head moved, keeping the other queue's block.
    function _setQueueMoved(bool expressHeadMoved, bool standardHeadMoved) private {
        if (!expressHeadMoved && !standardHeadMoved) return;
        uint256 packed = _getUint(KEY_QUEUE_MOVED);
        uint128 express = expressHeadMoved ? uint128(block.number) : uint128(packed);
        uint128 standard = standardHeadMoved ? uint128(block.number) : uint128(packed >> 128);
        _setUint(KEY_QUEUE_MOVED, uint256(express) | (uint256(standard) << 128));
    }

    /// Express when queueIndex % (rate + 1) != rate (rate 4: E,E,E,E,S), falling back to the other queue when one is empty.
    function _nextQueue(uint256 queueIndex, uint256 expressRate) private view returns (bool found, uint256 queue) {
        bool expressEmpty = queueTail[0] == queueHead[0];
        bool standardEmpty = queueTail[1] == queueHead[1];
        if (expressEmpty && standardEmpty) return (false, 0);
        bool express = queueIndex % (expressRate + 1) != expressRate;
        if (express && expressEmpty) express = false;
        if (!express && standardEmpty) express = true;
        return (true, express ? 0 : 1);
    }

    /// ETH the queued validators still need (the legacy minipool queue is empty on the devnet).
    function _queueCapacity() private view returns (uint256) {
        return _getUint(KEY_REQUESTED_TOTAL);
    }

    // ---- network-contract entry points ----

    /// Receives ETH withdrawn from RocketVault (vault only).
    function receiveVaultWithdrawalETH() external payable onlyThisLatestContract onlyLatestContract("rocketVault", msg.sender) {}

    /// Moves excess pool ETH to the rETH contract to cover a burn (rETH only).
    function withdrawExcessBalance(uint256 _amount) external onlyThisLatestContract onlyLatestContract("rocketTokenRETH", msg.sender) {
        require(_amount <= getExcessBalance(), "Insufficient excess balance for withdrawal");
        _vault().withdrawEther(_amount);
        _reth().depositExcess{value: _amount}();
        emit ExcessWithdrawn(msg.sender, _amount, block.timestamp);
    }

    /// Takes back ETH above the rETH collateral target (rETH only).
    function recycleExcessCollateral() external payable onlyThisLatestContract onlyLatestContract("rocketTokenRETH", msg.sender) {
        emit DepositRecycled(msg.sender, msg.value, block.timestamp);
        if (msg.value > 0) _vault().depositEther{value: msg.value}();
        IRocketPoolSettingsDeposit settings = _depositSettings();
        if (settings.getAssignDepositsEnabled()) {
            uint256 count = settings.getMaximumDepositSocialisedAssignments() + msg.value / VALIDATOR_REQUEST;
            uint256 maxAssignments = settings.getMaximumDepositAssignments();
            _assignMegapools(count > maxAssignments ? maxAssignments : count, settings);
        }
    }

    // ---- helpers ----

    function _vault() private view returns (IRocketPoolVault) { return IRocketPoolVault(_contractAddress("rocketVault")); }
    function _reth() private view returns (IRocketPoolTokenRETH) { return IRocketPoolTokenRETH(_contractAddress("rocketTokenRETH")); }
    function _depositSettings() private view returns (IRocketPoolSettingsDeposit) {
        return IRocketPoolSettingsDeposit(_contractAddress("rocketDAOProtocolSettingsDeposit"));
    }

    // ---- devnet admin helpers (not part of the real ABI) ----

    /// Queues `_count` megapool validators requesting 32 ETH each; msg.value is their node bonds (split evenly),
    /// paid into the vault and counted in getNodeBalance(), as node operators' requestFunds would. Emits FundsRequested.
    function devnetEnqueueValidators(uint256 _count, bool _expressQueue) external payable onlyDevnetAdmin {
        require(_count > 0 && msg.value % _count == 0, "Devnet: bond must split evenly");
        uint256 bond = msg.value / _count;
        uint256 queue = _expressQueue ? 0 : 1;
        for (uint256 i = 0; i < _count; i++) {
            uint32 validatorId = nextValidatorId++;
            address receiver = address(uint160(uint256(keccak256(abi.encodePacked("devnet.megapool", validatorId)))));
            queueEntries[queue][queueTail[queue]++] = QueueEntry(receiver, validatorId, bond, VALIDATOR_REQUEST);
            // As requestFunds: an entry that lands at the head of an empty queue moves that queue's head.
            if (queueTail[queue] - queueHead[queue] == 1) _setQueueMoved(_expressQueue, !_expressQueue);
            emit FundsRequested(receiver, validatorId, VALIDATOR_REQUEST, _expressQueue, block.timestamp);
        }
        if (msg.value > 0) _vault().depositEther{value: msg.value}();
        _addUint(KEY_NODE_BALANCE, msg.value);
        _addUint(KEY_REQUESTED_TOTAL, VALIDATOR_REQUEST * _count);
    }
}
