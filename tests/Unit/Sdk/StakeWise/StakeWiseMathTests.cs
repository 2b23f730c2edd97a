using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Protocols.StakeWise;
using LiquidStake.Sdk.Services;

namespace LiquidStake.UnitTests.Sdk.StakeWise;

public class StakeWiseMathTests
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);
    private static readonly Address Vault = Address.Parse("0xAFdbB97733E968BBf617BF52143ABcbdcD381cda");

    [Fact]
    public void Share_conversions_round_as_the_vault_does()
    {
        // 3 assets per 2 shares: convertToShares floors, a deposit mints rounded up.
        Assert.Equal(new BigInteger(6), StakeWiseMath.ConvertToShares(10, 15, 10));
        Assert.Equal(new BigInteger(7), StakeWiseMath.SharesForDeposit(10, 15, 10));
        Assert.Equal(new BigInteger(6), StakeWiseMath.SharesForDeposit(9, 15, 10));
        Assert.Equal(new BigInteger(10), StakeWiseMath.ConvertToAssets(7, 15, 10));
        // An empty vault is 1:1 both ways.
        Assert.Equal(new BigInteger(5), StakeWiseMath.SharesForDeposit(5, 0, 0));
        Assert.Equal(new BigInteger(5), StakeWiseMath.ConvertToAssets(5, 0, 0));
        Assert.Equal(BigInteger.Zero, StakeWiseMath.ConvertToShares(0, 15, 10));
    }

    [Fact]
    public void Max_osEth_and_health_follow_the_ltv_and_the_threshold()
    {
        // 100 ETH staked at 90 % LTV with osETH worth 1.05 ETH: floor(90e18 * 1e18 / 1.05e18).
        var max = StakeWiseMath.MaxOsTokenShares(100 * Ether, 900_000_000_000_000_000, 105 * Ether, 100 * Ether);
        Assert.Equal(90 * Ether * 100 / 105, max);
        // Health factor: 100 ETH * 92 % / 90 ETH minted = 1.0222… (1e18 scale, floor).
        Assert.Equal(100 * Ether * 920_000_000_000_000_000 / (90 * Ether), StakeWiseMath.HealthFactor(100 * Ether, 90 * Ether, 920_000_000_000_000_000));
        Assert.Null(StakeWiseMath.HealthFactor(100 * Ether, BigInteger.Zero, 920_000_000_000_000_000));
        Assert.Null(StakeWiseMath.HealthFactor(100 * Ether, Ether, ulong.MaxValue));
        var position = new StakeWiseOsTokenPosition(Vault, Vault, 100 * Ether, 100 * Ether, 50 * Ether, 52 * Ether, max,
            new StakeWiseOsTokenConfig(900_000_000_000_000_000, 920_000_000_000_000_000, 1_010_000_000_000_000_000));
        Assert.Equal(max - 50 * Ether, position.MintableShares);
        Assert.Equal(520_000_000_000_000_000, position.Ltv);
        Assert.False(position.Config.LiquidationDisabled);
    }

    [Fact]
    public void Max_exitable_shares_is_the_largest_exit_the_ltv_check_accepts()
    {
        BigInteger ta = 1000 * Ether + 12345, ts = 950 * Ether, osA = 105 * Ether + 7, osS = 100 * Ether, ltv = 900_000_000_000_000_000;
        var staked = 10 * Ether;
        var minted = StakeWiseMath.MaxOsTokenShares(StakeWiseMath.ConvertToAssets(4 * Ether, ta, ts), ltv, osA, osS);
        var exit = StakeWiseMath.MaxExitableShares(staked, minted, ltv, ta, ts, osA, osS);
        bool Fits(BigInteger remaining) => StakeWiseMath.MaxOsTokenShares(StakeWiseMath.ConvertToAssets(remaining, ta, ts), ltv, osA, osS) >= minted;
        Assert.True(Fits(staked - exit));
        Assert.False(Fits(staked - exit - 1));
        Assert.InRange(exit, 6 * Ether - Ether / 1000, 6 * Ether);
        Assert.Equal(staked, StakeWiseMath.MaxExitableShares(staked, BigInteger.Zero, ltv, ta, ts, osA, osS));
        // A dearer osETH (the rate projected an hour ahead) leaves less to exit.
        var projected = StakeWiseMath.ProjectOsTokenAssets(osA, 871_917_808, 3600);
        Assert.Equal(osA + osA * 871_917_808 * 3600 / Ether, projected);
        Assert.True(StakeWiseMath.MaxExitableShares(staked, minted, ltv, ta, ts, projected, osS) < exit);
        Assert.Equal(BigInteger.Zero, StakeWiseMath.MaxExitableShares(staked, 100 * Ether, ltv, ta, ts, osA, osS));
    }

    [Fact]
    public void Fee_shares_keep_the_fee_recipient_at_the_fee_assets()
    {
        // 1000 ETH / 1000 shares earn 10 ETH at a 10 % fee: 1 ETH of fee, minted as shares at the post-fee price.
        var fee = StakeWiseMath.FeeAssets(10 * Ether, 1000);
        Assert.Equal(Ether, fee);
        var shares = StakeWiseMath.FeeShares(fee, 1000 * Ether, 1010 * Ether);
        Assert.Equal(Ether * 1000 * Ether / (1009 * Ether), shares);
        Assert.InRange(StakeWiseMath.ConvertToAssets(shares, 1010 * Ether, 1000 * Ether + shares), fee - 1, fee);
        Assert.Equal(BigInteger.Zero, StakeWiseMath.FeeAssets(-5, 1000));
    }

    [Fact]
    public void Aprs_are_plain_arithmetic()
    {
        // Price 1.0 -> 1.01 over half a year is 2 % a year.
        Assert.Equal(2m, StakeWiseMath.SharePriceAprPercent(100 * Ether, 100 * Ether, 101 * Ether, 100 * Ether, 31_536_000 / 2));
        Assert.Throws<LiquidStakeException>(() => StakeWiseMath.SharePriceAprPercent(1, 1, 2, 1, 0));
        // 1e18 / 31536000 per second less a 5 % fee is 95 % a year.
        Assert.Equal(95m, StakeWiseMath.OsTokenAprPercent(Ether, 500) / 31_536_000m);
        // Rates weighted by how long each held: 10 for 100 s, then 40 for 50 s.
        Assert.Equal(new BigInteger(20), StakeWiseClient.TimeWeightedRate([(1000UL, new BigInteger(10)), (1100UL, new BigInteger(40))], 1150));
        Assert.Equal(new BigInteger(7), StakeWiseClient.TimeWeightedRate([(1000UL, new BigInteger(7))], 1000));
    }

    [Fact]
    public void Exit_tickets_round_trip_through_the_withdrawal_id()
    {
        var ticket = new StakeWiseExitTicket(Vault, (BigInteger.One << 200) + 17, 1_796_413_835);
        var id = ticket.ToWithdrawalId();
        Assert.Equal(ProtocolId.StakeWise, id.Protocol);
        Assert.Equal(ticket, StakeWiseExitTicket.FromWithdrawalId(id));
        Assert.Equal(ticket, StakeWiseExitTicket.FromWithdrawalId(WithdrawalId.Parse(id.ToString())));
        var other = Assert.Throws<LiquidStakeArgumentException>(() => StakeWiseExitTicket.FromWithdrawalId(WithdrawalId.ForRequest(ProtocolId.Lido, 5)));
        Assert.Equal("withdrawals", other.ParamName);
    }

    [Fact]
    public void Planner_counts_each_vault_on_its_own_so_a_stake_spreads_across_vaults()
    {
        var total = 10_000 * Ether;
        var distribution = new StakeDistribution(total, new Dictionary<ProtocolId, BigInteger> { [ProtocolId.Lido] = 3_000 * Ether });
        var vaultB = Address.Parse("0xA9C58De7ad240352D73575Cf611BC0971448479B");
        var genesis = Address.Parse("0xAC0F906E433d58FA868F936E8A43230473652885");
        AllocationCandidate[] candidates =
        [
            new(ProtocolId.Lido),
            new(ProtocolId.StakeWise, Operator: genesis, OperatorStakedWei: 3_200 * Ether),
            new(ProtocolId.StakeWise, Operator: Vault, OperatorStakedWei: 100 * Ether),
            new(ProtocolId.StakeWise, Operator: vaultB, OperatorStakedWei: 50 * Ether, ProtocolMaximum: 10 * Ether),
        ];

        var plan = AllocationPlanner.Allocate(300 * Ether, candidates, distribution);

        // Cap after staking: 33 % of 10300 = 3399 ETH. Genesis has 199 of room, vault A 3299, vault B is capped by its capacity.
        Assert.True(plan.IsComplete);
        Assert.Equal(10 * Ether, plan.Allocations.Single(a => a.Operator == vaultB).Amount);
        Assert.True(plan.Allocations.Single(a => a.Operator == Vault).Amount > plan.Allocations.Single(a => a.Operator == genesis).Amount);
        Assert.Equal(300 * Ether - plan.AmountFor(ProtocolId.Lido), plan.AmountFor(ProtocolId.StakeWise));
        Assert.Equal([vaultB, Vault, (Address?)null, genesis], plan.Allocations.Select(a => a.Operator));
        Assert.Contains(plan.Explanation, line => line.StartsWith($"stakewise vault {vaultB}: ", StringComparison.Ordinal));
        Assert.Throws<LiquidStakeArgumentException>(() => AllocationPlanner.Allocate(Ether, [candidates[1], candidates[1]], distribution));
    }
}
