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
    function consumeToken(bytes32 id, uint64 amountGwei) external;
}

/// The real RoleRegistry's checks (governance/RoleRegistry.sol): each reverts with its Only*() error.
interface IEtherFiRoleRegistry {
    function onlyUpgradeTimelock(address account) external view;
    function onlyOperatingTimelock(address account) external view;
    function onlyOperatingMultisig(address account) external view;
    function onlySuperGuardian(address account) external view;
    function onlyGuardian(address account) external view;
    function hasRole(bytes32 role, address account) external view returns (bool);
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
    function totalValueOutOfLp() external view returns (uint128);
    function etherFiAdminContract() external view returns (address);
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

/// RolesLibrary: the RoleRegistry sits at its mainnet address (an immutable in the real contracts).
abstract contract EtherFiRoles {
    IEtherFiRoleRegistry public constant roleRegistry = IEtherFiRoleRegistry(0x62247D29B4B9BECf4BB73E0c722cf6445cfC7cE9);

    modifier onlyUpgradeTimelock() {
        roleRegistry.onlyUpgradeTimelock(msg.sender);
        _;
    }

    modifier onlyOperatingTimelock() {
        roleRegistry.onlyOperatingTimelock(msg.sender);
        _;
    }

    modifier onlyOperatingMultisig() {
        roleRegistry.onlyOperatingMultisig(msg.sender);
        _;
    }

    modifier onlyGuardian() {
        roleRegistry.onlyGuardian(msg.sender);
        _;
    }

    modifier onlySuperGuardian() {
        roleRegistry.onlySuperGuardian(msg.sender);
        _;
    }
}

/// Pause model shared by every staker-facing ether.fi contract (governance/utils/Pausable.sol + PausableUntil.sol):
/// `paused()` (hard pause by the operating multisig, ContractPaused) and `pausedUntil()` (timed pause by a guardian,
/// ContractPausedUntil). Roles come from the RoleRegistry.
abstract contract EtherFiPausable is EtherFiRoles {
    uint256 public constant MIN_PAUSE_DURATION = 8 hours;
    uint256 public constant MAX_PAUSE_DURATION = 30 days;
    uint256 public constant PAUSER_UNTIL_COOLDOWN = 7 days;

    bool internal devnetInitialized;
    bool private pausedFlag;
    uint256 private pausedUntilTimestamp;
    uint256 private pauseUntilDurationSeconds;
    mapping(address => uint256) private lastPauseTimestamps;

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

    /// Deploy-time stand-in for the real initializer: runs once.
    function _initOnce(uint256 pauseUntilDuration_) internal {
        require(!devnetInitialized, "already initialized");
        devnetInitialized = true;
        pauseUntilDurationSeconds = pauseUntilDuration_;
    }

    function _requireNotPaused() internal view {
        if (pausedFlag) revert ContractPaused();
        if (pausedUntilTimestamp >= block.timestamp) revert ContractPausedUntil(pausedUntilTimestamp);
    }

    function paused() public view returns (bool) {
        return pausedFlag;
    }

    function pausedUntil() external view returns (uint256) {
        return pausedUntilTimestamp;
    }

    function pauseUntilDuration() external view returns (uint256) {
        return pauseUntilDurationSeconds;
    }

    function lastPauseTimestamp(address pauser) external view returns (uint256) {
        return lastPauseTimestamps[pauser];
    }

    function pause() external onlyOperatingMultisig {
        if (pausedFlag) revert AlreadyPaused();
        pausedFlag = true;
        emit Paused(msg.sender);
    }

    function unpause() external onlyOperatingMultisig {
        if (!pausedFlag) revert NotPaused();
        pausedFlag = false;
        emit Unpaused(msg.sender);
    }

    function pauseUntil() external virtual onlyGuardian {
        _pauseUntil();
    }

    function _pauseUntil() internal {
        if (pausedUntilTimestamp >= block.timestamp) revert ContractPausedUntil(pausedUntilTimestamp);
        uint256 duration = pauseUntilDurationSeconds == 0 ? MIN_PAUSE_DURATION : pauseUntilDurationSeconds;
        // The cooldown runs from the end of this pauser's last pause, not from its start.
        if (lastPauseTimestamps[msg.sender] + duration + PAUSER_UNTIL_COOLDOWN > block.timestamp) revert PauserCooldownStillActive();
        pausedUntilTimestamp = block.timestamp + duration;
        lastPauseTimestamps[msg.sender] = block.timestamp;
        emit PausedUntil(pausedUntilTimestamp);
    }

    function unpauseUntil() external onlyOperatingMultisig {
        if (pausedUntilTimestamp < block.timestamp) revert ContractNotPausedUntil();
        pausedUntilTimestamp = 0;
        emit UnpausedUntil();
    }

    function setPauseUntilDuration(uint256 _pauseUntilDuration) external onlyOperatingTimelock {
        if (_pauseUntilDuration < MIN_PAUSE_DURATION || _pauseUntilDuration > MAX_PAUSE_DURATION) revert InvalidPauseUntilDuration();
        pauseUntilDurationSeconds = _pauseUntilDuration;
        emit PauseUntilDurationSet(_pauseUntilDuration);
    }
}

/// RoleRegistry replica (mainnet 0x62247D29B4B9BECf4BB73E0c722cf6445cfC7cE9): enumerable roles set by the owner
/// (solady EnumerableRoles), role checks reverting with the real Only*() errors.
contract EtherFiRoleRegistry {
    bytes32 public constant UPGRADE_TIMELOCK_ROLE = keccak256("UPGRADE_TIMELOCK_ROLE");
    bytes32 public constant OPERATION_TIMELOCK_ROLE = keccak256("OPERATION_TIMELOCK_ROLE");
    bytes32 public constant OPERATION_MULTISIG_ROLE = keccak256("OPERATION_MULTISIG_ROLE");
    bytes32 public constant SUPER_GUARDIAN_ROLE = keccak256("SUPER_GUARDIAN_ROLE");
    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");
    bytes32 public constant ORACLE_OPERATIONS_ROLE = keccak256("ORACLE_OPERATIONS_ROLE");
    bytes32 public constant HOUSEKEEPING_OPERATIONS_ROLE = keccak256("HOUSEKEEPING_OPERATIONS_ROLE");
    bytes32 public constant EXECUTOR_OPERATIONS_ROLE = keccak256("EXECUTOR_OPERATIONS_ROLE");
    bytes32 public constant EIGENPOD_OPERATIONS_ROLE = keccak256("EIGENPOD_OPERATIONS_ROLE");

    address public owner;
    mapping(bytes32 => address[]) private holders;
    mapping(bytes32 => mapping(address => uint256)) private holderIndexPlusOne;

    event RoleSet(address indexed holder, uint256 indexed role, bool indexed active);
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);

    error EnumerableRolesUnauthorized();
    error OnlyUpgradeTimelock();
    error OnlyOperatingTimelock();
    error OnlyOperatingMultisig();
    error OnlySuperGuardian();
    error OnlyGuardian();
    error OnlyOracleOperations();

    /// Deploy-time stand-in for the real initialize(owner): runs once.
    function devnetInitialize(address owner_) external {
        require(owner == address(0), "already initialized");
        owner = owner_;
        emit OwnershipTransferred(address(0), owner_);
    }

    function grantRole(bytes32 role, address account) external {
        setRole(account, uint256(role), true);
    }

    function revokeRole(bytes32 role, address account) external {
        setRole(account, uint256(role), false);
    }

    function setRole(address holder, uint256 role, bool active) public {
        if (msg.sender != owner) revert EnumerableRolesUnauthorized();
        bytes32 r = bytes32(role);
        uint256 at = holderIndexPlusOne[r][holder];
        if (active && at == 0) {
            holders[r].push(holder);
            holderIndexPlusOne[r][holder] = holders[r].length;
        } else if (!active && at != 0) {
            address last = holders[r][holders[r].length - 1];
            holders[r][at - 1] = last;
            holderIndexPlusOne[r][last] = at;
            holders[r].pop();
            delete holderIndexPlusOne[r][holder];
        }
        emit RoleSet(holder, role, active);
    }

    function hasRole(bytes32 role, address account) public view returns (bool) {
        return holderIndexPlusOne[role][account] != 0;
    }

    function roleHolders(bytes32 role) external view returns (address[] memory) {
        return holders[role];
    }

    function roleHolderCount(uint256 role) external view returns (uint256) {
        return holders[bytes32(role)].length;
    }

    function onlyUpgradeTimelock(address account) external view {
        if (!hasRole(UPGRADE_TIMELOCK_ROLE, account)) revert OnlyUpgradeTimelock();
    }

    function onlyOperatingTimelock(address account) external view {
        if (!hasRole(OPERATION_TIMELOCK_ROLE, account)) revert OnlyOperatingTimelock();
    }

    function onlyOperatingMultisig(address account) external view {
        if (!hasRole(OPERATION_MULTISIG_ROLE, account)) revert OnlyOperatingMultisig();
    }

    function onlySuperGuardian(address account) external view {
        if (!hasRole(SUPER_GUARDIAN_ROLE, account)) revert OnlySuperGuardian();
    }

    function onlyGuardian(address account) external view {
        if (!hasRole(GUARDIAN_ROLE, account)) revert OnlyGuardian();
    }

    function onlyOracleOperations(address account) external view {
        if (!hasRole(ORACLE_OPERATIONS_ROLE, account)) revert OnlyOracleOperations();
    }
}

/// Blacklister replica (mainnet 0x5585996E7cFE95f2D99e61168B8b35C66Ff99B18): `nonBlacklisted(addr)` reverts
/// BlacklistedUser(addr) while `blacklistedUntil(addr) > block.timestamp`. Guardians blacklist for 3 days; the
/// operating multisig sets any duration, blacklists forever or clears.
contract EtherFiBlacklister is EtherFiRoles {
    uint256 public constant BLACKLIST_DURATION = 3 days;
    mapping(address => uint256) public blacklistedUntil;

    event UserBlacklisted(address user);
    event UserUnblacklisted(address user);
    event UserBlacklistedUntil(address user, uint256 until);

    error InvalidUser();
    error BlacklistedUser(address user);
    error UserAlreadyBlacklisted(address user);

    function nonBlacklisted(address user) external view {
        if (blacklistedUntil[user] > block.timestamp) revert BlacklistedUser(user);
    }

    function blacklistUserUntil(address user) external onlyGuardian {
        if (user == address(0)) revert InvalidUser();
        if (blacklistedUntil[user] > block.timestamp) revert UserAlreadyBlacklisted(user);
        blacklistedUntil[user] = block.timestamp + BLACKLIST_DURATION;
        emit UserBlacklistedUntil(user, block.timestamp + BLACKLIST_DURATION);
    }

    /// `until` is a duration in seconds from now (the real setter's semantics despite its name).
    function setBlacklistUntil(address user, uint256 until) external onlyOperatingMultisig {
        if (user == address(0)) revert InvalidUser();
        blacklistedUntil[user] = block.timestamp + until;
        emit UserBlacklistedUntil(user, block.timestamp + until);
    }

    function blacklistUser(address user) external onlyOperatingMultisig {
        if (user == address(0)) revert InvalidUser();
        blacklistedUntil[user] = type(uint256).max;
        emit UserBlacklisted(user);
    }

    function unblacklistUser(address user) external onlyOperatingMultisig {
        blacklistedUntil[user] = 0;
        emit UserUnblacklisted(user);
    }
}

/// EtherFiRateLimiter replica (mainnet 0x6C7c54cfC2225fA985cD25F04d923B93c60a02F8): gwei token buckets keyed by id,
/// created and tuned by the operating timelock; only eETH/weETH consume the global mint/burn buckets.
contract EtherFiRateLimiter is EtherFiRoles {
    struct Bucket {
        uint64 capacity;
        uint64 remaining;
        uint64 lastRefill;
        uint64 refillRate;
    }

    address public constant eETH = 0x35fA164735182de50811E8e2E824cFb9B6118ac2;
    address public constant weETH = 0xCd5fE23C85820F7B72D0926FC9b05b43E359b7ee;

    mapping(bytes32 => Bucket) internal buckets;
    mapping(bytes32 => mapping(address => bool)) internal consumers;

    event ConsumerUpdated(bytes32 indexed id, address indexed consumer, bool allowed);
    event LimiterCreated(bytes32 indexed id, uint64 capacity, uint64 refillRate);
    event CapacityUpdated(bytes32 indexed id, uint64 capacity);
    event RefillRateUpdated(bytes32 indexed id, uint64 refillRate);
    event RemainingUpdated(bytes32 indexed id, uint64 remaining);

    error LimitExceeded();
    error UnknownLimit();
    error LimitAlreadyExists();
    error InvalidConsumer();
    error OnlyToken();

    function limitExists(bytes32 id) public view returns (bool) {
        Bucket memory b = buckets[id];
        return b.capacity != 0 || b.remaining != 0 || b.lastRefill != 0 || b.refillRate != 0;
    }

    function _refilled(Bucket memory b) internal view returns (uint64) {
        uint256 refill = (block.timestamp - b.lastRefill) * uint256(b.refillRate) + b.remaining;
        return refill > b.capacity ? b.capacity : uint64(refill);
    }

    function _refill(Bucket storage b) internal {
        b.remaining = _refilled(b);
        b.lastRefill = uint64(block.timestamp);
    }

    function createNewLimiter(bytes32 id, uint64 capacity, uint64 refillRate) external onlyOperatingTimelock {
        if (limitExists(id)) revert LimitAlreadyExists();
        buckets[id] = Bucket(capacity, capacity, uint64(block.timestamp), refillRate);
        emit LimiterCreated(id, capacity, refillRate);
    }

    function updateConsumers(bytes32 id, address consumer, bool allowed) external onlyOperatingTimelock {
        if (!limitExists(id)) revert UnknownLimit();
        consumers[id][consumer] = allowed;
        emit ConsumerUpdated(id, consumer, allowed);
    }

    function setCapacity(bytes32 id, uint64 capacity) external onlyOperatingTimelock {
        if (!limitExists(id)) revert UnknownLimit();
        Bucket storage b = buckets[id];
        _refill(b);
        b.capacity = capacity;
        if (b.remaining > capacity) b.remaining = capacity;
        emit CapacityUpdated(id, capacity);
    }

    function setRefillRate(bytes32 id, uint64 refillRate) external onlyOperatingTimelock {
        if (!limitExists(id)) revert UnknownLimit();
        Bucket storage b = buckets[id];
        _refill(b);
        b.refillRate = refillRate;
        emit RefillRateUpdated(id, refillRate);
    }

    function setRemaining(bytes32 id, uint64 remaining) external onlyOperatingTimelock {
        if (!limitExists(id)) revert UnknownLimit();
        Bucket storage b = buckets[id];
        _refill(b);
        b.remaining = remaining > b.capacity ? b.capacity : remaining;
        emit RemainingUpdated(id, remaining);
    }

    function consumeToken(bytes32 id, uint64 amount) external {
        if (msg.sender != eETH && msg.sender != weETH) revert OnlyToken();
        _consume(id, amount);
    }

    function consume(bytes32 id, uint64 amount) external {
        _consume(id, amount);
    }

    function _consume(bytes32 id, uint64 amount) internal {
        if (!limitExists(id)) revert UnknownLimit();
        if (!consumers[id][msg.sender]) revert InvalidConsumer();
        Bucket storage b = buckets[id];
        uint64 available = _refilled(b);
        if (available < amount) revert LimitExceeded();
        b.remaining = available - amount;
        b.lastRefill = uint64(block.timestamp);
    }

    function consumable(bytes32 id) public view returns (uint64) {
        if (!limitExists(id)) revert UnknownLimit();
        return _refilled(buckets[id]);
    }

    function canConsume(bytes32 id, uint64 amount) external view returns (bool) {
        return consumable(id) >= amount;
    }

    /// Raw stored state (remaining as of lastRefill), as the real getter returns it.
    function getLimit(bytes32 id) external view returns (uint64 capacity, uint64 remaining, uint64 refillRate, uint256 lastRefill) {
        if (!limitExists(id)) revert UnknownLimit();
        Bucket memory b = buckets[id];
        return (b.capacity, b.remaining, b.refillRate, b.lastRefill);
    }

    function isConsumerAllowed(bytes32 id, address consumer) external view returns (bool) {
        return consumers[id][consumer];
    }
}
