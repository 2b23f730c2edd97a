using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Contracts.Common;
using LiquidStake.Sdk.Services;
using LiquidStake.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LiquidStake.IntegrationTests.DependencyInjection;

/// <summary>The product path: everything resolved from <c>AddLiquidStake().AddAllProviders()</c>, then used on the devnet.</summary>
public sealed class AddLiquidStakeDevnetTests(DevnetFixture fixture) : DevnetTest(fixture)
{
    private ServiceProvider BuildServices() => DevnetServices.Build(Node);

    [Fact]
    public async Task All_five_providers_resolve_keyed_and_enumerable_and_answer_on_the_devnet()
    {
        await using var services = BuildServices();
        var providers = services.GetServices<IStakingProvider>().ToList();
        Assert.Equal(
            ProtocolId.BuiltIn.Select(p => p.Value).Order(StringComparer.Ordinal),
            providers.Select(p => p.Id.Value).Order(StringComparer.Ordinal));
        foreach (var id in ProtocolId.BuiltIn)
            Assert.Same(services.GetRequiredKeyedService<IStakingProvider>(id), providers.Single(p => p.Id == id));

        var service = services.GetRequiredService<IStakingService>();
        var quotes = await service.QuoteAllAsync(EthUnits.ParseEther("1"));
        // The ETH stakers (Lido, Rocket Pool, ether.fi, StakeWise) all quote; EigenLayer takes LSTs, not ETH.
        Assert.Equal(4, quotes.Count);
        Assert.All(quotes, q => Assert.True(q.Succeeded, $"{q.Protocol}: {q.Error?.Message}"));
        Assert.All(quotes, q => Assert.True(q.Value!.ExpectedOut > 0));
    }

    [DevnetFact]
    public async Task Stake_through_the_di_resolved_provider_mints_exactly_the_quoted_amount()
    {
        await using var services = BuildServices();
        var rocketPool = services.GetRequiredKeyedService<IStakingProvider>(ProtocolId.RocketPool);
        var executor = services.GetRequiredService<PreparedTransactionExecutor>();
        var signer = Node.Accounts[3];
        var amount = EthUnits.ParseEther("2.5");

        var quote = await rocketPool.QuoteStakeAsync(amount);
        Assert.True(quote.IsAllowed);
        var rEth = new Erc20(quote.TokenOut.Address, Node.Rpc);
        var rEthBefore = await rEth.BalanceOfAsync(signer.Address);
        var ethBefore = await Node.Rpc.GetBalanceAsync(signer.Address);

        var plan = await rocketPool.PrepareStakeAsync(signer.Address, amount);
        var simulation = await executor.SimulateAsync(plan);
        Assert.True(simulation.Succeeded);
        var execution = await executor.SendAsync(plan, signer);

        var gas = execution.Receipts.Aggregate(BigInteger.Zero, (sum, r) => sum + r.GasUsed * r.EffectiveGasPrice);
        Assert.Equal(quote.ExpectedOut, await rEth.BalanceOfAsync(signer.Address) - rEthBefore);
        Assert.Equal(ethBefore - amount - gas, await Node.Rpc.GetBalanceAsync(signer.Address));
    }

    [Fact]
    public void A_bad_rpc_url_fails_at_startup_with_the_option_named()
    {
        var services = new ServiceCollection()
            .AddLiquidStake(o =>
            {
                o.RpcUrl = "not a url";
                o.Network = "devnet";
            })
            .AddAllProviders()
            .Services
            .BuildServiceProvider();
        var ex = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<IStakingService>().GetHashCode());
        Assert.Contains("RpcUrl", ex.Message, StringComparison.Ordinal);
    }
}
