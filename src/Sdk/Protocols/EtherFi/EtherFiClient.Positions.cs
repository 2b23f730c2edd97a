using LiquidStake.Ethereum;
using LiquidStake.Sdk.Contracts.EtherFi;

namespace LiquidStake.Sdk.Protocols.EtherFi;

// ether.fi positions: eETH, weETH and open withdrawal NFTs per account.

public partial class EtherFiClient
{
    /// <summary>The account's eETH (balance, shares, ETH value) and weETH (balance, shares = balance, eETH value).</summary>
    public virtual async Task<IReadOnlyList<Position>> GetPositionsAsync(Address account, CancellationToken cancellationToken = default)
    {
        var all = await GetPositionsAsync([account], cancellationToken).ConfigureAwait(false);
        return all[account];
    }

    /// <summary>eETH and weETH positions of every account, with the pool totals, in one Multicall3 pass (one HTTP request).</summary>
    public virtual Task<IReadOnlyDictionary<Address, IReadOnlyList<Position>>> GetPositionsAsync(IReadOnlyList<Address> accounts, CancellationToken cancellationToken = default) =>
        BatchReads.ReadPerAccountAsync<IReadOnlyList<Position>>(_context,
            [Call(_addresses.LiquidityPool, LiquidityPool.EncodeGetTotalPooledEther()), Call(_addresses.EEth, EEth.EncodeTotalShares())],
            accounts,
            account =>
            [
                BatchReads.View(_addresses.EEth, EEth.EncodeBalanceOf(account)),
                BatchReads.View(_addresses.EEth, EEth.EncodeShares(account)),
                BatchReads.View(_addresses.WeEth, WeEth.EncodeBalanceOf(account)),
            ],
            (account, shared, own) =>
            {
                var pooled = LiquidityPool.DecodeGetTotalPooledEtherOutput(shared[0]);
                var total = EEth.DecodeTotalSharesOutput(shared[1]);
                var eEthBalance = EEth.DecodeBalanceOfOutput(own[0]);
                var shares = EEth.DecodeSharesOutput(own[1]);
                var weEth = WeEth.DecodeBalanceOfOutput(own[2]);
                return
                [
                    new Position(Id, account, EEthToken, eEthBalance, shares, eEthBalance),
                    new Position(Id, account, WeEthToken, weEth, weEth, EtherFiMath.AmountForShare(weEth, pooled, total)),
                ];
            },
            cancellationToken);
}
