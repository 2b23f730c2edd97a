using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Abi;
using static LiquidStake.UnitTests.Abi.AbiTestValues;

namespace LiquidStake.UnitTests.Abi;

public class AbiCodecTests
{
    private static readonly AbiType[] UInt256 = [AbiType.UInt256];
    private static readonly Address Someone = Address.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");

    private static byte[] Words(params string[] words) => Hex.Decode(string.Concat(words.Select(w => w.PadLeft(64, '0'))));

    private static AbiType[] T(params string[] types) => types.Select(AbiType.Parse).ToArray();

    [Fact]
    public void Encodes_the_erc20_transfer_call()
    {
        var data = AbiCodec.EncodeCall(AbiSignature.Selector("transfer(address,uint256)"), T("address", "uint256"), [Someone, new BigInteger(1000)]);
        Assert.Equal("0xa9059cbb" + "0000000000000000000000005aaeb6053f3e94c9b9a09f33669435e7ef1beaed" + "00000000000000000000000000000000000000000000000000000000000003e8", Hex.Encode(data));
        var back = AbiCodec.DecodeCall(AbiSignature.Selector("transfer(address,uint256)"), T("address", "uint256"), data);
        Assert.Equal(Someone, back[0]);
        Assert.Equal(new BigInteger(1000), back[1]);
    }

    [Fact]
    public void Encodes_the_solidity_documentation_example()
    {
        // From the Solidity ABI specification: f(uint256,uint32[],bytes10,bytes) with (0x123, [0x456, 0x789], "1234567890", "Hello, world!").
        var data = AbiCodec.EncodeCall(AbiSignature.Selector("f(uint256,uint32[],bytes10,bytes)"), T("uint256", "uint32[]", "bytes10", "bytes"),
            [new BigInteger(0x123), new object[] { 0x456, 0x789 }, "1234567890"u8.ToArray(), "Hello, world!"u8.ToArray()]);
        Assert.Equal(
            "0x8be65246" +
            "0000000000000000000000000000000000000000000000000000000000000123" +
            "0000000000000000000000000000000000000000000000000000000000000080" +
            "3132333435363738393000000000000000000000000000000000000000000000" +
            "00000000000000000000000000000000000000000000000000000000000000e0" +
            "0000000000000000000000000000000000000000000000000000000000000002" +
            "0000000000000000000000000000000000000000000000000000000000000456" +
            "0000000000000000000000000000000000000000000000000000000000000789" +
            "000000000000000000000000000000000000000000000000000000000000000d" +
            "48656c6c6f2c20776f726c642100000000000000000000000000000000000000", Hex.Encode(data));
    }

    [Fact]
    public void Encoding_accepts_the_documented_alternative_value_types()
    {
        var hash = new Hash32(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        var a = AbiCodec.Encode(T("uint64", "int32", "uint8", "bytes32", "bytes", "uint16[]"),
            [ulong.MaxValue, -5, (byte)7, hash, new ReadOnlyMemory<byte>([1, 2]), new List<int> { 1, 2 }]);
        var b = AbiCodec.Encode(T("uint64", "int32", "uint8", "bytes32", "bytes", "uint16[]"),
            [new BigInteger(ulong.MaxValue), new BigInteger(-5), BigInteger.One * 7, hash.ToArray(), new byte[] { 1, 2 }, new object[] { 1L, 2u }]);
        Assert.Equal(Hex.Encode(b), Hex.Encode(a));
    }

    [Fact]
    public void Refuses_values_that_do_not_fit_and_names_them()
    {
        var e = Assert.Throws<AbiEncodingException>(() => AbiCodec.Encode(UInt256, [BigInteger.One << 256]));
        Assert.Contains((BigInteger.One << 256).ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
        Assert.Equal("0 to 2^256-1", e.Limit);
        Assert.Equal("values[0]", e.ParamName);

        Assert.Equal("0 to 2^8-1", Assert.Throws<AbiEncodingException>(() => AbiCodec.Encode(T("uint8"), [-1])).Limit);
        Assert.Throws<AbiEncodingException>(() => AbiCodec.Encode(T("uint8"), [256]));
        Assert.Equal("-2^7 to 2^7-1", Assert.Throws<AbiEncodingException>(() => AbiCodec.Encode(T("int8"), [128])).Limit);
        Assert.Throws<AbiEncodingException>(() => AbiCodec.Encode(T("int8"), [-129]));
        Assert.Throws<AbiEncodingException>(() => AbiCodec.Encode(T("int256"), [BigInteger.One << 255]));
        Assert.Equal("exactly 4 bytes", Assert.Throws<AbiEncodingException>(() => AbiCodec.Encode(T("bytes4"), [new byte[5]])).Limit);
        Assert.Throws<AbiEncodingException>(() => AbiCodec.Encode(T("bytes31"), [Hash32.Zero]));
        Assert.Throws<AbiEncodingException>(() => AbiCodec.Encode(T("uint256[2]"), [new object[] { 1 }]));
        Assert.Throws<AbiEncodingException>(() => AbiCodec.Encode(T("uint256"), ["1"]));
        Assert.Throws<AbiEncodingException>(() => AbiCodec.Encode(T("address"), [null]));
        Assert.Throws<AbiEncodingException>(() => AbiCodec.Encode(T("(uint256,bool)"), [new object[] { 1 }]));
        Assert.Throws<AbiEncodingException>(() => AbiCodec.Encode(T("uint256", "bool"), [1]));
        Assert.Throws<AbiEncodingException>(() => AbiCodec.Encode(T("string"), ["bad \ud800 surrogate"]));
    }

    [Fact]
    public void Encoding_errors_carry_the_path_to_the_bad_value()
    {
        var e = Assert.Throws<AbiEncodingException>(() =>
            AbiCodec.Encode(T("bool", "(uint8,uint8[])[]"), [true, new object[] { new object[] { 1, new object[] { 2 } }, new object[] { 3, new object[] { 4, 300 } } }]));
        Assert.Equal("values[1][1][1][1]", e.ParamName);
        Assert.Contains("300 does not fit uint8", e.Message);
    }

    [Fact]
    public void Decodes_the_erc20_transfer_return_and_refuses_trailing_garbage_only_when_malformed()
    {
        Assert.Equal(true, AbiCodec.Decode([AbiType.Bool], Words("1"))[0]);
        // Extra bytes after the values are ignored, as the EVM does.
        Assert.Equal(true, AbiCodec.Decode([AbiType.Bool], Words("1", "ff"))[0]);
        Assert.Empty(AbiCodec.Decode([], Words("1")));
    }

    [Theory]
    [InlineData("address", "0000000000000000000000015aaeb6053f3e94c9b9a09f33669435e7ef1beaed")]
    [InlineData("bool", "2")]
    [InlineData("bool", "100000000000000000000000000000000000000000000000000000000000001")]
    [InlineData("uint8", "100")]
    [InlineData("uint248", "ff00000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("int8", "80")]
    [InlineData("int8", "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")]
    [InlineData("int16", "0000000000000000000000000000000000000000000000000000000000018000")]
    [InlineData("bytes4", "1234567800000000000000000000000000000000000000000000000000000001")]
    [InlineData("bytes31", "00000000000000000000000000000000000000000000000000000000000000ff")]
    public void Refuses_dirty_static_words(string type, string word) =>
        Assert.Throws<AbiDecodingException>(() => AbiCodec.Decode(T(type), Words(word)));

    [Theory]
    [InlineData("int8", "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff80", -128)]
    [InlineData("int8", "7f", 127)]
    [InlineData("int16", "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", -1)]
    [InlineData("uint8", "ff", 255)]
    public void Decodes_sign_extended_integers(string type, string word, long expected) =>
        Assert.Equal(new BigInteger(expected), AbiCodec.Decode(T(type), Words(word))[0]);

    [Fact]
    public void Refuses_truncated_data()
    {
        Assert.Throws<AbiDecodingException>(() => AbiCodec.Decode(UInt256, new byte[31]));
        Assert.Throws<AbiDecodingException>(() => AbiCodec.Decode(UInt256, []));
        Assert.Throws<AbiDecodingException>(() => AbiCodec.Decode(T("uint256", "uint256"), Words("1")));
        Assert.Throws<AbiDecodingException>(() => AbiCodec.Decode(T("uint256[3]"), Words("1", "2")));
        // A string whose padding is missing.
        Assert.Throws<AbiDecodingException>(() => AbiCodec.Decode(T("string"), Words("20", "3").Concat(new byte[] { 0x61, 0x62, 0x63 }).ToArray()));
    }

    [Theory]
    [InlineData("40")]                          // past the end
    [InlineData("0")]                           // back into the head
    [InlineData("1f")]                          // inside the head
    [InlineData("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")]
    [InlineData("100000000000000000000000000000000")]
    [InlineData("80000000")]
    public void Refuses_bad_offsets(string offset) =>
        Assert.Throws<AbiDecodingException>(() => AbiCodec.Decode(T("bytes"), Words(offset, "0")));

    [Theory]
    [InlineData("bytes", "21")]
    [InlineData("string", "7fffffff")]
    [InlineData("string", "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")]
    [InlineData("uint256[]", "2")]
    [InlineData("uint256[]", "8000000")]
    [InlineData("string[]", "7fffffff")]
    [InlineData("(uint256,uint256)[]", "1")]
    public void Refuses_lengths_beyond_the_data(string type, string length) =>
        Assert.Throws<AbiDecodingException>(() => AbiCodec.Decode(T(type), Words("20", length, "0")));

    [Fact]
    public void Refuses_non_zero_padding_after_bytes_and_strings()
    {
        Assert.Equal("abc", AbiCodec.Decode(T("string"), Words("20", "3", "6162630000000000000000000000000000000000000000000000000000000000"))[0]);
        Assert.Throws<AbiDecodingException>(() => AbiCodec.Decode(T("string"), Words("20", "3", "6162630000000000000000000000000000000000000000000000000000000001")));
        Assert.Throws<AbiDecodingException>(() => AbiCodec.Decode(T("bytes"), Words("20", "1", "01ff000000000000000000000000000000000000000000000000000000000000")));
    }

    [Theory]
    [InlineData("ff00000000000000000000000000000000000000000000000000000000000000", 1)]
    [InlineData("c0af000000000000000000000000000000000000000000000000000000000000", 2)]       // overlong '/'
    [InlineData("eda0800000000000000000000000000000000000000000000000000000000000", 3)]       // encoded surrogate
    [InlineData("e282000000000000000000000000000000000000000000000000000000000000", 2)]       // truncated sequence
    public void Refuses_invalid_utf8(string payload, int length)
    {
        var e = Assert.Throws<AbiDecodingException>(() => AbiCodec.Decode(T("string"), Words("20", length.ToString("x", System.Globalization.CultureInfo.InvariantCulture), payload)));
        Assert.Contains("UTF-8", e.Message);
    }

    [Fact]
    public void Overlapping_offsets_cannot_amplify_the_output()
    {
        // 2000 string offsets that all point at the same 1 KiB string: 66 KiB of input that would decode to 2 MB.
        const int count = 2000;
        var words = new List<string> { "20", count.ToString("x", System.Globalization.CultureInfo.InvariantCulture) };
        for (int i = 0; i < count; i++) words.Add((count * 32).ToString("x", System.Globalization.CultureInfo.InvariantCulture));
        words.Add("400");
        for (int i = 0; i < 32; i++) words.Add(new string('6', 64));
        var data = Words([.. words]);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<AbiDecodingException>(() => AbiCodec.Decode(T("string[]"), data));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("overlap", e.Message);
        Assert.True(allocated < 200_000, $"allocated {allocated} bytes");
    }

    [Fact]
    public void A_huge_declared_length_is_refused_before_allocating()
    {
        var data = Words("20", "7fffffe0", "0");
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<AbiDecodingException>(() => AbiCodec.Decode(T("bytes"), data));
        Assert.Throws<AbiDecodingException>(() => AbiCodec.Decode(T("uint256[]"), data));
        Assert.Throws<AbiDecodingException>(() => AbiCodec.Decode(T("bytes[]"), data));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 100_000);
    }

    [Fact]
    public void Nested_dynamic_values_round_trip()
    {
        var types = T("(string,bytes[],(uint8,string)[2])[]", "int256", "bytes3[]");
        object?[] values =
        [
            new object?[]
            {
                new object?[] { "ünï😀", new object?[] { new byte[] { 1 }, Array.Empty<byte>() }, new object?[] { new object?[] { new BigInteger(1), "" }, new object?[] { new BigInteger(255), "x" } } },
            },
            new BigInteger(-42),
            new object?[] { new byte[] { 1, 2, 3 } },
        ];
        AssertDeepEqual(values, AbiCodec.Decode(types, AbiCodec.Encode(types, values)));
    }

    [Fact]
    public void DecodeCall_checks_the_selector()
    {
        var selector = AbiSignature.Selector("balanceOf(address)");
        var data = AbiCodec.EncodeCall(selector, [AbiType.Address], [Someone]);
        Assert.Equal(Someone, AbiCodec.DecodeCall(selector, [AbiType.Address], data)[0]);
        Assert.Throws<AbiDecodingException>(() => AbiCodec.DecodeCall(AbiSignature.Selector("totalSupply()"), [AbiType.Address], data));
        Assert.Throws<AbiDecodingException>(() => AbiCodec.DecodeCall(selector, [AbiType.Address], data.AsSpan(0, 3)));
        Assert.Throws<LiquidStakeArgumentException>(() => AbiCodec.EncodeCall(new byte[3], [], []));
    }

    [Fact]
    public void EncodePacked_follows_solidity()
    {
        var packed = AbiCodec.EncodePacked(T("int16", "bytes1", "uint16", "string"), [-1, new byte[] { 0x42 }, 3, "Hello, world!"]);
        Assert.Equal("0xffff42000348656c6c6f2c20776f726c6421", Hex.Encode(packed));
        var withArray = AbiCodec.EncodePacked(T("address", "uint8[]", "bool"), [Someone, new object[] { 1, 2 }, true]);
        Assert.Equal("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed" + new string('0', 63) + "1" + new string('0', 63) + "2" + "01", Hex.Encode(withArray));
        Assert.Throws<AbiEncodingException>(() => AbiCodec.EncodePacked(T("(uint8,uint8)"), [new object[] { 1, 2 }]));
        Assert.Throws<AbiEncodingException>(() => AbiCodec.EncodePacked(T("string[]"), [new object[] { "a" }]));
        Assert.Throws<AbiEncodingException>(() => AbiCodec.EncodePacked(T("uint8"), [256]));
    }

    [Fact]
    public void Function_pointers_encode_as_bytes24()
    {
        var pointer = Enumerable.Range(1, 24).Select(i => (byte)i).ToArray();
        var encoded = AbiCodec.Encode(T("function"), [pointer]);
        Assert.Equal(AbiCodec.Encode(T("bytes24"), [pointer]), encoded);
        Assert.Equal(pointer, AbiCodec.Decode(T("function"), encoded)[0]);
        Assert.Equal("f(function)", AbiSignature.Canonical("f", T("function")));
    }
}

public class AbiAllocationTests
{
    private static readonly AbiType[] Types = [AbiType.Address, AbiType.UInt256, AbiType.Bytes];

    [Fact]
    public void Encoding_allocates_only_the_output_buffer()
    {
        object?[] values = [LiquidStake.Ethereum.Address.Zero, new System.Numerics.BigInteger(ulong.MaxValue) * 3, new byte[40]];
        AbiCodec.Encode(Types, values); // warm up
        long before = GC.GetAllocatedBytesForCurrentThread();
        var encoded = AbiCodec.Encode(Types, values);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(32 * 6, encoded.Length);
        Assert.True(allocated <= 32 * 6 + 32, $"allocated {allocated} bytes for a {encoded.Length}-byte encoding");
    }

    [Fact]
    public void Decoding_allocates_only_the_values()
    {
        var data = AbiCodec.Encode(Types, [LiquidStake.Ethereum.Address.Zero, new System.Numerics.BigInteger(5), new byte[40]]);
        AbiCodec.Decode(Types, data); // warm up
        long before = GC.GetAllocatedBytesForCurrentThread();
        var values = AbiCodec.Decode(Types, data);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(3, values.Length);
        // object?[3] (48) + boxed Address (40) + boxed BigInteger (32) + byte[40] (64).
        Assert.True(allocated <= 200, $"allocated {allocated} bytes");
    }
}
