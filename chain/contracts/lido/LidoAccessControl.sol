// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Role checks of the Lido 0.8.9 contracts (OpenZeppelin 4.4 AccessControlEnumerable): string reverts
///        "AccessControl: account 0x… is missing role 0x…", role members enumerable, DEFAULT_ADMIN_ROLE admin of all.
abstract contract LidoAccessControl {
    bytes32 public constant DEFAULT_ADMIN_ROLE = 0x00;

    mapping(bytes32 => mapping(address => bool)) internal roleHolders;
    mapping(bytes32 => address[]) internal roleMemberList;
    mapping(bytes32 => bytes32) internal roleAdmins; // all zero: DEFAULT_ADMIN_ROLE administers every role

    event RoleGranted(bytes32 indexed role, address indexed account, address indexed sender);
    event RoleRevoked(bytes32 indexed role, address indexed account, address indexed sender);

    modifier onlyRole(bytes32 _role) {
        _checkRole(_role, msg.sender);
        _;
    }

    function hasRole(bytes32 _role, address _account) public view returns (bool) {
        return roleHolders[_role][_account];
    }

    function getRoleAdmin(bytes32 _role) public view returns (bytes32) {
        return roleAdmins[_role];
    }

    function getRoleMember(bytes32 _role, uint256 _index) external view returns (address) {
        return roleMemberList[_role][_index];
    }

    function getRoleMemberCount(bytes32 _role) external view returns (uint256) {
        return roleMemberList[_role].length;
    }

    function grantRole(bytes32 _role, address _account) external onlyRole(getRoleAdmin(_role)) {
        _grantRole(_role, _account);
    }

    function revokeRole(bytes32 _role, address _account) external onlyRole(getRoleAdmin(_role)) {
        _revokeRole(_role, _account);
    }

    function renounceRole(bytes32 _role, address _account) external {
        require(_account == msg.sender, "AccessControl: can only renounce roles for self");
        _revokeRole(_role, _account);
    }

    function _grantRole(bytes32 _role, address _account) internal {
        if (roleHolders[_role][_account]) return;
        roleHolders[_role][_account] = true;
        roleMemberList[_role].push(_account);
        emit RoleGranted(_role, _account, msg.sender);
    }

    function _revokeRole(bytes32 _role, address _account) internal {
        if (!roleHolders[_role][_account]) return;
        roleHolders[_role][_account] = false;
        address[] storage list = roleMemberList[_role];
        for (uint256 i = 0; i < list.length; ++i) {
            if (list[i] == _account) {
                list[i] = list[list.length - 1];
                list.pop();
                break;
            }
        }
        emit RoleRevoked(_role, _account, msg.sender);
    }

    function _checkRole(bytes32 _role, address _account) internal view {
        if (!roleHolders[_role][_account]) {
            revert(string(abi.encodePacked(
                "AccessControl: account ", _toHex(uint256(uint160(_account)), 20), " is missing role ", _toHex(uint256(_role), 32)
            )));
        }
    }

    function _toHex(uint256 _value, uint256 _length) private pure returns (string memory) {
        bytes memory buffer = new bytes(2 * _length + 2);
        buffer[0] = "0";
        buffer[1] = "x";
        bytes16 digits = "0123456789abcdef";
        for (uint256 i = 2 * _length + 1; i > 1; --i) {
            buffer[i] = digits[_value & 0xf];
            _value >>= 4;
        }
        return string(buffer);
    }
}
