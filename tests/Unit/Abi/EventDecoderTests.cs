using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Abi;
using LiquidStake.Ethereum.Crypto;

namespace LiquidStake.UnitTests.Abi;

public class EventDecoderTests
{
    private static readonly Address From = Address.Parse("0x1111111111111111111111111111111111111111");
    private static readonly Address To = Address.Parse("0x2222222222222222222222222222222222222222");

    private static Hash32 Topic(Address a)
    {
        var word = new byte[32];
        a.CopyTo(word.AsSpan(12));
        return new Hash32(word);
    }

    private static readonly AbiEvent Transfer = new("Transfer",
        [new AbiParameter("from", "address", Indexed: true), new AbiParameter("to", "address", Indexed: true), new AbiParameter("value", "uint256")], false);

    [Fact]
    public void Decodes_an_erc20_transfer()
    {
        var values = EventDecoder.Decode(Transfer, [Transfer.Topic, Topic(From), Topic(To)], AbiCodec.Encode([AbiType.UInt256], [1000]));
        Assert.Equal(From, values[0]);
        Assert.Equal(To, values[1]);
        Assert.Equal(new BigInteger(1000), values[2]);
    }

    [Fact]
    public void Checks_topic0_and_the_topic_count()
    {
        var data = AbiCodec.Encode([AbiType.UInt256], [1]);
        Assert.Throws<AbiDecodingException>(() => EventDecoder.Decode(Transfer, [Hash32.Zero, Topic(From), Topic(To)], data));
        Assert.Throws<AbiDecodingException>(() => EventDecoder.Decode(Transfer, [Transfer.Topic, Topic(From)], data));
        Assert.Throws<AbiDecodingException>(() => EventDecoder.Decode(Transfer, [Transfer.Topic, Topic(From), Topic(To), Hash32.Zero], data));
        Assert.Throws<AbiDecodingException>(() => EventDecoder.Decode(Transfer, [Transfer.Topic, Topic(From), Topic(To)], data.AsSpan(0, 31)));
    }

    [Fact]
    public void Indexed_topics_are_decoded_strictly()
    {
        var dirty = new byte[32];
        dirty[0] = 1;
        Assert.Throws<AbiDecodingException>(() => EventDecoder.Decode(Transfer, [Transfer.Topic, new Hash32(dirty), Topic(To)], AbiCodec.Encode([AbiType.UInt256], [1])));
    }

    [Fact]
    public void Indexed_dynamic_values_come_back_as_their_hash()
    {
        var ev = new AbiEvent("Named", [
            new AbiParameter("name", "string", Indexed: true),
            new AbiParameter("ids", "uint256[]", Indexed: true),
            new AbiParameter("s", "tuple", [new AbiParameter("a", "uint8")], Indexed: true),
            new AbiParameter("note", "string")], false);
        var nameHash = Keccak256.ComputeHash32("stake"u8);
        var idsHash = Keccak256.ComputeHash32([1, 2, 3]);
        var tupleHash = Keccak256.ComputeHash32([4]);
        var values = EventDecoder.Decode(ev, [ev.Topic, nameHash, idsHash, tupleHash], AbiCodec.Encode([AbiType.StringType], ["hello"]));
        Assert.Equal(nameHash, values[0]);
        Assert.Equal(idsHash, values[1]);
        Assert.Equal(tupleHash, values[2]);
        Assert.Equal("hello", values[3]);
    }

    [Fact]
    public void Anonymous_events_have_no_topic0()
    {
        var ev = new AbiEvent("Anon", [new AbiParameter("who", "address", Indexed: true), new AbiParameter("flag", "bool", Indexed: true)], true);
        var one = new byte[32];
        one[31] = 1;
        var values = EventDecoder.Decode(ev, [Topic(From), new Hash32(one)], []);
        Assert.Equal(From, values[0]);
        Assert.Equal(true, values[1]);
    }

    [Fact]
    public void The_shape_overload_validates_its_arguments()
    {
        Assert.Throws<LiquidStakeArgumentException>(() => EventDecoder.Decode([AbiType.UInt256], [true, false], null, [], []));
        var values = EventDecoder.Decode([AbiType.UInt256, AbiType.Bool], [false, true], null, [new Hash32(new byte[32])], AbiCodec.Encode([AbiType.UInt256], [7]));
        Assert.Equal(new BigInteger(7), values[0]);
        Assert.Equal(false, values[1]);
    }
}
