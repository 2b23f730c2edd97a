using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.UnitTests.Abi;

namespace LiquidStake.UnitTests.Primitives;

public class EthUnitsTests
{
    private static readonly BigInteger MaxUInt256 = (BigInteger.One << 256) - 1;

    [Theory]
    [InlineData("0", "0")]
    [InlineData("1", "1000000000000000000")]
    [InlineData("1.5", "1500000000000000000")]
    [InlineData("0.000000000000000001", "1")]
    [InlineData("1.", "1000000000000000000")]
    [InlineData(".5", "500000000000000000")]
    [InlineData("-1.5", "-1500000000000000000")]
    [InlineData("-0", "0")]
    [InlineData("000123.450", "123450000000000000000")]
    [InlineData("115792089237316195423570985008687907853269984665640564039457.584007913129639935", "115792089237316195423570985008687907853269984665640564039457584007913129639935")]
    public void ParseEther_is_exact(string text, string wei) =>
        Assert.Equal(BigInteger.Parse(wei, System.Globalization.CultureInfo.InvariantCulture), EthUnits.ParseEther(text));

    [Theory]
    [InlineData("1e18")]
    [InlineData("1E18")]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("-")]
    [InlineData("-.")]
    [InlineData("+1")]
    [InlineData("1.2.3")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1,000")]
    [InlineData("1_000")]
    [InlineData("0x10")]
    [InlineData("--1")]
    [InlineData("١")]
    [InlineData("NaN")]
    [InlineData("0.0000000000000000001")]
    [InlineData("1.0000000000000000000")]
    public void ParseEther_refuses_anything_but_plain_decimals(string text) =>
        Assert.Throws<LiquidStakeArgumentException>(() => EthUnits.ParseEther(text));

    [Fact]
    public void Too_many_fractional_digits_names_the_limit()
    {
        var e = Assert.Throws<LiquidStakeArgumentException>(() => EthUnits.ParseUnits("1.1234567", 6));
        Assert.Equal("text", e.ParamName);
        Assert.Equal("6 decimals", e.Limit);
        Assert.Equal(new BigInteger(1_123_456), EthUnits.ParseUnits("1.123456", 6));
        Assert.Equal(new BigInteger(12), EthUnits.ParseUnits("12", 0));
        Assert.Throws<LiquidStakeArgumentException>(() => EthUnits.ParseUnits("1.0", 0));
        Assert.Throws<LiquidStakeArgumentException>(() => EthUnits.ParseUnits("1", -1));
        Assert.Throws<LiquidStakeArgumentException>(() => EthUnits.ParseUnits(new string('9', 300), 18));
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("1", "0.000000000000000001")]
    [InlineData("1000000000000000000", "1")]
    [InlineData("1500000000000000000", "1.5")]
    [InlineData("-1500000000000000000", "-1.5")]
    [InlineData("-1", "-0.000000000000000001")]
    [InlineData("123456789000000000000000", "123456.789")]
    [InlineData("115792089237316195423570985008687907853269984665640564039457584007913129639935", "115792089237316195423570985008687907853269984665640564039457.584007913129639935")]
    public void FormatEther_is_exact_without_trailing_zeros(string wei, string text) =>
        Assert.Equal(text, EthUnits.FormatEther(BigInteger.Parse(wei, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Gwei_and_arbitrary_decimals()
    {
        Assert.Equal(new BigInteger(30_500_000_000), EthUnits.ParseGwei("30.5"));
        Assert.Equal("30.5", EthUnits.FormatGwei(30_500_000_000));
        Assert.Equal("0.000000001", EthUnits.FormatGwei(1));
        Assert.Equal("12", EthUnits.FormatUnits(12, 0));
        Assert.Equal("1.2", EthUnits.FormatUnits(12, 1));
        Assert.Equal("0.012", EthUnits.FormatUnits(12, 3));
        Assert.Equal(MaxUInt256, EthUnits.ParseUnits(EthUnits.FormatUnits(MaxUInt256, 77), 77));
    }

    [Fact]
    public void Matches_viem_formatUnits_and_parseUnits()
    {
        int count = 0;
        foreach (var v in AbiTestValues.Section("units"))
        {
            var raw = BigInteger.Parse(v.GetProperty("raw").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            int decimals = v.GetProperty("decimals").GetInt32();
            string text = v.GetProperty("text").GetString()!;
            Assert.Equal(text, EthUnits.FormatUnits(raw, decimals));
            Assert.Equal(raw, EthUnits.ParseUnits(text, decimals));
            count++;
        }
        Assert.True(count >= 50);
    }
}
