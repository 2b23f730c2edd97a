// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./RocketPoolSettingsBase.sol";

/// Devnet replica of RocketDAOProtocolSettingsDeposit v1.4 (`rocketDAOProtocolSettingsDeposit`,
/// 0x227BE8dD01DF8ad9BED0178e4F8cEC2996C5c365). Values are read from RocketStorage under the real setting keys.
contract RocketDAOProtocolSettingsDeposit is RocketPoolSettingsBase {
    function _settingNamespace() internal pure override returns (bytes32) {
        return keccak256("dao.protocol.setting.deposit");
    }

    function version() external view returns (uint8) { return 5; }

    function getDepositEnabled() external view returns (bool) { return getSettingBool("deposit.enabled"); }
    function getAssignDepositsEnabled() external view returns (bool) { return getSettingBool("deposit.assign.enabled"); }
    function getMinimumDeposit() external view returns (uint256) { return getSettingUint("deposit.minimum"); }
    function getMaximumDepositPoolSize() external view returns (uint256) { return getSettingUint("deposit.pool.maximum"); }
    function getMaximumDepositAssignments() external view returns (uint256) { return getSettingUint("deposit.assign.maximum"); }
    function getMaximumDepositSocialisedAssignments() external view returns (uint256) { return getSettingUint("deposit.assign.socialised.maximum"); }
    function getDepositFee() external view returns (uint256) { return getSettingUint("deposit.fee"); }
    function getExpressQueueRate() external view returns (uint256) { return getSettingUint("express.queue.rate"); }
    function getExpressQueueTicketsBaseProvision() external view returns (uint256) { return getSettingUint("express.queue.tickets.base.provision"); }

    /// The real guard rails once the settings are deployed (writes only from rocketDAOProtocolProposals).
    function setSettingUint(string memory _settingPath, uint256 _value) public override onlyDAOProtocolProposal {
        if (_getBool(_settingKey("deployed"))) {
            bytes32 path = keccak256(bytes(_settingPath));
            if (path == keccak256("deposit.fee")) {
                require(_value < 0.01 ether, "Fee must be less than 1%");
            } else if (path == keccak256("express.queue.rate")) {
                require(_value > 0, "Rate must be greater than 0");
            }
        }
        _setUint(_settingKey(_settingPath), _value);
    }
}
