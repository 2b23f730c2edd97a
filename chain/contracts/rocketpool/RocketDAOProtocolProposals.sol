// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./RocketPoolBase.sol";

interface IRocketPoolSettingsWriter {
    function setSettingUint(string memory settingPath, uint256 value) external;
    function setSettingBool(string memory settingPath, bool value) external;
}

/// Devnet replica of RocketDAOProtocolProposals (`rocketDAOProtocolProposals`): the only contract the protocol DAO
/// settings accept writes from. On mainnet it runs the setting change of an executed pDAO proposal; here it keeps
/// that one job: forwarding a setting to `rocketDAOProtocolSettings<Namespace>`, callable by the registered
/// `rocketDAOProtocolProposal` contract (voting is not replicated, and that name is not registered on the devnet).
/// The fork kit impersonates this contract's address, read from RocketStorage, to change settings the real way.
contract RocketDAOProtocolProposals is RocketPoolBase {
    function version() external view returns (uint8) { return 2; }

    function proposalSettingUint(string memory _settingNameSpace, string memory _settingPath, uint256 _value)
        external onlyLatestContract("rocketDAOProtocolProposal", msg.sender)
    {
        IRocketPoolSettingsWriter(_settingsContract(_settingNameSpace)).setSettingUint(_settingPath, _value);
    }

    function proposalSettingBool(string memory _settingNameSpace, string memory _settingPath, bool _value)
        external onlyLatestContract("rocketDAOProtocolProposal", msg.sender)
    {
        IRocketPoolSettingsWriter(_settingsContract(_settingNameSpace)).setSettingBool(_settingPath, _value);
    }

    function _settingsContract(string memory _settingNameSpace) private view returns (address) {
        return _contractAddress(string(abi.encodePacked("rocketDAOProtocolSettings", _settingNameSpace)));
    }
}
