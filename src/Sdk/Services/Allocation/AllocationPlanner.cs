using System.Globalization;
using System.Numerics;
using LiquidStake.Ethereum;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiquidStake.Sdk.Services;

/// <summary>
/// Splits an amount of ETH across staking protocols, decentralization first, then credibility:
/// <list type="number">
/// <item>No protocol is pushed above <see cref="AllocationRequest.MaxShare"/> of all staked ETH (default 33 %, the
/// share at which one protocol could block finality). The share is measured after the whole amount is staked.</item>
/// <item>Each eligible protocol's weight is its room below that cap (in wei) times the caller's credibility weight, so
/// less concentrated protocols get more. Caller limits, protocol stake limits and pauses are respected; amounts
/// below a minimum are dropped and redistributed.</item>
/// <item>Ties and the last wei of rounding go to the least concentrated protocol, then the more credible, then by id,
/// so the same inputs always give the same plan.</item>
/// </list>
/// All amounts are BigInteger wei and the parts sum exactly to the amount (plus any unallocated remainder).
/// </summary>
public class AllocationPlanner
{
    /// <summary>The one-third line: a protocol above it could stop the chain from finalizing.</summary>
    public const decimal DefaultMaxShare = 0.33m;

    private readonly IReadOnlyList<IStakingProvider> _providers = [];
    private readonly IStakeShareSource? _shareSource;
    private readonly ILogger _logger = NullLogger.Instance;

    /// <summary>For mocking only.</summary>
    protected AllocationPlanner() { }

    /// <summary>Creates a planner over the providers it may allocate to.</summary>
    public AllocationPlanner(IEnumerable<IStakingProvider> providers, IStakeShareSource? shareSource = null, ILogger<AllocationPlanner>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(providers);
        _providers = providers.ToArray();
        _shareSource = shareSource;
        _logger = logger ?? NullLogger<AllocationPlanner>.Instance;
    }

    /// <summary>Plans the split: reads the distribution (when not given), quotes the candidates (unless disabled) and allocates.</summary>
    public virtual async Task<AllocationPlan> PlanAsync(AllocationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Amount.Sign <= 0) throw new LiquidStakeArgumentException($"{nameof(request)}.{nameof(request.Amount)}", $"the amount must be greater than zero, got {request.Amount}", "> 0");
        foreach (var (id, weight) in request.Credibility)
            if (weight < 0m) throw new LiquidStakeArgumentException($"{nameof(request)}.{nameof(request.Credibility)}", $"the credibility of '{id}' is negative", ">= 0");
        var distribution = request.Distribution
            ?? (_shareSource is null
                ? throw new LiquidStakeArgumentException($"{nameof(request)}.{nameof(request.Distribution)}", $"no stake distribution was given and no {nameof(IStakeShareSource)} is registered")
                : await _shareSource.GetDistributionAsync(cancellationToken).ConfigureAwait(false));

        IStakingProvider[] selected;
        if (request.Protocols is null)
        {
            selected = _providers.Where(p => p.Capabilities.HasFlag(StakingCapabilities.StakeEth)).ToArray();
        }
        else
        {
            selected = request.Protocols.Distinct().Select(id => _providers.FirstOrDefault(p => p.Id == id)
                ?? throw new LiquidStakeArgumentException($"{nameof(request)}.{nameof(request.Protocols)}", $"no provider is registered for '{id}'")).ToArray();
        }

        var excluded = request.Excluded.ToHashSet();
        var built = await Task.WhenAll(selected.Select(p => request.SplitOperators && p is IOperatorStakeReader reader
            ? BuildOperatorCandidatesAsync(p, reader, request, excluded, cancellationToken)
            : BuildSingleAsync(p, request, excluded, cancellationToken))).ConfigureAwait(false);
        var candidates = built.SelectMany(c => c).ToArray();
        var plan = Allocate(request.Amount, candidates, distribution, request.MaxShare);
        if (_logger.IsEnabled(LogLevel.Information))
            _logger.LogInformation("Allocation of {Amount} wei: {Funded} protocols funded, {Unallocated} wei unallocated", request.Amount, plan.Funded.Count, plan.Unallocated);
        return plan;
    }

    private async Task<AllocationCandidate[]> BuildSingleAsync(IStakingProvider provider, AllocationRequest request, HashSet<ProtocolId> excluded, CancellationToken cancellationToken) =>
        [await BuildCandidateAsync(provider, request, excluded, cancellationToken).ConfigureAwait(false)];

    // One candidate per operator (StakeWise vault): its own stake for concentration, its capacity as the protocol limit.
    private async Task<AllocationCandidate[]> BuildOperatorCandidatesAsync(IStakingProvider provider, IOperatorStakeReader reader, AllocationRequest request, HashSet<ProtocolId> excluded, CancellationToken cancellationToken)
    {
        var limit = request.Limits.TryGetValue(provider.Id, out var l) ? l : null;
        var credibility = request.Credibility.TryGetValue(provider.Id, out var c) ? c : 1m;
        if (excluded.Contains(provider.Id)) return [new AllocationCandidate(provider.Id, credibility, limit?.Minimum, limit?.Maximum, ExcludedReason: "excluded by the caller")];
        IReadOnlyList<OperatorStake> operators;
        try
        {
            operators = await reader.GetOperatorStakesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A protocol whose operators cannot be read is left out with the reason; the others are still planned.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.LogWarning(ex, "Operators of {Protocol} could not be read; it is left out of the allocation", provider.Id.Value);
            return [new AllocationCandidate(provider.Id, credibility, limit?.Minimum, limit?.Maximum, ExcludedReason: $"its operators could not be read ({ex.Message})")];
        }
        return operators.Select(o => new AllocationCandidate(provider.Id, credibility, limit?.Minimum, limit?.Maximum, o.Capacity, o.UnavailableReason, o.Operator, o.StakedWei)).ToArray();
    }

    private async Task<AllocationCandidate> BuildCandidateAsync(IStakingProvider provider, AllocationRequest request, HashSet<ProtocolId> excluded, CancellationToken cancellationToken)
    {
        var limit = request.Limits.TryGetValue(provider.Id, out var l) ? l : null;
        var credibility = request.Credibility.TryGetValue(provider.Id, out var c) ? c : 1m;
        var candidate = new AllocationCandidate(provider.Id, credibility, limit?.Minimum, limit?.Maximum);
        if (excluded.Contains(provider.Id)) return candidate with { ExcludedReason = "excluded by the caller" };
        if (!request.UseQuotes) return candidate;
        try
        {
            var quote = await provider.QuoteStakeAsync(request.Amount, cancellationToken).ConfigureAwait(false);
            if (quote.IsPaused) return candidate with { ExcludedReason = "deposits are paused" };
            var minimum = Max(limit?.Minimum, quote.Minimum);
            return candidate with { Minimum = minimum, ProtocolMaximum = quote.Maximum };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A protocol whose quote fails is left out with the reason; the others are still planned.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.LogWarning(ex, "Quote from {Protocol} failed; it is left out of the allocation", provider.Id.Value);
            return candidate with { ExcludedReason = $"its quote failed ({ex.Message})" };
        }
    }

    /// <summary>
    /// The pure allocation (no I/O): splits <paramref name="amount"/> wei across <paramref name="candidates"/> under
    /// <paramref name="maxShare"/>, given <paramref name="distribution"/>. Deterministic.
    /// </summary>
    public static AllocationPlan Allocate(BigInteger amount, IReadOnlyList<AllocationCandidate> candidates, StakeDistribution distribution, decimal maxShare = DefaultMaxShare)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(distribution);
        if (amount.Sign <= 0) throw new LiquidStakeArgumentException(nameof(amount), $"the amount must be greater than zero, got {amount}", "> 0");
        if (maxShare <= 0m || maxShare > 1m) throw new LiquidStakeArgumentException(nameof(maxShare), $"{maxShare} is not a share of staked ETH", "greater than 0 and at most 1");
        if (distribution.TotalStakedWei.Sign < 0) throw new LiquidStakeArgumentException(nameof(distribution), "the total staked wei is negative", ">= 0");
        if (candidates.Select(c => (c.Protocol, c.Operator)).Distinct().Count() != candidates.Count)
            throw new LiquidStakeArgumentException(nameof(candidates), "a protocol (or protocol operator) appears twice", "each protocol or operator once");
        if (candidates.FirstOrDefault(c => c.Credibility < 0m) is { } negative)
            throw new LiquidStakeArgumentException(nameof(candidates), $"the credibility of '{negative.Protocol}' is negative", ">= 0");

        var finalTotal = distribution.TotalStakedWei + amount;
        var (capNum, capDen) = Fraction.FromDecimal(maxShare);
        var capWei = finalTotal * capNum / capDen;
        var credibilityScale = candidates.Select(c => Fraction.FromDecimal(c.Credibility).Denominator).DefaultIfEmpty(BigInteger.One).Max();

        var states = candidates.Select(c => BuildState(c, distribution, capWei, credibilityScale)).ToList();
        // Decentralization first, then credibility, then id: the order for ties, rounding dust and the explanation.
        states.Sort((a, b) =>
        {
            int byStake = (a.Staked ?? BigInteger.Zero).CompareTo(b.Staked ?? BigInteger.Zero);
            if (a.Staked is null != b.Staked is null) return a.Staked is null ? 1 : -1;
            if (byStake != 0) return byStake;
            int byCredibility = b.Candidate.Credibility.CompareTo(a.Candidate.Credibility);
            return byCredibility != 0 ? byCredibility : string.CompareOrdinal(a.Candidate.Label, b.Candidate.Label);
        });

        BigInteger unallocated;
        while (true)
        {
            unallocated = Fill(states, amount);
            // Drop the weakest protocol whose part fell below its minimum, and split again without it.
            var belowMinimum = states.Where(s => s.Eligible && !s.Amount.IsZero && s.Amount < s.Lower).ToList();
            if (belowMinimum.Count == 0) break;
            var drop = belowMinimum.OrderBy(s => s.Weight).ThenByDescending(states.IndexOf).First();
            drop.Eligible = false;
            drop.Reason = $"its part of {Eth(drop.Amount)} would be below its minimum of {Eth(drop.Lower)}";
        }

        var totalWeight = states.Where(s => s.Eligible).Aggregate(BigInteger.Zero, (sum, s) => sum + s.Weight);
        var allocations = new List<ProviderAllocation>(states.Count);
        foreach (var s in states)
        {
            decimal? before = s.Staked is { } staked && !distribution.TotalStakedWei.IsZero ? Fraction.ToDecimal(staked, distribution.TotalStakedWei) : null;
            decimal? after = s.Staked is { } staked2 ? Fraction.ToDecimal(staked2 + s.Amount, finalTotal) : null;
            allocations.Add(new ProviderAllocation(s.Candidate.Protocol, s.Amount, before, after, Explain(s, before, after, maxShare, totalWeight), s.Candidate.Operator));
        }

        var funded = allocations.Count(a => !a.Amount.IsZero);
        var explanation = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"Split {Eth(amount)} across {funded} of {candidates.Count} protocols, decentralization first, then credibility: no protocol ends above {Pct(maxShare)} of staked ETH ({Eth(finalTotal)} after this stake), and each gets a part proportional to its room below that line times its credibility."),
        };
        explanation.AddRange(allocations.Select(a => $"{a.Label}: {a.Reason}"));
        if (!unallocated.IsZero)
            explanation.Add($"Unallocated: {Eth(unallocated)}, because every eligible protocol reached its cap or limit.");
        return new AllocationPlan(amount, maxShare, allocations, unallocated, explanation);
    }

    /// <summary>Water-fills <paramref name="amount"/> over the eligible states by weight, fixing any state that hits its upper bound; returns what is left.</summary>
    private static BigInteger Fill(List<State> states, BigInteger amount)
    {
        foreach (var s in states)
        {
            s.Amount = BigInteger.Zero;
            s.Capped = false;
        }
        var active = states.Where(s => s.Eligible).ToList();
        var remaining = amount;
        while (active.Count > 0 && !remaining.IsZero)
        {
            var totalWeight = active.Aggregate(BigInteger.Zero, (sum, s) => sum + s.Weight);
            var parts = active.Select(s => remaining * s.Weight / totalWeight).ToArray();
            var dust = remaining - parts.Aggregate(BigInteger.Zero, (sum, p) => sum + p);
            for (int i = 0; !dust.IsZero; i = (i + 1) % parts.Length)
            {
                parts[i] += 1; // active keeps the ranking order, so the dust goes to the least concentrated first
                dust -= 1;
            }
            var over = active.Where((s, i) => parts[i] > s.Upper).ToList();
            if (over.Count == 0)
            {
                for (int i = 0; i < active.Count; i++) active[i].Amount = parts[i];
                return BigInteger.Zero;
            }
            foreach (var s in over)
            {
                s.Amount = s.Upper;
                s.Capped = true;
                remaining -= s.Upper;
                active.Remove(s);
            }
        }
        return remaining;
    }

    private static State BuildState(AllocationCandidate candidate, StakeDistribution distribution, BigInteger capWei, BigInteger credibilityScale)
    {
        var state = new State(candidate)
        {
            Staked = candidate.Operator is not null ? candidate.OperatorStakedWei
                : distribution.StakedWei.TryGetValue(candidate.Protocol, out var staked) ? staked : null,
            Lower = BigInteger.Max(BigInteger.One, candidate.Minimum ?? BigInteger.One),
        };
        if (candidate.ExcludedReason is { } reason) return state.Exclude(reason);
        if (state.Staked is null) return state.Exclude("its share of staked ETH is unknown, so the cap cannot be checked");
        if (candidate.Credibility == 0m) return state.Exclude("its credibility weight is 0");

        var headroom = capWei - state.Staked.Value;
        if (headroom.Sign <= 0) return state.Exclude("it is already at or above the cap");
        state.Upper = headroom;
        state.UpperReason = "the concentration cap";
        if (candidate.Maximum is { } max && max < state.Upper)
        {
            state.Upper = max;
            state.UpperReason = "the caller's maximum";
        }
        if (candidate.ProtocolMaximum is { } protocolMax && protocolMax < state.Upper)
        {
            state.Upper = protocolMax;
            state.UpperReason = "the protocol's current limit";
        }
        if (state.Upper < state.Lower)
            return state.Exclude($"it can take at most {Eth(BigInteger.Max(state.Upper, BigInteger.Zero))} ({state.UpperReason}) but its minimum is {Eth(state.Lower)}");

        var (credNum, credDen) = Fraction.FromDecimal(candidate.Credibility);
        state.Weight = headroom * credNum * (credibilityScale / credDen);
        state.Headroom = headroom;
        state.Eligible = true;
        return state;
    }

    private static string Explain(State s, decimal? before, decimal? after, decimal maxShare, BigInteger totalWeight)
    {
        var shareText = before is { } b ? $"{Pct(b)} of staked ETH" : "share unknown";
        if (!s.Eligible) return $"{Eth(BigInteger.Zero)}: left out because {s.Reason} ({shareText}).";
        var weightShare = totalWeight.IsZero ? 0m : Fraction.ToDecimal(s.Weight, totalWeight);
        var cred = s.Candidate.Credibility.ToString("0.###", CultureInfo.InvariantCulture);
        var core = $"{Eth(s.Amount)}: {shareText}, {Eth(s.Headroom)} of room below the {Pct(maxShare)} line, credibility {cred}, so {Pct(weightShare)} of the weight";
        var capped = s.Capped ? $"; capped by {s.UpperReason} at {Eth(s.Upper)}" : string.Empty;
        var afterText = after is { } a ? $"; {Pct(a)} of staked ETH afterwards" : string.Empty;
        return core + capped + afterText + ".";
    }

    private static string Eth(BigInteger wei) => $"{EthUnits.FormatUnits(wei, 18)} ETH";

    private static string Pct(decimal fraction) => (fraction * 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static BigInteger? Max(BigInteger? a, BigInteger? b) => a is null ? b : b is null ? a : BigInteger.Max(a.Value, b.Value);

    private sealed class State(AllocationCandidate candidate)
    {
        public AllocationCandidate Candidate { get; } = candidate;
        public BigInteger? Staked { get; set; }
        public BigInteger Lower { get; set; } = BigInteger.One;
        public BigInteger Upper { get; set; }
        public string UpperReason { get; set; } = string.Empty;
        public BigInteger Headroom { get; set; }
        public BigInteger Weight { get; set; }
        public bool Eligible { get; set; }
        public string Reason { get; set; } = string.Empty;
        public BigInteger Amount { get; set; }
        public bool Capped { get; set; }

        public State Exclude(string reason)
        {
            Eligible = false;
            Reason = reason;
            return this;
        }
    }
}
