// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Narrow interfaces the Lido replicas use to talk to each other (prefixed to avoid clashes with other protocols).

interface ILidoStETH {
    function submit(address _referral) external payable returns (uint256);
    function getSharesByPooledEth(uint256 _ethAmount) external view returns (uint256);
    function getPooledEthByShares(uint256 _sharesAmount) external view returns (uint256);
    function transfer(address _recipient, uint256 _amount) external returns (bool);
    function transferFrom(address _sender, address _recipient, uint256 _amount) external returns (bool);
    function permit(address _owner, address _spender, uint256 _value, uint256 _deadline, uint8 _v, bytes32 _r, bytes32 _s) external;
    function balanceOf(address _account) external view returns (uint256);
}

interface ILidoWstETH {
    function transferFrom(address sender, address recipient, uint256 amount) external returns (bool);
    function transfer(address recipient, uint256 amount) external returns (bool);
    function unwrap(uint256 _wstETHAmount) external returns (uint256);
    function wrap(uint256 _stETHAmount) external returns (uint256);
    function permit(address owner, address spender, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external;
}

interface ILidoEIP712StETH {
    function domainSeparatorV4(address _stETH) external view returns (bytes32);
    function hashTypedDataV4(address _stETH, bytes32 _structHash) external view returns (bytes32);
    function eip712Domain(address _stETH) external view returns (string memory name, string memory version, uint256 chainId, address verifyingContract);
}

interface ILidoLocatorView {
    function withdrawalQueue() external view returns (address);
    function treasury() external view returns (address);
    function accountingOracle() external view returns (address);
    function accounting() external view returns (address);
    function wstETH() external view returns (address);
    function withdrawalVault() external view returns (address);
    function elRewardsVault() external view returns (address);
    function burner() external view returns (address);
}

interface ILidoBurner {
    function requestBurnShares(address _from, uint256 _sharesAmountToBurn) external;
    function commitSharesToBurn(uint256 _sharesToBurn) external;
}

interface ILidoWithdrawalQueue {
    function prefinalize(uint256[] calldata _batches, uint256 _maxShareRate) external view returns (uint256 ethToLock, uint256 sharesToBurn);
    function finalize(uint256 _lastRequestIdToBeFinalized, uint256 _maxShareRate) external payable;
    function getLastFinalizedRequestId() external view returns (uint256);
    function unfinalizedStETH() external view returns (uint256);
    function isBunkerModeActive() external view returns (bool);
}

interface ILidoWithdrawalVault {
    function withdrawWithdrawals(uint256 _amount) external;
}

interface ILidoELRewardsVault {
    function withdrawRewards(uint256 _maxAmount) external returns (uint256 amount);
}

/// @notice What the oracle hands to the accounting (the replica folds Accounting.handleOracleReport into stETH).
struct LidoAccountingReport {
    uint256 timestamp;
    uint256 timeElapsed;
    uint256 clValidatorsBalance;
    uint256 clPendingBalance;
    uint256 withdrawalVaultBalance;
    uint256 elRewardsVaultBalance;
    uint256 sharesRequestedToBurn;
    uint256[] withdrawalFinalizationBatches;
    uint256 simulatedShareRate;
}

interface ILidoAccountingHandler {
    function handleAccountingReport(LidoAccountingReport calldata _report) external;
}

interface ILidoERC1271 {
    function isValidSignature(bytes32 _hash, bytes memory _signature) external view returns (bytes4);
}

interface ILidoERC721Receiver {
    function onERC721Received(address operator, address from, uint256 tokenId, bytes calldata data) external returns (bytes4);
}
