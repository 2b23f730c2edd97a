using System.Numerics;
using CsCheck;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Services;

namespace LiquidStake.UnitTests.Sdk.Services;

public class AllocationPlannerTests
{
    private static readonly BigInteger Eth = FakeProvider.OneEth;
    private static readonly ProtocolId A = new("a"), B = new("b"), C = new("c");

    private static StakeDistribution Distribution(BigInteger total, params (ProtocolId Id, BigInteger Staked)[] staked) =>
        new(total, staked.ToDictionary(s => s.Id, s => s.Staked));

    private static BigInteger Sum(AllocationPlan plan) => plan.Allocations.Aggregate(BigInteger.Zero, (s, a) => s + a.Amount);

    [Fact]
    public void Never_pushes_a_protocol_above_the_cap_and_reports_what_is_left()
    {
        var distribution = Distribution(1000 * Eth, (ProtocolId.Lido, 320 * Eth), (ProtocolId.RocketPool, 20 * Eth), (ProtocolId.EtherFi, 60 * Eth));
        AllocationCandidate[] candidates =
        [
            new(ProtocolId.Lido),
            new(ProtocolId.RocketPool, Maximum: 10 * Eth),
            new(ProtocolId.EtherFi, ExcludedReason: "excluded by the caller"),
        ];

        var plan = AllocationPlanner.Allocate(100 * Eth, candidates, distribution);

        // After staking, 1100 ETH are staked; 33 % of that is 363 ETH, so Lido (320) can take 43 ETH and no more.
        Assert.Equal(43 * Eth, plan.AmountFor(ProtocolId.Lido));
        Assert.Equal(10 * Eth, plan.AmountFor(ProtocolId.RocketPool));
        Assert.Equal(BigInteger.Zero, plan.AmountFor(ProtocolId.EtherFi));
        Assert.Equal(47 * Eth, plan.Unallocated);
        Assert.False(plan.IsComplete);
        Assert.Equal(100 * Eth, Sum(plan) + plan.Unallocated);
        Assert.Equal(0.33m, plan.Allocations.Single(a => a.Protocol == ProtocolId.Lido).ShareAfter);
        Assert.Contains("capped by the concentration cap at 43 ETH", plan.Allocations.Single(a => a.Protocol == ProtocolId.Lido).Reason, StringComparison.Ordinal);
        Assert.Contains("capped by the caller's maximum at 10 ETH", plan.Allocations.Single(a => a.Protocol == ProtocolId.RocketPool).Reason, StringComparison.Ordinal);
        Assert.Contains("left out because excluded by the caller", plan.Allocations.Single(a => a.Protocol == ProtocolId.EtherFi).Reason, StringComparison.Ordinal);
        Assert.Equal("Unallocated: 47 ETH, because every eligible protocol reached its cap or limit.", plan.Explanation[^1]);
        // Least concentrated first.
        Assert.Equal([ProtocolId.RocketPool, ProtocolId.EtherFi, ProtocolId.Lido], plan.Allocations.Select(a => a.Protocol));
    }

    [Fact]
    public void A_protocol_already_above_the_cap_gets_nothing()
    {
        var distribution = Distribution(1000 * Eth, (ProtocolId.Lido, 340 * Eth), (ProtocolId.RocketPool, 20 * Eth));
        var plan = AllocationPlanner.Allocate(10 * Eth, [new(ProtocolId.Lido), new(ProtocolId.RocketPool)], distribution);
        Assert.Equal(BigInteger.Zero, plan.AmountFor(ProtocolId.Lido));
        Assert.Equal(10 * Eth, plan.AmountFor(ProtocolId.RocketPool));
        Assert.Equal("0 ETH: left out because it is already at or above the cap (34% of staked ETH).", plan.Allocations.Single(a => a.Protocol == ProtocolId.Lido).Reason);
        Assert.True(plan.IsComplete);
    }

    [Fact]
    public void Credibility_scales_the_split_and_the_explanation_is_exact()
    {
        var distribution = Distribution(1000 * Eth, (A, 100 * Eth), (B, 100 * Eth));
        var plan = AllocationPlanner.Allocate(30 * Eth, [new(A, 2m), new(B, 1.0m)], distribution);

        Assert.Equal(20 * Eth, plan.AmountFor(A));
        Assert.Equal(10 * Eth, plan.AmountFor(B));
        Assert.Equal(
        [
            "Split 30 ETH across 2 of 2 protocols, decentralization first, then credibility: no protocol ends above 33% of staked ETH (1030 ETH after this stake), and each gets a part proportional to its room below that line times its credibility.",
            "a: 20 ETH: 10% of staked ETH, 239.9 ETH of room below the 33% line, credibility 2, so 66.67% of the weight; 11.65% of staked ETH afterwards.",
            "b: 10 ETH: 10% of staked ETH, 239.9 ETH of room below the 33% line, credibility 1, so 33.33% of the weight; 10.68% of staked ETH afterwards.",
        ], plan.Explanation);
    }

    [Fact]
    public void Plans_are_deterministic_whatever_the_candidate_order()
    {
        var distribution = Distribution(1000 * Eth, (A, 100 * Eth), (B, 100 * Eth), (C, 100 * Eth));
        var first = AllocationPlanner.Allocate(10, [new(A), new(B), new(C)], distribution);
        var second = AllocationPlanner.Allocate(10, [new(C), new(A), new(B)], distribution);

        // 10 wei over three equal protocols: 3 each, and the odd wei goes to the first in ranking order (ties by id).
        Assert.Equal([4, 3, 3], first.Allocations.Select(a => (int)a.Amount));
        Assert.Equal(first.Explanation, second.Explanation);
        Assert.Equal(first.Allocations, second.Allocations);
    }

    [Fact]
    public void A_part_below_its_minimum_is_dropped_and_redistributed()
    {
        var distribution = Distribution(1000 * Eth, (ProtocolId.Lido, 300 * Eth), (ProtocolId.RocketPool, 20 * Eth));
        var plan = AllocationPlanner.Allocate(Eth, [new(ProtocolId.Lido, Minimum: 5 * Eth), new(ProtocolId.RocketPool)], distribution);
        Assert.Equal(BigInteger.Zero, plan.AmountFor(ProtocolId.Lido));
        Assert.Equal(Eth, plan.AmountFor(ProtocolId.RocketPool));
        Assert.StartsWith("0 ETH: left out because its part of 0.0890", plan.Allocations.Single(a => a.Protocol == ProtocolId.Lido).Reason, StringComparison.Ordinal);
        Assert.Contains("would be below its minimum of 5 ETH", plan.Allocations.Single(a => a.Protocol == ProtocolId.Lido).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_shares_zero_credibility_and_bad_inputs()
    {
        var distribution = Distribution(1000 * Eth, (A, 100 * Eth), (B, 100 * Eth));
        var plan = AllocationPlanner.Allocate(Eth, [new(A), new(B, 0m), new(C)], distribution);
        Assert.Equal(Eth, plan.AmountFor(A));
        Assert.Contains("credibility weight is 0", plan.Allocations.Single(a => a.Protocol == B).Reason, StringComparison.Ordinal);
        Assert.Contains("share of staked ETH is unknown", plan.Allocations.Single(a => a.Protocol == C).Reason, StringComparison.Ordinal);

        Assert.Equal("maxShare", Assert.Throws<LiquidStakeArgumentException>(() => AllocationPlanner.Allocate(Eth, [new(A)], distribution, 1.5m)).ParamName);
        Assert.Equal("amount", Assert.Throws<LiquidStakeArgumentException>(() => AllocationPlanner.Allocate(BigInteger.Zero, [new(A)], distribution)).ParamName);
        Assert.Equal("candidates", Assert.Throws<LiquidStakeArgumentException>(() => AllocationPlanner.Allocate(Eth, [new(A), new(A)], distribution)).ParamName);
        Assert.Equal("candidates", Assert.Throws<LiquidStakeArgumentException>(() => AllocationPlanner.Allocate(Eth, [new(A, -1m)], distribution)).ParamName);
    }

    [Fact]
    public void FromShares_converts_exactly()
    {
        var d = StakeDistribution.FromShares(34_000_000 * Eth, new Dictionary<ProtocolId, decimal> { [ProtocolId.Lido] = 0.2415m });
        Assert.Equal(8_211_000 * Eth, d.StakedWei[ProtocolId.Lido]);
        Assert.Equal(0.2415m, d.ShareOf(ProtocolId.Lido));
        Assert.Null(d.ShareOf(ProtocolId.RocketPool));
        Assert.Throws<LiquidStakeArgumentException>(() => StakeDistribution.FromShares(Eth, new Dictionary<ProtocolId, decimal> { [ProtocolId.Lido] = 1.2m }));
    }

    [Fact]
    public async Task PlanAsync_applies_quote_pauses_limits_and_failures()
    {
        var lido = new FakeProvider("lido") { Paused = true };
        var rocket = new FakeProvider("rocketpool") { Maximum = 2 * Eth };
        var etherfi = new FakeProvider("etherfi");
        var broken = new FakeProvider("broken") { Failure = new InvalidOperationException("boom") };
        var planner = new AllocationPlanner([lido, rocket, etherfi, broken]);
        var distribution = Distribution(1000 * Eth, (ProtocolId.Lido, 250 * Eth), (ProtocolId.RocketPool, 20 * Eth), (ProtocolId.EtherFi, 60 * Eth), (new ProtocolId("broken"), 10 * Eth));

        var plan = await planner.PlanAsync(new AllocationRequest { Amount = 10 * Eth, Distribution = distribution });

        Assert.Equal(BigInteger.Zero, plan.AmountFor(ProtocolId.Lido));
        Assert.Contains("deposits are paused", plan.Allocations.Single(a => a.Protocol == ProtocolId.Lido).Reason, StringComparison.Ordinal);
        Assert.Contains("its quote failed (boom)", plan.Allocations.Single(a => a.Protocol.Value == "broken").Reason, StringComparison.Ordinal);
        Assert.Equal(2 * Eth, plan.AmountFor(ProtocolId.RocketPool));
        Assert.Contains("capped by the protocol's current limit at 2 ETH", plan.Allocations.Single(a => a.Protocol == ProtocolId.RocketPool).Reason, StringComparison.Ordinal);
        Assert.Equal(8 * Eth, plan.AmountFor(ProtocolId.EtherFi));
        Assert.True(plan.IsComplete);
        Assert.Equal(1, etherfi.QuoteCalls);
    }

    [Fact]
    public async Task PlanAsync_honours_exclusions_and_caller_limits_without_quoting_excluded_protocols()
    {
        var lido = new FakeProvider("lido");
        var rocket = new FakeProvider("rocketpool");
        var planner = new AllocationPlanner([lido, rocket], new FixedShares(Distribution(1000 * Eth, (ProtocolId.Lido, 250 * Eth), (ProtocolId.RocketPool, 20 * Eth))));

        var plan = await planner.PlanAsync(new AllocationRequest
        {
            Amount = 5 * Eth,
            Excluded = [ProtocolId.RocketPool],
            Limits = new Dictionary<ProtocolId, AllocationLimit> { [ProtocolId.Lido] = new(Maximum: 3 * Eth) },
        });

        Assert.Equal(0, rocket.QuoteCalls);
        Assert.Equal(3 * Eth, plan.AmountFor(ProtocolId.Lido));
        Assert.Equal(2 * Eth, plan.Unallocated);
        // Errors name the caller's argument (request) and the member of it that was refused.
        Assert.Equal("request.Distribution", (await Assert.ThrowsAsync<LiquidStakeArgumentException>(() => new AllocationPlanner([lido]).PlanAsync(new AllocationRequest { Amount = Eth }))).ParamName);
        Assert.Equal("request.Amount", (await Assert.ThrowsAsync<LiquidStakeArgumentException>(() => new AllocationPlanner([lido]).PlanAsync(new AllocationRequest { Amount = 0 }))).ParamName);
        var negative = new AllocationRequest { Amount = Eth, Credibility = new Dictionary<ProtocolId, decimal> { [ProtocolId.Lido] = -1m } };
        Assert.Equal("request.Credibility", (await Assert.ThrowsAsync<LiquidStakeArgumentException>(() => new AllocationPlanner([lido]).PlanAsync(negative))).ParamName);
    }

    [Fact]
    public void Property_parts_sum_to_the_amount_and_respect_cap_and_limits()
    {
        var gen = Gen.Select(Gen.Long[1, long.MaxValue], Gen.Int[1, 1_000_000], Gen.Int[0, 250].Array[4], Gen.Int[0, 4].Array[4], Gen.Int[0, 3].Array[4], Gen.Int[5, 60],
            (lo, mult, permille, cred, limits, capPct) => (Amount: new BigInteger(lo) * mult, Permille: permille, Cred: cred, Limits: limits, CapPct: capPct));
        gen.Sample(input =>
        {
            var total = 34_000_000 * Eth;
            var ids = new[] { A, B, C, new ProtocolId("d") };
            var distribution = new StakeDistribution(total, ids.Select((id, i) => (id, total * input.Permille[i] / 1000)).ToDictionary(x => x.id, x => x.Item2));
            var candidates = ids.Select((id, i) => new AllocationCandidate(id, input.Cred[i],
                Minimum: (input.Limits[i] & 1) != 0 ? input.Amount / 5 : null,
                Maximum: (input.Limits[i] & 2) != 0 ? input.Amount / 3 : null)).ToArray();
            var cap = input.CapPct / 100m;

            var plan = AllocationPlanner.Allocate(input.Amount, candidates, distribution, cap);

            Assert.Equal(input.Amount, Sum(plan) + plan.Unallocated);
            Assert.True(plan.Unallocated.Sign >= 0);
            var finalTotal = total + input.Amount;
            foreach (var (a, i) in plan.Allocations.Select(a => (a, Array.IndexOf(ids, a.Protocol))))
            {
                Assert.True(a.Amount.Sign >= 0);
                if (a.Amount.IsZero) continue;
                Assert.True((distribution.StakedWei[a.Protocol] + a.Amount) * 100 <= finalTotal * input.CapPct, $"{a.Protocol} above the cap");
                if (candidates[i].Minimum is { } min) Assert.True(a.Amount >= min);
                if (candidates[i].Maximum is { } max) Assert.True(a.Amount <= max);
                Assert.NotEqual(0, input.Cred[i]);
            }
        }, iter: 500);
    }

    private sealed class FixedShares(StakeDistribution distribution) : IStakeShareSource
    {
        public Task<StakeDistribution> GetDistributionAsync(CancellationToken cancellationToken = default) => Task.FromResult(distribution);
    }
}
