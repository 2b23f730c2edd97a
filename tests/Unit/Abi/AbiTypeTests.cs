using LiquidStake.Ethereum.Abi;

namespace LiquidStake.UnitTests.Abi;

public class AbiTypeTests
{
    [Theory]
    [InlineData("uint256", false, 32)]
    [InlineData("int8", false, 32)]
    [InlineData("address", false, 32)]
    [InlineData("bool", false, 32)]
    [InlineData("bytes1", false, 32)]
    [InlineData("bytes32", false, 32)]
    [InlineData("bytes", true, 32)]
    [InlineData("string", true, 32)]
    [InlineData("uint256[]", true, 32)]
    [InlineData("uint256[3]", false, 96)]
    [InlineData("string[2]", true, 32)]
    [InlineData("(address,uint256)", false, 64)]
    [InlineData("(address,uint256)[]", true, 32)]
    [InlineData("(address,(uint8,bytes32)[2])[2][]", true, 32)]
    [InlineData("(uint8,(bool,address))[2]", false, 192)]
    [InlineData("(uint8,bytes)", true, 32)]
    [InlineData("function", false, 32)]
    [InlineData("function[]", true, 32)]
    public void Parse_gives_the_canonical_name_dynamic_flag_and_head_size(string text, bool dynamic, int headSize)
    {
        var type = AbiType.Parse(text);
        Assert.Equal(text, type.CanonicalName);
        Assert.Equal(dynamic, type.IsDynamic);
        Assert.Equal(headSize, type.HeadSize);
        Assert.Equal(type, AbiType.Parse(type.CanonicalName));
    }

    [Theory]
    [InlineData("uint", "uint256")]
    [InlineData("int", "int256")]
    [InlineData("uint[]", "uint256[]")]
    [InlineData("tuple(uint,address)", "(uint256,address)")]
    public void Parse_accepts_aliases(string text, string canonical) => Assert.Equal(canonical, AbiType.Parse(text).CanonicalName);

    [Fact]
    public void All_integer_widths_and_fixed_byte_sizes_parse()
    {
        for (int bits = 8; bits <= 256; bits += 8)
        {
            Assert.Equal(bits, ((AbiIntegerType)AbiType.Parse($"uint{bits}")).Bits);
            Assert.True(((AbiIntegerType)AbiType.Parse($"int{bits}")).IsSigned);
        }
        for (int n = 1; n <= 32; n++) Assert.Equal(n, ((AbiFixedBytesType)AbiType.Parse($"bytes{n}")).Size);
    }

    [Theory]
    [InlineData("uint7")]
    [InlineData("uint0")]
    [InlineData("uint264")]
    [InlineData("int1024")]
    [InlineData("uint08")]
    [InlineData("bytes0")]
    [InlineData("bytes33")]
    [InlineData("foo")]
    [InlineData("")]
    [InlineData("uint256[0]")]
    [InlineData("uint256[01]")]
    [InlineData("uint256[-1]")]
    [InlineData("uint256[")]
    [InlineData("()")]
    [InlineData("(uint256")]
    [InlineData("(uint256,)")]
    [InlineData("uint256 ")]
    [InlineData("fixed128x18")]
    [InlineData("uint256[99999999]")]
    public void Parse_refuses_invalid_types(string text) => Assert.Throws<EthereumFormatException>(() => AbiType.Parse(text));

    [Fact]
    public void Parse_refuses_absurd_nesting_without_overflowing_the_stack()
    {
        string deep = new string('(', 10_000) + "uint8" + new string(')', 10_000);
        Assert.Throws<EthereumFormatException>(() => AbiType.Parse(deep));
    }

    [Fact]
    public void FromJson_builds_tuples_from_components_with_array_suffixes()
    {
        var components = new[]
        {
            new AbiParameter("strategy", "address"),
            new AbiParameter("shares", "uint256[]"),
            new AbiParameter("inner", "tuple", [new AbiParameter("a", "uint32"), new AbiParameter("b", "bytes")]),
        };
        var type = AbiType.FromJson("tuple[2][]", components);
        Assert.Equal("(address,uint256[],(uint32,bytes))[2][]", type.CanonicalName);
        var tuple = (AbiTupleType)((AbiArrayType)((AbiArrayType)type).ElementType).ElementType;
        Assert.Equal(["strategy", "shares", "inner"], tuple.ComponentNames);
        Assert.Equal(AbiType.Parse("uint8[]"), AbiType.FromJson("uint8[]", null));
        Assert.Throws<EthereumFormatException>(() => AbiType.FromJson("tuple", null));
        Assert.Throws<EthereumFormatException>(() => AbiType.FromJson("tuple[x]", components));
    }

    [Fact]
    public void Equality_ignores_component_names()
    {
        var named = AbiType.FromJson("tuple", [new AbiParameter("x", "uint256")]);
        Assert.Equal(AbiType.Parse("(uint256)"), named);
        Assert.True(named == AbiType.Parse("(uint256)"));
        Assert.NotEqual(AbiType.Parse("uint256"), AbiType.Parse("int256"));
        Assert.Equal(AbiType.Parse("(uint256)").GetHashCode(), named.GetHashCode());
    }

    [Fact]
    public void Factories_validate_their_arguments()
    {
        Assert.Equal("uint64", AbiIntegerType.Create(64, false).CanonicalName);
        Assert.Equal("bytes7", AbiFixedBytesType.Create(7).CanonicalName);
        Assert.Equal("bool[4]", AbiArrayType.Create(AbiType.Bool, 4).CanonicalName);
        Assert.Equal("(bool,string)", AbiTupleType.Create([AbiType.Bool, AbiType.StringType]).CanonicalName);
        Assert.Throws<LiquidStakeArgumentException>(() => AbiIntegerType.Create(12, true));
        Assert.Throws<LiquidStakeArgumentException>(() => AbiFixedBytesType.Create(33));
        Assert.Throws<LiquidStakeArgumentException>(() => AbiArrayType.Create(AbiType.Bool, 0));
        Assert.Throws<LiquidStakeArgumentException>(() => AbiTupleType.Create([]));
    }
}

public class AbiSignatureTests
{
    [Fact]
    public void Selectors_and_topics_of_well_known_signatures()
    {
        Assert.Equal("0xa9059cbb", LiquidStake.Ethereum.Hex.Encode(AbiSignature.Selector("transfer(address,uint256)")));
        Assert.Equal(0xa9059cbbu, AbiSignature.SelectorValue("transfer(address,uint256)"));
        Assert.Equal("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef", AbiSignature.EventTopic("Transfer(address,address,uint256)").ToString());
        Assert.Equal("f()", AbiSignature.Canonical("f", []));
        Assert.Equal("g(uint256,(address,bytes)[])", AbiSignature.Canonical("g", [AbiType.UInt256, AbiType.Parse("(address,bytes)[]")]));
        // Long signatures go through a pooled buffer instead of the stack.
        string longSignature = "h(" + string.Join(",", Enumerable.Repeat("uint256", 200)) + ")";
        Assert.Equal(LiquidStake.Ethereum.Crypto.Keccak256.HashUtf8(longSignature)[..4], AbiSignature.Selector(longSignature));
    }
}
