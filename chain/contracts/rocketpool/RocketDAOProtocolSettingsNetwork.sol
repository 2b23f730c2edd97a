// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./RocketPoolSettingsBase.sol";

/// Devnet replica of RocketDAOProtocolSettingsNetwork v1.4 (`rocketDAOProtocolSettingsNetwork`,
/// 0x67Fd03a5095197D1aD1F932BC55E022C420b1153): the getters an SDK reads, backed by RocketStorage setting keys.
contract RocketDAOProtocolSettingsNetwork is RocketPoolSettingsBase {
    function _settingNamespace() internal pure override returns (bytes32) {
        return keccak256("dao.protocol.setting.network");
    }

    function version() external view returns (uint8) { return 4; }

    function getNodeConsensusThreshold() external view returns (uint256) { return getSettingUint("network.consensus.threshold"); }
    function getNodePenaltyThreshold() external view returns (uint256) { return getSettingUint("network.penalty.threshold"); }
    function getPerPenaltyRate() external view returns (uint256) { return getSettingUint("network.penalty.per.rate"); }
    function getSubmitBalancesEnabled() external view returns (bool) { return getSettingBool("network.submit.balances.enabled"); }
    function getSubmitBalancesFrequency() external view returns (uint256) { return getSettingUint("network.submit.balances.frequency"); }
    function getSubmitPricesEnabled() external view returns (bool) { return getSettingBool("network.submit.prices.enabled"); }
    function getSubmitPricesFrequency() external view returns (uint256) { return getSettingUint("network.submit.prices.frequency"); }
    function getSubmitRewardsEnabled() external view returns (bool) { return getSettingBool("network.submit.rewards.enabled"); }
    function getMinimumNodeFee() external view returns (uint256) { return getSettingUint("network.node.fee.minimum"); }
    function getTargetNodeFee() external view returns (uint256) { return getSettingUint("network.node.fee.target"); }
    function getMaximumNodeFee() external view returns (uint256) { return getSettingUint("network.node.fee.maximum"); }
    function getNodeFeeDemandRange() external view returns (uint256) { return getSettingUint("network.node.fee.demand.range"); }
    function getTargetRethCollateralRate() external view returns (uint256) { return getSettingUint("network.reth.collateral.target"); }
    function getRethDepositDelay() external view returns (uint256) { return getSettingUint("network.reth.deposit.delay"); }
    function getMaxRethDelta() external view returns (uint256) { return getSettingUint("network.max.reth.balance.delta"); }

    // Saturn (UARS) revenue split.
    function getNodeShare() public view returns (uint256) { return getSettingUint("network.node.commission.share"); }
    function getNodeShareSecurityCouncilAdder() public view returns (uint256) { return getSettingUint("network.node.commission.share.security.council.adder"); }
    function getMaxNodeShareSecurityCouncilAdder() external view returns (uint256) { return getSettingUint("network.max.node.commission.share.council.adder"); }
    function getVoterShare() public view returns (uint256) { return getSettingUint("network.voter.share"); }
    function getProtocolDAOShare() public view returns (uint256) { return getSettingUint("network.pdao.share"); }

    /// Node share plus the security council adder.
    function getEffectiveNodeShare() public view returns (uint256) { return getNodeShare() + getNodeShareSecurityCouncilAdder(); }

    /// Voter share minus the security council adder (the adder moves commission from voters to nodes).
    function getEffectiveVoterShare() public view returns (uint256) {
        uint256 voterShare = getVoterShare();
        uint256 adder = getNodeShareSecurityCouncilAdder();
        return adder >= voterShare ? 0 : voterShare - adder;
    }

    /// Total commission taken from the rETH side of rewards: effective node + effective voter + pDAO shares.
    function getRethCommission() external view returns (uint256) {
        return getEffectiveNodeShare() + getEffectiveVoterShare() + getProtocolDAOShare();
    }

    /// The real guard rails once the settings are deployed (writes only from rocketDAOProtocolProposals).
    /// Simplification: the UARS share settings are stored without notifying rocketNetworkRevenues (not replicated).
    function setSettingUint(string memory _settingPath, uint256 _value) public override onlyDAOProtocolProposal {
        if (_getBool(_settingKey("deployed"))) {
            bytes32 path = keccak256(bytes(_settingPath));
            if (path == keccak256("network.consensus.threshold")) {
                require(_value >= 0.51 ether, "Consensus threshold must be 51% or higher");
            } else if (path == keccak256("network.node.fee.minimum")) {
                require(_value >= 0.05 ether && _value <= 0.2 ether, "The node fee minimum must be a value between 5% and 20%");
            } else if (path == keccak256("network.node.fee.target")) {
                require(_value >= 0.05 ether && _value <= 0.2 ether, "The node fee target must be a value between 5% and 20%");
            } else if (path == keccak256("network.node.fee.maximum")) {
                require(_value >= 0.05 ether && _value <= 0.2 ether, "The node fee maximum must be a value between 5% and 20%");
            } else if (path == keccak256("network.submit.balances.frequency")) {
                require(_value >= 1 hours && _value <= 7 days, "Value must be >= 1 hour & <= 7 days");
            } else if (path == keccak256("network.max.reth.balance.delta")) {
                require(_value >= 0.01 ether, "The max rETH balance delta must be >= 1%");
            } else if (path == keccak256("network.reth.collateral.target")) {
                require(_value <= 0.5 ether, "Value must be <= 50%");
            }
        }
        _setUint(_settingKey(_settingPath), _value);
    }
}
