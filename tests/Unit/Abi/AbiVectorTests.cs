using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Abi;
using LiquidStake.Ethereum.Crypto;
using static LiquidStake.UnitTests.Abi.AbiTestValues;

namespace LiquidStake.UnitTests.Abi;

/// <summary>Compares the codec with viem on the vectors of tests/vectors/gen-abi.mjs.</summary>
public class AbiVectorTests
{
    [Fact]
    public void Encodings_match_viem_both_ways()
    {
        int count = 0;
        foreach (var v in Section("encodings"))
        {
            var types = Types(v.GetProperty("types"));
            var values = FromJson(types, v.GetProperty("values"));
            var expected = Bytes(v.GetProperty("encoded"));
            string label = string.Join(",", types.Select(t => t.CanonicalName));
            Assert.True(expected.AsSpan().SequenceEqual(AbiCodec.Encode(types, values)), $"encode {label}");
            AssertDeepEqual(values, AbiCodec.Decode(types, expected));
            count++;
        }
        Assert.True(count >= 300, $"only {count} encoding vectors");
    }

    [Fact]
    public void Function_selectors_of_the_shared_abis_match_viem()
    {
        int count = 0;
        foreach (var v in Section("functions"))
        {
            string signature = v.GetProperty("signature").GetString()!;
            Assert.Equal(v.GetProperty("selector").GetString(), Hex.Encode(AbiSignature.Selector(signature)));
            count++;
        }
        Assert.True(count > 500);
    }

    [Fact]
    public void Event_topics_and_error_selectors_of_the_shared_abis_match_viem()
    {
        foreach (var v in Section("events"))
            Assert.Equal(v.GetProperty("topic").GetString(), AbiSignature.EventTopic(v.GetProperty("signature").GetString()!).ToString());
        foreach (var v in Section("errors"))
            Assert.Equal(v.GetProperty("selector").GetString(), Hex.Encode(AbiSignature.Selector(v.GetProperty("signature").GetString()!)));
    }

    [Fact]
    public void Parsed_shared_abis_give_viem_signatures_and_selectors()
    {
        // Every function, event and error entry of the real ABIs, parsed by ContractAbi, must give viem's signature and selector.
        var byFile = Section("functions").GroupBy(v => v.GetProperty("file").GetString()!);
        int checkedCount = 0;
        foreach (var group in byFile)
        {
            var abi = ContractAbi.Parse(File.ReadAllText(Path.Combine(SharedAbisDir(), group.Key)));
            var ours = abi.Functions.Select(f => (f.Signature, Hex.Encode(f.Selector))).ToHashSet();
            foreach (var v in group)
            {
                Assert.Contains((v.GetProperty("signature").GetString()!, v.GetProperty("selector").GetString()!), ours);
                checkedCount++;
            }
            var events = abi.Events.Select(e => (e.Signature, e.Topic.ToString())).ToHashSet();
            foreach (var v in Section("events").Where(e => e.GetProperty("file").GetString() == group.Key))
                Assert.Contains((v.GetProperty("signature").GetString()!, v.GetProperty("topic").GetString()!), events);
            var errors = abi.Errors.Select(e => (e.Signature, Hex.Encode(e.Selector))).ToHashSet();
            foreach (var v in Section("errors").Where(e => e.GetProperty("file").GetString() == group.Key))
                Assert.Contains((v.GetProperty("signature").GetString()!, v.GetProperty("selector").GetString()!), errors);
        }
        Assert.True(checkedCount > 500);
    }

    internal static string SharedAbisDir()
    {
        // <repo>/../shared/abis; worktrees sit one level deeper, so look upwards from the test output folder.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "abis");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("shared/abis not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void Calls_to_real_functions_match_viem_both_ways()
    {
        foreach (var v in Section("calls"))
        {
            string signature = v.GetProperty("signature").GetString()!;
            var types = Types(v.GetProperty("types"));
            var args = FromJson(types, v.GetProperty("args"));
            var expected = Bytes(v.GetProperty("data"));
            var selector = AbiSignature.Selector(signature);
            Assert.True(expected.AsSpan().SequenceEqual(AbiCodec.EncodeCall(selector, types, args)), signature);
            AssertDeepEqual(args, AbiCodec.DecodeCall(selector, types, expected));
        }
    }

    [Fact]
    public void Logs_of_real_events_decode_like_viem()
    {
        var abis = new Dictionary<string, ContractAbi>();
        int count = 0;
        foreach (var v in Section("logs"))
        {
            string file = v.GetProperty("file").GetString()!;
            if (!abis.TryGetValue(file, out var abi)) abis[file] = abi = ContractAbi.Parse(File.ReadAllText(Path.Combine(SharedAbisDir(), file)));
            string signature = v.GetProperty("signature").GetString()!;
            var ev = abi.Events.Single(e => e.Signature == signature);
            var topics = v.GetProperty("topics").EnumerateArray().Select(t => Hash32.Parse(t.GetString()!)).ToArray();
            var decoded = EventDecoder.Decode(ev, topics, Bytes(v.GetProperty("data")));
            var expected = v.GetProperty("expected").EnumerateArray().ToArray();
            Assert.Equal(expected.Length, decoded.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                if (expected[i].ValueKind == System.Text.Json.JsonValueKind.Object)
                    Assert.Equal(Hash32.Parse(expected[i].GetProperty("hash").GetString()!), decoded[i]);
                else
                    AssertDeepEqual(FromJson(ev.InputTypes[i], expected[i]), decoded[i]);
            }
            count++;
        }
        Assert.True(count > 50);
    }

    [Fact]
    public void Revert_data_decodes_like_viem()
    {
        foreach (var v in Section("reverts"))
        {
            var reason = RevertDecoder.Decode(Bytes(v.GetProperty("data")));
            if (v.GetProperty("kind").GetString() == "ErrorString")
            {
                Assert.Equal(RevertKind.ErrorString, reason.Kind);
                Assert.Equal("Error", reason.Name);
                Assert.Equal(v.GetProperty("message").GetString(), reason.Message);
                Assert.Equal(v.GetProperty("message").GetString(), reason.Arguments[0]);
            }
            else
            {
                Assert.Equal(RevertKind.Panic, reason.Kind);
                Assert.Equal("Panic", reason.Name);
                Assert.Equal(BigInteger.Parse(v.GetProperty("code").GetString()!, System.Globalization.CultureInfo.InvariantCulture), reason.Arguments[0]);
            }
        }
    }

    [Fact]
    public void Custom_errors_of_real_abis_decode_like_viem()
    {
        var abis = new Dictionary<string, ContractAbi>();
        foreach (var v in Section("customReverts"))
        {
            string file = v.GetProperty("file").GetString()!;
            if (!abis.TryGetValue(file, out var abi)) abis[file] = abi = ContractAbi.Parse(File.ReadAllText(Path.Combine(SharedAbisDir(), file)));
            var reason = RevertDecoder.Decode(Bytes(v.GetProperty("data")), abi.Errors);
            string signature = v.GetProperty("signature").GetString()!;
            var error = abi.Errors.First(e => e.Signature == signature);
            Assert.Equal(RevertKind.Custom, reason.Kind);
            Assert.Equal(v.GetProperty("name").GetString(), reason.Name);
            AssertDeepEqual(FromJson(error.InputTypes, v.GetProperty("args")), reason.Arguments.ToArray());
        }
    }

    [Fact]
    public void Packed_encodings_match_viem()
    {
        foreach (var v in Section("packed"))
        {
            var types = Types(v.GetProperty("types"));
            var values = FromJson(types, v.GetProperty("values"));
            Assert.Equal(v.GetProperty("encoded").GetString(), Hex.Encode(AbiCodec.EncodePacked(types, values)));
        }
    }

    [Fact]
    public void Keccak_matches_viem()
    {
        foreach (var v in Section("keccak"))
            Assert.Equal(v.GetProperty("hash").GetString(), Hex.Encode(Keccak256.Hash(Bytes(v.GetProperty("input")))));
    }
}
