// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./SWCommon.sol";

/// StakeWise Keeper replica (v3-core contracts/keeper/KeeperOracles.sol + KeeperRewards.sol): owner-managed oracle set,
/// reward updates signed by rewardsMinOracles oracles over the real EIP-712 message, Merkle-proven vault harvests.
/// Validator approval (KeeperValidators) is not replicated: the deploy collateralizes vaults with devnetCollateralize.
contract Keeper is SWOwnable {
    struct Reward {
        int192 assets;
        uint64 nonce;
    }

    struct UnlockedMevReward {
        uint192 assets;
        uint64 nonce;
    }

    struct RewardsUpdateParams {
        bytes32 rewardsRoot;
        uint256 avgRewardPerSecond;
        uint64 updateTimestamp;
        string rewardsIpfsHash;
        bytes signatures;
    }

    event OracleAdded(address indexed oracle);
    event OracleRemoved(address indexed oracle);
    event ConfigUpdated(string configIpfsHash);
    event RewardsUpdated(address indexed caller, bytes32 indexed rewardsRoot, uint256 avgRewardPerSecond, uint64 updateTimestamp, uint64 nonce, string rewardsIpfsHash);
    event Harvested(address indexed vault, bytes32 indexed rewardsRoot, int256 totalAssetsDelta, uint256 unlockedMevDelta);
    event RewardsMinOraclesUpdated(uint256 oracles);

    bytes32 private constant _rewardsUpdateTypeHash = keccak256(
        "KeeperRewards(bytes32 rewardsRoot,string rewardsIpfsHash,uint256 avgRewardPerSecond,uint64 updateTimestamp,uint64 nonce)"
    );
    bytes32 private constant _domainTypeHash =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    uint256 private constant _signatureLength = 65;
    uint256 private constant _maxOracles = 30;

    mapping(address => bool) public isOracle;
    uint256 public totalOracles;
    mapping(address => Reward) public rewards;
    mapping(address => UnlockedMevReward) public unlockedMevRewards;
    bytes32 public prevRewardsRoot;
    bytes32 public rewardsRoot;
    uint256 public rewardsMinOracles;
    uint64 public lastRewardsTimestamp;
    uint64 public rewardsNonce;
    // Immutables on mainnet; storage here so the code can be placed with anvil_setCode.
    uint256 public rewardsDelay;
    uint256 private _maxAvgRewardPerSecond;
    ISWVaultsRegistry private _vaultsRegistry;
    ISWOsTokenVaultController private _osTokenVaultController;

    /// One-time setup of what the real constructor and initialize(owner) set.
    function devnetInitialize(address _owner, address vaultsRegistry, address osTokenVaultController, uint256 _rewardsDelay, uint256 maxAvgRewardPerSecond) external {
        _initOwner(_owner);
        _vaultsRegistry = ISWVaultsRegistry(vaultsRegistry);
        _osTokenVaultController = ISWOsTokenVaultController(osTokenVaultController);
        rewardsDelay = _rewardsDelay;
        _maxAvgRewardPerSecond = maxAvgRewardPerSecond;
        rewardsNonce = 1;
    }

    /// Stands in for the oracles' validator approval, which on mainnet collateralizes a vault (KeeperValidators).
    function devnetCollateralize(address vault) external onlyOwner {
        if (!_vaultsRegistry.vaults(vault)) revert SWErrors.InvalidVault();
        if (rewards[vault].nonce == 0) rewards[vault] = Reward({nonce: rewardsNonce, assets: 0});
    }

    function addOracle(address oracle) external onlyOwner {
        if (isOracle[oracle]) revert SWErrors.AlreadyAdded();
        if (totalOracles + 1 > _maxOracles) revert SWErrors.MaxOraclesExceeded();
        isOracle[oracle] = true;
        totalOracles += 1;
        emit OracleAdded(oracle);
    }

    function removeOracle(address oracle) external onlyOwner {
        if (!isOracle[oracle]) revert SWErrors.AlreadyRemoved();
        isOracle[oracle] = false;
        totalOracles -= 1;
        emit OracleRemoved(oracle);
    }

    function updateConfig(string calldata configIpfsHash) external onlyOwner {
        emit ConfigUpdated(configIpfsHash);
    }

    function setRewardsMinOracles(uint256 _rewardsMinOracles) external onlyOwner {
        if (_rewardsMinOracles == 0 || totalOracles < _rewardsMinOracles) revert SWErrors.InvalidOracles();
        rewardsMinOracles = _rewardsMinOracles;
        emit RewardsMinOraclesUpdated(_rewardsMinOracles);
    }

    function eip712Domain() external view returns (bytes1 fields, string memory name, string memory version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] memory extensions) {
        return (hex"0f", "KeeperOracles", "1", block.chainid, address(this), bytes32(0), new uint256[](0));
    }

    function updateRewards(RewardsUpdateParams calldata params) external {
        if (!canUpdateRewards()) revert SWErrors.TooEarlyUpdate();
        if (params.avgRewardPerSecond > _maxAvgRewardPerSecond) revert SWErrors.InvalidAvgRewardPerSecond();
        uint64 nonce = rewardsNonce;
        _verifySignatures(
            rewardsMinOracles,
            keccak256(abi.encode(_rewardsUpdateTypeHash, params.rewardsRoot, keccak256(bytes(params.rewardsIpfsHash)), params.avgRewardPerSecond, params.updateTimestamp, nonce)),
            params.signatures
        );
        prevRewardsRoot = rewardsRoot;
        rewardsRoot = params.rewardsRoot;
        lastRewardsTimestamp = uint64(block.timestamp);
        rewardsNonce = nonce + 1;
        _osTokenVaultController.setAvgRewardPerSecond(params.avgRewardPerSecond);
        emit RewardsUpdated(msg.sender, params.rewardsRoot, params.avgRewardPerSecond, params.updateTimestamp, nonce, params.rewardsIpfsHash);
    }

    function canUpdateRewards() public view returns (bool) {
        return lastRewardsTimestamp + rewardsDelay < block.timestamp;
    }

    function isHarvestRequired(address vault) external view returns (bool) {
        uint256 nonce = rewards[vault].nonce;
        return nonce != 0 && nonce + 1 < rewardsNonce;
    }

    function canHarvest(address vault) external view returns (bool) {
        uint256 nonce = rewards[vault].nonce;
        return nonce != 0 && nonce < rewardsNonce;
    }

    function isCollateralized(address vault) public view returns (bool) {
        return rewards[vault].nonce != 0;
    }

    /// Called by a vault's updateState. Execution rewards (unlockedMevReward) are part of the proven leaf but the
    /// replica has no shared MEV escrow, so unlockedMevDelta is always 0.
    function harvest(SWTypes.HarvestParams calldata params) external returns (int256 totalAssetsDelta, uint256 unlockedMevDelta, bool harvested) {
        if (!_vaultsRegistry.vaults(msg.sender)) revert SWErrors.AccessDenied();
        uint64 currentNonce = rewardsNonce;
        if (params.rewardsRoot != rewardsRoot) {
            if (params.rewardsRoot != prevRewardsRoot) revert SWErrors.InvalidRewardsRoot();
            currentNonce -= 1;
        }
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(msg.sender, params.reward, params.unlockedMevReward))));
        if (!SWCrypto.verify(params.proof, params.rewardsRoot, leaf)) revert SWErrors.InvalidProof();
        Reward storage lastReward = rewards[msg.sender];
        if (lastReward.nonce >= currentNonce) return (0, 0, false);
        totalAssetsDelta = int256(params.reward) - int256(lastReward.assets);
        harvested = true;
        lastReward.nonce = currentNonce;
        lastReward.assets = params.reward;
        emit Harvested(msg.sender, params.rewardsRoot, totalAssetsDelta, unlockedMevDelta);
    }

    function _verifySignatures(uint256 requiredSignatures, bytes32 message, bytes calldata signatures) private view {
        if (requiredSignatures == 0) revert SWErrors.InvalidOracles();
        if (signatures.length < requiredSignatures * _signatureLength) revert SWErrors.NotEnoughSignatures();
        bytes32 domainSeparator = keccak256(abi.encode(_domainTypeHash, keccak256("KeeperOracles"), keccak256("1"), block.chainid, address(this)));
        bytes32 digest = keccak256(abi.encodePacked(hex"1901", domainSeparator, message));
        address lastOracle;
        uint256 start;
        for (uint256 i = 0; i < requiredSignatures; i++) {
            address current = SWCrypto.recover(digest, signatures[start:start + _signatureLength]);
            if (current <= lastOracle || !isOracle[current]) revert SWErrors.InvalidOracle();
            lastOracle = current;
            start += _signatureLength;
        }
    }
}
