using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Multicall;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Sdk.Contracts.EtherFi;
using LiquidStake.Sdk.Services;
using LiquidStake.Sdk.Withdrawals;

namespace LiquidStake.Sdk.Protocols.EtherFi;

// ether.fi withdrawal queue: WithdrawRequestNFT requests, statuses, the wait estimate and claims.

public partial class EtherFiClient
{
    /// <inheritdoc/>
    public virtual Task<PreparedTransaction> PrepareWithdrawalRequestAsync(Address account, BigInteger amount, CancellationToken cancellationToken = default) =>
        PrepareWithdrawalRequestAsync(account, amount, null, null, cancellationToken);

    /// <summary>
    /// Prepares <c>LiquidityPool.requestWithdraw(recipient, amount)</c> for <paramref name="amount"/> eETH (NFT to
    /// <paramref name="recipient"/>, default the account): with a permit signer <c>requestWithdrawWithPermit</c>,
    /// otherwise an eETH approval to the LiquidityPool when needed. Checks min/max, balance, pause and blacklist.
    /// </summary>
    public virtual async Task<PreparedTransaction> PrepareWithdrawalRequestAsync(Address account, BigInteger amount, Address? recipient, ISigner? permitSigner, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(account);
        AddressArguments.RequireNonZero(recipient);
        var to = recipient ?? account;
        var state = await PreflightTokenAsync(account, amount, nameof(amount), EtherFiRedeemToken.EEth, _addresses.LiquidityPool, cancellationToken, to).ConfigureAwait(false);
        var pool = state.Pool;
        if (amount < pool.MinWithdrawAmount) throw new AmountBelowMinimumException(Id, nameof(amount), amount, pool.MinWithdrawAmount, "wei eETH");
        if (amount > pool.MaxWithdrawAmount) throw new AmountAboveLimitException(Id, nameof(amount), amount, pool.MaxWithdrawAmount, "wei eETH", "maximum withdrawal request");
        if (pool.LiquidityPoolPaused) throw new ProtocolPausedException(Id, "ether.fi LiquidityPool");
        if (pool.EEthPaused) throw new ProtocolPausedException(Id, "ether.fi eETH");
        if (pool.WithdrawRequestNftPaused) throw new ProtocolPausedException(Id, "ether.fi WithdrawRequestNFT");
        var text = $"Request withdrawal of {Eth(amount)} eETH from ether.fi (withdrawal NFT to {to})";
        var permit = await TryPermitAsync(permitSigner, account, "EETH", _addresses.EEth, _addresses.LiquidityPool, amount, state, cancellationToken).ConfigureAwait(false);
        if (permit is not null)
            return Plan(text, new TransactionStep(TransactionStepKind.Action, text + " with an eETH permit", LiquidityPool.PrepareRequestWithdrawWithPermit(to, amount, permit) with { From = account }));
        return Plan(text, ApprovalSteps(state.Allowance, amount, _addresses.EEth, _addresses.LiquidityPool, "eETH", "the ether.fi LiquidityPool", account,
            new TransactionStep(TransactionStepKind.Action, text, LiquidityPool.PrepareRequestWithdraw(to, amount) with { From = account })));
    }

    /// <summary>Requests a withdrawal and returns the NFT id from the WithdrawRequestCreated event.</summary>
    public virtual async Task<EtherFiWithdrawalRequestResult> RequestWithdrawalAsync(ISigner signer, BigInteger amount, Address? recipient = null, bool usePermit = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var plan = await PrepareWithdrawalRequestAsync(signer.Address, amount, recipient, usePermit ? signer : null, cancellationToken).ConfigureAwait(false);
        var execution = await Executor.SendAsync(plan, signer, 1, cancellationToken).ConfigureAwait(false);
        foreach (var log in execution.ActionReceipt.Logs)
        {
            if (WithdrawRequestNft.TryDecodeWithdrawRequestCreatedEvent(log, out var created, _addresses.WithdrawRequestNft))
                return new EtherFiWithdrawalRequestResult(execution, WithdrawalId.ForRequest(Id, created.RequestId), created.RequestId, created.AmountOfEEth, created.ShareOfEEth, created.Owner);
        }
        throw new EthereumFormatException("the withdrawal request receipt has no WithdrawRequestCreated event");
    }

    /// <summary>Reads one request: owner, amount, shares, validity, finalization and the claimable amount per the claim formula.</summary>
    public virtual async Task<EtherFiWithdrawalStatus> GetWithdrawalStatusAsync(BigInteger requestId, CancellationToken cancellationToken = default) =>
        (await GetWithdrawalStatusesAsync([requestId], cancellationToken).ConfigureAwait(false))[0];

    /// <summary>Reads several requests in one batch.</summary>
    public virtual async Task<IReadOnlyList<EtherFiWithdrawalStatus>> GetWithdrawalStatusesAsync(IReadOnlyList<BigInteger> requestIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requestIds);
        var calls = new List<MulticallCall>
        {
            Call(_addresses.WithdrawRequestNft, WithdrawRequestNft.EncodeLastFinalizedRequestId()),
            Call(_addresses.LiquidityPool, LiquidityPool.EncodeAmountPerShareCeil()),
        };
        foreach (var id in requestIds)
        {
            // Small views (a few storage reads each): the gas hint lets hundreds share one aggregate3 chunk.
            calls.Add(Call(_addresses.WithdrawRequestNft, WithdrawRequestNft.EncodeOwnerOf(id), allowFailure: true) with { GasHint = BatchReads.SimpleViewGas });
            calls.Add(Call(_addresses.WithdrawRequestNft, WithdrawRequestNft.EncodeGetRequest(id)) with { GasHint = BatchReads.SimpleViewGas });
            calls.Add(Call(_addresses.WithdrawRequestNft, WithdrawRequestNft.EncodeFrozenRateFor(id)) with { GasHint = BatchReads.SimpleViewGas });
        }
        var results = await _context.Multicall.AggregateAsync(calls, BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
        var lastFinalized = WithdrawRequestNft.DecodeLastFinalizedRequestIdOutput(Required(results[0]));
        var liveRate = LiquidityPool.DecodeAmountPerShareCeilOutput(Required(results[1]));
        var statuses = new List<EtherFiWithdrawalStatus>(requestIds.Count);
        for (int i = 0; i < requestIds.Count; i++)
        {
            var owner = results[2 + 3 * i] is { Success: true, ReturnData.Length: 32 } ok ? WithdrawRequestNft.DecodeOwnerOfOutput(ok.ReturnData) : (Address?)null;
            var request = WithdrawRequestNft.DecodeGetRequestOutput(Required(results[3 + 3 * i]));
            var frozen = WithdrawRequestNft.DecodeFrozenRateForOutput(Required(results[4 + 3 * i]));
            bool finalized = requestIds[i] <= lastFinalized;
            BigInteger? rate = finalized ? (frozen.IsZero ? liveRate : frozen) : null;
            BigInteger? claimable = rate is { } r && owner is not null ? EtherFiMath.ClaimableAmount(request.AmountOfEEth, request.ShareOfEEth, r) : null;
            statuses.Add(new EtherFiWithdrawalStatus(requestIds[i], owner, request.AmountOfEEth, request.ShareOfEEth, request.IsValid, finalized, lastFinalized, rate, claimable));
        }
        return statuses;
    }

    /// <summary>
    /// The account's withdrawal NFTs, found from ERC-721 Transfer logs since <see cref="EtherFiClientOptions.WithdrawalLogsFromBlock"/>
    /// (the NFT is not enumerable): those it still owns (pending or claimable) and those it claimed. A claim burns the NFT and
    /// zeroes its stored request, so a claimed request's <see cref="WithdrawalRequest.AmountRequested"/> is the amount
    /// recorded at request time (its <c>WithdrawRequestCreated</c> event) and its claimable amount is null.
    /// </summary>
    public virtual async Task<IReadOnlyList<WithdrawalRequest>> GetWithdrawalRequestsAsync(Address account, CancellationToken cancellationToken = default) =>
        (await GetWithdrawalRequestsAsync([account], cancellationToken).ConfigureAwait(false))[account];

    /// <summary>
    /// <see cref="IWithdrawalRequestReader"/>: one withdrawal NFT by id, built exactly as in <see cref="GetWithdrawalRequestsAsync(Address, CancellationToken)"/>.
    /// While the NFT exists: the request when <paramref name="owner"/> holds it, null when another account does (as a look-up
    /// in the owner's listing would be). After a claim the NFT is burned and <c>getRequest</c> is zeroed (etherfi.md §6), so
    /// the request is found through its <c>WithdrawRequestClaimed</c> event (since <see cref="EtherFiClientOptions.WithdrawalLogsFromBlock"/>):
    /// when it was claimed while <paramref name="owner"/> held it, <see cref="WithdrawalStatus.Claimed"/> with the amount recorded
    /// at request time (<c>WithdrawRequestCreated</c>). Null when the id was never minted, or claimed under another owner.
    /// </summary>
    /// <exception cref="LiquidStakeArgumentException"><paramref name="id"/> is not an ether.fi request id.</exception>
    public virtual async Task<WithdrawalRequest?> GetWithdrawalRequestAsync(Address owner, WithdrawalId id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Protocol != Id || id.RequestId is not { } requestId)
            throw new LiquidStakeArgumentException(nameof(id), $"{id} is not an ether.fi withdrawal request id", "etherfi:<NFT id>");
        if (requestId.Sign <= 0) return null;
        var status = await GetWithdrawalStatusAsync(requestId, cancellationToken).ConfigureAwait(false);
        if (status.Owner is { } current) return current == owner ? ToOpenRequest(status, owner) : null;
        var logs = await _context.Rpc.GetLogsAsync(WithdrawRequestNft.CreateWithdrawRequestClaimedFilter(requestId),
            BlockParameter.AtNumber(Options.WithdrawalLogsFromBlock), BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
        bool claimedByOwner = false;
        foreach (var log in logs)
            if (WithdrawRequestNft.TryDecodeWithdrawRequestClaimedEvent(log, out var e, _addresses.WithdrawRequestNft) && e.RequestId == requestId && e.Owner == owner) claimedByOwner = true;
        if (!claimedByOwner) return null;
        var requested = await ReadRequestedAmountsAsync([requestId], cancellationToken).ConfigureAwait(false);
        return ToClaimedRequest(requestId, owner, requested.GetValueOrDefault(requestId));
    }

    /// <summary>
    /// <see cref="IWithdrawalWaitEstimator"/>: always null, because the chain holds nothing to estimate from. Requests are
    /// finalized only when the off-chain oracle's report is executed by EtherFiAdmin (<c>finalizeRequests(upToId)</c>);
    /// the WithdrawRequestNFT has no finalization event, no report schedule, frame or deadline, and the pace also depends on
    /// validator exits that are not visible on chain (etherfi.md §6: "timing depends on the oracle cadence and on ETH
    /// liquidity"). The "1–7+ days" in third-party docs is not a protocol guarantee, so it is not passed off as an estimate.
    /// </summary>
    public virtual Task<TimeSpan?> EstimateWithdrawalWaitAsync(BigInteger amount, CancellationToken cancellationToken = default) =>
        Task.FromResult<TimeSpan?>(null);

    private WithdrawalRequest ToOpenRequest(EtherFiWithdrawalStatus s, Address owner) =>
        new(WithdrawalId.ForRequest(Id, s.RequestId), owner, EEthToken, s.AmountOfEEth, s.ClaimableAmount,
            s.IsClaimable ? WithdrawalStatus.Claimable : WithdrawalStatus.Pending, null, null, null);

    private WithdrawalRequest ToClaimedRequest(BigInteger requestId, Address owner, BigInteger amountRequested) =>
        new(WithdrawalId.ForRequest(Id, requestId), owner, EEthToken, amountRequested, null, WithdrawalStatus.Claimed, null, null, null);

    /// <summary>amountOfEEth of each request's <c>WithdrawRequestCreated</c> event (one eth_getLogs with the ids OR-ed in topic 1).</summary>
    private async Task<Dictionary<BigInteger, BigInteger>> ReadRequestedAmountsAsync(BigInteger[] requestIds, CancellationToken cancellationToken)
    {
        var amounts = new Dictionary<BigInteger, BigInteger>();
        if (requestIds.Length == 0) return amounts;
        var template = WithdrawRequestNft.CreateWithdrawRequestCreatedFilter();
        var idTopics = requestIds.Select(id => WithdrawRequestNft.CreateWithdrawRequestCreatedFilter(id).Topics[1]![0]).ToArray();
        var filter = template with { Topics = [template.Topics[0], idTopics] };
        var logs = await _context.Rpc.GetLogsAsync(filter, BlockParameter.AtNumber(Options.WithdrawalLogsFromBlock), BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
        foreach (var log in logs)
            if (WithdrawRequestNft.TryDecodeWithdrawRequestCreatedEvent(log, out var created, _addresses.WithdrawRequestNft)) amounts[created.RequestId] = created.AmountOfEEth;
        return amounts;
    }

    /// <summary>
    /// Prepares <c>claimWithdraw(id)</c> for one request or <c>batchClaimWithdraw(ids)</c> for several. Each must exist,
    /// be valid and finalized; the owner (who gets the ETH) and the caller must not be blacklisted.
    /// </summary>
    public virtual async Task<PreparedTransaction> PrepareClaimAsync(Address account, IReadOnlyList<WithdrawalId> withdrawals, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(account);
        ArgumentNullException.ThrowIfNull(withdrawals);
        if (withdrawals.Count == 0) throw new LiquidStakeArgumentException(nameof(withdrawals), "no withdrawals to claim", "at least one");
        var ids = new List<BigInteger>(withdrawals.Count);
        foreach (var w in withdrawals)
        {
            if (w.Protocol != Id || w.RequestId is not { } id) throw new LiquidStakeArgumentException(nameof(withdrawals), $"{w} is not an ether.fi request id");
            ids.Add(id);
        }
        await _context.EnsureChainAsync(cancellationToken).ConfigureAwait(false);
        var statuses = await GetWithdrawalStatusesAsync(ids, cancellationToken).ConfigureAwait(false);
        var total = BigInteger.Zero;
        var owners = new HashSet<Address> { account };
        foreach (var s in statuses)
        {
            if (s.Owner is not { } owner) throw new WithdrawalNotClaimableException(Id, s.RequestId, "the NFT does not exist (never minted or already claimed)");
            if (!s.IsValid) throw new WithdrawalNotClaimableException(Id, s.RequestId, "it was invalidated");
            if (!s.IsFinalized) throw new WithdrawalNotClaimableException(Id, s.RequestId, $"not finalized yet (last finalized id {s.LastFinalizedRequestId})");
            owners.Add(owner);
            total += s.ClaimableAmount ?? BigInteger.Zero;
        }
        var state = await ReadStateAsync(owners.ToArray(), BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
        ThrowIfBlacklisted(state, nameof(account));
        if (state.Pool.EEthPaused) throw new ProtocolPausedException(Id, "ether.fi eETH");
        var text = ids.Count == 1
            ? $"Claim ether.fi withdrawal {ids[0]} for {Eth(total)} ETH"
            : $"Claim {ids.Count} ether.fi withdrawals ({string.Join(", ", ids)}) for {Eth(total)} ETH";
        var request = (ids.Count == 1 ? WithdrawRequestNft.PrepareClaimWithdraw(ids[0]) : WithdrawRequestNft.PrepareBatchClaimWithdraw(ids)) with { From = account };
        return Plan(text, new TransactionStep(TransactionStepKind.Action, text, request));
    }

    /// <summary>Claims finalized requests and returns what each paid (WithdrawRequestClaimed events).</summary>
    public virtual async Task<EtherFiClaimResult> ClaimAsync(ISigner signer, IReadOnlyList<WithdrawalId> withdrawals, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var plan = await PrepareClaimAsync(signer.Address, withdrawals, cancellationToken).ConfigureAwait(false);
        var execution = await Executor.SendAsync(plan, signer, 1, cancellationToken).ConfigureAwait(false);
        var claims = new List<EtherFiClaimedWithdrawal>();
        foreach (var log in execution.ActionReceipt.Logs)
        {
            if (WithdrawRequestNft.TryDecodeWithdrawRequestClaimedEvent(log, out var claimed, _addresses.WithdrawRequestNft))
                claims.Add(new EtherFiClaimedWithdrawal(claimed.RequestId, claimed.AmountOfEEth, claimed.ShareOfEEth, claimed.Owner));
        }
        return new EtherFiClaimResult(execution, claims);
    }
}
