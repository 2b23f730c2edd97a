using System.Globalization;
using System.Numerics;
using LiquidStake.Cli.Infrastructure;

namespace LiquidStake.UnitTests.Cli;

public sealed class EtherDisplayTests
{
    [Theory]
    [InlineData("0", "0 ETH")]
    [InlineData("1", "1 wei")]
    [InlineData("999999999", "999999999 wei")]
    [InlineData("1000000000", "1 gwei")]
    [InlineData("1500000000", "1.5 gwei")]
    [InlineData("999999999999999", "999999.999999999 gwei")]
    [InlineData("1000000000000000", "0.001 ETH")]
    [InlineData("1500000000000000000", "1.5 ETH")]
    [InlineData("1000000000000000000000000000000", "1000000000000 ETH")]
    [InlineData("-1", "-1 wei")]
    public void Auto_picks_the_unit_that_reads_best(string wei, string expected) =>
        Assert.Equal(expected, EtherDisplay.Format(BigInteger.Parse(wei, CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("1", EtherUnit.Ether, "0.000000000000000001 ETH")]
    [InlineData("1", EtherUnit.Gwei, "0.000000001 gwei")]
    [InlineData("1500000000000000000", EtherUnit.Wei, "1500000000000000000 wei")]
    [InlineData("1500000000000000000", EtherUnit.Gwei, "1500000000 gwei")]
    [InlineData("1000000000", EtherUnit.Ether, "0.000000001 ETH")]
    [InlineData("1000000000000000000000000000000", EtherUnit.Wei, "1000000000000000000000000000000 wei")]
    public void A_forced_unit_is_used_exactly(string wei, EtherUnit unit, string expected) =>
        Assert.Equal(expected, EtherDisplay.Format(BigInteger.Parse(wei, CultureInfo.InvariantCulture), unit));

    [Theory]
    [InlineData(null, EtherUnit.Auto)]
    [InlineData("auto", EtherUnit.Auto)]
    [InlineData("WEI", EtherUnit.Wei)]
    [InlineData("gwei", EtherUnit.Gwei)]
    [InlineData("ether", EtherUnit.Ether)]
    [InlineData("eth", EtherUnit.Ether)]
    [InlineData("finney", null)]
    public void Units_option_values_parse(string? text, EtherUnit? expected) =>
        Assert.Equal(expected, EtherDisplay.Parse(text));

    [Fact]
    public async Task An_unknown_units_value_is_a_usage_error()
    {
        var run = await CliHarness.RunAsync("positions", "--units", "finney");
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("finney", run.Stderr, StringComparison.Ordinal);
    }
}
