using LiquidStake.Ethereum.Rpc;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace LiquidStake.Sdk.Hosting;

/// <summary>
/// Health of the withdrawal worker: Unhealthy when the RPC endpoint does not answer; Degraded when no round completed
/// recently, when the last round lags the head by more than the reorg depth, or when a signed claim is stuck.
/// </summary>
public sealed class WithdrawalWorkerHealthCheck : IHealthCheck
{
    private readonly WithdrawalClaimProcessor _processor;
    private readonly EthereumRpcClient _rpc;
    private readonly WithdrawalWorkerOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates the check.</summary>
    public WithdrawalWorkerHealthCheck(WithdrawalClaimProcessor processor, EthereumRpcClient rpc, IOptions<WithdrawalWorkerOptions> options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(processor);
        ArgumentNullException.ThrowIfNull(rpc);
        ArgumentNullException.ThrowIfNull(options);
        _processor = processor;
        _rpc = rpc;
        _options = options.Value;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ulong head;
        try
        {
            head = await _rpc.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RpcException or RpcTransportException or HttpRequestException or TaskCanceledException)
        {
            return HealthCheckResult.Unhealthy("The RPC endpoint does not answer eth_blockNumber.", ex);
        }
        var stats = await _processor.Ledger.GetStatisticsAsync(cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var lag = _processor.LastHead == 0 ? (ulong?)null : head - Math.Min(head, _processor.LastHead);
        var data = new Dictionary<string, object>
        {
            ["head"] = head,
            ["pending"] = stats.Pending,
            ["claimable"] = stats.Claimable,
            ["claimed"] = stats.Claimed,
            ["pendingClaims"] = stats.PendingClaims,
        };
        if (lag is { } l) data["lagBlocks"] = l;
        var problems = new List<string>();
        if (_processor.LastRoundCompletedAt is not { } last || now - last > _options.PollingInterval * _options.HealthyRoundIntervals)
            problems.Add("no withdrawal round completed recently");
        if (lag > (ulong)_options.ReorgDepth) problems.Add($"the last round is {lag} blocks behind the head");
        if (stats.OldestPendingClaimAt is { } oldest && now - oldest > _options.StuckClaimAfter)
            problems.Add($"a signed claim has waited since {oldest:O}");
        return problems.Count == 0
            ? HealthCheckResult.Healthy("Withdrawal worker is following the chain.", data)
            : HealthCheckResult.Degraded(string.Join("; ", problems), null, data);
    }
}
