// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./RocketPoolBase.sol";

/// Devnet replica of RocketVault (0x3bDC69C4E5e13E52A65f5583c23EFB9636b469d6): holds the ETH of network contracts,
/// accounted per registered contract name (the deposit pool's ETH is balanceOf("rocketDepositPool")).
contract RocketVault is RocketPoolBase {
    event EtherDeposited(string indexed by, uint256 amount, uint256 time);
    event EtherWithdrawn(string indexed by, uint256 amount, uint256 time);

    mapping(string => uint256) private etherBalances;

    modifier onlyLatestNetworkContract() {
        require(_rocketStorage().getBool(keccak256(abi.encodePacked("contract.exists", msg.sender))), "Invalid or outdated network contract");
        _;
    }

    function balanceOf(string memory _networkContractName) external view returns (uint256) {
        return etherBalances[_networkContractName];
    }

    function depositEther() external payable onlyLatestNetworkContract {
        require(msg.value > 0, "No valid amount of ETH given to deposit");
        string memory contractName = _contractName(msg.sender);
        etherBalances[contractName] += msg.value;
        emit EtherDeposited(contractName, msg.value, block.timestamp);
    }

    function withdrawEther(uint256 _amount) external onlyLatestNetworkContract {
        require(_amount > 0, "No valid amount of ETH given to withdraw");
        string memory contractName = _contractName(msg.sender);
        require(etherBalances[contractName] >= _amount, "Insufficient contract ETH balance");
        etherBalances[contractName] -= _amount;
        IRocketPoolVaultWithdrawer(msg.sender).receiveVaultWithdrawalETH{value: _amount}();
        emit EtherWithdrawn(contractName, _amount, block.timestamp);
    }

    function _contractName(address contractAddress) private view returns (string memory) {
        (bool ok, bytes memory data) = ROCKET_STORAGE_ADDRESS.staticcall(
            abi.encodeWithSignature("getString(bytes32)", keccak256(abi.encodePacked("contract.name", contractAddress))));
        require(ok, "Contract not found");
        string memory name = abi.decode(data, (string));
        require(bytes(name).length > 0, "Contract not found");
        return name;
    }
}
