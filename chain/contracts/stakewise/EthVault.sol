// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./SWCommon.sol";

/// StakeWise EthVault replica (v3-core contracts/vaults/ethereum/EthVault.sol, vault version 5, modules VaultState,
/// VaultEnterExit, VaultOsToken, VaultEthStaking, VaultFee): vault shares, capacity, fee shares on harvest, osETH
/// positions against the vault's LTV, and the ticket-based exit queue that moves when a harvest finds ETH in the
/// vault. Not replicated: validator registration/withdrawal with oracle approval, MEV escrows, liquidation and
/// redemption, the osToken vault escrow, upgrades. Placed with anvil_setCode, so the vault is its own implementation.
contract EthVault {
    struct Checkpoint {
        uint160 totalTickets;
        uint96 exitedAssets;
    }

    struct OsTokenPosition {
        uint128 shares;
        uint128 cumulativeFeePerShare;
    }

    event Deposited(address indexed caller, address indexed receiver, uint256 assets, uint256 shares, address referrer);
    event Redeemed(address indexed owner, address indexed receiver, uint256 assets, uint256 shares);
    event ExitQueueEntered(address indexed owner, address indexed receiver, uint256 positionTicket, uint256 shares);
    event ExitedAssetsClaimed(address indexed receiver, uint256 prevPositionTicket, uint256 newPositionTicket, uint256 withdrawnAssets);
    event CheckpointCreated(uint256 shares, uint256 assets);
    event FeeSharesMinted(address receiver, uint256 shares, uint256 assets);
    event ExitingAssetsPenalized(uint256 penalty);
    event OsTokenMinted(address indexed caller, address receiver, uint256 assets, uint256 shares, address referrer);
    event OsTokenBurned(address indexed caller, uint256 assets, uint256 shares);
    event MetadataUpdated(address indexed caller, string metadataIpfsHash);

    uint256 internal constant _maxFeePercent = 10_000;
    uint256 private constant _maxPercent = 1e18;
    uint256 private constant _securityDeposit = 1e9;
    address private constant _beaconDeposit = 0x00000000219ab540356cBB839Cbe05303d7705Fa;

    address public admin;
    address public feeRecipient;
    uint16 public feePercent;
    uint128 internal _totalShares;
    uint128 internal _totalAssets;
    uint128 internal _queuedShares;
    uint128 internal _unclaimedAssets;
    Checkpoint[] internal _checkpoints;
    mapping(bytes32 => uint256) internal _exitRequests;
    mapping(address => uint256) internal _balances;
    mapping(address => OsTokenPosition) private _positions;
    uint256 private _capacity;
    // Immutables on mainnet; storage here so the code can be placed with anvil_setCode.
    uint256 private _exitingAssetsClaimDelay;
    ISWKeeper private _keeper;
    ISWVaultsRegistry private _registry;
    ISWOsTokenVaultController private _osTokenVaultController;
    ISWOsTokenConfig private _osTokenConfig;
    bool private _locked;
    address private _mevEscrow;

    /// One-time setup of what the real constructor and initialize(params) set; msg.value is the security deposit
    /// the vault mints to itself, as in __VaultEthStaking_init.
    function devnetInitialize(address _admin, address _feeRecipient, uint16 _feePercent, uint256 capacity_, uint256 exitingAssetsClaimDelay, address keeper, address registry, address osTokenVaultController, address osTokenConfig) external payable {
        if (admin != address(0)) revert SWErrors.AccessDenied();
        if (_admin == address(0) || _feeRecipient == address(0)) revert SWErrors.ZeroAddress();
        if (_feePercent > _maxFeePercent) revert SWErrors.InvalidFeePercent();
        if (capacity_ == 0) revert SWErrors.InvalidCapacity();
        if (msg.value < _securityDeposit) revert SWErrors.InvalidSecurityDeposit();
        admin = _admin;
        feeRecipient = _feeRecipient;
        feePercent = _feePercent;
        if (capacity_ != type(uint256).max) _capacity = capacity_;
        _exitingAssetsClaimDelay = exitingAssetsClaimDelay;
        _keeper = ISWKeeper(keeper);
        _registry = ISWVaultsRegistry(registry);
        _osTokenVaultController = ISWOsTokenVaultController(osTokenVaultController);
        _osTokenConfig = ISWOsTokenConfig(osTokenConfig);
        _deposit(address(this), msg.value, address(0));
    }

    /// Stands in for registerValidators: sends `assets` of the vault's ETH to the beacon deposit contract, so it is
    /// staked (still counted in totalAssets) and no longer available for exits until the devnet returns it to the
    /// vault balance the way a validator exit sweep does.
    function devnetStakeToValidators(uint256 assets) external nonReentrant {
        if (msg.sender != admin) revert SWErrors.AccessDenied();
        if (assets == 0 || assets > withdrawableAssets()) revert SWErrors.InvalidAssets();
        (bool ok,) = _beaconDeposit.call{value: assets}("");
        if (!ok) revert SWErrors.InvalidAssets();
    }

    modifier nonReentrant() {
        if (_locked) revert SWErrors.AccessDenied();
        _locked = true;
        _;
        _locked = false;
    }

    // ---- identity -------------------------------------------------------------------------------------------

    function vaultId() public pure virtual returns (bytes32) {
        return keccak256("EthVault");
    }

    function version() public pure virtual returns (uint8) {
        return 5;
    }

    function implementation() external view returns (address) {
        return address(this);
    }

    /// No MEV escrow is replicated (execution rewards are not modelled), so this reads as the zero address.
    function mevEscrow() external view returns (address) {
        return _mevEscrow;
    }

    function setMetadata(string calldata metadataIpfsHash) external {
        if (msg.sender != admin) revert SWErrors.AccessDenied();
        emit MetadataUpdated(msg.sender, metadataIpfsHash);
    }

    function multicall(bytes[] calldata data) external returns (bytes[] memory results) {
        results = new bytes[](data.length);
        for (uint256 i = 0; i < data.length; i++) {
            (bool success, bytes memory result) = address(this).delegatecall(data[i]);
            if (!success) {
                assembly { revert(add(32, result), mload(result)) }
            }
            results[i] = result;
        }
    }

    // ---- state ----------------------------------------------------------------------------------------------

    function totalShares() external view returns (uint256) {
        return _totalShares;
    }

    function totalAssets() external view returns (uint256) {
        return _totalAssets;
    }

    function getShares(address account) external view returns (uint256) {
        return _balances[account];
    }

    function getExitQueueData() external view returns (uint128 queuedShares, uint128 unclaimedAssets, uint128 totalExitingTickets, uint128 totalExitingAssets, uint256 totalTickets) {
        return (_queuedShares, _unclaimedAssets, 0, 0, _latestTotalTickets());
    }

    function convertToShares(uint256 assets) public view returns (uint256) {
        return _convertToShares(assets, false);
    }

    function convertToAssets(uint256 shares) public view returns (uint256) {
        uint256 totalShares_ = _totalShares;
        return totalShares_ == 0 ? shares : SWMath.mulDiv(shares, _totalAssets, totalShares_);
    }

    function capacity() public view returns (uint256) {
        uint256 capacity_ = _capacity;
        return capacity_ == 0 ? type(uint256).max : capacity_;
    }

    function withdrawableAssets() public view returns (uint256) {
        uint256 vaultAssets = _vaultAssets();
        uint256 reserved = convertToAssets(_queuedShares) + _unclaimedAssets;
        return vaultAssets > reserved ? vaultAssets - reserved : 0;
    }

    function isStateUpdateRequired() external view returns (bool) {
        return _keeper.isHarvestRequired(address(this));
    }

    function updateState(SWTypes.HarvestParams calldata harvestParams) public {
        (int256 totalAssetsDelta,, bool harvested) = _keeper.harvest(harvestParams);
        _processTotalAssetsDelta(totalAssetsDelta);
        if (harvested) _updateExitQueue();
    }

    // ---- deposits -------------------------------------------------------------------------------------------

    function deposit(address receiver, address referrer) public payable returns (uint256 shares) {
        return _deposit(receiver, msg.value, referrer);
    }

    function updateStateAndDeposit(address receiver, address referrer, SWTypes.HarvestParams calldata harvestParams) external payable returns (uint256) {
        updateState(harvestParams);
        return deposit(receiver, referrer);
    }

    function depositAndMintOsToken(address receiver, uint256 osTokenShares, address referrer) public payable returns (uint256) {
        deposit(msg.sender, referrer);
        return mintOsToken(receiver, osTokenShares, referrer);
    }

    function updateStateAndDepositAndMintOsToken(address receiver, uint256 osTokenShares, address referrer, SWTypes.HarvestParams calldata harvestParams) external payable returns (uint256) {
        updateState(harvestParams);
        return depositAndMintOsToken(receiver, osTokenShares, referrer);
    }

    receive() external payable virtual {
        _deposit(msg.sender, msg.value, address(0));
    }

    // ---- exit queue -----------------------------------------------------------------------------------------

    function enterExitQueue(uint256 shares, address receiver) external returns (uint256 positionTicket) {
        positionTicket = _enterExitQueue(msg.sender, shares, receiver);
        _checkOsTokenPosition(msg.sender);
    }

    function getExitQueueIndex(uint256 positionTicket) external view returns (int256) {
        uint256 idx = _checkpointIndex(positionTicket);
        return idx < _checkpoints.length ? int256(idx) : -1;
    }

    function calculateExitedAssets(address receiver, uint256 positionTicket, uint256 timestamp, uint256 exitQueueIndex) public view returns (uint256 leftTickets, uint256 exitedTickets, uint256 exitedAssets) {
        uint256 exitingTickets = _exitRequests[keccak256(abi.encode(receiver, timestamp, positionTicket))];
        if (exitingTickets == 0) return (0, 0, 0);
        (exitedTickets, exitedAssets) = _calculateExited(exitQueueIndex, positionTicket, exitingTickets);
        leftTickets = exitingTickets - exitedTickets;
        if (leftTickets == 1) {
            leftTickets = 0;
            exitedTickets += 1;
        }
    }

    function claimExitedAssets(uint256 positionTicket, uint256 timestamp, uint256 exitQueueIndex) external nonReentrant {
        (uint256 leftTickets, uint256 exitedTickets, uint256 exitedAssets) = calculateExitedAssets(msg.sender, positionTicket, timestamp, exitQueueIndex);
        if (block.timestamp < timestamp + _exitingAssetsClaimDelay || exitedTickets == 0 || exitedAssets == 0) {
            revert SWErrors.ExitRequestNotProcessed();
        }
        _unclaimedAssets -= uint128(exitedAssets);
        delete _exitRequests[keccak256(abi.encode(msg.sender, timestamp, positionTicket))];
        uint256 newPositionTicket;
        if (leftTickets > 1) {
            newPositionTicket = positionTicket + exitedTickets;
            _exitRequests[keccak256(abi.encode(msg.sender, timestamp, newPositionTicket))] = leftTickets;
        }
        _sendValue(msg.sender, exitedAssets);
        emit ExitedAssetsClaimed(msg.sender, positionTicket, newPositionTicket, exitedAssets);
    }

    // ---- osETH ----------------------------------------------------------------------------------------------

    function osTokenPositions(address user) public view returns (uint128 shares) {
        OsTokenPosition memory position = _positions[user];
        if (position.shares != 0) _syncPositionFee(position);
        return position.shares;
    }

    function mintOsToken(address receiver, uint256 osTokenShares, address referrer) public returns (uint256 assets) {
        if (!_keeper.isCollateralized(address(this))) revert SWErrors.NotCollateralized();
        _checkHarvested();
        OsTokenPosition memory position = _positions[msg.sender];
        if (position.shares != 0) _syncPositionFee(position);
        else position.cumulativeFeePerShare = uint128(_osTokenVaultController.cumulativeFeePerShare());
        uint256 userMax = _calcMaxOsTokenShares(convertToAssets(_balances[msg.sender]));
        if (osTokenShares == type(uint256).max) {
            if (userMax <= position.shares) return 0;
            osTokenShares = userMax - position.shares;
        }
        assets = _osTokenVaultController.mintShares(receiver, osTokenShares);
        position.shares += uint128(osTokenShares);
        if (userMax < position.shares) revert SWErrors.LowLtv();
        _positions[msg.sender] = position;
        emit OsTokenMinted(msg.sender, receiver, assets, osTokenShares, referrer);
    }

    function burnOsToken(uint128 osTokenShares) external returns (uint256 assets) {
        assets = _osTokenVaultController.burnShares(msg.sender, osTokenShares);
        OsTokenPosition memory position = _positions[msg.sender];
        if (position.shares == 0) revert SWErrors.InvalidPosition();
        _syncPositionFee(position);
        position.shares -= osTokenShares;
        _positions[msg.sender] = position;
        emit OsTokenBurned(msg.sender, assets, osTokenShares);
    }

    // ---- internals ------------------------------------------------------------------------------------------

    function _deposit(address to, uint256 assets, address referrer) internal returns (uint256 shares) {
        _checkHarvested();
        if (to == address(0)) revert SWErrors.ZeroAddress();
        if (assets == 0) revert SWErrors.InvalidAssets();
        uint256 totalAssetsAfter = _totalAssets + assets;
        if (totalAssetsAfter > capacity()) revert SWErrors.CapacityExceeded();
        shares = _convertToShares(assets, true);
        _totalAssets = uint128(totalAssetsAfter);
        _mintShares(to, shares);
        emit Deposited(msg.sender, to, assets, shares, referrer);
    }

    function _enterExitQueue(address user, uint256 shares, address receiver) internal returns (uint256 positionTicket) {
        if (shares == 0) revert SWErrors.InvalidShares();
        if (receiver == address(0)) revert SWErrors.ZeroAddress();
        if (!_keeper.isCollateralized(address(this))) {
            uint256 assets = convertToAssets(shares);
            if (assets == 0) revert SWErrors.InvalidAssets();
            _totalAssets -= uint128(assets);
            _burnShares(user, shares);
            _sendValue(receiver, assets);
            emit Redeemed(user, receiver, assets, shares);
            return type(uint256).max;
        }
        uint256 queuedShares = _queuedShares;
        positionTicket = _latestTotalTickets() + queuedShares;
        _exitRequests[keccak256(abi.encode(receiver, block.timestamp, positionTicket))] = shares;
        _balances[user] -= shares;
        _queuedShares = uint128(queuedShares + shares);
        emit ExitQueueEntered(user, receiver, positionTicket, shares);
    }

    function _processTotalAssetsDelta(int256 totalAssetsDelta) private {
        if (totalAssetsDelta == 0) return;
        uint256 newTotalAssets = _totalAssets;
        if (totalAssetsDelta < 0) {
            _totalAssets = uint128(newTotalAssets - uint256(-totalAssetsDelta));
            return;
        }
        uint256 profit = uint256(totalAssetsDelta);
        newTotalAssets += profit;
        _totalAssets = uint128(newTotalAssets);
        uint256 feeAssets = SWMath.mulDiv(profit, feePercent, _maxFeePercent);
        if (feeAssets == 0) return;
        uint256 totalShares_ = _totalShares;
        uint256 feeShares = totalShares_ == 0 ? feeAssets : SWMath.mulDiv(feeAssets, totalShares_, newTotalAssets - feeAssets);
        _mintShares(feeRecipient, feeShares);
        emit FeeSharesMinted(feeRecipient, feeShares, feeAssets);
    }

    function _updateExitQueue() private {
        uint256 availableAssets = _vaultAssets() - _unclaimedAssets;
        uint256 queuedShares = _queuedShares;
        if (availableAssets == 0 || queuedShares == 0) return;
        uint256 exitedAssets = SWMath.min(availableAssets, convertToAssets(queuedShares));
        if (exitedAssets == 0) return;
        uint256 burnedShares = convertToShares(exitedAssets);
        if (burnedShares == 0) return;
        _queuedShares = uint128(queuedShares - burnedShares);
        _unclaimedAssets += uint128(exitedAssets);
        _checkpoints.push(Checkpoint({totalTickets: uint160(_latestTotalTickets() + burnedShares), exitedAssets: uint96(exitedAssets)}));
        emit CheckpointCreated(burnedShares, exitedAssets);
        _totalShares -= uint128(burnedShares);
        _totalAssets -= uint128(exitedAssets);
    }

    function _latestTotalTickets() private view returns (uint256) {
        uint256 n = _checkpoints.length;
        return n == 0 ? 0 : _checkpoints[n - 1].totalTickets;
    }

    function _checkpointIndex(uint256 positionTicket) private view returns (uint256) {
        uint256 high = _checkpoints.length;
        uint256 low;
        while (low < high) {
            uint256 mid = (low + high) / 2;
            if (_checkpoints[mid].totalTickets > positionTicket) high = mid;
            else low = mid + 1;
        }
        return high;
    }

    function _calculateExited(uint256 idx, uint256 positionTicket, uint256 positionShares) private view returns (uint256 burnedShares, uint256 exitedAssets) {
        uint256 length = _checkpoints.length;
        if (idx >= length || positionShares == 0) return (0, 0);
        uint256 prevTotalTickets = idx == 0 ? 0 : _checkpoints[idx - 1].totalTickets;
        Checkpoint memory checkpoint = _checkpoints[idx];
        uint256 currTotalTickets = checkpoint.totalTickets;
        uint256 checkpointAssets = checkpoint.exitedAssets;
        if (positionTicket < prevTotalTickets || currTotalTickets <= positionTicket) revert SWErrors.InvalidCheckpointIndex();
        uint256 availableShares = currTotalTickets - positionTicket;
        while (true) {
            uint256 checkpointShares = currTotalTickets - prevTotalTickets;
            uint256 sharesDelta = SWMath.min(availableShares, positionShares - burnedShares);
            burnedShares += sharesDelta;
            exitedAssets += SWMath.mulDiv(sharesDelta, checkpointAssets, checkpointShares);
            idx++;
            if (positionShares <= burnedShares || idx >= length) return (burnedShares, exitedAssets);
            prevTotalTickets = currTotalTickets;
            checkpoint = _checkpoints[idx];
            currTotalTickets = checkpoint.totalTickets;
            checkpointAssets = checkpoint.exitedAssets;
            availableShares = currTotalTickets - prevTotalTickets;
        }
    }

    function _syncPositionFee(OsTokenPosition memory position) private view {
        uint256 cumulative = _osTokenVaultController.cumulativeFeePerShare();
        if (cumulative == position.cumulativeFeePerShare) return;
        position.shares = uint128(SWMath.mulDiv(position.shares, cumulative, position.cumulativeFeePerShare));
        position.cumulativeFeePerShare = uint128(cumulative);
    }

    function _checkOsTokenPosition(address user) private view {
        OsTokenPosition memory position = _positions[user];
        if (position.shares == 0) return;
        _checkHarvested();
        _syncPositionFee(position);
        if (_calcMaxOsTokenShares(convertToAssets(_balances[user])) < position.shares) revert SWErrors.LowLtv();
    }

    function _calcMaxOsTokenShares(uint256 assets) private view returns (uint256) {
        uint256 maxAssets = SWMath.mulDiv(assets, _osTokenConfig.getConfig(address(this)).ltvPercent, _maxPercent);
        return _osTokenVaultController.convertToShares(maxAssets);
    }

    function _checkHarvested() private view {
        if (_keeper.isHarvestRequired(address(this))) revert SWErrors.NotHarvested();
    }

    function _convertToShares(uint256 assets, bool roundUp) private view returns (uint256) {
        uint256 totalShares_ = _totalShares;
        if (assets == 0 || totalShares_ == 0) return assets;
        return roundUp ? SWMath.mulDivUp(assets, totalShares_, _totalAssets) : SWMath.mulDiv(assets, totalShares_, _totalAssets);
    }

    function _mintShares(address owner, uint256 shares) private {
        _totalShares += uint128(shares);
        _balances[owner] += shares;
    }

    function _burnShares(address owner, uint256 shares) private {
        _balances[owner] -= shares;
        _totalShares -= uint128(shares);
    }

    function _vaultAssets() internal view virtual returns (uint256) {
        return address(this).balance;
    }

    function _sendValue(address receiver, uint256 assets) private {
        (bool ok,) = payable(receiver).call{value: assets}("");
        if (!ok) revert SWErrors.InvalidAssets();
    }
}
