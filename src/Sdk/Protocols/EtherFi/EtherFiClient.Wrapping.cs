using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Sdk.Contracts.EtherFi;

namespace LiquidStake.Sdk.Protocols.EtherFi;

// ether.fi wrapping: eETH to weETH and back, with permit-or-approve.

public partial class EtherFiClient
{
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
}
