using System.Numerics;

namespace LiquidStake.Sdk;

/// <summary>
/// The simple APR of an exchange-rate token between two observations of its rate, the shape every rate-from-events APR
/// shares (Rocket Pool balance updates, ether.fi rebases, StakeWise vault harvests): <c>100 × (rate2 / rate1 − 1) ×
/// 31,536,000 / seconds</c>, with each rate an exact fraction <c>ether / shares</c>. Lido keeps its own SDK's formula
/// (<c>LidoAprMath</c>) because it reproduces that SDK's intermediate rounding.
/// </summary>
public static class RateGrowthApr
{
    /// <summary>Seconds in the 365-day year every protocol's APR uses.</summary>
    public const long SecondsPerYear = 31_536_000;

    /// <summary>
    /// The APR in percent, truncated toward zero at <paramref name="decimals"/> decimal places, computed on the exact
    /// fraction <c>(ether2·shares1 − ether1·shares2) / (ether1·shares2)</c> so that nothing is rounded before the end.
    /// </summary>
    /// <param name="ether1">The first observation's ether (or its rate, with <paramref name="shares1"/> = 1).</param>
    /// <param name="shares1">The first observation's shares (token supply).</param>
    /// <param name="ether2">The second observation's ether.</param>
    /// <param name="shares2">The second observation's shares.</param>
    /// <param name="seconds">The time between the observations.</param>
    /// <param name="decimals">Decimal places kept, 0 to 18.</param>
    /// <exception cref="LiquidStakeArgumentException">A total or the time span is not positive, or decimals is out of range.</exception>
    public static decimal Percent(BigInteger ether1, BigInteger shares1, BigInteger ether2, BigInteger shares2, BigInteger seconds, int decimals = 18)
    {
        if (seconds.Sign <= 0) throw new LiquidStakeArgumentException(nameof(seconds), $"the observations are {seconds} s apart", "a positive time span");
        if (ether1.Sign <= 0 || shares1.Sign <= 0 || shares2.Sign <= 0)
            throw new LiquidStakeArgumentException(nameof(ether1), "an observation has a zero total", "positive ether and shares");
        if (decimals is < 0 or > 18) throw new LiquidStakeArgumentException(nameof(decimals), $"{decimals} decimal places", "0 to 18");
        var scale = BigInteger.Pow(10, decimals);
        var scaled = (ether2 * shares1 - ether1 * shares2) * SecondsPerYear * 100 * scale / (ether1 * shares2 * seconds);
        return (decimal)scaled / (decimal)scale;
    }
}
