using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Abi;
using LiquidStake.Ethereum.Contracts;

namespace LiquidStake.UnitTests.Abi;

public class RevertDecoderTests
{
    private static byte[] Concat(byte[] a, byte[] b) => [.. a, .. b];

    [Fact]
    public void Empty_data_is_an_empty_revert()
    {
        var reason = RevertDecoder.Decode([]);
        Assert.Equal(RevertKind.Empty, reason.Kind);
        Assert.Empty(reason.Arguments);
        Assert.Null(reason.Selector);
    }

    [Fact]
    public void Decodes_error_string()
    {
        var data = Concat(Hex.Decode("08c379a0"), AbiCodec.Encode([AbiType.StringType], ["STAKE_LIMIT"]));
        var reason = RevertDecoder.Decode(data);
        Assert.Equal(RevertKind.ErrorString, reason.Kind);
        Assert.Equal("Error", reason.Name);
        Assert.Equal("STAKE_LIMIT", reason.Message);
        Assert.Equal(RevertDecoder.ErrorSelector, reason.Selector);
    }

    [Theory]
    [InlineData(0x00, "generic compiler-inserted panic")]
    [InlineData(0x01, "assertion failed")]
    [InlineData(0x11, "arithmetic overflow or underflow")]
    [InlineData(0x12, "division or modulo by zero")]
    [InlineData(0x21, "conversion to an enum out of range")]
    [InlineData(0x22, "incorrectly encoded storage byte array")]
    [InlineData(0x31, "pop() on an empty array")]
    [InlineData(0x32, "array index out of bounds")]
    [InlineData(0x41, "too much memory allocated")]
    [InlineData(0x51, "call to a zero-initialized internal function pointer")]
    [InlineData(0x99, "unknown panic code")]
    public void Decodes_panic_codes_with_their_meaning(int code, string meaning)
    {
        var data = Concat(Hex.Decode("4e487b71"), AbiCodec.Encode([AbiType.UInt256], [code]));
        var reason = RevertDecoder.Decode(data);
        Assert.Equal(RevertKind.Panic, reason.Kind);
        Assert.Equal(new BigInteger(code), reason.Arguments[0]);
        Assert.Equal($"panic 0x{code:x2}: {meaning}", reason.Message);
    }

    [Fact]
    public void Decodes_custom_errors_from_the_known_list()
    {
        var known = new[] { new AbiError("InsufficientBalance", [new AbiParameter("have", "uint256"), new AbiParameter("want", "uint256")]), new AbiError("Paused", []) };
        var data = AbiCodec.EncodeCall(known[0].Selector, known[0].InputTypes, [1, 2]);
        var reason = RevertDecoder.Decode(data, known);
        Assert.Equal(RevertKind.Custom, reason.Kind);
        Assert.Equal("InsufficientBalance", reason.Name);
        Assert.Equal([BigInteger.One, new BigInteger(2)], reason.Arguments);
        Assert.Equal("InsufficientBalance(1, 2)", reason.Message);
        Assert.Equal(RevertKind.Custom, RevertDecoder.Decode(known[1].Selector, known).Kind);
    }

    [Fact]
    public void Unknown_and_malformed_data_is_reported_not_thrown()
    {
        var unknown = RevertDecoder.Decode(Hex.Decode("deadbeef01"));
        Assert.Equal(RevertKind.Unknown, unknown.Kind);
        Assert.Equal(0xdeadbeefu, unknown.Selector);
        Assert.Contains("0xdeadbeef", unknown.Message);
        Assert.Equal(RevertKind.Unknown, RevertDecoder.Decode(Hex.Decode("08c379")).Kind);
        var malformed = RevertDecoder.Decode(Concat(Hex.Decode("08c379a0"), new byte[] { 0, 1 }));
        Assert.Equal(RevertKind.Unknown, malformed.Kind);
        Assert.Contains("malformed", malformed.Message);
    }

    [Fact]
    public void ToException_carries_data_name_and_arguments()
    {
        var data = Concat(Hex.Decode("4e487b71"), AbiCodec.Encode([AbiType.UInt256], [0x11]));
        var inner = new InvalidOperationException("rpc");
        ContractRevertException e = RevertDecoder.ToException(data, null, inner);
        Assert.Equal(data, e.RevertData);
        Assert.Equal("Panic", e.ErrorName);
        Assert.Equal(new BigInteger(0x11), e.ErrorArguments[0]);
        Assert.Contains("arithmetic overflow or underflow", e.Message);
        Assert.Same(inner, e.InnerException);
        Assert.Null(RevertDecoder.ToException(Hex.Decode("deadbeef")).ErrorName);
        Assert.Equal("Execution reverted without data.", RevertDecoder.ToException([]).Message);
    }
}
