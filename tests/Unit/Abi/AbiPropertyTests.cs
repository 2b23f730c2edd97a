using CsCheck;
using LiquidStake.Ethereum.Abi;
using static LiquidStake.UnitTests.Abi.AbiTestValues;

namespace LiquidStake.UnitTests.Abi;

public class AbiPropertyTests
{
    private static string Print((AbiType[] Types, object?[] Values) sample) =>
        string.Join(",", sample.Types.Select(t => t.CanonicalName)) + " = " + Show(sample.Values);

    [Fact]
    public void Encode_then_decode_gives_the_values_back()
    {
        AbiGenerators.TypesAndValues.Sample(sample =>
        {
            var encoded = AbiCodec.Encode(sample.Types, sample.Values);
            Assert.Equal(0, encoded.Length % 32);
            AssertDeepEqual(sample.Values, AbiCodec.Decode(sample.Types, encoded));
        }, iter: 1500, threads: 1, print: Print);
    }

    [Fact]
    public void EncodeCall_then_DecodeCall_gives_the_arguments_back()
    {
        AbiGenerators.TypesAndValues.Sample(sample =>
        {
            string signature = AbiSignature.Canonical("f", sample.Types);
            var selector = AbiSignature.Selector(signature);
            var calldata = AbiCodec.EncodeCall(selector, sample.Types, sample.Values);
            Assert.Equal(selector, calldata[..4]);
            Assert.Equal(AbiSignature.SelectorValue(signature), System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(calldata));
            AssertDeepEqual(sample.Values, AbiCodec.DecodeCall(selector, sample.Types, calldata));
        }, iter: 500, threads: 1, print: Print);
    }

    [Fact]
    public void Canonical_names_parse_back_to_the_same_type()
    {
        AbiGenerators.Type(3).Sample(type =>
        {
            var parsed = AbiType.Parse(type.CanonicalName);
            Assert.Equal(type, parsed);
            Assert.Equal(type.IsDynamic, parsed.IsDynamic);
            Assert.Equal(type.HeadSize, parsed.HeadSize);
        }, iter: 1000, threads: 1);
    }
}
