// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Devnet replica of StakeWise V3 (written from src/Abis/StakeWise/NOTES.md, which cites stakewise/v3-core). Shared
// pieces: the real custom errors (same names and selectors as v3-core contracts/libraries/Errors.sol), the interfaces
// the replicas use to talk to each other, an Ownable2Step owner, floor/ceil mulDiv, ECDSA recovery and the
// OpenZeppelin sorted-pair Merkle proof check the Keeper uses for harvests.

library SWErrors {
    error AccessDenied();
    error InvalidShares();
    error InvalidAssets();
    error ZeroAddress();
    error CapacityExceeded();
    error InvalidCapacity();
    error InvalidSecurityDeposit();
    error InvalidFeeRecipient();
    error InvalidFeePercent();
    error NotHarvested();
    error NotCollateralized();
    error InvalidProof();
    error LowLtv();
    error InvalidPosition();
    error AlreadyAdded();
    error AlreadyRemoved();
    error InvalidOracles();
    error NotEnoughSignatures();
    error InvalidOracle();
    error TooEarlyUpdate();
    error InvalidAvgRewardPerSecond();
    error InvalidRewardsRoot();
    error InvalidLtvPercent();
    error InvalidLiqThresholdPercent();
    error InvalidCheckpointIndex();
    error InvalidCheckpointValue();
    error MaxOraclesExceeded();
    error ExitRequestNotProcessed();
    error ValueNotChanged();
    error InvalidVault();
}

interface ISWVaultsRegistry {
    function vaults(address vault) external view returns (bool);
    function vaultImpls(address impl) external view returns (bool);
}

interface ISWKeeper {
    function harvest(SWTypes.HarvestParams calldata params) external returns (int256 totalAssetsDelta, uint256 unlockedMevDelta, bool harvested);
    function isHarvestRequired(address vault) external view returns (bool);
    function isCollateralized(address vault) external view returns (bool);
}

interface ISWOsToken {
    function mint(address account, uint256 value) external;
    function burn(address account, uint256 value) external;
}

interface ISWOsTokenVaultController {
    function mintShares(address receiver, uint256 shares) external returns (uint256 assets);
    function burnShares(address owner, uint256 shares) external returns (uint256 assets);
    function convertToShares(uint256 assets) external view returns (uint256);
    function convertToAssets(uint256 shares) external view returns (uint256);
    function cumulativeFeePerShare() external view returns (uint256);
    function setAvgRewardPerSecond(uint256 value) external;
}

interface ISWOsTokenConfig {
    function getConfig(address vault) external view returns (SWTypes.Config memory);
}

interface ISWVaultVersion {
    function implementation() external view returns (address);
}

library SWTypes {
    struct HarvestParams {
        bytes32 rewardsRoot;
        int160 reward;
        uint160 unlockedMevReward;
        bytes32[] proof;
    }

    struct Config {
        uint128 liqBonusPercent;
        uint64 liqThresholdPercent;
        uint64 ltvPercent;
    }
}

library SWMath {
    function mulDiv(uint256 x, uint256 y, uint256 d) internal pure returns (uint256) {
        return x * y / d;
    }

    function mulDivUp(uint256 x, uint256 y, uint256 d) internal pure returns (uint256) {
        uint256 p = x * y;
        return p / d + (p % d == 0 ? 0 : 1);
    }

    function min(uint256 a, uint256 b) internal pure returns (uint256) {
        return a < b ? a : b;
    }
}

library SWCrypto {
    /// The signer of a 65-byte (r, s, v) signature over `digest`; reverts with InvalidOracle on a malformed one.
    function recover(bytes32 digest, bytes calldata sig) internal pure returns (address signer) {
        bytes32 r = bytes32(sig[0:32]);
        bytes32 s = bytes32(sig[32:64]);
        uint8 v = uint8(sig[64]);
        if (uint256(s) > 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0) revert SWErrors.InvalidOracle();
        signer = ecrecover(digest, v, r, s);
        if (signer == address(0)) revert SWErrors.InvalidOracle();
    }

    /// OpenZeppelin MerkleProof.verifyCalldata: pairs hashed in sorted order.
    function verify(bytes32[] calldata proof, bytes32 root, bytes32 leaf) internal pure returns (bool) {
        bytes32 computed = leaf;
        for (uint256 i = 0; i < proof.length; i++) {
            bytes32 p = proof[i];
            computed = computed < p ? keccak256(abi.encode(computed, p)) : keccak256(abi.encode(p, computed));
        }
        return computed == root;
    }
}

/// Ownable2Step as in OpenZeppelin 5 (owner, pendingOwner, transferOwnership, acceptOwnership), with the owner kept
/// in storage so the replica can be placed with anvil_setCode and initialised once.
abstract contract SWOwnable {
    error OwnableUnauthorizedAccount(address account);
    error OwnableInvalidOwner(address owner);

    event OwnershipTransferStarted(address indexed previousOwner, address indexed newOwner);
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);

    address private _owner;
    address private _pendingOwner;

    modifier onlyOwner() {
        if (msg.sender != _owner) revert OwnableUnauthorizedAccount(msg.sender);
        _;
    }

    function owner() public view returns (address) {
        return _owner;
    }

    function pendingOwner() public view returns (address) {
        return _pendingOwner;
    }

    function transferOwnership(address newOwner) external onlyOwner {
        _pendingOwner = newOwner;
        emit OwnershipTransferStarted(_owner, newOwner);
    }

    function acceptOwnership() external {
        if (msg.sender != _pendingOwner) revert OwnableUnauthorizedAccount(msg.sender);
        _setOwner(msg.sender);
    }

    function renounceOwnership() external onlyOwner {
        _setOwner(address(0));
    }

    /// The deploy module's one-time hand-over of a freshly placed replica to the devnet admin.
    function _initOwner(address newOwner) internal {
        if (_owner != address(0)) revert SWErrors.AccessDenied();
        if (newOwner == address(0)) revert OwnableInvalidOwner(address(0));
        _setOwner(newOwner);
    }

    function _setOwner(address newOwner) private {
        address previous = _owner;
        _owner = newOwner;
        delete _pendingOwner;
        emit OwnershipTransferred(previous, newOwner);
    }
}
