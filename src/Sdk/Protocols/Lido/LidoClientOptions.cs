namespace LiquidStake.Sdk.Protocols.Lido;

/// <summary>Settings of a <see cref="LidoClient"/>.</summary>
public sealed record LidoClientOptions
{
    /// <summary>Lido's contracts; null takes them from the context's network profile.</summary>
    public LidoAddresses? Addresses { get; init; }

    /// <summary>How long a signed permit stays valid (from the later of the clock and the latest block time).</summary>
    public TimeSpan PermitLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The APR window in days for <see cref="LidoClient.GetAprAsync"/> (lido-ethereum-sdk's getSmaApr).</summary>
    public int AprWindowDays { get; init; } = 7;

    /// <summary>Blocks per day used to turn the window into a block range (lido-ethereum-sdk's APPROX_BLOCKS_BY_DAY).</summary>
    public int BlocksPerDay { get; init; } = 7600;

    /// <summary>Extra days searched back for the newest rebase when none is in the window (the SDK searches up to 7).</summary>
    public int AprSearchExtraDays { get; init; } = 7;

    /// <summary>
    /// <c>REQUEST_TIMESTAMP_MARGIN</c>: how long before a report's ref slot a request must have been made to be finalized by
    /// it (an OracleReportSanityChecker limit, not readable through the ABIs this SDK ships). Mainnet: 7680 s.
    /// </summary>
    public TimeSpan RequestTimestampMargin { get; init; } = LidoWithdrawalTiming.MainnetRequestTimestampMargin;
}
