using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Messages;
using LiquidStake.Ethereum.Multicall;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Sdk.Contracts.Lido;


namespace LiquidStake.Sdk.Protocols.Lido;

// Lido wrapping and share transfers: wrap/unwrap wstETH with permit-or-approve, transferShares.

public partial class LidoClient
{
    private const string WstEthDomainName = "Wrapped liquid staked Ether 2.0";

    private const string WstEthDomainVersion = "1";

    private const string StEthRefusesItself = "stETH refuses transfers to its own contract (TRANSFER_TO_STETH_CONTRACT)";

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
        if (!Erc2612Permits.DomainMatches(domain, StEth.DecodeDomainSeparatorOutput(r[0])))
            throw new EthereumFormatException($"The EIP-712 domain built for {(stEth ? "stETH" : "wstETH")} does not match its DOMAIN_SEPARATOR; refusing to sign a permit that would not verify.");
        var nonce = StEth.DecodeNoncesOutput(r[1]);
        var now = Math.Max(Context.TimeProvider.GetUtcNow().ToUnixTimeSeconds(), (long)(block?.Timestamp ?? 0));
        var deadline = new BigInteger(now) + (long)Options.PermitLifetime.TotalSeconds;
        var p = await Erc2612Permits.SignAsync(signer, domain, spender, value, nonce, deadline, cancellationToken).ConfigureAwait(false);
        return new PermitInput(p.Value, p.Deadline, p.V, p.R, p.S);
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
        LidoApprovalMode.Auto => needsAllowance && await Erc2612Permits.CanSignAsync(Context, account, signer, cancellationToken).ConfigureAwait(false),
        _ => false,
    };
}
