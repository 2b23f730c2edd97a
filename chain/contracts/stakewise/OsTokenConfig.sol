// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./SWCommon.sol";

/// OsTokenConfig replica (v3-core contracts/tokens/OsTokenConfig.sol): per-vault LTV / liquidation settings with a
/// default, all in 1e18 = 100 %.
contract OsTokenConfig is SWOwnable {
    error InvalidLiqBonusPercent();

    event OsTokenConfigUpdated(address vault, uint128 liqBonusPercent, uint64 liqThresholdPercent, uint64 ltvPercent);
    event RedeemerUpdated(address newRedeemer);

    uint256 private constant _maxPercent = 1e18;
    uint256 private constant _disabledLiqThreshold = type(uint64).max;

    address public redeemer;
    SWTypes.Config private _defaultConfig;
    mapping(address => SWTypes.Config) private _vaultConfigs;

    function devnetInitialize(address _owner, SWTypes.Config memory defaultConfig, address _redeemer) external {
        _initOwner(_owner);
        _update(address(0), defaultConfig);
        redeemer = _redeemer;
        emit RedeemerUpdated(_redeemer);
    }

    function getConfig(address vault) external view returns (SWTypes.Config memory config) {
        config = _vaultConfigs[vault];
        if (config.ltvPercent == 0) return _defaultConfig;
    }

    function setRedeemer(address newRedeemer) external onlyOwner {
        if (redeemer == newRedeemer) revert SWErrors.ValueNotChanged();
        redeemer = newRedeemer;
        emit RedeemerUpdated(newRedeemer);
    }

    function updateConfig(address vault, SWTypes.Config memory config) external onlyOwner {
        _update(vault, config);
    }

    function _update(address vault, SWTypes.Config memory config) private {
        if (config.ltvPercent == 0 || config.ltvPercent > _maxPercent) revert SWErrors.InvalidLtvPercent();
        if (config.liqThresholdPercent == _disabledLiqThreshold) {
            if (config.liqBonusPercent != 0) revert InvalidLiqBonusPercent();
        } else {
            if (config.liqThresholdPercent == 0 || config.liqThresholdPercent >= _maxPercent || config.ltvPercent > config.liqThresholdPercent) {
                revert SWErrors.InvalidLiqThresholdPercent();
            }
            if (config.liqBonusPercent < _maxPercent || SWMath.mulDiv(config.liqThresholdPercent, config.liqBonusPercent, _maxPercent) > _maxPercent) {
                revert InvalidLiqBonusPercent();
            }
        }
        if (vault != address(0)) _vaultConfigs[vault] = config;
        else _defaultConfig = config;
        emit OsTokenConfigUpdated(vault, config.liqBonusPercent, config.liqThresholdPercent, config.ltvPercent);
    }
}
