using Xunit.Abstractions;

namespace LiquidStake.UnitTests.Generators;

public sealed class AbiFilesTests(ITestOutputHelper output)
{
    [Fact]
    public void Protocol_abis_are_exact_copies_of_the_shared_spec()
    {
        string shared = Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "abis"));
        if (!Directory.Exists(shared))
        {
            output.WriteLine("SKIPPED: " + shared + " is absent, so the copies cannot be compared.");
            return;
        }

        string abis = Path.Combine(RepoPaths.Root, "src", "Abis");
        var sharedFiles = Directory.GetFiles(shared, "*.json", SearchOption.AllDirectories)
            .ToDictionary(p => Path.GetRelativePath(shared, p).Replace('\\', '/').ToUpperInvariant(), p => p);
        int compared = 0;
        foreach (var file in Directory.GetFiles(abis, "*.json", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(abis, file).Replace('\\', '/').ToUpperInvariant();
            if (sharedFiles.TryGetValue(relative, out var original))
            {
                Assert.True(File.ReadAllBytes(original).AsSpan().SequenceEqual(File.ReadAllBytes(file)), relative + " differs from " + original);
                compared++;
            }
        }

        // Every shared ABI except the superseded lido/v3.0.2 implementation is carried.
        int expected = sharedFiles.Keys.Count(k => !k.StartsWith("LIDO/V3.0.2/", StringComparison.Ordinal));
        Assert.Equal(expected, compared);
        Assert.Equal(31, compared);
    }
}
