// A backend's withdrawal worker: a generic host with the SQLite ledger (or PostgreSQL) and the hosted worker.
//
//   dotnet run --project samples/WithdrawalWorker -- --devnet
//       starts the embedded devnet, requests a Lido withdrawal for a test account, finalizes it the way Lido's oracle
//       does (fork kit), runs the worker until it has claimed it, prints the ledger and exits.
//   LIQUIDSTAKE_PRIVATE_KEY=0x… dotnet run --project samples/WithdrawalWorker -- --rpc-url https://… [--network mainnet]
//       [--ledger ledger.db | --postgres "Host=…;Database=…;Username=…;Password=…"] [--account 0x…]…
//       runs the worker until Ctrl+C: syncs the accounts' requests, claims them (when a key is given) exactly once.
using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Hosting;
using LiquidStake.Sdk.Withdrawals;
using LiquidStake.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var options = SampleArguments.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: --devnet | --rpc-url URL [--network NAME] [--ledger PATH | --postgres CONNECTION] [--account ADDRESS]... (key in LIQUIDSTAKE_PRIVATE_KEY)");
    return 2;
}

await using var devnet = options.Devnet ? await DevnetNode.StartAsync() : null;
PrivateKeySigner? signer = devnet is not null ? devnet.Accounts[1]
    : Environment.GetEnvironmentVariable("LIQUIDSTAKE_PRIVATE_KEY") is { Length: > 0 } key ? PrivateKeySigner.FromHex(key) : null;
var claimed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

var builder = Host.CreateApplicationBuilder();
builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning).AddFilter("Polly", LogLevel.Warning);
builder.Services.AddSingleton<IWithdrawalClaimObserver>(new ClaimAnnouncer());
builder.Services.AddLiquidStake(o =>
    {
        o.RpcUrl = devnet?.RpcUrl.ToString() ?? options.RpcUrl;
        o.Network = devnet is not null ? "devnet" : options.Network;
    })
    .AddAllProviders()
    .AddWithdrawalLedger(o =>
    {
        o.Store = options.PostgreSql is null ? WithdrawalLedgerStore.Sqlite : WithdrawalLedgerStore.PostgreSql;
        o.SqlitePath = options.LedgerPath;
        o.PostgreSqlConnectionString = options.PostgreSql;
    })
    .AddWithdrawalWorker(o =>
    {
        foreach (var account in options.Accounts) o.Accounts.Add(account);
        if (signer is not null) o.AddSigner(signer);
        o.PollingInterval = devnet is not null ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(30);
    });
using var host = builder.Build();
host.Services.GetRequiredService<WithdrawalClaimProcessor>().RoundCompleted += (_, round) =>
{
    if (round.Claimed > 0) claimed.TrySetResult();
};

if (devnet is not null)
{
    // The user side of the story: stake, then request a withdrawal. The worker records it and claims it later.
    var executor = host.Services.GetRequiredService<PreparedTransactionExecutor>();
    var lido = host.Services.GetRequiredKeyedService<IStakingProvider>(ProtocolId.Lido);
    await executor.SendAsync(await lido.PrepareStakeAsync(signer!.Address, EthUnits.ParseEther("2")), signer);
    var request = await executor.SendAsync(await lido.PrepareWithdrawalRequestAsync(signer.Address, EthUnits.ParseEther("1")), signer);
    var ledger = host.Services.GetRequiredService<IWithdrawalLedger>();
    var recorded = await ledger.SyncAsync(signer.Address);
    foreach (var entry in recorded) await ledger.RecordAsync(entry.Id, signer.Address, null, request.ActionReceipt.TransactionHash);
    Console.WriteLine($"requested {string.Join(", ", recorded.Select(e => e.Id))} in {request.ActionReceipt.TransactionHash}; finalizing through Lido's oracle…");
    await devnet.Lido.FinalizeWithdrawalsAsync(recorded.Max(e => e.Id.RequestId!.Value));
}

await host.StartAsync();
Console.WriteLine($"withdrawal worker running ({(options.PostgreSql is null ? "SQLite " + Path.GetFullPath(options.LedgerPath) : "PostgreSQL")}); Ctrl+C stops it");
if (devnet is not null)
{
    await claimed.Task.WaitAsync(TimeSpan.FromMinutes(2));
    await host.StopAsync();
    foreach (var e in await host.Services.GetRequiredService<IWithdrawalLedger>().ListAsync(signer!.Address))
        Console.WriteLine($"{e.Id}: {e.State}, requested in {e.TransactionHash}, claimed {EthUnits.FormatEther(e.AmountClaimed ?? BigInteger.Zero)} ETH in {e.ClaimTransactionHash}");
    return 0;
}
await host.WaitForShutdownAsync();
return 0;

/// <summary>Prints each claim as it is mined.</summary>
internal sealed class ClaimAnnouncer : IWithdrawalClaimObserver
{
    public ValueTask OnSignedAsync(PendingClaim claim, IReadOnlyList<WithdrawalId> ids, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask OnBroadcastAsync(PendingClaim claim, IReadOnlyList<WithdrawalId> ids, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask OnMinedAsync(PendingClaim claim, TransactionReceipt receipt, IReadOnlyList<WithdrawalId> ids, CancellationToken cancellationToken)
    {
        Console.WriteLine($"claimed {string.Join(", ", ids)} in {claim.Hash} (block {receipt.BlockNumber})");
        return ValueTask.CompletedTask;
    }
}

/// <summary>The command line of the sample.</summary>
internal sealed record SampleArguments(bool Devnet, string RpcUrl, string Network, string LedgerPath, string? PostgreSql, IReadOnlyList<Address> Accounts)
{
    public static SampleArguments? Parse(string[] args)
    {
        bool devnet = false;
        string? rpc = null, postgres = null;
        string network = "mainnet", ledger = "liquidstake-ledger.db";
        var accounts = new List<Address>();
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--devnet": devnet = true; break;
                case "--rpc-url": rpc = Next(); break;
                case "--network": network = Next(); break;
                case "--ledger": ledger = Next(); break;
                case "--postgres": postgres = Next(); break;
                case "--account": accounts.Add(Address.Parse(Next())); break;
                default: return null;
            }
        }
        return devnet || rpc is not null ? new SampleArguments(devnet, rpc ?? string.Empty, network, ledger, postgres, accounts) : null;
    }
}
