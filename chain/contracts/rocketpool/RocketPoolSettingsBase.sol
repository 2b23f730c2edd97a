// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./RocketPoolBase.sol";

/// Shared part of the protocol DAO settings replicas. A setting lives in RocketStorage under
/// keccak256(abi.encodePacked(keccak256(abi.encodePacked("dao.protocol.setting.", <area>)), <path>)).
/// The real setters only accept the protocol DAO proposals contract (`rocketDAOProtocolProposals`, resolved through
/// RocketStorage) once the settings are deployed; the fork kit impersonates that address to change a setting.
abstract contract RocketPoolSettingsBase is RocketPoolBase {
    /// keccak256("dao.protocol.setting." + area) of the concrete settings contract.
    function _settingNamespace() internal pure virtual returns (bytes32);

    function _settingKey(string memory _settingPath) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(_settingNamespace(), _settingPath));
    }

    modifier onlyDAOProtocolProposal() {
        if (_getBool(_settingKey("deployed"))) {
            require(_contractAddress("rocketDAOProtocolProposals") == msg.sender, "Only DAO Protocol Proposals contract can update a setting");
        }
        _;
    }

    function getSettingUint(string memory _settingPath) public view returns (uint256) { return _getUint(_settingKey(_settingPath)); }
    function getSettingBool(string memory _settingPath) public view returns (bool) { return _getBool(_settingKey(_settingPath)); }
    function getSettingAddress(string memory _settingPath) external view returns (address) {
        return _rocketStorage().getAddress(_settingKey(_settingPath));
    }

    function setSettingUint(string memory _settingPath, uint256 _value) public virtual onlyDAOProtocolProposal {
        _setUint(_settingKey(_settingPath), _value);
    }
    function setSettingBool(string memory _settingPath, bool _value) public virtual onlyDAOProtocolProposal {
        _setBool(_settingKey(_settingPath), _value);
    }
    function setSettingAddress(string memory _settingPath, address _value) external onlyDAOProtocolProposal {
        _rocketStorage().setAddress(_settingKey(_settingPath), _value);
    }
}
