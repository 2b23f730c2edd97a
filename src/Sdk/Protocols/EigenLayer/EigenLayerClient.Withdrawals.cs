using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Multicall;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Ethereum.Transactions;
using LiquidStake.Sdk.Contracts.Common;
using LiquidStake.Sdk.Contracts.EigenLayer;
using LiquidStake.Sdk.Withdrawals;

namespace LiquidStake.Sdk.Protocols.EigenLayer;

// EigenLayer withdrawals: queue, roots, the delay, listing queued withdrawals and completing them.

public partial class EigenLayerClient
{
    /// <summary>Converts a desired withdrawable amount of shares into the deposit shares to queue (<c>convertToDepositShares</c>).</summary>
    public virtual async Task<BigInteger> ConvertToDepositSharesAsync(Address staker, Address strategy, BigInteger withdrawableShares, CancellationToken cancellationToken = default)
    {
        var r = await Delegation.ConvertToDepositSharesAsync(staker, [strategy], [withdrawableShares], null, cancellationToken).ConfigureAwait(false);
        return r[0];
    }

    /// <summary>
    /// Prepares <c>queueWithdrawals</c> of <paramref name="depositShares"/> deposit shares from <paramref name="strategy"/>.
    /// Pre-flight: positive amount, at most the deposit shares held, queue not paused.
    /// </summary>
    public virtual Task<PreparedTransaction> PrepareQueueWithdrawalAsync(Address staker, Address strategy, BigInteger depositShares, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(staker);
        AddressArguments.RequireNonZero(strategy);
        return QueueWithdrawalCoreAsync(staker, strategy, depositShares, nameof(strategy), nameof(depositShares), cancellationToken);
    }

    // Shared by PrepareQueueWithdrawalAsync and PrepareWithdrawalRequestAsync: errors name the public caller's parameters.
    private async Task<PreparedTransaction> QueueWithdrawalCoreAsync(Address staker, Address strategy, BigInteger depositShares, string strategyParam, string sharesParam, CancellationToken cancellationToken)
    {
        if (depositShares.Sign <= 0) throw new AmountNotPositiveException(ProtocolId.EigenLayer, sharesParam, depositShares);
        await _context.EnsureChainAsync(cancellationToken).ConfigureAwait(false);
        var r = await _context.Multicall.AggregateAsync(
        [
            new MulticallCall(_addresses.DelegationManager, DelegationManager.EncodeGetWithdrawableShares(staker, [strategy]), false),
            new MulticallCall(_addresses.DelegationManager, DelegationManager.EncodePaused(1), false),
        ], BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
        var shares = DelegationManager.DecodeGetWithdrawableSharesOutput(r[0].ReturnData);
        if (DelegationManager.DecodePausedUint8Output(r[1].ReturnData)) throw new ProtocolPausedException(ProtocolId.EigenLayer, "the withdrawal queue");
        var held = shares.DepositShares[0];
        if (held.IsZero) throw new EigenLayerPreflightException("StrategyNotFound", strategyParam, $"{staker} holds no deposit shares in strategy {strategy}");
        if (depositShares > held) throw new EigenLayerPreflightException("SharesAmountTooHigh", sharesParam, $"{depositShares} deposit shares is more than the {held} held", $"at most {held} deposit shares");
        var expectedWithdrawable = held.IsZero ? BigInteger.Zero : shares.WithdrawableShares[0] * depositShares / held;
        var step = new TransactionStep(TransactionStepKind.Action,
            $"Queue an EigenLayer withdrawal of {depositShares} deposit shares (about {expectedWithdrawable} withdrawable shares) from strategy {strategy}",
            Delegation.PrepareQueueWithdrawals([new QueuedWithdrawalParams([strategy], [depositShares], staker)]) with { From = staker });
        return new PreparedTransaction(Id, step.Description, [step]);
    }

    /// <summary>Queues a withdrawal and returns the roots and structs from <c>SlashingWithdrawalQueued</c>.</summary>
    public virtual async Task<QueueResult> QueueWithdrawalAsync(ISigner signer, Address strategy, BigInteger depositShares, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var plan = await PrepareQueueWithdrawalAsync(signer.Address, strategy, depositShares, cancellationToken).ConfigureAwait(false);
        return DecodeQueued(await _executor.SendAsync(plan, signer, 1, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Decodes every <c>SlashingWithdrawalQueued</c> event of an executed plan.</summary>
    public virtual QueueResult DecodeQueued(PlanExecution execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var list = new List<QueuedWithdrawal>();
        foreach (var log in execution.Logs)
            if (DelegationManager.TryDecodeSlashingWithdrawalQueuedEvent(log, out var e, _addresses.DelegationManager))
                list.Add(new QueuedWithdrawal(new Hash32(e.WithdrawalRoot), e.Withdrawal, e.SharesToWithdraw));
        return new QueueResult(execution, list);
    }

    /// <summary><c>keccak256(abi.encode(withdrawal))</c> computed locally (the struct as a one-element parameter list).</summary>
    public static Hash32 ComputeWithdrawalRoot(Withdrawal withdrawal)
    {
        ArgumentNullException.ThrowIfNull(withdrawal);
        // calculateWithdrawalRoot's calldata is selector + abi.encode(withdrawal): hash everything after the selector.
        var calldata = DelegationManager.EncodeCalculateWithdrawalRoot(withdrawal);
        return new Hash32(LiquidStake.Ethereum.Crypto.Keccak256.Hash(calldata.AsSpan(4)));
    }

    /// <summary>The staker's queued withdrawals (<c>getQueuedWithdrawals</c>), each with root, full struct, shares and completable block.</summary>
    public virtual async Task<IReadOnlyList<EigenLayerWithdrawalRequest>> GetQueuedWithdrawalsAsync(Address staker, CancellationToken cancellationToken = default) =>
        (await GetQueuedWithdrawalsAsync([staker], cancellationToken).ConfigureAwait(false))[staker];

    /// <summary>The queued withdrawals of many stakers: one Multicall3 pass of <c>getQueuedWithdrawals</c> for all of them.</summary>
    public virtual async Task<IReadOnlyDictionary<Address, IReadOnlyList<EigenLayerWithdrawalRequest>>> GetQueuedWithdrawalsAsync(IReadOnlyList<Address> stakers, CancellationToken cancellationToken = default)
    {
        var distinct = BatchReads.DistinctAccounts(stakers);
        var result = new Dictionary<Address, IReadOnlyList<EigenLayerWithdrawalRequest>>(distinct.Length);
        if (distinct.Length == 0) return result;
        var calls = new List<MulticallCall>(distinct.Length + 1) { new(_addresses.DelegationManager, DelegationManager.EncodeMinWithdrawalDelayBlocks(), false) };
        // A staker's listing grows with its queue (hundreds of withdrawals cost millions of gas): each gets a chunk of
        // its own, and the chunks still travel as one JSON-RPC batch.
        var alone = _context.Multicall.Options.MaxGasPerChunk;
        calls.AddRange(distinct.Select(s => new MulticallCall(_addresses.DelegationManager, DelegationManager.EncodeGetQueuedWithdrawals(s), false, alone)));
        var r = await _context.Multicall.AggregateAsync(calls, BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
        var delay = (ulong)DelegationManager.DecodeMinWithdrawalDelayBlocksOutput(r[0].ReturnData);
        var head = await _context.Rpc.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
        var now = _context.TimeProvider.GetUtcNow();
        for (int i = 0; i < distinct.Length; i++)
        {
            var queued = DelegationManager.DecodeGetQueuedWithdrawalsOutput(r[i + 1].ReturnData);
            var list = new List<EigenLayerWithdrawalRequest>(queued.Withdrawals.Count);
            for (int j = 0; j < queued.Withdrawals.Count; j++)
                list.Add(ToRequest(queued.Withdrawals[j], queued.Shares[j], delay, head, now));
            result[distinct[i]] = list;
        }
        return result;
    }

    /// <inheritdoc/>
    async Task<IReadOnlyDictionary<Address, IReadOnlyList<WithdrawalRequest>>> IWithdrawalBatchLister.GetWithdrawalRequestsAsync(IReadOnlyList<Address> owners, CancellationToken cancellationToken) =>
        (await GetQueuedWithdrawalsAsync(owners, cancellationToken).ConfigureAwait(false)).ToDictionary(p => p.Key, p => (IReadOnlyList<WithdrawalRequest>)p.Value);

    /// <summary>
    /// The first block in which a withdrawal queued in <paramref name="startBlock"/> can be completed: the contract
    /// requires <c>block.number &gt; startBlock + minWithdrawalDelayBlocks</c>.
    /// </summary>
    public static ulong ComputeClaimableBlock(ulong startBlock, ulong minWithdrawalDelayBlocks) => checked(startBlock + minWithdrawalDelayBlocks + 1);

    /// <summary>
    /// The blocks still to be mined before a withdrawal completable from <paramref name="claimableAtBlock"/> can be
    /// completed, given the chain head: the next transaction lands in <c>head + 1</c>, so 0 once <c>head + 1 &gt;= claimableAtBlock</c>.
    /// </summary>
    public static ulong ComputeBlocksUntilClaimable(ulong claimableAtBlock, ulong head) => head + 1 >= claimableAtBlock ? 0 : claimableAtBlock - head - 1;

    private EigenLayerWithdrawalRequest ToRequest(Withdrawal w, IReadOnlyList<BigInteger> shares, ulong delay, ulong head, DateTimeOffset now)
    {
        var root = ComputeWithdrawalRoot(w);
        var claimableAt = ComputeClaimableBlock((ulong)w.StartBlock, delay);
        var blocksLeft = ComputeBlocksUntilClaimable(claimableAt, head);
        var status = blocksLeft == 0 ? WithdrawalStatus.Claimable : WithdrawalStatus.Pending;
        BigInteger total = BigInteger.Zero;
        foreach (var s in shares) total += s;
        BigInteger requested = BigInteger.Zero;
        foreach (var s in w.ScaledShares) requested += s;
        DateTimeOffset? eta = blocksLeft == 0 ? null : now + blocksLeft * _options.BlockTime;
        return new EigenLayerWithdrawalRequest(WithdrawalId.ForRoot(Id, root), w.Withdrawer, w.Strategies.Count > 0 ? TokenForStrategy(w.Strategies[0]) : StrategySharesToken,
            requested, total, status, null, claimableAt, eta, root, w, shares);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Reads <c>pendingWithdrawals(root)</c>, <c>getQueuedWithdrawal(root)</c> and <c>minWithdrawalDelayBlocks</c> in one
    /// Multicall3 batch. EigenLayer deletes a withdrawal when it is completed, so for a root that is no longer pending the
    /// queue and completion events are looked up (within <see cref="EigenLayerClientOptions.CompletedWithdrawalLookbackBlocks"/>):
    /// a completed withdrawal reads as Claimed, one never queued (or older than the lookback) as null. A root queued by
    /// another staker is null for <paramref name="owner"/>.
    /// </remarks>
    /// <exception cref="LiquidStakeArgumentException"><paramref name="id"/> is not an EigenLayer withdrawal root.</exception>
    public virtual async Task<WithdrawalRequest?> GetWithdrawalRequestAsync(Address owner, WithdrawalId id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Protocol != Id || id.WithdrawalRoot is not { } root)
            throw new LiquidStakeArgumentException(nameof(id), $"{id} is not an EigenLayer withdrawal root", "eigenlayer:0x<32-byte root>");
        var rootBytes = root.ToArray();
        var r = await _context.Multicall.AggregateAsync(
        [
            new MulticallCall(_addresses.DelegationManager, DelegationManager.EncodePendingWithdrawals(rootBytes), false),
            new MulticallCall(_addresses.DelegationManager, DelegationManager.EncodeGetQueuedWithdrawal(rootBytes), false),
            new MulticallCall(_addresses.DelegationManager, DelegationManager.EncodeMinWithdrawalDelayBlocks(), false),
        ], BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
        if (!DelegationManager.DecodePendingWithdrawalsOutput(r[0].ReturnData))
            return await FindCompletedWithdrawalAsync(owner, root, cancellationToken).ConfigureAwait(false);
        var queued = DelegationManager.DecodeGetQueuedWithdrawalOutput(r[1].ReturnData);
        if (queued.Withdrawal.Staker != owner) return null;
        var delay = (ulong)DelegationManager.DecodeMinWithdrawalDelayBlocksOutput(r[2].ReturnData);
        var head = await _context.Rpc.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
        return ToRequest(queued.Withdrawal, queued.Shares, delay, head, _context.TimeProvider.GetUtcNow());
    }

    /// <summary>
    /// A root that is not pending is either completed (EigenLayer deletes it on completion) or unknown. Its
    /// <c>SlashingWithdrawalQueued</c> and <c>SlashingWithdrawalCompleted</c> events, found within
    /// <see cref="EigenLayerClientOptions.CompletedWithdrawalLookbackBlocks"/>, tell which: both found means Claimed,
    /// anything else means the chain does not know it (null).
    /// </summary>
    private async Task<WithdrawalRequest?> FindCompletedWithdrawalAsync(Address owner, Hash32 root, CancellationToken cancellationToken)
    {
        var head = await _context.Rpc.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
        var from = head > _options.CompletedWithdrawalLookbackBlocks ? head - _options.CompletedWithdrawalLookbackBlocks : 0;
        var filter = new Ethereum.Contracts.EventFilter
        {
            Addresses = [_addresses.DelegationManager],
            Topics = [[DelegationManager.SlashingWithdrawalQueuedEventTopic, DelegationManager.SlashingWithdrawalCompletedEventTopic]],
        };
        var logs = await _context.Rpc.GetLogsAsync(filter, BlockParameter.AtNumber(from), BlockParameter.AtNumber(head), cancellationToken).ConfigureAwait(false);
        SlashingWithdrawalQueuedEvent? queued = null;
        bool completed = false;
        foreach (var log in logs)
        {
            if (DelegationManager.TryDecodeSlashingWithdrawalQueuedEvent(log, out var q, _addresses.DelegationManager) && new Hash32(q.WithdrawalRoot) == root) queued = q;
            else if (DelegationManager.TryDecodeSlashingWithdrawalCompletedEvent(log, out var c, _addresses.DelegationManager) && new Hash32(c.WithdrawalRoot) == root) completed = true;
        }
        if (queued is null || !completed || queued.Withdrawal.Staker != owner) return null;
        var request = ToRequest(queued.Withdrawal, queued.SharesToWithdraw, 0, head, _context.TimeProvider.GetUtcNow());
        return request with { Status = WithdrawalStatus.Claimed, EstimatedClaimableAt = null, ClaimableAtBlock = null };
    }

    /// <inheritdoc/>
    /// <remarks>
    /// A withdrawal queued now lands in the next block and completes <c>minWithdrawalDelayBlocks + 1</c> blocks later;
    /// the wait assumes <see cref="EigenLayerClientOptions.BlockTime"/> per block (12 s, the post-merge slot time, with
    /// no missed slots). The amount does not change the delay.
    /// </remarks>
    public virtual async Task<TimeSpan?> EstimateWithdrawalWaitAsync(BigInteger amount, CancellationToken cancellationToken = default)
    {
        if (amount.Sign <= 0) throw new AmountNotPositiveException(ProtocolId.EigenLayer, nameof(amount), amount);
        var delay = await Delegation.MinWithdrawalDelayBlocksAsync(null, cancellationToken).ConfigureAwait(false);
        return EstimateWait((ulong)delay, _options.BlockTime);
    }

    /// <summary>The wait of a withdrawal queued now: <c>(minWithdrawalDelayBlocks + 1) × blockTime</c>.</summary>
    public static TimeSpan EstimateWait(ulong minWithdrawalDelayBlocks, TimeSpan blockTime) => (minWithdrawalDelayBlocks + 1) * blockTime;

    /// <summary>
    /// Prepares <c>completeQueuedWithdrawal(s)</c> as tokens for the given roots (looked up on chain). Refuses
    /// pre-flight with <c>WithdrawalDelayNotElapsed</c> when a withdrawal is not completable in the next block.
    /// </summary>
    public virtual Task<PreparedTransaction> PrepareCompleteAsync(Address staker, IReadOnlyList<Hash32> roots, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(staker);
        ArgumentNullException.ThrowIfNull(roots);
        return CompleteCoreAsync(staker, roots, nameof(roots), cancellationToken);
    }

    // Shared by PrepareCompleteAsync and PrepareClaimAsync: errors name the public caller's list (roots or withdrawals).
    private async Task<PreparedTransaction> CompleteCoreAsync(Address staker, IReadOnlyList<Hash32> roots, string rootsParam, CancellationToken cancellationToken)
    {
        if (roots.Count == 0) throw new LiquidStakeArgumentException(rootsParam, "no withdrawal roots given", "at least one");
        await _context.EnsureChainAsync(cancellationToken).ConfigureAwait(false);
        var all = await GetQueuedWithdrawalsAsync(staker, cancellationToken).ConfigureAwait(false);
        var chosen = new List<EigenLayerWithdrawalRequest>(roots.Count);
        foreach (var root in roots)
        {
            var found = all.FirstOrDefault(w => w.Root == root)
                ?? throw new EigenLayerPreflightException("WithdrawalNotQueued", rootsParam, $"withdrawal {root} is not queued for {staker}");
            if (found.Status != WithdrawalStatus.Claimable)
                throw new EigenLayerPreflightException("WithdrawalDelayNotElapsed", rootsParam, $"withdrawal {root} becomes completable at block {found.ClaimableAtBlock}", $"block >= {found.ClaimableAtBlock}");
            chosen.Add(found);
        }
        if (await Delegation.PausedAsync(2, null, cancellationToken).ConfigureAwait(false)) throw new ProtocolPausedException(ProtocolId.EigenLayer, "completing withdrawals");
        var strategies = chosen.SelectMany(c => c.Withdrawal.Strategies).Distinct().ToList();
        var r = await _context.Multicall.AggregateAsync(
            strategies.SelectMany(s => new[] { new MulticallCall(s, StrategyBaseTvlLimits.EncodeUnderlyingToken(), false), new MulticallCall(s, StrategyBaseTvlLimits.EncodePaused(1)) }).ToList(),
            BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
        var tokenOf = new Dictionary<Address, Address>();
        for (int i = 0; i < strategies.Count; i++)
        {
            tokenOf[strategies[i]] = StrategyBaseTvlLimits.DecodeUnderlyingTokenOutput(r[2 * i].ReturnData);
            if (r[2 * i + 1].Success && StrategyBaseTvlLimits.DecodePausedUint8Output(r[2 * i + 1].ReturnData))
                throw new ProtocolPausedException(ProtocolId.EigenLayer, $"withdrawals from strategy {strategies[i]}");
        }
        var tokens = chosen.Select(c => (IReadOnlyList<Address>)c.Withdrawal.Strategies.Select(s => tokenOf[s]).ToArray()).ToArray();
        TransactionRequest request = chosen.Count == 1
            ? Delegation.PrepareCompleteQueuedWithdrawal(chosen[0].Withdrawal, tokens[0], true)
            : Delegation.PrepareCompleteQueuedWithdrawals(chosen.Select(c => c.Withdrawal).ToArray(), tokens, chosen.Select(_ => true).ToArray());
        var step = new TransactionStep(TransactionStepKind.Action, $"Complete {chosen.Count} EigenLayer withdrawal(s) as tokens", request with { From = staker });
        return new PreparedTransaction(Id, step.Description, [step]);
    }

    /// <summary>Completes withdrawals as tokens and returns what was received (ERC-20 transfers to the staker).</summary>
    public virtual async Task<CompletionResult> CompleteAsync(ISigner signer, IReadOnlyList<Hash32> roots, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var plan = await PrepareCompleteAsync(signer.Address, roots, cancellationToken).ConfigureAwait(false);
        return DecodeCompletion(await _executor.SendAsync(plan, signer, 1, cancellationToken).ConfigureAwait(false), signer.Address);
    }

    /// <summary>Decodes <c>SlashingWithdrawalCompleted</c> and the token transfers to <paramref name="staker"/>.</summary>
    public virtual CompletionResult DecodeCompletion(PlanExecution execution, Address staker)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var roots = new List<Hash32>();
        var received = new List<TokenReceived>();
        foreach (var log in execution.ActionReceipt.Logs)
        {
            if (DelegationManager.TryDecodeSlashingWithdrawalCompletedEvent(log, out var c, _addresses.DelegationManager)) roots.Add(new Hash32(c.WithdrawalRoot));
            else if (Erc20.TryDecodeTransferEvent(log, out var t) && t.To == staker) received.Add(new TokenReceived(log.Address, t.Value));
        }
        return new CompletionResult(execution, roots, received);
    }
}
