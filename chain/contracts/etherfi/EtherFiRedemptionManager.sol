// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./EtherFiCommon.sol";

/// ether.fi EtherFiRedemptionManager replica (mainnet 0xDadEf1fFBFeaAB4f68A9fD181395F68b4e4E7Ae0): instant eETH/weETH
/// exit to ETH with an exit fee (bps), a bucket rate limit (units of 1e12 wei) and a low watermark (bps of TVL).
/// Only the ETH output token is configured on the devnet: stETH (or any other token) has no bucket, so `canRedeem`
/// is false and redemptions revert ExceededRedeemable (mainnet also serves stETH from the EtherFiRestaker).
contract EtherFiRedemptionManager is EtherFiPausable {
    struct Limit {
        uint64 capacity;
        uint64 remaining;
        uint64 lastRefill;
        uint64 refillRate;
    }

    struct RedemptionInfo {
        Limit limit;
        uint16 exitFeeSplitToTreasuryInBps;
        uint16 exitFeeInBps;
        uint16 lowWatermarkInBpsOfTvl;
    }

    address public constant ETH_ADDRESS = 0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE;
    uint256 private constant BUCKET_UNIT_SCALE = 1e12;
    uint256 private constant BASIS_POINT_SCALE = 1e4;
    uint256 public constant maxExitFeeInBps = 500;
    uint256 public constant maxExitFeeSplitToTreasuryInBps = 10000;
    uint256 public constant maxLowWatermarkInBpsOfTvl = 500;

    IEtherFiPool public liquidityPool;
    IEtherFiEETH public eEth;
    IEtherFiWeETH public weEth;
    IEtherFiBlacklister public blacklister;
    address public treasury;
    address public lido;
    mapping(address => RedemptionInfo) private redemptionInfo;

    event Redeemed(address indexed receiver, uint256 redemptionAmount, uint256 feeAmountToTreasury, uint256 feeAmountToStakers, address token);

    error AmountTooLarge();
    error ExceededRedeemable();
    error ExceedsMaxExitFee();
    error ExceedsMaxExitFeeSplit();
    error ExceedsMaxLowWatermark();
    error InsufficientBalance();
    error InvalidAmount();
    error InvalidNumSharesBurnt();
    error InvalidLpBalance();
    error InvalidOutputToken();
    error InvalidRecipient();
    error InvalidTotalShares();
    error RateLimitExceeded();
    error TransferFailed();

    /// Deploy-time stand-in for the real constructor + `initialize()`. Runs once.
    function devnetInitialize(address liquidityPool_, address eEth_, address weEth_, address blacklister_, address treasury_, address lido_) external {
        _initOnce(1 days);
        liquidityPool = IEtherFiPool(liquidityPool_);
        eEth = IEtherFiEETH(eEth_);
        weEth = IEtherFiWeETH(weEth_);
        blacklister = IEtherFiBlacklister(blacklister_);
        treasury = treasury_;
        lido = lido_;
    }

    // ---------------------------------------------------------------- configuration (admin)

    function initializeTokenParameters(
        address[] calldata _tokens,
        uint16[] calldata _exitFeeSplitToTreasuryInBps,
        uint16[] calldata _exitFeeInBps,
        uint16[] calldata _lowWatermarkInBpsOfTvl,
        uint256[] calldata _bucketCapacity,
        uint256[] calldata _bucketRefillRate
    ) external onlyOperatingTimelock {
        for (uint256 i = 0; i < _tokens.length; i++) {
            _setTokenParameters(_tokens[i], _exitFeeSplitToTreasuryInBps[i], _exitFeeInBps[i], _lowWatermarkInBpsOfTvl[i], _bucketCapacity[i], _bucketRefillRate[i]);
        }
    }

    function _setTokenParameters(address token, uint16 split, uint16 fee, uint16 watermark, uint256 capacityWei, uint256 refillWei) internal {
        if (token != ETH_ADDRESS) revert InvalidOutputToken();
        if (fee > maxExitFeeInBps) revert ExceedsMaxExitFee();
        if (split > maxExitFeeSplitToTreasuryInBps) revert ExceedsMaxExitFeeSplit();
        if (watermark > maxLowWatermarkInBpsOfTvl) revert ExceedsMaxLowWatermark();
        uint64 capacity = _toBucketUnit(capacityWei, false);
        redemptionInfo[token] = RedemptionInfo(Limit(capacity, capacity, uint64(block.timestamp), _toBucketUnit(refillWei, false)), split, fee, watermark);
    }

    function setCapacity(uint256 capacity, address token) external onlyOperatingTimelock {
        Limit storage l = redemptionInfo[_token(token)].limit;
        _refill(l);
        l.capacity = _toBucketUnit(capacity, false);
        if (l.remaining > l.capacity) l.remaining = l.capacity;
    }

    function setRefillRatePerSecond(uint256 refillRate, address token) external onlyOperatingTimelock {
        Limit storage l = redemptionInfo[_token(token)].limit;
        _refill(l);
        l.refillRate = _toBucketUnit(refillRate, false);
    }

    function setExitFeeBasisPoints(uint16 _exitFeeInBps, address token) external onlyOperatingTimelock {
        if (_exitFeeInBps > maxExitFeeInBps) revert ExceedsMaxExitFee();
        redemptionInfo[_token(token)].exitFeeInBps = _exitFeeInBps;
    }

    function setExitFeeSplitToTreasuryInBps(uint16 _exitFeeSplitToTreasuryInBps, address token) external onlyOperatingTimelock {
        if (_exitFeeSplitToTreasuryInBps > maxExitFeeSplitToTreasuryInBps) revert ExceedsMaxExitFeeSplit();
        redemptionInfo[_token(token)].exitFeeSplitToTreasuryInBps = _exitFeeSplitToTreasuryInBps;
    }

    function setLowWatermarkInBpsOfTvl(uint16 _lowWatermarkInBpsOfTvl, address token) external onlyOperatingTimelock {
        if (_lowWatermarkInBpsOfTvl > maxLowWatermarkInBpsOfTvl) revert ExceedsMaxLowWatermark();
        redemptionInfo[_token(token)].lowWatermarkInBpsOfTvl = _lowWatermarkInBpsOfTvl;
    }

    // ---------------------------------------------------------------- views

    function tokenToRedemptionInfo(address token)
        external view returns (Limit memory limit, uint16 exitFeeSplitToTreasuryInBps, uint16 exitFeeInBps, uint16 lowWatermarkInBpsOfTvl)
    {
        RedemptionInfo memory info = redemptionInfo[token];
        return (info.limit, info.exitFeeSplitToTreasuryInBps, info.exitFeeInBps, info.lowWatermarkInBpsOfTvl);
    }

    function getInstantLiquidityAmount(address token) public view returns (uint256) {
        if (token != ETH_ADDRESS) return 0;
        return liquidityPool.totalValueInLp();
    }

    function lowWatermarkInETH(address token) public view returns (uint256) {
        return liquidityPool.getTotalPooledEther() * redemptionInfo[token].lowWatermarkInBpsOfTvl / BASIS_POINT_SCALE;
    }

    function _availableAboveWatermark(address token) internal view returns (uint256) {
        uint256 liquidity = getInstantLiquidityAmount(token);
        uint256 watermark = lowWatermarkInETH(token);
        return liquidity > watermark ? liquidity - watermark : 0;
    }

    function _bucketRemaining(Limit memory l) internal view returns (uint64) {
        uint256 r = uint256(l.remaining) + (block.timestamp - l.lastRefill) * uint256(l.refillRate);
        return r > l.capacity ? l.capacity : uint64(r);
    }

    function canRedeem(uint256 amount, address token) public view returns (bool) {
        if (amount > _availableAboveWatermark(token)) return false;
        return _bucketRemaining(redemptionInfo[token].limit) >= _toBucketUnit(amount, true);
    }

    function totalRedeemableAmount(address token) external view returns (uint256) {
        uint256 bucket = uint256(_bucketRemaining(redemptionInfo[token].limit)) * BUCKET_UNIT_SCALE;
        uint256 liquid = _availableAboveWatermark(token);
        return bucket < liquid ? bucket : liquid;
    }

    /// `shares` are eETH shares (= weETH).
    function previewRedeem(uint256 shares, address token) public view returns (uint256) {
        uint256 amountInEth = liquidityPool.amountForShare(shares);
        uint256 fee = amountInEth * redemptionInfo[token].exitFeeInBps;
        // Fee in ETH, rounded up (Math.mulDiv(..., Rounding.Up)).
        fee = fee / BASIS_POINT_SCALE + (fee % BASIS_POINT_SCALE == 0 ? 0 : 1);
        return amountInEth - fee;
    }

    // ---------------------------------------------------------------- redemptions

    function redeemEEth(uint256 eEthAmount, address receiver, address outputToken) public nonReentrant whenNotPaused {
        _redeemEEth(eEthAmount, receiver, outputToken);
    }

    function redeemEEthWithPermit(uint256 eEthAmount, address receiver, EtherFiPermitInput calldata permit, address outputToken)
        external nonReentrant whenNotPaused
    {
        try eEth.permit(msg.sender, address(this), permit.value, permit.deadline, permit.v, permit.r, permit.s) {} catch {}
        _redeemEEth(eEthAmount, receiver, outputToken);
    }

    function redeemWeEth(uint256 weEthAmount, address receiver, address outputToken) public nonReentrant whenNotPaused {
        _redeemWeEth(weEthAmount, receiver, outputToken);
    }

    function redeemWeEthWithPermit(uint256 weEthAmount, address receiver, EtherFiPermitInput calldata permit, address outputToken)
        external nonReentrant whenNotPaused
    {
        try weEth.permit(msg.sender, address(this), permit.value, permit.deadline, permit.v, permit.r, permit.s) {} catch {}
        _redeemWeEth(weEthAmount, receiver, outputToken);
    }

    function _redeemEEth(uint256 eEthAmount, address receiver, address outputToken) internal {
        _checkBlacklist(receiver);
        if (eEthAmount > eEth.balanceOf(msg.sender)) revert InsufficientBalance();
        if (!canRedeem(eEthAmount, outputToken)) revert ExceededRedeemable();
        Split memory sp = _split(eEthAmount, redemptionInfo[outputToken]);
        eEth.transferFrom(msg.sender, address(this), eEthAmount);
        _redeem(eEthAmount, receiver, outputToken, sp);
    }

    function _redeemWeEth(uint256 weEthAmount, address receiver, address outputToken) internal {
        _checkBlacklist(receiver);
        uint256 eEthAmount = liquidityPool.amountForShare(weEthAmount);
        if (weEthAmount > weEth.balanceOf(msg.sender)) revert InsufficientBalance();
        if (!canRedeem(eEthAmount, outputToken)) revert ExceededRedeemable();
        Split memory sp = _split(eEthAmount, redemptionInfo[outputToken]);
        weEth.transferFrom(msg.sender, address(this), weEthAmount);
        weEth.unwrap(weEthAmount);
        _redeem(eEthAmount, receiver, outputToken, sp);
    }

    function _checkBlacklist(address receiver) internal view {
        blacklister.nonBlacklisted(msg.sender);
        blacklister.nonBlacklisted(receiver);
    }

    struct Split {
        uint256 eEthShares;
        uint256 ethReceived;
        uint256 sharesToBurn;
        uint256 feeSharesToTreasury;
        uint256 feeAmountToTreasury;
    }

    /// All amounts are priced at the rate before the redemption (P, S of the pre-redemption state).
    function _split(uint256 ethAmount, RedemptionInfo storage info) internal view returns (Split memory sp) {
        if (ethAmount >= uint256(type(uint64).max) * BUCKET_UNIT_SCALE) revert AmountTooLarge();
        sp.eEthShares = liquidityPool.sharesForAmount(ethAmount);
        sp.ethReceived = liquidityPool.amountForShare(sp.eEthShares * (BASIS_POINT_SCALE - info.exitFeeInBps) / BASIS_POINT_SCALE);
        sp.sharesToBurn = liquidityPool.sharesForWithdrawalAmount(sp.ethReceived);
        uint256 feeShares = sp.eEthShares - sp.sharesToBurn;
        sp.feeSharesToTreasury = feeShares * info.exitFeeSplitToTreasuryInBps / BASIS_POINT_SCALE;
        sp.feeAmountToTreasury = liquidityPool.amountForShare(sp.feeSharesToTreasury);
    }

    function _redeem(uint256 ethAmount, address receiver, address outputToken, Split memory sp) internal {
        RedemptionInfo storage info = redemptionInfo[outputToken];
        _consume(info.limit, _toBucketUnit(ethAmount, true));
        uint256 feeSharesToStakers = sp.eEthShares - sp.sharesToBurn - sp.feeSharesToTreasury;
        uint256 feeAmountToStakers = liquidityPool.amountForShare(feeSharesToStakers);
        // The treasury's part of the fee moves first (as eETH), then the burns, then the ETH.
        eEth.transfer(treasury, sp.feeAmountToTreasury);
        if (outputToken != ETH_ADDRESS) revert InvalidOutputToken();

        uint256 balanceBefore = address(this).balance;
        uint256 lpBefore = liquidityPool.totalValueInLp();
        uint256 totalSharesBefore = eEth.totalShares();
        if (liquidityPool.withdraw(address(this), sp.ethReceived) != sp.sharesToBurn) revert InvalidNumSharesBurnt();
        uint256 ethReceived = address(this).balance - balanceBefore;
        liquidityPool.burnEEthShares(feeSharesToStakers);
        if (eEth.totalShares() < 1 gwei || eEth.totalShares() != totalSharesBefore - sp.sharesToBurn - feeSharesToStakers) revert InvalidTotalShares();
        (bool ok, ) = receiver.call{value: ethReceived, gas: 100_000}("");
        if (!ok) revert TransferFailed();
        if (liquidityPool.totalValueInLp() != lpBefore - ethReceived) revert InvalidLpBalance();
        emit Redeemed(receiver, ethAmount, sp.feeAmountToTreasury, feeAmountToStakers, outputToken);
    }

    function _consume(Limit storage l, uint64 units) internal {
        _refill(l);
        if (l.remaining < units) revert RateLimitExceeded();
        l.remaining -= units;
    }

    function _refill(Limit storage l) internal {
        l.remaining = _bucketRemaining(l);
        l.lastRefill = uint64(block.timestamp);
    }

    function _toBucketUnit(uint256 amount, bool roundUp) internal pure returns (uint64) {
        return uint64(roundUp ? (amount + BUCKET_UNIT_SCALE - 1) / BUCKET_UNIT_SCALE : amount / BUCKET_UNIT_SCALE);
    }

    function _token(address token) internal pure returns (address) {
        if (token != ETH_ADDRESS) revert InvalidOutputToken();
        return token;
    }

    /// Receives ETH from the LiquidityPool during a redemption.
    receive() external payable {
        if (msg.sender != address(liquidityPool)) revert IncorrectCaller();
    }
}
