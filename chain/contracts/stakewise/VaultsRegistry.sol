// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./SWCommon.sol";

/// StakeWise VaultsRegistry replica (v3-core contracts/vaults/VaultsRegistry.sol): vaults, factories and vault
/// implementations as bool mappings, owner-gated additions, VaultAdded for the directory.
contract VaultsRegistry is SWOwnable {
    event VaultAdded(address indexed caller, address indexed vault);
    event VaultImplAdded(address indexed impl);
    event VaultImplRemoved(address indexed impl);
    event FactoryAdded(address indexed factory);
    event FactoryRemoved(address indexed factory);

    mapping(address => bool) public vaults;
    mapping(address => bool) public factories;
    mapping(address => bool) public vaultImpls;

    /// Real: initialize(address) by the deployer-owner; here the placed replica has no owner yet, so the first call sets it.
    function initialize(address _owner) external {
        _initOwner(_owner);
    }

    function addVault(address vault) external {
        if (!factories[msg.sender] && msg.sender != owner()) revert SWErrors.AccessDenied();
        vaults[vault] = true;
        emit VaultAdded(msg.sender, vault);
    }

    function addVaultImpl(address newImpl) external onlyOwner {
        if (vaultImpls[newImpl]) revert SWErrors.AlreadyAdded();
        vaultImpls[newImpl] = true;
        emit VaultImplAdded(newImpl);
    }

    function removeVaultImpl(address impl) external onlyOwner {
        if (!vaultImpls[impl]) revert SWErrors.AlreadyRemoved();
        vaultImpls[impl] = false;
        emit VaultImplRemoved(impl);
    }

    function addFactory(address factory) external onlyOwner {
        if (factories[factory]) revert SWErrors.AlreadyAdded();
        factories[factory] = true;
        emit FactoryAdded(factory);
    }

    function removeFactory(address factory) external onlyOwner {
        if (!factories[factory]) revert SWErrors.AlreadyRemoved();
        factories[factory] = false;
        emit FactoryRemoved(factory);
    }
}
