using System.Numerics;

namespace LiquidStake.Sdk;

/// <summary>
/// How much of <see cref="Quote"/> one whole <see cref="Base"/> token is worth, as an exact fraction
/// (for example 1 rETH = 1.1426… ETH). Conversions round down, as the contracts do.
/// </summary>
/// <param name="Base">The token being priced.</param>
/// <param name="Quote">The token it is priced in (usually ETH or the underlying LST).</param>
/// <param name="Numerator">Quote units per <paramref name="Denominator"/> base units.</param>
/// <param name="Denominator">Base units; positive.</param>
public sealed record ExchangeRate(StakingToken Base, StakingToken Quote, BigInteger Numerator, BigInteger Denominator)
{
    /// <summary>The value of one whole base token in quote base units (for example wei per 1e18 rETH units).</summary>
    public BigInteger QuotePerWholeBase => Numerator * BigInteger.Pow(10, Base.Decimals) / Denominator;

    /// <summary>Converts an amount of base units to quote units, rounding down.</summary>
    public BigInteger ToQuote(BigInteger baseAmount) => baseAmount * Numerator / Denominator;

    /// <summary>Converts an amount of quote units to base units, rounding down.</summary>
    public BigInteger ToBase(BigInteger quoteAmount) => Numerator.IsZero ? BigInteger.Zero : quoteAmount * Denominator / Numerator;

    /// <summary>For display: "1 rETH = 1.142637 ETH".</summary>
    public override string ToString() =>
        $"1 {Base.Symbol} = {LiquidStake.Ethereum.EthUnits.FormatUnits(QuotePerWholeBase, Quote.Decimals)} {Quote.Symbol}";
}
