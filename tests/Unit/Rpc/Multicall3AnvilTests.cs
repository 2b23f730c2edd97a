using System.Numerics;
using LiquidStake.Testing;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Abi;
using LiquidStake.Ethereum.Multicall;
using LiquidStake.Ethereum.Rpc;

namespace LiquidStake.UnitTests.Rpc;

public sealed class Multicall3AnvilTests(AnvilFixture fixture) : IClassFixture<AnvilFixture>
{
    // Runtime code of chain/contracts/common/Multicall3.sol (the devnet replica of the canonical Multicall3),
    // compiled with solc-js 0.8.30, optimizer on, 200 runs.
    private static byte[] Multicall3Runtime() =>
        Hex.Decode(File.ReadAllText(Path.Combine(AnvilProcess.FindRepositoryRoot(), "tests", "Unit", "Rpc", "TestData", "multicall3-runtime.hex")).Trim());

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Aggregate3_on_a_real_node_returns_successes_and_failures_in_order(bool oneBatch)
    {
        var client = fixture.Client;
        await Contracts.InstallAsync(client);
        await client.RequestAsync("anvil_setCode", [Multicall3Client.CanonicalAddress, Multicall3Runtime()]);
        var multicall = new Multicall3Client(client, new Multicall3Options { MaxCalldataBytes = 600, SendChunksAsOneBatch = oneBatch });
        var getBlockNumber = AbiSignature.Selector("getBlockNumber()");
        var calls = new List<MulticallCall>();
        for (int i = 0; i < 6; i++)
        {
            calls.Add(new MulticallCall(Contracts.Return42Address, new byte[] { (byte)i }));
            calls.Add(new MulticallCall(Contracts.RevertAddress, ReadOnlyMemory<byte>.Empty));
            calls.Add(new MulticallCall(Multicall3Client.CanonicalAddress, getBlockNumber));
        }
        ulong head = await client.GetBlockNumberAsync();

        var results = await multicall.AggregateAsync(calls, head);

        Assert.Equal(18, results.Count);
        for (int i = 0; i < 18; i += 3)
        {
            Assert.True(results[i].Success);
            Assert.Equal(new BigInteger(42), new BigInteger(results[i].ReturnData, isUnsigned: true, isBigEndian: true));
            Assert.False(results[i + 1].Success);
            Assert.Equal("nope", RevertDecoder.Decode(results[i + 1].ReturnData).Arguments[0]);
            Assert.True(results[i + 2].Success);
            Assert.Equal(new BigInteger(head), new BigInteger(results[i + 2].ReturnData, isUnsigned: true, isBigEndian: true));
        }
    }
}
