using System.Numerics;
using LiquidStake.Testing;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Signing;

namespace LiquidStake.UnitTests.Rpc;

/// <summary>One Anvil per test class, plus hand-assembled contracts installed with anvil_setCode.</summary>
public sealed class AnvilFixture : IAsyncLifetime
{
    public AnvilProcess Anvil { get; private set; } = null!;

    public EthereumRpcClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Anvil = await AnvilProcess.StartAsync();
        Client = Contracts.NewClient(Anvil);
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (Anvil is not null) await Anvil.DisposeAsync();
    }
}

internal static class Contracts
{
    public static readonly BigInteger OneEther = BigInteger.Pow(10, 18);

    /// <summary>Returns the 32-byte word 42: PUSH1 2a PUSH1 0 MSTORE PUSH1 20 PUSH1 0 RETURN.</summary>
    public static readonly byte[] Return42 = Hex.Decode("0x602a60005260206000f3");

    /// <summary>Always reverts with Error("nope").</summary>
    public static readonly byte[] RevertNope = Hex.Decode(
        "0x7f08c379a0" + new string('0', 56) + "600052" +
        "6020600452" +
        "6004602452" +
        "7f6e6f7065" + new string('0', 56) + "604452" +
        "60646000fd");

    /// <summary>Topic emitted by <see cref="EmitLog"/>.</summary>
    public static readonly Hash32 LogTopic = Hash32.Parse("0x" + new string('a', 64));

    /// <summary>Emits LOG1(topic = 0xaaaa..) with empty data: PUSH32 topic PUSH1 0 PUSH1 0 LOG1 STOP.</summary>
    public static readonly byte[] EmitLog = Hex.Decode("0x7f" + new string('a', 64) + "60006000a100");

    public static readonly Address Return42Address = Address.Parse("0x00000000000000000000000000000000000c0de1");
    public static readonly Address RevertAddress = Address.Parse("0x00000000000000000000000000000000000c0de2");
    public static readonly Address EmitterAddress = Address.Parse("0x00000000000000000000000000000000000c0de3");

    public static EthereumRpcClient NewClient(AnvilProcess anvil, int maxBatchSize = 100) =>
        new(new EthereumRpcClientOptions { Url = anvil.RpcUrl, MaxBatchSize = maxBatchSize });

    public static PrivateKeySigner Signer(int index) => PrivateKeySigner.FromHex(AnvilProcess.TestPrivateKeys[index]);

    public static async Task InstallAsync(EthereumRpcClient client)
    {
        await client.RequestAsync("anvil_setCode", [Return42Address, Return42]);
        await client.RequestAsync("anvil_setCode", [RevertAddress, RevertNope]);
        await client.RequestAsync("anvil_setCode", [EmitterAddress, EmitLog]);
    }
}
