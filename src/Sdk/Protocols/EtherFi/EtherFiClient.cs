using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Abi;
using LiquidStake.Ethereum.Messages;
using LiquidStake.Ethereum.Multicall;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Ethereum.Transactions;
using LiquidStake.Sdk.Contracts.EtherFi;
using LiquidStake.Sdk.Services;
using LiquidStake.Sdk.Withdrawals;

namespace LiquidStake.Sdk.Protocols.EtherFi;

/// <summary>
/// ether.fi: ETH → eETH (rebasing) and weETH (exchange rate), the withdrawal-NFT queue and instant redemption with an
/// exit fee. Quotes use the contracts' exact share math (<see cref="EtherFiMath"/>); every write is pre-flighted
/// (amount, balance, min/max, pause, blacklist, redemption limits) before anything is signed.
/// </summary>
public partial class EtherFiClient : IStakingProvider, IBatchPositionReader, IInstantRedeemQuoter, IWithdrawalRequestReader, IWithdrawalBatchLister, IWithdrawalWaitEstimator, IStakedEtherReader
{
    /// <summary>The pseudo-address EtherFiRedemptionManager uses for ETH output.</summary>
    public static readonly Address EthOutputToken = Address.Parse("0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE");

    private static readonly byte[] BlockTimestampCall = AbiSignature.Selector("getCurrentBlockTimestamp()");
    private static readonly byte[] BlacklistedUntilSelector = AbiSignature.Selector("blacklistedUntil(address)");
    private static readonly AbiType[] AddressArg = [AbiType.Address];
    private static readonly AbiType[] Uint256Result = [AbiType.UInt256];

    private readonly LiquidStakeContext _context = null!;
    private readonly EtherFiAddresses _addresses = null!;

    /// <summary>For mocking only.</summary>
    protected EtherFiClient() { }

    /// <summary>Creates a client over a context whose network has ether.fi addresses.</summary>
    /// <exception cref="LiquidStakeArgumentException">The network has no ether.fi deployment.</exception>
    public EtherFiClient(LiquidStakeContext context, EtherFiClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        _addresses = context.Network.EtherFi ?? throw new LiquidStakeArgumentException(nameof(context), $"network '{context.Network.Name}' has no ether.fi deployment");
        _context = context.WithRevertDecoders(
            Decoder(LiquidityPool.TryDecodeError), Decoder(EEth.TryDecodeError), Decoder(WeEth.TryDecodeError),
            Decoder(WithdrawRequestNft.TryDecodeError), Decoder(EtherFiRedemptionManager.TryDecodeError), Decoder(DepositAdapter.TryDecodeError));
        Options = options ?? new EtherFiClientOptions();
        LiquidityPool = new LiquidityPool(_addresses.LiquidityPool, _context.Rpc);
        EEthContract = new EEth(_addresses.EEth, _context.Rpc);
        WeEthContract = new WeEth(_addresses.WeEth, _context.Rpc);
        WithdrawRequestNft = new WithdrawRequestNft(_addresses.WithdrawRequestNft, _context.Rpc);
        RedemptionManager = new EtherFiRedemptionManager(_addresses.RedemptionManager, _context.Rpc);
        DepositAdapter = _addresses.DepositAdapter is { } adapter ? new DepositAdapter(adapter, _context.Rpc) : null;
        Executor = new PreparedTransactionExecutor(_context);
        EEthToken = new StakingToken("eETH", "ether.fi ETH", _addresses.EEth, 18, TokenAccounting.Rebasing);
        WeEthToken = new StakingToken("weETH", "Wrapped eETH", _addresses.WeEth, 18, TokenAccounting.ExchangeRate);
    }

    /// <inheritdoc/>
    public virtual ProtocolId Id => ProtocolId.EtherFi;

    /// <inheritdoc/>
    public virtual string DisplayName => "ether.fi";

    /// <inheritdoc/>
    public virtual StakingCapabilities Capabilities =>
        StakingCapabilities.StakeEth | StakingCapabilities.Wrap | StakingCapabilities.Unwrap | StakingCapabilities.QueuedWithdrawal
        | StakingCapabilities.InstantRedeem | StakingCapabilities.Permit;

    /// <inheritdoc/>
    public virtual StakingToken StakeToken => StakingToken.Eth;

    /// <inheritdoc/>
    public virtual IReadOnlyList<StakingToken> ReceiptTokens => [EEthToken, WeEthToken];

    /// <summary>eETH.</summary>
    public virtual StakingToken EEthToken { get; } = null!;

    /// <summary>weETH.</summary>
    public virtual StakingToken WeEthToken { get; } = null!;

    /// <summary>The settings.</summary>
    public virtual EtherFiClientOptions Options { get; } = null!;

    /// <summary>The context (with ether.fi's revert decoders registered).</summary>
    public virtual LiquidStakeContext Context => _context;

    /// <summary>Sends and simulates this client's plans.</summary>
    public virtual PreparedTransactionExecutor Executor { get; } = null!;

    /// <summary>The LiquidityPool wrapper.</summary>
    public virtual LiquidityPool LiquidityPool { get; } = null!;

    /// <summary>The eETH wrapper.</summary>
    public virtual EEth EEthContract { get; } = null!;

    /// <summary>The weETH wrapper.</summary>
    public virtual WeEth WeEthContract { get; } = null!;

    /// <summary>The WithdrawRequestNFT wrapper.</summary>
    public virtual WithdrawRequestNft WithdrawRequestNft { get; } = null!;

    /// <summary>The EtherFiRedemptionManager wrapper.</summary>
    public virtual EtherFiRedemptionManager RedemptionManager { get; } = null!;

    /// <summary>The DepositAdapter wrapper, where one is deployed.</summary>
    public virtual DepositAdapter? DepositAdapter { get; }

    // ------------------------------------------------------------------ reads

    /// <summary>Reads P, S, liquidity, withdrawal bounds and every pause flag in one Multicall3 batch.</summary>
    public virtual async Task<EtherFiPoolState> GetPoolStateAsync(CancellationToken cancellationToken = default) =>
        (await ReadStateAsync(null, BlockParameter.Latest, cancellationToken).ConfigureAwait(false)).Pool;

    /// <inheritdoc/>
    public virtual async Task<StakeQuote> QuoteStakeAsync(BigInteger amount, CancellationToken cancellationToken = default)
    {
        var state = await GetPoolStateAsync(cancellationToken).ConfigureAwait(false);
        var (_, eEth) = EtherFiMath.Deposit(amount.Sign > 0 ? amount : BigInteger.Zero, state.TotalPooledEther, state.TotalShares);
        return new StakeQuote(Id, StakingToken.Eth, amount, EEthToken, eEth, BigInteger.Zero,
            new ExchangeRate(EEthToken, StakingToken.Eth, BigInteger.One, BigInteger.One), MinimumDepositForOneShare(state), null,
            state.LiquidityPoolPaused || state.EEthPaused);
    }

    /// <summary>Quotes an ETH deposit: shares, eETH, and weETH through the DepositAdapter.</summary>
    public virtual async Task<EtherFiDepositQuote> QuoteDepositAsync(BigInteger amount, CancellationToken cancellationToken = default)
    {
        var state = await GetPoolStateAsync(cancellationToken).ConfigureAwait(false);
        return QuoteDeposit(amount, state);
    }

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

    /// <inheritdoc/>
    /// <remarks>The LiquidityPool's <c>getTotalPooledEther()</c>: ETH in the pool plus ETH out on validators.</remarks>
    public virtual async Task<BigInteger> GetStakedEtherAsync(CancellationToken cancellationToken = default)
    {
        var r = await AggregateAsync([Call(_addresses.LiquidityPool, LiquidityPool.EncodeGetTotalPooledEther())], BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
        return LiquidityPool.DecodeGetTotalPooledEtherOutput(r[0]);
    }

    // ------------------------------------------------------------------ deposit

    /// <inheritdoc/>
    public virtual Task<PreparedTransaction> PrepareStakeAsync(Address account, BigInteger amount, CancellationToken cancellationToken = default) =>
        PrepareDepositAsync(account, amount, cancellationToken);

    /// <summary>Prepares <c>LiquidityPool.deposit()</c> (or <c>deposit(referral)</c> when <see cref="EtherFiClientOptions.Referral"/> is set) for eETH.</summary>
    public virtual async Task<PreparedTransaction> PrepareDepositAsync(Address account, BigInteger amount, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(account);
        var state = await PreflightDepositAsync(account, amount, cancellationToken).ConfigureAwait(false);
        var quote = QuoteDeposit(amount, state.Pool);
        var request = (Options.Referral is { } referral ? LiquidityPool.PrepareDeposit(referral, amount) : LiquidityPool.PrepareDeposit(amount)) with { From = account };
        var text = $"Stake {Eth(amount)} ETH with ether.fi for about {Eth(quote.EEthAmount)} eETH ({quote.Shares} shares)";
        return Plan(text, new TransactionStep(TransactionStepKind.Action, text, request));
    }

    /// <summary>Prepares ETH → weETH in one call through the DepositAdapter.</summary>
    /// <exception cref="NotSupportedException">No DepositAdapter on this network.</exception>
    public virtual async Task<PreparedTransaction> PrepareDepositForWeEthAsync(Address account, BigInteger amount, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(account);
        var adapter = DepositAdapter ?? throw new NotSupportedException($"ether.fi has no DepositAdapter on {_context.Network.Name}");
        var state = await PreflightDepositAsync(account, amount, cancellationToken).ConfigureAwait(false);
        if (state.Pool.WeEthPaused) throw new ProtocolPausedException(Id, "ether.fi weETH");
        var quote = QuoteDeposit(amount, state.Pool);
        var request = adapter.PrepareDepositEthForWeEth(Options.Referral ?? Address.Zero, amount) with { From = account };
        var text = $"Stake {Eth(amount)} ETH with ether.fi for {Eth(quote.WeEthAmount)} weETH via the DepositAdapter";
        return Plan(text, new TransactionStep(TransactionStepKind.Action, text, request));
    }

    /// <summary>Deposits ETH for eETH and returns the shares and eETH from the receipt.</summary>
    public virtual async Task<EtherFiDepositResult> DepositAsync(ISigner signer, BigInteger amount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var plan = await PrepareDepositAsync(signer.Address, amount, cancellationToken).ConfigureAwait(false);
        var execution = await Executor.SendAsync(plan, signer, 1, cancellationToken).ConfigureAwait(false);
        return DecodeDeposit(execution, signer.Address, false);
    }

    /// <summary>Deposits ETH for weETH through the DepositAdapter and returns what the receipt shows.</summary>
    public virtual async Task<EtherFiDepositResult> DepositForWeEthAsync(ISigner signer, BigInteger amount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var plan = await PrepareDepositForWeEthAsync(signer.Address, amount, cancellationToken).ConfigureAwait(false);
        var execution = await Executor.SendAsync(plan, signer, 1, cancellationToken).ConfigureAwait(false);
        return DecodeDeposit(execution, signer.Address, true);
    }

    // ------------------------------------------------------------------ wrap / unwrap

    /// <summary>
    /// Prepares <c>weETH.wrap(eEthAmount)</c>. With a <paramref name="permitSigner"/> that signs typed data, one
    /// <c>wrapWithPermit</c> transaction; otherwise an exact eETH approval to weETH (when the allowance is short) and the wrap.
    /// </summary>
    public virtual async Task<PreparedTransaction> PrepareWrapAsync(Address account, BigInteger eEthAmount, ISigner? permitSigner = null, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(account);
        var state = await PreflightTokenAsync(account, eEthAmount, nameof(eEthAmount), EtherFiRedeemToken.EEth, _addresses.WeEth, cancellationToken).ConfigureAwait(false);
        if (state.Pool.EEthPaused || state.Pool.WeEthPaused) throw new ProtocolPausedException(Id, state.Pool.EEthPaused ? "ether.fi eETH" : "ether.fi weETH");
        var weEth = EtherFiMath.WeEthForWrap(eEthAmount, state.Pool.TotalPooledEther, state.Pool.TotalShares);
        var text = $"Wrap {Eth(eEthAmount)} eETH into {Eth(weEth)} weETH";
        var permit = await TryPermitAsync(permitSigner, account, "EETH", _addresses.EEth, _addresses.WeEth, eEthAmount, state, cancellationToken).ConfigureAwait(false);
        if (permit is not null)
            return Plan(text, new TransactionStep(TransactionStepKind.Action, text + " (with an eETH permit)", WeEthContract.PrepareWrapWithPermit(eEthAmount, permit) with { From = account }));
        return Plan(text, ApprovalSteps(state.Allowance, eEthAmount, _addresses.EEth, _addresses.WeEth, "eETH", "weETH", account,
            new TransactionStep(TransactionStepKind.Action, text, WeEthContract.PrepareWrap(eEthAmount) with { From = account })));
    }

    /// <summary>Prepares <c>weETH.unwrap(weEthAmount)</c> (no approval needed).</summary>
    public virtual async Task<PreparedTransaction> PrepareUnwrapAsync(Address account, BigInteger weEthAmount, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(account);
        var state = await PreflightTokenAsync(account, weEthAmount, nameof(weEthAmount), EtherFiRedeemToken.WeEth, null, cancellationToken).ConfigureAwait(false);
        if (state.Pool.EEthPaused || state.Pool.WeEthPaused) throw new ProtocolPausedException(Id, state.Pool.EEthPaused ? "ether.fi eETH" : "ether.fi weETH");
        var eEth = EtherFiMath.EEthForUnwrap(weEthAmount, state.Pool.TotalPooledEther, state.Pool.TotalShares);
        var text = $"Unwrap {Eth(weEthAmount)} weETH into {Eth(eEth)} eETH";
        return Plan(text, new TransactionStep(TransactionStepKind.Action, text, WeEthContract.PrepareUnwrap(weEthAmount) with { From = account }));
    }

    /// <summary>Wraps eETH into weETH (permit when <paramref name="usePermit"/> and the signer signs typed data) and decodes the result.</summary>
    public virtual async Task<EtherFiWrapResult> WrapAsync(ISigner signer, BigInteger eEthAmount, bool usePermit = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var plan = await PrepareWrapAsync(signer.Address, eEthAmount, usePermit ? signer : null, cancellationToken).ConfigureAwait(false);
        var execution = await Executor.SendAsync(plan, signer, 1, cancellationToken).ConfigureAwait(false);
        return DecodeWrap(execution, signer.Address, wrap: true);
    }

    /// <summary>Unwraps weETH into eETH and decodes the result.</summary>
    public virtual async Task<EtherFiWrapResult> UnwrapAsync(ISigner signer, BigInteger weEthAmount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var plan = await PrepareUnwrapAsync(signer.Address, weEthAmount, cancellationToken).ConfigureAwait(false);
        var execution = await Executor.SendAsync(plan, signer, 1, cancellationToken).ConfigureAwait(false);
        return DecodeWrap(execution, signer.Address, wrap: false);
    }

    // ------------------------------------------------------------------ withdrawal queue

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

    // ------------------------------------------------------------------ instant redemption

    /// <summary>Quotes an instant redemption of eETH or weETH to ETH: payout, exit fee split and limits, exactly as the redemption manager computes them.</summary>
    public virtual async Task<EtherFiRedemptionQuote> QuoteRedeemAsync(EtherFiRedeemToken token, BigInteger amount, CancellationToken cancellationToken = default)
    {
        var state = await ReadStateAsync(null, BlockParameter.Latest, cancellationToken, redemptionAmount: (token, amount)).ConfigureAwait(false);
        return state.Redemption!;
    }

    /// <summary>
    /// Prepares <c>redeemEEth</c>/<c>redeemWeEth</c> to ETH (receiver default: the account), with a permit when a typed-data
    /// signer is given, else an exact approval to the redemption manager. Refuses amounts above the bucket or the liquidity
    /// above the low watermark (<see cref="AmountAboveLimitException"/> naming the limit), paused contracts and blacklisted accounts.
    /// </summary>
    public virtual async Task<PreparedTransaction> PrepareRedeemAsync(Address account, EtherFiRedeemToken token, BigInteger amount, Address? receiver = null, ISigner? permitSigner = null, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(account);
        AddressArguments.RequireNonZero(receiver);
        var to = receiver ?? account;
        var state = await PreflightTokenAsync(account, amount, nameof(amount), token, _addresses.RedemptionManager, cancellationToken, to, (token, amount)).ConfigureAwait(false);
        var quote = state.Redemption!;
        if (state.Pool.RedemptionManagerPaused) throw new ProtocolPausedException(Id, "ether.fi EtherFiRedemptionManager");
        if (state.Pool.EEthPaused) throw new ProtocolPausedException(Id, "ether.fi eETH");
        if (token == EtherFiRedeemToken.WeEth && state.Pool.WeEthPaused) throw new ProtocolPausedException(Id, "ether.fi weETH");
        if (quote.EEthAmount > state.BucketRemaining)
            throw new AmountAboveLimitException(Id, nameof(amount), quote.EEthAmount, state.BucketRemaining, "wei eETH", "instant-redemption rate limit (bucket)");
        if (quote.EEthAmount > state.AboveWatermark)
            throw new AmountAboveLimitException(Id, nameof(amount), quote.EEthAmount, state.AboveWatermark, "wei eETH", "instant liquidity above the low watermark");
        if (!quote.CanRedeem)
            throw new AmountAboveLimitException(Id, nameof(amount), quote.EEthAmount, quote.TotalRedeemable, "wei eETH", "total redeemable amount");
        var symbol = token == EtherFiRedeemToken.EEth ? "eETH" : "weETH";
        var tokenAddress = token == EtherFiRedeemToken.EEth ? _addresses.EEth : _addresses.WeEth;
        var text = $"Redeem {Eth(amount)} {symbol} instantly with ether.fi for {Eth(quote.AmountOut)} ETH (exit fee {Eth(quote.Fee)} eETH)";
        var permit = await TryPermitAsync(permitSigner, account, token == EtherFiRedeemToken.EEth ? "EETH" : "Wrapped eETH", tokenAddress, _addresses.RedemptionManager, amount, state, cancellationToken).ConfigureAwait(false);
        if (permit is not null)
        {
            var withPermit = token == EtherFiRedeemToken.EEth
                ? RedemptionManager.PrepareRedeemEEthWithPermit(amount, to, permit, EthOutputToken)
                : RedemptionManager.PrepareRedeemWeEthWithPermit(amount, to, permit, EthOutputToken);
            return Plan(text, new TransactionStep(TransactionStepKind.Action, text + $" with a {symbol} permit", withPermit with { From = account }));
        }
        var action = token == EtherFiRedeemToken.EEth
            ? RedemptionManager.PrepareRedeemEEth(amount, to, EthOutputToken)
            : RedemptionManager.PrepareRedeemWeEth(amount, to, EthOutputToken);
        return Plan(text, ApprovalSteps(state.Allowance, amount, tokenAddress, _addresses.RedemptionManager, symbol, "the ether.fi redemption manager", account,
            new TransactionStep(TransactionStepKind.Action, text, action with { From = account })));
    }

    /// <summary>
    /// <see cref="IInstantRedeemQuoter"/>: an eETH or weETH redemption to ETH through EtherFiRedemptionManager
    /// (<see cref="QuoteRedeemAsync"/>). EthOut = the ETH paid to the receiver, Fee = treasury + stakers parts of the exit fee
    /// (eETH, 1:1 with wei), IsPaused = the redemption manager, eETH (or, for weETH, weETH) is paused. Maximum, in the
    /// token's units: for eETH <c>totalRedeemableAmount</c> = min(bucket remaining × 1e12, instant liquidity above the low
    /// watermark), which is exactly the largest amount <c>canRedeem</c> accepts; for weETH the largest <c>w</c> whose eETH
    /// value <c>floor(w × P / S)</c> stays within it.
    /// </summary>
    /// <exception cref="LiquidStakeArgumentException"><paramref name="token"/> is neither eETH nor weETH.</exception>
    /// <exception cref="AmountNotPositiveException"><paramref name="amount"/> is zero or negative.</exception>
    public virtual async Task<InstantRedeemQuote> QuoteInstantRedeemAsync(StakingToken token, BigInteger amount, CancellationToken cancellationToken = default)
    {
        var redeemToken = ToRedeemToken(token);
        if (amount.Sign <= 0) throw new AmountNotPositiveException(Id, nameof(amount), amount);
        var state = await ReadStateAsync(null, BlockParameter.Latest, cancellationToken, redemptionAmount: (redeemToken, amount)).ConfigureAwait(false);
        var q = state.Redemption!;
        var maximum = redeemToken == EtherFiRedeemToken.EEth
            ? q.TotalRedeemable
            : EtherFiMath.MaxSharesWithin(q.TotalRedeemable, state.Pool.TotalPooledEther, state.Pool.TotalShares);
        return new InstantRedeemQuote(Id, redeemToken == EtherFiRedeemToken.EEth ? EEthToken : WeEthToken, amount, q.AmountOut, q.Fee, maximum, q.IsPaused);
    }

    /// <summary><see cref="IInstantRedeemQuoter"/>: <see cref="PrepareRedeemAsync"/> to the account itself, with an exact approval when needed (no permit).</summary>
    /// <exception cref="LiquidStakeArgumentException"><paramref name="token"/> is neither eETH nor weETH.</exception>
    public virtual Task<PreparedTransaction> PrepareInstantRedeemAsync(Address account, StakingToken token, BigInteger amount, CancellationToken cancellationToken = default) =>
        PrepareRedeemAsync(account, ToRedeemToken(token), amount, null, null, cancellationToken);

    /// <summary>Redeems instantly and returns the amount, the fee (Redeemed event) and the ETH paid.</summary>
    public virtual async Task<EtherFiRedeemResult> RedeemAsync(ISigner signer, EtherFiRedeemToken token, BigInteger amount, Address? receiver = null, bool usePermit = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var plan = await PrepareRedeemAsync(signer.Address, token, amount, receiver, usePermit ? signer : null, cancellationToken).ConfigureAwait(false);
        var execution = await Executor.SendAsync(plan, signer, 1, cancellationToken).ConfigureAwait(false);
        RedeemedEvent? redeemed = null;
        foreach (var log in execution.ActionReceipt.Logs)
            if (EtherFiRedemptionManager.TryDecodeRedeemedEvent(log, out var e, _addresses.RedemptionManager)) redeemed = e;
        if (redeemed is null) throw new EthereumFormatException("the redemption receipt has no Redeemed event");
        // The payout is not in the event; recompute it at the state before the transaction's block.
        var before = await ReadStateAsync(null, BlockParameter.AtNumber(execution.ActionReceipt.BlockNumber - 1), cancellationToken, redemptionAmount: (token, amount)).ConfigureAwait(false);
        return new EtherFiRedeemResult(execution, token, redeemed.Receiver, redeemed.RedemptionAmount, redeemed.FeeAmountToTreasury, redeemed.FeeAmountToStakers, before.Redemption!.AmountOut);
    }

    // ------------------------------------------------------------------ internals

    private sealed record ChainState(
        EtherFiPoolState Pool,
        BigInteger Balance,
        BigInteger Allowance,
        BigInteger Nonce,
        IReadOnlyDictionary<Address, BigInteger> BlacklistedUntil,
        EtherFiRedemptionQuote? Redemption,
        BigInteger BucketRemaining,
        BigInteger AboveWatermark)
    {
        public byte[]? DomainSeparator { get; init; }
    }

    private EtherFiRedeemToken ToRedeemToken(StakingToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Address == _addresses.EEth) return EtherFiRedeemToken.EEth;
        if (token.Address == _addresses.WeEth) return EtherFiRedeemToken.WeEth;
        throw new LiquidStakeArgumentException(nameof(token), $"ether.fi redeems only eETH or weETH, not {token.Symbol} ({token.Address})",
            $"eETH ({_addresses.EEth}) or weETH ({_addresses.WeEth})");
    }

    private static EtherFiDepositQuote QuoteDeposit(BigInteger amount, EtherFiPoolState state)
    {
        var (shares, eEth) = EtherFiMath.Deposit(amount, state.TotalPooledEther, state.TotalShares);
        var weEth = EtherFiMath.DepositForWeEth(amount, state.TotalPooledEther, state.TotalShares);
        return new EtherFiDepositQuote(amount, shares, eEth, weEth, state.LiquidityPoolPaused || state.EEthPaused);
    }

    private async Task<ChainState> PreflightDepositAsync(Address account, BigInteger amount, CancellationToken cancellationToken)
    {
        if (amount.Sign <= 0) throw new AmountNotPositiveException(Id, nameof(amount), amount);
        await _context.EnsureChainAsync(cancellationToken).ConfigureAwait(false);
        var state = await ReadStateAsync([account], BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
        if (state.Pool.LiquidityPoolPaused) throw new ProtocolPausedException(Id, "ether.fi LiquidityPool");
        if (state.Pool.EEthPaused) throw new ProtocolPausedException(Id, "ether.fi eETH");
        ThrowIfBlacklisted(state, nameof(account));
        var balance = await _context.Rpc.GetBalanceAsync(account, BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
        if (amount > balance) throw new InsufficientBalanceException(Id, nameof(amount), amount, balance, "wei");
        if (EtherFiMath.SharesForDeposit(amount, state.Pool.TotalPooledEther, state.Pool.TotalShares).IsZero)
            throw new AmountBelowMinimumException(Id, nameof(amount), amount, MinimumDepositForOneShare(state.Pool), "wei");
        return state;
    }

    private static BigInteger MinimumDepositForOneShare(EtherFiPoolState pool) =>
        pool.TotalShares.IsZero ? BigInteger.One : (pool.TotalPooledEther + pool.TotalShares - 1) / pool.TotalShares;

    private async Task<ChainState> PreflightTokenAsync(Address account, BigInteger amount, string paramName, EtherFiRedeemToken token, Address? spender,
        CancellationToken cancellationToken, Address? counterparty = null, (EtherFiRedeemToken, BigInteger)? redemptionAmount = null)
    {
        if (amount.Sign <= 0) throw new AmountNotPositiveException(Id, paramName, amount);
        await _context.EnsureChainAsync(cancellationToken).ConfigureAwait(false);
        var checkedAccounts = counterparty is { } c && c != account ? new[] { account, c } : new[] { account };
        var state = await ReadStateAsync(checkedAccounts, BlockParameter.Latest, cancellationToken, redemptionAmount, (token, account, spender)).ConfigureAwait(false);
        if (amount > state.Balance) throw new InsufficientBalanceException(Id, paramName, amount, state.Balance, token == EtherFiRedeemToken.EEth ? "wei eETH" : "wei weETH");
        ThrowIfBlacklisted(state, nameof(account));
        return state;
    }

    private void ThrowIfBlacklisted(ChainState state, string paramName)
    {
        foreach (var (who, until) in state.BlacklistedUntil)
            if (until > state.Pool.BlockTimestamp) throw new AccountBlacklistedException(Id, paramName, who, until);
    }

    private async Task<ChainState> ReadStateAsync(Address[]? blacklistChecks, BlockParameter block, CancellationToken cancellationToken,
        (EtherFiRedeemToken Token, BigInteger Amount)? redemptionAmount = null, (EtherFiRedeemToken Token, Address Owner, Address? Spender)? holding = null)
    {
        var blacklister = Options.Blacklister;
        if (blacklister is null && blacklistChecks is { Length: > 0 })
            blacklister = await LiquidityPool.BlacklisterAsync(block, cancellationToken).ConfigureAwait(false);
        var calls = new List<MulticallCall>
        {
            Call(_addresses.LiquidityPool, LiquidityPool.EncodeGetTotalPooledEther()),     // 0
            Call(_addresses.EEth, EEth.EncodeTotalShares()),                              // 1
            Call(_addresses.LiquidityPool, LiquidityPool.EncodeTotalValueInLp()),          // 2
            Call(_addresses.LiquidityPool, LiquidityPool.EncodeMinWithdrawAmount()),       // 3
            Call(_addresses.LiquidityPool, LiquidityPool.EncodeMaxWithdrawAmount()),       // 4
            Call(_context.Network.Multicall3, BlockTimestampCall),                         // 5
        };
        foreach (var target in new[] { _addresses.LiquidityPool, _addresses.EEth, _addresses.WeEth, _addresses.WithdrawRequestNft, _addresses.RedemptionManager })
        {
            calls.Add(Call(target, LiquidityPool.EncodePaused()));                         // 6 + 2k
            calls.Add(Call(target, LiquidityPool.EncodePausedUntil()));                    // 7 + 2k
        }
        int next = calls.Count;
        int holdingIndex = -1, blacklistIndex = -1, redemptionIndex = -1;
        if (holding is { } h)
        {
            holdingIndex = next;
            var tokenAddress = h.Token == EtherFiRedeemToken.EEth ? _addresses.EEth : _addresses.WeEth;
            calls.Add(Call(tokenAddress, EEth.EncodeBalanceOf(h.Owner)));
            calls.Add(Call(tokenAddress, EEth.EncodeAllowance(h.Owner, h.Spender ?? h.Owner)));
            calls.Add(Call(tokenAddress, EEth.EncodeNonces(h.Owner)));
            calls.Add(Call(tokenAddress, EEth.EncodeDomainSeparator()));
            next = calls.Count;
        }
        if (blacklistChecks is { Length: > 0 } && blacklister is { } bl)
        {
            blacklistIndex = next;
            foreach (var who in blacklistChecks) calls.Add(Call(bl, AbiCodec.EncodeCall(BlacklistedUntilSelector, AddressArg, [who])));
            next = calls.Count;
        }
        if (redemptionAmount is not null)
        {
            redemptionIndex = next;
            calls.Add(Call(_addresses.RedemptionManager, EtherFiRedemptionManager.EncodeTokenToRedemptionInfo(EthOutputToken)));
            calls.Add(Call(_addresses.RedemptionManager, EtherFiRedemptionManager.EncodeTotalRedeemableAmount(EthOutputToken)));
            calls.Add(Call(_addresses.RedemptionManager, EtherFiRedemptionManager.EncodeLowWatermarkInEth(EthOutputToken)));
            calls.Add(Call(_addresses.RedemptionManager, EtherFiRedemptionManager.EncodeGetInstantLiquidityAmount(EthOutputToken)));
        }

        var r = await _context.Multicall.AggregateAsync(calls, block, cancellationToken).ConfigureAwait(false);
        var timestamp = (ulong)Uint(r[5]);
        bool Paused(int k) => LiquidityPool.DecodePausedOutput(Required(r[6 + 2 * k])) || LiquidityPool.DecodePausedUntilOutput(Required(r[7 + 2 * k])) >= timestamp;
        var pool = new EtherFiPoolState(
            LiquidityPool.DecodeGetTotalPooledEtherOutput(Required(r[0])),
            EEth.DecodeTotalSharesOutput(Required(r[1])),
            LiquidityPool.DecodeTotalValueInLpOutput(Required(r[2])),
            LiquidityPool.DecodeMinWithdrawAmountOutput(Required(r[3])),
            LiquidityPool.DecodeMaxWithdrawAmountOutput(Required(r[4])),
            timestamp,
            Paused(0), Paused(1), Paused(2), Paused(3), Paused(4));

        BigInteger balance = 0, allowance = 0, nonce = 0;
        byte[]? domainSeparator = null;
        if (holdingIndex >= 0)
        {
            balance = Uint(r[holdingIndex]);
            allowance = Uint(r[holdingIndex + 1]);
            nonce = r[holdingIndex + 2].Success ? Uint(r[holdingIndex + 2]) : BigInteger.MinusOne;
            domainSeparator = r[holdingIndex + 3] is { Success: true, ReturnData.Length: 32 } d ? d.ReturnData : null;
        }
        var blacklisted = new Dictionary<Address, BigInteger>();
        if (blacklistIndex >= 0)
            for (int i = 0; i < blacklistChecks!.Length; i++) blacklisted[blacklistChecks[i]] = Uint(r[blacklistIndex + i]);

        EtherFiRedemptionQuote? quote = null;
        BigInteger bucket = 0, aboveWatermark = 0;
        if (redemptionAmount is { } ra && redemptionIndex >= 0)
        {
            var info = EtherFiRedemptionManager.DecodeTokenToRedemptionInfoOutput(Required(r[redemptionIndex]));
            var totalRedeemable = EtherFiRedemptionManager.DecodeTotalRedeemableAmountOutput(Required(r[redemptionIndex + 1]));
            var watermark = EtherFiRedemptionManager.DecodeLowWatermarkInEthOutput(Required(r[redemptionIndex + 2]));
            var liquidity = EtherFiRedemptionManager.DecodeGetInstantLiquidityAmountOutput(Required(r[redemptionIndex + 3]));
            aboveWatermark = liquidity > watermark ? liquidity - watermark : BigInteger.Zero;
            var l = info.Limit;
            var refilled = l.Remaining + (new BigInteger(timestamp) - l.LastRefill) * l.RefillRate;
            bucket = BigInteger.Min(refilled, l.Capacity) * EtherFiMath.BucketUnit;
            var amount = ra.Amount.Sign > 0 ? ra.Amount : BigInteger.Zero;
            var eEthAmount = ra.Token == EtherFiRedeemToken.EEth ? amount : EtherFiMath.AmountForShare(amount, pool.TotalPooledEther, pool.TotalShares);
            var shares = EtherFiMath.SharesForAmount(eEthAmount, pool.TotalPooledEther, pool.TotalShares);
            var split = EtherFiMath.Redemption(shares, (int)info.ExitFeeInBps, (int)info.ExitFeeSplitToTreasuryInBps, pool.TotalPooledEther, pool.TotalShares);
            bool can = eEthAmount <= aboveWatermark && EtherFiMath.ToBucketUnits(eEthAmount) <= BigInteger.Min(refilled, l.Capacity);
            quote = new EtherFiRedemptionQuote(ra.Token, ra.Amount, eEthAmount, shares, split.ToReceiver, split.FeeToTreasury, split.FeeToStakers,
                (int)info.ExitFeeInBps, totalRedeemable, can, pool.RedemptionManagerPaused || pool.EEthPaused || (ra.Token == EtherFiRedeemToken.WeEth && pool.WeEthPaused));
        }
        return new ChainState(pool, balance, allowance, nonce, blacklisted, quote, bucket, aboveWatermark) { DomainSeparator = domainSeparator };
    }

    private async Task<PermitInput?> TryPermitAsync(ISigner? signer, Address owner, string domainName, Address token, Address spender, BigInteger value, ChainState state, CancellationToken cancellationToken)
    {
        if (signer is null || signer.Address != owner || state.Nonce.Sign < 0 || state.DomainSeparator is null) return null;
        // A contract wallet cannot sign an ECDSA permit: approve instead.
        if (await _context.IsContractAccountAsync(owner, cancellationToken).ConfigureAwait(false)) return null;
        var domain = Eip2612.CreateDomain(domainName, "1", _context.Network.ChainId, token);
        // Only sign when the token's own separator matches the domain we would sign for; otherwise approve.
        if (!Eip712.HashDomain(domain).ToArray().AsSpan().SequenceEqual(state.DomainSeparator)) return null;
        var deadline = new BigInteger(state.Pool.BlockTimestamp) + (long)Options.PermitValidity.TotalSeconds;
        Signature signature;
        try
        {
            signature = await signer.SignTypedDataAsync(Eip2612.CreatePermit(domain, owner, spender, value, state.Nonce, deadline), cancellationToken).ConfigureAwait(false);
        }
        catch (NotSupportedException)
        {
            return null; // the signer cannot sign typed data: fall back to approve
        }
        return new PermitInput(value, deadline, signature.V, signature.GetRBytes(), signature.GetSBytes());
    }

    private TransactionStep[] ApprovalSteps(BigInteger allowance, BigInteger amount, Address token, Address spender, string symbol, string spenderName, Address account, TransactionStep action)
    {
        action = action with { RequiredAllowance = new AllowanceRequirement(token, account, spender, amount, symbol) };
        if (allowance >= amount) return [action];
        var approve = EEthContract.PrepareApprove(spender, amount) with { To = token, From = account };
        return [new TransactionStep(TransactionStepKind.Approval, $"Approve {Eth(amount)} {symbol} to {spenderName}", approve), action];
    }

    private PreparedTransaction Plan(string description, params TransactionStep[] steps) => new(Id, description, steps);

    private EtherFiDepositResult DecodeDeposit(PlanExecution execution, Address account, bool viaAdapter)
    {
        BigInteger eth = 0, shares = 0, eEth = 0, weEth = 0;
        // The mint goes to the account, or to the adapter that wraps it. Its Transfer value is amountForShare(shares)
        // priced after the mint (new P and S), i.e. what those shares are worth, not the ETH paid.
        var minted = viaAdapter && DepositAdapter is not null ? DepositAdapter.Address : account;
        foreach (var log in execution.ActionReceipt.Logs)
        {
            if (LiquidityPool.TryDecodeDepositEvent(log, out var d, _addresses.LiquidityPool) && !viaAdapter) eth = d.Amount;
            else if (DepositAdapter is not null && DepositAdapter.TryDecodeAdapterDepositEvent(log, out var ad, DepositAdapter.Address) && viaAdapter) eth = ad.Amount;
            else if (EEth.TryDecodeTransferSharesEvent(log, out var ts, _addresses.EEth) && ts.From == Address.Zero && ts.To == minted) shares = ts.SharesValue;
            else if (EEth.TryDecodeTransferEvent(log, out var te, _addresses.EEth) && te.From == Address.Zero && te.To == minted) eEth = te.Value;
            else if (viaAdapter && WeEth.TryDecodeTransferEvent(log, out var we, _addresses.WeEth) && we.To == account) weEth = we.Value;
        }
        return new EtherFiDepositResult(execution, eth, shares, eEth, weEth);
    }

    private EtherFiWrapResult DecodeWrap(PlanExecution execution, Address account, bool wrap)
    {
        BigInteger eEth = 0, weEth = 0, shares = 0;
        foreach (var log in execution.ActionReceipt.Logs)
        {
            if (WeEth.TryDecodeTransferEvent(log, out var w, _addresses.WeEth) && (wrap ? w.From == Address.Zero && w.To == account : w.From == account && w.To == Address.Zero))
                weEth = w.Value;
            else if (EEth.TryDecodeTransferSharesEvent(log, out var ts, _addresses.EEth) && (wrap ? ts.From == account : ts.To == account))
                shares = ts.SharesValue;
            else if (EEth.TryDecodeTransferEvent(log, out var te, _addresses.EEth) && (wrap ? te.From == account : te.To == account))
                eEth = te.Value;
        }
        return new EtherFiWrapResult(execution, eEth, weEth, shares);
    }

    private async Task<ulong> BlockTimeAsync(ulong number, CancellationToken cancellationToken)
    {
        var header = await _context.Rpc.GetBlockByNumberAsync(BlockParameter.AtNumber(number), cancellationToken).ConfigureAwait(false)
            ?? throw new LiquidStakeException($"block {number} not found");
        return header.Timestamp;
    }

    private async Task<IReadOnlyList<byte[]>> AggregateAsync(IReadOnlyList<MulticallCall> calls, BlockParameter block, CancellationToken cancellationToken)
    {
        var results = await _context.Multicall.AggregateAsync(calls, block, cancellationToken).ConfigureAwait(false);
        return results.Select(Required).ToArray();
    }

    private static MulticallCall Call(Address target, byte[] data, bool allowFailure = false) => new(target, data, allowFailure);

    private static byte[] Required(MulticallResult result) =>
        result.Success ? result.ReturnData : throw new EthereumFormatException("a batched ether.fi read failed");

    private static BigInteger Uint(MulticallResult result) => (BigInteger)AbiCodec.Decode(Uint256Result, Required(result))[0]!;

    private static string Eth(BigInteger wei) => EthUnits.FormatEther(wei);

    private static RevertDataDecoder Decoder(TryDecode tryDecode) => data => tryDecode(data, out var ex) ? ex : null;

    private delegate bool TryDecode(ReadOnlySpan<byte> data, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out LiquidStake.Ethereum.Contracts.ContractRevertException? exception);
}
