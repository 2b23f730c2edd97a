using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Sdk.Contracts.EtherFi;
using LiquidStake.Sdk.Withdrawals;

namespace LiquidStake.Sdk.Protocols.EtherFi;

// Listing withdrawal NFTs of many owners: the NFT is not enumerable, so its Transfer logs say who received and who
// burned which ids; one eth_getLogs per direction serves every owner (the owner topic is an OR list).
public partial class EtherFiClient
{
    /// <summary>
    /// <see cref="IWithdrawalBatchLister"/>: every owner's withdrawal NFTs exactly as <see cref="GetWithdrawalRequestsAsync(Address, CancellationToken)"/>
    /// builds them, with two <c>eth_getLogs</c> for all owners, one status batch for all ids and one log read for the
    /// request-time amounts of claimed ones.
    /// </summary>
    public virtual async Task<IReadOnlyDictionary<Address, IReadOnlyList<WithdrawalRequest>>> GetWithdrawalRequestsAsync(IReadOnlyList<Address> owners, CancellationToken cancellationToken = default)
    {
        var distinct = BatchReads.DistinctAccounts(owners);
        var result = new Dictionary<Address, IReadOnlyList<WithdrawalRequest>>(distinct.Length);
        if (distinct.Length == 0) return result;
        var from = BlockParameter.AtNumber(Options.WithdrawalLogsFromBlock);
        var template = WithdrawRequestNft.CreateTransferFilter();
        var ownerTopics = distinct.Select(o => WithdrawRequestNft.CreateTransferFilter(null, o).Topics[2]![0]).ToArray();
        var zeroTopic = WithdrawRequestNft.CreateTransferFilter(null, Address.Zero).Topics[2]![0];
        var receivedFilter = template with { Topics = [template.Topics[0], null, ownerTopics] };
        var burnedFilter = template with { Topics = [template.Topics[0], ownerTopics, [zeroTopic]] };
        var received = await _context.Rpc.GetLogsAsync(receivedFilter, from, BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
        var burned = await _context.Rpc.GetLogsAsync(burnedFilter, from, BlockParameter.Latest, cancellationToken).ConfigureAwait(false);

        var receivedBy = distinct.ToDictionary(o => o, _ => new SortedSet<BigInteger>());
        var claimedBy = distinct.ToDictionary(o => o, _ => new HashSet<BigInteger>());
        foreach (var log in received)
            if (WithdrawRequestNft.TryDecodeTransferEvent(log, out var t, _addresses.WithdrawRequestNft) && receivedBy.TryGetValue(t.To, out var set)) set.Add(t.TokenId);
        foreach (var log in burned)
            if (WithdrawRequestNft.TryDecodeTransferEvent(log, out var t, _addresses.WithdrawRequestNft) && t.To == Address.Zero && claimedBy.TryGetValue(t.From, out var set)) set.Add(t.TokenId);

        var ids = receivedBy.Values.SelectMany(s => s).Distinct().Order().ToArray();
        var statuses = ids.Length == 0 ? [] : (await GetWithdrawalStatusesAsync(ids, cancellationToken).ConfigureAwait(false)).ToDictionary(s => s.RequestId);
        var claimed = distinct.SelectMany(o => receivedBy[o].Where(id => statuses[id].Owner is null && claimedBy[o].Contains(id))).Distinct().ToArray();
        var requested = await ReadRequestedAmountsAsync(claimed, cancellationToken).ConfigureAwait(false);
        foreach (var owner in distinct)
        {
            var list = new List<WithdrawalRequest>();
            foreach (var id in receivedBy[owner])
            {
                var s = statuses[id];
                if (s.Owner == owner) list.Add(ToOpenRequest(s, owner));
                else if (s.Owner is null && claimedBy[owner].Contains(id)) list.Add(ToClaimedRequest(id, owner, requested.GetValueOrDefault(id)));
            }
            result[owner] = list;
        }
        return result;
    }
}
