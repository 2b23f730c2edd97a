using System.Numerics;
using LiquidStake.Sdk.Protocols.EtherFi;
using LiquidStake.Sdk.Protocols.RocketPool;

namespace LiquidStake.UnitTests.Sdk.Services;

/// <summary>The instant-redeem maxima are the largest amounts the contracts' floor conversions accept (checked by search).</summary>
public class ExitLimitMathTests
{
    public static TheoryData<long, long, long> Cases => new()
    {
        { 0, 100, 100 }, { 1, 100, 100 }, { 10, 107, 100 }, { 10, 100, 107 }, { 999, 1_093, 1_000 }, { 5, 3, 7 }, { 123_456, 987_654, 123_457 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rocket_pool_max_burnable_is_the_largest_covered_amount(long collateral, long totalEth, long rethSupply)
    {
        var max = RocketPoolClient.ComputeMaxBurnable(collateral, totalEth, rethSupply);

        var m = Assert.NotNull(max);
        Assert.True(RocketPoolClient.ComputeEthValue(m, totalEth, rethSupply) <= collateral);
        Assert.True(RocketPoolClient.ComputeEthValue(m + 1, totalEth, rethSupply) > collateral);
    }

    [Fact]
    public void Rocket_pool_max_burnable_edges()
    {
        Assert.Equal(new BigInteger(42), RocketPoolClient.ComputeMaxBurnable(42, 0, 0)); // S = 0: 1:1
        Assert.Null(RocketPoolClient.ComputeMaxBurnable(42, 0, 10)); // T = 0: every burn pays 0
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Ether_fi_max_shares_within_is_the_largest_amount_for_share_that_fits(long amount, long pooled, long shares)
    {
        var max = EtherFiMath.MaxSharesWithin(amount, pooled, shares);

        var m = Assert.NotNull(max);
        Assert.True(EtherFiMath.AmountForShare(m, pooled, shares) <= amount);
        Assert.True(EtherFiMath.AmountForShare(m + 1, pooled, shares) > amount);
    }

    [Fact]
    public void Ether_fi_max_shares_within_is_unbounded_for_an_empty_pool()
    {
        Assert.Null(EtherFiMath.MaxSharesWithin(10, 0, 5));
        Assert.Null(EtherFiMath.MaxSharesWithin(10, 5, 0));
    }
}
