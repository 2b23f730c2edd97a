using System.Numerics;
using LiquidStake.Ethereum.Rpc;

namespace LiquidStake.Testing;

/// <summary>
/// What one Lido oracle report delivers (<see cref="LidoDevnet.ReportAsync"/>). The report is the chain at the ref slot
/// of a frame; values left at their defaults keep the protocol where it is.
/// </summary>
public sealed record LidoReportOptions
{
    /// <summary>
    /// Rewards (positive) or penalties (negative) on the consensus layer since the last report, in wei. The CL balance is
    /// reported in gwei, so the booked change is <c>floor((clBefore + delta) / 1 gwei) * 1 gwei - clBefore</c>.
    /// </summary>
    public BigInteger ClBalanceDeltaWei { get; init; }

    /// <summary>
    /// The report covers at least this many seconds after the last report's ref slot: the chain is advanced to the first
    /// frame whose ref slot is that far (or the next unreported frame when 0). <c>TokenRebased.timeElapsed</c> is the
    /// actual distance, a whole number of frames.
    /// </summary>
    public ulong MinimumElapsedSeconds { get; init; }

    /// <summary>Execution-layer rewards (priority fees, MEV) credited to the EL rewards vault and swept by the report, in wei.</summary>
    public BigInteger ElRewardsWei { get; init; }

    /// <summary>
    /// Ether that left the validators for the withdrawal vault (exits, skimming) and is swept by the report, in wei: the
    /// CL balance is lowered by the same amount, so it is not a reward. The driver adds what finalization needs beyond
    /// the buffer on its own.
    /// </summary>
    public BigInteger WithdrawalsWei { get; init; }

    /// <summary>Finalize withdrawal requests up to this id (0 or an already finalized id: none).</summary>
    public BigInteger FinalizeUpToRequestId { get; init; }

    /// <summary>The oracle's bunker-mode decision; null: on exactly when the CL balance falls.</summary>
    public bool? BunkerMode { get; init; }
}

/// <summary>What a delivered report was (<see cref="LidoDevnet.ReportAsync"/>).</summary>
/// <param name="Receipt">The receipt of <c>submitReportData</c> (the rebase, finalization and their events).</param>
/// <param name="RefSlot">The report's ref slot.</param>
/// <param name="ReportTimestamp">The ref slot's time (<c>TokenRebased.reportTimestamp</c>).</param>
/// <param name="TimeElapsed">Seconds since the previous report's ref slot (<c>TokenRebased.timeElapsed</c>).</param>
/// <param name="ClBalanceDeltaWei">The CL-side rewards booked (after gwei rounding), not counting the withdrawals moved.</param>
/// <param name="WithdrawalsWei">Ether swept from the withdrawal vault.</param>
/// <param name="SimulatedShareRate">The report's share rate (1e27 precision) at which requests were finalized.</param>
/// <param name="FinalizationBatches">The finalization batches reported (empty: none).</param>
public sealed record LidoReportResult(
    TransactionReceipt Receipt,
    BigInteger RefSlot,
    ulong ReportTimestamp,
    ulong TimeElapsed,
    BigInteger ClBalanceDeltaWei,
    BigInteger WithdrawalsWei,
    BigInteger SimulatedShareRate,
    IReadOnlyList<BigInteger> FinalizationBatches);
