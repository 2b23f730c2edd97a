using System.Diagnostics.Metrics;
using LiquidStake.Sdk.Services;

namespace LiquidStake.Sdk.Hosting;

/// <summary>The worker's metrics, on the SDK's meter (<see cref="SdkTelemetry.Name"/>).</summary>
public sealed class WithdrawalWorkerTelemetry : IDisposable
{
    /// <summary>Gauge of ledger entries by state (tag: state = pending | claimable | claimed | dropped | pending_claim).</summary>
    public const string EntriesMetric = "liquidstake.withdrawals.entries";

    /// <summary>Counter of requests claimed (tag: protocol).</summary>
    public const string ClaimedMetric = "liquidstake.withdrawals.claimed";

    /// <summary>Counter of failed claim attempts (tags: protocol, error).</summary>
    public const string FailuresMetric = "liquidstake.withdrawals.claim_failures";

    /// <summary>Histogram of seconds from a request being recorded in the ledger to its claim being mined (tag: protocol).</summary>
    public const string LatencyMetric = "liquidstake.withdrawals.claim_latency";

    private readonly Meter _meter;
    private LedgerCounts _counts = new(0, 0, 0, 0, 0);

    /// <summary>Creates the instruments on a meter named <see cref="SdkTelemetry.Name"/>.</summary>
    public WithdrawalWorkerTelemetry()
    {
        _meter = new Meter(SdkTelemetry.Name);
        _meter.CreateObservableGauge(EntriesMetric, ObserveEntries, "{request}", "Withdrawal ledger entries by state.");
        Claimed = _meter.CreateCounter<long>(ClaimedMetric, "{request}", "Requests claimed by the worker.");
        Failures = _meter.CreateCounter<long>(FailuresMetric, "{attempt}", "Claim attempts that failed.");
        Latency = _meter.CreateHistogram<double>(LatencyMetric, "s", "Time from a request being recorded to its claim being mined.");
    }

    internal Counter<long> Claimed { get; }

    internal Counter<long> Failures { get; }

    internal Histogram<double> Latency { get; }

    internal void SetCounts(LedgerCounts counts) => Volatile.Write(ref _counts, counts);

    private IEnumerable<Measurement<long>> ObserveEntries()
    {
        var c = Volatile.Read(ref _counts);
        yield return new(c.Pending, new KeyValuePair<string, object?>("state", "pending"));
        yield return new(c.Claimable, new KeyValuePair<string, object?>("state", "claimable"));
        yield return new(c.Claimed, new KeyValuePair<string, object?>("state", "claimed"));
        yield return new(c.Dropped, new KeyValuePair<string, object?>("state", "dropped"));
        yield return new(c.PendingClaims, new KeyValuePair<string, object?>("state", "pending_claim"));
    }

    /// <inheritdoc/>
    public void Dispose() => _meter.Dispose();

    internal sealed record LedgerCounts(long Pending, long Claimable, long Claimed, long Dropped, long PendingClaims);
}
