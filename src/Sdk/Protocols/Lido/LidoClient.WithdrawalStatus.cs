using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Multicall;
using LiquidStake.Sdk.Contracts.Lido;
using LiquidStake.Sdk.Withdrawals;

namespace LiquidStake.Sdk.Protocols.Lido;

// Reading withdrawal requests: statuses, checkpoint hints and claimable ETH for any number of ids (and owners) in
// three Multicall3 passes, each sent as one JSON-RPC batch however many chunks it needs.
public partial class LidoClient
{
    // Ids per call of the array views, and the gas each id is assumed to cost there: a request's storage (cold), a
    // binary search over checkpoints, the claimable amount's two requests and one checkpoint. The hints keep every
    // aggregate3 chunk well inside a node's eth_call gas cap.
    private const int IdsPerCall = 500;
    private const ulong StatusGasPerId = 12_000;
    private const ulong HintGasPerId = 25_000;
    private const ulong ClaimableGasPerId = 15_000;

    /// <summary>
    /// <see cref="IWithdrawalBatchLister"/>: the unclaimed requests of many owners with the same status, claimable ETH
    /// and hints as <see cref="GetWithdrawalRequestsAsync(Address, CancellationToken)"/> — one pass of
    /// <c>getWithdrawalRequests</c> for all owners, then one status read for all their ids.
    /// </summary>
    public virtual async Task<IReadOnlyDictionary<Address, IReadOnlyList<WithdrawalRequest>>> GetWithdrawalRequestsAsync(IReadOnlyList<Address> owners, CancellationToken cancellationToken = default)
    {
        var distinct = BatchReads.DistinctAccounts(owners);
        var result = new Dictionary<Address, IReadOnlyList<WithdrawalRequest>>(distinct.Length);
        if (distinct.Length == 0) return result;
        var lists = await ReadAsync(cancellationToken, distinct.Select(o => Call(_addresses.WithdrawalQueue, WithdrawalQueueErc721.EncodeGetWithdrawalRequests(o))).ToArray()).ConfigureAwait(false);
        var idsByOwner = lists.Select(d => WithdrawalQueueErc721.DecodeGetWithdrawalRequestsOutput(d)).ToArray();
        var details = (await GetWithdrawalStatusAsync(idsByOwner.SelectMany(ids => ids).ToArray(), cancellationToken).ConfigureAwait(false))
            .ToDictionary(d => d.Id.RequestId!.Value);
        for (int i = 0; i < distinct.Length; i++)
            result[distinct[i]] = idsByOwner[i].Order().Select(id => (WithdrawalRequest)details[id]).ToArray();
        return result;
    }

    /// <summary>
    /// Status, claimable ETH and hint of the given requests (any owner), in ascending id order. Hints are asked only for
    /// finalized, unclaimed ids: the real <c>findCheckpointHints</c> carries each hint into the next id's search range,
    /// so an unfinalized id (hint 0) makes every later id revert <c>InvalidRequestIdRange</c>.
    /// </summary>
    public virtual async Task<IReadOnlyList<LidoWithdrawalRequest>> GetWithdrawalStatusAsync(IReadOnlyList<BigInteger> requestIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requestIds);
        var sorted = requestIds.Distinct().Order().ToArray();
        if (sorted.Length == 0) return [];

        var chunks = sorted.Chunk(IdsPerCall).ToArray();
        var calls = new List<MulticallCall>(chunks.Length + 1) { Call(_addresses.WithdrawalQueue, WithdrawalQueueErc721.EncodeGetLastCheckpointIndex()) };
        calls.AddRange(chunks.Select(c => View(WithdrawalQueueErc721.EncodeGetWithdrawalStatus(c), (ulong)c.Length * StatusGasPerId)));
        var first = await ReadAsync(cancellationToken, [.. calls]).ConfigureAwait(false);
        var lastCheckpoint = WithdrawalQueueErc721.DecodeGetLastCheckpointIndexOutput(first[0]);
        var statuses = first.Skip(1).SelectMany(d => WithdrawalQueueErc721.DecodeGetWithdrawalStatusOutput(d)).ToArray();

        var hints = new Dictionary<BigInteger, BigInteger>();
        var claimable = new Dictionary<BigInteger, BigInteger>();
        var open = sorted.Where((_, i) => statuses[i].IsFinalized && !statuses[i].IsClaimed).ToArray();
        if (open.Length > 0 && lastCheckpoint.Sign > 0)
        {
            var openChunks = open.Chunk(IdsPerCall).ToArray();
            var hintData = await ReadAsync(cancellationToken, openChunks
                .Select(c => View(WithdrawalQueueErc721.EncodeFindCheckpointHints(c, BigInteger.One, lastCheckpoint), (ulong)c.Length * HintGasPerId)).ToArray()).ConfigureAwait(false);
            var hintChunks = hintData.Select(d => WithdrawalQueueErc721.DecodeFindCheckpointHintsOutput(d)).ToArray();
            var amountData = await ReadAsync(cancellationToken, openChunks
                .Select((c, i) => View(WithdrawalQueueErc721.EncodeGetClaimableEther(c, hintChunks[i]), (ulong)c.Length * ClaimableGasPerId)).ToArray()).ConfigureAwait(false);
            for (int i = 0; i < openChunks.Length; i++)
            {
                var amounts = WithdrawalQueueErc721.DecodeGetClaimableEtherOutput(amountData[i]);
                for (int j = 0; j < openChunks[i].Length; j++)
                {
                    hints[openChunks[i][j]] = hintChunks[i][j];
                    claimable[openChunks[i][j]] = amounts[j];
                }
            }
        }

        var result = new LidoWithdrawalRequest[sorted.Length];
        for (int i = 0; i < sorted.Length; i++)
        {
            var s = statuses[i];
            var status = s.IsClaimed ? WithdrawalStatus.Claimed : s.IsFinalized ? WithdrawalStatus.Claimable : WithdrawalStatus.Pending;
            result[i] = new LidoWithdrawalRequest(
                WithdrawalId.ForRequest(Id, sorted[i]), s.Owner, StEthToken, s.AmountOfStEth,
                status == WithdrawalStatus.Claimable ? claimable.GetValueOrDefault(sorted[i]) : status == WithdrawalStatus.Claimed ? BigInteger.Zero : null,
                status, DateTimeOffset.FromUnixTimeSeconds((long)s.Timestamp), s.AmountOfShares, hints.GetValueOrDefault(sorted[i]));
        }
        if (result.Any(r => r.Status == WithdrawalStatus.Pending)) await EstimatePendingAsync(result, cancellationToken).ConfigureAwait(false);
        return result;
    }

    private MulticallCall View(byte[] data, ulong gas) => new(_addresses.WithdrawalQueue, data, AllowFailure: true, GasHint: gas);
}
