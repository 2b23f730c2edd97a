// A consumer of the packed LiquidStake packages: starts the devnet, stakes 1 ETH with Lido through the DI-registered
// provider and checks the stETH position grew. Exit code 0 and "stake ok" on success; anything else is a failure.
using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Sdk;
using LiquidStake.Testing;
using Microsoft.Extensions.DependencyInjection;

using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(5));
await using var devnet = await DevnetNode.StartAsync(cancellationToken: cancellation.Token);

var services = new ServiceCollection();
services.AddLiquidStake(o =>
{
    o.RpcUrl = devnet.RpcUrl.ToString();
    o.Network = "devnet";
}).AddAllProviders();
await using var provider = services.BuildServiceProvider();

var lido = provider.GetRequiredKeyedService<IStakingProvider>(ProtocolId.Lido);
var executor = provider.GetRequiredService<PreparedTransactionExecutor>();
using var signer = DevnetNode.DeriveTestAccounts()[8];

BigInteger before = await StEthBalanceAsync(signer.Address);
await executor.SendAsync(await lido.PrepareStakeAsync(signer.Address, EthUnits.ParseEther("1"), cancellation.Token), signer, cancellationToken: cancellation.Token);
BigInteger after = await StEthBalanceAsync(signer.Address);

// stETH rounds shares down: the new balance is within 2 wei of 1 ETH more.
BigInteger gained = after - before;
if (BigInteger.Abs(gained - EthUnits.ParseEther("1")) > 2)
{
    Console.Error.WriteLine($"stake failed: stETH balance grew by {gained} wei, expected 1 ETH");
    return 1;
}
Console.WriteLine($"stake ok: {signer.Address} gained {gained} wei of stETH");
return 0;

async Task<BigInteger> StEthBalanceAsync(Address account)
{
    var positions = await lido.GetPositionsAsync(account, cancellation.Token);
    return positions.Where(p => p.Token.Symbol == "stETH").Select(p => p.Balance).Aggregate(BigInteger.Zero, (a, b) => a + b);
}
