using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Messages;
using LiquidStake.Ethereum.Multicall;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Ethereum.Transactions;
using LiquidStake.Sdk.Contracts.Common;
using LiquidStake.Sdk.Contracts.EigenLayer;

namespace LiquidStake.Sdk.Protocols.EigenLayer;

// EigenLayer deposits into strategies: checks, share preview, approve or EIP-712 depositIntoStrategyWithSignature.

public partial class EigenLayerClient
{
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
}
