using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Abi;

namespace LiquidStake.UnitTests.Abi;

public class ContractAbiTests
{
    private const string OldAndNewEntries = """
    [
      {"constant":true,"inputs":[{"name":"_owner","type":"address"}],"name":"balanceOf","outputs":[{"name":"","type":"uint256"}],"payable":false,"type":"function"},
      {"constant":false,"inputs":[],"name":"submit","outputs":[],"payable":true,"type":"function"},
      {"constant":false,"inputs":[{"name":"x","type":"uint8"}],"name":"setX","outputs":[]},
      {"inputs":[{"name":"a","type":"uint256"},{"name":"b","type":"uint256"}],"name":"add","outputs":[{"name":"","type":"uint256"}],"stateMutability":"pure","type":"function"},
      {"inputs":[{"name":"a","type":"uint256"}],"name":"add","outputs":[],"stateMutability":"nonpayable","type":"function"},
      {"inputs":[{"name":"owner","type":"address"}],"stateMutability":"nonpayable","type":"constructor"},
      {"payable":true,"stateMutability":"payable","type":"fallback"},
      {"stateMutability":"payable","type":"receive"},
      {"anonymous":false,"inputs":[{"indexed":true,"name":"from","type":"address"},{"indexed":true,"name":"to","type":"address"},{"indexed":false,"name":"value","type":"uint256"}],"name":"Transfer","type":"event"},
      {"anonymous":true,"inputs":[{"indexed":true,"name":"who","type":"address"}],"name":"Anon","type":"event"},
      {"inputs":[{"components":[{"internalType":"address","name":"token","type":"address"},{"internalType":"uint256[]","name":"amounts","type":"uint256[]"}],"internalType":"struct S[]","name":"items","type":"tuple[]"}],"name":"BadItems","type":"error"}
    ]
    """;

    [Fact]
    public void Parses_old_solc_entries_and_special_functions()
    {
        var abi = ContractAbi.Parse(OldAndNewEntries);
        Assert.Equal(5, abi.Functions.Count);
        var balanceOf = abi.GetFunction("balanceOf");
        Assert.Equal("view", balanceOf.StateMutability);
        Assert.True(balanceOf.IsReadOnly);
        Assert.Equal("balanceOf(address)", balanceOf.Signature);
        Assert.Equal("0x70a08231", Hex.Encode(balanceOf.Selector));
        Assert.Equal("payable", abi.GetFunction("submit").StateMutability);
        Assert.True(abi.GetFunction("submit").IsPayable);
        Assert.Equal("nonpayable", abi.GetFunction("setX").StateMutability);
        Assert.Equal(2, abi.GetFunctions("add").Count);
        Assert.Throws<LiquidStakeArgumentException>(() => abi.GetFunction("add"));
        Assert.Throws<LiquidStakeArgumentException>(() => abi.GetFunction("missing"));
        Assert.NotNull(abi.Constructor);
        Assert.Equal("address", abi.Constructor!.Inputs[0].Type);
        Assert.Equal("payable", abi.Fallback!.StateMutability);
        Assert.Equal("payable", abi.Receive!.StateMutability);
        Assert.Same(balanceOf, abi.FindFunction(Hex.Decode("70a08231")));
        Assert.Null(abi.FindFunction(Hex.Decode("00000000")));
    }

    [Fact]
    public void Parses_events_and_errors_with_tuples()
    {
        var abi = ContractAbi.Parse(OldAndNewEntries);
        var transfer = abi.FindEvent("Transfer")!;
        Assert.Equal("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef", transfer.Topic.ToString());
        Assert.Same(transfer, abi.FindEvent(transfer.Topic));
        Assert.True(abi.FindEvent("Anon")!.Anonymous);
        var error = abi.FindError("BadItems")!;
        Assert.Equal("BadItems((address,uint256[])[])", error.Signature);
        Assert.Equal("struct S[]", error.Inputs[0].InternalType);
        Assert.Equal("amounts", error.Inputs[0].Components![1].Name);
    }

    [Fact]
    public void Function_helpers_encode_and_decode()
    {
        var add = ContractAbi.Parse(OldAndNewEntries).GetFunctions("add")[0];
        var call = add.EncodeCall([1, 2]);
        Assert.Equal(add.Selector, call[..4]);
        Assert.Equal([BigInteger.One, new BigInteger(2)], add.DecodeCall(call));
        Assert.Equal(new BigInteger(3), add.DecodeOutput(AbiCodec.Encode([AbiType.UInt256], [3]))[0]);
    }

    [Fact]
    public void Accepts_an_artifact_object_with_an_abi_property()
    {
        var abi = ContractAbi.Parse("""{"contractName":"X","abi":[{"type":"function","name":"f","inputs":[],"outputs":[],"stateMutability":"view"}]}""");
        Assert.Equal("f()", abi.Functions.Single().Signature);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("42")]
    [InlineData("[1]")]
    [InlineData("""[{"type":"function","inputs":[]}]""")]
    [InlineData("""[{"type":"banana","name":"x"}]""")]
    [InlineData("""[{"type":"function","name":"f","inputs":[{"name":"a","type":"uint7"}]}]""")]
    [InlineData("""[{"type":"function","name":"f","inputs":[{"name":"a","type":"tuple"}]}]""")]
    [InlineData("""[{"type":"function","name":"f","inputs":[{"name":"a"}]}]""")]
    [InlineData("""[{"type":"function","name":"f","stateMutability":"reckless"}]""")]
    public void Refuses_malformed_abi_json(string json) => Assert.ThrowsAny<EthereumFormatException>(() => ContractAbi.Parse(json));

    [Fact]
    public void Lido_abi_with_constant_keys_parses()
    {
        var abi = ContractAbi.Parse(File.ReadAllText(Path.Combine(AbiVectorTests.SharedAbisDir(), "lido", "Lido.json")));
        Assert.Equal("view", abi.GetFunction("getPooledEthByShares").StateMutability);
        Assert.Equal("payable", abi.GetFunction("submit").StateMutability);
        Assert.Equal("0xa1903eab", Hex.Encode(abi.GetFunction("submit").Selector));
    }

    [Fact]
    public void Entries_compare_by_value_and_with_recomputes_derived_values()
    {
        var a = ContractAbi.Parse(OldAndNewEntries).FindError("BadItems")!;
        var b = ContractAbi.Parse(OldAndNewEntries).FindError("BadItems")!;
        _ = a.Selector; // populate a's cache only
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        var renamed = a with { Name = "Other" };
        Assert.Equal("Other((address,uint256[])[])", renamed.Signature);
        Assert.Equal(Hex.Encode(AbiSignature.Selector("Other((address,uint256[])[])")), Hex.Encode(renamed.Selector));
        var retyped = a with { Inputs = [new AbiParameter("x", "uint8")] };
        Assert.Equal("BadItems(uint8)", retyped.Signature);
        Assert.NotEqual(a, retyped);
        a.Selector[0] ^= 0xff; // callers get copies
        Assert.Equal(b.Selector, a.Selector);
        var f = ContractAbi.Parse(OldAndNewEntries).GetFunction("balanceOf");
        Assert.Equal("balanceOf(uint256)", (f with { Inputs = [new AbiParameter("id", "uint256")] }).Signature);
        var ev = ContractAbi.Parse(OldAndNewEntries).FindEvent("Transfer")!;
        Assert.Equal(ev, ContractAbi.Parse(OldAndNewEntries).FindEvent("Transfer"));
        Assert.Equal(AbiSignature.EventTopic("Moved(address,address,uint256)"), (ev with { Name = "Moved" }).Topic);
    }
}
