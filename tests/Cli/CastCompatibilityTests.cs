using System.Numerics;
using System.Text.RegularExpressions;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Abi;

namespace LiquidStake.UnitTests.Cli;

/// <summary>Runs the real Foundry cast 1.7.1 and liquidstake on the same inputs and requires identical stdout.</summary>
public sealed partial class CastCompatibilityTests
{
    private const string Key = CliHarness.AnvilKey0;
    private const string Mnemonic = CliHarness.TestMnemonic;
    private const string Aa = "0x00000000000000000000000000000000000000aa";
    private const string Vitalik = "0xd8da6bf26964af9d7eed9e03e53415d37aa96045";
    private const string Bob = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    private const string MinInt256 = "-57896044618658097711785492504343953926634992332820282019728792003956564819968";
    private const string MaxUint256 = "115792089237316195423570985008687907853269984665640564039457584007913129639935";

    private static string Encode(string types, params object?[] values)
    {
        var tuple = (AbiTupleType)AbiType.Parse("(" + types + ")");
        return Hex.Encode(AbiCodec.Encode(tuple.Components, values));
    }

    private static string Call(string signature, string types, params object?[] values) =>
        Hex.Encode(AbiSignature.Selector(signature)) + Encode(types, values)[2..];

    private static readonly string BigTuple = Encode(
        "uint256,int256,address,bool,string,bytes,bytes4,uint256[],(uint8,string)",
        BigInteger.Pow(10, 18), new BigInteger(-42), Address.Parse(Aa), true, "héllo ✓ \"q\" \\ \n\t end", new byte[] { 0xde, 0xad },
        new byte[] { 1, 2, 3, 4 }, new object?[] { BigInteger.One, new BigInteger(2) }, new object?[] { 7, "x" });

    private static readonly string Numbers = Encode(
        "uint256,uint256,uint256,uint256,uint256,uint256,int256,int256,int256,uint8",
        9999, 10000, 12345, 99999, 1_500_000_000_000_000_000, BigInteger.Parse(MaxUint256, System.Globalization.CultureInfo.InvariantCulture), -9999, -123456, BigInteger.Parse(MinInt256, System.Globalization.CultureInfo.InvariantCulture), 255);

    private static readonly string Collections = Encode(
        "address[],bool[2],uint16[][],string[],bytes,bytes32,(bool,(string,int8[]))[]",
        new object?[] { Address.Parse(Aa), Address.Parse(Vitalik) }, new object?[] { true, false },
        new object?[] { new object?[] { 1, 2 }, Array.Empty<object?>(), new object?[] { 65535 } },
        new object?[] { "a", "b c", "", "🚀" }, Array.Empty<byte>(), new byte[32],
        new object?[] { new object?[] { true, new object?[] { "nested", new object?[] { -1, 127 } } } });

    // Invalid UTF-8 in a string: cast shows U+FFFD instead of failing.
    private const string BadUtf8 =
        "0x0000000000000000000000000000000000000000000000000000000000000020" +
        "0000000000000000000000000000000000000000000000000000000000000002" +
        "ff41000000000000000000000000000000000000000000000000000000000000";

    private static readonly string Transfer = Call("transfer(address,uint256)", "address,uint256", Address.Parse(Bob), BigInteger.Parse("1000000000000000000000", System.Globalization.CultureInfo.InvariantCulture));

    public static TheoryData<string[]> Cases() => new()
    {
        // keccak
        new[] { "keccak", "hello" },
        new[] { "keccak", "0x1234" },
        new[] { "keccak", "" },
        new[] { "keccak", "héllo ✓ 🚀" },
        new[] { "keccak", "1234" },
        new[] { "keccak", "0x" },
        // sig / sig-event
        new[] { "sig", "transfer(address,uint256)" },
        new[] { "sig", "function transfer(address to, uint256 amount) external returns (bool)" },
        new[] { "sig", "f((uint256,address)[],bytes32,uint)" },
        new[] { "sig", "foo()" },
        new[] { "sig-event", "Transfer(address indexed from,address indexed to,uint256 value)" },
        new[] { "sig-event", "event Foo(uint256 indexed a, (address,bool)[] b)" },
        // abi-encode
        new[] { "abi-encode", "f(uint256,address)", "1", Aa },
        new[] { "abi-encode", "f(int8,int256)", "-1", MinInt256 },
        new[] { "abi-encode", "f(string)", "héllo ✓ 🚀" },
        new[] { "abi-encode", "f(string)", "\"quoted\"" },
        new[] { "abi-encode", "f(bytes,bytes)", "0x1234", "0x" },
        new[] { "abi-encode", "f(uint256[])", "[1,2,3]" },
        new[] { "abi-encode", "f((uint256,string))", "(1,hi)" },
        new[] { "abi-encode", "f(string[])", "[ hi , \"x,y\" ]" },
        new[] { "abi-encode", "f(uint256,uint256,uint256,uint256)", "1.5ether", "1e18", "0x10", "10 gwei" },
        new[] { "abi-encode", "f(bool[2],bytes32)", "[true,false]", "0x" + new string('a', 64) },
        new[] { "abi-encode", "f((uint256,(bool,string))[],uint256[][])", "[(1,(true,a)),(2,(false,\"b c\"))]", "[[1],[],[2,3]]" },
        new[] { "abi-encode", "f(address)", "0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96044" },
        new[] { "abi-encode", "foo(uint256 a, address b)", "7", Aa },
        new[] { "abi-encode", "--packed", "f(uint8,string,address,int16)", "1", "hi", Aa, "-2" },
        // calldata
        new[] { "calldata", "transfer(address,uint256)", Bob, "1000" },
        new[] { "calldata", "f(string,int16[])", "ünïcode", "[-1,2,-300]" },
        new[] { "calldata", "foo()" },
        // decode-abi
        new[] { "decode-abi", "f()(uint256,int256,address,bool,string,bytes,bytes4,uint256[],(uint8,string))", BigTuple },
        new[] { "decode-abi", "--json", "f()(uint256,int256,address,bool,string,bytes,bytes4,uint256[],(uint8,string))", BigTuple },
        new[] { "decode-abi", "-i", "f(uint256,int256,address,bool,string,bytes,bytes4,uint256[],(uint8,string))", BigTuple },
        new[] { "decode-abi", "--input", "f(uint256,int256,address,bool,string,bytes,bytes4,uint256[],(uint8,string))", BigTuple[2..] },
        new[] { "decode-abi", "f()(uint256,uint256,uint256,uint256,uint256,uint256,int256,int256,int256,uint8)", Numbers },
        new[] { "decode-abi", "--json", "f()(uint256,uint256,uint256,uint256,uint256,uint256,int256,int256,int256,uint8)", Numbers },
        new[] { "decode-abi", "f()(address[],bool[2],uint16[][],string[],bytes,bytes32,(bool,(string,int8[]))[])", Collections },
        new[] { "decode-abi", "--json", "f()(address[],bool[2],uint16[][],string[],bytes,bytes32,(bool,(string,int8[]))[])", Collections },
        new[] { "decode-abi", "f()(string)", BadUtf8 },
        // decode-calldata
        new[] { "decode-calldata", "transfer(address,uint256)", Transfer },
        new[] { "decode-calldata", "--json", "transfer(address,uint256)", Transfer },
        new[] { "decode-calldata", "other(address,uint256)", Transfer },
        // to-check-sum-address
        new[] { "to-check-sum-address", Vitalik },
        new[] { "to-check-sum-address", Vitalik[2..] },
        new[] { "to-check-sum-address", Vitalik.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal) },
        new[] { "to-check-sum-address", Vitalik, "1" },
        new[] { "to-check-sum-address", Vitalik, "30" },
        // wallet address
        new[] { "wallet", "address", "--private-key", Key },
        new[] { "wallet", "address", "--private-key", Key[2..] },
        new[] { "wallet", "address", Key },
        new[] { "wallet", "address", "--mnemonic", Mnemonic },
        new[] { "wallet", "address", "--mnemonic", Mnemonic, "--mnemonic-index", "3" },
        new[] { "wallet", "address", "--mnemonic", Mnemonic, "--mnemonic-passphrase", "pass", "--mnemonic-index", "1" },
        // wallet sign
        new[] { "wallet", "sign", "--private-key", Key, "hello" },
        new[] { "wallet", "sign", "--private-key", Key, "0x1234" },
        new[] { "wallet", "sign", "--private-key", Key, "héllo ✓ 🚀" },
        new[] { "wallet", "sign", "--private-key", Key, "--no-hash", "0x1c8aff950685c2ed4bc3174f3472287b56d9517b9c948127319a09a7a36deac8" },
        new[] { "wallet", "sign", "--mnemonic", Mnemonic, "--mnemonic-index", "1", "message" },
        // mktx
        new[] { "mktx", "--private-key", Key, "--chain", "1", "--nonce", "0", "--gas-limit", "21000", "--gas-price", "10gwei", "--priority-gas-price", "1gwei", "--value", "1ether", Bob },
        new[] { "mktx", "--private-key", Key, "--chain", "1", "--nonce", "5", "--gas-limit", "100000", "--gas-price", "20gwei", "--legacy", Bob, "transfer(address,uint256)", Bob, "1000" },
        new[] { "mktx", "--private-key", Key, "--chain", "31337", "--nonce", "7", "--gas-limit", "50000", "--gas-price", "1000000000", "--legacy", Bob, "0x1234" },
        new[] { "mktx", "--private-key", Key, "--chain", "mainnet", "--nonce", "1", "--gas-limit", "60000", "--gas-price", "3gwei", "--priority-gas-price", "2gwei", Bob, "approve(address,uint256)", Aa, MaxUint256 },
        new[] { "mktx", "--mnemonic", Mnemonic, "--mnemonic-index", "2", "--chain", "560048", "--nonce", "0", "--gas-limit", "21000", "--gas-price", "1gwei", "--priority-gas-price", "0", "--value", "0.5ether", Bob },
        new[] { "mktx", "--private-key", Key, "--chain", "1", "--nonce", "0", "--gas-limit", "100000", "--gas-price", "10gwei", "--priority-gas-price", "1gwei", "--create", "0x6080604052" },
    };

    [CastTheory]
    [MemberData(nameof(Cases))]
    public async Task Stdout_is_identical_to_cast(string[] args)
    {
        var cast = await CastBinary.RunAsync(args);
        var ours = await CliHarness.RunAsync(args);
        Assert.True(cast.ExitCode == 0, $"cast failed ({cast.ExitCode}): {cast.Stderr}");
        Assert.True(ours.ExitCode == 0, $"liquidstake failed ({ours.ExitCode}): {ours.Stderr}");
        Assert.Equal(cast.Stdout, ours.Stdout);
    }

    public static TheoryData<string[]> FailingCases() => new()
    {
        new[] { "keccak", "0xzz" },
        new[] { "abi-encode", "f(uint8)", "256" },
        new[] { "abi-encode", "f(bool)", "1" },
        new[] { "abi-encode", "f(bytes32)", "0x01" },
        new[] { "abi-encode", "f(uint256)", "1.5" },
        new[] { "abi-encode", "f(uint256,uint256)", "1" },
        new[] { "decode-abi", "f()(uint256,uint256)", "0x0000000000000000000000000000000000000000000000000000000000000001" },
        new[] { "sig", "foo" },
    };

    [CastTheory]
    [MemberData(nameof(FailingCases))]
    public async Task Both_refuse_the_same_bad_input_with_nothing_on_stdout(string[] args)
    {
        var cast = await CastBinary.RunAsync(args);
        var ours = await CliHarness.RunAsync(args);
        Assert.NotEqual(0, cast.ExitCode);
        Assert.NotEqual(0, ours.ExitCode);
        Assert.Equal(string.Empty, cast.Stdout);
        Assert.Equal(string.Empty, ours.Stdout);
        Assert.StartsWith("error: ", ours.Stderr, StringComparison.Ordinal);
        Assert.Single(ours.Stderr.TrimEnd('\n').Split('\n'));
    }

    [CastFact]
    public async Task Wallet_new_prints_the_same_shape_as_cast()
    {
        var cast = await CastBinary.RunAsync(["wallet", "new"]);
        var ours = await CliHarness.RunAsync("wallet", "new");
        Assert.Matches(WalletNewText(), cast.Stdout);
        Assert.Matches(WalletNewText(), ours.Stdout);

        var castJson = await CastBinary.RunAsync(["wallet", "new", "--json", "-n", "2"]);
        var ourJson = await CliHarness.RunAsync("wallet", "new", "--json", "-n", "2");
        Assert.Equal(Shape(castJson.Stdout), Shape(ourJson.Stdout));
    }

    // Replaces every 0x-hex value with a placeholder so random keys compare equal.
    private static string Shape(string text) => HexValue().Replace(text, "0x…");

    [GeneratedRegex("^Successfully created new keypair\\.\nAddress:     0x[0-9a-fA-F]{40}\nPrivate key: 0x[0-9a-f]{64}\n$")]
    private static partial Regex WalletNewText();

    [GeneratedRegex("0x[0-9a-fA-F]+")]
    private static partial Regex HexValue();
}
