using System.Numerics;
using LiquidStake.Ethereum.Contracts;
using LiquidStake.Ethereum.Multicall;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Sdk.Contracts.Lido;


namespace LiquidStake.Sdk.Protocols.Lido;

// Lido share rate, exchange rates and APR from TokenRebased events.

public partial class LidoClient
{
    /// <summary>Reads the internal ether and shares every conversion uses (one Multicall3 round trip).</summary>
    public virtual async Task<LidoShareRate> GetShareRateAsync(CancellationToken cancellationToken = default)
    {
        var r = await ReadAsync(cancellationToken, RateCalls()).ConfigureAwait(false);
        return RateFrom(r, 0);
    }

    /// <inheritdoc/>
    /// <remarks>Lido's <c>getTotalPooledEther()</c>: buffered, deposited and validator ether plus external (vault) ether.</remarks>
    public virtual async Task<BigInteger> GetStakedEtherAsync(CancellationToken cancellationToken = default)
    {
        var r = await ReadAsync(cancellationToken, Call(_addresses.StEth, StEth.EncodeGetTotalPooledEther())).ConfigureAwait(false);
        return StEth.DecodeGetTotalPooledEtherOutput(r[0]);
    }

    /// <summary>Shares for an stETH amount, rounded down (as <c>getSharesByPooledEth</c>).</summary>
    public virtual async Task<BigInteger> GetSharesByPooledEthAsync(BigInteger stEthAmount, CancellationToken cancellationToken = default) =>
        (await GetShareRateAsync(cancellationToken).ConfigureAwait(false)).GetSharesByPooledEth(stEthAmount);

    /// <summary>stETH for a share amount, rounded down (as <c>getPooledEthByShares</c>; also wstETH to stETH).</summary>
    public virtual async Task<BigInteger> GetPooledEthBySharesAsync(BigInteger shares, CancellationToken cancellationToken = default) =>
        (await GetShareRateAsync(cancellationToken).ConfigureAwait(false)).GetPooledEthByShares(shares);

    /// <summary>stETH against ETH: 1:1 by construction (stETH rebases instead of appreciating).</summary>
    public virtual Task<ExchangeRate> GetExchangeRateAsync(CancellationToken cancellationToken = default) => Task.FromResult(StEthRate());

    /// <summary>wstETH against stETH as the exact fraction internalEther / internalShares; its whole-token value equals <c>stEthPerToken()</c>.</summary>
    public virtual async Task<ExchangeRate> GetWstEthExchangeRateAsync(CancellationToken cancellationToken = default)
    {
        var rate = await GetShareRateAsync(cancellationToken).ConfigureAwait(false);
        return new ExchangeRate(WstEthToken, StEthToken, rate.InternalEther, rate.InternalShares);
    }

    /// <summary>The <c>TokenRebased</c> events between two blocks (inclusive), oldest first.</summary>
    public virtual async Task<IReadOnlyList<LidoRebase>> GetRebasesAsync(ulong fromBlock, ulong toBlock, CancellationToken cancellationToken = default)
    {
        var filter = new EventFilter { Addresses = [_addresses.StEth], Topics = [[StEth.TokenRebasedEventTopic]] };
        var logs = await Context.Rpc.GetLogsAsync(filter, BlockParameter.AtNumber(fromBlock), BlockParameter.AtNumber(toBlock), cancellationToken).ConfigureAwait(false);
        var list = new List<LidoRebase>(logs.Count);
        foreach (var log in logs)
        {
            if (StEth.TryDecodeTokenRebasedEvent(log, out var e, _addresses.StEth)) list.Add(LidoRebase.From(log, e));
        }
        return list;
    }

    /// <summary>The APR of the newest rebase alone (lido-ethereum-sdk getLastApr).</summary>
    public virtual async Task<Apr> GetLastAprAsync(CancellationToken cancellationToken = default)
    {
        var rebases = await FindRecentRebasesAsync(0, cancellationToken).ConfigureAwait(false);
        return AprFrom([rebases[^1]], "Lido SDK formula (§8.2) on the newest TokenRebased event");
    }

    /// <summary>
    /// The APR over the last <see cref="LidoClientOptions.AprWindowDays"/> days (lido-ethereum-sdk getSmaApr): pre-values of the
    /// first rebase in the window, post-values of the newest, time = first.timeElapsed + (newest − first report time).
    /// </summary>
    /// <exception cref="ProtocolStateException">No rebase was found in the window (a state of the chain, not an argument).</exception>
    public virtual async Task<Apr> GetAprAsync(CancellationToken cancellationToken = default)
    {
        var rebases = await FindRecentRebasesAsync(Options.AprWindowDays, cancellationToken).ConfigureAwait(false);
        if (rebases.Count == 0) throw new ProtocolStateException(Id, $"no TokenRebased event in the last {Options.AprWindowDays} days, so there is no APR to compute");
        return AprFrom(rebases, $"Lido SDK SMA formula (§8.2) over {rebases.Count} TokenRebased event(s) in a {Options.AprWindowDays}-day window");
    }

    /// <summary>The APR of a run of rebases, oldest first (one rebase: its own APR).</summary>
    public static Apr AprFrom(IReadOnlyList<LidoRebase> rebases, string method)
    {
        ArgumentNullException.ThrowIfNull(rebases);
        if (rebases.Count == 0) throw new LiquidStakeArgumentException(nameof(rebases), "no rebases", "at least one");
        var first = rebases[0];
        var last = rebases[^1];
        var elapsed = first.TimeElapsed + (last.ReportTimestamp - first.ReportTimestamp);
        var percent = LidoAprMath.AprPercent(first.PreTotalEther, first.PreTotalShares, last.PostTotalEther, last.PostTotalShares, elapsed);
        var from = DateTimeOffset.FromUnixTimeSeconds((long)(first.ReportTimestamp - first.TimeElapsed));
        var to = DateTimeOffset.FromUnixTimeSeconds((long)last.ReportTimestamp);
        return new Apr(percent, from, to, rebases.Count, method);
    }

    private ExchangeRate StEthRate() => new(StEthToken, StakingToken.Eth, BigInteger.One, BigInteger.One);

    private MulticallCall[] RateCalls() =>
    [
        Call(_addresses.StEth, StEth.EncodeGetTotalPooledEther()),
        Call(_addresses.StEth, StEth.EncodeGetTotalShares()),
        Call(_addresses.StEth, StEth.EncodeGetExternalShares()),
        Call(_addresses.StEth, StEth.EncodeGetExternalEther()),
    ];

    private static LidoShareRate RateFrom(IReadOnlyList<byte[]> r, int offset) => LidoShareRate.FromTotals(
        StEth.DecodeGetTotalPooledEtherOutput(r[offset]),
        StEth.DecodeGetTotalSharesOutput(r[offset + 1]),
        StEth.DecodeGetExternalSharesOutput(r[offset + 2]),
        StEth.DecodeGetExternalEtherOutput(r[offset + 3]));

    private async Task<IReadOnlyList<LidoRebase>> FindRecentRebasesAsync(int windowDays, CancellationToken cancellationToken)
    {
        var latest = await Context.Rpc.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
        var perDay = (ulong)Math.Max(1, Options.BlocksPerDay);
        var lookback = (ulong)(windowDays + Math.Max(0, Options.AprSearchExtraDays)) * perDay;
        var from = latest > lookback ? latest - lookback : 0;
        var rebases = await GetRebasesAsync(from, latest, cancellationToken).ConfigureAwait(false);
        if (rebases.Count == 0) throw new LiquidStakeException($"No Lido TokenRebased event was found in blocks {from}..{latest}.");
        var last = rebases[^1];
        var windowStart = windowDays == 0 ? last.BlockNumber : (last.BlockNumber > (ulong)windowDays * perDay ? last.BlockNumber - ((ulong)windowDays * perDay) : 0);
        return rebases.Where(e => e.BlockNumber >= windowStart).ToArray();
    }
}
