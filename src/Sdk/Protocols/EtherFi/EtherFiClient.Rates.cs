using System.Numerics;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Sdk.Contracts.EtherFi;

namespace LiquidStake.Sdk.Protocols.EtherFi;

// ether.fi pool state, eETH/weETH rates and APR.

public partial class EtherFiClient
{
    /// <summary>Reads P, S, liquidity, withdrawal bounds and every pause flag in one Multicall3 batch.</summary>
    public virtual async Task<EtherFiPoolState> GetPoolStateAsync(CancellationToken cancellationToken = default) =>
        (await ReadStateAsync(null, BlockParameter.Latest, cancellationToken).ConfigureAwait(false)).Pool;

    /// <summary>The weETH exchange rate: eETH per weETH as the exact fraction P / S (weETH <c>getRate()</c> = ToQuote(1e18)).</summary>
    public virtual async Task<ExchangeRate> GetExchangeRateAsync(CancellationToken cancellationToken = default)
    {
        var state = await GetPoolStateAsync(cancellationToken).ConfigureAwait(false);
        return new ExchangeRate(WeEthToken, EEthToken, state.TotalPooledEther, state.TotalShares.IsZero ? BigInteger.One : state.TotalShares);
    }

    /// <summary>The eETH value of <paramref name="shares"/> (LiquidityPool <c>amountForShare</c>).</summary>
    public virtual Task<BigInteger> GetEEthForSharesAsync(BigInteger shares, CancellationToken cancellationToken = default) =>
        LiquidityPool.AmountForShareAsync(shares, BlockParameter.Latest, cancellationToken);

    /// <summary>weETH <c>getRate()</c>: eETH per 1e18 weETH.</summary>
    public virtual Task<BigInteger> GetWeEthRateAsync(CancellationToken cancellationToken = default) =>
        WeEthContract.GetRateAsync(BlockParameter.Latest, cancellationToken);

    /// <summary>
    /// APR from the LiquidityPool's <c>Rebase(totalEthLocked, totalEEthShares)</c> events in the last
    /// <see cref="EtherFiClientOptions.AprLookbackBlocks"/> blocks: the growth of P/S between the first and last event, annualised.
    /// </summary>
    /// <exception cref="ProtocolStateException">Fewer than two rebases in the window (a state of the chain).</exception>
    public virtual async Task<Apr> GetAprAsync(CancellationToken cancellationToken = default)
    {
        var latest = await _context.Rpc.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
        var from = latest > Options.AprLookbackBlocks ? latest - Options.AprLookbackBlocks : 0;
        var logs = await _context.Rpc.GetLogsAsync(LiquidityPool.CreateRebaseFilter(), BlockParameter.AtNumber(from), BlockParameter.AtNumber(latest), cancellationToken).ConfigureAwait(false);
        var rebases = new List<(RebaseEvent Event, ulong Block)>();
        foreach (var log in logs)
        {
            if (LiquidityPool.TryDecodeRebaseEvent(log, out var rebase, _addresses.LiquidityPool) && rebase.TotalEEthShares.Sign > 0)
                rebases.Add((rebase, log.BlockNumber ?? 0));
        }
        if (rebases.Count < 2)
            throw new ProtocolStateException(Id, $"the APR needs two Rebase events in blocks {from}..{latest}, found {rebases.Count}");
        var first = rebases[0];
        var last = rebases[^1];
        var t0 = await BlockTimeAsync(first.Block, cancellationToken).ConfigureAwait(false);
        var t1 = await BlockTimeAsync(last.Block, cancellationToken).ConfigureAwait(false);
        var percent = EtherFiMath.AprPercent(first.Event.TotalEthLocked, first.Event.TotalEEthShares, last.Event.TotalEthLocked, last.Event.TotalEEthShares, t1 - t0);
        return new Apr(percent, DateTimeOffset.FromUnixTimeSeconds((long)t0), DateTimeOffset.FromUnixTimeSeconds((long)t1), rebases.Count,
            $"growth of totalEthLocked/totalEEthShares between the first and last of {rebases.Count} LiquidityPool Rebase events, annualised over 365 days");
    }

    /// <inheritdoc/>
    /// <remarks>The LiquidityPool's <c>getTotalPooledEther()</c>: ETH in the pool plus ETH out on validators.</remarks>
    public virtual async Task<BigInteger> GetStakedEtherAsync(CancellationToken cancellationToken = default)
    {
        var r = await AggregateAsync([Call(_addresses.LiquidityPool, LiquidityPool.EncodeGetTotalPooledEther())], BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
        return LiquidityPool.DecodeGetTotalPooledEtherOutput(r[0]);
    }
}
