using System.Numerics;

namespace LiquidStake.Sdk.Protocols.StakeWise;

/// <summary>StakeWise V3's arithmetic, with the contracts' rounding (v3-core <c>VaultState</c>, <c>VaultOsToken</c>, <c>VaultFee</c>).</summary>
public static class StakeWiseMath
{
    /// <summary>1e18, the scale of LTV, thresholds and the health factor.</summary>
    public static readonly BigInteger Wad = BigInteger.Pow(10, 18);

    /// <summary><c>type(uint256).max</c>: a vault without a capacity reports it.</summary>
    public static readonly BigInteger Uint256Max = (BigInteger.One << 256) - 1;

    /// <summary>The fee denominator: fees are in basis points of 10000.</summary>
    public const int MaxFeePercent = 10_000;

    private const int SecondsPerYear = 31_536_000;

    /// <summary><c>convertToAssets</c>: <c>floor(shares * totalAssets / totalShares)</c>; 1:1 while the vault has no shares.</summary>
    public static BigInteger ConvertToAssets(BigInteger shares, BigInteger totalAssets, BigInteger totalShares) =>
        totalShares.IsZero ? shares : shares * totalAssets / totalShares;

    /// <summary><c>convertToShares</c>: <c>floor(assets * totalShares / totalAssets)</c>; 1:1 for zero assets or an empty vault.</summary>
    public static BigInteger ConvertToShares(BigInteger assets, BigInteger totalAssets, BigInteger totalShares) =>
        assets.IsZero || totalShares.IsZero ? assets : assets * totalShares / totalAssets;

    /// <summary>Shares a deposit mints: <c>ceil(assets * totalShares / totalAssets)</c>; 1:1 for an empty vault.</summary>
    public static BigInteger SharesForDeposit(BigInteger assets, BigInteger totalAssets, BigInteger totalShares) =>
        assets.IsZero || totalShares.IsZero ? assets : CeilDiv(assets * totalShares, totalAssets);

    /// <summary>
    /// The most osETH shares a stake of <paramref name="stakedAssets"/> allows: <c>controller.convertToShares(floor(stakedAssets
    /// * ltvPercent / 1e18))</c>, the controller's conversion being <c>floor(a * osTotalShares / osTotalAssets)</c>.
    /// </summary>
    public static BigInteger MaxOsTokenShares(BigInteger stakedAssets, BigInteger ltvPercent, BigInteger osTokenTotalAssets, BigInteger osTokenTotalShares) =>
        ConvertToShares(stakedAssets * ltvPercent / Wad, osTokenTotalAssets, osTokenTotalShares);

    /// <summary>A minted position grown by the treasury fee: <c>floor(shares * cumulativeFeePerShare / positionCumulativeFeePerShare)</c>.</summary>
    public static BigInteger SyncPositionFee(BigInteger shares, BigInteger cumulativeFeePerShare, BigInteger positionCumulativeFeePerShare) =>
        positionCumulativeFeePerShare.IsZero || cumulativeFeePerShare == positionCumulativeFeePerShare ? shares : shares * cumulativeFeePerShare / positionCumulativeFeePerShare;

    /// <summary>
    /// The health factor on a 1e18 scale: <c>floor(stakedAssets * liqThresholdPercent / mintedAssets)</c>; null with nothing
    /// minted or when liquidation is disabled (threshold <c>type(uint64).max</c>).
    /// </summary>
    public static BigInteger? HealthFactor(BigInteger stakedAssets, BigInteger mintedAssets, BigInteger liqThresholdPercent) =>
        mintedAssets.IsZero || liqThresholdPercent == ulong.MaxValue ? null : stakedAssets * liqThresholdPercent / mintedAssets;

    /// <summary>
    /// The vault shares that can leave while <paramref name="mintedShares"/> osETH stays within the LTV: the largest
    /// <c>x ≤ stakedShares</c> with <c>MaxOsTokenShares(convertToAssets(stakedShares - x)) ≥ mintedShares</c> (the check
    /// <c>enterExitQueue</c> makes afterwards). All of them with nothing minted.
    /// </summary>
    public static BigInteger MaxExitableShares(
        BigInteger stakedShares,
        BigInteger mintedShares,
        BigInteger ltvPercent,
        BigInteger vaultTotalAssets,
        BigInteger vaultTotalShares,
        BigInteger osTokenTotalAssets,
        BigInteger osTokenTotalShares)
    {
        if (mintedShares.IsZero) return stakedShares;
        bool Fits(BigInteger remaining) =>
            MaxOsTokenShares(ConvertToAssets(remaining, vaultTotalAssets, vaultTotalShares), ltvPercent, osTokenTotalAssets, osTokenTotalShares) >= mintedShares;
        if (!Fits(stakedShares)) return BigInteger.Zero;
        // Smallest remaining balance that still fits, by bisection (the check is monotonic in the remaining shares).
        BigInteger low = BigInteger.Zero, high = stakedShares;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (Fits(mid)) high = mid;
            else low = mid + 1;
        }
        return stakedShares - low;
    }

    /// <summary>
    /// The osETH controller's <c>totalAssets</c> <paramref name="seconds"/> from now at most: it grows by
    /// <c>avgRewardPerSecond * totalAssets / 1e18</c> a second (less the treasury fee, ignored here so the bound is safe).
    /// A check against it still holds when the transaction is mined a little later.
    /// </summary>
    public static BigInteger ProjectOsTokenAssets(BigInteger totalAssets, BigInteger avgRewardPerSecond, ulong seconds) =>
        totalAssets + (totalAssets * avgRewardPerSecond * seconds / Wad);

    /// <summary>Fee assets taken from a positive harvest: <c>floor(profit * feePercent / 10000)</c>.</summary>
    public static BigInteger FeeAssets(BigInteger profit, int feePercent) =>
        profit.Sign <= 0 ? BigInteger.Zero : profit * feePercent / MaxFeePercent;

    /// <summary>Fee shares minted to the fee recipient: <c>floor(feeAssets * totalShares / (newTotalAssets - feeAssets))</c>.</summary>
    public static BigInteger FeeShares(BigInteger feeAssets, BigInteger totalShares, BigInteger newTotalAssets) =>
        totalShares.IsZero ? feeAssets : feeAssets * totalShares / (newTotalAssets - feeAssets);

    /// <summary>
    /// Simple APR in percent (18 decimals, truncated) of a share price moving from <c>assets1/shares1</c> to
    /// <c>assets2/shares2</c> over <paramref name="elapsedSeconds"/>: <c>100 * (p2/p1 - 1) * 31536000 / Δt</c>.
    /// </summary>
    /// <exception cref="LiquidStakeException">Δt, a share count or the first price is not positive.</exception>
    public static decimal SharePriceAprPercent(BigInteger assets1, BigInteger shares1, BigInteger assets2, BigInteger shares2, long elapsedSeconds)
    {
        if (elapsedSeconds <= 0 || assets1.Sign <= 0 || shares1.Sign <= 0 || shares2.Sign <= 0)
            throw new LiquidStakeException("StakeWise: the share-price history has no positive time span or price");
        // (a2/s2) / (a1/s1) - 1 = (a2*s1 - a1*s2) / (a1*s2)
        var scaled = (assets2 * shares1 - assets1 * shares2) * SecondsPerYear * 100 * Wad / (assets1 * shares2 * elapsedSeconds);
        return ToDecimal(scaled);
    }

    /// <summary>
    /// The osETH APR in percent from the controller's reward rate: <c>100 * avgRewardPerSecond * 31536000 / 1e18 *
    /// (10000 - feePercent) / 10000</c> (the treasury fee is taken from the accrued rewards).
    /// </summary>
    public static decimal OsTokenAprPercent(BigInteger avgRewardPerSecond, int controllerFeePercent)
    {
        var scaled = avgRewardPerSecond * SecondsPerYear * 100 * (MaxFeePercent - controllerFeePercent) / MaxFeePercent;
        return ToDecimal(scaled);
    }

    private static decimal ToDecimal(BigInteger wadScaled)
    {
        var whole = BigInteger.DivRem(wadScaled, Wad, out var fraction);
        return (decimal)whole + ((decimal)fraction / 1_000_000_000_000_000_000m);
    }

    private static BigInteger CeilDiv(BigInteger a, BigInteger b) => (a + b - 1) / b;
}
