using System.Globalization;
using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Sdk.Withdrawals;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiquidStake.Sdk.Services;

/// <summary>
/// The default <see cref="IStakingService"/> over a set of providers. Side-by-side calls run concurrently and a failing
/// provider becomes an error entry instead of failing the call; only the caller's cancellation stops everything.
/// Immutable and thread-safe.
/// </summary>
public class StakingService : IStakingService
{
    private readonly IReadOnlyList<IStakingProvider> _providers = [];
    private readonly Dictionary<ProtocolId, IStakingProvider> _byId = [];
    private readonly StakingServiceOptions _options = new();
    private readonly ILogger _logger = NullLogger.Instance;
    private readonly TimeProvider _timeProvider = TimeProvider.System;

    /// <summary>For mocking only.</summary>
    protected StakingService() { }

    /// <summary>Creates the service over <paramref name="providers"/> (ids must be unique).</summary>
    public StakingService(IEnumerable<IStakingProvider> providers, StakingServiceOptions? options = null, ILogger<StakingService>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(providers);
        _providers = providers.ToArray();
        foreach (var provider in _providers)
        {
            if (provider is null) throw new LiquidStakeArgumentException(nameof(providers), "contains a null provider");
            if (!_byId.TryAdd(provider.Id, provider))
                throw new LiquidStakeArgumentException(nameof(providers), $"two providers use the protocol id '{provider.Id}'", "one provider per protocol id");
        }
        _options = options ?? new StakingServiceOptions();
        if (_options.MaxConcurrentAccountReads < 1)
            throw new LiquidStakeArgumentException(nameof(StakingServiceOptions.MaxConcurrentAccountReads), "must be positive", "at least 1");
        if (_options.RebasingTransferMargin.Sign < 0)
            throw new LiquidStakeArgumentException(nameof(StakingServiceOptions.RebasingTransferMargin), "cannot be negative", "at least 0");
        _logger = logger ?? NullLogger<StakingService>.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    public virtual IReadOnlyList<IStakingProvider> Providers => _providers;

    /// <inheritdoc/>
    public virtual IStakingProvider GetProvider(ProtocolId protocol) => ProviderFor(protocol, nameof(protocol));

    // The lookup behind every public method, named after that method's own parameter (route, protocols, holding).
    private IStakingProvider ProviderFor(ProtocolId protocol, string paramName) =>
        _byId.TryGetValue(protocol, out var provider)
            ? provider
            : throw new LiquidStakeArgumentException(paramName, $"no provider is registered for '{protocol}'", KnownIds());

    /// <inheritdoc/>
    public virtual async Task<IReadOnlyList<ProviderResult<StakeQuote>>> QuoteAllAsync(BigInteger amount, IReadOnlyCollection<ProtocolId>? protocols = null, CancellationToken cancellationToken = default)
    {
        if (amount.Sign <= 0) throw new LiquidStakeArgumentException(nameof(amount), $"the amount must be greater than zero, got {amount}", "> 0");
        var selected = protocols is null
            ? _providers.Where(p => p.Capabilities.HasFlag(StakingCapabilities.StakeEth)).ToArray()
            : protocols.Distinct().Select(p => ProviderFor(p, nameof(protocols))).ToArray();
        var tasks = selected.Select(p => RunAsync(p, (provider, ct) => provider.QuoteStakeAsync(amount, ct), cancellationToken)).ToArray();
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public virtual async Task<IReadOnlyList<ExitRoute>> GetExitRoutesAsync(Position holding, BigInteger? amount = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(holding);
        var provider = ProviderFor(holding.Protocol, nameof(holding));
        var size = amount ?? holding.Balance;
        if (size.Sign <= 0) throw new LiquidStakeArgumentException(nameof(amount), $"the amount must be greater than zero, got {size}", "> 0");
        if (size > holding.Balance)
            throw new LiquidStakeArgumentException(nameof(amount), $"{size} is more than the holding's balance of {holding.Balance} {holding.Token.Symbol}", $"at most {holding.Balance}");

        var routes = new List<Task<ExitRoute>>(2);
        if (provider.Capabilities.HasFlag(StakingCapabilities.QueuedWithdrawal))
            routes.Add(QueuedRouteAsync(provider, holding, size, cancellationToken));
        if (provider.Capabilities.HasFlag(StakingCapabilities.InstantRedeem))
            routes.Add(InstantRouteAsync(provider, holding, size, cancellationToken));
        return await Task.WhenAll(routes).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public virtual Task<Portfolio> GetPortfolioAsync(Address account, CancellationToken cancellationToken = default) =>
        GetPortfolioAsync([account], cancellationToken);

    /// <inheritdoc/>
    public virtual async Task<Portfolio> GetPortfolioAsync(IReadOnlyList<Address> accounts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var distinct = accounts.Distinct().ToArray();
        var results = await Task.WhenAll(_providers.Select(p => ReadPositionsAsync(p, distinct, cancellationToken))).ConfigureAwait(false);
        var order = new Dictionary<Address, int>(distinct.Length);
        for (int i = 0; i < distinct.Length; i++) order[distinct[i]] = i;
        var positions = results
            .SelectMany(r => r.Value ?? [])
            .Where(p => _options.IncludeEmptyPositions || !p.Balance.IsZero)
            .OrderBy(p => order.TryGetValue(p.Owner, out int i) ? i : int.MaxValue)
            .ThenBy(p => p.Protocol.Value, StringComparer.Ordinal)
            .ThenBy(p => p.Token.Symbol, StringComparer.Ordinal)
            .ToArray();
        return new Portfolio(distinct, positions, results.Where(r => !r.Succeeded).ToArray());
    }

    /// <inheritdoc/>
    public virtual async Task<StakingPlan> ComposeStakePlanAsync(Address account, BigInteger amount, IReadOnlyList<ProtocolId> route, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(account);
        ArgumentNullException.ThrowIfNull(route);
        if (route.Count == 0) throw new LiquidStakeArgumentException(nameof(route), "the route names no protocol", "at least 1");
        if (amount.Sign <= 0) throw new LiquidStakeArgumentException(nameof(amount), $"the amount must be greater than zero, got {amount}", "> 0");

        var parts = new List<PreparedTransaction>(route.Count);
        var first = ProviderFor(route[0], nameof(route));
        if (!first.StakeToken.IsNative)
            throw new LiquidStakeArgumentException(nameof(route), $"the first protocol '{first.Id}' takes {first.StakeToken.Symbol}, not ETH", "a protocol that stakes ETH");
        var quote = await first.QuoteStakeAsync(amount, cancellationToken).ConfigureAwait(false);
        parts.Add(await first.PrepareStakeAsync(account, amount, cancellationToken).ConfigureAwait(false));

        for (int i = 1; i < route.Count; i++)
        {
            var next = ProviderFor(route[i], nameof(route));
            var token = quote.TokenOut;
            var carried = quote.ExpectedOut;
            if (token.Accounting == TokenAccounting.Rebasing) carried -= _options.RebasingTransferMargin;
            if (carried.Sign <= 0)
                throw new LiquidStakeArgumentException(nameof(amount), $"step {i} would receive no {token.Symbol} to hand to '{next.Id}'", "> 0");

            // A depositor is told the tokens come from the previous step, so it skips the balance check it cannot pass yet.
            if (next is ITokenDepositor depositor && depositor.DepositTokens.Any(t => t.Address == token.Address))
            {
                quote = await depositor.QuoteDepositAsync(token, carried, cancellationToken).ConfigureAwait(false);
                parts.Add(await depositor.PrepareDepositAsync(account, token, carried, fundedByEarlierStep: true, cancellationToken).ConfigureAwait(false));
            }
            else if (next.StakeToken.Address == token.Address && !next.StakeToken.IsNative)
            {
                quote = await next.QuoteStakeAsync(carried, cancellationToken).ConfigureAwait(false);
                parts.Add(await next.PrepareStakeAsync(account, carried, cancellationToken).ConfigureAwait(false));
            }
            else
            {
                throw new LiquidStakeArgumentException(nameof(route), $"'{next.Id}' does not accept {token.Symbol}, which step {i} would receive from '{route[i - 1]}'", $"a protocol that takes {token.Symbol}");
            }
        }

        var description = string.Create(CultureInfo.InvariantCulture,
            $"{EthUnits.FormatUnits(amount, 18)} ETH → {string.Join(" → ", route)}: {string.Join("; then ", parts.Select(p => p.Description))}");
        return new StakingPlan(description, parts);
    }

    /// <inheritdoc/>
    public virtual WithdrawalOperation ResumeWithdrawal(string storedId, Address owner) =>
        WithdrawalOperation.Resume(storedId, owner, _providers, _timeProvider);

    private async Task<ExitRoute> QueuedRouteAsync(IStakingProvider provider, Position holding, BigInteger amount, CancellationToken cancellationToken)
    {
        var ethOut = holding.Balance.IsZero ? BigInteger.Zero : holding.EthValue * amount / holding.Balance;
        string rateNote = "about {0} at the current rate";
        if (provider is IQueuedWithdrawalQuoter quoter)
        {
            // The provider's own rounding (Lido locks shares rounded down) beats a pro-rata share of the holding's value.
            var quoted = await RunAsync(provider, (_, ct) => quoter.QuoteQueuedWithdrawalAsync(holding.Token, amount, ct), cancellationToken).ConfigureAwait(false);
            if (quoted.Succeeded)
            {
                ethOut = quoted.Value;
                rateNote = "{0} if finalized at the current rate";
            }
        }
        TimeSpan? wait = null;
        string? waitNote = null;
        if (provider is IWithdrawalWaitEstimator estimator)
        {
            // Estimators take the value in wei (the queues count stETH/eETH, 1:1 with ETH), not wrapped-token units.
            var value = ethOut.Sign > 0 ? ethOut : amount;
            var outcome = await RunAsync(provider, (_, ct) => estimator.EstimateWithdrawalWaitAsync(value, ct), cancellationToken).ConfigureAwait(false);
            if (outcome.Succeeded) wait = outcome.Value;
            else waitNote = $"wait estimate failed: {outcome.Error!.Message}";
        }
        var waitText = wait is { } w ? $"claimable in about {FormatWait(w)}" : waitNote ?? "wait unknown";
        var description = $"Queued withdrawal of {Format(amount, holding.Token)} with {provider.DisplayName}: {string.Format(CultureInfo.InvariantCulture, rateNote, FormatEth(ethOut))}, no fee, {waitText}";
        return new ExitRoute(provider.Id, ExitRouteKind.QueuedWithdrawal, holding.Token, amount, ethOut, BigInteger.Zero, wait, true, description);
    }

    private async Task<ExitRoute> InstantRouteAsync(IStakingProvider provider, Position holding, BigInteger amount, CancellationToken cancellationToken)
    {
        if (provider is not IInstantRedeemQuoter quoter)
        {
            return new ExitRoute(provider.Id, ExitRouteKind.InstantRedeem, holding.Token, amount, BigInteger.Zero, BigInteger.Zero, TimeSpan.Zero, false,
                $"Instant redeem with {provider.DisplayName}: not quoted (the provider does not implement {nameof(IInstantRedeemQuoter)})");
        }
        var outcome = await RunAsync(provider, (_, ct) => quoter.QuoteInstantRedeemAsync(holding.Token, amount, ct), cancellationToken).ConfigureAwait(false);
        if (!outcome.Succeeded)
        {
            return new ExitRoute(provider.Id, ExitRouteKind.InstantRedeem, holding.Token, amount, BigInteger.Zero, BigInteger.Zero, TimeSpan.Zero, false,
                $"Instant redeem with {provider.DisplayName}: quote failed: {outcome.Error!.Message}");
        }
        var q = outcome.Value!;
        var state = q.IsPaused ? "paused" : q.Maximum is { } max && amount > max ? $"unavailable above {Format(max, holding.Token)}" : "available now";
        var description = $"Instant redeem of {Format(amount, holding.Token)} with {provider.DisplayName}: {FormatEth(q.EthOut)} now, fee {FormatEth(q.Fee)} ({state})";
        return new ExitRoute(provider.Id, ExitRouteKind.InstantRedeem, holding.Token, amount, q.EthOut, q.Fee, TimeSpan.Zero, q.IsAllowed, description, q.Maximum);
    }

    private async Task<ProviderResult<IReadOnlyList<Position>>> ReadPositionsAsync(IStakingProvider provider, Address[] accounts, CancellationToken cancellationToken)
    {
        if (accounts.Length == 0) return ProviderResult.Success<IReadOnlyList<Position>>(provider.Id, []);
        if (provider is IBatchPositionReader batch)
        {
            var outcome = await RunAsync(provider, (_, ct) => batch.GetPositionsAsync(accounts, ct), cancellationToken).ConfigureAwait(false);
            return outcome.Succeeded
                ? ProviderResult.Success<IReadOnlyList<Position>>(provider.Id, accounts.SelectMany(a => outcome.Value!.TryGetValue(a, out var list) ? list : []).ToArray())
                : ProviderResult.Failure<IReadOnlyList<Position>>(provider.Id, outcome.Error!);
        }

        var perAccount = new IReadOnlyList<Position>?[accounts.Length];
        var errors = new Exception?[accounts.Length];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, accounts.Length),
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrentAccountReads, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var outcome = await RunAsync(provider, (p, c) => p.GetPositionsAsync(accounts[i], c), ct).ConfigureAwait(false);
                perAccount[i] = outcome.Value;
                errors[i] = outcome.Error;
            }).ConfigureAwait(false);
        var positions = perAccount.SelectMany(p => p ?? []).ToArray();
        var firstError = errors.FirstOrDefault(e => e is not null);
        return firstError is null
            ? ProviderResult.Success<IReadOnlyList<Position>>(provider.Id, positions)
            : new ProviderResult<IReadOnlyList<Position>>(provider.Id, positions, firstError);
    }

    /// <summary>Runs one provider call; its failure (or its own timeout) becomes the result, the caller's cancellation is rethrown.</summary>
    private async Task<ProviderResult<T>> RunAsync<T>(IStakingProvider provider, Func<IStakingProvider, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var timeout = _options.ProviderTimeout is not null ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken) : null;
        if (timeout is not null) timeout.CancelAfter(_options.ProviderTimeout!.Value);
        var token = timeout?.Token ?? cancellationToken;
        try
        {
            return ProviderResult.Success(provider.Id, await call(provider, token).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException ex) when (timeout is not null && timeout.IsCancellationRequested)
        {
            _logger.LogWarning("Provider {Protocol} did not answer within {Timeout}", provider.Id.Value, _options.ProviderTimeout);
            return ProviderResult.Failure<T>(provider.Id, new TimeoutException($"{provider.Id} did not answer within {_options.ProviderTimeout}", ex));
        }
#pragma warning disable CA1031 // A provider's failure is reported in its result; the other providers' answers must survive it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.LogWarning(ex, "Provider {Protocol} failed: {Message}", provider.Id.Value, ex.Message);
            return ProviderResult.Failure<T>(provider.Id, ex);
        }
    }

    private string KnownIds() => _byId.Count == 0 ? "no providers are registered" : "one of: " + string.Join(", ", _byId.Keys.Select(k => k.Value));

    private static string Format(BigInteger amount, StakingToken token) => $"{EthUnits.FormatUnits(amount, token.Decimals)} {token.Symbol}";

    private static string FormatEth(BigInteger wei) => $"{EthUnits.FormatUnits(wei, 18)} ETH";

    private static string FormatWait(TimeSpan wait) =>
        wait.TotalDays >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{wait.TotalDays:0.#} days")
        : wait.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{wait.TotalHours:0.#} hours")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(wait.TotalMinutes):0} minutes");
}
