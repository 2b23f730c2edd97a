using System.Diagnostics;
using System.Numerics;
using LiquidStake.Testing;
using LiquidStake.Ethereum;
using LiquidStake.IntegrationTests.Support;

namespace LiquidStake.IntegrationTests.Devnet;

/// <summary>Tests that start their own nodes (not the shared fixture).</summary>
[Collection(DevnetCollectionDefinition.Name)]
public class ForkAndLifecycleTests
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    [Fact]
    public async Task Fork_of_the_devnet_starts_with_the_replicas_and_stakes_exact_shares()
    {
        DevnetNode fork = await DevnetNode.StartForkOfDevnetAsync();
        int forkPid = fork.ProcessId;
        int upstreamPid = fork.Upstream!.ProcessId;
        try
        {
            Assert.Equal(DevnetChainMode.ForkOfDevnet, fork.Mode);
            Assert.True(fork.HasReplicas);
            Assert.Equal(1UL, await fork.Rpc.GetChainIdAsync());

            var staker = fork.Accounts[3];
            var amount = 5 * Ether;
            var expectedShares = await fork.Lido.StEth.GetSharesByPooledEthAsync(amount);
            var sharesBefore = await fork.Lido.StEth.SharesOfAsync(staker.Address);

            var receipt = await fork.Sender.SendAndWaitAsync(fork.Lido.StEth.PrepareSubmit(default, amount), staker);

            Assert.True(receipt.Succeeded);
            Assert.Equal(sharesBefore + expectedShares, await fork.Lido.StEth.SharesOfAsync(staker.Address));
        }
        finally
        {
            await fork.DisposeAsync();
        }
        Assert.True(fork.HasExited);
        Assert.True(fork.Upstream.HasExited);
        AssertProcessGone(forkPid);
        AssertProcessGone(upstreamPid);
    }

    [Fact]
    public async Task Disposal_stops_Anvil_even_when_the_test_body_throws()
    {
        DevnetNode? started = null;
        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var node = await DevnetNode.StartAsync();
            started = node;
            throw new InvalidOperationException("test failure");
        });
        Assert.NotNull(started);
        Assert.True(started.HasExited);
        AssertProcessGone(started.ProcessId);
    }

    [MainnetForkFact]
    public async Task Mainnet_fork_has_real_Lido_and_the_driver_finds_its_oracle_and_role_holders()
    {
        var environment = DevnetEnvironment.FromEnvironment();
        await using var node = await DevnetNode.StartForkAsync(environment.MainnetRpcUrl!, environment.ForkBlock);
        Assert.Equal(DevnetChainMode.MainnetFork, node.Mode);
        Assert.False(node.HasReplicas);
        Assert.Equal("stETH", await node.Lido.StEth.SymbolAsync());
        Assert.Equal(DevnetAddresses.Lido.AccountingOracle, await node.Lido.Locator.AccountingOracleAsync());
        var holder = await node.Lido.FindAppRoleHolderAsync("STAKING_PAUSE_ROLE", await node.Lido.StEth.StakingPauseRoleAsync());
        Assert.Equal(await node.Lido.Locator.TreasuryAsync(), holder);
    }

    [DevnetFact]
    public async Task Replica_helpers_refuse_non_positive_inputs_before_sending()
    {
        await using var node = await DevnetNode.StartAsync();
        var error = await Assert.ThrowsAsync<LiquidStakeArgumentException>(() => node.EigenLayer.SlashOperatorAsync(
            DevnetAddresses.EigenLayer.OperatorA, DevnetAddresses.EigenLayer.EigenDaAvs, 0, DevnetAddresses.EigenLayer.StEthStrategy, BigInteger.Zero));
        Assert.Equal("wadToSlash", error.ParamName);
    }

    private static void AssertProcessGone(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            Assert.True(process.HasExited, $"Anvil process {pid} is still running");
        }
        catch (ArgumentException)
        {
            // No such process: gone.
        }
    }
}
