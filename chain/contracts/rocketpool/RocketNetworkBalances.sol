// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./RocketPoolBase.sol";

/// Devnet replica of RocketNetworkBalances v1.4 (`rocketNetworkBalances`, 0x1D9F14C6Bfd8358b589964baD8665AdD248E9473):
/// the oracle snapshot (total ETH, staking ETH, rETH supply at a block) that drives the rETH exchange rate.
/// On the devnet the oracle DAO has one member, the devnet admin, so its submission reaches consensus at once.
contract RocketNetworkBalances is RocketPoolBase {
    event BalancesSubmitted(address indexed from, uint256 block, uint256 slotTimestamp, uint256 totalEth, uint256 stakingEth, uint256 rethSupply, uint256 blockTimestamp);
    event BalancesUpdated(uint256 indexed block, uint256 slotTimestamp, uint256 totalEth, uint256 stakingEth, uint256 rethSupply, uint256 blockTimestamp);

    bytes32 private constant KEY_TOTAL = keccak256("network.balance.total");
    bytes32 private constant KEY_STAKING = keccak256("network.balance.staking");
    bytes32 private constant KEY_RETH_SUPPLY = keccak256("network.balance.reth.supply");
    bytes32 private constant KEY_BLOCK = keccak256("network.balances.updated.block");
    bytes32 private constant KEY_TIMESTAMP = keccak256("network.balances.updated.timestamp");
    uint256 private constant ORACLE_MEMBER_COUNT = 1;

    function version() external view returns (uint8) { return 4; }

    function getBalancesBlock() public view returns (uint256) { return _getUint(KEY_BLOCK); }
    function getBalancesTimestamp() public view returns (uint256) { return _getUint(KEY_TIMESTAMP); }
    function getTotalETHBalance() public view returns (uint256) { return _getUint(KEY_TOTAL); }
    function getStakingETHBalance() public view returns (uint256) { return _getUint(KEY_STAKING); }
    function getTotalRETHSupply() public view returns (uint256) { return _getUint(KEY_RETH_SUPPLY); }

    /// 1e18 * staking / total, or 1e18 when the total is zero.
    function getETHUtilizationRate() external view returns (uint256) {
        uint256 totalEthBalance = getTotalETHBalance();
        if (totalEthBalance == 0) return CALC_BASE;
        return CALC_BASE * getStakingETHBalance() / totalEthBalance;
    }

    /// Oracle DAO vote. The devnet's only oDAO member is the RocketStorage guardian (the devnet admin).
    function submitBalances(uint256 _block, uint256 _slotTimestamp, uint256 _totalEth, uint256 _stakingEth, uint256 _rethSupply) external {
        require(msg.sender == _rocketStorage().getGuardian(), "Invalid trusted node");
        require(IRocketPoolSettingsNetwork(_contractAddress("rocketDAOProtocolSettingsNetwork")).getSubmitBalancesEnabled(), "Submitting balances is currently disabled");
        require(_block < block.number, "Balances can not be submitted for a future block");
        require(_block > getBalancesBlock(), "Network balances for a higher block are set");
        bytes32 nodeKey = keccak256(abi.encodePacked("network.balances.submitted.node", msg.sender, _block, _slotTimestamp, _totalEth, _stakingEth, _rethSupply));
        bytes32 countKey = keccak256(abi.encodePacked("network.balances.submitted.count", _block, _slotTimestamp, _totalEth, _stakingEth, _rethSupply));
        require(!_getBool(nodeKey), "Duplicate submission from node");
        _setBool(nodeKey, true);
        _addUint(countKey, 1);
        emit BalancesSubmitted(msg.sender, _block, _slotTimestamp, _totalEth, _stakingEth, _rethSupply, block.timestamp);
        if (_consensusReached(countKey)) {
            _updateBalancesChecked(_block, _slotTimestamp, _totalEth, _stakingEth, _rethSupply);
        }
    }

    /// Applies a submission that already has consensus (anyone may call).
    function executeUpdateBalances(uint256 _block, uint256 _slotTimestamp, uint256 _totalEth, uint256 _stakingEth, uint256 _rethSupply) external {
        require(IRocketPoolSettingsNetwork(_contractAddress("rocketDAOProtocolSettingsNetwork")).getSubmitBalancesEnabled(), "Submitting balances is currently disabled");
        require(_block < block.number, "Balances can not be submitted for a future block");
        require(_block > getBalancesBlock(), "Network balances for a higher block are set");
        bytes32 countKey = keccak256(abi.encodePacked("network.balances.submitted.count", _block, _slotTimestamp, _totalEth, _stakingEth, _rethSupply));
        require(_consensusReached(countKey), "Consensus has not been reached");
        _updateBalancesChecked(_block, _slotTimestamp, _totalEth, _stakingEth, _rethSupply);
    }

    function _consensusReached(bytes32 countKey) private view returns (bool) {
        uint256 threshold = IRocketPoolSettingsNetwork(_contractAddress("rocketDAOProtocolSettingsNetwork")).getNodeConsensusThreshold();
        return CALC_BASE * _getUint(countKey) / ORACLE_MEMBER_COUNT >= threshold;
    }

    /// v1.4 guards: staking <= total, at most one update per 95 % of the submit frequency, and the
    /// total/supply ratio moving by at most getMaxRethDelta() per update.
    function _updateBalancesChecked(uint256 _block, uint256 _slotTimestamp, uint256 _totalEth, uint256 _stakingEth, uint256 _rethSupply) private {
        require(_stakingEth <= _totalEth, "Invalid network balances");
        IRocketPoolSettingsNetwork settings = IRocketPoolSettingsNetwork(_contractAddress("rocketDAOProtocolSettingsNetwork"));
        uint256 lastTimestamp = getBalancesTimestamp();
        if (lastTimestamp != 0) {
            require(block.timestamp >= lastTimestamp + settings.getSubmitBalancesFrequency() * 95 / 100, "Not enough time has passed");
        }
        uint256 oldTotal = getTotalETHBalance();
        uint256 oldSupply = getTotalRETHSupply();
        if (oldTotal > 0 && oldSupply > 0 && _rethSupply > 0) {
            uint256 oldRatio = CALC_BASE * oldTotal / oldSupply;
            uint256 newRatio = CALC_BASE * _totalEth / _rethSupply;
            uint256 change = newRatio > oldRatio ? newRatio - oldRatio : oldRatio - newRatio;
            require(change <= oldRatio * settings.getMaxRethDelta() / CALC_BASE, "Change exceeds maximum");
        }
        _store(_block, _slotTimestamp, _totalEth, _stakingEth, _rethSupply);
    }

    function _store(uint256 _block, uint256 _slotTimestamp, uint256 _totalEth, uint256 _stakingEth, uint256 _rethSupply) private {
        _setUint(KEY_BLOCK, _block);
        _setUint(KEY_TIMESTAMP, block.timestamp);
        _setUint(KEY_TOTAL, _totalEth);
        _setUint(KEY_STAKING, _stakingEth);
        _setUint(KEY_RETH_SUPPLY, _rethSupply);
        emit BalancesUpdated(_block, _slotTimestamp, _totalEth, _stakingEth, _rethSupply, block.timestamp);
    }

    // ---- devnet admin helpers (not part of the real ABI) ----

    /// Sets the oracle snapshot directly (no frequency/delta/monotonic guards), as an oDAO balance update would:
    /// the rETH rate becomes totalEth / rethSupply. `_block` 0 means the previous block. slotTimestamp = now.
    function devnetSetBalances(uint256 _block, uint256 _totalEth, uint256 _stakingEth, uint256 _rethSupply) external onlyDevnetAdmin {
        require(_stakingEth <= _totalEth, "Invalid network balances");
        _store(_block == 0 ? block.number - 1 : _block, block.timestamp, _totalEth, _stakingEth, _rethSupply);
    }

    /// Daily-report style update: rethSupply := live rETH totalSupply(); totalEth keeps the current rate for the new
    /// supply (floor(T * newS / S)) and then grows by floor(T' * apr * elapsed / (10000 * 365 days)); staking ETH
    /// scales with the total (floor(staking * newT / T)). Reported block = previous block. No guards.
    function devnetAccrueRewards(uint256 _aprBasisPoints, uint256 _elapsedSeconds) external onlyDevnetAdmin {
        uint256 oldTotal = getTotalETHBalance();
        uint256 oldSupply = getTotalRETHSupply();
        uint256 newSupply = IRocketPoolTokenRETH(_contractAddress("rocketTokenRETH")).totalSupply();
        uint256 baseTotal = oldSupply == 0 ? newSupply : oldTotal * newSupply / oldSupply;
        uint256 newTotal = baseTotal + baseTotal * _aprBasisPoints * _elapsedSeconds / (10000 * 365 days);
        uint256 newStaking = oldTotal == 0 ? 0 : getStakingETHBalance() * newTotal / oldTotal;
        _store(block.number - 1, block.timestamp, newTotal, newStaking, newSupply);
    }
}
