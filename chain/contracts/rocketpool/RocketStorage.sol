// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// Devnet replica of RocketStorage (v1.0, permanent at 0x1d8f8f00cfa6758d7bE78336684788Fb0ee0Fa46): the key/value
/// store and address registry of Rocket Pool. Contract addresses are registered under
/// keccak256(abi.encodePacked("contract.address", name)). Writes are limited to registered network contracts
/// ("contract.exists") once the deployed status is set; before that the guardian (tx.origin) may write.
contract RocketStorage {
    event NodeWithdrawalAddressSet(address indexed node, address indexed withdrawalAddress, uint256 time);
    event GuardianChanged(address oldGuardian, address newGuardian);

    mapping(bytes32 => string) private stringStorage;
    mapping(bytes32 => bytes) private bytesStorage;
    mapping(bytes32 => uint256) private uintStorage;
    mapping(bytes32 => int256) private intStorage;
    mapping(bytes32 => address) private addressStorage;
    mapping(bytes32 => bool) private booleanStorage;
    mapping(bytes32 => bytes32) private bytes32Storage;

    mapping(address => address) private withdrawalAddresses;
    mapping(address => address) private pendingWithdrawalAddresses;

    address private guardian;
    address private newGuardian;
    bool private storageInit;

    modifier onlyLatestRocketNetworkContract() {
        if (storageInit) {
            require(booleanStorage[keccak256(abi.encodePacked("contract.exists", msg.sender))], "Invalid or outdated network contract");
        } else {
            // During deployment the guardian may write directly (tx.origin is only trusted in this phase).
            require(booleanStorage[keccak256(abi.encodePacked("contract.exists", msg.sender))] || tx.origin == guardian,
                "Invalid or outdated network contract attempting access during deployment");
        }
        _;
    }

    /// Devnet replacement for the constructor (the code is placed with anvil_setCode): sets the guardian once.
    function initialize(address _guardian) external {
        require(guardian == address(0), "Already initialised");
        require(_guardian != address(0), "Invalid guardian");
        guardian = _guardian;
    }

    // ---- guardian and deployment status ----

    function getGuardian() external view returns (address) { return guardian; }

    function setGuardian(address _newAddress) external {
        require(msg.sender == guardian, "Is not guardian account");
        newGuardian = _newAddress;
    }

    function confirmGuardian() external {
        require(msg.sender == newGuardian, "Confirmation must come from new guardian address");
        address oldGuardian = guardian;
        guardian = newGuardian;
        delete newGuardian;
        emit GuardianChanged(oldGuardian, guardian);
    }

    function getDeployedStatus() external view returns (bool) { return storageInit; }

    function setDeployedStatus() external {
        require(msg.sender == guardian, "Is not guardian account");
        storageInit = true;
    }

    // ---- node withdrawal addresses ----

    function getNodeWithdrawalAddress(address _nodeAddress) public view returns (address) {
        address withdrawalAddress = withdrawalAddresses[_nodeAddress];
        return withdrawalAddress == address(0) ? _nodeAddress : withdrawalAddress;
    }

    function getNodePendingWithdrawalAddress(address _nodeAddress) external view returns (address) {
        return pendingWithdrawalAddresses[_nodeAddress];
    }

    function setWithdrawalAddress(address _nodeAddress, address _newWithdrawalAddress, bool _confirm) external {
        require(_newWithdrawalAddress != address(0), "Invalid withdrawal address");
        require(getNodeWithdrawalAddress(_nodeAddress) == msg.sender, "Only a tx from a node's withdrawal address can update it");
        if (_confirm) {
            _updateWithdrawalAddress(_nodeAddress, _newWithdrawalAddress);
        } else {
            pendingWithdrawalAddresses[_nodeAddress] = _newWithdrawalAddress;
        }
    }

    function confirmWithdrawalAddress(address _nodeAddress) external {
        require(pendingWithdrawalAddresses[_nodeAddress] == msg.sender, "Confirmation must come from the pending withdrawal address");
        delete pendingWithdrawalAddresses[_nodeAddress];
        _updateWithdrawalAddress(_nodeAddress, msg.sender);
    }

    function _updateWithdrawalAddress(address _nodeAddress, address _newWithdrawalAddress) private {
        withdrawalAddresses[_nodeAddress] = _newWithdrawalAddress;
        emit NodeWithdrawalAddressSet(_nodeAddress, _newWithdrawalAddress, block.timestamp);
    }

    // ---- getters (unknown keys return zero values, never revert) ----

    function getAddress(bytes32 _key) external view returns (address r) { return addressStorage[_key]; }
    function getUint(bytes32 _key) external view returns (uint256 r) { return uintStorage[_key]; }
    function getString(bytes32 _key) external view returns (string memory) { return stringStorage[_key]; }
    function getBytes(bytes32 _key) external view returns (bytes memory) { return bytesStorage[_key]; }
    function getBool(bytes32 _key) external view returns (bool r) { return booleanStorage[_key]; }
    function getInt(bytes32 _key) external view returns (int256 r) { return intStorage[_key]; }
    function getBytes32(bytes32 _key) external view returns (bytes32 r) { return bytes32Storage[_key]; }

    // ---- setters (network contracts only) ----

    function setAddress(bytes32 _key, address _value) external onlyLatestRocketNetworkContract { addressStorage[_key] = _value; }
    function setUint(bytes32 _key, uint256 _value) external onlyLatestRocketNetworkContract { uintStorage[_key] = _value; }
    function setString(bytes32 _key, string calldata _value) external onlyLatestRocketNetworkContract { stringStorage[_key] = _value; }
    function setBytes(bytes32 _key, bytes calldata _value) external onlyLatestRocketNetworkContract { bytesStorage[_key] = _value; }
    function setBool(bytes32 _key, bool _value) external onlyLatestRocketNetworkContract { booleanStorage[_key] = _value; }
    function setInt(bytes32 _key, int256 _value) external onlyLatestRocketNetworkContract { intStorage[_key] = _value; }
    function setBytes32(bytes32 _key, bytes32 _value) external onlyLatestRocketNetworkContract { bytes32Storage[_key] = _value; }

    function deleteAddress(bytes32 _key) external onlyLatestRocketNetworkContract { delete addressStorage[_key]; }
    function deleteUint(bytes32 _key) external onlyLatestRocketNetworkContract { delete uintStorage[_key]; }
    function deleteString(bytes32 _key) external onlyLatestRocketNetworkContract { delete stringStorage[_key]; }
    function deleteBytes(bytes32 _key) external onlyLatestRocketNetworkContract { delete bytesStorage[_key]; }
    function deleteBool(bytes32 _key) external onlyLatestRocketNetworkContract { delete booleanStorage[_key]; }
    function deleteInt(bytes32 _key) external onlyLatestRocketNetworkContract { delete intStorage[_key]; }
    function deleteBytes32(bytes32 _key) external onlyLatestRocketNetworkContract { delete bytes32Storage[_key]; }

    function addUint(bytes32 _key, uint256 _amount) external onlyLatestRocketNetworkContract { uintStorage[_key] += _amount; }
    function subUint(bytes32 _key, uint256 _amount) external onlyLatestRocketNetworkContract { uintStorage[_key] -= _amount; }
}
