using System.Globalization;
using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Contracts;
using LiquidStake.Ethereum.Messages;
using LiquidStake.Ethereum.Multicall;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Ethereum.Transactions;
using LiquidStake.Sdk.Contracts.Lido;
using LiquidStake.Sdk.Services;
using Microsoft.Extensions.Logging;

using LiquidStake.Sdk.Withdrawals;

namespace LiquidStake.Sdk.Protocols.Lido;

/// <summary>
/// Lido on Ethereum: stake ETH for stETH (rebasing, share-based), wrap to wstETH, request withdrawals through the
/// unstETH queue and claim them. Every amount follows Lido's integer rounding (lido.md §3); reads go through Multicall3.
/// Immutable and thread-safe.
/// </summary>
public partial class LidoClient : IStakingProvider, IBatchPositionReader, IWithdrawalRequestReader, IWithdrawalBatchLister, IQueuedWithdrawalQuoter, IStakedEtherReader, IWithdrawalWaitEstimator
{
    private const string WstEthDomainName = "Wrapped liquid staked Ether 2.0";
    private const string WstEthDomainVersion = "1";
    private const string StEthRefusesItself = "stETH refuses transfers to its own contract (TRANSFER_TO_STETH_CONTRACT)";

    private readonly LidoAddresses _addresses = null!;

    /// <summary>For mocking only.</summary>
    protected LidoClient()
    {
        Context = null!;
        Options = new LidoClientOptions();
        StEth = null!;
        WstEth = null!;
        WithdrawalQueue = null!;
        Executor = null!;
        StEthToken = null!;
        WstEthToken = null!;
        ReceiptTokens = [];
    }

    /// <summary>Creates a client on <paramref name="context"/>'s network.</summary>
    /// <exception cref="LiquidStakeArgumentException">The network has no Lido addresses and none were given.</exception>
    public LidoClient(LiquidStakeContext context, LidoClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        Options = options ?? new LidoClientOptions();
        _addresses = Options.Addresses ?? context.Network.Lido
            ?? throw new LiquidStakeArgumentException(nameof(context), $"the network '{context.Network.Name}' has no Lido deployment", "a network with Lido addresses");
        Context = context.WithRevertDecoders(
            data => StEth.TryDecodeError(data, out var e) ? e : null,
            data => WithdrawalQueueErc721.TryDecodeError(data, out var e) ? e : null,
            data => Contracts.Lido.WstEth.TryDecodeError(data, out var e) ? e : null);
        StEth = new StEth(_addresses.StEth, Context.Rpc);
        WstEth = new WstEth(_addresses.WstEth, Context.Rpc);
        WithdrawalQueue = new WithdrawalQueueErc721(_addresses.WithdrawalQueue, Context.Rpc);
        Executor = new PreparedTransactionExecutor(Context);
        StEthToken = new StakingToken("stETH", "Liquid staked Ether 2.0", _addresses.StEth, 18, TokenAccounting.Rebasing);
        WstEthToken = new StakingToken("wstETH", "Wrapped liquid staked Ether 2.0", _addresses.WstEth, 18, TokenAccounting.ExchangeRate);
        ReceiptTokens = [StEthToken, WstEthToken];
    }

    /// <summary>The context (with Lido's revert decoders registered).</summary>
    public virtual LiquidStakeContext Context { get; }

    /// <summary>The settings.</summary>
    public virtual LidoClientOptions Options { get; }

    /// <summary>The stETH (Lido) contract.</summary>
    public virtual StEth StEth { get; }

    /// <summary>The wstETH contract.</summary>
    public virtual WstEth WstEth { get; }

    /// <summary>The withdrawal queue (unstETH).</summary>
    public virtual WithdrawalQueueErc721 WithdrawalQueue { get; }

    /// <summary>Sends and simulates the prepared plans.</summary>
    public virtual PreparedTransactionExecutor Executor { get; }

    /// <inheritdoc/>
    public virtual ProtocolId Id => ProtocolId.Lido;

    /// <inheritdoc/>
    public virtual string DisplayName => "Lido";

    /// <inheritdoc/>
    public virtual StakingCapabilities Capabilities =>
        StakingCapabilities.StakeEth | StakingCapabilities.Wrap | StakingCapabilities.Unwrap | StakingCapabilities.QueuedWithdrawal | StakingCapabilities.Permit;

    /// <inheritdoc/>
    public virtual StakingToken StakeToken => StakingToken.Eth;

    /// <summary>stETH.</summary>
    public virtual StakingToken StEthToken { get; }

    /// <summary>wstETH.</summary>
    public virtual StakingToken WstEthToken { get; }

    /// <inheritdoc/>
    public virtual IReadOnlyList<StakingToken> ReceiptTokens { get; }

    // ---------------------------------------------------------------- reads

    /// <summary>Reads the internal ether and shares every conversion uses (one Multicall3 round trip).</summary>
    public virtual async Task<LidoShareRate> GetShareRateAsync(CancellationToken cancellationToken = default)
    {
        var r = await ReadAsync(cancellationToken, RateCalls()).ConfigureAwait(false);
        return RateFrom(r, 0);
    }

    /// <summary>Reads the stake limit and pause state.</summary>
    public virtual async Task<LidoStakeLimitInfo> GetStakeLimitAsync(CancellationToken cancellationToken = default)
    {
        var r = await ReadAsync(cancellationToken, Call(_addresses.StEth, StEth.EncodeGetStakeLimitFullInfo())).ConfigureAwait(false);
        return LimitFrom(r[0]);
    }

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

    /// <inheritdoc/>
    public virtual async Task<StakeQuote> QuoteStakeAsync(BigInteger amount, CancellationToken cancellationToken = default) =>
        (await QuoteStakeDetailedAsync(amount, cancellationToken).ConfigureAwait(false)).Quote;

    /// <summary>Quotes a stake with the exact shares and stETH <c>submit</c> would mint now.</summary>
    public virtual async Task<LidoStakeQuote> QuoteStakeDetailedAsync(BigInteger amount, CancellationToken cancellationToken = default)
    {
        if (amount.Sign <= 0) throw new AmountNotPositiveException(Id, nameof(amount), amount);
        var r = await ReadAsync(cancellationToken, [.. RateCalls(), Call(_addresses.StEth, StEth.EncodeGetStakeLimitFullInfo())]).ConfigureAwait(false);
        var rate = RateFrom(r, 0);
        var limit = LimitFrom(r[4]);
        var (shares, stEth) = rate.Submit(amount);
        var quote = new StakeQuote(Id, StakingToken.Eth, amount, StEthToken, stEth, BigInteger.Zero, StEthRate(), BigInteger.One,
            limit.IsStakingLimitSet || limit.IsStakingPaused ? limit.CurrentStakeLimit : null, limit.IsStakingPaused);
        return new LidoStakeQuote(quote, shares, stEth, rate, limit);
    }

    /// <summary>stETH against ETH: 1:1 by construction (stETH rebases instead of appreciating).</summary>
    public virtual Task<ExchangeRate> GetExchangeRateAsync(CancellationToken cancellationToken = default) => Task.FromResult(StEthRate());

    /// <summary>wstETH against stETH as the exact fraction internalEther / internalShares; its whole-token value equals <c>stEthPerToken()</c>.</summary>
    public virtual async Task<ExchangeRate> GetWstEthExchangeRateAsync(CancellationToken cancellationToken = default)
    {
        var rate = await GetShareRateAsync(cancellationToken).ConfigureAwait(false);
        return new ExchangeRate(WstEthToken, StEthToken, rate.InternalEther, rate.InternalShares);
    }

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

    // ---------------------------------------------------------------- prepare

    // The bounds come from the queue's state: bounds that cannot split anything are the protocol's problem, not the caller's.
    private IReadOnlyList<BigInteger> SplitRequests(BigInteger amount, BigInteger min, BigInteger max, string unit)
    {
        if (min.Sign <= 0 || max < min * 2)
            throw new ProtocolStateException(Id, $"the withdrawal queue's request bounds [{min}, {max}] cannot split amounts");
        return LidoWithdrawalSplitter.Split(amount, min, max, unit);
    }

    /// <inheritdoc/>
    public virtual Task<PreparedTransaction> PrepareStakeAsync(Address account, BigInteger amount, CancellationToken cancellationToken = default) =>
        PrepareStakeAsync(account, amount, Address.Zero, cancellationToken);

    /// <summary>Prepares <c>submit(referral)</c> with value <paramref name="amount"/> after the pre-flight checks (chain, amount, balance, pause, stake limit).</summary>
    public virtual async Task<PreparedTransaction> PrepareStakeAsync(Address account, BigInteger amount, Address referral, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(account);
        if (amount.Sign <= 0) throw new AmountNotPositiveException(Id, nameof(amount), amount);
        await Context.EnsureChainAsync(cancellationToken).ConfigureAwait(false);
        var limitTask = GetStakeLimitAsync(cancellationToken);
        var balanceTask = Context.Rpc.GetBalanceAsync(account, BlockParameter.Latest, cancellationToken);
        await Task.WhenAll(limitTask, balanceTask).ConfigureAwait(false);
        var limit = await limitTask.ConfigureAwait(false);
        var balance = await balanceTask.ConfigureAwait(false);
        if (limit.IsStakingPaused) throw new ProtocolPausedException(Id, "Lido staking");
        if (balance < amount) throw new InsufficientBalanceException(Id, nameof(amount), amount, balance, "wei");
        if (limit.IsStakingLimitSet && amount > limit.CurrentStakeLimit)
            throw new AmountAboveLimitException(Id, nameof(amount), amount, limit.CurrentStakeLimit, "wei", "Lido stake limit");
        var request = StEth.PrepareSubmit(referral, amount) with { From = account };
        var description = $"Stake {Eth(amount)} ETH with Lido for stETH";
        return Plan(description, [Action(description, request)]);
    }

    /// <summary>
    /// Prepares wrapping <paramref name="stEthAmount"/> stETH into wstETH. When the allowance to wstETH is short an exact
    /// approve step is added, or, with <paramref name="permitSigner"/> (mode Auto or Permit), a signed stETH permit step.
    /// </summary>
    public virtual async Task<PreparedTransaction> PrepareWrapAsync(Address account, BigInteger stEthAmount, ISigner? permitSigner = null, LidoApprovalMode approvalMode = LidoApprovalMode.Auto, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(account);
        if (stEthAmount.Sign <= 0) throw new AmountNotPositiveException(Id, nameof(stEthAmount), stEthAmount);
        await Context.EnsureChainAsync(cancellationToken).ConfigureAwait(false);
        var r = await ReadAsync(cancellationToken, Call(_addresses.StEth, StEth.EncodeBalanceOf(account))).ConfigureAwait(false);
        var balance = StEth.DecodeBalanceOfOutput(r[0]);
        if (balance < stEthAmount) throw new InsufficientBalanceException(Id, nameof(stEthAmount), stEthAmount, balance, "wei of stETH");
        return await BuildWrapPlanAsync(account, stEthAmount, permitSigner, approvalMode, $"Wrap {Eth(stEthAmount)} stETH into wstETH", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Prepares wrapping exactly <paramref name="shares"/> stETH shares (the wstETH minted equals the shares, no dust left):
    /// the stETH amount is ceil(shares × ether / shares), the smallest amount whose transfer moves exactly those shares.
    /// </summary>
    public virtual async Task<PreparedTransaction> PrepareWrapSharesAsync(Address account, BigInteger shares, ISigner? permitSigner = null, LidoApprovalMode approvalMode = LidoApprovalMode.Auto, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(account);
        if (shares.Sign <= 0) throw new AmountNotPositiveException(Id, nameof(shares), shares);
        await Context.EnsureChainAsync(cancellationToken).ConfigureAwait(false);
        var r = await ReadAsync(cancellationToken, [.. RateCalls(), Call(_addresses.StEth, StEth.EncodeSharesOf(account))]).ConfigureAwait(false);
        var rate = RateFrom(r, 0);
        var owned = StEth.DecodeSharesOfOutput(r[4]);
        if (owned < shares) throw new InsufficientBalanceException(Id, nameof(shares), shares, owned, "stETH shares");
        var amount = rate.StEthAmountMovingExactShares(shares)
            ?? throw new LiquidStakeArgumentException(nameof(shares), "no stETH amount moves exactly these shares at the current rate", "a share rate of at least 1");
        return await BuildWrapPlanAsync(account, amount, permitSigner, approvalMode, $"Wrap all {shares} stETH shares ({Eth(amount)} stETH) into wstETH", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Prepares wrapping the account's whole stETH balance by shares, so no stETH dust remains.</summary>
    public virtual async Task<PreparedTransaction> PrepareWrapAllAsync(Address account, ISigner? permitSigner = null, LidoApprovalMode approvalMode = LidoApprovalMode.Auto, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(account);
        var shares = await StEth.SharesOfAsync(account, null, cancellationToken).ConfigureAwait(false);
        // The caller passed no amount: an empty balance is the account's, not a 'shares' argument.
        if (shares.IsZero) throw new InsufficientBalanceException(Id, nameof(account), BigInteger.One, shares, "stETH shares");
        return await PrepareWrapSharesAsync(account, shares, permitSigner, approvalMode, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Prepares unwrapping <paramref name="wstEthAmount"/> wstETH into stETH.</summary>
    public virtual async Task<PreparedTransaction> PrepareUnwrapAsync(Address account, BigInteger wstEthAmount, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(account);
        if (wstEthAmount.Sign <= 0) throw new AmountNotPositiveException(Id, nameof(wstEthAmount), wstEthAmount);
        await Context.EnsureChainAsync(cancellationToken).ConfigureAwait(false);
        var balance = await WstEth.BalanceOfAsync(account, null, cancellationToken).ConfigureAwait(false);
        if (balance < wstEthAmount) throw new InsufficientBalanceException(Id, nameof(wstEthAmount), wstEthAmount, balance, "wei of wstETH");
        var description = $"Unwrap {Eth(wstEthAmount)} wstETH into stETH";
        return Plan(description, [Action(description, WstEth.PrepareUnwrap(wstEthAmount) with { From = account })]);
    }

    /// <summary>Prepares <c>transferShares</c>: moves exactly <paramref name="shares"/> stETH shares.</summary>
    public virtual async Task<PreparedTransaction> PrepareTransferSharesAsync(Address account, Address recipient, BigInteger shares, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(account);
        AddressArguments.RequireNonZeroAndNot(recipient, _addresses.StEth, StEthRefusesItself);
        if (shares.Sign <= 0) throw new AmountNotPositiveException(Id, nameof(shares), shares);
        await Context.EnsureChainAsync(cancellationToken).ConfigureAwait(false);
        var owned = await StEth.SharesOfAsync(account, null, cancellationToken).ConfigureAwait(false);
        if (owned < shares) throw new InsufficientBalanceException(Id, nameof(shares), shares, owned, "stETH shares");
        var description = $"Transfer {shares} stETH shares to {recipient}";
        return Plan(description, [Action(description, StEth.PrepareTransferShares(recipient, shares) with { From = account })]);
    }

    /// <summary>Prepares moving the whole stETH balance by shares (a plain transfer of balanceOf leaves 1–2 wei behind).</summary>
    public virtual async Task<PreparedTransaction> PrepareTransferAllStEthAsync(Address account, Address recipient, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(account);
        AddressArguments.RequireNonZeroAndNot(recipient, _addresses.StEth, StEthRefusesItself);
        var shares = await StEth.SharesOfAsync(account, null, cancellationToken).ConfigureAwait(false);
        if (shares.IsZero) throw new InsufficientBalanceException(Id, nameof(account), BigInteger.One, shares, "stETH shares");
        return await PrepareTransferSharesAsync(account, recipient, shares, cancellationToken).ConfigureAwait(false);
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

    // ---------------------------------------------------------------- send

    /// <summary>Stakes and decodes the minted shares and stETH from the receipt.</summary>
    public virtual async Task<StakeResult> StakeAsync(ISigner signer, BigInteger amount, Address? referral = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var plan = await PrepareStakeAsync(signer.Address, amount, referral ?? Address.Zero, cancellationToken).ConfigureAwait(false);
        return DecodeStake(await Executor.SendAsync(plan, signer, cancellationToken: cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Wraps stETH (permit or approve chosen by <paramref name="approvalMode"/>; Auto signs a permit with <paramref name="signer"/>).</summary>
    public virtual async Task<WrapResult> WrapAsync(ISigner signer, BigInteger stEthAmount, LidoApprovalMode approvalMode = LidoApprovalMode.Auto, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var plan = await PrepareWrapAsync(signer.Address, stEthAmount, signer, approvalMode, cancellationToken).ConfigureAwait(false);
        return DecodeWrap(await Executor.SendAsync(plan, signer, cancellationToken: cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Wraps the whole stETH balance by shares (no dust).</summary>
    public virtual async Task<WrapResult> WrapAllAsync(ISigner signer, LidoApprovalMode approvalMode = LidoApprovalMode.Auto, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var plan = await PrepareWrapAllAsync(signer.Address, signer, approvalMode, cancellationToken).ConfigureAwait(false);
        return DecodeWrap(await Executor.SendAsync(plan, signer, cancellationToken: cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Unwraps wstETH.</summary>
    public virtual async Task<UnwrapResult> UnwrapAsync(ISigner signer, BigInteger wstEthAmount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var plan = await PrepareUnwrapAsync(signer.Address, wstEthAmount, cancellationToken).ConfigureAwait(false);
        return DecodeUnwrap(await Executor.SendAsync(plan, signer, cancellationToken: cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Moves exactly <paramref name="shares"/> stETH shares.</summary>
    public virtual async Task<TransferSharesResult> TransferSharesAsync(ISigner signer, Address recipient, BigInteger shares, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var plan = await PrepareTransferSharesAsync(signer.Address, recipient, shares, cancellationToken).ConfigureAwait(false);
        return DecodeTransferShares(await Executor.SendAsync(plan, signer, cancellationToken: cancellationToken).ConfigureAwait(false), signer.Address);
    }

    /// <summary>Moves the whole stETH balance (by shares).</summary>
    public virtual async Task<TransferSharesResult> TransferAllStEthAsync(ISigner signer, Address recipient, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var plan = await PrepareTransferAllStEthAsync(signer.Address, recipient, cancellationToken).ConfigureAwait(false);
        return DecodeTransferShares(await Executor.SendAsync(plan, signer, cancellationToken: cancellationToken).ConfigureAwait(false), signer.Address);
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

    // ---------------------------------------------------------------- receipt decoding

    /// <summary>Decodes a stake's receipt (Submitted, then the mint's Transfer and TransferShares).</summary>
    /// <exception cref="EthereumFormatException">The receipt lacks the events.</exception>
    public virtual StakeResult DecodeStake(PlanExecution execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        SubmittedEvent? submitted = null;
        TransferEvent? transfer = null;
        TransferSharesEvent? shares = null;
        foreach (var log in execution.ActionReceipt.Logs)
        {
            if (submitted is null && StEth.TryDecodeSubmittedEvent(log, out var s, _addresses.StEth)) submitted = s;
            else if (transfer is null && log.Topics.Count == 3 && StEth.TryDecodeTransferEvent(log, out var t, _addresses.StEth) && t.From == Address.Zero) transfer = t;
            else if (shares is null && StEth.TryDecodeTransferSharesEvent(log, out var ts, _addresses.StEth) && ts.From == Address.Zero) shares = ts;
        }
        if (submitted is null || transfer is null || shares is null) throw new EthereumFormatException("The stake receipt has no Submitted/Transfer/TransferShares events from stETH.");
        return new StakeResult(execution, submitted.Sender, submitted.Amount, submitted.Referral, shares.SharesValue, transfer.Value);
    }

    /// <summary>Decodes a wrap's receipt.</summary>
    public virtual WrapResult DecodeWrap(PlanExecution execution)
    {
        var (wst, stEth, shares) = DecodeWstEthMovement(execution, wrap: true);
        return new WrapResult(execution, stEth, shares, wst);
    }

    /// <summary>Decodes an unwrap's receipt.</summary>
    public virtual UnwrapResult DecodeUnwrap(PlanExecution execution)
    {
        var (wst, stEth, shares) = DecodeWstEthMovement(execution, wrap: false);
        return new UnwrapResult(execution, wst, stEth, shares);
    }

    /// <summary>
    /// The wstETH minted (wrap) or burned (unwrap) and the stETH amount and shares moved into or out of wstETH, read
    /// from the action's Transfer/TransferShares events.
    /// </summary>
    private (BigInteger WstEth, BigInteger StEth, BigInteger Shares) DecodeWstEthMovement(PlanExecution execution, bool wrap)
    {
        ArgumentNullException.ThrowIfNull(execution);
        BigInteger? wst = null, stEth = null, shares = null;
        // Wrapping mints wstETH (from 0x0) and moves stETH to the wstETH contract; unwrapping burns and moves it back.
        bool IsWstEthSide(Address from, Address to) => wrap ? to == _addresses.WstEth : from == _addresses.WstEth;
        foreach (var log in execution.ActionReceipt.Logs)
        {
            if (wst is null && Contracts.Lido.WstEth.TryDecodeTransferEvent(log, out var w, _addresses.WstEth) && (wrap ? w.From : w.To) == Address.Zero) wst = w.Value;
            else if (stEth is null && StEth.TryDecodeTransferEvent(log, out var t, _addresses.StEth) && IsWstEthSide(t.From, t.To)) stEth = t.Value;
            else if (shares is null && StEth.TryDecodeTransferSharesEvent(log, out var ts, _addresses.StEth) && IsWstEthSide(ts.From, ts.To)) shares = ts.SharesValue;
        }
        if (wst is null || stEth is null || shares is null)
            throw new EthereumFormatException($"The {(wrap ? "wrap" : "unwrap")} receipt lacks the wstETH {(wrap ? "mint" : "burn")} or the stETH transfer.");
        return (wst.Value, stEth.Value, shares.Value);
    }

    /// <summary>Decodes a share transfer's receipt.</summary>
    public virtual TransferSharesResult DecodeTransferShares(PlanExecution execution, Address sender)
    {
        ArgumentNullException.ThrowIfNull(execution);
        TransferSharesEvent? shares = null;
        TransferEvent? transfer = null;
        foreach (var log in execution.ActionReceipt.Logs)
        {
            if (shares is null && StEth.TryDecodeTransferSharesEvent(log, out var ts, _addresses.StEth) && ts.From == sender) shares = ts;
            else if (transfer is null && StEth.TryDecodeTransferEvent(log, out var t, _addresses.StEth) && t.From == sender) transfer = t;
        }
        if (shares is null || transfer is null) throw new EthereumFormatException("The receipt has no stETH TransferShares/Transfer events.");
        return new TransferSharesResult(execution, shares.To, shares.SharesValue, transfer.Value);
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

    // ---------------------------------------------------------------- helpers

    private async Task<PreparedTransaction> BuildWrapPlanAsync(Address account, BigInteger stEthAmount, ISigner? permitSigner, LidoApprovalMode approvalMode, string description, CancellationToken cancellationToken)
    {
        CheckSigner(account, permitSigner, approvalMode);
        var allowance = await StEth.AllowanceAsync(account, _addresses.WstEth, null, cancellationToken).ConfigureAwait(false);
        var steps = new List<TransactionStep>(2);
        bool needsAllowance = allowance < stEthAmount;
        if (await UsePermitAsync(account, needsAllowance, permitSigner, approvalMode, cancellationToken).ConfigureAwait(false))
        {
            var p = await SignPermitAsync(permitSigner!, true, _addresses.WstEth, stEthAmount, cancellationToken).ConfigureAwait(false);
            var permit = StEth.PreparePermit(account, _addresses.WstEth, p.Value, p.Deadline, p.V, p.R, p.S) with { From = account };
            steps.Add(new TransactionStep(TransactionStepKind.Approval, $"Submit a signed permit letting wstETH take {Eth(stEthAmount)} stETH", permit));
        }
        else if (needsAllowance)
        {
            steps.Add(new TransactionStep(TransactionStepKind.Approval, $"Approve wstETH to take {Eth(stEthAmount)} stETH", StEth.PrepareApprove(_addresses.WstEth, stEthAmount) with { From = account }));
        }
        steps.Add(Action(description, WstEth.PrepareWrap(stEthAmount) with { From = account }) with { RequiredAllowance = new AllowanceRequirement(_addresses.StEth, account, _addresses.WstEth, stEthAmount, "stETH") });
        return Plan(description, steps);
    }

    /// <summary>Signs an EIP-2612 permit for stETH (domain read from <c>eip712Domain()</c>) or wstETH, checked against the token's DOMAIN_SEPARATOR.</summary>
    public virtual async Task<PermitInput> SignPermitAsync(ISigner signer, bool stEth, Address spender, BigInteger value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var token = stEth ? _addresses.StEth : _addresses.WstEth;
        var calls = new List<MulticallCall>
        {
            Call(token, StEth.EncodeDomainSeparator()),
            Call(token, StEth.EncodeNonces(signer.Address)),
        };
        if (stEth) calls.Add(Call(token, StEth.EncodeEip712Domain()));
        var blockTask = Context.Rpc.GetBlockByNumberAsync(BlockParameter.Latest, cancellationToken);
        var readTask = ReadAsync(cancellationToken, [.. calls]);
        await Task.WhenAll(blockTask, readTask).ConfigureAwait(false);
        var r = await readTask.ConfigureAwait(false);
        var block = await blockTask.ConfigureAwait(false);
        TypedDataDomain domain;
        if (stEth)
        {
            var d = StEth.DecodeEip712DomainOutput(r[2]);
            domain = Eip2612.CreateDomain(d.Name, d.Version, d.ChainId, d.VerifyingContract);
        }
        else
        {
            domain = Eip2612.CreateDomain(WstEthDomainName, WstEthDomainVersion, Context.Network.ChainId, token);
        }
        var onChainSeparator = StEth.DecodeDomainSeparatorOutput(r[0]);
        if (!Eip712.HashDomain(domain).ToArray().AsSpan().SequenceEqual(onChainSeparator))
            throw new EthereumFormatException($"The EIP-712 domain built for {(stEth ? "stETH" : "wstETH")} does not match its DOMAIN_SEPARATOR; refusing to sign a permit that would not verify.");
        var nonce = StEth.DecodeNoncesOutput(r[1]);
        var now = Math.Max(Context.TimeProvider.GetUtcNow().ToUnixTimeSeconds(), (long)(block?.Timestamp ?? 0));
        var deadline = new BigInteger(now) + (long)Options.PermitLifetime.TotalSeconds;
        var typed = Eip2612.CreatePermit(domain, signer.Address, spender, value, nonce, deadline);
        var signature = await signer.SignTypedDataAsync(typed, cancellationToken).ConfigureAwait(false);
        return new PermitInput(value, deadline, signature.V, signature.GetRBytes(), signature.GetSBytes());
    }

    private static void CheckSigner(Address account, ISigner? permitSigner, LidoApprovalMode mode)
    {
        if (mode == LidoApprovalMode.Permit && permitSigner is null)
            throw new LiquidStakeArgumentException(nameof(permitSigner), "a permit was requested but no signer was given", "a signer for the account");
        if (permitSigner is not null && permitSigner.Address != account)
            throw new LiquidStakeArgumentException(nameof(permitSigner), $"the signer is {permitSigner.Address}, not the account {account}", "the account's signer");
    }

    /// <summary>
    /// Permit when asked for; in Auto mode when an allowance is needed, a signer is at hand and the account is not a
    /// contract wallet (which cannot sign an ECDSA permit): then an exact approval is used.
    /// </summary>
    private async Task<bool> UsePermitAsync(Address account, bool needsAllowance, ISigner? signer, LidoApprovalMode mode, CancellationToken cancellationToken) => mode switch
    {
        LidoApprovalMode.Permit => true,
        LidoApprovalMode.Auto => needsAllowance && signer is not null && !await Context.IsContractAccountAsync(account, cancellationToken).ConfigureAwait(false),
        _ => false,
    };

    private ExchangeRate StEthRate() => new(StEthToken, StakingToken.Eth, BigInteger.One, BigInteger.One);

    private PreparedTransaction Plan(string description, IReadOnlyList<TransactionStep> steps) => new(Id, description, steps);

    private static TransactionStep Action(string description, TransactionRequest request) => new(TransactionStepKind.Action, description, request);

    private static string Eth(BigInteger wei) => EthUnits.FormatEther(wei);

    private static MulticallCall Call(Address target, byte[] data) => new(target, data);

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

    private static LidoStakeLimitInfo LimitFrom(byte[] data)
    {
        var i = StEth.DecodeGetStakeLimitFullInfoOutput(data);
        return new LidoStakeLimitInfo(i.IsStakingPaused, i.IsStakingLimitSet, i.CurrentStakeLimit, i.MaxStakeLimit, i.MaxStakeLimitGrowthBlocks);
    }

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

    private async Task<IReadOnlyList<byte[]>> ReadAsync(CancellationToken cancellationToken, params MulticallCall[] calls) =>
        await BatchReads.ReadAsync(Context, calls, cancellationToken).ConfigureAwait(false);

    // ---------------------------------------------------------------- withdrawal wait

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
}
