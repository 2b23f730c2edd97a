// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Devnet replica of LidoLocator (SRv3, 0xC1d0b3DE6792Bf6b4b37EccdcC24e45978Cfd2Eb).
/// @dev The real implementation keeps the addresses in immutables; here they sit in storage, set once.
contract LidoLocator {
    struct Config {
        address accountingOracle;
        address depositSecurityModule;
        address elRewardsVault;
        address lido;
        address oracleReportSanityChecker;
        address postTokenRebaseReceiver;
        address burner;
        address stakingRouter;
        address treasury;
        address validatorsExitBusOracle;
        address withdrawalQueue;
        address withdrawalVault;
        address oracleDaemonConfig;
        address validatorExitDelayVerifier;
        address triggerableWithdrawalsGateway;
        address consolidationGateway;
        address topUpGateway;
        address accounting;
        address predepositGuarantee;
        address wstETH;
        address vaultHub;
        address vaultFactory;
        address lazyOracle;
        address operatorGrid;
    }

    Config internal c;
    bool internal initialized;

    error ZeroAddress();

    /// @notice Devnet-only one-shot initialiser.
    function devnetInitialize(Config calldata _config) external {
        require(!initialized, "already initialized");
        initialized = true;
        c = _config;
    }

    function accountingOracle() external view returns (address) { return c.accountingOracle; }
    function depositSecurityModule() external view returns (address) { return c.depositSecurityModule; }
    function elRewardsVault() external view returns (address) { return c.elRewardsVault; }
    function lido() external view returns (address) { return c.lido; }
    function oracleReportSanityChecker() external view returns (address) { return c.oracleReportSanityChecker; }
    function postTokenRebaseReceiver() external view returns (address) { return c.postTokenRebaseReceiver; }
    function burner() external view returns (address) { return c.burner; }
    function stakingRouter() external view returns (address) { return c.stakingRouter; }
    function treasury() external view returns (address) { return c.treasury; }
    function validatorsExitBusOracle() external view returns (address) { return c.validatorsExitBusOracle; }
    function withdrawalQueue() external view returns (address) { return c.withdrawalQueue; }
    function withdrawalVault() external view returns (address) { return c.withdrawalVault; }
    function oracleDaemonConfig() external view returns (address) { return c.oracleDaemonConfig; }
    function validatorExitDelayVerifier() external view returns (address) { return c.validatorExitDelayVerifier; }
    function triggerableWithdrawalsGateway() external view returns (address) { return c.triggerableWithdrawalsGateway; }
    function consolidationGateway() external view returns (address) { return c.consolidationGateway; }
    function topUpGateway() external view returns (address) { return c.topUpGateway; }
    function accounting() external view returns (address) { return c.accounting; }
    function predepositGuarantee() external view returns (address) { return c.predepositGuarantee; }
    function wstETH() external view returns (address) { return c.wstETH; }
    function vaultHub() external view returns (address) { return c.vaultHub; }
    function vaultFactory() external view returns (address) { return c.vaultFactory; }
    function lazyOracle() external view returns (address) { return c.lazyOracle; }
    function operatorGrid() external view returns (address) { return c.operatorGrid; }

    function coreComponents() external view returns (address, address, address, address, address, address) {
        return (c.elRewardsVault, c.oracleReportSanityChecker, c.stakingRouter, c.treasury, c.withdrawalQueue, c.withdrawalVault);
    }

    function oracleReportComponents() external view returns (address, address, address, address, address, address, address) {
        return (c.accountingOracle, c.oracleReportSanityChecker, c.burner, c.withdrawalQueue, c.postTokenRebaseReceiver, c.stakingRouter, c.vaultHub);
    }
}
