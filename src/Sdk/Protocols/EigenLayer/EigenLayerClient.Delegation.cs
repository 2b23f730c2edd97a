using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Messages;
using LiquidStake.Ethereum.Multicall;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Sdk.Contracts.EigenLayer;

namespace LiquidStake.Sdk.Protocols.EigenLayer;

// EigenLayer delegation: delegate to an operator (with approver signatures) and undelegate.

public partial class EigenLayerClient
{
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
}
