// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Shared pieces of the ether.fi replica: interfaces between the replicas, the pause model (hard pause + timed
// pause) and a transient reentrancy guard. Written from shared/protocols/etherfi.md; no protocol code copied.

struct EtherFiPermitInput {
    uint256 value;
    uint256 deadline;
    uint8 v;
    bytes32 r;
    bytes32 s;
}

interface IEtherFiBlacklister {
    function nonBlacklisted(address user) external view;
}

interface IEtherFiRateLimiter {
    function consume(bytes32 id, uint64 amountGwei) external;
}

interface IEtherFiPool {
    function getTotalPooledEther() external view returns (uint256);
    function sharesForAmount(uint256 amount) external view returns (uint256);
    function sharesForWithdrawalAmount(uint256 amount) external view returns (uint256);
    function amountForShare(uint256 share) external view returns (uint256);
    function amountPerShareCeil() external view returns (uint256);
    function totalValueInLp() external view returns (uint128);
    function withdraw(address recipient, uint256 amount) external returns (uint256);
    function withdraw(uint256 amount, uint256 share) external;
    function burnEEthShares(uint256 shares) external;
    function addEthAmountLockedForWithdrawal(uint128 amount) external;
    function deposit(address referral) external payable returns (uint256);
}

interface IEtherFiEETH {
    function shares(address user) external view returns (uint256);
    function totalShares() external view returns (uint256);
    function balanceOf(address user) external view returns (uint256);
    function mintShares(address user, uint256 share) external;
    function burnShares(address user, uint256 share) external;
    function transfer(address to, uint256 amount) external returns (bool);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
    function approve(address spender, uint256 amount) external returns (bool);
    function permit(address owner, address spender, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external;
}

interface IEtherFiWeETH {
    function balanceOf(address user) external view returns (uint256);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
    function transfer(address to, uint256 amount) external returns (bool);
    function wrap(uint256 amount) external returns (uint256);
    function unwrap(uint256 amount) external returns (uint256);
    function permit(address owner, address spender, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external;
}

interface IEtherFiWithdrawRequestNFT {
    function requestWithdraw(uint96 amountOfEEth, uint96 shareOfEEth, address recipient) external returns (uint256);
}

/// Pause model shared by every staker-facing ether.fi contract: `paused()` (hard pause, ContractPaused) and
/// `pausedUntil()` (timed pause, ContractPausedUntil). The devnet admin (owner) holds every role.
abstract contract EtherFiPausable {
    uint256 public constant MIN_PAUSE_DURATION = 8 hours;
    uint256 public constant MAX_PAUSE_DURATION = 30 days;
    uint256 public constant PAUSER_UNTIL_COOLDOWN = 7 days;

    address internal devnetOwner;
    bool internal devnetInitialized;
    bool private pausedFlag;
    uint256 public pausedUntil;
    uint256 public pauseUntilDuration;
    mapping(address => uint256) public lastPauseTimestamp;

    event Paused(address account);
    event Unpaused(address account);
    event PausedUntil(uint256 pausedUntil);
    event UnpausedUntil();
    event PauseUntilDurationSet(uint256 pauseUntilDuration);

    error ContractPaused();
    error ContractPausedUntil(uint256 pausedUntil);
    error AlreadyPaused();
    error NotPaused();
    error ContractNotPausedUntil();
    error InvalidPauseUntilDuration();
    error PauserCooldownStillActive();
    error IncorrectCaller();
    error Reentrancy();

    // keccak256("etherfi.replica.reentrancy") - 1, a transient slot (solady ReentrancyGuardTransient behaviour).
    uint256 private constant REENTRANCY_SLOT = 0x5e1f7b9e5c4f0f8a7d2d8c3b0a6f3e2d1c0b9a8f7e6d5c4b3a29181706f5e4d3;

    modifier onlyDevnetOwner() {
        if (msg.sender != devnetOwner) revert IncorrectCaller();
        _;
    }

    modifier whenNotPaused() {
        _requireNotPaused();
        _;
    }

    modifier nonReentrant() {
        uint256 slot = REENTRANCY_SLOT;
        uint256 entered;
        assembly { entered := tload(slot) }
        if (entered != 0) revert Reentrancy();
        assembly { tstore(slot, 1) }
        _;
        assembly { tstore(slot, 0) }
    }

    function _initOwner(address owner_, uint256 pauseUntilDuration_) internal {
        require(!devnetInitialized, "already initialized");
        devnetInitialized = true;
        devnetOwner = owner_;
        pauseUntilDuration = pauseUntilDuration_;
    }

    function _requireNotPaused() internal view {
        if (pausedFlag) revert ContractPaused();
        if (pausedUntil >= block.timestamp) revert ContractPausedUntil(pausedUntil);
    }

    function paused() public view returns (bool) {
        return pausedFlag;
    }

    function pause() external onlyDevnetOwner {
        if (pausedFlag) revert AlreadyPaused();
        pausedFlag = true;
        emit Paused(msg.sender);
    }

    function unpause() external onlyDevnetOwner {
        if (!pausedFlag) revert NotPaused();
        pausedFlag = false;
        emit Unpaused(msg.sender);
    }

    function pauseUntil() external onlyDevnetOwner {
        if (pausedUntil >= block.timestamp) revert AlreadyPaused();
        uint256 last = lastPauseTimestamp[msg.sender];
        if (last != 0 && block.timestamp < last + PAUSER_UNTIL_COOLDOWN) revert PauserCooldownStillActive();
        lastPauseTimestamp[msg.sender] = block.timestamp;
        pausedUntil = block.timestamp + pauseUntilDuration;
        emit PausedUntil(pausedUntil);
    }

    function unpauseUntil() external onlyDevnetOwner {
        if (pausedUntil < block.timestamp) revert ContractNotPausedUntil();
        pausedUntil = 0;
        emit UnpausedUntil();
    }

    function setPauseUntilDuration(uint256 _pauseUntilDuration) external onlyDevnetOwner {
        if (_pauseUntilDuration < MIN_PAUSE_DURATION || _pauseUntilDuration > MAX_PAUSE_DURATION) revert InvalidPauseUntilDuration();
        pauseUntilDuration = _pauseUntilDuration;
        emit PauseUntilDurationSet(_pauseUntilDuration);
    }

    /// Devnet-only: the current devnet admin (owner/oracle/guardian of the replica).
    function devnetAdmin() external view returns (address) {
        return devnetOwner;
    }
}

/// Blacklister replica (mainnet 0x5585996E7cFE95f2D99e61168B8b35C66Ff99B18): `nonBlacklisted(addr)` reverts
/// BlacklistedUser(addr) while `blacklistedUntil(addr) > block.timestamp`.
contract EtherFiBlacklister {
    uint256 public constant BLACKLIST_DURATION = 3 days;
    address internal devnetOwner;
    mapping(address => uint256) public blacklistedUntil;

    error BlacklistedUser(address user);
    error IncorrectCaller();

    event DevnetBlacklistSet(address indexed user, uint256 until);

    function devnetInitialize(address owner_) external {
        require(devnetOwner == address(0), "already initialized");
        devnetOwner = owner_;
    }

    function nonBlacklisted(address user) external view {
        if (blacklistedUntil[user] > block.timestamp) revert BlacklistedUser(user);
    }

    /// Devnet-only: blacklists `user` until `until` (unix seconds; 0 removes the entry).
    function devnetSetBlacklistedUntil(address user, uint256 until) external {
        if (msg.sender != devnetOwner) revert IncorrectCaller();
        blacklistedUntil[user] = until;
        emit DevnetBlacklistSet(user, until);
    }
}

/// EtherFiRateLimiter replica (mainnet 0x6C7c54cfC2225fA985cD25F04d923B93c60a02F8): gwei token buckets keyed by id.
contract EtherFiRateLimiter {
    struct Bucket {
        uint64 capacity;
        uint64 remaining;
        uint64 lastRefill;
        uint64 refillRate;
    }

    address internal devnetOwner;
    mapping(bytes32 => Bucket) internal buckets;
    mapping(bytes32 => mapping(address => bool)) public isConsumerAllowed;

    error LimitExceeded();
    error IncorrectCaller();
    error UnknownLimit();

    function devnetInitialize(address owner_) external {
        require(devnetOwner == address(0), "already initialized");
        devnetOwner = owner_;
    }

    function _refilled(Bucket memory b) internal view returns (uint64) {
        uint256 refill = (block.timestamp - b.lastRefill) * uint256(b.refillRate) + b.remaining;
        return refill > b.capacity ? b.capacity : uint64(refill);
    }

    function consumable(bytes32 id) public view returns (uint64) {
        return _refilled(buckets[id]);
    }

    function canConsume(bytes32 id, uint64 amount) external view returns (bool) {
        return consumable(id) >= amount;
    }

    function consume(bytes32 id, uint64 amount) external {
        if (!isConsumerAllowed[id][msg.sender]) revert IncorrectCaller();
        Bucket storage b = buckets[id];
        uint64 available = _refilled(b);
        if (available < amount) revert LimitExceeded();
        b.remaining = available - amount;
        b.lastRefill = uint64(block.timestamp);
    }

    function getLimit(bytes32 id) external view returns (uint64 capacity, uint64 remaining, uint64 refillRate, uint256 lastRefill) {
        Bucket memory b = buckets[id];
        return (b.capacity, _refilled(b), b.refillRate, b.lastRefill);
    }

    /// Devnet-only: (re)configures a bucket and allows `consumer`; remaining is set to `remaining` now.
    function devnetSetLimit(bytes32 id, address consumer, uint64 capacity, uint64 remaining, uint64 refillRatePerSecond) external {
        if (msg.sender != devnetOwner) revert IncorrectCaller();
        buckets[id] = Bucket(capacity, remaining, uint64(block.timestamp), refillRatePerSecond);
        isConsumerAllowed[id][consumer] = true;
    }
}
