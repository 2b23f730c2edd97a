// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./ELCommon.sol";
import "./StrategyBase.sol";

/// StrategyFactory replica (1.13.0 ABI): permissionless StrategyBase deployment per ERC-20 (a plain contract
/// instead of a beacon proxy), token blacklist, and the StrategyManager's strategy whitelister role.
contract StrategyFactory is ELPausableBase {
    error BlacklistedToken();
    error StrategyAlreadyExists();
    error AlreadyBlacklisted();

    event StrategySetForToken(address token, address strategy);
    event TokenBlacklisted(address token);
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);

    uint8 internal constant PAUSED_NEW_STRATEGIES = 0;

    address public owner;
    mapping(address => address) public deployedStrategies;
    mapping(address => bool) public isBlacklisted;
    mapping(address => address[]) internal _durationVaults;

    modifier onlyOwner() {
        require(msg.sender == owner, "Ownable: caller is not the owner");
        _;
    }

    function initialize(address _initialOwner, uint256 _initialPausedStatus) external initializer {
        _pausedStatus = _initialPausedStatus;
        _reentrancyStatus = 1;
        emit OwnershipTransferred(owner, _initialOwner);
        owner = _initialOwner;
    }

    function deployNewStrategy(address token) external onlyWhenNotPaused(PAUSED_NEW_STRATEGIES) returns (address newStrategy) {
        if (isBlacklisted[token]) revert BlacklistedToken();
        if (deployedStrategies[token] != address(0)) revert StrategyAlreadyExists();
        StrategyBase strategy = new StrategyBase();
        strategy.initialize(token);
        newStrategy = address(strategy);
        deployedStrategies[token] = newStrategy;
        emit StrategySetForToken(token, newStrategy);
        address[] memory list = new address[](1);
        list[0] = newStrategy;
        IELStrategyManager(ELAddrs.STRATEGY_MANAGER).addStrategiesToDepositWhitelist(list);
    }

    function blacklistTokens(address[] calldata tokens) external onlyOwner {
        for (uint256 i = 0; i < tokens.length; ++i) {
            if (isBlacklisted[tokens[i]]) revert AlreadyBlacklisted();
            isBlacklisted[tokens[i]] = true;
            emit TokenBlacklisted(tokens[i]);
        }
    }

    function whitelistStrategies(address[] calldata strategiesToWhitelist) external onlyOwner {
        IELStrategyManager(ELAddrs.STRATEGY_MANAGER).addStrategiesToDepositWhitelist(strategiesToWhitelist);
    }

    function removeStrategiesFromWhitelist(address[] calldata strategiesToRemoveFromWhitelist) external onlyOwner {
        IELStrategyManager(ELAddrs.STRATEGY_MANAGER).removeStrategiesFromDepositWhitelist(strategiesToRemoveFromWhitelist);
    }

    function transferOwnership(address newOwner) external onlyOwner {
        require(newOwner != address(0), "Ownable: new owner is the zero address");
        emit OwnershipTransferred(owner, newOwner);
        owner = newOwner;
    }

    function renounceOwnership() external onlyOwner {
        emit OwnershipTransferred(owner, address(0));
        owner = address(0);
    }

    function getDurationVaults(address token) external view returns (address[] memory) { return _durationVaults[token]; }
    function durationVaultsByToken(address token, uint256 index) external view returns (address) { return _durationVaults[token][index]; }
    function strategyBeacon() external view returns (address) { return ELAddrs.STRATEGY_BEACON; }
    function durationVaultBeacon() external view returns (address) { return ELAddrs.DURATION_VAULT_BEACON; }
    function strategyManager() external view returns (address) { return ELAddrs.STRATEGY_MANAGER; }
    function EIGEN() external view returns (address) { return ELAddrs.EIGEN; }
    function bEIGEN() external view returns (address) { return ELAddrs.BEIGEN; }
}
