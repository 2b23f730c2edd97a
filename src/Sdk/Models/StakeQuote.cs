using System.Numerics;

namespace LiquidStake.Sdk;

/// <summary>What staking a given amount would give right now, with every limit that applies.</summary>
/// <param name="Protocol">The quoting protocol.</param>
/// <param name="TokenIn">What is paid (ETH or an LST).</param>
/// <param name="AmountIn">How much is paid, in base units.</param>
/// <param name="TokenOut">What is received.</param>
/// <param name="ExpectedOut">How much is received, in base units, with the protocol's own rounding.</param>
/// <param name="Fee">The fee taken, in <paramref name="TokenIn"/> units (zero when there is none).</param>
/// <param name="Rate">The exchange rate used.</param>
/// <param name="Minimum">The smallest accepted amount, when the protocol has one.</param>
/// <param name="Maximum">The largest amount accepted right now (stake limit, pool capacity, strategy cap), when bounded.</param>
/// <param name="IsPaused">True when the protocol refuses deposits right now.</param>
public sealed record StakeQuote(
    ProtocolId Protocol,
    StakingToken TokenIn,
    BigInteger AmountIn,
    StakingToken TokenOut,
    BigInteger ExpectedOut,
    BigInteger Fee,
    ExchangeRate Rate,
    BigInteger? Minimum,
    BigInteger? Maximum,
    bool IsPaused)
{
    /// <summary>True when the amount is within the limits and deposits are open.</summary>
    public bool IsAllowed => !IsPaused && (Minimum is null || AmountIn >= Minimum) && (Maximum is null || AmountIn <= Maximum);
}
