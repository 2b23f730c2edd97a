// A withdrawal worker process for the crash tests: runs one round of the real worker (SQLite ledger, devnet account
// as signer). At the crash point it prints "AT <point> <tx hash>" and then waits on stdin, so the test can SIGKILL it
// exactly there. Usage: LiquidStake.WorkerHost <rpc-url> <ledger-path> <account-index> <signed|broadcast|mined|none>
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Hosting;
using LiquidStake.Sdk.Withdrawals;
using LiquidStake.Testing;
using Microsoft.Extensions.DependencyInjection;

if (args.Length != 4)
{
    Console.Error.WriteLine("usage: LiquidStake.WorkerHost <rpc-url> <ledger-path> <account-index> <signed|broadcast|mined|none>");
    return 2;
}
var signer = DevnetNode.DeriveTestAccounts()[int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)];
var services = new ServiceCollection();
services.AddSingleton<IWithdrawalClaimObserver>(new CrashPoint(args[3]));
services.AddLiquidStake(o =>
    {
        o.RpcUrl = args[0];
        o.Network = "devnet";
    })
    .AddAllProviders()
    .AddSqliteWithdrawalLedger(args[1])
    .AddWithdrawalWorker(o =>
    {
        o.AddSigner(signer);
        o.WorkerId = "crash-test-worker";
    });
await using var provider = services.BuildServiceProvider();
var report = await provider.GetRequiredService<WithdrawalClaimProcessor>().RunRoundAsync();
Console.WriteLine($"ROUND claimed={report.Claimed} recovered={report.Recovered} failures={report.Failures}");
return 0;

/// <summary>Announces each point of a claim and, at the chosen one, blocks until killed.</summary>
internal sealed class CrashPoint(string point) : IWithdrawalClaimObserver
{
    public ValueTask OnSignedAsync(PendingClaim claim, IReadOnlyList<WithdrawalId> ids, CancellationToken cancellationToken) => At("signed", claim);

    public ValueTask OnBroadcastAsync(PendingClaim claim, IReadOnlyList<WithdrawalId> ids, CancellationToken cancellationToken) => At("broadcast", claim);

    public ValueTask OnMinedAsync(PendingClaim claim, TransactionReceipt receipt, IReadOnlyList<WithdrawalId> ids, CancellationToken cancellationToken) => At("mined", claim);

    private async ValueTask At(string name, PendingClaim claim)
    {
        Console.WriteLine($"AT {name} {claim.Hash}");
        await Console.Out.FlushAsync();
        if (name == point) await Console.In.ReadLineAsync(); // the test kills the process here
    }
}
