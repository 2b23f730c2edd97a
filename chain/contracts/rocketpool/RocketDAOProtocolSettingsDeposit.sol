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

    // ---- devnet admin helpers (not part of the real ABI) ----

    /// Sets the four user-facing deposit settings at once (fee: 1e18 = 100 %, must stay below 1 % as on mainnet).
    function devnetSetDepositSettings(bool _enabled, uint256 _minimumDeposit, uint256 _maximumDepositPoolSize, uint256 _depositFee) external onlyDevnetAdmin {
        require(_depositFee < 0.01 ether, "Devnet: deposit fee must be below 1%");
        _setBool(_settingKey("deposit.enabled"), _enabled);
        _setUint(_settingKey("deposit.minimum"), _minimumDeposit);
        _setUint(_settingKey("deposit.pool.maximum"), _maximumDepositPoolSize);
        _setUint(_settingKey("deposit.fee"), _depositFee);
    }

    /// Sets any uint deposit setting by path (e.g. "deposit.assign.maximum").
    function devnetSetDepositSettingUint(string memory _settingPath, uint256 _value) external onlyDevnetAdmin {
        _setUint(_settingKey(_settingPath), _value);
    }

    /// Sets any bool deposit setting by path (e.g. "deposit.assign.enabled").
    function devnetSetDepositSettingBool(string memory _settingPath, bool _value) external onlyDevnetAdmin {
        _setBool(_settingKey(_settingPath), _value);
    }
}
