using LiquidStake.Testing;

namespace LiquidStake.IntegrationTests.Devnet;

public class DevnetEnvironmentTests
{
    [Fact]
    public void Nothing_set_selects_the_devnet()
    {
        var env = DevnetEnvironment.Parse(null, null, null);
        Assert.Equal(DevnetChainMode.Devnet, env.Mode);
        Assert.True(env.HasReplicas);
        Assert.Null(env.MainnetRpcUrl);
    }

    [Fact]
    public void Fork_devnet_selects_the_fork_of_a_devnet_even_with_an_rpc_url()
    {
        var env = DevnetEnvironment.Parse("fork-devnet", "https://mainnet.example/v1/key", null);
        Assert.Equal(DevnetChainMode.ForkOfDevnet, env.Mode);
        Assert.True(env.HasReplicas);
    }

    [Fact]
    public void Eth_rpc_url_selects_a_mainnet_fork_pinned_to_fork_block()
    {
        var env = DevnetEnvironment.Parse("", "https://mainnet.example/v1/key", "21000000");
        Assert.Equal(DevnetChainMode.MainnetFork, env.Mode);
        Assert.False(env.HasReplicas);
        Assert.Equal(new Uri("https://mainnet.example/v1/key"), env.MainnetRpcUrl);
        Assert.Equal(21_000_000UL, env.ForkBlock);
    }

    [Theory]
    [InlineData("sepolia", null, null)]
    [InlineData("mainnet-fork", null, null)]
    [InlineData(null, "not a url", null)]
    [InlineData(null, "ftp://mainnet.example", null)]
    [InlineData(null, null, "-1")]
    [InlineData(null, null, "0x10")]
    public void Bad_values_are_refused(string? chain, string? url, string? block)
    {
        Assert.Throws<InvalidOperationException>(() => DevnetEnvironment.Parse(chain, url, block));
    }
}
