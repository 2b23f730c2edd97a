using System.Numerics;

namespace LiquidStake.Sdk.Services;

/// <summary>Settings of <see cref="OnChainStakeShareSource"/>.</summary>
public sealed record OnChainStakeShareSourceOptions
{
    /// <summary>
    /// All ETH staked on the beacon chain, in wei. The execution layer has no exact figure for it (the deposit contract's
    /// balance counts every deposit ever made, including exited validators), so it comes from the caller, for example
    /// from a beacon node's validator balances. Required.
    /// </summary>
    public BigInteger TotalStakedWei { get; init; }

    /// <summary>Per-protocol figures that override (or add to) what the chain says, in wei — for protocols without an on-chain reader.</summary>
    public IReadOnlyDictionary<ProtocolId, BigInteger> Overrides { get; init; } = new Dictionary<ProtocolId, BigInteger>();
}

/// <summary>
/// An <see cref="IStakeShareSource"/> that reads each protocol's staked ETH from its own contracts through
/// <see cref="IStakedEtherReader"/> (Lido, Rocket Pool, ether.fi) and divides by the caller's total staked ETH.
/// Restaking protocols (EigenLayer) add no stake of their own and are left out. Reads run concurrently; a provider that
/// fails is left out of the distribution (so the planner does not fund it) and named in <see cref="StakeDistribution.Source"/>.
/// </summary>
public class OnChainStakeShareSource : IStakeShareSource
{
    private readonly IReadOnlyList<IStakingProvider> _providers = [];
    private readonly OnChainStakeShareSourceOptions _options = new();
    private readonly TimeProvider _timeProvider = TimeProvider.System;

    /// <summary>For mocking only.</summary>
    protected OnChainStakeShareSource() { }

    /// <summary>Creates the source over <paramref name="providers"/>.</summary>
    /// <exception cref="LiquidStakeArgumentException">The total staked ETH is not positive.</exception>
    public OnChainStakeShareSource(IEnumerable<IStakingProvider> providers, OnChainStakeShareSourceOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(providers);
        ArgumentNullException.ThrowIfNull(options);
        if (options.TotalStakedWei.Sign <= 0)
            throw new LiquidStakeArgumentException(nameof(options.TotalStakedWei), $"all staked ETH must be given in wei and be positive, got {options.TotalStakedWei}", "> 0 (e.g. from a beacon node)");
        _providers = providers.ToArray();
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    public virtual async Task<StakeDistribution> GetDistributionAsync(CancellationToken cancellationToken = default)
    {
        var readers = _providers.Where(p => p is IStakedEtherReader && !_options.Overrides.ContainsKey(p.Id)).ToArray();
        var reads = readers.Select(async p =>
        {
            try
            {
                return (p.Id, Staked: (BigInteger?)await ((IStakedEtherReader)p).GetStakedEtherAsync(cancellationToken).ConfigureAwait(false), Error: (Exception?)null);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // One protocol's failed read leaves it unfunded; the others' figures stay usable.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                return (p.Id, Staked: (BigInteger?)null, Error: (Exception?)ex);
            }
        });
        var results = await Task.WhenAll(reads).ConfigureAwait(false);

        var staked = new Dictionary<ProtocolId, BigInteger>(_options.Overrides);
        foreach (var (id, value, _) in results)
            if (value is { } wei) staked[id] = wei;
        var read = results.Where(r => r.Error is null).Select(r => r.Id.Value).ToArray();
        var failed = results.Where(r => r.Error is not null).Select(r => $"{r.Id.Value} ({r.Error!.Message})").ToArray();
        var source = "on chain: " + (read.Length == 0 ? "none" : string.Join(", ", read))
            + (_options.Overrides.Count == 0 ? string.Empty : "; given: " + string.Join(", ", _options.Overrides.Keys.Select(k => k.Value)))
            + (failed.Length == 0 ? string.Empty : "; unreadable: " + string.Join(", ", failed));
        foreach (var (id, wei) in staked)
        {
            if (wei > _options.TotalStakedWei)
                throw new LiquidStakeArgumentException(nameof(OnChainStakeShareSourceOptions.TotalStakedWei),
                    $"'{id}' alone has {wei} wei staked, more than the total of {_options.TotalStakedWei} wei given", $"at least {wei}");
        }
        return new StakeDistribution(_options.TotalStakedWei, staked, _timeProvider.GetUtcNow(), source);
    }
}
