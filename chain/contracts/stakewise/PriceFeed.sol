// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./SWCommon.sol";

/// osETH/ETH PriceFeed replica (v3-core contracts/tokens/PriceFeed.sol): the controller's convertToAssets(1e18) as a
/// Chainlink / Balancer rate. `version` and the controller address are storage here (constant/immutable on mainnet).
contract PriceFeed {
    uint256 public version;
    address public osTokenVaultController;
    string public description;

    function devnetInitialize(address _osTokenVaultController, string calldata _description) external {
        if (osTokenVaultController != address(0)) revert SWErrors.AccessDenied();
        osTokenVaultController = _osTokenVaultController;
        description = _description;
    }

    function getRate() public view returns (uint256) {
        return ISWOsTokenVaultController(osTokenVaultController).convertToAssets(10 ** decimals());
    }

    function latestAnswer() public view returns (int256) {
        uint256 value = getRate();
        return value > uint256(type(int256).max) ? type(int256).max : int256(value);
    }

    function latestTimestamp() external view returns (uint256) {
        return block.timestamp;
    }

    function decimals() public pure returns (uint8) {
        return 18;
    }

    function latestRoundData() external view returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound) {
        return (0, latestAnswer(), block.timestamp, block.timestamp, 0);
    }
}
