using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Sdk.Contracts.Lido;


namespace LiquidStake.Sdk.Protocols.Lido;

// Lido staking: stake limit, quotes, submit(referral) and decoding what a stake minted.

public partial class LidoClient
{
    /// <summary>Reads the stake limit and pause state.</summary>
    public virtual async Task<LidoStakeLimitInfo> GetStakeLimitAsync(CancellationToken cancellationToken = default)
    {
        var r = await ReadAsync(cancellationToken, Call(_addresses.StEth, StEth.EncodeGetStakeLimitFullInfo())).ConfigureAwait(false);
        return LimitFrom(r[0]);
    }

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

    /// <summary>Stakes and decodes the minted shares and stETH from the receipt.</summary>
    public virtual async Task<StakeResult> StakeAsync(ISigner signer, BigInteger amount, Address? referral = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var plan = await PrepareStakeAsync(signer.Address, amount, referral ?? Address.Zero, cancellationToken).ConfigureAwait(false);
        return DecodeStake(await Executor.SendAsync(plan, signer, cancellationToken: cancellationToken).ConfigureAwait(false));
    }

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

    private static LidoStakeLimitInfo LimitFrom(byte[] data)
    {
        var i = StEth.DecodeGetStakeLimitFullInfoOutput(data);
        return new LidoStakeLimitInfo(i.IsStakingPaused, i.IsStakingLimitSet, i.CurrentStakeLimit, i.MaxStakeLimit, i.MaxStakeLimitGrowthBlocks);
    }
}
