// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Shared pieces of the EigenLayer devnet replica: mainnet addresses (constants, since replicas are placed with
// anvil_setCode and cannot use immutables), the struct types of the real ABI, small interfaces between the
// replicas, WAD math, and a pausable/reentrancy base with the real pause semantics and errors.

library ELAddrs {
    address internal constant STRATEGY_MANAGER = 0x858646372CC42E1A627fcE94aa7A7033e7CF075A;
    address internal constant DELEGATION_MANAGER = 0x39053D51B77DC0d36036Fc1fCc8Cb819df8Ef37A;
    address internal constant ALLOCATION_MANAGER = 0x948a420b8CC1d6BFd0B6087C2E7c344a2CD0bc39;
    address internal constant ALLOCATION_MANAGER_VIEW = 0x0D4e5723daAD06510CFd6864b8eB8a08CF0c4a34;
    address internal constant STRATEGY_FACTORY = 0x5e4C39Ad7A3E881585e383dB9827EB4811f6F647;
    address internal constant EIGEN_POD_MANAGER = 0x91E677b07F7AF907ec9a428aafA9fc14a0d3A338;
    address internal constant PERMISSION_CONTROLLER = 0x25E5F8B1E7aDf44518d35D5B2271f114e081f0E5;
    address internal constant PAUSER_REGISTRY = 0xB8765ed72235d279c3Fb53936E4606db0Ef12806;
    address internal constant STRATEGY_BEACON = 0x0ed6703C298d28aE0878d1b28e88cA87F9662fE9;
    address internal constant DURATION_VAULT_BEACON = 0x0fCE0A591D96BB76883323eF555867111E2050a9;
    address internal constant EIGEN_STRATEGY = 0xaCB55C530Acdb2849e6d4f36992Cd8c9D50ED8F7;
    address internal constant EIGEN = 0xec53bF9167f50cDEB3Ae105f56099aaaB9061F83;
    address internal constant BEIGEN = 0x83E9115d334D248Ce39a6f36144aEaB5b3456e75;
    address internal constant BEACON_CHAIN_ETH_STRATEGY = 0xbeaC0eeEeeeeEEeEeEEEEeeEEeEeeeEeeEEBEaC0;
    address internal constant DEFAULT_BURN_ADDRESS = 0x00000000000000000000000000000000000E16E4;
    /// Devnet admin (accounts[9] of the test mnemonic): pauser, unpauser and caller of the devnet helpers.
    address internal constant DEVNET_ADMIN = 0xa0Ee7A142d267C1f36714E4a8F75612F20a79720;
}

struct OperatorSet {
    address avs;
    uint32 id;
}

interface IELERC20 {
    function balanceOf(address) external view returns (uint256);
    function transfer(address, uint256) external returns (bool);
    function transferFrom(address, address, uint256) external returns (bool);
    function decimals() external view returns (uint8);
}

interface IELStrategy {
    function deposit(address token, uint256 amount) external returns (uint256);
    function withdraw(address recipient, address token, uint256 amountShares) external returns (uint256);
    function beforeAddShares(address staker, uint256 shares) external;
    function beforeRemoveShares(address staker, uint256 shares) external;
    function underlyingToken() external view returns (address);
}

interface IELStrategyManager {
    function stakerDepositShares(address staker, address strategy) external view returns (uint256);
    function getDeposits(address staker) external view returns (address[] memory, uint256[] memory);
    function addShares(address staker, address strategy, uint256 shares) external returns (uint256, uint256);
    function removeDepositShares(address staker, address strategy, uint256 depositSharesToRemove) external returns (uint256);
    function withdrawSharesAsTokens(address staker, address strategy, address token, uint256 shares) external;
    function addStrategiesToDepositWhitelist(address[] calldata strategies) external;
    function removeStrategiesFromDepositWhitelist(address[] calldata strategies) external;
}

interface IELDelegationManager {
    function increaseDelegatedShares(address staker, address strategy, uint256 prevDepositShares, uint256 addedShares) external;
    function slashOperatorShares(address operator, OperatorSet calldata operatorSet, uint256 slashId, address strategy, uint64 prevMaxMagnitude, uint64 newMaxMagnitude) external returns (uint256);
    function isOperator(address operator) external view returns (bool);
    function operatorShares(address operator, address strategy) external view returns (uint256);
}

interface IELAllocationManager {
    function getMaxMagnitude(address operator, address strategy) external view returns (uint64);
    function getMaxMagnitudes(address operator, address[] calldata strategies) external view returns (uint64[] memory);
    function getMaxMagnitudesAtBlock(address operator, address[] calldata strategies, uint32 blockNumber) external view returns (uint64[] memory);
    function setAllocationDelay(address operator, uint32 delay) external;
}

interface IELERC1271 {
    function isValidSignature(bytes32 hash, bytes memory signature) external view returns (bytes4);
}

/// WAD fixed-point helpers with the rounding of EigenLayer's SlashingLib (floor unless named otherwise).
library ELWad {
    uint256 internal constant WAD = 1e18;

    function mulWad(uint256 x, uint256 y) internal pure returns (uint256) { return x * y / WAD; }
    function divWad(uint256 x, uint256 y) internal pure returns (uint256) { return x * WAD / y; }
    function mulWadRoundUp(uint256 x, uint256 y) internal pure returns (uint256) { return (x * y + WAD - 1) / WAD; }
    function mulDivUp(uint256 x, uint256 y, uint256 d) internal pure returns (uint256) { return (x * y + d - 1) / d; }
}

/// OpenZeppelin 4.9 SignatureChecker.isValidSignatureNow: ECDSA.tryRecover first (65-byte signature, low s, v as given,
/// non-zero recovered address equal to the signer), then ERC-1271 for any signer (an EIP-7702 account with code still
/// passes with its key's signature; an EOA's empty return fails).
library ELSig {
    function isValidNow(address signer, bytes32 digest, bytes memory signature) internal view returns (bool) {
        if (signature.length == 65) {
            bytes32 r;
            bytes32 s;
            uint8 v;
            assembly {
                r := mload(add(signature, 0x20))
                s := mload(add(signature, 0x40))
                v := byte(0, mload(add(signature, 0x60)))
            }
            if (uint256(s) <= 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0) {
                address recovered = ecrecover(digest, v, r, s);
                if (recovered != address(0) && recovered == signer) return true;
            }
        }
        (bool ok, bytes memory ret) = signer.staticcall(abi.encodeWithSelector(IELERC1271.isValidSignature.selector, digest, signature));
        return ok && ret.length >= 32 && abi.decode(ret, (bytes32)) == bytes32(IELERC1271.isValidSignature.selector);
    }
}

/// Pause bits + reentrancy guard + one-shot initializer, as every EigenLayer core contract has them.
abstract contract ELPausableBase {
    error CurrentlyPaused();
    error InvalidNewPausedStatus();
    error OnlyPauser();
    error OnlyUnpauser();
    error InputAddressZero();

    event Paused(address indexed account, uint256 newPausedStatus);
    event Unpaused(address indexed account, uint256 newPausedStatus);
    event Initialized(uint8 version);

    uint256 internal _pausedStatus;
    uint256 internal _reentrancyStatus;
    bool internal _initializedOnce;

    modifier onlyWhenNotPaused(uint8 index) {
        if ((_pausedStatus >> index) & 1 == 1) revert CurrentlyPaused();
        _;
    }

    modifier nonReentrant() {
        require(_reentrancyStatus != 2, "ReentrancyGuard: reentrant call");
        _reentrancyStatus = 2;
        _;
        _reentrancyStatus = 1;
    }

    modifier initializer() {
        require(!_initializedOnce, "Initializable: contract is already initialized");
        _initializedOnce = true;
        _;
        emit Initialized(1);
    }

    modifier onlyDevnetAdmin() {
        require(msg.sender == ELAddrs.DEVNET_ADMIN, "devnet: only admin");
        _;
    }

    function pauserRegistry() external view returns (address) { return ELAddrs.PAUSER_REGISTRY; }
    function paused() public view returns (uint256) { return _pausedStatus; }
    function paused(uint8 index) public view returns (bool) { return (_pausedStatus >> index) & 1 == 1; }

    function pause(uint256 newPausedStatus) external {
        if (msg.sender != ELAddrs.DEVNET_ADMIN) revert OnlyPauser();
        if ((_pausedStatus & newPausedStatus) != _pausedStatus) revert InvalidNewPausedStatus();
        _pausedStatus = newPausedStatus;
        emit Paused(msg.sender, newPausedStatus);
    }

    function pauseAll() external {
        if (msg.sender != ELAddrs.DEVNET_ADMIN) revert OnlyPauser();
        _pausedStatus = type(uint256).max;
        emit Paused(msg.sender, type(uint256).max);
    }

    function unpause(uint256 newPausedStatus) external {
        if (msg.sender != ELAddrs.DEVNET_ADMIN) revert OnlyUnpauser();
        if (((~_pausedStatus) & (~newPausedStatus)) != (~_pausedStatus)) revert InvalidNewPausedStatus();
        _pausedStatus = newPausedStatus;
        emit Unpaused(msg.sender, newPausedStatus);
    }

    /// EIP-712 domain as in SignatureUtilsMixin: name "EigenLayer", version = major version character.
    function _elDomainSeparator() internal view returns (bytes32) {
        return keccak256(abi.encode(
            keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
            keccak256(bytes("EigenLayer")), keccak256(bytes("1")), block.chainid, address(this)));
    }

    /// SafeERC20-style call: bubbles the token's revert, rejects a `false` return.
    function _safeCall(address token, bytes memory data) internal {
        (bool ok, bytes memory ret) = token.call(data);
        if (!ok) {
            if (ret.length == 0) revert("SafeERC20: low-level call failed");
            assembly { revert(add(ret, 0x20), mload(ret)) }
        }
        if (ret.length > 0) require(abi.decode(ret, (bool)), "SafeERC20: ERC20 operation did not succeed");
        if (ret.length == 0) require(token.code.length > 0, "Address: call to non-contract");
    }
}
