using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Sdk.Contracts.EtherFi;

namespace LiquidStake.Sdk.Protocols.EtherFi;

// ether.fi deposits: quotes, the one-share minimum, deposit (to eETH or straight to weETH) and decoding.

public partial class EtherFiClient
{
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
}
