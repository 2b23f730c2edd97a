using System.Numerics;

namespace LiquidStake.Sdk.Services;

/// <summary>How a holding is turned back into ETH.</summary>
public enum ExitRouteKind
{
    /// <summary>Request a withdrawal, wait (finalization or a delay), then claim.</summary>
    QueuedWithdrawal,

    /// <summary>Redeem at once, usually for a fee.</summary>
    InstantRedeem,
}

/// <summary>One way out of a holding, to compare side by side: how much ETH, what fee, how long.</summary>
/// <param name="Protocol">The protocol that offers it.</param>
/// <param name="Kind">Queued or instant.</param>
/// <param name="Token">The token given up.</param>
/// <param name="Amount">How much of it, in base units.</param>
/// <param name="ExpectedEthOut">The wei expected at the end (for queued routes: at the current rate; the final amount is fixed at finalization).</param>
/// <param name="Fee">The fee in wei (zero for queued withdrawals).</param>
/// <param name="EstimatedWait">How long until the ETH can be claimed; <see cref="TimeSpan.Zero"/> for instant routes; null when unknown.</param>
/// <param name="IsAvailable">False when the route exists but cannot take this amount now (paused, above liquidity).</param>
/// <param name="Description">A human-readable summary, for example "Instant redeem 10 eETH with etherfi: 9.97 ETH now, fee 0.03 ETH".</param>
/// <param name="Maximum">The largest amount the route takes now, when bounded.</param>
public sealed record ExitRoute(
    ProtocolId Protocol,
    ExitRouteKind Kind,
    StakingToken Token,
    BigInteger Amount,
    BigInteger ExpectedEthOut,
    BigInteger Fee,
    TimeSpan? EstimatedWait,
    bool IsAvailable,
    string Description,
    BigInteger? Maximum = null);
