using LiquidStake.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiquidStake.IntegrationTests.Support;

/// <summary>The product's own registration against a test node: <c>AddLiquidStake(devnet at the node's URL).AddAllProviders()</c>.</summary>
public static class DevnetServices
{
    public static ServiceProvider Build(DevnetNode node) =>
        new ServiceCollection()
            .AddLiquidStake(o =>
            {
                o.RpcUrl = node.RpcUrl.ToString();
                o.Network = "devnet";
            })
            .AddAllProviders()
            .Services
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
}
