using System.Numerics;

namespace LiquidStake.Sdk.Protocols.EtherFi;

/// <summary>
/// ether.fi's share math (etherfi.md §4-§6), exactly as the contracts round: P is the total pooled ether, S the total
/// eETH shares. Pure functions, so quotes can be computed from one batched read and checked offline.
/// </summary>
public static class EtherFiMath
{
    /// <summary>Basis-point scale of fees and watermarks.</summary>
    public static readonly BigInteger BasisPoints = 10_000;

    /// <summary>1e18, the fixed-point unit of rates.</summary>
    public static readonly BigInteger ShareUnit = BigInteger.Pow(10, 18);

    /// <summary><c>sharesForAmount</c>: floor(a * S / P); 0 when P is 0.</summary>
    public static BigInteger SharesForAmount(BigInteger amount, BigInteger pooledEther, BigInteger totalShares) =>
        pooledEther.IsZero ? BigInteger.Zero : amount * totalShares / pooledEther;

    /// <summary><c>sharesForWithdrawalAmount</c>: ceil(a * S / P); 0 when P is 0.</summary>
    public static BigInteger SharesForWithdrawalAmount(BigInteger amount, BigInteger pooledEther, BigInteger totalShares) =>
        pooledEther.IsZero ? BigInteger.Zero : CeilDiv(amount * totalShares, pooledEther);

    /// <summary><c>amountForShare</c>: floor(s * P / S); 0 when S is 0.</summary>
    public static BigInteger AmountForShare(BigInteger shares, BigInteger pooledEther, BigInteger totalShares) =>
        totalShares.IsZero ? BigInteger.Zero : shares * pooledEther / totalShares;

    /// <summary><c>amountPerShareCeil</c>: ceil(1e18 * P / S), the rate frozen at finalization; 0 when S is 0.</summary>
    public static BigInteger AmountPerShareCeil(BigInteger pooledEther, BigInteger totalShares) =>
        totalShares.IsZero ? BigInteger.Zero : CeilDiv(ShareUnit * pooledEther, totalShares);

    /// <summary>Shares minted for a deposit of <paramref name="deposit"/> wei, priced with the pool value before it: floor(d * S / P), or d for an empty pool.</summary>
    public static BigInteger SharesForDeposit(BigInteger deposit, BigInteger pooledEther, BigInteger totalShares) =>
        pooledEther.IsZero ? deposit : deposit * totalShares / pooledEther;

    /// <summary>
    /// A deposit of <paramref name="deposit"/> wei: the shares minted and their eETH value in the pool after the deposit
    /// (what the balance of an account that held no shares shows).
    /// </summary>
    public static (BigInteger Shares, BigInteger EEthAmount) Deposit(BigInteger deposit, BigInteger pooledEther, BigInteger totalShares)
    {
        var shares = SharesForDeposit(deposit, pooledEther, totalShares);
        return (shares, AmountForShare(shares, pooledEther + deposit, totalShares + shares));
    }

    /// <summary>
    /// DepositAdapter.depositETHForWeETH: deposit, then wrap the eETH value of the minted shares in the post-deposit pool.
    /// Returns the weETH the caller receives.
    /// </summary>
    public static BigInteger DepositForWeEth(BigInteger deposit, BigInteger pooledEther, BigInteger totalShares)
    {
        var (shares, eEth) = Deposit(deposit, pooledEther, totalShares);
        return SharesForAmount(eEth, pooledEther + deposit, totalShares + shares);
    }

    /// <summary>weETH minted by <c>wrap(x)</c>: sharesForAmount(x).</summary>
    public static BigInteger WeEthForWrap(BigInteger eEthAmount, BigInteger pooledEther, BigInteger totalShares) =>
        SharesForAmount(eEthAmount, pooledEther, totalShares);

    /// <summary>eETH sent by <c>unwrap(w)</c>: amountForShare(w).</summary>
    public static BigInteger EEthForUnwrap(BigInteger weEthAmount, BigInteger pooledEther, BigInteger totalShares) =>
        AmountForShare(weEthAmount, pooledEther, totalShares);

    /// <summary>What a finalized request pays: min(amountOfEEth, floor(shareOfEEth * rate / 1e18)).</summary>
    public static BigInteger ClaimableAmount(BigInteger amountOfEEth, BigInteger shareOfEEth, BigInteger rate) =>
        BigInteger.Min(amountOfEEth, shareOfEEth * rate / ShareUnit);

    /// <summary>
    /// The instant-redemption split for <paramref name="eEthShares"/> shares (etherfi.md §5.5): ETH to the receiver,
    /// shares burned for it, and the fee's treasury and staker parts, all priced at the pre-redemption (P, S).
    /// </summary>
    public static RedemptionSplit Redemption(BigInteger eEthShares, int exitFeeBps, int treasurySplitBps, BigInteger pooledEther, BigInteger totalShares)
    {
        var toReceiver = AmountForShare(eEthShares * (BasisPoints - exitFeeBps) / BasisPoints, pooledEther, totalShares);
        var sharesToBurn = SharesForWithdrawalAmount(toReceiver, pooledEther, totalShares);
        var feeShares = eEthShares - sharesToBurn;
        if (feeShares.Sign < 0) feeShares = BigInteger.Zero;
        var feeSharesToTreasury = feeShares * treasurySplitBps / BasisPoints;
        var feeSharesToStakers = feeShares - feeSharesToTreasury;
        return new RedemptionSplit(
            toReceiver,
            sharesToBurn,
            AmountForShare(feeSharesToTreasury, pooledEther, totalShares),
            AmountForShare(feeSharesToStakers, pooledEther, totalShares),
            feeSharesToStakers);
    }

    /// <summary>
    /// The most shares (or weETH) whose <c>amountForShare</c> stays within <paramref name="amount"/>: the largest <c>w</c> with
    /// <c>floor(w * P / S) ≤ amount</c>, i.e. <c>floor(((amount + 1) * S − 1) / P)</c>; null when P or S is 0 (every amount maps to 0).
    /// </summary>
    public static BigInteger? MaxSharesWithin(BigInteger amount, BigInteger pooledEther, BigInteger totalShares)
    {
        if (pooledEther.IsZero || totalShares.IsZero) return null;
        if (amount.Sign < 0) return BigInteger.Zero;
        return ((amount + 1) * totalShares - 1) / pooledEther;
    }

    /// <summary>The instant-redemption bucket counts in units of 1e12 wei, rounded up for a redemption.</summary>
    public static BigInteger ToBucketUnits(BigInteger amountWei) => CeilDiv(amountWei, BucketUnit);

    /// <summary>Wei per instant-redemption bucket unit.</summary>
    public static readonly BigInteger BucketUnit = BigInteger.Pow(10, 12);

    /// <summary>
    /// The APR implied by two (P, S) observations <paramref name="seconds"/> apart: (rate2 / rate1 − 1) × year / seconds, in percent.
    /// </summary>
    public static decimal AprPercent(BigInteger pooled1, BigInteger shares1, BigInteger pooled2, BigInteger shares2, BigInteger seconds) =>
        seconds.Sign <= 0 || pooled1.IsZero || shares2.IsZero ? 0m : RateGrowthApr.Percent(pooled1, shares1, pooled2, shares2, seconds, 12);

    private static BigInteger CeilDiv(BigInteger numerator, BigInteger denominator) =>
        (numerator + denominator - BigInteger.One) / denominator;
}

/// <summary>How an instant redemption splits: <see cref="ToReceiver"/> ETH paid out, the fee in eETH to the treasury and burned for stakers.</summary>
/// <param name="ToReceiver">ETH sent to the receiver.</param>
/// <param name="SharesBurnedForPayout">Shares burned against the payout (ceil).</param>
/// <param name="FeeToTreasury">eETH value of the fee shares sent to the treasury.</param>
/// <param name="FeeToStakers">eETH value of the fee shares burned (raising every holder's rate).</param>
/// <param name="FeeSharesToStakers">The fee shares burned.</param>
public sealed record RedemptionSplit(BigInteger ToReceiver, BigInteger SharesBurnedForPayout, BigInteger FeeToTreasury, BigInteger FeeToStakers, BigInteger FeeSharesToStakers)
{
    /// <summary>The whole fee, as the <c>Redeemed</c> event reports it (treasury + stakers).</summary>
    public BigInteger Fee => FeeToTreasury + FeeToStakers;
}
