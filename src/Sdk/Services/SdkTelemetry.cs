using System.Diagnostics;
using System.Diagnostics.Metrics;
using LiquidStake.Ethereum.Signing;

namespace LiquidStake.Sdk.Services;

/// <summary>Tracing and metrics of plans sent by the SDK: ActivitySource and Meter both named <c>LiquidStake.Sdk</c>.</summary>
public static class SdkTelemetry
{
    /// <summary>The name of the ActivitySource and the Meter.</summary>
    public const string Name = "LiquidStake.Sdk";

    /// <summary>The counter of plans sent (tags: protocol, outcome).</summary>
    public const string PlansSentMetric = "liquidstake.sdk.plans";

    /// <summary>The counter of transactions sent (tags: protocol).</summary>
    public const string TransactionsSentMetric = "liquidstake.sdk.transactions";

    /// <summary>The histogram of plan send durations in seconds (tags: protocol, outcome).</summary>
    public const string PlanDurationMetric = "liquidstake.sdk.plan.duration";

    internal static readonly ActivitySource Source = new(Name);
    internal static readonly Meter Meter = new(Name);

    internal static readonly Counter<long> Plans = Meter.CreateCounter<long>(PlansSentMetric, "{plan}", "Prepared plans sent through PreparedTransactionExecutor.");

    internal static readonly Counter<long> Transactions = Meter.CreateCounter<long>(TransactionsSentMetric, "{transaction}", "Transactions mined for sent plans.");

    internal static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(PlanDurationMetric, "s", "Time to send a plan and wait for its receipts.");
}

/// <summary>
/// A <see cref="PreparedTransactionExecutor"/> that traces and counts <see cref="PreparedTransactionExecutor.SendAsync"/>
/// under <see cref="SdkTelemetry.Name"/>. Registered by <c>AddLiquidStake</c>; the behaviour is otherwise unchanged.
/// </summary>
public class InstrumentedPreparedTransactionExecutor : PreparedTransactionExecutor
{
    /// <summary>For mocking only.</summary>
    protected InstrumentedPreparedTransactionExecutor() { }

    /// <summary>Creates an executor over a context.</summary>
    public InstrumentedPreparedTransactionExecutor(LiquidStakeContext context) : base(context) { }

    /// <inheritdoc/>
    public override async Task<PlanExecution> SendAsync(PreparedTransaction plan, ISigner signer, int confirmations = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        using var activity = SdkTelemetry.Source.StartActivity("liquidstake.sdk.send_plan", ActivityKind.Client);
        activity?.SetTag("liquidstake.protocol", plan.Protocol.Value);
        activity?.SetTag("liquidstake.plan.steps", plan.Steps.Count);
        activity?.SetTag("liquidstake.plan.description", plan.Description);
        long started = Stopwatch.GetTimestamp();
        string outcome = "error";
        try
        {
            var execution = await base.SendAsync(plan, signer, confirmations, cancellationToken).ConfigureAwait(false);
            outcome = "success";
            SdkTelemetry.Transactions.Add(execution.Receipts.Count, new KeyValuePair<string, object?>("protocol", plan.Protocol.Value));
            activity?.SetTag("liquidstake.tx.hash", execution.ActionReceipt.TransactionHash.ToString());
            return execution;
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
        finally
        {
            var tags = new TagList { { "protocol", plan.Protocol.Value }, { "outcome", outcome } };
            SdkTelemetry.Plans.Add(1, tags);
            SdkTelemetry.Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        }
    }
}
