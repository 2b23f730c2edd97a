using System.Numerics;
using LiquidStake.Sdk;

namespace LiquidStake.UnitTests.Sdk;

public class RateGrowthAprTests
{
    private static readonly BigInteger E18 = BigInteger.Pow(10, 18);

    [Fact]
    public void One_percent_a_day_over_a_day_is_365_percent()
    {
        Assert.Equal(365m, RateGrowthApr.Percent(100 * E18, E18, 101 * E18, E18, 86_400));
        Assert.Equal(-365m, RateGrowthApr.Percent(100 * E18, E18, 99 * E18, E18, 86_400));
    }

    [Fact]
    public void Shares_change_with_ether_so_only_the_rate_counts()
    {
        // Rate 1.1 → 1.1 with twice the supply: no growth.
        Assert.Equal(0m, RateGrowthApr.Percent(110 * E18, 100 * E18, 220 * E18, 200 * E18, 86_400));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(18)]
    public void Truncates_toward_zero_at_the_requested_decimals(int decimals)
    {
        // 1 wei of growth on 3 ETH over 7 days: tiny, with a long expansion.
        var apr = RateGrowthApr.Percent(3 * E18, E18, 3 * E18 + 1, E18, 7 * 86_400, decimals);
        var exact = (decimal)(BigInteger.One * 31_536_000 * 100 * BigInteger.Pow(10, decimals) / (3 * E18 * 7 * 86_400)) / (decimal)BigInteger.Pow(10, decimals);
        Assert.Equal(exact, apr);
        Assert.True(apr >= 0m);
    }

    [Fact]
    public void Matches_annualising_by_hand_over_random_observations()
    {
        var random = new Random(7);
        for (int i = 0; i < 500; i++)
        {
            var s1 = E18 * random.Next(1, 1_000_000) + random.Next();
            var e1 = s1 + s1 * random.Next(0, 200) / 1000;
            var s2 = s1 + E18 * random.Next(0, 1000);
            var e2 = e1 * s2 / s1 + E18 * random.Next(-5, 50) / 1000;
            var seconds = random.Next(1, 30 * 86_400);
            // (rate2/rate1 - 1) * year / seconds * 100 with the rates as fractions: cross-multiplied, floored at 1e-12.
            var expected = (decimal)((e2 * s1 - e1 * s2) * 31_536_000 * 100 * BigInteger.Pow(10, 12) / (e1 * s2 * seconds)) / 1_000_000_000_000m;
            Assert.Equal(expected, RateGrowthApr.Percent(e1, s1, e2, s2, seconds, 12));
        }
    }

    [Fact]
    public void Zero_time_zero_totals_and_bad_decimals_are_typed_errors()
    {
        Assert.Equal("seconds", Assert.Throws<LiquidStakeArgumentException>(() => RateGrowthApr.Percent(E18, E18, E18, E18, 0)).ParamName);
        Assert.Throws<LiquidStakeArgumentException>(() => RateGrowthApr.Percent(0, E18, E18, E18, 1));
        Assert.Throws<LiquidStakeArgumentException>(() => RateGrowthApr.Percent(E18, E18, E18, 0, 1));
        Assert.Equal("decimals", Assert.Throws<LiquidStakeArgumentException>(() => RateGrowthApr.Percent(E18, E18, E18, E18, 1, 19)).ParamName);
    }
}
