using System.Globalization;
using System.Numerics;
using LiquidStake.Ethereum.Multicall;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Sdk.Contracts.Common;
using LiquidStake.Sdk.Contracts.StakeWise;

namespace LiquidStake.Sdk.Protocols.StakeWise;

// osETH rate (controller totalAssets/totalShares) and APR (Keeper RewardsUpdated.avgRewardPerSecond).

public partial class StakeWiseClient
{
    /// <inheritdoc/>
    /// <remarks>
    /// osETH → ETH as the exact fraction the controller's <c>convertToAssets</c> uses: <c>totalAssets() / totalShares()</c>,
    /// where <c>totalAssets()</c> includes the rewards accrued at <c>avgRewardPerSecond</c> since the last update, net of the treasury fee.
    /// </remarks>
    public virtual async Task<ExchangeRate> GetExchangeRateAsync(CancellationToken cancellationToken = default)
    {
        var (assets, shares) = await ReadOsTokenTotalsAsync(cancellationToken).ConfigureAwait(false);
        return shares.IsZero ? new ExchangeRate(OsEth, StakingToken.Eth, BigInteger.One, BigInteger.One) : new ExchangeRate(OsEth, StakingToken.Eth, assets, shares);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The osETH APR: the Keeper's <c>RewardsUpdated</c> events within <see cref="StakeWiseClientOptions.AprLookback"/>, their
    /// <c>avgRewardPerSecond</c> weighted by how long each was in force (the last one until the latest block), annualized
    /// (<c>* 31536000 / 1e18</c>) and net of the controller's treasury fee (<c>feePercent</c> of 10000). For a vault's own
    /// APR use <see cref="GetVaultAprAsync"/>.
    /// </remarks>
    /// <exception cref="ProtocolStateException">No reward update in the lookback window.</exception>
    public virtual async Task<Apr> GetAprAsync(CancellationToken cancellationToken = default)
    {
        var (fromBlock, latest) = await LookbackRangeAsync(cancellationToken).ConfigureAwait(false);
        var keeper = new Keeper(_addresses.Keeper, _context.Rpc);
        var logs = await _context.Rpc.GetLogsAsync(keeper.CreateRewardsUpdatedFilter(), BlockParameter.AtNumber(fromBlock), BlockParameter.AtNumber(latest), cancellationToken).ConfigureAwait(false);
        var updates = new List<(ulong Timestamp, BigInteger Rate)>();
        foreach (var log in logs)
            if (!log.Removed && Keeper.TryDecodeRewardsUpdatedEvent(log, out var e, _addresses.Keeper)) updates.Add(((ulong)e.UpdateTimestamp, e.AvgRewardPerSecond));
        if (updates.Count == 0)
            throw new ProtocolStateException(Id, string.Create(CultureInfo.InvariantCulture, $"no Keeper RewardsUpdated event in the last {latest - fromBlock} blocks; at least one is needed for an APR"));
        var r = await _context.Multicall.AggregateAsync(
            [
                new MulticallCall(_addresses.OsTokenVaultController, OsTokenVaultController.EncodeFeePercent(), false),
                new MulticallCall(_context.Network.Multicall3, Multicall3.EncodeGetCurrentBlockTimestamp(), false),
            ],
            BlockParameter.AtNumber(latest), cancellationToken).ConfigureAwait(false);
        var fee = (int)OsTokenVaultController.DecodeFeePercentOutput(r[0].ReturnData);
        var now = (ulong)Multicall3.DecodeGetCurrentBlockTimestampOutput(r[1].ReturnData);
        var rate = TimeWeightedRate(updates, now);
        return new Apr(StakeWiseMath.OsTokenAprPercent(rate, fee),
            DateTimeOffset.FromUnixTimeSeconds((long)updates[0].Timestamp), DateTimeOffset.FromUnixTimeSeconds((long)Math.Max(now, updates[^1].Timestamp)), updates.Count,
            string.Create(CultureInfo.InvariantCulture, $"osETH: time-weighted avgRewardPerSecond of {updates.Count} Keeper RewardsUpdated events * 31536000 / 1e18, net of the {fee / 100m} % treasury fee"));
    }

    /// <summary>The average of the rates weighted by how long each held; the last holds until <paramref name="now"/>.</summary>
    internal static BigInteger TimeWeightedRate(IReadOnlyList<(ulong Timestamp, BigInteger Rate)> updates, ulong now)
    {
        var start = updates[0].Timestamp;
        var end = Math.Max(now, updates[^1].Timestamp);
        if (end == start) return updates[^1].Rate;
        BigInteger weighted = BigInteger.Zero;
        for (int i = 0; i < updates.Count; i++)
        {
            var until = i + 1 < updates.Count ? updates[i + 1].Timestamp : end;
            weighted += updates[i].Rate * (until - updates[i].Timestamp);
        }
        return weighted / (end - start);
    }
}
