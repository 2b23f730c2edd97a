// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./SWCommon.sol";

/// OsTokenVaultController replica (v3-core contracts/tokens/OsTokenVaultController.sol): the osETH share/asset
/// accounting, accruing avgRewardPerSecond continuously and minting the treasury fee as osETH.
contract OsTokenVaultController is SWOwnable {
    event Mint(address indexed vault, address indexed receiver, uint256 assets, uint256 shares);
    event Burn(address indexed vault, address indexed owner, uint256 assets, uint256 shares);
    event StateUpdated(uint256 profitAccrued, uint256 treasuryShares, uint256 treasuryAssets);
    event CapacityUpdated(uint256 capacity);
    event TreasuryUpdated(address indexed treasury);
    event FeePercentUpdated(uint16 feePercent);
    event AvgRewardPerSecondUpdated(uint256 avgRewardPerSecond);
    event KeeperUpdated(address keeper);

    uint256 private constant _wad = 1e18;
    uint256 private constant _maxFeePercent = 10_000;

    address public keeper;
    uint256 public capacity;
    uint256 public avgRewardPerSecond;
    address public treasury;
    uint64 public feePercent;
    uint192 private _cumulativeFeePerShare;
    uint64 private _lastUpdateTimestamp;
    uint128 private _totalShares;
    uint128 private _totalAssets;
    address private _registry;
    address private _osToken;

    /// One-time setup of the real constructor's arguments plus the starting supply (osETH already minted on mainnet).
    function devnetInitialize(address _owner, address _keeper, address registry, address osToken, address _treasury, uint16 _feePercent, uint256 _capacity, uint256 totalShares_, uint256 totalAssets_) external {
        _initOwner(_owner);
        if (_feePercent > _maxFeePercent) revert SWErrors.InvalidFeePercent();
        keeper = _keeper;
        _registry = registry;
        _osToken = osToken;
        treasury = _treasury;
        feePercent = _feePercent;
        capacity = _capacity;
        _cumulativeFeePerShare = uint192(_wad);
        _lastUpdateTimestamp = uint64(block.timestamp);
        _totalShares = uint128(totalShares_);
        _totalAssets = uint128(totalAssets_);
    }

    function totalShares() external view returns (uint256) {
        return _totalShares;
    }

    function totalAssets() public view returns (uint256) {
        uint256 profitAccrued = _unclaimedAssets();
        if (profitAccrued == 0) return _totalAssets;
        uint256 treasuryAssets = SWMath.mulDiv(profitAccrued, feePercent, _maxFeePercent);
        return _totalAssets + profitAccrued - treasuryAssets;
    }

    function convertToShares(uint256 assets) public view returns (uint256) {
        uint256 shares_ = _totalShares;
        return (assets == 0 || shares_ == 0) ? assets : SWMath.mulDiv(assets, shares_, totalAssets());
    }

    function convertToAssets(uint256 shares) public view returns (uint256) {
        uint256 shares_ = _totalShares;
        return shares_ == 0 ? shares : SWMath.mulDiv(shares, totalAssets(), shares_);
    }

    function mintShares(address receiver, uint256 shares) external returns (uint256 assets) {
        ISWVaultsRegistry registry = ISWVaultsRegistry(_registry);
        if (!registry.vaults(msg.sender) || !registry.vaultImpls(ISWVaultVersion(msg.sender).implementation())) revert SWErrors.AccessDenied();
        if (receiver == address(0)) revert SWErrors.ZeroAddress();
        if (shares == 0) revert SWErrors.InvalidShares();
        updateState();
        assets = convertToAssets(shares);
        uint256 totalAssetsAfter = _totalAssets + assets;
        if (totalAssetsAfter > capacity) revert SWErrors.CapacityExceeded();
        _totalShares += uint128(shares);
        _totalAssets = uint128(totalAssetsAfter);
        ISWOsToken(_osToken).mint(receiver, shares);
        emit Mint(msg.sender, receiver, assets, shares);
    }

    function burnShares(address owner_, uint256 shares) external returns (uint256 assets) {
        if (!ISWVaultsRegistry(_registry).vaults(msg.sender)) revert SWErrors.AccessDenied();
        if (shares == 0) revert SWErrors.InvalidShares();
        updateState();
        assets = convertToAssets(shares);
        ISWOsToken(_osToken).burn(owner_, shares);
        _totalShares -= uint128(shares);
        _totalAssets -= uint128(assets);
        emit Burn(msg.sender, owner_, assets, shares);
    }

    function setCapacity(uint256 _capacity) external onlyOwner {
        capacity = _capacity;
        emit CapacityUpdated(_capacity);
    }

    function setTreasury(address _treasury) external onlyOwner {
        if (_treasury == address(0)) revert SWErrors.ZeroAddress();
        treasury = _treasury;
        emit TreasuryUpdated(_treasury);
    }

    function setFeePercent(uint16 _feePercent) external onlyOwner {
        if (_feePercent > _maxFeePercent) revert SWErrors.InvalidFeePercent();
        updateState();
        feePercent = _feePercent;
        emit FeePercentUpdated(_feePercent);
    }

    function setAvgRewardPerSecond(uint256 _avgRewardPerSecond) external {
        if (msg.sender != keeper) revert SWErrors.AccessDenied();
        updateState();
        avgRewardPerSecond = _avgRewardPerSecond;
        emit AvgRewardPerSecondUpdated(_avgRewardPerSecond);
    }

    function setKeeper(address _keeper) external onlyOwner {
        if (_keeper == address(0)) revert SWErrors.ZeroAddress();
        keeper = _keeper;
        emit KeeperUpdated(_keeper);
    }

    function cumulativeFeePerShare() external view returns (uint256) {
        uint256 current = _cumulativeFeePerShare;
        uint256 profitAccrued = _unclaimedAssets();
        if (profitAccrued == 0) return current;
        uint256 treasuryAssets = SWMath.mulDiv(profitAccrued, feePercent, _maxFeePercent);
        if (treasuryAssets == 0) return current;
        uint256 shares_ = _totalShares;
        uint256 treasuryShares = _toShares(treasuryAssets, shares_, _totalAssets + profitAccrued - treasuryAssets);
        return current + SWMath.mulDiv(treasuryShares, _wad, shares_);
    }

    function updateState() public {
        uint256 profitAccrued = _unclaimedAssets();
        if (profitAccrued == 0) {
            if (_lastUpdateTimestamp != block.timestamp) _lastUpdateTimestamp = uint64(block.timestamp);
            return;
        }
        uint256 newTotalAssets = _totalAssets + profitAccrued;
        uint256 treasuryAssets = SWMath.mulDiv(profitAccrued, feePercent, _maxFeePercent);
        if (treasuryAssets == 0) {
            _lastUpdateTimestamp = uint64(block.timestamp);
            _totalAssets = uint128(newTotalAssets);
            return;
        }
        uint256 shares_ = _totalShares;
        uint256 treasuryShares = _toShares(treasuryAssets, shares_, newTotalAssets - treasuryAssets);
        ISWOsToken(_osToken).mint(treasury, treasuryShares);
        _cumulativeFeePerShare += uint192(SWMath.mulDiv(treasuryShares, _wad, shares_));
        _lastUpdateTimestamp = uint64(block.timestamp);
        _totalAssets = uint128(newTotalAssets);
        _totalShares = uint128(shares_ + treasuryShares);
        emit StateUpdated(profitAccrued, treasuryShares, treasuryAssets);
    }

    function _toShares(uint256 assets, uint256 shares_, uint256 assets_) private pure returns (uint256) {
        return (assets == 0 || shares_ == 0) ? assets : SWMath.mulDiv(assets, shares_, assets_);
    }

    function _unclaimedAssets() private view returns (uint256) {
        uint256 elapsed = block.timestamp - _lastUpdateTimestamp;
        if (elapsed == 0) return 0;
        return SWMath.mulDiv(avgRewardPerSecond * _totalAssets, elapsed, _wad);
    }
}
