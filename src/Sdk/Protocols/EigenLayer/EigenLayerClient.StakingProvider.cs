using System.Globalization;
using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Sdk.Contracts.EigenLayer;

namespace LiquidStake.Sdk.Protocols.EigenLayer;

// EigenLayer as an IStakingProvider: the protocol-neutral stake, quote, position and withdrawal surface.

public partial class EigenLayerClient
{
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
