// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./ELCommon.sol";

/// Devnet AVS contract implementing IAVSRegistrar, placed at each devnet AVS address. On mainnet every AVS that
/// creates operator sets has code (the AllocationManager calls its registrar on registration, so an AVS without
/// code makes registration revert). This one accepts any operator the AllocationManager registers and records
/// membership; real AVSs add their own rules (stake, allowlists, keys).
contract AVSRegistrar {
    event OperatorRegistered(address indexed operator, uint32[] operatorSetIds);
    event OperatorDeregistered(address indexed operator, uint32[] operatorSetIds);

    error OnlyAllocationManager();
    error UnsupportedAVS();

    mapping(address => mapping(uint32 => bool)) public isRegistered;

    /// The registrar serves only the AVS it is deployed as.
    function supportsAVS(address avs) public view returns (bool) { return avs == address(this); }

    function registerOperator(address operator, address avs, uint32[] calldata operatorSetIds, bytes calldata) external {
        _check(avs);
        for (uint256 i = 0; i < operatorSetIds.length; ++i) isRegistered[operator][operatorSetIds[i]] = true;
        emit OperatorRegistered(operator, operatorSetIds);
    }

    function deregisterOperator(address operator, address avs, uint32[] calldata operatorSetIds) external {
        _check(avs);
        for (uint256 i = 0; i < operatorSetIds.length; ++i) isRegistered[operator][operatorSetIds[i]] = false;
        emit OperatorDeregistered(operator, operatorSetIds);
    }

    function _check(address avs) private view {
        if (msg.sender != ELAddrs.ALLOCATION_MANAGER) revert OnlyAllocationManager();
        if (!supportsAVS(avs)) revert UnsupportedAVS();
    }
}
