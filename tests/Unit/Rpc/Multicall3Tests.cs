using System.Text.Json;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Abi;
using LiquidStake.Ethereum.Contracts;
using LiquidStake.Ethereum.Multicall;
using LiquidStake.Ethereum.Rpc;

namespace LiquidStake.UnitTests.Rpc;

public sealed class Multicall3Tests
{
    private static readonly AbiType[] Inputs = [AbiType.Parse("(address,bool,bytes)[]")];
    private static readonly AbiType[] Outputs = [AbiType.Parse("(bool,bytes)[]")];

    [Fact]
    public void Aggregate3_selector_is_0x82ad56cb_computed_from_the_signature()
    {
        Assert.Equal("0x82ad56cb", Hex.Encode(Multicall3Client.Aggregate3Selector));
        Assert.Equal(Keccak256Prefix("aggregate3((address,bool,bytes)[])"), Multicall3Client.Aggregate3Selector.ToArray());
        Assert.Equal(Address.Parse("0xcA11bde05977b3631167028862bE2a173976CA11"), Multicall3Client.CanonicalAddress);
    }

    private static byte[] Keccak256Prefix(string signature) => LiquidStake.Ethereum.Crypto.Keccak256.HashUtf8(signature)[..4];

    [Fact]
    public void Encoding_round_trips_through_the_abi_codec()
    {
        var calls = new[]
        {
            new MulticallCall(Address.Parse("0x0000000000000000000000000000000000000001"), new byte[] { 1, 2, 3 }),
            new MulticallCall(Address.Parse("0x0000000000000000000000000000000000000002"), Array.Empty<byte>(), AllowFailure: false),
        };
        var decoded = (object?[])AbiCodec.DecodeCall(Multicall3Client.Aggregate3Selector, Inputs, Multicall3Client.EncodeAggregate3(calls))[0]!;
        Assert.Equal(2, decoded.Length);
        var first = (object?[])decoded[0]!;
        Assert.Equal(calls[0].Target, first[0]);
        Assert.Equal(true, first[1]);
        Assert.Equal(new byte[] { 1, 2, 3 }, first[2]);
        Assert.Equal(false, ((object?[])decoded[1]!)[1]);
    }

    [Fact]
    public void Chunks_respect_calldata_size_and_gas_budget_and_keep_order()
    {
        var calls = Enumerable.Range(0, 10).Select(i => new MulticallCall(Address.Zero, new byte[100], GasHint: 10)).ToList();
        // Each call costs 32 + 128 + 128 = 288 bytes; 68 fixed bytes; 1000 bytes fit 3 calls.
        var bySize = Multicall3Client.Chunk(calls, new Multicall3Options { MaxCalldataBytes = 1000 });
        Assert.Equal([3, 3, 3, 1], bySize.Select(c => c.Count).ToArray());
        Assert.Equal([0, 3, 6, 9], bySize.Select(c => c.Start).ToArray());

        var byGas = Multicall3Client.Chunk(calls, new Multicall3Options { MaxGasPerChunk = 40 });
        Assert.Equal([4, 4, 2], byGas.Select(c => c.Count).ToArray());

        var huge = new List<MulticallCall> { new(Address.Zero, new byte[5000]), new(Address.Zero, new byte[1]) };
        Assert.Equal([1, 1], Multicall3Client.Chunk(huge, new Multicall3Options { MaxCalldataBytes = 1000 }).Select(c => c.Count).ToArray());
    }

    /// <summary>A node whose Multicall3 answers each call with its calldata reversed; calls to odd targets fail.</summary>
    private static FakeRpcServer MulticallNode() => new(r =>
    {
        var answers = r.Calls.Select(call =>
        {
            var callObject = call.GetProperty("params")[0];
            Assert.Equal(Multicall3Client.CanonicalAddress.ToLowerHex(), callObject.GetProperty("to").GetString());
            var data = Hex.Decode(callObject.GetProperty("data").GetString());
            var items = (object?[])AbiCodec.DecodeCall(Multicall3Client.Aggregate3Selector, Inputs, data)[0]!;
            var results = items.Select(item =>
            {
                var tuple = (object?[])item!;
                var target = (Address)tuple[0]!;
                var bytes = ((byte[])tuple[2]!).Reverse().ToArray();
                return (object?)new object?[] { target.ToArray()[19] % 2 == 0, bytes };
            }).ToArray();
            return FakeRpcServer.ResultFor(call, JsonSerializer.Serialize(Hex.Encode(AbiCodec.Encode(Outputs, [results]))));
        }).ToList();
        return FakeReply.Json(r.IsBatch ? "[" + string.Join(",", answers) + "]" : answers[0]);
    });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Results_come_back_in_input_order_across_chunks(bool oneBatch)
    {
        await using var server = MulticallNode();
        using var client = new EthereumRpcClient(new EthereumRpcClientOptions { Url = server.Url });
        var multicall = new Multicall3Client(client, new Multicall3Options { MaxCalldataBytes = 1000, SendChunksAsOneBatch = oneBatch });
        var calls = Enumerable.Range(0, 25).Select(i => new MulticallCall(
            Address.Parse("0x" + i.ToString("x40", System.Globalization.CultureInfo.InvariantCulture)),
            new byte[] { (byte)i, 0xff, (byte)(i * 2) })).ToList();

        var results = await multicall.AggregateAsync(calls);

        Assert.Equal(25, results.Count);
        for (int i = 0; i < 25; i++)
        {
            Assert.Equal(i % 2 == 0, results[i].Success);
            Assert.Equal(new byte[] { (byte)(i * 2), 0xff, (byte)i }, results[i].ReturnData);
        }
        int chunks = server.Calls.Count;
        Assert.True(chunks > 1);
        Assert.Equal(oneBatch ? 1 : chunks, server.Requests.Count);
    }

    [Fact]
    public async Task Batched_chunks_split_into_several_batches_at_the_batch_calldata_budget()
    {
        await using var server = MulticallNode();
        using var client = new EthereumRpcClient(new EthereumRpcClientOptions { Url = server.Url });
        // Each chunk is a little under 1000 bytes of calldata; a 2500-byte budget fits two chunks per batch.
        var multicall = new Multicall3Client(client, new Multicall3Options { MaxCalldataBytes = 1000, SendChunksAsOneBatch = true, MaxBatchCalldataBytes = 2500 });
        var calls = Enumerable.Range(0, 25).Select(i => new MulticallCall(
            Address.Parse("0x" + i.ToString("x40", System.Globalization.CultureInfo.InvariantCulture)),
            new byte[] { (byte)i, 0xff, (byte)(i * 2) })).ToList();

        var results = await multicall.AggregateAsync(calls);

        for (int i = 0; i < 25; i++) Assert.Equal(new byte[] { (byte)(i * 2), 0xff, (byte)i }, results[i].ReturnData);
        int chunks = server.Calls.Count;
        Assert.True(chunks >= 4, $"{chunks} chunks");
        // More than one batch (the budget holds), fewer than one request per chunk (chunks still share batches).
        Assert.InRange(server.Requests.Count, 2, chunks - 1);
    }

    [Fact]
    public async Task A_reverting_chunk_throws_ContractRevertException()
    {
        await using var server = new FakeRpcServer(r => FakeReply.Json(r.Error(3, "execution reverted: Multicall3: call failed",
            "\"0x08c379a0000000000000000000000000000000000000000000000000000000000000002000000000000000000000000000000000000000000000000000000000000000174d756c746963616c6c333a2063616c6c206661696c6564000000000000000000\"")));
        using var client = new EthereumRpcClient(new EthereumRpcClientOptions { Url = server.Url });
        var ex = await Assert.ThrowsAsync<ContractRevertException>(() =>
            new Multicall3Client(client).AggregateAsync([new MulticallCall(Address.Zero, new byte[] { 1 }, AllowFailure: false)]));
        Assert.Equal("Multicall3: call failed", Assert.Single(ex.ErrorArguments));
    }
}
