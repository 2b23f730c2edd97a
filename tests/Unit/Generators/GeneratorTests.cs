using System.Text.Json;
using System.Text.RegularExpressions;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Crypto;
using LiquidStake.Generators;
using Microsoft.CodeAnalysis;

namespace LiquidStake.UnitTests.Generators;

public sealed partial class GeneratorTests
{
    private static string TestData(string name) => Path.Combine(RepoPaths.Root, "tests", "Unit", "Generators", "TestData", name);

    private static string Concatenate(GeneratorDriverRunResult result) =>
        string.Concat(result.Results.SelectMany(r => r.GeneratedSources)
            .OrderBy(s => s.HintName, StringComparer.Ordinal)
            .Select(s => "// ==== " + s.HintName + "\n" + s.SourceText.ToString().Replace("\r\n", "\n", StringComparison.Ordinal)));

    [Fact]
    public void Shapes_abi_generates_the_committed_golden_output()
    {
        string abiPath = "/repo/src/Abis/test/Shapes.json";
        var (result, output) = GeneratorHarness.Run([(abiPath, File.ReadAllText(TestData("Shapes.json")))]);
        Assert.Empty(result.Diagnostics);
        string actual = Concatenate(result);
        string goldenPath = TestData("Shapes.expected.cs.txt");
        if (Environment.GetEnvironmentVariable("LIQUIDSTAKE_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(goldenPath, actual);
        }

        string expected = File.ReadAllText(goldenPath).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Equal(expected, actual);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void All_sdk_abis_generate_code_that_compiles_without_warnings()
    {
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.SdkAbiFiles(), GeneratorHarness.SdkClassNames());
        Assert.Empty(result.Diagnostics);
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
        var classes = result.Results.SelectMany(r => r.GeneratedSources).Select(s => s.HintName).ToList();
        Assert.Contains("LiquidStake.Sdk.Contracts.Lido.StEth.g.cs", classes);
        Assert.Contains("LiquidStake.Sdk.Contracts.Lido.WstEth.g.cs", classes);
        Assert.Contains("LiquidStake.Sdk.Contracts.Lido.WithdrawalQueueErc721.g.cs", classes);
        Assert.Contains("LiquidStake.Sdk.Contracts.EtherFi.EEth.g.cs", classes);
        Assert.Contains("LiquidStake.Sdk.Contracts.EtherFi.WeEth.g.cs", classes);
        Assert.Contains("LiquidStake.Sdk.Contracts.Common.Erc20.g.cs", classes);
        Assert.Contains("LiquidStake.Sdk.Contracts.EigenLayer.Types.g.cs", classes);
    }

    [Fact]
    public void Every_selector_and_topic_for_all_sdk_abis_is_keccak_of_the_canonical_signature()
    {
        var (result, _) = GeneratorHarness.Run(GeneratorHarness.SdkAbiFiles(), GeneratorHarness.SdkClassNames());
        int checkedSelectors = 0;
        int checkedTopics = 0;
        foreach (var source in result.Results.SelectMany(r => r.GeneratedSources))
        {
            string code = source.SourceText.ToString();
            foreach (Match m in SignatureThenSelector().Matches(code))
            {
                byte[] expected = Keccak256.HashUtf8(m.Groups["sig"].Value)[..4];
                byte[] actual = m.Groups["bytes"].Value.Split(", ").Select(b => Convert.ToByte(b, 16)).ToArray();
                Assert.Equal(expected, actual);
                checkedSelectors++;
            }

            foreach (Match m in EventSignatureThenTopic().Matches(code))
            {
                Assert.Equal(new Hash32(Keccak256.HashUtf8(m.Groups["sig"].Value)), Hash32.Parse(m.Groups["topic"].Value));
                checkedTopics++;
            }
        }

        // Independently: every function, error and event signature of every ABI file appears in the generated code.
        var expectedSelectors = new HashSet<string>();
        var expectedEvents = new HashSet<string>();
        foreach (var (_, text) in GeneratorHarness.SdkAbiFiles())
        {
            foreach (var entry in JsonDocument.Parse(text).RootElement.EnumerateArray())
            {
                string type = entry.TryGetProperty("type", out var t) ? t.GetString()! : "function";
                if (type is "function" or "error")
                {
                    expectedSelectors.Add(type + ":" + CanonicalSignature(entry));
                }
                else if (type == "event")
                {
                    expectedEvents.Add(CanonicalSignature(entry));
                }
            }
        }

        string all = string.Concat(result.Results.SelectMany(r => r.GeneratedSources).Select(s => s.SourceText.ToString()));
        foreach (var signature in expectedSelectors)
        {
            Assert.Contains("Signature = \"" + signature[(signature.IndexOf(':', StringComparison.Ordinal) + 1)..] + "\";", all, StringComparison.Ordinal);
        }

        foreach (var signature in expectedEvents)
        {
            Assert.Contains("EventSignature = \"" + signature + "\";", all, StringComparison.Ordinal);
        }

        Assert.True(checkedSelectors >= expectedSelectors.Count, $"{checkedSelectors} selectors checked, {expectedSelectors.Count} distinct expected");
        Assert.True(checkedTopics >= expectedEvents.Count, $"{checkedTopics} topics checked, {expectedEvents.Count} distinct expected");
    }

    private static string CanonicalSignature(JsonElement entry) =>
        entry.GetProperty("name").GetString() + "(" + string.Join(",", entry.GetProperty("inputs").EnumerateArray().Select(CanonicalType)) + ")";

    private static string CanonicalType(JsonElement parameter)
    {
        string type = parameter.GetProperty("type").GetString()!;
        if (!type.StartsWith("tuple", StringComparison.Ordinal))
        {
            return type;
        }

        return "(" + string.Join(",", parameter.GetProperty("components").EnumerateArray().Select(CanonicalType)) + ")" + type["tuple".Length..];
    }

    [GeneratedRegex("const string (?<name>\\w*)Signature = \"(?<sig>[^\"]+)\";\\n\\n(?:\\s*///[^\\n]*\\n)+\\s*public static ReadOnlySpan<byte> \\k<name>Selector => \\[(?<bytes>[^\\]]+)\\];")]
    private static partial Regex SignatureThenSelector();

    [GeneratedRegex("const string (?<name>\\w+)EventSignature = \"(?<sig>[^\"]+)\";\\n\\n(?:\\s*///[^\\n]*\\n)+\\s*public static readonly Hash32 \\k<name>EventTopic = Hash32.Parse\\(\"(?<topic>0x[0-9a-f]{64})\"\\);")]
    private static partial Regex EventSignatureThenTopic();

    [Theory]
    [InlineData("[{\"type\":\"function\",\"name\":\"f\",\"inputs\":[", "LSGEN001", "invalid JSON")]
    [InlineData("[{\"type\":\"function\",\"name\":\"f\",\"inputs\":[{\"name\":\"a\",\"type\":\"uint257\"}],\"outputs\":[],\"stateMutability\":\"view\"}]", "LSGEN002", "unknown type 'uint257'")]
    [InlineData("[{\"type\":\"function\",\"name\":\"f\",\"inputs\":[{\"name\":\"a\",\"type\":\"tuple[]\"}],\"outputs\":[],\"stateMutability\":\"view\"}]", "LSGEN003", "tuple parameter of 'f' has no components")]
    [InlineData("[{\"type\":\"event\",\"inputs\":[],\"anonymous\":false}]", "LSGEN004", "event entry has no name")]
    [InlineData("{\"abi\":[]}", "LSGEN005", "must be a JSON array")]
    [InlineData("[{\"type\":\"function\",\"name\":\"f\",\"inputs\":[],\"outputs\":[],\"stateMutability\":\"view\",}]", "LSGEN001", "invalid JSON")]
    public void Malformed_abi_reports_a_diagnostic_naming_the_file_and_other_files_still_generate(string json, string id, string fragment)
    {
        var (result, _) = GeneratorHarness.Run(
        [
            ("/repo/src/Abis/test/Broken.json", json),
            ("/repo/src/Abis/common/ERC20.json", File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "Abis", "common", "ERC20.json"))),
        ]);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("test/Broken.json", message, StringComparison.Ordinal);
        Assert.Contains(fragment, message, StringComparison.Ordinal);
        Assert.Equal("/repo/src/Abis/test/Broken.json", diagnostic.Location.GetLineSpan().Path);
        Assert.Null(result.Results.Single().Exception);
        Assert.Contains(result.Results.Single().GeneratedSources, s => s.HintName == "LiquidStake.Sdk.Contracts.Common.Erc20.g.cs");
        Assert.DoesNotContain(result.Results.Single().GeneratedSources, s => s.HintName.Contains("Broken", StringComparison.Ordinal));
    }

    [Fact]
    public void Json_files_outside_an_abis_folder_are_ignored()
    {
        var (result, _) = GeneratorHarness.Run([("/repo/src/Config/appsettings.json", "not json at all")]);
        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.Results.Single().GeneratedSources);
    }

    [Theory]
    [InlineData("WithdrawalQueueERC721", "WithdrawalQueueErc721")]
    [InlineData("WeETH", "WeEth")]
    [InlineData("EETH", "EEth")]
    [InlineData("ERC20", "Erc20")]
    [InlineData("WstETH", "WstEth")]
    [InlineData("stETH", "StEth")]
    [InlineData("RocketTokenRETH", "RocketTokenREth")]
    [InlineData("DOMAIN_SEPARATOR", "DomainSeparator")]
    [InlineData("_getTotalPooledEther", "GetTotalPooledEther")]
    [InlineData("getTVLLimits", "GetTvlLimits")]
    [InlineData("EIP712StETH", "Eip712StEth")]
    [InlineData("RocketDAOProtocolSettingsDeposit", "RocketDaoProtocolSettingsDeposit")]
    [InlineData("aggregate3Value", "Aggregate3Value")]
    public void Names_are_pascal_cased_with_acronyms_normalised(string solidity, string csharp) =>
        Assert.Equal(csharp, Naming.Pascal(solidity));

    [Theory]
    [InlineData("_stETH", "stEth")]
    [InlineData("operator", "operator")]
    [InlineData("_amount", "amount")]
    public void Parameter_names_are_camel_cased(string solidity, string csharp) => Assert.Equal(csharp, Naming.Camel(solidity));

    [Fact]
    public void Generator_keccak_matches_the_runtime_keccak_for_every_length_around_the_rate()
    {
        var random = new Random(1559);
        for (int length = 0; length <= 3 * 136 + 1; length++)
        {
            byte[] data = new byte[length];
            random.NextBytes(data);
            Assert.Equal(Keccak256.Hash(data), Keccak.Hash(data));
        }
    }
}
