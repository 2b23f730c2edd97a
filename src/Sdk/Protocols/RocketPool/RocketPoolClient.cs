using System.Globalization;
using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Multicall;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Sdk.Contracts.Common;
using LiquidStake.Sdk.Contracts.RocketPool;
using LiquidStake.Sdk.Services;

namespace LiquidStake.Sdk.Protocols.RocketPool;

/// <summary>
/// Rocket Pool (rETH): deposit ETH into the deposit pool for rETH, burn rETH back to ETH against the protocol's
/// collateral, read the rate, APR and positions. Every contract except RocketStorage and rETH is resolved at run time
/// through RocketStorage and cached for <see cref="RocketPoolClientOptions.ContractCacheDuration"/>.
/// </summary>
/// <remarks>
/// rETH has no withdrawal queue: the exit is a burn (<see cref="PrepareBurnAsync"/>, also exposed as
/// <see cref="PrepareInstantRedeemAsync(Address, BigInteger, CancellationToken)"/> and <see cref="IInstantRedeemQuoter"/>), limited by <c>getTotalCollateral()</c>. The queued-withdrawal members of
/// <see cref="IStakingProvider"/> therefore return nothing or throw <see cref="NotSupportedException"/>.
/// </remarks>
public class RocketPoolClient : IStakingProvider, IBatchPositionReader, IInstantRedeemQuoter, IStakedEtherReader
{
    private static readonly BigInteger CalcBase = BigInteger.Pow(10, 18);

    private readonly LiquidStakeContext _context = null!;
    private readonly RocketPoolAddresses _addresses = null!;
    private readonly RocketPoolContractResolver _resolver = null!;
    private readonly PreparedTransactionExecutor _executor = null!;
    private readonly StakingToken _reth = null!;
    private readonly object _cacheLock = new();
    private RocketPoolContracts? _cached;

    /// <summary>For mocking only.</summary>
    protected RocketPoolClient() => Options = new RocketPoolClientOptions();

    /// <summary>Creates a client over a context whose network profile has Rocket Pool addresses.</summary>
    /// <exception cref="LiquidStakeArgumentException">The network profile has no Rocket Pool.</exception>
    public RocketPoolClient(LiquidStakeContext context, RocketPoolClientOptions? options = null)
        : this(context, options, null)
    {
    }

    /// <summary>Creates a client with a custom contract resolver (for example one reading through another caller).</summary>
    public RocketPoolClient(LiquidStakeContext context, RocketPoolClientOptions? options, RocketPoolContractResolver? resolver)
    {
        ArgumentNullException.ThrowIfNull(context);
        _addresses = context.Network.RocketPool
            ?? throw new LiquidStakeArgumentException(nameof(context), $"the network profile '{context.Network.Name}' has no Rocket Pool addresses");
        // Rocket Pool reverts with strings only; the generated decoders are registered anyway so any future custom error decodes by name.
        _context = context.WithRevertDecoders(
            static data => RocketTokenREth.TryDecodeError(data, out var e) ? e : null,
            static data => RocketDepositPool.TryDecodeError(data, out var e) ? e : null);
        Options = options ?? new RocketPoolClientOptions();
        _resolver = resolver ?? new RocketPoolContractResolver(context.Rpc, _addresses, context.TimeProvider);
        _executor = new PreparedTransactionExecutor(_context);
        _reth = new StakingToken("rETH", "Rocket Pool ETH", _addresses.REth, 18, TokenAccounting.ExchangeRate);
    }

    /// <summary>The client's settings.</summary>
    public virtual RocketPoolClientOptions Options { get; }

    /// <inheritdoc/>
    public virtual ProtocolId Id => ProtocolId.RocketPool;

    /// <inheritdoc/>
    public virtual string DisplayName => "Rocket Pool";

    /// <summary>Stake ETH for rETH and burn rETH for ETH at once; no queued withdrawals, no wrapping, no permit (rETH has none).</summary>
    public virtual StakingCapabilities Capabilities => StakingCapabilities.StakeEth | StakingCapabilities.InstantRedeem;

    /// <inheritdoc/>
    public virtual StakingToken StakeToken => StakingToken.Eth;

    /// <summary>rETH.</summary>
    public virtual StakingToken REth => _reth;

    /// <inheritdoc/>
    public virtual IReadOnlyList<StakingToken> ReceiptTokens => [_reth];

    // ---------------------------------------------------------------- contracts

    /// <summary>The network contracts currently registered in RocketStorage (cached; see <see cref="RocketPoolClientOptions.ContractCacheDuration"/>).</summary>
    public virtual async Task<RocketPoolContracts> GetContractsAsync(CancellationToken cancellationToken = default)
    {
        var cached = Volatile.Read(ref _cached);
        if (cached is not null && _context.TimeProvider.GetUtcNow() - cached.ResolvedAt < Options.ContractCacheDuration) return cached;
        return await RefreshContractsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads every address from RocketStorage again and replaces the cache (call after a Rocket Pool upgrade).</summary>
    public virtual async Task<RocketPoolContracts> RefreshContractsAsync(CancellationToken cancellationToken = default)
    {
        var fresh = await _resolver.ResolveAllAsync(cancellationToken).ConfigureAwait(false);
        lock (_cacheLock)
        {
            if (_cached is null || fresh.ResolvedAt >= _cached.ResolvedAt) Volatile.Write(ref _cached, fresh);
        }
        return fresh;
    }

    // ---------------------------------------------------------------- reads

    /// <summary>
    /// Reads the deposit settings, the deposit pool capacity, the oracle balances and (optionally) the account's ETH
    /// balance in one Multicall3 call.
    /// </summary>
    public virtual async Task<RocketPoolDepositState> GetDepositStateAsync(Address? account = null, CancellationToken cancellationToken = default)
    {
        var c = await GetContractsAsync(cancellationToken).ConfigureAwait(false);
        var calls = new List<MulticallCall>
        {
            new(c.DepositSettings, RocketDaoProtocolSettingsDeposit.EncodeGetDepositEnabled(), false),
            new(c.DepositSettings, RocketDaoProtocolSettingsDeposit.EncodeGetMinimumDeposit(), false),
            new(c.DepositSettings, RocketDaoProtocolSettingsDeposit.EncodeGetDepositFee(), false),
            new(c.DepositSettings, RocketDaoProtocolSettingsDeposit.EncodeGetMaximumDepositPoolSize(), false),
            new(c.DepositPool, RocketDepositPool.EncodeGetMaximumDepositAmount(), false),
            new(c.NetworkBalances, RocketNetworkBalances.EncodeGetTotalEthBalance(), false),
            new(c.NetworkBalances, RocketNetworkBalances.EncodeGetTotalREthSupply(), false),
        };
        if (account is { } a) calls.Add(new(_context.Network.Multicall3, Multicall3.EncodeGetEthBalance(a), false));
        var r = await AggregateAsync(calls, cancellationToken).ConfigureAwait(false);
        return new RocketPoolDepositState(
            RocketDaoProtocolSettingsDeposit.DecodeGetDepositEnabledOutput(r[0]),
            RocketDaoProtocolSettingsDeposit.DecodeGetMinimumDepositOutput(r[1]),
            RocketDaoProtocolSettingsDeposit.DecodeGetDepositFeeOutput(r[2]),
            RocketDaoProtocolSettingsDeposit.DecodeGetMaximumDepositPoolSizeOutput(r[3]),
            RocketDepositPool.DecodeGetMaximumDepositAmountOutput(r[4]),
            RocketNetworkBalances.DecodeGetTotalEthBalanceOutput(r[5]),
            RocketNetworkBalances.DecodeGetTotalREthSupplyOutput(r[6]),
            account is null ? null : Multicall3.DecodeGetEthBalanceOutput(r[7]));
    }

    /// <summary>The deposit fee in wei: <c>floor(amount * depositFee / 1e18)</c>.</summary>
    public static BigInteger ComputeDepositFee(BigInteger amount, BigInteger depositFee) => amount * depositFee / CalcBase;

    /// <summary>rETH minted for a deposit, exactly as the deposit pool computes it: <c>floor((v - fee) * S / T)</c> (net when S is 0).</summary>
    /// <exception cref="LiquidStakeException">T is zero while S is not (the contract reverts).</exception>
    public static BigInteger ComputeRethMinted(BigInteger amount, BigInteger depositFee, BigInteger totalEth, BigInteger rethSupply)
    {
        var net = amount - ComputeDepositFee(amount, depositFee);
        if (rethSupply.IsZero) return net;
        if (totalEth.IsZero) throw new LiquidStakeException("Rocket Pool: cannot calculate rETH while the total network balance is zero");
        return net * rethSupply / totalEth;
    }

    /// <summary>ETH paid for burning rETH: <c>floor(r * T / S)</c> (r when S is 0).</summary>
    public static BigInteger ComputeEthValue(BigInteger rethAmount, BigInteger totalEth, BigInteger rethSupply) =>
        rethSupply.IsZero ? rethAmount : rethAmount * totalEth / rethSupply;

    /// <inheritdoc/>
    public virtual async Task<StakeQuote> QuoteStakeAsync(BigInteger amount, CancellationToken cancellationToken = default)
    {
        var state = await GetDepositStateAsync(null, cancellationToken).ConfigureAwait(false);
        return BuildQuote(amount, state);
    }

    /// <summary>Quotes a burn of <paramref name="rethAmount"/> rETH: ETH paid, collateral, and the account's rETH when given (one Multicall3 call).</summary>
    public virtual async Task<RocketPoolBurnQuote> QuoteBurnAsync(BigInteger rethAmount, Address? account = null, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(account);
        var (collateral, t, s, balance) = await ReadBurnStateAsync(account, cancellationToken).ConfigureAwait(false);
        return new RocketPoolBurnQuote(rethAmount, ComputeEthValue(rethAmount, t, s), collateral, BuildRate(t, s), balance);
    }

    /// <summary>rETH -> ETH as the exact fraction <c>T / S</c> of the oracle snapshot (1/1 when S is 0).</summary>
    public virtual async Task<ExchangeRate> GetExchangeRateAsync(CancellationToken cancellationToken = default)
    {
        var c = await GetContractsAsync(cancellationToken).ConfigureAwait(false);
        var r = await AggregateAsync(
            [
                new(c.NetworkBalances, RocketNetworkBalances.EncodeGetTotalEthBalance(), false),
                new(c.NetworkBalances, RocketNetworkBalances.EncodeGetTotalREthSupply(), false),
            ],
            cancellationToken).ConfigureAwait(false);
        return BuildRate(RocketNetworkBalances.DecodeGetTotalEthBalanceOutput(r[0]), RocketNetworkBalances.DecodeGetTotalREthSupplyOutput(r[1]));
    }

    /// <summary>
    /// The rate history: every <c>BalancesUpdated</c> of the current <c>rocketNetworkBalances</c> in the last
    /// <see cref="RocketPoolClientOptions.AprLookbackBlocks"/> blocks, oldest first.
    /// </summary>
    public virtual async Task<IReadOnlyList<RocketPoolRateObservation>> GetRateHistoryAsync(CancellationToken cancellationToken = default)
    {
        var c = await GetContractsAsync(cancellationToken).ConfigureAwait(false);
        var latest = await _context.Rpc.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
        var from = latest > Options.AprLookbackBlocks ? latest - Options.AprLookbackBlocks : 0;
        var balances = new RocketNetworkBalances(c.NetworkBalances, _context.Rpc);
        var logs = await _context.Rpc.GetLogsAsync(balances.CreateBalancesUpdatedFilter(), BlockParameter.AtNumber(from), BlockParameter.AtNumber(latest), cancellationToken).ConfigureAwait(false);
        var observations = new List<RocketPoolRateObservation>(logs.Count);
        foreach (var log in logs)
        {
            if (RocketNetworkBalances.TryDecodeBalancesUpdatedEvent(log, out var e, c.NetworkBalances))
                observations.Add(new RocketPoolRateObservation(e.Block, (long)e.SlotTimestamp, e.TotalEth, e.RethSupply));
        }
        return observations;
    }

    /// <summary>
    /// Simple APR from the rate history (protocol notes §12): the first and the last balance update within
    /// <see cref="RocketPoolClientOptions.AprWindow"/> of the latest, <c>(rate2 / rate1 - 1) * 31536000 / Δt</c>, with
    /// rates <c>floor(1e18 * T / S)</c> and Δt between the reports' slot timestamps.
    /// </summary>
    /// <exception cref="ProtocolStateException">Fewer than two balance updates in the lookback range.</exception>
    public virtual async Task<Apr> GetAprAsync(CancellationToken cancellationToken = default)
    {
        var history = await GetRateHistoryAsync(cancellationToken).ConfigureAwait(false);
        if (history.Count < 2)
            throw new ProtocolStateException(Id, $"{history.Count} balance update(s) in the last {Options.AprLookbackBlocks} blocks; at least two are needed for an APR");
        var last = history[^1];
        var windowStart = last.SlotTimestamp - (long)Options.AprWindow.TotalSeconds;
        int firstIndex = 0;
        while (firstIndex < history.Count - 2 && history[firstIndex].SlotTimestamp < windowStart) firstIndex++;
        var first = history[firstIndex];
        return new Apr(
            ComputeAprPercent(first.Rate, last.Rate, last.SlotTimestamp - first.SlotTimestamp),
            DateTimeOffset.FromUnixTimeSeconds(first.SlotTimestamp),
            DateTimeOffset.FromUnixTimeSeconds(last.SlotTimestamp),
            history.Count - firstIndex,
            $"rETH rate change between BalancesUpdated events at blocks {first.Block} and {last.Block}: (rate2/rate1 - 1) * 31536000 / Δt(slot timestamps)");
    }

    /// <summary>Simple APR in percent, to 18 decimal places (truncated): <c>100 * (rate2 - rate1) * 31536000 / (rate1 * Δt)</c>.</summary>
    /// <exception cref="LiquidStakeException">Δt or rate1 is not positive.</exception>
    public static decimal ComputeAprPercent(BigInteger rate1, BigInteger rate2, long elapsedSeconds)
    {
        if (elapsedSeconds <= 0 || rate1.Sign <= 0) throw new LiquidStakeException("Rocket Pool: the rate history has no positive time span or rate");
        return RateGrowthApr.Percent(rate1, BigInteger.One, rate2, BigInteger.One, elapsedSeconds);
    }

    /// <summary>The account's rETH with its ETH value at the current rate (one Multicall3 call).</summary>
    public virtual async Task<IReadOnlyList<Position>> GetPositionsAsync(Address account, CancellationToken cancellationToken = default)
    {
        var all = await GetPositionsAsync([account], cancellationToken).ConfigureAwait(false);
        return all[account];
    }

    /// <summary>
    /// rETH positions of every account, valued with the network balances, in one Multicall3 pass (one HTTP request once
    /// the contract addresses are cached).
    /// </summary>
    public virtual async Task<IReadOnlyDictionary<Address, IReadOnlyList<Position>>> GetPositionsAsync(IReadOnlyList<Address> accounts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var c = await GetContractsAsync(cancellationToken).ConfigureAwait(false);
        return await BatchReads.ReadPerAccountAsync<IReadOnlyList<Position>>(_context,
            [new(c.NetworkBalances, RocketNetworkBalances.EncodeGetTotalEthBalance(), false), new(c.NetworkBalances, RocketNetworkBalances.EncodeGetTotalREthSupply(), false)],
            accounts,
            account => [BatchReads.View(c.REth, RocketTokenREth.EncodeBalanceOf(account))],
            (account, shared, own) =>
            {
                var balance = RocketTokenREth.DecodeBalanceOfOutput(own[0]);
                var value = ComputeEthValue(balance, RocketNetworkBalances.DecodeGetTotalEthBalanceOutput(shared[0]), RocketNetworkBalances.DecodeGetTotalREthSupplyOutput(shared[1]));
                return [new Position(ProtocolId.RocketPool, account, _reth, balance, null, value)];
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>The network's total ETH as last reported by the oDAO (<c>RocketNetworkBalances.getTotalETHBalance()</c>).</remarks>
    public virtual async Task<BigInteger> GetStakedEtherAsync(CancellationToken cancellationToken = default)
    {
        var c = await GetContractsAsync(cancellationToken).ConfigureAwait(false);
        var r = await AggregateAsync([new(c.NetworkBalances, RocketNetworkBalances.EncodeGetTotalEthBalance(), false)], cancellationToken).ConfigureAwait(false);
        return RocketNetworkBalances.DecodeGetTotalEthBalanceOutput(r[0]);
    }

    // ---------------------------------------------------------------- writes

    /// <summary>
    /// Prepares <c>RocketDepositPool.deposit()</c> with <paramref name="amount"/> wei, against the deposit pool currently
    /// registered in RocketStorage, after the pre-flight checks (in the contract's order): positive amount, chain,
    /// deposits enabled, minimum deposit, pool capacity (<c>getMaximumDepositAmount</c>), the account's ETH balance.
    /// </summary>
    public virtual async Task<PreparedTransaction> PrepareStakeAsync(Address account, BigInteger amount, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(account);
        if (amount.Sign <= 0) throw new AmountNotPositiveException(Id, nameof(amount), amount);
        await _context.EnsureChainAsync(cancellationToken).ConfigureAwait(false);
        var state = await GetDepositStateAsync(account, cancellationToken).ConfigureAwait(false);
        if (!state.DepositEnabled) throw new ProtocolPausedException(Id, "Rocket Pool deposits");
        if (amount < state.MinimumDeposit) throw new AmountBelowMinimumException(Id, nameof(amount), amount, state.MinimumDeposit, "wei");
        if (amount > state.MaximumDepositAmount)
            throw new AmountAboveLimitException(Id, nameof(amount), amount, state.MaximumDepositAmount, "wei", "Rocket Pool deposit pool capacity");
        if (state.AccountBalance is { } balance && balance < amount) throw new InsufficientBalanceException(Id, nameof(amount), amount, balance, "wei");
        var c = await GetContractsAsync(cancellationToken).ConfigureAwait(false);
        var request = new RocketDepositPool(c.DepositPool, _context.Rpc).PrepareDeposit(amount) with { From = account };
        var description = string.Create(CultureInfo.InvariantCulture, $"Stake {EthUnits.FormatEther(amount)} ETH with Rocket Pool for rETH");
        return new PreparedTransaction(Id, description, [new TransactionStep(TransactionStepKind.Action, description, request)]);
    }

    /// <summary>Same as <see cref="PrepareStakeAsync"/>, under Rocket Pool's own word.</summary>
    public virtual Task<PreparedTransaction> PrepareDepositAsync(Address account, BigInteger amount, CancellationToken cancellationToken = default) =>
        PrepareStakeAsync(account, amount, cancellationToken);

    /// <summary>Deposits <paramref name="amount"/> wei with <paramref name="signer"/> and decodes the minted rETH from the receipt.</summary>
    public virtual async Task<RocketPoolDepositResult> DepositAsync(ISigner signer, BigInteger amount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var plan = await PrepareStakeAsync(signer.Address, amount, cancellationToken).ConfigureAwait(false);
        var execution = await _executor.SendAsync(plan, signer, cancellationToken: cancellationToken).ConfigureAwait(false);
        return DecodeDepositResult(execution.ActionReceipt, signer.Address);
    }

    /// <summary>Decodes a deposit receipt: <c>DepositReceived</c> (gross) and rETH <c>TokensMinted</c> (net and minted) for <paramref name="account"/>.</summary>
    /// <exception cref="EthereumFormatException">The receipt has no <c>TokensMinted</c> for the account.</exception>
    public virtual RocketPoolDepositResult DecodeDepositResult(TransactionReceipt receipt, Address account)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        TokensMintedEvent? minted = null;
        DepositReceivedEvent? received = null;
        foreach (var log in receipt.Logs)
        {
            if (minted is null && RocketTokenREth.TryDecodeTokensMintedEvent(log, out var m, _addresses.REth) && m.To == account) minted = m;
            else if (received is null && RocketDepositPool.TryDecodeDepositReceivedEvent(log, out var d) && d.From == account) received = d;
        }
        if (minted is null) throw new EthereumFormatException($"receipt {receipt.TransactionHash} has no rETH TokensMinted event for {account}");
        var gross = received?.Amount ?? minted.EthAmount;
        return new RocketPoolDepositResult(receipt, gross, gross - minted.EthAmount, minted.EthAmount, minted.Amount);
    }

    /// <summary>
    /// Prepares <c>rETH.burn(rethAmount)</c> after the pre-flight checks: positive amount, chain, rETH balance, and the
    /// collateral limit (<c>getTotalCollateral()</c> must cover <c>floor(r * T / S)</c>; otherwise
    /// <see cref="AmountAboveLimitException"/> naming the collateral, in wei).
    /// </summary>
    public virtual Task<PreparedTransaction> PrepareBurnAsync(Address account, BigInteger rethAmount, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(account);
        return PrepareBurnCoreAsync(account, rethAmount, nameof(rethAmount), cancellationToken);
    }

    // Shared by PrepareBurnAsync and the IInstantRedeemQuoter route: errors name the public caller's amount parameter.
    private async Task<PreparedTransaction> PrepareBurnCoreAsync(Address account, BigInteger rethAmount, string amountParam, CancellationToken cancellationToken)
    {
        if (rethAmount.Sign <= 0) throw new AmountNotPositiveException(Id, amountParam, rethAmount);
        await _context.EnsureChainAsync(cancellationToken).ConfigureAwait(false);
        var quote = await QuoteBurnAsync(rethAmount, account, cancellationToken).ConfigureAwait(false);
        if (quote.RethBalance is { } balance && balance < rethAmount) throw new InsufficientBalanceException(Id, amountParam, rethAmount, balance, "rETH wei");
        if (!quote.IsCovered)
            throw new AmountAboveLimitException(Id, amountParam, quote.ExpectedEth, quote.TotalCollateral, "wei", "Rocket Pool rETH collateral (getTotalCollateral)");
        var request = new RocketTokenREth(_addresses.REth, _context.Rpc).PrepareBurn(rethAmount) with { From = account };
        var description = string.Create(CultureInfo.InvariantCulture, $"Burn {EthUnits.FormatEther(rethAmount)} rETH with Rocket Pool for {EthUnits.FormatEther(quote.ExpectedEth)} ETH");
        return new PreparedTransaction(Id, description, [new TransactionStep(TransactionStepKind.Action, description, request)]);
    }

    /// <summary>The <see cref="StakingCapabilities.InstantRedeem"/> route: the same as <see cref="PrepareBurnAsync"/>.</summary>
    public virtual Task<PreparedTransaction> PrepareInstantRedeemAsync(Address account, BigInteger rethAmount, CancellationToken cancellationToken = default) =>
        PrepareBurnAsync(account, rethAmount, cancellationToken);

    /// <summary>
    /// The largest rETH amount whose burn the collateral covers: the largest <c>r</c> with <c>floor(r * T / S) ≤ C</c>,
    /// i.e. <c>floor(((C + 1) * S - 1) / T)</c>; <c>C</c> when S is 0 (1:1); null when T is 0 while S is not (every burn pays 0 ETH).
    /// </summary>
    public static BigInteger? ComputeMaxBurnable(BigInteger totalCollateral, BigInteger totalEth, BigInteger rethSupply)
    {
        if (totalCollateral.Sign < 0) totalCollateral = BigInteger.Zero;
        if (rethSupply.IsZero) return totalCollateral;
        if (totalEth.IsZero) return null;
        return ((totalCollateral + 1) * rethSupply - 1) / totalEth;
    }

    /// <summary>
    /// <see cref="IInstantRedeemQuoter"/>: an rETH burn. ETH out = <c>floor(r * T / S)</c>, no fee, Maximum = the collateral
    /// (<c>getTotalCollateral</c>) converted to rETH (<see cref="ComputeMaxBurnable"/>); burns cannot be paused.
    /// </summary>
    /// <exception cref="LiquidStakeArgumentException"><paramref name="token"/> is not rETH.</exception>
    /// <exception cref="AmountNotPositiveException"><paramref name="amount"/> is zero or negative.</exception>
    public virtual async Task<InstantRedeemQuote> QuoteInstantRedeemAsync(StakingToken token, BigInteger amount, CancellationToken cancellationToken = default)
    {
        RequireReth(token);
        if (amount.Sign <= 0) throw new AmountNotPositiveException(Id, nameof(amount), amount);
        var (collateral, t, s, _) = await ReadBurnStateAsync(null, cancellationToken).ConfigureAwait(false);
        return new InstantRedeemQuote(Id, _reth, amount, ComputeEthValue(amount, t, s), BigInteger.Zero, ComputeMaxBurnable(collateral, t, s), false);
    }

    /// <summary><see cref="IInstantRedeemQuoter"/>: the same as <see cref="PrepareBurnAsync"/>, after checking that <paramref name="token"/> is rETH.</summary>
    /// <exception cref="LiquidStakeArgumentException"><paramref name="token"/> is not rETH.</exception>
    public virtual Task<PreparedTransaction> PrepareInstantRedeemAsync(Address account, StakingToken token, BigInteger amount, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(account);
        RequireReth(token);
        return PrepareBurnCoreAsync(account, amount, nameof(amount), cancellationToken);
    }

    /// <summary>Burns <paramref name="rethAmount"/> rETH with <paramref name="signer"/> and decodes the ETH received from the receipt.</summary>
    public virtual async Task<BurnResult> BurnAsync(ISigner signer, BigInteger rethAmount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var plan = await PrepareBurnAsync(signer.Address, rethAmount, cancellationToken).ConfigureAwait(false);
        var execution = await _executor.SendAsync(plan, signer, cancellationToken: cancellationToken).ConfigureAwait(false);
        return DecodeBurnResult(execution.ActionReceipt, signer.Address);
    }

    /// <summary>The <see cref="StakingCapabilities.InstantRedeem"/> route: the same as <see cref="BurnAsync"/>.</summary>
    public virtual Task<BurnResult> InstantRedeemAsync(ISigner signer, BigInteger rethAmount, CancellationToken cancellationToken = default) =>
        BurnAsync(signer, rethAmount, cancellationToken);

    /// <summary>Decodes a burn receipt's rETH <c>TokensBurned</c> for <paramref name="account"/>.</summary>
    /// <exception cref="EthereumFormatException">The receipt has no <c>TokensBurned</c> for the account.</exception>
    public virtual BurnResult DecodeBurnResult(TransactionReceipt receipt, Address account)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        foreach (var log in receipt.Logs)
        {
            if (RocketTokenREth.TryDecodeTokensBurnedEvent(log, out var burned, _addresses.REth) && burned.From == account)
                return new BurnResult(receipt, burned.Amount, burned.EthAmount);
        }
        throw new EthereumFormatException($"receipt {receipt.TransactionHash} has no rETH TokensBurned event for {account}");
    }

    /// <summary>Not supported: rETH has no withdrawal queue; use <see cref="PrepareBurnAsync"/>.</summary>
    public virtual Task<PreparedTransaction> PrepareWithdrawalRequestAsync(Address account, BigInteger amount, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(account);
        throw new NotSupportedException("Rocket Pool has no withdrawal queue; burn rETH with PrepareBurnAsync / PrepareInstantRedeemAsync (limited by getTotalCollateral).");
    }

    /// <summary>Always empty: rETH has no withdrawal requests.</summary>
    public virtual Task<IReadOnlyList<WithdrawalRequest>> GetWithdrawalRequestsAsync(Address account, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<WithdrawalRequest>>([]);

    /// <summary>Not supported: rETH has no withdrawal queue to claim from.</summary>
    public virtual Task<PreparedTransaction> PrepareClaimAsync(Address account, IReadOnlyList<WithdrawalId> withdrawals, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(account);
        throw new NotSupportedException("Rocket Pool has no withdrawal queue, so there is nothing to claim; burn rETH with PrepareBurnAsync instead.");
    }

    // ---------------------------------------------------------------- helpers

    private async Task<(BigInteger Collateral, BigInteger TotalEth, BigInteger RethSupply, BigInteger? Balance)> ReadBurnStateAsync(Address? account, CancellationToken cancellationToken)
    {
        var c = await GetContractsAsync(cancellationToken).ConfigureAwait(false);
        var calls = new List<MulticallCall>
        {
            new(c.REth, RocketTokenREth.EncodeGetTotalCollateral(), false),
            new(c.NetworkBalances, RocketNetworkBalances.EncodeGetTotalEthBalance(), false),
            new(c.NetworkBalances, RocketNetworkBalances.EncodeGetTotalREthSupply(), false),
        };
        if (account is { } a) calls.Add(new(c.REth, RocketTokenREth.EncodeBalanceOf(a), false));
        var r = await AggregateAsync(calls, cancellationToken).ConfigureAwait(false);
        return (RocketTokenREth.DecodeGetTotalCollateralOutput(r[0]),
            RocketNetworkBalances.DecodeGetTotalEthBalanceOutput(r[1]),
            RocketNetworkBalances.DecodeGetTotalREthSupplyOutput(r[2]),
            account is null ? null : RocketTokenREth.DecodeBalanceOfOutput(r[3]));
    }

    private void RequireReth(StakingToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Address != _reth.Address)
            throw new LiquidStakeArgumentException(nameof(token), $"Rocket Pool redeems only rETH, not {token.Symbol} ({token.Address})", $"rETH ({_reth.Address})");
    }

    private StakeQuote BuildQuote(BigInteger amount, RocketPoolDepositState state)
    {
        var fee = amount.Sign > 0 ? ComputeDepositFee(amount, state.DepositFee) : BigInteger.Zero;
        var expected = amount.Sign > 0 ? ComputeRethMinted(amount, state.DepositFee, state.TotalEthBalance, state.TotalRethSupply) : BigInteger.Zero;
        return new StakeQuote(Id, StakingToken.Eth, amount, _reth, expected, fee, BuildRate(state.TotalEthBalance, state.TotalRethSupply),
            state.MinimumDeposit, state.MaximumDepositAmount, !state.DepositEnabled);
    }

    private ExchangeRate BuildRate(BigInteger totalEth, BigInteger rethSupply) =>
        rethSupply.IsZero ? new ExchangeRate(_reth, StakingToken.Eth, BigInteger.One, BigInteger.One) : new ExchangeRate(_reth, StakingToken.Eth, totalEth, rethSupply);

    private Task<byte[][]> AggregateAsync(IReadOnlyList<MulticallCall> calls, CancellationToken cancellationToken) =>
        BatchReads.ReadAsync(_context, calls, cancellationToken);
}
