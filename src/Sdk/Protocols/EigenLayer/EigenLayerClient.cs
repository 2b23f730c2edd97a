using System.Globalization;
using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Messages;
using LiquidStake.Ethereum.Multicall;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Ethereum.Transactions;
using LiquidStake.Sdk.Contracts.Common;
using LiquidStake.Sdk.Contracts.EigenLayer;
using LiquidStake.Sdk.Services;
using LiquidStake.Sdk.Withdrawals;

namespace LiquidStake.Sdk.Protocols.EigenLayer;

/// <summary>
/// EigenLayer restaking for stakers: deposit LSTs into strategies, delegate to operators, queue and complete
/// withdrawals, read slashing-aware positions and the operator directory. Immutable and thread-safe.
/// </summary>
public class EigenLayerClient : IStakingProvider, IBatchPositionReader, ITokenDepositor, IWithdrawalRequestReader, IWithdrawalWaitEstimator, IWithdrawalBatchLister
{
    private static readonly BigInteger Wad = BigInteger.Pow(10, 18);

    // Mainnet LSTs whose strategies eigenlayer.md §1.2 lists, for naming the tokens of the network profile's strategy map.
    private static readonly Address CbEthMainnet = Address.Parse("0xBe9895146f7AF43049ca1c1AE358B0541Ea49704");
    private static readonly Address EthxMainnet = Address.Parse("0xA35b1B31Ce002FBF2058D22F30f95D405200A15b");

    private readonly LiquidStakeContext _context = null!;
    private readonly EigenLayerAddresses _addresses = null!;
    private readonly EigenLayerClientOptions _options = null!;
    private readonly PreparedTransactionExecutor _executor = null!;

    /// <summary>For mocking only.</summary>
    protected EigenLayerClient() { }

    /// <summary>Creates a client over a context whose network profile has EigenLayer addresses.</summary>
    public EigenLayerClient(LiquidStakeContext context, EigenLayerClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        _addresses = context.Network.EigenLayer ?? throw new LiquidStakeArgumentException(nameof(context), $"network '{context.Network.Name}' has no EigenLayer addresses");
        _context = context.WithRevertDecoders(
            DecodeWith(DelegationManager.TryDecodeError), DecodeWith(StrategyManager.TryDecodeError),
            DecodeWith(StrategyBaseTvlLimits.TryDecodeError), DecodeWith(AllocationManager.TryDecodeError), DecodeWith(StrategyFactory.TryDecodeError));
        _options = options ?? new EigenLayerClientOptions();
        _executor = new PreparedTransactionExecutor(_context);
        DepositTokens = _addresses.StrategiesByToken.Keys.Select(t => DescribeToken(context.Network, t)).ToArray();
        var defaultToken = _options.DefaultToken ?? context.Network.Lido?.StEth
            ?? (_addresses.StrategiesByToken.Count > 0 ? _addresses.StrategiesByToken.Keys.First()
                : throw new LiquidStakeArgumentException(nameof(options), $"network '{context.Network.Name}' has neither Lido stETH nor a strategy token; set {nameof(EigenLayerClientOptions.DefaultToken)}"));
        StakeToken = DescribeToken(context.Network, defaultToken);
        StrategySharesToken = new StakingToken($"EL-{StakeToken.Symbol}", $"EigenLayer {StakeToken.Symbol} strategy shares", _addresses.StrategiesByToken.TryGetValue(defaultToken, out var s) ? s : Address.Zero, 18, TokenAccounting.StrategyShares);
    }

    /// <summary>
    /// Names a token of the strategy map: stETH and rETH from the network's Lido and Rocket Pool addresses, cbETH and
    /// ETHx by their mainnet addresses; any other token as "LST-0x1234abcd" (exchange-rate accounting assumed).
    /// </summary>
    private static StakingToken DescribeToken(NetworkProfile network, Address token)
    {
        if (network.Lido?.StEth == token) return new StakingToken("stETH", "Liquid staked Ether 2.0", token, 18, TokenAccounting.Rebasing);
        if (network.RocketPool?.REth == token) return new StakingToken("rETH", "Rocket Pool ETH", token, 18, TokenAccounting.ExchangeRate);
        if (network.ChainId == 1 && token == CbEthMainnet) return new StakingToken("cbETH", "Coinbase Wrapped Staked ETH", token, 18, TokenAccounting.ExchangeRate);
        if (network.ChainId == 1 && token == EthxMainnet) return new StakingToken("ETHx", "Stader ETHx", token, 18, TokenAccounting.ExchangeRate);
        return new StakingToken($"LST-{token.ToString()[..10]}", $"Liquid staking token {token}", token, 18, TokenAccounting.ExchangeRate);
    }

    /// <summary>"stETH" for a known deposit token, "token 0x…" otherwise: how messages name a token.</summary>
    private string TokenLabel(Address token) => DepositTokens.FirstOrDefault(t => t.Address == token) is { } known ? known.Symbol : $"token {token}";

    private delegate bool TryDecode(ReadOnlySpan<byte> data, out Ethereum.Contracts.ContractRevertException? exception);

    private static RevertDataDecoder DecodeWith(TryDecode decoder) => data => decoder(data, out var ex) ? ex : null;

    /// <inheritdoc/>
    public virtual ProtocolId Id => ProtocolId.EigenLayer;

    /// <inheritdoc/>
    public virtual string DisplayName => "EigenLayer";

    /// <inheritdoc/>
    public virtual StakingCapabilities Capabilities => StakingCapabilities.DepositToken | StakingCapabilities.QueuedWithdrawal | StakingCapabilities.Delegation;

    /// <inheritdoc/>
    public virtual StakingToken StakeToken { get; } = null!;

    /// <summary>The strategy shares of the default LST's strategy.</summary>
    public virtual StakingToken StrategySharesToken { get; } = null!;

    /// <inheritdoc/>
    public virtual IReadOnlyList<StakingToken> ReceiptTokens => [StrategySharesToken];

    /// <inheritdoc/>
    /// <remarks>The tokens of the network profile's <see cref="EigenLayerAddresses.StrategiesByToken"/> (stETH, rETH, cbETH, ETHx on mainnet).</remarks>
    public virtual IReadOnlyList<StakingToken> DepositTokens { get; } = [];

    /// <summary>The context this client uses (with EigenLayer's revert decoders).</summary>
    public virtual LiquidStakeContext Context => _context;

    /// <summary>The executor used by the convenience methods.</summary>
    public virtual PreparedTransactionExecutor Executor => _executor;

    private DelegationManager Delegation => new(_addresses.DelegationManager, _context.Rpc);

    private StrategyManager Strategies => new(_addresses.StrategyManager, _context.Rpc);

    private AllocationManager Allocations => new(_addresses.AllocationManager, _context.Rpc);

    // ------------------------------------------------------------------ strategies

    /// <summary>The strategy for <paramref name="token"/>: the network profile's map, else <c>StrategyFactory.deployedStrategies(token)</c>.</summary>
    /// <exception cref="EigenLayerPreflightException">No strategy exists for the token.</exception>
    public virtual async Task<Address> GetStrategyAsync(Address token, CancellationToken cancellationToken = default)
    {
        if (_addresses.StrategiesByToken.TryGetValue(token, out var known)) return known;
        var deployed = await new StrategyFactory(_addresses.StrategyFactory, _context.Rpc).DeployedStrategiesAsync(token, null, cancellationToken).ConfigureAwait(false);
        if (deployed == Address.Zero) throw new EigenLayerPreflightException("StrategyNotWhitelisted", nameof(token), $"no EigenLayer strategy exists for token {token}");
        return deployed;
    }

    // ------------------------------------------------------------------ deposits

    /// <summary>Deposit state read in one Multicall3 batch.</summary>
    private sealed record DepositState(bool Whitelisted, bool ManagerPaused, bool StrategyPaused, BigInteger? MaxPerDeposit, BigInteger? MaxTotalDeposits, BigInteger StrategyBalance, BigInteger Balance, BigInteger Allowance, BigInteger ExpectedShares);

    private async Task<DepositState> ReadDepositStateAsync(Address account, Address token, Address strategy, BigInteger amount, CancellationToken cancellationToken)
    {
        var r = await _context.Multicall.AggregateAsync(
        [
            new MulticallCall(_addresses.StrategyManager, StrategyManager.EncodeStrategyIsWhitelistedForDeposit(strategy), false),
            new MulticallCall(_addresses.StrategyManager, StrategyManager.EncodePaused(0), false),
            new MulticallCall(strategy, StrategyBaseTvlLimits.EncodePaused(0)),
            new MulticallCall(strategy, StrategyBaseTvlLimits.EncodeGetTvlLimits()),
            new MulticallCall(token, Erc20.EncodeBalanceOf(strategy), false),
            new MulticallCall(token, Erc20.EncodeBalanceOf(account), false),
            new MulticallCall(token, Erc20.EncodeAllowance(account, _addresses.StrategyManager), false),
            new MulticallCall(strategy, StrategyBaseTvlLimits.EncodeUnderlyingToSharesView(amount)),
        ], BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
        var limits = r[3].Success ? StrategyBaseTvlLimits.DecodeGetTvlLimitsOutput(r[3].ReturnData) : null;
        return new DepositState(
            StrategyManager.DecodeStrategyIsWhitelistedForDepositOutput(r[0].ReturnData),
            StrategyManager.DecodePausedUint8Output(r[1].ReturnData),
            r[2].Success && StrategyBaseTvlLimits.DecodePausedUint8Output(r[2].ReturnData),
            limits?.Item1,
            limits?.Item2,
            Erc20.DecodeBalanceOfOutput(r[4].ReturnData),
            Erc20.DecodeBalanceOfOutput(r[5].ReturnData),
            Erc20.DecodeAllowanceOutput(r[6].ReturnData),
            r[7].Success ? StrategyBaseTvlLimits.DecodeUnderlyingToSharesViewOutput(r[7].ReturnData) : BigInteger.Zero);
    }

    private void CheckDeposit(DepositState s, Address token, Address strategy, BigInteger amount, Address payer, bool checkBalance)
    {
        if (!s.Whitelisted) throw new EigenLayerPreflightException("StrategyNotWhitelisted", nameof(strategy), $"strategy {strategy} is not whitelisted for deposits");
        if (s.ManagerPaused) throw new ProtocolPausedException(ProtocolId.EigenLayer, "StrategyManager deposits");
        if (s.StrategyPaused) throw new ProtocolPausedException(ProtocolId.EigenLayer, $"deposits into strategy {strategy}");
        if (s.MaxPerDeposit is { } perDeposit && amount > perDeposit)
            throw new AmountAboveLimitException(ProtocolId.EigenLayer, nameof(amount), amount, perDeposit, "wei", "maxPerDeposit");
        if (s.MaxTotalDeposits is { } total && s.StrategyBalance + amount > total)
            throw new AmountAboveLimitException(ProtocolId.EigenLayer, nameof(amount), amount, BigInteger.Max(BigInteger.Zero, total - s.StrategyBalance), "wei", "maxTotalDeposits");
        if (checkBalance && s.Balance < amount) throw new InsufficientBalanceException(ProtocolId.EigenLayer, nameof(amount), amount, s.Balance, $"wei of {TokenLabel(token)}", payer);
        if (s.ExpectedShares.IsZero) throw new EigenLayerPreflightException("NewSharesZero", nameof(amount), $"{amount} wei is too small to mint a strategy share", "> 0 shares");
    }

    /// <summary>The shares a deposit of <paramref name="amount"/> of <paramref name="token"/> would mint now (<c>underlyingToSharesView</c>).</summary>
    public virtual async Task<BigInteger> PreviewDepositSharesAsync(Address token, BigInteger amount, CancellationToken cancellationToken = default)
    {
        var strategy = await GetStrategyAsync(token, cancellationToken).ConfigureAwait(false);
        return await new StrategyBaseTvlLimits(strategy, _context.Rpc).UnderlyingToSharesViewAsync(amount, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Prepares a restake of <paramref name="amount"/> of <paramref name="token"/>: an exact-amount approval of the
    /// StrategyManager (when the allowance is short), then <c>depositIntoStrategy</c>.
    /// </summary>
    /// <exception cref="InsufficientBalanceException">The account holds less than <paramref name="amount"/> of the token.</exception>
    public virtual Task<PreparedTransaction> PrepareDepositAsync(Address account, Address token, BigInteger amount, CancellationToken cancellationToken = default) =>
        PrepareDepositAsync(account, token, amount, false, cancellationToken);

    /// <inheritdoc/>
    public virtual Task<PreparedTransaction> PrepareDepositAsync(Address account, StakingToken token, BigInteger amount, bool fundedByEarlierStep = false, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(account);
        ArgumentNullException.ThrowIfNull(token);
        return PrepareDepositAsync(account, token.Address, amount, fundedByEarlierStep, cancellationToken);
    }

    /// <summary>
    /// Prepares a restake; with <paramref name="fundedByEarlierStep"/> (the tokens come from an earlier step of the same
    /// plan) the balance check is skipped and the exact-amount approval is always included, since neither the balance nor
    /// the allowance at execution time can be read now. Strategy caps, pauses and the zero-share check still apply.
    /// </summary>
    public virtual async Task<PreparedTransaction> PrepareDepositAsync(Address account, Address token, BigInteger amount, bool fundedByEarlierStep, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(account);
        AddressArguments.RequireNonZero(token);
        if (amount.Sign <= 0) throw new AmountNotPositiveException(ProtocolId.EigenLayer, nameof(amount), amount);
        await _context.EnsureChainAsync(cancellationToken).ConfigureAwait(false);
        var strategy = await GetStrategyAsync(token, cancellationToken).ConfigureAwait(false);
        var state = await ReadDepositStateAsync(account, token, strategy, amount, cancellationToken).ConfigureAwait(false);
        CheckDeposit(state, token, strategy, amount, account, !fundedByEarlierStep);
        var steps = new List<TransactionStep>(2);
        string amountText = EthUnits.FormatUnits(amount, 18);
        string label = TokenLabel(token);
        if (fundedByEarlierStep || state.Allowance < amount)
            steps.Add(new TransactionStep(TransactionStepKind.Approval, $"Approve {amountText} {label} for the EigenLayer StrategyManager",
                new Erc20(token, _context.Rpc).PrepareApprove(_addresses.StrategyManager, amount) with { From = account }));
        steps.Add(new TransactionStep(TransactionStepKind.Action, $"Restake {amountText} {label} into EigenLayer strategy {strategy} (about {EthUnits.FormatUnits(state.ExpectedShares, 18)} shares)",
            Strategies.PrepareDepositIntoStrategy(strategy, token, amount) with { From = account },
            new AllowanceRequirement(token, account, _addresses.StrategyManager, amount, label)));
        return new PreparedTransaction(Id, steps[^1].Description, steps);
    }

    /// <summary>The EIP-712 typed data of a deposit signature (domain "EigenLayer", version = major of <c>version()</c>).</summary>
    public virtual async Task<TypedData> CreateDepositTypedDataAsync(Address staker, Address strategy, Address token, BigInteger amount, BigInteger nonce, BigInteger expiry, CancellationToken cancellationToken = default)
    {
        var version = await ReadVersionAsync(_addresses.StrategyManager, cancellationToken).ConfigureAwait(false);
        return CreateDepositTypedData(_context.Network.ChainId, _addresses.StrategyManager, version, staker, strategy, token, amount, nonce, expiry);
    }

    /// <summary>
    /// The EIP-712 <c>Deposit(address staker,address strategy,address token,uint256 amount,uint256 nonce,uint256 expiry)</c>
    /// typed data, domain <c>("EigenLayer", domainVersion, chainId, strategyManager)</c>.
    /// </summary>
    public static TypedData CreateDepositTypedData(ulong chainId, Address strategyManager, string domainVersion, Address staker, Address strategy, Address token, BigInteger amount, BigInteger nonce, BigInteger expiry) => new()
    {
        Domain = new TypedDataDomain { Name = "EigenLayer", Version = domainVersion, ChainId = chainId, VerifyingContract = strategyManager },
        PrimaryType = "Deposit",
        Types = new Dictionary<string, IReadOnlyList<TypedDataField>>
        {
            [TypedData.DomainTypeName] = [new("name", "string"), new("version", "string"), new("chainId", "uint256"), new("verifyingContract", "address")],
            ["Deposit"] = [new("staker", "address"), new("strategy", "address"), new("token", "address"), new("amount", "uint256"), new("nonce", "uint256"), new("expiry", "uint256")],
        },
        Message = new Dictionary<string, object?> { ["staker"] = staker, ["strategy"] = strategy, ["token"] = token, ["amount"] = amount, ["nonce"] = nonce, ["expiry"] = expiry },
    };

    /// <summary>
    /// The EIP-712 domain version EigenLayer's SemVerMixin derives from <c>version()</c>: the text before the first dot
    /// ("1.9.0" → "1"); "1" when the contract reports no version.
    /// </summary>
    public static string DomainVersion(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (version.Length == 0) return "1";
        int dot = version.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? version : version[..dot];
    }

    private async Task<string> ReadVersionAsync(Address contract, CancellationToken cancellationToken)
    {
        var data = await _context.Rpc.CallAsync(new TransactionRequest { To = contract, Data = StrategyManager.EncodeVersion() }, BlockParameter.Latest, null, cancellationToken).ConfigureAwait(false);
        return DomainVersion(StrategyManager.DecodeVersionOutput(data));
    }

    /// <summary>
    /// Prepares <c>depositIntoStrategyWithSignature</c>: <paramref name="staker"/> signs the EIP-712 Deposit message
    /// (nonce = <c>nonces(staker)</c>), <paramref name="payer"/> approves and pays the tokens, the shares go to the staker.
    /// The digest is checked against the contract's <c>calculateStrategyDepositDigestHash</c> before it is used.
    /// </summary>
    public virtual async Task<PreparedTransaction> PrepareDepositWithSignatureAsync(Address payer, ISigner staker, Address token, BigInteger amount, DateTimeOffset expiry, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(payer);
        AddressArguments.RequireNonZero(token);
        ArgumentNullException.ThrowIfNull(staker);
        if (amount.Sign <= 0) throw new AmountNotPositiveException(ProtocolId.EigenLayer, nameof(amount), amount);
        if (expiry < _context.TimeProvider.GetUtcNow()) throw new EigenLayerPreflightException("SignatureExpired", nameof(expiry), $"the expiry {expiry:O} is in the past");
        await _context.EnsureChainAsync(cancellationToken).ConfigureAwait(false);
        var strategy = await GetStrategyAsync(token, cancellationToken).ConfigureAwait(false);
        var state = await ReadDepositStateAsync(payer, token, strategy, amount, cancellationToken).ConfigureAwait(false);
        CheckDeposit(state, token, strategy, amount, payer, true);
        var nonce = await Strategies.NoncesAsync(staker.Address, null, cancellationToken).ConfigureAwait(false);
        BigInteger expirySeconds = expiry.ToUnixTimeSeconds();
        var typed = await CreateDepositTypedDataAsync(staker.Address, strategy, token, amount, nonce, expirySeconds, cancellationToken).ConfigureAwait(false);
        var onChain = await Strategies.CalculateStrategyDepositDigestHashAsync(staker.Address, strategy, token, amount, nonce, expirySeconds, null, cancellationToken).ConfigureAwait(false);
        if (!Eip712.Hash(typed).ToArray().AsSpan().SequenceEqual(onChain))
            throw new EigenLayerPreflightException("InvalidSignature", nameof(staker), "the EIP-712 deposit digest does not match the StrategyManager's calculateStrategyDepositDigestHash");
        var signature = await staker.SignTypedDataAsync(typed, cancellationToken).ConfigureAwait(false);
        var steps = new List<TransactionStep>(2);
        string amountText = EthUnits.FormatUnits(amount, 18);
        if (state.Allowance < amount)
            steps.Add(new TransactionStep(TransactionStepKind.Approval, $"Approve {amountText} of token {token} for the EigenLayer StrategyManager",
                new Erc20(token, _context.Rpc).PrepareApprove(_addresses.StrategyManager, amount) with { From = payer }));
        steps.Add(new TransactionStep(TransactionStepKind.Action, $"Restake {amountText} of token {token} into EigenLayer strategy {strategy} for {staker.Address} (signed deposit)",
            Strategies.PrepareDepositIntoStrategyWithSignature(strategy, token, amount, staker.Address, expirySeconds, signature.ToBytes()) with { From = payer },
            new AllowanceRequirement(token, payer, _addresses.StrategyManager, amount)));
        return new PreparedTransaction(Id, steps[^1].Description, steps);
    }

    /// <summary>Prepares and sends a deposit, returning the shares from the <c>Deposit</c> event.</summary>
    public virtual async Task<EigenLayerDepositResult> DepositAsync(ISigner signer, Address token, BigInteger amount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var plan = await PrepareDepositAsync(signer.Address, token, amount, cancellationToken).ConfigureAwait(false);
        return DecodeDeposit(await _executor.SendAsync(plan, signer, 1, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Decodes the <c>Deposit</c> event of an executed deposit plan.</summary>
    public virtual EigenLayerDepositResult DecodeDeposit(PlanExecution execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        foreach (var log in execution.ActionReceipt.Logs)
            if (StrategyManager.TryDecodeDepositEvent(log, out var e, _addresses.StrategyManager))
                return new EigenLayerDepositResult(execution, e.Staker, e.Strategy, e.Shares);
        throw new EthereumFormatException("the deposit receipt has no StrategyManager Deposit event");
    }

    // ------------------------------------------------------------------ delegation

    /// <summary>The operator <paramref name="staker"/> is delegated to, or <see cref="Address.Zero"/>.</summary>
    public virtual Task<Address> GetDelegatedOperatorAsync(Address staker, CancellationToken cancellationToken = default) =>
        Delegation.DelegatedToAsync(staker, null, cancellationToken);

    /// <summary>
    /// The EIP-712 DelegationApproval typed data an operator's approver signs (struct hash has the approver first).
    /// </summary>
    public virtual async Task<TypedData> CreateDelegationApprovalTypedDataAsync(Address approver, Address staker, Address @operator, Hash32 salt, BigInteger expiry, CancellationToken cancellationToken = default)
    {
        var version = await ReadVersionAsync(_addresses.DelegationManager, cancellationToken).ConfigureAwait(false);
        return CreateDelegationApprovalTypedData(_context.Network.ChainId, _addresses.DelegationManager, version, approver, staker, @operator, salt, expiry);
    }

    /// <summary>
    /// The EIP-712 <c>DelegationApproval(address delegationApprover,address staker,address operator,bytes32 salt,uint256 expiry)</c>
    /// typed data, domain <c>("EigenLayer", domainVersion, chainId, delegationManager)</c>.
    /// </summary>
    public static TypedData CreateDelegationApprovalTypedData(ulong chainId, Address delegationManager, string domainVersion, Address approver, Address staker, Address @operator, Hash32 salt, BigInteger expiry) => new()
    {
        Domain = new TypedDataDomain { Name = "EigenLayer", Version = domainVersion, ChainId = chainId, VerifyingContract = delegationManager },
        PrimaryType = "DelegationApproval",
        Types = new Dictionary<string, IReadOnlyList<TypedDataField>>
        {
            [TypedData.DomainTypeName] = [new("name", "string"), new("version", "string"), new("chainId", "uint256"), new("verifyingContract", "address")],
            ["DelegationApproval"] = [new("delegationApprover", "address"), new("staker", "address"), new("operator", "address"), new("salt", "bytes32"), new("expiry", "uint256")],
        },
        Message = new Dictionary<string, object?> { ["delegationApprover"] = approver, ["staker"] = staker, ["operator"] = @operator, ["salt"] = salt.ToArray(), ["expiry"] = expiry },
    };

    /// <summary>Has the operator's approver sign a delegation approval for <paramref name="staker"/>.</summary>
    public virtual async Task<SignatureWithExpiry> SignDelegationApprovalAsync(ISigner approver, Address staker, Address @operator, Hash32 salt, DateTimeOffset expiry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(approver);
        BigInteger expirySeconds = expiry.ToUnixTimeSeconds();
        var typed = await CreateDelegationApprovalTypedDataAsync(approver.Address, staker, @operator, salt, expirySeconds, cancellationToken).ConfigureAwait(false);
        var onChain = await Delegation.CalculateDelegationApprovalDigestHashAsync(staker, @operator, approver.Address, salt.ToArray(), expirySeconds, null, cancellationToken).ConfigureAwait(false);
        if (!Eip712.Hash(typed).ToArray().AsSpan().SequenceEqual(onChain))
            throw new EigenLayerPreflightException("InvalidSignature", nameof(approver), "the EIP-712 delegation approval digest does not match calculateDelegationApprovalDigestHash");
        var signature = await approver.SignTypedDataAsync(typed, cancellationToken).ConfigureAwait(false);
        return new SignatureWithExpiry(signature.ToBytes(), expirySeconds);
    }

    /// <summary>
    /// Prepares <c>delegateTo(operator, signature, salt)</c>. Operators without an approver take an empty signature;
    /// for gated operators pass <paramref name="approverSignature"/> and its <paramref name="approverSalt"/>.
    /// </summary>
    public virtual async Task<PreparedTransaction> PrepareDelegateAsync(Address staker, Address @operator, SignatureWithExpiry? approverSignature = null, Hash32? approverSalt = null, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(staker);
        AddressArguments.RequireNonZero(@operator);
        await _context.EnsureChainAsync(cancellationToken).ConfigureAwait(false);
        var r = await _context.Multicall.AggregateAsync(
        [
            new MulticallCall(_addresses.DelegationManager, DelegationManager.EncodeIsOperator(@operator), false),
            new MulticallCall(_addresses.DelegationManager, DelegationManager.EncodeDelegatedTo(staker), false),
            new MulticallCall(_addresses.DelegationManager, DelegationManager.EncodeDelegationApprover(@operator), false),
            new MulticallCall(_addresses.DelegationManager, DelegationManager.EncodePaused(0), false),
        ], BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
        if (!DelegationManager.DecodeIsOperatorOutput(r[0].ReturnData)) throw new EigenLayerPreflightException("OperatorNotRegistered", nameof(@operator), $"{@operator} is not a registered operator");
        var current = DelegationManager.DecodeDelegatedToOutput(r[1].ReturnData);
        if (current != Address.Zero) throw new EigenLayerStateException("ActivelyDelegated", $"{staker} is already delegated to {current}; undelegate first");
        var approver = DelegationManager.DecodeDelegationApproverOutput(r[2].ReturnData);
        if (DelegationManager.DecodePausedUint8Output(r[3].ReturnData)) throw new ProtocolPausedException(ProtocolId.EigenLayer, "delegation");
        var salt = approverSalt ?? Hash32.Zero;
        SignatureWithExpiry signature;
        if (approver == Address.Zero)
        {
            signature = new SignatureWithExpiry([], BigInteger.Zero);
        }
        else
        {
            if (approverSignature is null || approverSignature.SignatureValue.Length == 0)
                throw new EigenLayerPreflightException("InvalidSignature", nameof(approverSignature), $"operator {@operator} requires a signature from its delegation approver {approver}");
            if (approverSignature.Expiry < _context.TimeProvider.GetUtcNow().ToUnixTimeSeconds())
                throw new EigenLayerPreflightException("SignatureExpired", nameof(approverSignature), $"the approver signature expired at {approverSignature.Expiry}");
            if (await Delegation.DelegationApproverSaltIsSpentAsync(approver, salt.ToArray(), null, cancellationToken).ConfigureAwait(false))
                throw new EigenLayerPreflightException("SaltSpent", nameof(approverSalt), $"salt {salt} was already used by approver {approver}");
            signature = approverSignature;
        }
        var step = new TransactionStep(TransactionStepKind.Action, $"Delegate all EigenLayer shares of {staker} to operator {@operator}",
            Delegation.PrepareDelegateTo(@operator, signature, salt.ToArray()) with { From = staker });
        return new PreparedTransaction(Id, step.Description, [step]);
    }

    /// <summary>Delegates and returns the <c>StakerDelegated</c> event.</summary>
    public virtual async Task<DelegationResult> DelegateAsync(ISigner signer, Address @operator, SignatureWithExpiry? approverSignature = null, Hash32? approverSalt = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var plan = await PrepareDelegateAsync(signer.Address, @operator, approverSignature, approverSalt, cancellationToken).ConfigureAwait(false);
        var execution = await _executor.SendAsync(plan, signer, 1, cancellationToken).ConfigureAwait(false);
        foreach (var log in execution.ActionReceipt.Logs)
            if (DelegationManager.TryDecodeStakerDelegatedEvent(log, out var e, _addresses.DelegationManager))
                return new DelegationResult(execution, e.Staker, e.Operator, true, []);
        throw new EthereumFormatException("the delegation receipt has no StakerDelegated event");
    }

    /// <summary>Prepares <c>undelegate(staker)</c>, which queues one withdrawal per strategy held.</summary>
    public virtual async Task<PreparedTransaction> PrepareUndelegateAsync(Address staker, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(staker);
        await _context.EnsureChainAsync(cancellationToken).ConfigureAwait(false);
        var r = await _context.Multicall.AggregateAsync(
        [
            new MulticallCall(_addresses.DelegationManager, DelegationManager.EncodeDelegatedTo(staker), false),
            new MulticallCall(_addresses.DelegationManager, DelegationManager.EncodeIsOperator(staker), false),
            new MulticallCall(_addresses.DelegationManager, DelegationManager.EncodePaused(1), false),
        ], BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
        var current = DelegationManager.DecodeDelegatedToOutput(r[0].ReturnData);
        if (current == Address.Zero) throw new EigenLayerStateException("NotActivelyDelegated", $"{staker} is not delegated");
        if (DelegationManager.DecodeIsOperatorOutput(r[1].ReturnData)) throw new EigenLayerStateException("OperatorsCannotUndelegate", $"{staker} is an operator");
        if (DelegationManager.DecodePausedUint8Output(r[2].ReturnData)) throw new ProtocolPausedException(ProtocolId.EigenLayer, "the withdrawal queue");
        var step = new TransactionStep(TransactionStepKind.Action, $"Undelegate {staker} from operator {current} (queues a withdrawal of every strategy)",
            Delegation.PrepareUndelegate(staker) with { From = staker });
        return new PreparedTransaction(Id, step.Description, [step]);
    }

    /// <summary>Undelegates and returns the withdrawals it queued.</summary>
    public virtual async Task<DelegationResult> UndelegateAsync(ISigner signer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var plan = await PrepareUndelegateAsync(signer.Address, cancellationToken).ConfigureAwait(false);
        var execution = await _executor.SendAsync(plan, signer, 1, cancellationToken).ConfigureAwait(false);
        Address op = Address.Zero;
        foreach (var log in execution.ActionReceipt.Logs)
            if (DelegationManager.TryDecodeStakerUndelegatedEvent(log, out var e, _addresses.DelegationManager)) op = e.Operator;
        return new DelegationResult(execution, signer.Address, op, false, DecodeQueued(execution).Withdrawals);
    }

    // ------------------------------------------------------------------ positions

    /// <summary>
    /// Positions per strategy the staker holds: deposit shares, slashing-aware withdrawable shares, and their
    /// underlying amount, read in Multicall3 batches.
    /// </summary>
    public virtual async Task<IReadOnlyList<StrategyPosition>> GetStrategyPositionsAsync(Address staker, CancellationToken cancellationToken = default)
    {
        var all = await GetStrategyPositionsAsync([staker], cancellationToken).ConfigureAwait(false);
        return all[staker];
    }

    /// <summary>
    /// <see cref="GetStrategyPositionsAsync(Address, CancellationToken)"/> for many stakers in three Multicall3 passes
    /// (deposits; withdrawable shares, scaling and slashing factors; underlying amounts), each one HTTP request.
    /// </summary>
    public virtual async Task<IReadOnlyDictionary<Address, IReadOnlyList<StrategyPosition>>> GetStrategyPositionsAsync(IReadOnlyList<Address> stakers, CancellationToken cancellationToken = default)
    {
        var read = await ReadStrategyPositionsAsync(stakers, false, cancellationToken).ConfigureAwait(false);
        return read.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<StrategyPosition>)kv.Value.Select(v => v.Position).ToArray());
    }

    private async Task<Dictionary<Address, List<(StrategyPosition Position, BigInteger EthValue)>>> ReadStrategyPositionsAsync(IReadOnlyList<Address> stakers, bool withEthValue, CancellationToken cancellationToken)
    {
        var distinct = BatchReads.DistinctAccounts(stakers);
        var result = distinct.ToDictionary(a => a, _ => new List<(StrategyPosition, BigInteger)>());
        if (distinct.Length == 0) return result;

        // Pass 1: what each staker deposited and whom it delegates to.
        var first = await BatchReads.ReadAsync(_context, distinct.SelectMany(a => new[]
        {
            BatchReads.View(_addresses.StrategyManager, StrategyManager.EncodeGetDeposits(a)),
            BatchReads.View(_addresses.DelegationManager, DelegationManager.EncodeDelegatedTo(a)),
        }).ToArray(), cancellationToken).ConfigureAwait(false);
        var holders = new List<(Address Staker, IReadOnlyList<Address> Strategies, Address Operator)>();
        for (int i = 0; i < distinct.Length; i++)
        {
            var deposits = StrategyManager.DecodeGetDepositsOutput(first[2 * i]);
            if (deposits.Item1.Count > 0) holders.Add((distinct[i], deposits.Item1, DelegationManager.DecodeDelegatedToOutput(first[(2 * i) + 1])));
        }
        if (holders.Count == 0) return result;

        // Pass 2: withdrawable shares and scaling factors per holder, the underlying token per strategy, the operator's
        // max magnitude (the slashing factor) per (operator, strategy).
        var strategies = holders.SelectMany(h => h.Strategies).Distinct().ToArray();
        var magnitudes = holders.Where(h => h.Operator != Address.Zero).SelectMany(h => h.Strategies.Select(s => (h.Operator, Strategy: s))).Distinct().ToArray();
        var second = new List<MulticallCall>();
        foreach (var h in holders)
        {
            second.Add(new MulticallCall(_addresses.DelegationManager, DelegationManager.EncodeGetWithdrawableShares(h.Staker, h.Strategies)));
            foreach (var s in h.Strategies) second.Add(BatchReads.View(_addresses.DelegationManager, DelegationManager.EncodeDepositScalingFactor(h.Staker, s)));
        }
        foreach (var s in strategies) second.Add(BatchReads.View(s, StrategyBaseTvlLimits.EncodeUnderlyingToken()));
        int magnitudeStart = second.Count;
        // A strategy the operator never allocated may revert in some deployments: treat a failure as "not slashed" (1e18).
        foreach (var (op, s) in magnitudes) second.Add(new MulticallCall(_addresses.AllocationManager, AllocationManager.EncodeGetMaxMagnitude(op, s), true, BatchReads.SimpleViewGas));
        var r2 = await _context.Multicall.AggregateAsync(second, BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
        byte[] Required(int index) => r2[index].Success ? r2[index].ReturnData : throw _context.DecodeRevert(r2[index].ReturnData);

        var tokenOf = new Dictionary<Address, Address>();
        int tokenStart = magnitudeStart - strategies.Length;
        for (int i = 0; i < strategies.Length; i++) tokenOf[strategies[i]] = StrategyBaseTvlLimits.DecodeUnderlyingTokenOutput(Required(tokenStart + i));
        var magnitudeOf = new Dictionary<(Address, Address), BigInteger>();
        for (int i = 0; i < magnitudes.Length; i++)
            magnitudeOf[magnitudes[i]] = r2[magnitudeStart + i].Success ? AllocationManager.DecodeGetMaxMagnitudeOutput(r2[magnitudeStart + i].ReturnData) : Wad;

        var rows = new List<(Address Staker, Address Strategy, BigInteger Deposit, BigInteger Withdrawable, BigInteger Dsf, Address Operator)>();
        int cursor = 0;
        foreach (var h in holders)
        {
            var shares = DelegationManager.DecodeGetWithdrawableSharesOutput(Required(cursor++));
            for (int j = 0; j < h.Strategies.Count; j++)
                rows.Add((h.Staker, h.Strategies[j], shares.DepositShares[j], shares.WithdrawableShares[j], DelegationManager.DecodeDepositScalingFactorOutput(Required(cursor++)), h.Operator));
        }

        // Pass 3: the underlying amount of each position's withdrawable shares.
        var third = await BatchReads.ReadAsync(_context,
            rows.Select(row => BatchReads.View(row.Strategy, StrategyBaseTvlLimits.EncodeSharesToUnderlyingView(row.Withdrawable))).ToArray(), cancellationToken).ConfigureAwait(false);
        var positions = new StrategyPosition[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var slashing = row.Operator == Address.Zero ? Wad : magnitudeOf[(row.Operator, row.Strategy)];
            positions[i] = new StrategyPosition(row.Strategy, tokenOf[row.Strategy], row.Deposit, row.Withdrawable,
                StrategyBaseTvlLimits.DecodeSharesToUnderlyingViewOutput(third[i]), row.Dsf, slashing, row.Operator);
        }

        // Pass 4 (positions only): the ETH value of the underlying amounts the LST contracts price themselves.
        var values = new BigInteger[positions.Length];
        if (withEthValue)
        {
            var pricing = new List<(int Index, MulticallCall Call, Func<byte[], BigInteger> Decode)>();
            for (int i = 0; i < positions.Length; i++)
            {
                var (call, decode, direct) = EthValueOf(positions[i].Token, positions[i].Underlying);
                if (call is null) values[i] = direct;
                else pricing.Add((i, call, decode!));
            }
            var priced = await BatchReads.ReadAsync(_context, pricing.Select(p => p.Call).ToArray(), cancellationToken).ConfigureAwait(false);
            for (int k = 0; k < pricing.Count; k++) values[pricing[k].Index] = pricing[k].Decode(priced[k]);
        }
        for (int i = 0; i < positions.Length; i++) result[rows[i].Staker].Add((positions[i], values[i]));
        return result;
    }

    /// <summary>
    /// How an underlying amount is valued in wei: stETH and eETH balances are ETH (rebasing 1:1); rETH, wstETH and weETH
    /// through their own contracts; any other token is not priced (0), because no ETH rate for it can be read on chain here.
    /// </summary>
    private (MulticallCall? Call, Func<byte[], BigInteger>? Decode, BigInteger Direct) EthValueOf(Address token, BigInteger amount)
    {
        var network = _context.Network;
        if (amount.IsZero) return (null, null, BigInteger.Zero);
        if (token == network.Lido?.StEth || token == network.EtherFi?.EEth) return (null, null, amount);
        if (token == network.Lido?.WstEth)
            return (BatchReads.View(token, Contracts.Lido.WstEth.EncodeGetStEthByWstEth(amount)), d => Contracts.Lido.WstEth.DecodeGetStEthByWstEthOutput(d), BigInteger.Zero);
        if (token == network.RocketPool?.REth)
            return (BatchReads.View(token, Contracts.RocketPool.RocketTokenREth.EncodeGetEthValue(amount)), d => Contracts.RocketPool.RocketTokenREth.DecodeGetEthValueOutput(d), BigInteger.Zero);
        if (token == network.EtherFi?.WeEth)
            return (BatchReads.View(token, Contracts.EtherFi.WeEth.EncodeGetEEthByWeEth(amount)), d => Contracts.EtherFi.WeEth.DecodeGetEEthByWeEthOutput(d), BigInteger.Zero);
        return (null, null, BigInteger.Zero);
    }

    /// <summary><c>mulWad(mulWad(depositShares, dsf), slashingFactor)</c> — the protocol's withdrawable-shares formula.</summary>
    public static BigInteger ComputeWithdrawableShares(BigInteger depositShares, BigInteger depositScalingFactor, BigInteger slashingFactor) =>
        depositShares * depositScalingFactor / Wad * slashingFactor / Wad;

    // ------------------------------------------------------------------ withdrawals

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

    // ------------------------------------------------------------------ operators

    /// <summary>
    /// The operator directory: operators from <c>OperatorRegistered</c> events (from <see cref="EigenLayerClientOptions.OperatorDiscoveryFromBlock"/>)
    /// plus <see cref="EigenLayerClientOptions.KnownOperators"/>, each with delegated shares per known strategy and the
    /// AVS operator sets it is registered and allocated to, read with Multicall3.
    /// </summary>
    public virtual async Task<IReadOnlyList<OperatorInfo>> GetOperatorsAsync(CancellationToken cancellationToken = default)
    {
        var operators = new List<Address>();
        if (_options.OperatorDiscoveryFromBlock is { } from)
        {
            var logs = await _context.Rpc.GetLogsAsync(Delegation.CreateOperatorRegisteredFilter(), BlockParameter.AtNumber(from), BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
            foreach (var log in logs)
                if (DelegationManager.TryDecodeOperatorRegisteredEvent(log, out var e, _addresses.DelegationManager) && !operators.Contains(e.Operator)) operators.Add(e.Operator);
        }
        foreach (var op in _options.KnownOperators)
            if (!operators.Contains(op)) operators.Add(op);
        return await GetOperatorsAsync(operators, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Directory entries for the given operators (non-operators are skipped).</summary>
    public virtual async Task<IReadOnlyList<OperatorInfo>> GetOperatorsAsync(IReadOnlyList<Address> operators, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operators);
        if (operators.Count == 0) return [];
        var strategies = _addresses.StrategiesByToken.Values.Distinct().ToArray();
        var calls = new List<MulticallCall>();
        foreach (var op in operators)
        {
            calls.Add(new MulticallCall(_addresses.DelegationManager, DelegationManager.EncodeIsOperator(op), false));
            calls.Add(new MulticallCall(_addresses.DelegationManager, DelegationManager.EncodeDelegationApprover(op), false));
            calls.Add(new MulticallCall(_addresses.DelegationManager, DelegationManager.EncodeGetOperatorShares(op, strategies), false));
            calls.Add(new MulticallCall(_addresses.AllocationManager, AllocationManager.EncodeGetRegisteredSets(op), false));
            calls.Add(new MulticallCall(_addresses.AllocationManager, AllocationManager.EncodeGetAllocatedSets(op), false));
        }
        var r = await _context.Multicall.AggregateAsync(calls, BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
        var partial = new List<(Address Op, Address Approver, Dictionary<Address, BigInteger> Shares, IReadOnlyList<OperatorSet> Registered, IReadOnlyList<OperatorSet> Allocated)>();
        for (int i = 0; i < operators.Count; i++)
        {
            int b = 5 * i;
            if (!DelegationManager.DecodeIsOperatorOutput(r[b].ReturnData)) continue;
            var shares = DelegationManager.DecodeGetOperatorSharesOutput(r[b + 2].ReturnData);
            var byStrategy = new Dictionary<Address, BigInteger>();
            for (int j = 0; j < strategies.Length; j++) byStrategy[strategies[j]] = shares[j];
            partial.Add((operators[i], DelegationManager.DecodeDelegationApproverOutput(r[b + 1].ReturnData), byStrategy,
                AllocationManager.DecodeGetRegisteredSetsOutput(r[b + 3].ReturnData), AllocationManager.DecodeGetAllocatedSetsOutput(r[b + 4].ReturnData)));
        }
        var allocationCalls = new List<MulticallCall>();
        var keys = new List<(int Index, OperatorSet Set, Address Strategy)>();
        for (int i = 0; i < partial.Count; i++)
            foreach (var set in partial[i].Allocated)
                foreach (var s in strategies)
                {
                    allocationCalls.Add(new MulticallCall(_addresses.AllocationManager, AllocationManager.EncodeGetAllocation(partial[i].Op, set, s)));
                    keys.Add((i, set, s));
                }
        var allocations = partial.Select(_ => new List<OperatorSetAllocation>()).ToArray();
        if (allocationCalls.Count > 0)
        {
            var ra = await _context.Multicall.AggregateAsync(allocationCalls, BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
            for (int k = 0; k < keys.Count; k++)
            {
                if (!ra[k].Success) continue;
                var a = AllocationManager.DecodeGetAllocationOutput(ra[k].ReturnData);
                if (a.CurrentMagnitude.IsZero && a.PendingDiff.IsZero) continue;
                allocations[keys[k].Index].Add(new OperatorSetAllocation(keys[k].Set, keys[k].Strategy, a.CurrentMagnitude, a.PendingDiff, a.EffectBlock));
            }
        }
        return partial.Select((p, i) => new OperatorInfo(p.Op, p.Approver, p.Shares, p.Registered, p.Allocated, allocations[i])).ToArray();
    }

    // ------------------------------------------------------------------ IStakingProvider

    /// <inheritdoc/>
    public virtual Task<StakeQuote> QuoteStakeAsync(BigInteger amount, CancellationToken cancellationToken = default) =>
        QuoteDepositAsync(StakeToken, amount, cancellationToken);

    /// <inheritdoc/>
    /// <remarks>
    /// ExpectedOut is <c>underlyingToSharesView(amount)</c> of the token's strategy now. A rebasing token (stETH) may
    /// arrive 1–2 wei short of <paramref name="amount"/>, which lowers the strategy's prior balance and so can mint a
    /// share or so more than quoted, never fewer.
    /// </remarks>
    public virtual async Task<StakeQuote> QuoteDepositAsync(StakingToken token, BigInteger amount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (amount.Sign <= 0) throw new AmountNotPositiveException(ProtocolId.EigenLayer, nameof(amount), amount);
        var strategy = await GetStrategyAsync(token.Address, cancellationToken).ConfigureAwait(false);
        var s = await ReadDepositStateAsync(Address.Zero, token.Address, strategy, amount, cancellationToken).ConfigureAwait(false);
        var shares = new StakingToken($"EL-{token.Symbol}", $"EigenLayer {token.Symbol} strategy shares", strategy, 18, TokenAccounting.StrategyShares);
        var underlying = await new StrategyBaseTvlLimits(strategy, _context.Rpc).SharesToUnderlyingViewAsync(Wad, null, cancellationToken).ConfigureAwait(false);
        var rate = new ExchangeRate(shares, token, underlying, Wad);
        BigInteger? max = null;
        if (s.MaxPerDeposit is { } p) max = p;
        if (s.MaxTotalDeposits is { } t) max = BigInteger.Min(max ?? t, BigInteger.Max(BigInteger.Zero, t - s.StrategyBalance));
        return new StakeQuote(Id, token, amount, shares, s.ExpectedShares, BigInteger.Zero, rate, null, max,
            s.ManagerPaused || s.StrategyPaused || !s.Whitelisted);
    }

    /// <inheritdoc/>
    public virtual Task<PreparedTransaction> PrepareStakeAsync(Address account, BigInteger amount, CancellationToken cancellationToken = default) =>
        PrepareDepositAsync(account, StakeToken.Address, amount, cancellationToken);

    /// <inheritdoc/>
    /// <remarks>Prices one strategy share of the default LST's strategy in that LST (<c>sharesToUnderlyingView(1e18)</c>).</remarks>
    public virtual async Task<ExchangeRate> GetExchangeRateAsync(CancellationToken cancellationToken = default)
    {
        var strategy = await GetStrategyAsync(StakeToken.Address, cancellationToken).ConfigureAwait(false);
        var underlying = await new StrategyBaseTvlLimits(strategy, _context.Rpc).SharesToUnderlyingViewAsync(Wad, null, cancellationToken).ConfigureAwait(false);
        return new ExchangeRate(StrategySharesToken with { Address = strategy }, StakeToken, underlying, Wad);
    }

    /// <inheritdoc/>
    /// <exception cref="NotSupportedException">EigenLayer has no protocol APR of its own (rewards are distributed off-chain by Merkle roots).</exception>
    public virtual Task<Apr> GetAprAsync(CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("EigenLayer has no on-chain APR: restaking rewards are paid through RewardsCoordinator Merkle roots computed off-chain.");

    /// <inheritdoc/>
    public virtual async Task<IReadOnlyList<Position>> GetPositionsAsync(Address account, CancellationToken cancellationToken = default)
    {
        var all = await GetPositionsAsync([account], cancellationToken).ConfigureAwait(false);
        return all[account];
    }

    /// <summary>
    /// Strategy positions of every account as <see cref="Position"/>s: balance = the underlying amount of the
    /// slashing-aware withdrawable shares, shares = deposit shares, ETH value through the underlying LST's own rate
    /// (stETH/eETH 1:1, rETH <c>getEthValue</c>, wstETH <c>getStETHByWstETH</c>, weETH <c>getEETHByWeETH</c>; other
    /// tokens are not priced and report 0). Four Multicall3 passes at most, whatever the number of accounts.
    /// </summary>
    public virtual async Task<IReadOnlyDictionary<Address, IReadOnlyList<Position>>> GetPositionsAsync(IReadOnlyList<Address> accounts, CancellationToken cancellationToken = default)
    {
        var read = await ReadStrategyPositionsAsync(accounts, true, cancellationToken).ConfigureAwait(false);
        return read.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<Position>)kv.Value
            .Select(v => new Position(Id, kv.Key, StrategyToken(v.Position.Strategy, v.Position.Token), v.Position.Underlying, v.Position.DepositShares, v.EthValue))
            .ToArray());
    }

    /// <summary>The shares token of a strategy, named after its underlying LST when the network profile maps it.</summary>
    private StakingToken TokenForStrategy(Address strategy)
    {
        foreach (var (token, s) in _addresses.StrategiesByToken)
            if (s == strategy) return StrategyToken(strategy, token);
        return StrategyToken(strategy, Address.Zero);
    }

    private StakingToken StrategyToken(Address strategy, Address underlying)
    {
        var network = _context.Network;
        string? symbol = underlying == network.Lido?.StEth ? "stETH"
            : underlying == network.Lido?.WstEth ? "wstETH"
            : underlying == network.RocketPool?.REth ? "rETH"
            : underlying == network.EtherFi?.EEth ? "eETH"
            : underlying == network.EtherFi?.WeEth ? "weETH"
            : null;
        var name = symbol ?? (underlying == Address.Zero ? "an unmapped token" : underlying.ToString());
        return new StakingToken($"EL-{symbol ?? strategy.ToString()[..8]}", $"EigenLayer strategy {strategy} ({name} restaked)", strategy, 18, TokenAccounting.StrategyShares);
    }

    /// <inheritdoc/>
    /// <remarks><paramref name="amount"/> is in deposit shares of the default LST's strategy.</remarks>
    public virtual async Task<PreparedTransaction> PrepareWithdrawalRequestAsync(Address account, BigInteger amount, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(account);
        var strategy = await GetStrategyAsync(StakeToken.Address, cancellationToken).ConfigureAwait(false);
        // The caller named no strategy: holding none of the default one is a shortfall of the amount.
        return await QueueWithdrawalCoreAsync(account, strategy, amount, nameof(amount), nameof(amount), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public virtual async Task<IReadOnlyList<WithdrawalRequest>> GetWithdrawalRequestsAsync(Address account, CancellationToken cancellationToken = default) =>
        await GetQueuedWithdrawalsAsync(account, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public virtual Task<PreparedTransaction> PrepareClaimAsync(Address account, IReadOnlyList<WithdrawalId> withdrawals, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(account);
        ArgumentNullException.ThrowIfNull(withdrawals);
        var roots = withdrawals.Select(w => w.Protocol == Id && w.WithdrawalRoot is { } root
            ? root
            : throw new LiquidStakeArgumentException(nameof(withdrawals), string.Create(CultureInfo.InvariantCulture, $"{w} is not an EigenLayer withdrawal root"))).ToArray();
        return CompleteCoreAsync(account, roots, nameof(withdrawals), cancellationToken);
    }
}
