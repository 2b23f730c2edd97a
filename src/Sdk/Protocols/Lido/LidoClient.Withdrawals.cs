using System.Globalization;
using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Sdk.Contracts.Lido;
using LiquidStake.Sdk.Services;
using Microsoft.Extensions.Logging;

using LiquidStake.Sdk.Withdrawals;

namespace LiquidStake.Sdk.Protocols.Lido;

// Lido withdrawal queue: limits, requests (unstETH), checkpoint hints, claims and the wait estimate.

public partial class LidoClient
{
    /// <summary>Reads the queue's per-request bounds (MIN/MAX_STETH_WITHDRAWAL_AMOUNT) and derives the wstETH ones.</summary>
    public virtual async Task<LidoWithdrawalLimits> GetWithdrawalLimitsAsync(CancellationToken cancellationToken = default) =>
        (await ReadRateAndWithdrawalLimitsAsync(cancellationToken).ConfigureAwait(false)).Limits;

    private async Task<(LidoShareRate Rate, LidoWithdrawalLimits Limits)> ReadRateAndWithdrawalLimitsAsync(CancellationToken cancellationToken)
    {
        var r = await ReadAsync(cancellationToken, [.. RateCalls(),
            Call(_addresses.WithdrawalQueue, WithdrawalQueueErc721.EncodeMinStEthWithdrawalAmount()),
            Call(_addresses.WithdrawalQueue, WithdrawalQueueErc721.EncodeMaxStEthWithdrawalAmount())]).ConfigureAwait(false);
        var rate = RateFrom(r, 0);
        return (rate, LidoWithdrawalLimits.FromRate(rate, WithdrawalQueueErc721.DecodeMinStEthWithdrawalAmountOutput(r[4]), WithdrawalQueueErc721.DecodeMaxStEthWithdrawalAmountOutput(r[5])));
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Splits the amount as <see cref="PrepareWithdrawalRequestAsync(Address, BigInteger, CancellationToken)"/> would (wstETH parts
    /// are unwrapped at <c>getPooledEthByShares</c>), then applies the claim rule of lido.md §6.2 to each request at the current
    /// share rate, which is the rate a report without rewards or losses finalizes at.
    /// </remarks>
    public virtual async Task<BigInteger> QuoteQueuedWithdrawalAsync(StakingToken token, BigInteger amount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (amount.Sign <= 0) throw new AmountNotPositiveException(Id, nameof(amount), amount);
        bool wst = token.Address == _addresses.WstEth;
        if (!wst && token.Address != _addresses.StEth)
            throw new LiquidStakeArgumentException(nameof(token), $"{token.Symbol} ({token.Address}) is not stETH or wstETH", "stETH or wstETH");
        var (rate, limits) = await ReadRateAndWithdrawalLimitsAsync(cancellationToken).ConfigureAwait(false);
        var (min, max) = limits.For(wst ? LidoWithdrawalToken.WstEth : LidoWithdrawalToken.StEth);
        BigInteger total = BigInteger.Zero;
        foreach (var part in SplitRequests(amount, min, max, wst ? "wei of wstETH" : "wei of stETH"))
            total += rate.ClaimForRequest(wst ? rate.GetPooledEthByShares(part) : part);
        return total;
    }

    /// <summary>The account's unclaimed withdrawal requests (ascending ids) with status, claimable ETH and checkpoint hints.</summary>
    public virtual async Task<IReadOnlyList<WithdrawalRequest>> GetWithdrawalRequestsAsync(Address account, CancellationToken cancellationToken = default)
    {
        var ids = await WithdrawalQueue.GetWithdrawalRequestsAsync(account, null, cancellationToken).ConfigureAwait(false);
        var details = await GetWithdrawalStatusAsync(ids, cancellationToken).ConfigureAwait(false);
        return details;
    }

    /// <summary>
    /// <see cref="IWithdrawalRequestReader"/>: one request by id through <c>getWithdrawalStatus([id])</c> (the same read,
    /// hints and claimable amount as <see cref="GetWithdrawalRequestsAsync(Address, CancellationToken)"/>, so an unclaimed request equals its entry
    /// in the listing). A claimed request is still known to the queue and is returned with <see cref="WithdrawalStatus.Claimed"/>
    /// and a claimable amount of 0. Null when the id was never issued (0 or above <c>getLastRequestId()</c>; the
    /// contract would revert <c>InvalidRequestId</c>) or when the request belongs to another owner than
    /// <paramref name="owner"/> (for example after an NFT transfer) — the same answer as a look-up in the owner's listing.
    /// </summary>
    /// <exception cref="LiquidStakeArgumentException"><paramref name="id"/> is not a Lido request id.</exception>
    public virtual async Task<WithdrawalRequest?> GetWithdrawalRequestAsync(Address owner, WithdrawalId id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Protocol != Id || id.RequestId is not { } requestId)
            throw new LiquidStakeArgumentException(nameof(id), $"{id} is not a Lido withdrawal request id", "lido:<request number>");
        if (requestId.Sign <= 0) return null;
        var last = await WithdrawalQueue.GetLastRequestIdAsync(null, cancellationToken).ConfigureAwait(false);
        if (requestId > last) return null;
        var request = (await GetWithdrawalStatusAsync([requestId], cancellationToken).ConfigureAwait(false))[0];
        return request.Owner == owner ? request : null;
    }

    /// <summary>
    /// Fills <see cref="WithdrawalRequest.EstimatedClaimableAt"/> of pending requests with the same on-chain rule as
    /// <see cref="EstimateWithdrawalWaitAsync"/>: the time of the first ref slot at least <see cref="LidoClientOptions.RequestTimestampMargin"/>
    /// after the request, when the buffer covers every waiting request (not in bunker mode, queue not paused). A lower
    /// bound: the report lands some time after its ref slot. Left empty when the chain cannot tell, or when the oracle's
    /// timing cannot be read (the listing itself does not fail for it).
    /// </summary>
    private async Task EstimatePendingAsync(LidoWithdrawalRequest[] requests, CancellationToken cancellationToken)
    {
        LidoWithdrawalTimingState state;
        try
        {
            state = await GetWithdrawalTimingStateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The estimate is optional; the statuses read above stay valid without it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Context.LoggerFactory.CreateLogger<LidoClient>().LogDebug(ex, "Lido oracle timing is unreadable; pending requests carry no estimate");
            return;
        }
        if (state.IsPaused || state.IsBunkerModeActive || !LidoWithdrawalTiming.BufferCovers(state.BufferedEther, state.UnfinalizedStEth, BigInteger.Zero)) return;
        for (int i = 0; i < requests.Length; i++)
        {
            if (requests[i].Status != WithdrawalStatus.Pending || requests[i].RequestedAt is not { } at) continue;
            var refSlot = LidoWithdrawalTiming.FirstFinalizingRefSlot(state.Frames, at.ToUnixTimeSeconds(), Options.RequestTimestampMargin);
            requests[i] = requests[i] with { EstimatedClaimableAt = DateTimeOffset.FromUnixTimeSeconds((long)state.Frames.SlotTimestamp(refSlot)) };
        }
    }

    /// <summary>
    /// Checkpoint hints for ascending request ids: <c>findCheckpointHints(ids, 1, getLastCheckpointIndex())</c> for the
    /// finalized ones (ids up to <c>getLastFinalizedRequestId()</c>), 0 for the rest — the real queue reverts
    /// <c>InvalidRequestIdRange</c> for any id after an unfinalized one, so those are never sent.
    /// </summary>
    public virtual async Task<IReadOnlyList<BigInteger>> GetCheckpointHintsAsync(IReadOnlyList<BigInteger> sortedRequestIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sortedRequestIds);
        var state = await ReadAsync(cancellationToken,
            Call(_addresses.WithdrawalQueue, WithdrawalQueueErc721.EncodeGetLastCheckpointIndex()),
            Call(_addresses.WithdrawalQueue, WithdrawalQueueErc721.EncodeGetLastFinalizedRequestId())).ConfigureAwait(false);
        var last = WithdrawalQueueErc721.DecodeGetLastCheckpointIndexOutput(state[0]);
        var lastFinalized = WithdrawalQueueErc721.DecodeGetLastFinalizedRequestIdOutput(state[1]);
        var hints = new BigInteger[sortedRequestIds.Count];
        if (last.IsZero) return hints;
        var finalized = sortedRequestIds.TakeWhile(id => id <= lastFinalized).ToArray();
        if (finalized.Length == 0) return hints;
        var found = await WithdrawalQueue.FindCheckpointHintsAsync(finalized, BigInteger.One, last, null, cancellationToken).ConfigureAwait(false);
        for (int i = 0; i < found.Count; i++) hints[i] = found[i];
        return hints;
    }

    /// <inheritdoc/>
    public virtual Task<PreparedTransaction> PrepareWithdrawalRequestAsync(Address account, BigInteger amount, CancellationToken cancellationToken = default) =>
        PrepareWithdrawalRequestAsync(account, amount, LidoWithdrawalToken.StEth, null, LidoApprovalMode.Approve, cancellationToken);

    /// <summary>
    /// Prepares withdrawal requests for <paramref name="amount"/> of <paramref name="token"/>, split into as many requests as the
    /// on-chain MIN/MAX bounds need. With <paramref name="permitSigner"/> (mode Auto or Permit) and a short allowance, the
    /// <c>…WithPermit</c> entry is used with a signed permit; otherwise an exact approve step precedes the request.
    /// </summary>
    public virtual async Task<PreparedTransaction> PrepareWithdrawalRequestAsync(Address account, BigInteger amount, LidoWithdrawalToken token, ISigner? permitSigner = null, LidoApprovalMode approvalMode = LidoApprovalMode.Auto, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(account);
        if (amount.Sign <= 0) throw new AmountNotPositiveException(Id, nameof(amount), amount);
        CheckSigner(account, permitSigner, approvalMode);
        await Context.EnsureChainAsync(cancellationToken).ConfigureAwait(false);
        var tokenAddress = token == LidoWithdrawalToken.StEth ? _addresses.StEth : _addresses.WstEth;
        var r = await ReadAsync(cancellationToken, [.. RateCalls(),
            Call(_addresses.WithdrawalQueue, WithdrawalQueueErc721.EncodeMinStEthWithdrawalAmount()),
            Call(_addresses.WithdrawalQueue, WithdrawalQueueErc721.EncodeMaxStEthWithdrawalAmount()),
            Call(_addresses.WithdrawalQueue, WithdrawalQueueErc721.EncodeIsPaused()),
            Call(tokenAddress, StEth.EncodeBalanceOf(account)),
            Call(tokenAddress, StEth.EncodeAllowance(account, _addresses.WithdrawalQueue))]).ConfigureAwait(false);
        var rate = RateFrom(r, 0);
        var limits = LidoWithdrawalLimits.FromRate(rate, WithdrawalQueueErc721.DecodeMinStEthWithdrawalAmountOutput(r[4]), WithdrawalQueueErc721.DecodeMaxStEthWithdrawalAmountOutput(r[5]));
        if (WithdrawalQueueErc721.DecodeIsPausedOutput(r[6])) throw new ProtocolPausedException(Id, "the Lido withdrawal queue");
        var balance = StEth.DecodeBalanceOfOutput(r[7]);
        var allowance = StEth.DecodeAllowanceOutput(r[8]);
        var symbol = token == LidoWithdrawalToken.StEth ? "stETH" : "wstETH";
        if (balance < amount) throw new InsufficientBalanceException(Id, nameof(amount), amount, balance, $"wei of {symbol}");
        var (min, max) = limits.For(token);
        var parts = SplitRequests(amount, min, max, $"wei of {symbol}");
        var description = parts.Count == 1
            ? $"Request withdrawal of {Eth(amount)} {symbol} from Lido"
            : $"Request withdrawal of {Eth(amount)} {symbol} from Lido in {parts.Count} requests";

        var steps = new List<TransactionStep>(2);
        bool needsAllowance = allowance < amount;
        if (await UsePermitAsync(account, needsAllowance, permitSigner, approvalMode, cancellationToken).ConfigureAwait(false))
        {
            var permit = await SignPermitAsync(permitSigner!, token == LidoWithdrawalToken.StEth, _addresses.WithdrawalQueue, amount, cancellationToken).ConfigureAwait(false);
            var call = token == LidoWithdrawalToken.StEth
                ? WithdrawalQueue.PrepareRequestWithdrawalsWithPermit(parts, account, permit)
                : WithdrawalQueue.PrepareRequestWithdrawalsWstEthWithPermit(parts, account, permit);
            steps.Add(Action(description + " (with a signed permit)", call with { From = account }));
        }
        else
        {
            if (needsAllowance)
            {
                var approve = token == LidoWithdrawalToken.StEth ? StEth.PrepareApprove(_addresses.WithdrawalQueue, amount) : WstEth.PrepareApprove(_addresses.WithdrawalQueue, amount);
                steps.Add(new TransactionStep(TransactionStepKind.Approval, $"Approve the Lido withdrawal queue to take {Eth(amount)} {symbol}", approve with { From = account }));
            }
            var call = token == LidoWithdrawalToken.StEth
                ? WithdrawalQueue.PrepareRequestWithdrawals(parts, account)
                : WithdrawalQueue.PrepareRequestWithdrawalsWstEth(parts, account);
            var spent = new AllowanceRequirement(token == LidoWithdrawalToken.StEth ? _addresses.StEth : _addresses.WstEth, account, _addresses.WithdrawalQueue, amount, symbol);
            steps.Add(Action(description, call with { From = account }) with { RequiredAllowance = spent });
        }
        return Plan(description, steps);
    }

    /// <inheritdoc/>
    /// <exception cref="WithdrawalNotClaimableException">A request is not finalized, already claimed or not the account's.</exception>
    public virtual async Task<PreparedTransaction> PrepareClaimAsync(Address account, IReadOnlyList<WithdrawalId> withdrawals, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(account);
        ArgumentNullException.ThrowIfNull(withdrawals);
        if (withdrawals.Count == 0) throw new LiquidStakeArgumentException(nameof(withdrawals), "no requests to claim", "at least one request id");
        var ids = new List<BigInteger>(withdrawals.Count);
        foreach (var w in withdrawals)
        {
            if (w.Protocol != Id || w.RequestId is not { } id || id.Sign <= 0)
                throw new LiquidStakeArgumentException(nameof(withdrawals), $"'{w}' is not a Lido request id", "lido:<positive request id>");
            ids.Add(id);
        }
        await Context.EnsureChainAsync(cancellationToken).ConfigureAwait(false);
        var lastRequestId = await WithdrawalQueue.GetLastRequestIdAsync(null, cancellationToken).ConfigureAwait(false);
        foreach (var id in ids)
        {
            if (id > lastRequestId) throw new WithdrawalNotClaimableException(Id, id, $"no such request (the last id is {lastRequestId})");
        }
        var details = await GetWithdrawalStatusAsync(ids, cancellationToken).ConfigureAwait(false);
        foreach (var d in details)
        {
            var id = d.Id.RequestId!.Value;
            if (d.Owner != account) throw new WithdrawalNotClaimableException(Id, id, $"it belongs to {d.Owner}");
            if (d.Status == WithdrawalStatus.Claimed) throw new WithdrawalNotClaimableException(Id, id, "it was already claimed");
            if (d.Status == WithdrawalStatus.Pending) throw new WithdrawalNotClaimableException(Id, id, "it is not finalized yet");
        }
        var sorted = details.Select(d => d.Id.RequestId!.Value).ToArray();
        var hints = details.Select(d => d.CheckpointHint).ToArray();
        var total = details.Aggregate(BigInteger.Zero, (s, d) => s + (d.AmountClaimable ?? 0));
        var description = sorted.Length == 1
            ? $"Claim Lido withdrawal {sorted[0]} for {Eth(total)} ETH"
            : $"Claim {sorted.Length} Lido withdrawals ({string.Join(", ", sorted.Select(i => i.ToString(CultureInfo.InvariantCulture)))}) for {Eth(total)} ETH";
        return Plan(description, [Action(description, WithdrawalQueue.PrepareClaimWithdrawals(sorted, hints) with { From = account })]);
    }

    /// <summary>Requests withdrawals (split as needed); Auto uses the WithPermit entry signed by <paramref name="signer"/>.</summary>
    public virtual async Task<WithdrawalRequestResult> RequestWithdrawalAsync(ISigner signer, BigInteger amount, LidoWithdrawalToken token = LidoWithdrawalToken.StEth, LidoApprovalMode approvalMode = LidoApprovalMode.Auto, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var plan = await PrepareWithdrawalRequestAsync(signer.Address, amount, token, signer, approvalMode, cancellationToken).ConfigureAwait(false);
        return DecodeWithdrawalRequests(await Executor.SendAsync(plan, signer, cancellationToken: cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Claims finalized requests with checkpoint hints.</summary>
    public virtual async Task<ClaimResult> ClaimAsync(ISigner signer, IReadOnlyList<WithdrawalId> withdrawals, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var plan = await PrepareClaimAsync(signer.Address, withdrawals, cancellationToken).ConfigureAwait(false);
        return DecodeClaims(await Executor.SendAsync(plan, signer, cancellationToken: cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Decodes the <c>WithdrawalRequested</c> events of a request.</summary>
    public virtual WithdrawalRequestResult DecodeWithdrawalRequests(PlanExecution execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var list = new List<LidoWithdrawalRequested>();
        foreach (var log in execution.ActionReceipt.Logs)
        {
            if (WithdrawalQueueErc721.TryDecodeWithdrawalRequestedEvent(log, out var e, _addresses.WithdrawalQueue))
                list.Add(new LidoWithdrawalRequested(e.RequestId, e.Requestor, e.Owner, e.AmountOfStEth, e.AmountOfShares));
        }
        if (list.Count == 0) throw new EthereumFormatException("The receipt has no WithdrawalRequested events.");
        return new WithdrawalRequestResult(execution, list);
    }

    /// <summary>Decodes the <c>WithdrawalClaimed</c> events of a claim.</summary>
    public virtual ClaimResult DecodeClaims(PlanExecution execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var list = new List<LidoWithdrawalClaimed>();
        foreach (var log in execution.ActionReceipt.Logs)
        {
            if (WithdrawalQueueErc721.TryDecodeWithdrawalClaimedEvent(log, out var e, _addresses.WithdrawalQueue))
                list.Add(new LidoWithdrawalClaimed(e.RequestId, e.Owner, e.Receiver, e.AmountOfEth));
        }
        if (list.Count == 0) throw new EthereumFormatException("The receipt has no WithdrawalClaimed events.");
        return new ClaimResult(execution, list);
    }

    /// <summary>
    /// Reads what a new withdrawal's wait depends on (lido.md §6.1, §7): HashConsensus, found through
    /// <c>LidoLocator.accountingOracle()</c> → <c>AccountingOracle.getConsensusContract()</c>, then in one Multicall3 batch
    /// its <c>getCurrentFrame()</c>, <c>getFrameConfig()</c> and <c>getChainConfig()</c>, Lido's <c>getBufferedEther()</c> and
    /// the queue's <c>unfinalizedStETH()</c>, <c>isBunkerModeActive()</c> and <c>isPaused()</c>; and the latest block's timestamp.
    /// </summary>
    /// <exception cref="EthereumFormatException">The locator or the oracle names no contract, or the node returned no block.</exception>
    public virtual async Task<LidoWithdrawalTimingState> GetWithdrawalTimingStateAsync(CancellationToken cancellationToken = default)
    {
        var oracle = LidoLocator.DecodeAccountingOracleOutput(
            (await ReadAsync(cancellationToken, Call(_addresses.Locator, LidoLocator.EncodeAccountingOracle())).ConfigureAwait(false))[0]);
        if (oracle == Address.Zero) throw new EthereumFormatException($"LidoLocator {_addresses.Locator} names no accounting oracle.");
        var consensus = AccountingOracle.DecodeGetConsensusContractOutput(
            (await ReadAsync(cancellationToken, Call(oracle, AccountingOracle.EncodeGetConsensusContract())).ConfigureAwait(false))[0]);
        if (consensus == Address.Zero) throw new EthereumFormatException($"AccountingOracle {oracle} names no consensus contract.");

        var blockTask = Context.Rpc.GetBlockByNumberAsync(BlockParameter.Latest, cancellationToken);
        var readTask = ReadAsync(cancellationToken,
            Call(consensus, HashConsensus.EncodeGetCurrentFrame()),
            Call(consensus, HashConsensus.EncodeGetFrameConfig()),
            Call(consensus, HashConsensus.EncodeGetChainConfig()),
            Call(_addresses.StEth, StEth.EncodeGetBufferedEther()),
            Call(_addresses.WithdrawalQueue, WithdrawalQueueErc721.EncodeUnfinalizedStEth()),
            Call(_addresses.WithdrawalQueue, WithdrawalQueueErc721.EncodeIsBunkerModeActive()),
            Call(_addresses.WithdrawalQueue, WithdrawalQueueErc721.EncodeIsPaused()));
        await Task.WhenAll(blockTask, readTask).ConfigureAwait(false);
        var r = await readTask.ConfigureAwait(false);
        var block = await blockTask.ConfigureAwait(false) ?? throw new EthereumFormatException("The node returned no latest block.");

        var frame = HashConsensus.DecodeGetCurrentFrameOutput(r[0]);
        var frameConfig = HashConsensus.DecodeGetFrameConfigOutput(r[1]);
        var chain = HashConsensus.DecodeGetChainConfigOutput(r[2]);
        var frames = new LidoOracleFrames(frame.RefSlot, frameConfig.EpochsPerFrame, chain.SlotsPerEpoch, chain.SecondsPerSlot, chain.GenesisTime);
        return new LidoWithdrawalTimingState(consensus, frames, block.Timestamp,
            StEth.DecodeGetBufferedEtherOutput(r[3]),
            WithdrawalQueueErc721.DecodeUnfinalizedStEthOutput(r[4]),
            WithdrawalQueueErc721.DecodeIsBunkerModeActiveOutput(r[5]),
            WithdrawalQueueErc721.DecodeIsPausedOutput(r[6]));
    }

    /// <summary>
    /// <see cref="IWithdrawalWaitEstimator"/>: how long a request of <paramref name="amount"/> stETH (wei) made now waits
    /// until it can be finalized, from the chain alone. When Lido's buffered ether covers the stETH already waiting in the
    /// queue plus <paramref name="amount"/>, the request can be finalized by the first oracle report whose ref slot is at
    /// least <see cref="LidoClientOptions.RequestTimestampMargin"/> (7680 s) after now; the estimate is that ref slot's time
    /// (<c>genesisTime + refSlot × secondsPerSlot</c>, stepping whole frames from HashConsensus' current ref slot) minus now,
    /// where now is the latest block's timestamp (a request mined later than that can slip to the next frame).
    /// </summary>
    /// <remarks>
    /// <para>
    /// Not included: the report-processing delay. The oracle's report transaction, which finalizes and so makes the request
    /// claimable, lands some time after its ref slot (consensus among oracle members, then the submission; up to the frame's
    /// processing deadline), and a report can be missed, which moves finalization a whole frame on. The estimate is
    /// therefore a lower bound.
    /// </para>
    /// <para>
    /// Null when the chain cannot tell: when the buffer does not cover the waiting stETH plus the amount, finalization waits
    /// for ETH from validator exits (and rewards), whose timing the chain does not say; in bunker mode
    /// (<c>isBunkerModeActive()</c>) the oracle holds finalization back for an open-ended time; and while the queue is paused
    /// nothing is requested or finalized. The estimate also ignores the oracle's other finalization holds outside bunker mode.
    /// </para>
    /// <para>
    /// The amount is stETH, the queue's unit; convert a wstETH amount first (<see cref="GetPooledEthBySharesAsync"/>).
    /// </para>
    /// </remarks>
    /// <exception cref="AmountNotPositiveException"><paramref name="amount"/> is zero or negative.</exception>
    public virtual async Task<TimeSpan?> EstimateWithdrawalWaitAsync(BigInteger amount, CancellationToken cancellationToken = default)
    {
        if (amount.Sign <= 0) throw new AmountNotPositiveException(Id, nameof(amount), amount);
        var state = await GetWithdrawalTimingStateAsync(cancellationToken).ConfigureAwait(false);
        return LidoWithdrawalTiming.EstimateWait(state, amount, Options.RequestTimestampMargin);
    }

    // The bounds come from the queue's state: bounds that cannot split anything are the protocol's problem, not the caller's.
    private IReadOnlyList<BigInteger> SplitRequests(BigInteger amount, BigInteger min, BigInteger max, string unit)
    {
        if (min.Sign <= 0 || max < min * 2)
            throw new ProtocolStateException(Id, $"the withdrawal queue's request bounds [{min}, {max}] cannot split amounts");
        return LidoWithdrawalSplitter.Split(amount, min, max, unit);
    }
}
