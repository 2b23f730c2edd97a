using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace LiquidStake.Generators
{
    /// <summary>
    /// Generates typed contract wrappers from ABI JSON files passed as AdditionalFiles under an <c>Abis</c> folder:
    /// <c>Abis/&lt;protocol&gt;/&lt;Contract&gt;.json</c> becomes <c>LiquidStake.Sdk.Contracts.&lt;Protocol&gt;.&lt;Contract&gt;</c>.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class ContractGenerator : IIncrementalGenerator
    {
        internal const string RootNamespace = "LiquidStake.Sdk.Contracts";

        private static readonly Dictionary<string, string> ProtocolNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["lido"] = "Lido",
            ["rocketpool"] = "RocketPool",
            ["eigenlayer"] = "EigenLayer",
            ["etherfi"] = "EtherFi",
            ["common"] = "Common",
        };

        /// <inheritdoc/>
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var files = context.AdditionalTextsProvider
                .Where(file => AbiRelativePath(file.Path) != null)
                .Combine(context.AnalyzerConfigOptionsProvider)
                .Select((pair, cancellationToken) =>
                {
                    var options = pair.Right.GetOptions(pair.Left);
                    options.TryGetValue("build_metadata.AdditionalFiles.ClassName", out var className);
                    string text = pair.Left.GetText(cancellationToken)?.ToString() ?? string.Empty;
                    return new AbiFile(pair.Left.Path, text, string.IsNullOrWhiteSpace(className) ? null : className!.Trim());
                })
                .Collect();

            context.RegisterSourceOutput(files, (spc, all) => Generate(spc, all));
        }

        /// <summary>The path of <paramref name="path"/> below its last <c>Abis</c> folder, or null when it is not an ABI file.</summary>
        internal static string? AbiRelativePath(string path)
        {
            if (!path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            var parts = path.Replace('\\', '/').Split('/');
            for (int i = parts.Length - 2; i >= 0; i--)
            {
                if (string.Equals(parts[i], "Abis", StringComparison.OrdinalIgnoreCase))
                {
                    return string.Join("/", parts, i + 1, parts.Length - i - 1);
                }
            }

            return null;
        }

        internal static void Generate(SourceProductionContext spc, ImmutableArray<AbiFile> all)
        {
            var contracts = new List<(AbiFile File, string Relative, string Namespace, string ClassName, List<AbiEntry> Entries)>();
            foreach (var file in all.OrderBy(f => AbiRelativePath(f.Path), StringComparer.Ordinal))
            {
                spc.CancellationToken.ThrowIfCancellationRequested();
                string relative = AbiRelativePath(file.Path)!;
                try
                {
                    var entries = AbiParser.Parse(file.Text);
                    var segments = relative.Split('/');
                    string ns = segments.Length > 1 ? RootNamespace + "." + ProtocolName(segments[0]) : RootNamespace;
                    string className = file.ClassName ?? Naming.Pascal(Path.GetFileNameWithoutExtension(relative));
                    if (!AbiParser.IsIdentifier(className) || className.Contains("$") || Naming.IsKeyword(className))
                    {
                        throw new AbiProblem(DiagnosticIds.InvalidAbi, "class name '" + className + "' is not a valid C# identifier", 0);
                    }

                    if (contracts.Any(c => c.Namespace == ns && c.ClassName == className))
                    {
                        throw new AbiProblem(DiagnosticIds.InvalidAbi, "another ABI file already generates " + ns + "." + className + "; set a different ClassName", 0);
                    }

                    contracts.Add((file, relative, ns, className, entries));
                }
                catch (AbiProblem problem)
                {
                    Report(spc, file, relative, problem.Id, problem.Message, problem.Position);
                }
            }

            if (contracts.Count == 0)
            {
                return;
            }

            foreach (var group in contracts.GroupBy(c => c.Namespace).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var shared = new SharedTypes(group.Key, group.Select(c => c.ClassName));
                foreach (var contract in group)
                {
                    string code;
                    try
                    {
                        code = new ContractEmitter(shared, contract.ClassName, "Abis/" + contract.Relative, contract.Entries).Emit();
                    }
                    catch (Exception ex) when (!(ex is OperationCanceledException))
                    {
                        Report(spc, contract.File, contract.Relative, DiagnosticIds.InternalError, "the generator failed: " + ex.GetType().Name + ": " + ex.Message, 0);
                        continue;
                    }

                    spc.AddSource(group.Key + "." + contract.ClassName + ".g.cs", SourceText.From(code, Encoding.UTF8));
                }

                if (!shared.IsEmpty)
                {
                    string types = ContractEmitter.FileHeader + "\nnamespace " + group.Key + ";\n" + shared.Code;
                    spc.AddSource(group.Key + ".Types.g.cs", SourceText.From(types, Encoding.UTF8));
                }
            }

            spc.AddSource(RootNamespace + ".ContractAbiValues.g.cs", SourceText.From(Support.ContractAbiValues, Encoding.UTF8));
        }

        private static string ProtocolName(string folder) =>
            ProtocolNames.TryGetValue(folder, out var name) ? name : Naming.Pascal(folder);

        private static void Report(SourceProductionContext spc, AbiFile file, string relative, string id, string message, int position)
        {
            var text = SourceText.From(file.Text);
            int clamped = Math.Max(0, Math.Min(position, file.Text.Length));
            var span = new TextSpan(clamped, 0);
            var location = Location.Create(file.Path, span, text.Lines.GetLinePositionSpan(span));
            spc.ReportDiagnostic(Diagnostic.Create(Descriptors.For(id), location, relative, message));
        }
    }

    /// <summary>An ABI file's path, text and optional class name override (equatable, for incremental caching).</summary>
    internal sealed class AbiFile : IEquatable<AbiFile>
    {
        public AbiFile(string path, string text, string? className)
        {
            Path = path;
            Text = text;
            ClassName = className;
        }

        public string Path { get; }

        public string Text { get; }

        public string? ClassName { get; }

        public bool Equals(AbiFile? other) =>
            other != null && Path == other.Path && Text == other.Text && ClassName == other.ClassName;

        public override bool Equals(object? obj) => Equals(obj as AbiFile);

        public override int GetHashCode() => (Path.GetHashCode() * 31) ^ Text.Length;
    }

    internal static class Descriptors
    {
        private const string Category = "LiquidStake.Generators";

        private static readonly Dictionary<string, DiagnosticDescriptor> ById = new[]
        {
            Make(DiagnosticIds.InvalidJson, "ABI file is not valid JSON"),
            Make(DiagnosticIds.UnknownType, "ABI file uses an unknown type"),
            Make(DiagnosticIds.TupleWithoutComponents, "ABI tuple has no components"),
            Make(DiagnosticIds.MissingName, "ABI entry has no name"),
            Make(DiagnosticIds.InvalidAbi, "ABI file is not a valid ABI"),
            Make(DiagnosticIds.InternalError, "Contract generation failed"),
        }.ToDictionary(d => d.Id);

        public static DiagnosticDescriptor For(string id) => ById[id];

        private static DiagnosticDescriptor Make(string id, string title) =>
            new DiagnosticDescriptor(id, title, "{0}: {1}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    }
}
