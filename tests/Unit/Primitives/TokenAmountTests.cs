using System.Numerics;
using LiquidStake.Ethereum;

namespace LiquidStake.UnitTests.Primitives;

public class TokenAmountTests
{
    [Fact]
    public void Formats_with_the_symbol()
    {
        Assert.Equal("1.5 stETH", new TokenAmount(1_500_000_000_000_000_000, 18, "stETH").ToString());
        Assert.Equal("0 rETH", TokenAmount.Zero(18, "rETH").ToString());
        Assert.Equal("0.000001 USDC", new TokenAmount(1, 6, "USDC").ToString());
        Assert.Equal("2 ETH", TokenAmount.Ether(2_000_000_000_000_000_000).ToString());
        Assert.Equal("1.5", new TokenAmount(1_500_000_000_000_000_000, 18, "stETH").ToDecimalString());
    }

    [Fact]
    public void Parses_with_or_without_the_symbol()
    {
        var expected = new TokenAmount(1_500_000_000_000_000_000, 18, "stETH");
        Assert.Equal(expected, TokenAmount.Parse("1.5 stETH", 18, "stETH"));
        Assert.Equal(expected, TokenAmount.Parse("1.5", 18, "stETH"));
        Assert.Throws<LiquidStakeArgumentException>(() => TokenAmount.Parse("1.5 rETH", 18, "stETH"));
        Assert.Throws<LiquidStakeArgumentException>(() => TokenAmount.Parse("1.5e3 stETH", 18, "stETH"));
    }

    [Fact]
    public void Arithmetic_and_comparison_only_between_the_same_token()
    {
        var a = new TokenAmount(3, 18, "stETH");
        var b = new TokenAmount(2, 18, "stETH");
        Assert.Equal(new TokenAmount(5, 18, "stETH"), a + b);
        Assert.Equal(new TokenAmount(1, 18, "stETH"), a - b);
        Assert.True(a > b);
        Assert.True(b <= a);
        Assert.Equal(new BigInteger(-1), (b - a).Raw);
        var other = new TokenAmount(2, 18, "rETH");
        Assert.Throws<LiquidStakeArgumentException>(() => a + other);
        Assert.Throws<LiquidStakeArgumentException>(() => a - new TokenAmount(2, 6, "stETH"));
        Assert.Throws<LiquidStakeArgumentException>(() => a < other);
    }
}
