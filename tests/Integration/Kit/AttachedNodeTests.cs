using LiquidStake.Testing;

namespace LiquidStake.IntegrationTests.Kit;

/// <summary><see cref="DevnetNode.ConnectAsync"/>: the kit drives an Anvil it did not start, and leaves it running.</summary>
public sealed class AttachedNodeTests
{
    [Fact]
    public async Task An_attached_node_drives_a_running_devnet_and_leaves_it_running_when_disposed()
    {
        await using var owner = await DevnetNode.StartAsync();
        ulong head;
        await using (var attached = await DevnetNode.ConnectAsync(owner.RpcUrl))
        {
            Assert.True(attached.IsAttached);
            Assert.False(owner.IsAttached);
            Assert.True(attached.HasReplicas);
            Assert.Equal(DevnetChainMode.Devnet, attached.Mode);
            Assert.Throws<InvalidOperationException>(() => attached.ProcessId);
            await attached.Lido.OracleReportAsync(300, 86_400);
            head = await attached.Rpc.GetBlockNumberAsync();
        }
        Assert.False(owner.HasExited);
        Assert.Equal(head, await owner.Rpc.GetBlockNumberAsync());
    }

    [Fact]
    public async Task A_url_that_is_not_http_is_refused_naming_the_argument()
    {
        var ex = await Assert.ThrowsAsync<LiquidStake.LiquidStakeArgumentException>(() => DevnetNode.ConnectAsync(new Uri("ws://127.0.0.1:8545")));
        Assert.Equal("rpcUrl", ex.ParamName);
    }
}
