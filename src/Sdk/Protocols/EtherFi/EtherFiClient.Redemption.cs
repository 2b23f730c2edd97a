using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Sdk.Contracts.EtherFi;
using LiquidStake.Sdk.Services;

namespace LiquidStake.Sdk.Protocols.EtherFi;

// ether.fi instant redemption through the EtherFiRedemptionManager bucket.

public partial class EtherFiClient
{
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

    private EtherFiRedeemToken ToRedeemToken(StakingToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Address == _addresses.EEth) return EtherFiRedeemToken.EEth;
        if (token.Address == _addresses.WeEth) return EtherFiRedeemToken.WeEth;
        throw new LiquidStakeArgumentException(nameof(token), $"ether.fi redeems only eETH or weETH, not {token.Symbol} ({token.Address})",
            $"eETH ({_addresses.EEth}) or weETH ({_addresses.WeEth})");
    }
}
