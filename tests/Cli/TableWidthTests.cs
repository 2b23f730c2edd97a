using System.Numerics;
using LiquidStake.Cli.Commands;
using LiquidStake.Ethereum;
using LiquidStake.Sdk;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace LiquidStake.UnitTests.Cli;

/// <summary>Tables rendered on a console of a fixed width (an <see cref="IAnsiConsole"/> over a StringWriter).</summary>
public sealed class TableWidthTests
{
    private static readonly Address s_owner = Address.Parse(CliHarness.AnvilAddress0);
    private static readonly StakingToken s_stEth = new("stETH", "Liquid staked Ether 2.0", Address.Parse("0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84"), 18, TokenAccounting.Rebasing);

    private static string Render(IRenderable renderable, int width)
    {
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        console.Write(renderable);
        return writer.ToString();
    }

    private static Position[] Positions() =>
    [
        new(ProtocolId.Lido, s_owner, s_stEth, BigInteger.Parse("123456789012345678901234", System.Globalization.CultureInfo.InvariantCulture),
            BigInteger.Parse("98765432109876543210987", System.Globalization.CultureInfo.InvariantCulture),
            BigInteger.Parse("123456789012345678901234", System.Globalization.CultureInfo.InvariantCulture)),
    ];

    [Theory]
    [InlineData(80)]
    [InlineData(150)]
    public void Positions_with_owner_fit_the_terminal(int width)
    {
        string text = Render(StakingOutput.PositionsTable(Positions(), showOwner: true), width);
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.All(lines, line => Assert.True(line.Length <= width, $"{line.Length} > {width}: {line}"));
        Assert.Contains("stETH", text, StringComparison.Ordinal);
        // Wide enough, the owner address stays on one line where it can be copied; at 80 columns it wraps.
        Assert.Equal(width >= 150, text.Contains(s_owner.ToString(), StringComparison.Ordinal));
    }
}
