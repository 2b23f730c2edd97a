// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./RocketPoolBase.sol";

/// Devnet replica of RocketNetworkBalances v1.4 (`rocketNetworkBalances`, 0x1D9F14C6Bfd8358b589964baD8665AdD248E9473):
/// the oracle snapshot (total ETH, staking ETH, rETH supply at a block) that drives the rETH exchange rate.
/// Votes come from the oracle DAO members registered in RocketDAONodeTrusted (RocketStorage keys), as on mainnet.
contract RocketNetworkBalances is RocketPoolBase {
    event BalancesSubmitted(address indexed from, uint256 block, uint256 slotTimestamp, uint256 totalEth, uint256 stakingEth, uint256 rethSupply, uint256 blockTimestamp);
    event BalancesUpdated(uint256 indexed block, uint256 slotTimestamp, uint256 totalEth, uint256 stakingEth, uint256 rethSupply, uint256 blockTimestamp);

    bytes32 private constant KEY_TOTAL = keccak256("network.balance.total");
    bytes32 private constant KEY_STAKING = keccak256("network.balance.staking");
    bytes32 private constant KEY_RETH_SUPPLY = keccak256("network.balance.reth.supply");
    bytes32 private constant KEY_BLOCK = keccak256("network.balances.updated.block");
    bytes32 private constant KEY_TIMESTAMP = keccak256("network.balances.updated.timestamp");

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

    /// Oracle DAO vote (v1.4 rules): members only; a vote for the block already applied is counted but changes
    /// nothing; otherwise the balances apply once 1e18 * votes / members reaches the consensus threshold.
    function submitBalances(uint256 _block, uint256 _slotTimestamp, uint256 _totalEth, uint256 _stakingEth, uint256 _rethSupply)
        external onlyLatestContract("rocketNetworkBalances", address(this)) onlyTrustedNode(msg.sender)
    {
        IRocketPoolSettingsNetwork settings = IRocketPoolSettingsNetwork(_contractAddress("rocketDAOProtocolSettingsNetwork"));
        require(settings.getSubmitBalancesEnabled(), "Submitting balances is currently disabled");
        require(_block < block.number, "Balances can not be submitted for a future block");
        uint256 lastBalancesBlock = getBalancesBlock();
        require(_block >= lastBalancesBlock, "Network balances for a higher block are set");
        require(_stakingEth <= _totalEth, "Invalid network balances");
        bytes32 nodeKey = keccak256(abi.encodePacked("network.balances.submitted.node", msg.sender, _block, _slotTimestamp, _totalEth, _stakingEth, _rethSupply));
        bytes32 countKey = keccak256(abi.encodePacked("network.balances.submitted.count", _block, _slotTimestamp, _totalEth, _stakingEth, _rethSupply));
        require(!_getBool(nodeKey), "Duplicate submission from node");
        _setBool(nodeKey, true);
        _setBool(keccak256(abi.encodePacked("network.balances.submitted.node", msg.sender, _block)), true);
        uint256 submissionCount = _getUint(countKey) + 1;
        _setUint(countKey, submissionCount);
        emit BalancesSubmitted(msg.sender, _block, _slotTimestamp, _totalEth, _stakingEth, _rethSupply, block.timestamp);
        if (_block == lastBalancesBlock) return;
        if (_consensusReached(submissionCount, settings)) {
            _updateBalances(_block, _slotTimestamp, _totalEth, _stakingEth, _rethSupply, settings);
        }
    }

    /// Applies a submission that already has consensus (anyone may call).
    function executeUpdateBalances(uint256 _block, uint256 _slotTimestamp, uint256 _totalEth, uint256 _stakingEth, uint256 _rethSupply)
        external onlyLatestContract("rocketNetworkBalances", address(this))
    {
        IRocketPoolSettingsNetwork settings = IRocketPoolSettingsNetwork(_contractAddress("rocketDAOProtocolSettingsNetwork"));
        require(settings.getSubmitBalancesEnabled(), "Submitting balances is currently disabled");
        require(_block < block.number, "Balances can not be submitted for a future block");
        require(_block > getBalancesBlock(), "Network balances for an equal or higher block are set");
        require(_stakingEth <= _totalEth, "Invalid network balances");
        bytes32 countKey = keccak256(abi.encodePacked("network.balances.submitted.count", _block, _slotTimestamp, _totalEth, _stakingEth, _rethSupply));
        require(_consensusReached(_getUint(countKey), settings), "Consensus has not been reached");
        _updateBalances(_block, _slotTimestamp, _totalEth, _stakingEth, _rethSupply, settings);
    }

    function _consensusReached(uint256 submissionCount, IRocketPoolSettingsNetwork settings) private view returns (bool) {
        uint256 memberCount = IRocketPoolDAONodeTrusted(_contractAddress("rocketDAONodeTrusted")).getMemberCount();
        return CALC_BASE * submissionCount / memberCount >= settings.getNodeConsensusThreshold();
    }

    /// RPIP-61 guards: at most one update per 95 % of the submit frequency, and the total/supply ratio moving by at
    /// most getMaxRethDelta() per update (skipped for the very first update, when no total is stored yet).
    function _updateBalances(uint256 _block, uint256 _slotTimestamp, uint256 _totalEth, uint256 _stakingEth, uint256 _rethSupply, IRocketPoolSettingsNetwork settings) private {
        uint256 minimumTimestamp = getBalancesTimestamp() + settings.getSubmitBalancesFrequency() * 95 / 100;
        require(block.timestamp >= minimumTimestamp, "Not enough time has passed");
        _setUint(KEY_TIMESTAMP, block.timestamp);
        uint256 currentTotal = getTotalETHBalance();
        if (currentTotal > 0) {
            uint256 currentRatio = CALC_BASE * currentTotal / getTotalRETHSupply();
            uint256 newRatio = CALC_BASE * _totalEth / _rethSupply;
            uint256 maxChange = currentRatio * settings.getMaxRethDelta() / CALC_BASE;
            uint256 change = newRatio > currentRatio ? newRatio - currentRatio : currentRatio - newRatio;
            require(change <= maxChange, "Change exceeds maximum");
        }
        _setUint(KEY_BLOCK, _block);
        _setUint(KEY_TOTAL, _totalEth);
        _setUint(KEY_STAKING, _stakingEth);
        _setUint(KEY_RETH_SUPPLY, _rethSupply);
        emit BalancesUpdated(_block, _slotTimestamp, _totalEth, _stakingEth, _rethSupply, block.timestamp);
    }
}
