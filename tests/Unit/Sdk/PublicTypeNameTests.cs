using System.Reflection;
using LiquidStake.Ethereum;
using LiquidStake.Sdk;
using LiquidStake.Testing;

namespace LiquidStake.UnitTests.Sdk;

// Cross-protocol code catches and names types without namespace qualifiers, so a public simple name stands for one
// type across the shipped libraries (generated ABI wrappers aside).
public class PublicTypeNameTests
{
    private static readonly Assembly[] Shipped =
    [
        typeof(Address).Assembly,
        typeof(IStakingProvider).Assembly,
        typeof(Microsoft.Extensions.DependencyInjection.LiquidStakeServiceCollectionExtensions).Assembly,
        typeof(DevnetNode).Assembly,
    ];

    [Fact]
    public void Every_public_type_name_is_unique_across_the_shipped_assemblies()
    {
        var clashes = Shipped.SelectMany(a => a.GetExportedTypes())
            .Where(t => !t.IsNested)
            // Generated ABI types (events, errors, structs) live in one namespace per protocol's ABIs by design: the
            // same event (Transfer, Paused) appears in several protocols' contracts with its own decoder.
            .Where(t => t.Namespace?.StartsWith("LiquidStake.Sdk.Contracts", StringComparison.Ordinal) != true)
            .GroupBy(t => t.Name, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(t => t.FullName))}")
            .ToArray();
        Assert.True(clashes.Length == 0, string.Join(Environment.NewLine, clashes));
    }
}
