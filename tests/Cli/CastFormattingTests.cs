using System.Numerics;
using LiquidStake.Cli.Abi;
using LiquidStake.Cli.Infrastructure;

namespace LiquidStake.UnitTests.Cli;

public sealed class CastFormattingTests
{
    [Theory]
    [InlineData("10000", "1e4")]
    [InlineData("10001", "1e4")]
    [InlineData("12345", "1.234e4")]
    [InlineData("99999", "9.999e4")]
    [InlineData("1500000000000000000", "1.5e18")]
    [InlineData("-123456", "-1.234e5")]
    public void Scientific_hint_truncates_to_four_digits(string number, string expected) =>
        Assert.Equal(expected, CastFormatter.Scientific(BigInteger.Parse(number, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("1000", "1000")]
    [InlineData("0x3e8", "1000")]
    [InlineData("0b101", "5")]
    [InlineData("0o17", "15")]
    [InlineData("1e18", "1000000000000000000")]
    [InlineData("1.5e3", "1500")]
    [InlineData("1.5gwei", "1500000000")]
    [InlineData("10 gwei", "10000000000")]
    [InlineData("0.01ether", "10000000000000000")]
    [InlineData("-1ether", "-1000000000000000000")]
    [InlineData("2wei", "2")]
    public void Numbers_parse_like_cast(string text, string expected) =>
        Assert.Equal(BigInteger.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), CastNumber.Parse(text));

    [Theory]
    [InlineData("1.5")]
    [InlineData("1e-1")]
    [InlineData("1ETHER")]
    [InlineData("1_000")]
    [InlineData(" 5")]
    [InlineData("0xg")]
    [InlineData("")]
    public void Bad_numbers_are_usage_errors(string text) =>
        Assert.Throws<CliUsageException>(() => CastNumber.Parse(text));

    [Fact]
    public void Negative_numbers_are_refused_where_not_allowed() =>
        Assert.Throws<CliUsageException>(() => CastNumber.Parse("-1", allowNegative: false));

    [Theory]
    [InlineData("transfer(address,uint256)", "transfer(address,uint256)")]
    [InlineData("function transfer(address to, uint256 amount) external returns (bool)", "transfer(address,uint256)")]
    [InlineData("event Transfer(address indexed from, address indexed to, uint256 value)", "Transfer(address,address,uint256)")]
    [InlineData("f(tuple(uint a, string b)[] xs, uint[2] memory y)", "f((uint256,string)[],uint256[2])")]
    public void Signatures_normalise_to_canonical(string text, string canonical) =>
        Assert.Equal(canonical, ParsedSignature.Parse(text).Canonical);

    [Fact]
    public void Output_types_are_read_from_the_second_parenthesis()
    {
        var parsed = ParsedSignature.Parse("balanceOf(address)(uint256,bool)");
        Assert.Equal(["uint256", "bool"], parsed.Outputs.Select(t => t.CanonicalName));
    }

    [Theory]
    [InlineData("foo")]
    [InlineData("f(uint256")]
    [InlineData("f(uint7)")]
    [InlineData("(uint256)")]
    public void Bad_signatures_are_usage_errors(string text) =>
        Assert.Throws<CliUsageException>(() => ParsedSignature.Parse(text));
}
