// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

interface ILidoVaultReceiver {
    function receiveWithdrawals() external payable;
    function receiveELRewards() external payable;
}

/// @title Devnet replica of Lido's WithdrawalVault (0xB9D7934878B5FB9610B3fE8A5e441e8fad7E293f): holds validators'
///        withdrawn ether (credited to its balance by the consensus layer; on Anvil by setBalance) until the oracle
///        report sweeps it into stETH's buffer.
contract WithdrawalVault {
    address internal constant LIDO = 0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84;

    error NotLido();
    error NotEnoughEther(uint256 requested, uint256 balance);
    error ZeroAmount();

    function withdrawWithdrawals(uint256 _amount) external {
        if (msg.sender != LIDO) revert NotLido();
        if (_amount == 0) revert ZeroAmount();
        if (_amount > address(this).balance) revert NotEnoughEther(_amount, address(this).balance);
        ILidoVaultReceiver(LIDO).receiveWithdrawals{value: _amount}();
    }

    receive() external payable {}
}

/// @title Devnet replica of LidoExecutionLayerRewardsVault (0x388C818CA8B9251b393131C08a736A67ccB19297): collects
///        priority fees and MEV; the oracle report sweeps up to the reported amount into stETH's buffer.
contract LidoExecutionLayerRewardsVault {
    address internal constant LIDO = 0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84;

    event ETHReceived(uint256 amount);

    function withdrawRewards(uint256 _maxAmount) external returns (uint256 amount) {
        require(msg.sender == LIDO, "ONLY_LIDO_CAN_WITHDRAW");
        uint256 balance = address(this).balance;
        amount = balance > _maxAmount ? _maxAmount : balance;
        if (amount > 0) ILidoVaultReceiver(LIDO).receiveELRewards{value: amount}();
    }

    receive() external payable {
        emit ETHReceived(msg.value);
    }
}
