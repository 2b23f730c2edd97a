using System.Globalization;
using System.Numerics;
using LiquidStake.Cli.Infrastructure;
using LiquidStake.Ethereum;
using LiquidStake.Sdk;

namespace LiquidStake.UnitTests.Cli;

/// <summary>Rates and APRs as people read them: rounded half away from zero (JSON keeps the exact values).</summary>
public sealed class DisplayRoundingTests
{
    private static readonly StakingToken s_rEth = new("rETH", "Rocket Pool ETH", Address.Parse("0xae78736Cd615f374D3085123A210448E74Fc6393"), 18, TokenAccounting.ExchangeRate);

    [Theory]
    [InlineData("1142636981234567890", "1 rETH = 1.142637 ETH")]
    [InlineData("1142636499999999999", "1 rETH = 1.142636 ETH")]
    [InlineData("1142636500000000000", "1 rETH = 1.142637 ETH")]
    [InlineData("1000000000000000000", "1 rETH = 1 ETH")]
    [InlineData("999999999999999999", "1 rETH = 1 ETH")]
    [InlineData("1", "1 rETH = 0 ETH")]
    public void Rates_show_six_decimals(string quotePerWholeBase, string expected)
    {
        var rate = new ExchangeRate(s_rEth, StakingToken.Eth, BigInteger.Parse(quotePerWholeBase, CultureInfo.InvariantCulture), BigInteger.Pow(10, 18));
        Assert.Equal(expected, DisplayRounding.Rate(rate));
    }

    [Theory]
    [InlineData("3.14159", "3.14 %")]
    [InlineData("2.715", "2.72 %")]
    [InlineData("2.7149999", "2.71 %")]
    [InlineData("0", "0.00 %")]
    [InlineData("-0.125", "-0.13 %")]
    [InlineData("12", "12.00 %")]
    public void Aprs_show_two_decimals(string percent, string expected) =>
        Assert.Equal(expected, DisplayRounding.Apr(decimal.Parse(percent, CultureInfo.InvariantCulture)));

    [Fact]
    public void Negative_amounts_round_away_from_zero() =>
        Assert.Equal("-1.5", DisplayRounding.RoundUnits(-1_499_999_999_999_999_999, 18, 6));

    [Fact]
    public void Fewer_decimals_than_shown_are_exact() =>
        Assert.Equal("1.23", DisplayRounding.RoundUnits(123, 2, 6));
}
