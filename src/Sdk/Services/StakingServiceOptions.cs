using System.Numerics;

namespace LiquidStake.Sdk.Services;

/// <summary>Settings of <see cref="StakingService"/>.</summary>
public sealed class StakingServiceOptions
{
    /// <summary>How long one provider may take for one side-by-side call before its result becomes a <see cref="TimeoutException"/>; null for no limit (default).</summary>
    public TimeSpan? ProviderTimeout { get; set; }

    /// <summary>How many accounts are read at once from a provider without <see cref="IBatchPositionReader"/>. Default 8.</summary>
    public int MaxConcurrentAccountReads { get; set; } = 8;

    /// <summary>
    /// Wei kept back when a composed plan hands a rebasing token (stETH, eETH) to the next provider: share-based
    /// transfers can round 1–2 wei down, so depositing the full quoted amount could revert. Default 2.
    /// </summary>
    public BigInteger RebasingTransferMargin { get; set; } = 2;

    /// <summary>Whether portfolios keep zero-balance positions. Default false.</summary>
    public bool IncludeEmptyPositions { get; set; }
}
