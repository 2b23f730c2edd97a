namespace LiquidStake.PackagingTests;

/// <summary>Every package that src/ ships carries what a user publishing it needs: license, readme, URLs, symbols, docs.</summary>
public sealed class NuspecMetadataTests
{
    public static TheoryData<string, string> Libraries => new()
    {
        { "LiquidStake.Ethereum", "LiquidStake.Ethereum" },
        { "LiquidStake.Sdk", "LiquidStake.Sdk" },
        { "LiquidStake.Sdk.Extensions.DependencyInjection", "LiquidStake.Sdk.Extensions.DependencyInjection" },
        { "LiquidStake.Sdk.Storage", "LiquidStake.Sdk.Storage" },
        { "LiquidStake.Sdk.Storage.Sqlite", "LiquidStake.Sdk.Storage.Sqlite" },
        { "LiquidStake.Sdk.Storage.PostgreSql", "LiquidStake.Sdk.Storage.PostgreSql" },
        { "LiquidStake.Sdk.Hosting", "LiquidStake.Sdk.Hosting" },
        { "LiquidStake.Testing", "LiquidStake.Testing" },
    };

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Library_package_has_the_metadata_a_user_publishes_with(string id, string assembly)
    {
        var (metadata, entries) = PackageFeed.Read(id);

        Assert.Equal(id, metadata.Child("id")?.Value);
        Assert.Equal(PackageFeed.Version, metadata.Child("version")?.Value);
        Assert.False(string.IsNullOrWhiteSpace(metadata.Child("description")?.Value), "no description");
        Assert.False(string.IsNullOrWhiteSpace(metadata.Child("authors")?.Value), "no authors");
        Assert.Contains("ethereum", (metadata.Child("tags")?.Value ?? "").Split(' '));

        var license = metadata.Child("license");
        Assert.NotNull(license);
        Assert.Equal("expression", license.Attribute("type")?.Value);
        Assert.Equal("MIT", license.Value);

        Assert.Equal("README.md", metadata.Child("readme")?.Value);
        Assert.Contains("README.md", entries);

        Assert.StartsWith("https://", metadata.Child("projectUrl")?.Value ?? "", StringComparison.Ordinal);
        var repository = metadata.Child("repository");
        Assert.NotNull(repository);
        Assert.Equal("git", repository.Attribute("type")?.Value);
        Assert.StartsWith("https://", repository.Attribute("url")?.Value ?? "", StringComparison.Ordinal);
        // The commit the package was built from (git's HEAD through the SDK's source control support).
        Assert.Matches("^[0-9a-f]{40}$", repository.Attribute("commit")?.Value ?? "");

        // The assembly with its XML docs (CS1591 is an error in libraries, so they are complete).
        Assert.Contains($"lib/net10.0/{assembly}.dll", entries);
        Assert.Contains($"lib/net10.0/{assembly}.xml", entries);

        Assert.Contains($"lib/net10.0/{assembly}.pdb", PackageFeed.SymbolEntries(id));
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Library_package_depends_on_its_siblings_at_the_same_version_and_never_on_the_generator(string id, string assembly)
    {
        _ = assembly;
        var (metadata, _) = PackageFeed.Read(id);
        var dependencies = metadata.Child("dependencies")?.Descendants().Where(e => e.Name.LocalName == "dependency").ToList() ?? [];
        Assert.DoesNotContain(dependencies, d => d.Attribute("id")?.Value == "LiquidStake.Generators");
        foreach (var sibling in dependencies.Where(d => (d.Attribute("id")?.Value ?? "").StartsWith("LiquidStake.", StringComparison.Ordinal)))
            Assert.Equal(PackageFeed.Version, sibling.Attribute("version")?.Value);
    }

    [Fact]
    public void Sdk_package_depends_on_the_ethereum_core()
    {
        var (metadata, _) = PackageFeed.Read("LiquidStake.Sdk");
        var ids = metadata.Descendants().Where(e => e.Name.LocalName == "dependency").Select(d => d.Attribute("id")?.Value).ToList();
        Assert.Contains("LiquidStake.Ethereum", ids);
    }
}
