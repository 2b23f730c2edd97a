// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Devnet replica of Rocket Pool (written from shared/protocols/rocketpool.md). Shared pieces: the interfaces the
// replicas use to talk to each other, and the base every network contract extends. Like the real network
// contracts, state that the protocol keeps in RocketStorage lives there under the real keys, so raw
// RocketStorage.getUint/getBool reads of documented keys work on the devnet as on mainnet.

interface IRocketPoolStorage {
    function getAddress(bytes32 key) external view returns (address);
    function getUint(bytes32 key) external view returns (uint256);
    function getBool(bytes32 key) external view returns (bool);
    function getGuardian() external view returns (address);
    function getString(bytes32 key) external view returns (string memory);
    function setString(bytes32 key, string calldata value) external;
    function setUint(bytes32 key, uint256 value) external;
    function setBool(bytes32 key, bool value) external;
    function setAddress(bytes32 key, address value) external;
    function addUint(bytes32 key, uint256 amount) external;
    function subUint(bytes32 key, uint256 amount) external;
    function deleteUint(bytes32 key) external;
}

interface IRocketPoolVault {
    function balanceOf(string memory networkContractName) external view returns (uint256);
    function depositEther() external payable;
    function withdrawEther(uint256 amount) external;
}

interface IRocketPoolVaultWithdrawer {
    function receiveVaultWithdrawalETH() external payable;
}

interface IRocketPoolDepositPool {
    function getExcessBalance() external view returns (uint256);
    function withdrawExcessBalance(uint256 amount) external;
    function recycleExcessCollateral() external payable;
}

interface IRocketPoolTokenRETH {
    function mint(uint256 ethAmount, address to) external;
    function depositExcess() external payable;
    function totalSupply() external view returns (uint256);
}

interface IRocketPoolNetworkBalances {
    function getTotalETHBalance() external view returns (uint256);
    function getTotalRETHSupply() external view returns (uint256);
}

interface IRocketPoolSettingsDeposit {
    function getDepositEnabled() external view returns (bool);
    function getAssignDepositsEnabled() external view returns (bool);
    function getMinimumDeposit() external view returns (uint256);
    function getMaximumDepositPoolSize() external view returns (uint256);
    function getDepositFee() external view returns (uint256);
    function getMaximumDepositAssignments() external view returns (uint256);
    function getMaximumDepositSocialisedAssignments() external view returns (uint256);
    function getExpressQueueRate() external view returns (uint256);
}

interface IRocketPoolDAONodeTrusted {
    function getMemberCount() external view returns (uint256);
}

interface IRocketPoolSettingsNetwork {
    function getTargetRethCollateralRate() external view returns (uint256);
    function getSubmitBalancesEnabled() external view returns (bool);
    function getSubmitBalancesFrequency() external view returns (uint256);
    function getMaxRethDelta() external view returns (uint256);
    function getNodeConsensusThreshold() external view returns (uint256);
    function getRethDepositDelay() external view returns (uint256);
}

/// Base of every Rocket Pool network contract replica: the RocketStorage address (permanent on mainnet),
/// contract lookup by name, and the access modifiers with the real revert strings.
abstract contract RocketPoolBase {
    address internal constant ROCKET_STORAGE_ADDRESS = 0x1d8f8f00cfa6758d7bE78336684788Fb0ee0Fa46;
    uint256 internal constant CALC_BASE = 1 ether;

    /// The caller must be the contract currently registered under `name` ("Invalid or outdated contract").
    modifier onlyLatestContract(string memory name, address contractAddress) {
        require(contractAddress == _rocketStorage().getAddress(keccak256(abi.encodePacked("contract.address", name))), "Invalid or outdated contract");
        _;
    }

    /// RocketBase.onlyGuardian.
    modifier onlyGuardian() {
        require(msg.sender == _rocketStorage().getGuardian(), "Account is not a temporary guardian");
        _;
    }

    /// RocketBase.onlyTrustedNode: an oracle DAO member (flag under "dao.trustednodes" + "member" + address).
    modifier onlyTrustedNode(address _nodeAddress) {
        require(_getBool(keccak256(abi.encodePacked("dao.trustednodes.", "member", _nodeAddress))), "Invalid trusted node");
        _;
    }

    /// Devnet-only helpers are restricted to the RocketStorage guardian (the devnet admin, accounts[9]).
    modifier onlyDevnetAdmin() {
        require(msg.sender == _rocketStorage().getGuardian(), "Devnet: caller is not the admin");
        _;
    }

    function _rocketStorage() internal pure returns (IRocketPoolStorage) {
        return IRocketPoolStorage(ROCKET_STORAGE_ADDRESS);
    }

    /// Registered address of a network contract; reverts "Contract not found" like RocketBase.getContractAddress.
    function _contractAddress(string memory name) internal view returns (address) {
        address a = _rocketStorage().getAddress(keccak256(abi.encodePacked("contract.address", name)));
        require(a != address(0), "Contract not found");
        return a;
    }

    function _getUint(bytes32 key) internal view returns (uint256) { return _rocketStorage().getUint(key); }
    function _getBool(bytes32 key) internal view returns (bool) { return _rocketStorage().getBool(key); }
    function _setUint(bytes32 key, uint256 value) internal { _rocketStorage().setUint(key, value); }
    function _setBool(bytes32 key, bool value) internal { _rocketStorage().setBool(key, value); }
    function _addUint(bytes32 key, uint256 amount) internal { _rocketStorage().addUint(key, amount); }
    function _subUint(bytes32 key, uint256 amount) internal { _rocketStorage().subUint(key, amount); }
}
