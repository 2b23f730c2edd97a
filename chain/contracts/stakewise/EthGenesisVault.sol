// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./EthVault.sol";

/// StakeWise EthGenesisVault replica (v3-core contracts/vaults/ethereum/EthGenesisVault.sol): the EthVault with the
/// Genesis vault id. The V2 migration (migrate, LegacyPoolEscrow balance) is not replicated.
contract EthGenesisVault is EthVault {
    function vaultId() public pure override returns (bytes32) {
        return keccak256("EthGenesisVault");
    }
}
