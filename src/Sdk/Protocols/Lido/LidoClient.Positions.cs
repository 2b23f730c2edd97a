using LiquidStake.Ethereum;
using LiquidStake.Sdk.Contracts.Lido;


namespace LiquidStake.Sdk.Protocols.Lido;

// Lido positions: stETH, wstETH and open unstETH requests per account.

public partial class LidoClient
{
    /// <inheritdoc/>
    public virtual async Task<IReadOnlyList<Position>> GetPositionsAsync(Address account, CancellationToken cancellationToken = default)
    {
        var all = await GetPositionsAsync([account], cancellationToken).ConfigureAwait(false);
        return all[account];
    }

    /// <summary>
    /// stETH and wstETH positions of every account, read with the share rate in one Multicall3 pass (one HTTP request:
    /// the chunks go out as one JSON-RPC batch).
    /// </summary>
    public virtual Task<IReadOnlyDictionary<Address, IReadOnlyList<Position>>> GetPositionsAsync(IReadOnlyList<Address> accounts, CancellationToken cancellationToken = default) =>
        BatchReads.ReadPerAccountAsync<IReadOnlyList<Position>>(Context, RateCalls(), accounts,
            account => [BatchReads.View(_addresses.StEth, StEth.EncodeSharesOf(account)), BatchReads.View(_addresses.WstEth, Contracts.Lido.WstEth.EncodeBalanceOf(account))],
            (account, shared, own) =>
            {
                var rate = RateFrom(shared, 0);
                var shares = StEth.DecodeSharesOfOutput(own[0]);
                var wst = Contracts.Lido.WstEth.DecodeBalanceOfOutput(own[1]);
                var stBalance = rate.GetPooledEthByShares(shares);
                return
                [
                    new Position(Id, account, StEthToken, stBalance, shares, stBalance),
                    new Position(Id, account, WstEthToken, wst, wst, rate.GetPooledEthByShares(wst)),
                ];
            },
            cancellationToken);
}
