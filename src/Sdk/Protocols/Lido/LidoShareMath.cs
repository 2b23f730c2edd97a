using System.Numerics;

namespace LiquidStake.Sdk.Protocols.Lido;

/// <summary>
/// The two numbers every stETH conversion divides by: Lido's internal ether and internal shares (total minus the
/// external ones minted by stVaults). With no external shares they equal <c>getTotalPooledEther()</c> and
/// <c>getTotalShares()</c>. All conversions round down exactly as the contract does (lido.md §3.2).
/// </summary>
/// <param name="InternalEther">Pooled ether backing the internal shares, in wei; positive.</param>
/// <param name="InternalShares">Internal shares; positive.</param>
public readonly record struct LidoShareRate(BigInteger InternalEther, BigInteger InternalShares)
{
    /// <summary>The 1e27 precision the queue and the APR formula use for share rates.</summary>
    public static readonly BigInteger E27 = BigInteger.Pow(10, 27);

    /// <summary>Builds the rate from the contract's totals (<c>getTotalPooledEther</c>, <c>getTotalShares</c>, <c>getExternalShares</c>, <c>getExternalEther</c>).</summary>
    public static LidoShareRate FromTotals(BigInteger totalPooledEther, BigInteger totalShares, BigInteger externalShares, BigInteger externalEther)
    {
        var rate = new LidoShareRate(totalPooledEther - externalEther, totalShares - externalShares);
        if (rate.InternalEther.Sign <= 0 || rate.InternalShares.Sign <= 0)
            throw new EthereumFormatException($"Lido reported a non-positive internal ether ({rate.InternalEther}) or share count ({rate.InternalShares}).");
        return rate;
    }

    /// <summary><c>getSharesByPooledEth</c>: floor(eth × shares / ether).</summary>
    public BigInteger GetSharesByPooledEth(BigInteger ethAmount) => ethAmount * InternalShares / InternalEther;

    /// <summary><c>getPooledEthByShares</c>: floor(shares × ether / shares). Also stETH <c>balanceOf</c> and wstETH <c>getStETHByWstETH</c>.</summary>
    public BigInteger GetPooledEthByShares(BigInteger sharesAmount) => sharesAmount * InternalEther / InternalShares;

    /// <summary><c>getPooledEthBySharesRoundUp</c>: ceil(shares × ether / shares).</summary>
    public BigInteger GetPooledEthBySharesRoundUp(BigInteger sharesAmount)
    {
        var product = sharesAmount * InternalEther;
        var quotient = BigInteger.DivRem(product, InternalShares, out var remainder);
        return remainder.IsZero ? quotient : quotient + 1;
    }

    /// <summary>stETH per whole share (1e18), as <c>wstETH.stEthPerToken()</c> returns it.</summary>
    public BigInteger StEthPerToken => GetPooledEthByShares(BigInteger.Pow(10, 18));

    /// <summary>The share rate with 1e27 precision (ether × 1e27 / shares, floor).</summary>
    public BigInteger ShareRate27 => InternalEther * E27 / InternalShares;

    /// <summary>
    /// What a withdrawal request of <paramref name="stEthRequested"/> pays when finalized at this rate (lido.md §6.2):
    /// the queue locks <c>shares = getSharesByPooledEth(stETH)</c>; if the request's own rate <c>stETH·1e27/shares</c> exceeds
    /// the finalization rate the claim is <c>shares·rate/1e27</c>, else exactly the requested stETH.
    /// </summary>
    public BigInteger ClaimForRequest(BigInteger stEthRequested)
    {
        var shares = GetSharesByPooledEth(stEthRequested);
        if (shares.IsZero) return BigInteger.Zero;
        var finalizationRate = ShareRate27;
        return stEthRequested * E27 / shares > finalizationRate ? shares * finalizationRate / E27 : stEthRequested;
    }

    /// <summary>
    /// What <c>submit</c> of <paramref name="ethAmount"/> mints: shares computed before the mint, and the stETH amount of
    /// the mint's <c>Transfer</c> event computed after it (ether and shares both grown), which can be 1 wei below the ETH sent.
    /// </summary>
    public (BigInteger Shares, BigInteger StEth) Submit(BigInteger ethAmount)
    {
        var shares = GetSharesByPooledEth(ethAmount);
        var after = AfterSubmit(ethAmount, shares);
        return (shares, after.GetPooledEthByShares(shares));
    }

    /// <summary>The rate after a submit of <paramref name="ethAmount"/> that minted <paramref name="sharesMinted"/>.</summary>
    public LidoShareRate AfterSubmit(BigInteger ethAmount, BigInteger sharesMinted) => new(InternalEther + ethAmount, InternalShares + sharesMinted);

    /// <summary>
    /// The smallest stETH amount whose transfer moves exactly <paramref name="shares"/> shares (wrap or transferFrom "by shares"),
    /// so nothing is left behind. Null when no amount moves exactly that many (share rate below 1).
    /// </summary>
    public BigInteger? StEthAmountMovingExactShares(BigInteger shares)
    {
        if (shares.Sign <= 0) return null;
        var amount = GetPooledEthBySharesRoundUp(shares);
        // ceil(s·E/S)·S/E lies in [s, s + S/E): exact when a share is worth at least one wei.
        return GetSharesByPooledEth(amount) == shares ? amount : null;
    }
}

/// <summary>Splits a withdrawal into requests that each fit Lido's per-request bounds.</summary>
public static class LidoWithdrawalSplitter
{
    /// <summary>
    /// Splits <paramref name="amount"/> into requests of at most <paramref name="maximum"/> and at least <paramref name="minimum"/>
    /// whose sum is exactly <paramref name="amount"/>: as many full requests as fit, then the remainder. When the remainder is
    /// below the minimum it is topped up from the previous full request (so no request is too small and nothing is lost).
    /// </summary>
    /// <exception cref="AmountNotPositiveException">The amount is zero or negative.</exception>
    /// <exception cref="AmountBelowMinimumException">The whole amount is below the minimum.</exception>
    /// <exception cref="LiquidStakeArgumentException">The bounds are inconsistent.</exception>
    public static IReadOnlyList<BigInteger> Split(BigInteger amount, BigInteger minimum, BigInteger maximum, string unit = "wei of stETH")
    {
        if (minimum.Sign <= 0 || maximum < minimum * 2)
            throw new LiquidStakeArgumentException(nameof(maximum), $"the bounds [{minimum}, {maximum}] cannot split amounts", "0 < 2 x minimum <= maximum");
        if (amount.Sign <= 0) throw new AmountNotPositiveException(ProtocolId.Lido, nameof(amount), amount);
        if (amount < minimum) throw new AmountBelowMinimumException(ProtocolId.Lido, nameof(amount), amount, minimum, unit);

        var full = BigInteger.DivRem(amount, maximum, out var remainder);
        var parts = new List<BigInteger>();
        for (BigInteger i = 0; i < full; i++) parts.Add(maximum);
        if (remainder.IsZero) return parts;
        if (remainder >= minimum)
        {
            parts.Add(remainder);
            return parts;
        }
        // remainder < minimum and at least one full request exists (amount >= minimum): move the shortfall over.
        var shortfall = minimum - remainder;
        parts[^1] = maximum - shortfall;
        parts.Add(minimum);
        return parts;
    }
}

/// <summary>The APR formula of lido-ethereum-sdk (lido.md §8.2), in integers exactly as there.</summary>
public static class LidoAprMath
{
    private static readonly BigInteger SecondsPerYear = 31_536_000;
    private static readonly BigInteger Million = 1_000_000;

    /// <summary>
    /// userAPR = 31536000 × ((postShareRate − preShareRate) × 1e6) / preShareRate / timeElapsed, with share rates
    /// ether × 1e27 / shares; every division floors (toward zero, as JavaScript BigInt). Returns percent = userAPR × 100 / 1e6.
    /// </summary>
    public static decimal AprPercent(BigInteger preTotalEther, BigInteger preTotalShares, BigInteger postTotalEther, BigInteger postTotalShares, BigInteger timeElapsed)
    {
        if (preTotalShares.Sign <= 0 || postTotalShares.Sign <= 0 || timeElapsed.Sign <= 0 || preTotalEther.Sign <= 0)
            throw new LiquidStakeArgumentException(nameof(timeElapsed), "the rebase data has a zero total or a zero time span", "positive totals and time");
        var preShareRate = preTotalEther * LidoShareRate.E27 / preTotalShares;
        var postShareRate = postTotalEther * LidoShareRate.E27 / postTotalShares;
        var userApr = SecondsPerYear * ((postShareRate - preShareRate) * Million) / preShareRate / timeElapsed;
        // userApr * 100 / 1e6 = userApr / 10000: exact in decimal.
        return (decimal)userApr / 10_000m;
    }
}
