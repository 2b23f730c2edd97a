// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Devnet replica of EIP712StETH (0x8F73e4C2A6D852bb4ab2A45E6a9CF5715b3228B7): serves stETH's EIP-712 domain
///        ("Liquid staked Ether 2.0", version "2", chain id, verifyingContract = the stETH address passed in).
/// @dev The real helper caches the domain in immutables; replicas cannot use immutables, so it is recomputed per call.
contract EIP712StETH {
    bytes32 internal constant TYPE_HASH = keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 internal constant NAME_HASH = keccak256("Liquid staked Ether 2.0");
    bytes32 internal constant VERSION_HASH = keccak256("2");

    error ZeroStETHAddress();

    function domainSeparatorV4(address _stETH) public view returns (bytes32) {
        return keccak256(abi.encode(TYPE_HASH, NAME_HASH, VERSION_HASH, block.chainid, _stETH));
    }

    function hashTypedDataV4(address _stETH, bytes32 _structHash) external view returns (bytes32) {
        return keccak256(abi.encodePacked("\x19\x01", domainSeparatorV4(_stETH), _structHash));
    }

    function eip712Domain(address _stETH) external view returns (string memory name, string memory version, uint256 chainId, address verifyingContract) {
        return ("Liquid staked Ether 2.0", "2", block.chainid, _stETH);
    }
}
