using System.IO.Compression;
using System.Xml.Linq;

namespace LiquidStake.PackagingTests;

/// <summary>The feed test.sh packs into: <c>LIQUIDSTAKE_PACKAGE_FEED</c> (folder) and <c>LIQUIDSTAKE_PACKAGE_VERSION</c>.</summary>
internal static class PackageFeed
{
    public const string FeedVariable = "LIQUIDSTAKE_PACKAGE_FEED";
    public const string VersionVariable = "LIQUIDSTAKE_PACKAGE_VERSION";

    public static string Folder => Environment.GetEnvironmentVariable(FeedVariable) is { Length: > 0 } folder
        ? folder
        : throw new InvalidOperationException($"{FeedVariable} is not set: these tests read the packages that test.sh packs (dotnet pack -o <feed> -p:Version=<version>).");

    public static string Version => Environment.GetEnvironmentVariable(VersionVariable) is { Length: > 0 } version
        ? version
        : throw new InvalidOperationException($"{VersionVariable} is not set: test.sh sets it to the version it packed with.");

    public static string PackagePath(string id, string extension = "nupkg")
    {
        string path = Path.Combine(Folder, $"{id}.{Version}.{extension}");
        Assert.True(File.Exists(path), $"{path} was not packed");
        return path;
    }

    /// <summary>The .nuspec of a package, its metadata element and the names of every file the package holds.</summary>
    public static (XElement Metadata, IReadOnlySet<string> Entries) Read(string id)
    {
        using var zip = ZipFile.OpenRead(PackagePath(id));
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        var nuspec = zip.Entries.Single(e => e.FullName == id + ".nuspec");
        using var stream = nuspec.Open();
        var document = XDocument.Load(stream);
        var metadata = document.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        return (metadata, entries);
    }

    public static IReadOnlySet<string> SymbolEntries(string id)
    {
        using var zip = ZipFile.OpenRead(PackagePath(id, "snupkg"));
        return zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
    }

    public static XElement? Child(this XElement element, string name) => element.Elements().SingleOrDefault(e => e.Name.LocalName == name);
}
