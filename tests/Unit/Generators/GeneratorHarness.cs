using System.Collections.Immutable;
using LiquidStake.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace LiquidStake.UnitTests.Generators;

/// <summary>Runs the contract generator on an in-memory compilation.</summary>
internal static class GeneratorHarness
{
    public static (GeneratorDriverRunResult Result, Compilation Output) Run(IEnumerable<(string Path, string Text)> files, IReadOnlyDictionary<string, string>? classNames = null)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose);
        var compilation = CSharpCompilation.Create(
            "GeneratedContracts",
            [],
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999));
        var texts = files.Select(f => (AdditionalText)new InMemoryText(f.Path, f.Text)).ToImmutableArray();
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new ContractGenerator().AsSourceGenerator()],
            texts,
            parseOptions,
            new OptionsProvider(classNames ?? new Dictionary<string, string>()));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return (driver.GetRunResult(), output);
    }

    public static IEnumerable<(string Path, string Text)> SdkAbiFiles()
    {
        string abis = Path.Combine(RepoPaths.Root, "src", "Abis");
        return Directory.GetFiles(abis, "*.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(p => (p, File.ReadAllText(p)));
    }

    public static IReadOnlyDictionary<string, string> SdkClassNames() => new Dictionary<string, string>
    {
        [Path.Combine(RepoPaths.Root, "src", "Abis", "lido", "Lido.json")] = "StEth",
        [Path.Combine(RepoPaths.Root, "src", "Abis", "lido", "WstETH.json")] = "WstEth",
    };

    private static List<MetadataReference> References()
    {
        // The framework only: the test's own folder also holds LiquidStake.Sdk, whose generated types would clash.
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => !p.StartsWith(AppContext.BaseDirectory, StringComparison.Ordinal)).ToList();
        paths.Add(typeof(LiquidStake.Ethereum.Address).Assembly.Location);
        return paths.Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class OptionsProvider(IReadOnlyDictionary<string, string> classNames) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(null);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(null);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            new Options(classNames.TryGetValue(textFile.Path, out var name) ? name : null);
    }

    private sealed class Options(string? className) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
        {
            value = key == "build_metadata.AdditionalFiles.ClassName" ? className : null;
            return value is not null;
        }
    }
}

/// <summary>Locates the repository (the folder holding LiquidStake.Sdk.sln) from the test's output folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LiquidStake.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("LiquidStake.Sdk.sln not found above " + AppContext.BaseDirectory);
    }
}
