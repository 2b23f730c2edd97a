using System.Text.Json;
using CsCheck;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rlp;

namespace LiquidStake.UnitTests.Rlp;

public class RlpTests
{
    private static RlpItem FromJson(JsonElement e) =>
        e.ValueKind == JsonValueKind.Array ? RlpItem.FromList(e.EnumerateArray().Select(FromJson)) : RlpItem.FromBytes(Hex.Decode(e.GetString()!));

    [Fact]
    public void Vectors_encode_and_decode_exactly()
    {
        int count = 0;
        foreach (var v in CryptoVectors.Items("rlp"))
        {
            var tree = FromJson(v.GetProperty("tree"));
            var expected = v.Bytes("encoded");
            Assert.Equal(Hex.Encode(expected), Hex.Encode(RlpCodec.Encode(tree)));
            Assert.Equal(tree, RlpCodec.Decode(expected));
            count++;
        }
        Assert.Equal(61, count);
    }

    [Theory]
    [InlineData("", "80")]
    [InlineData("00", "00")]
    [InlineData("7f", "7f")]
    [InlineData("80", "8180")]
    [InlineData("646f67", "83646f67")]
    public void Encodes_byte_strings(string bytes, string expected) =>
        Assert.Equal("0x" + expected, Hex.Encode(RlpCodec.EncodeBytes(Hex.Decode(bytes))));

    [Fact]
    public void Encodes_integers_minimally()
    {
        Assert.Equal("0x80", Hex.Encode(RlpCodec.EncodeInteger(0)));
        Assert.Equal("0x0f", Hex.Encode(RlpCodec.EncodeInteger(15)));
        Assert.Equal("0x820400", Hex.Encode(RlpCodec.EncodeInteger(1024)));
        Assert.Throws<LiquidStakeArgumentException>(() => RlpCodec.EncodeInteger(-1));
    }

    [Fact]
    public void Encodes_the_set_theoretical_representation_of_three()
    {
        var empty = RlpItem.FromList();
        var three = RlpItem.FromList(empty, RlpItem.FromList(empty), RlpItem.FromList(empty, RlpItem.FromList(empty)));
        Assert.Equal("0xc7c0c1c0c3c0c1c0", Hex.Encode(RlpCodec.Encode(three)));
    }

    [Fact]
    public void Encodes_long_strings_with_a_length_prefix()
    {
        var bytes = new byte[56];
        var encoded = RlpCodec.EncodeBytes(bytes);
        Assert.Equal(new byte[] { 0xb8, 56 }, encoded[..2]);
        Assert.Equal(58, encoded.Length);
    }

    [Theory]
    [InlineData("8100", "wrapped")] // single byte below 0x80 in a string header
    [InlineData("817f", "wrapped")]
    [InlineData("b80100", "long form")] // long form for a 1-byte string
    [InlineData("b838" + "00", "remain")]
    [InlineData("b90038", "leading zero")]
    [InlineData("f80100", "long form")]
    [InlineData("f800", "leading zero")]
    [InlineData("8501", "remain")]
    [InlineData("c501", "remain")]
    [InlineData("bbffffffff", "remain")]
    [InlineData("bfffffffffffffffff", "larger than the input")]
    [InlineData("0000", "trailing")]
    [InlineData("c000", "trailing")]
    [InlineData("", "ended")]
    [InlineData("b9", "past the end")]
    public void Rejects_malformed_and_non_canonical_input(string hex, string messagePart)
    {
        var ex = Assert.Throws<RlpException>(() => RlpCodec.Decode(Hex.Decode(hex)));
        Assert.Contains(messagePart, ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Rejects_nesting_deeper_than_the_limit()
    {
        static byte[] Nested(int depth)
        {
            var item = RlpItem.FromList();
            for (int i = 1; i < depth; i++) item = RlpItem.FromList(item);
            return RlpCodec.Encode(item);
        }
        Assert.True(RlpCodec.Decode(Nested(RlpReader.MaxDepth)).IsList);
        var ex = Assert.Throws<RlpException>(() => RlpCodec.Decode(Nested(RlpReader.MaxDepth + 1)));
        Assert.Contains("deeper", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reader_rejects_non_canonical_integers()
    {
        var reader = new RlpReader(Hex.Decode("820001"));
        try
        {
            reader.ReadUInt64();
            Assert.Fail("expected RlpException");
        }
        catch (RlpException ex)
        {
            Assert.Contains("leading zero", ex.Message, StringComparison.Ordinal);
        }
        var big = new RlpReader(Hex.Decode("89010000000000000000"));
        try
        {
            big.ReadUInt64();
            Assert.Fail("expected RlpException");
        }
        catch (RlpException ex)
        {
            Assert.Contains("9 bytes", ex.Message, StringComparison.Ordinal);
        }
        var ok = new RlpReader(Hex.Decode("88ffffffffffffffff"));
        Assert.Equal(ulong.MaxValue, ok.ReadUInt64());
    }

    private static Gen<RlpItem> TreeGen(int depth)
    {
        var leaf = Gen.Byte.Array[0, 70].Select(b => RlpItem.FromBytes(b));
        if (depth == 0) return leaf;
        var list = TreeGen(depth - 1).List[0, 5].Select(items => RlpItem.FromList(items));
        return Gen.Frequency((3, (IGen<RlpItem>)leaf), (2, list));
    }

    [Fact]
    public void Property_random_trees_round_trip() =>
        TreeGen(4).Sample(tree =>
        {
            var encoded = RlpCodec.Encode(tree);
            var decoded = RlpCodec.Decode(encoded);
            Assert.Equal(tree, decoded);
            Assert.Equal(encoded, RlpCodec.Encode(decoded));
        }, iter: 2000);
}
