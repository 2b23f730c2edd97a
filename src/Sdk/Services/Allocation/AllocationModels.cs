using System.Numerics;
using LiquidStake.Ethereum;

namespace LiquidStake.Sdk.Services;

/// <summary>
/// How much ETH each protocol has staked, out of all staked ETH: the input of the concentration cap. Supplied by the
/// caller or by an <see cref="IStakeShareSource"/> (for example from a beacon-chain dashboard).
/// </summary>
/// <param name="TotalStakedWei">All ETH staked on the beacon chain, in wei.</param>
/// <param name="StakedWei">Per protocol, in wei. A protocol missing here has an unknown share and is not allocated to.</param>
/// <param name="AsOf">When the figures were taken, when known.</param>
/// <param name="Source">Where they come from, for the explanation.</param>
public sealed record StakeDistribution(BigInteger TotalStakedWei, IReadOnlyDictionary<ProtocolId, BigInteger> StakedWei, DateTimeOffset? AsOf = null, string? Source = null)
{
    /// <summary>Builds a distribution from shares (0.28 means 28 % of <paramref name="totalStakedWei"/>), rounding each protocol's wei down.</summary>
    public static StakeDistribution FromShares(BigInteger totalStakedWei, IReadOnlyDictionary<ProtocolId, decimal> shares, DateTimeOffset? asOf = null, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(shares);
        if (totalStakedWei.Sign < 0) throw new LiquidStakeArgumentException(nameof(totalStakedWei), "cannot be negative", ">= 0");
        var staked = new Dictionary<ProtocolId, BigInteger>(shares.Count);
        foreach (var (protocol, share) in shares)
        {
            if (share < 0m || share > 1m)
                throw new LiquidStakeArgumentException(nameof(shares), $"the share of '{protocol}' is {share}; shares are fractions of all staked ETH", "between 0 and 1");
            var (num, den) = Fraction.FromDecimal(share);
            staked[protocol] = totalStakedWei * num / den;
        }
        return new StakeDistribution(totalStakedWei, staked, asOf, source);
    }

    /// <summary>The protocol's share of all staked ETH now (0.25 = 25 %), or null when unknown.</summary>
    public decimal? ShareOf(ProtocolId protocol) =>
        StakedWei.TryGetValue(protocol, out var wei) && !TotalStakedWei.IsZero ? Fraction.ToDecimal(wei, TotalStakedWei) : null;
}

/// <summary>Supplies the current <see cref="StakeDistribution"/> (register one in DI to feed <see cref="AllocationPlanner"/>).</summary>
public interface IStakeShareSource
{
    /// <summary>The current distribution of staked ETH across protocols.</summary>
    Task<StakeDistribution> GetDistributionAsync(CancellationToken cancellationToken = default);
}

/// <summary>A caller's bounds for one protocol, in wei.</summary>
/// <param name="Minimum">Allocate nothing rather than less than this.</param>
/// <param name="Maximum">Never allocate more than this.</param>
public sealed record AllocationLimit(BigInteger? Minimum = null, BigInteger? Maximum = null);

/// <summary>What to split and under which rules.</summary>
public sealed record AllocationRequest
{
    /// <summary>The wei to split; positive.</summary>
    public required BigInteger Amount { get; init; }

    /// <summary>The protocols to consider; null for every registered provider that stakes ETH.</summary>
    public IReadOnlyCollection<ProtocolId>? Protocols { get; init; }

    /// <summary>Protocols never to allocate to.</summary>
    public IReadOnlyCollection<ProtocolId> Excluded { get; init; } = [];

    /// <summary>Per-protocol minimum and maximum.</summary>
    public IReadOnlyDictionary<ProtocolId, AllocationLimit> Limits { get; init; } = new Dictionary<ProtocolId, AllocationLimit>();

    /// <summary>Credibility weights (1 when missing; 0 excludes). They scale each protocol's room below the cap.</summary>
    public IReadOnlyDictionary<ProtocolId, decimal> Credibility { get; init; } = new Dictionary<ProtocolId, decimal>();

    /// <summary>No protocol may end above this share of all staked ETH (0.33 = the one-third danger line). Default 0.33.</summary>
    public decimal MaxShare { get; init; } = AllocationPlanner.DefaultMaxShare;

    /// <summary>The distribution to use; null asks the registered <see cref="IStakeShareSource"/>.</summary>
    public StakeDistribution? Distribution { get; init; }

    /// <summary>
    /// Whether a protocol whose stake sits with separate operators (<see cref="IOperatorStakeReader"/>, StakeWise vaults) is
    /// planned per operator, each counting on its own for concentration (the caller's limits and credibility for the protocol
    /// apply to each operator). Default true.
    /// </summary>
    public bool SplitOperators { get; init; } = true;

    /// <summary>Whether to quote each protocol for its minimum, stake limit and pause state. Default true.</summary>
    public bool UseQuotes { get; init; } = true;
}

/// <summary>One protocol as the pure allocation sees it.</summary>
/// <param name="Protocol">The protocol.</param>
/// <param name="Credibility">Its credibility weight (0 excludes it).</param>
/// <param name="Minimum">The smallest non-zero allocation (the larger of the caller's and the protocol's minimum).</param>
/// <param name="Maximum">The caller's maximum.</param>
/// <param name="ProtocolMaximum">The protocol's own limit right now (stake limit, capacity).</param>
/// <param name="ExcludedReason">Why it gets nothing regardless (excluded by the caller, paused, quote failed), or null.</param>
/// <param name="Operator">
/// For a protocol whose stake sits with separate operators (StakeWise vaults, <see cref="IOperatorStakeReader"/>): the
/// operator (vault) this candidate is; each counts on its own for concentration. Null for the protocol as a whole.
/// </param>
/// <param name="OperatorStakedWei">The operator's own staked ETH (used instead of the distribution's protocol figure when <paramref name="Operator"/> is set).</param>
public sealed record AllocationCandidate(ProtocolId Protocol, decimal Credibility = 1m, BigInteger? Minimum = null, BigInteger? Maximum = null, BigInteger? ProtocolMaximum = null, string? ExcludedReason = null,
    Address? Operator = null, BigInteger? OperatorStakedWei = null)
{
    /// <summary>"stakewise vault 0x…" for an operator candidate, else the protocol id.</summary>
    public string Label => Operator is { } op ? $"{Protocol} vault {op}" : Protocol.Value;
}

/// <summary>One protocol's part of an <see cref="AllocationPlan"/>.</summary>
/// <param name="Protocol">The protocol.</param>
/// <param name="Amount">The wei it receives (zero when it is left out).</param>
/// <param name="ShareBefore">Its share of staked ETH before (0.25 = 25 %), or null when unknown.</param>
/// <param name="ShareAfter">Its share once the whole amount is staked, or null when unknown.</param>
/// <param name="Reason">Why it receives this amount, in words.</param>
/// <param name="Operator">The operator (StakeWise vault) the amount goes to, when the protocol was split by operator.</param>
public sealed record ProviderAllocation(ProtocolId Protocol, BigInteger Amount, decimal? ShareBefore, decimal? ShareAfter, string Reason, Address? Operator = null)
{
    /// <summary>"stakewise vault 0x…" for an operator's part, else the protocol id.</summary>
    public string Label => Operator is { } op ? $"{Protocol} vault {op}" : Protocol.Value;
}

/// <summary>
/// How an amount is split across protocols and why. <see cref="Allocations"/> plus <see cref="Unallocated"/> always sum
/// to <see cref="Amount"/> exactly, in wei.
/// </summary>
/// <param name="Amount">The amount that was split.</param>
/// <param name="MaxShare">The concentration cap applied.</param>
/// <param name="Allocations">Every candidate, least concentrated first, including those left out (amount zero, with the reason).</param>
/// <param name="Unallocated">Wei no protocol could take within the cap and limits (zero when the plan is complete).</param>
/// <param name="Explanation">The reasoning, line by line.</param>
public sealed record AllocationPlan(BigInteger Amount, decimal MaxShare, IReadOnlyList<ProviderAllocation> Allocations, BigInteger Unallocated, IReadOnlyList<string> Explanation)
{
    /// <summary>True when the whole amount is allocated.</summary>
    public bool IsComplete => Unallocated.IsZero;

    /// <summary>Only the protocols that receive something.</summary>
    public IReadOnlyList<ProviderAllocation> Funded => Allocations.Where(a => !a.Amount.IsZero).ToArray();

    /// <summary>The amount for one protocol, summed over its operators when it was split (zero when none).</summary>
    public BigInteger AmountFor(ProtocolId protocol) => Allocations.Where(a => a.Protocol == protocol).Aggregate(BigInteger.Zero, (sum, a) => sum + a.Amount);

    /// <summary>The explanation as one text.</summary>
    public override string ToString() => string.Join(Environment.NewLine, Explanation);
}

/// <summary>Exact conversions between decimals and fractions of BigIntegers.</summary>
internal static class Fraction
{
    public static (BigInteger Numerator, BigInteger Denominator) FromDecimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = ((BigInteger)(uint)bits[2] << 64) | ((BigInteger)(uint)bits[1] << 32) | (uint)bits[0];
        int scale = (bits[3] >> 16) & 0xFF;
        return (bits[3] < 0 ? -mantissa : mantissa, BigInteger.Pow(10, scale));
    }

    /// <summary>numerator/denominator as a decimal with 12 fractional digits, rounded down.</summary>
    public static decimal ToDecimal(BigInteger numerator, BigInteger denominator)
    {
        var scaled = numerator * 1_000_000_000_000 / denominator;
        return (decimal)scaled / 1_000_000_000_000m;
    }
}
