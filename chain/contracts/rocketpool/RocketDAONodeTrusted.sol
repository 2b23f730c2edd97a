// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./RocketPoolBase.sol";

/// Devnet replica of RocketDAONodeTrusted (`rocketDAONodeTrusted`, 0xb8e783882b11Ff4f6Cef3C501EA0f4b960152cc9): the
/// oracle DAO membership that RocketNetworkBalances counts votes against. As on mainnet, membership lives in
/// RocketStorage: the flag under keccak256("dao.trustednodes.", "member", node) and the member list in the
/// AddressSetStorage layout under keccak256("dao.trustednodes.", "member.index") (".count" / ".item"+index).
/// Members join as on a fresh deployment: the guardian bootstraps them while bootstrap mode is on. Simplification:
/// the real bootstrapMember also requires a registered node and routes through rocketDAONodeTrustedProposals
/// (neither replicated); proposals, RPL bonds and challenges are not replicated.
contract RocketDAONodeTrusted is RocketPoolBase {
    string private constant NAMESPACE = "dao.trustednodes.";

    function version() external view returns (uint8) { return 1; }

    function getBootstrapModeDisabled() public view returns (bool) {
        return _getBool(keccak256(abi.encodePacked(NAMESPACE, "bootstrapmode.disabled")));
    }

    function getMemberIsValid(address _nodeAddress) public view returns (bool) {
        return _getBool(_memberKey(_nodeAddress));
    }

    function getMemberAt(uint256 _index) external view returns (address) {
        return _rocketStorage().getAddress(keccak256(abi.encodePacked(_indexKey(), ".item", _index)));
    }

    function getMemberCount() public view returns (uint256) {
        return _getUint(keccak256(abi.encodePacked(_indexKey(), ".count")));
    }

    /// Minimum member count of the real DAO (below it the guardian may bootstrap members).
    function getMemberMinRequired() external pure returns (uint256) { return 3; }

    function getMemberID(address _nodeAddress) external view returns (string memory) {
        return _rocketStorage().getString(keccak256(abi.encodePacked(NAMESPACE, "member.id", _nodeAddress)));
    }

    function getMemberJoinedTime(address _nodeAddress) external view returns (uint256) {
        return _getUint(keccak256(abi.encodePacked(NAMESPACE, "member.joined.time", _nodeAddress)));
    }

    /// Guardian only, while bootstrap mode is on: adds `_nodeAddress` as a member.
    function bootstrapMember(string memory _id, string memory _url, address _nodeAddress) external onlyGuardian onlyLatestContract("rocketDAONodeTrusted", address(this)) {
        require(!getBootstrapModeDisabled(), "Bootstrap mode not engaged");
        require(bytes(_id).length >= 3, "The ID for this new member must be at least 3 characters");
        require(bytes(_url).length >= 6, "The URL for this new member must be at least 6 characters");
        require(!getMemberIsValid(_nodeAddress), "This node is already part of the trusted node DAO");
        uint256 count = getMemberCount();
        _rocketStorage().setAddress(keccak256(abi.encodePacked(_indexKey(), ".item", count)), _nodeAddress);
        _setUint(keccak256(abi.encodePacked(_indexKey(), ".index", _nodeAddress)), count + 1);
        _setUint(keccak256(abi.encodePacked(_indexKey(), ".count")), count + 1);
        _setBool(_memberKey(_nodeAddress), true);
        _rocketStorage().setString(keccak256(abi.encodePacked(NAMESPACE, "member.id", _nodeAddress)), _id);
        _rocketStorage().setString(keccak256(abi.encodePacked(NAMESPACE, "member.url", _nodeAddress)), _url);
        _setUint(keccak256(abi.encodePacked(NAMESPACE, "member.joined.time", _nodeAddress)), block.timestamp);
    }

    /// Guardian only, once: hands membership changes over to the DAO (proposals are not replicated).
    function bootstrapDisable(bool _confirmDisableBootstrapMode) external onlyGuardian onlyLatestContract("rocketDAONodeTrusted", address(this)) {
        require(!getBootstrapModeDisabled(), "Bootstrap mode not engaged");
        require(_confirmDisableBootstrapMode, "You must confirm disabling bootstrap mode, it can only be done once!");
        _setBool(keccak256(abi.encodePacked(NAMESPACE, "bootstrapmode.disabled")), true);
    }

    function _memberKey(address _nodeAddress) private pure returns (bytes32) {
        return keccak256(abi.encodePacked(NAMESPACE, "member", _nodeAddress));
    }

    function _indexKey() private pure returns (bytes32) {
        return keccak256(abi.encodePacked(NAMESPACE, "member.index"));
    }
}
