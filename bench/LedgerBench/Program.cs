// Withdrawal ledger benchmark (not a test; numbers go to bench/README.md):
//   dotnet run -c Release --project bench/LedgerBench -- store [N]    SQLite (and PostgreSQL when LIQUIDSTAKE_BENCH_POSTGRES
//                                                                     holds a connection string) write/read throughput
//   dotnet run -c Release --project bench/LedgerBench -- sync [N]     N open Lido requests on the devnet (4 owners), then one
//                                                                     worker round (sync + re-check) from an empty ledger:
//                                                                     HTTP requests to the node and wall time
using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Contracts.Lido;
using LiquidStake.Sdk.Hosting;
using LiquidStake.Sdk.Storage;
using LiquidStake.Sdk.Storage.PostgreSql;
using LiquidStake.Sdk.Storage.Sqlite;
using LiquidStake.Sdk.Withdrawals;
using LiquidStake.Testing;
using Microsoft.Extensions.DependencyInjection;

var mode = args.Length > 0 ? args[0] : "store";
int n = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
var directory = Directory.CreateTempSubdirectory("liquidstake-bench-").FullName;
try
{
    if (mode == "store") await StoreAsync(n, directory);
    else if (mode == "sync") await SyncAsync(n, directory);
    else Console.Error.WriteLine("modes: store [N] | sync [N]");
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(directory, recursive: true);
}

static async Task StoreAsync(int n, string directory)
{
    await MeasureStoreAsync("SQLite", new SqliteDialect(Path.Combine(directory, "bench.db")), n);
    if (Environment.GetEnvironmentVariable("LIQUIDSTAKE_BENCH_POSTGRES") is { Length: > 0 } cs)
    {
        await using var pg = PostgreSqlDialect.FromConnectionString(cs);
        await MeasureStoreAsync("PostgreSQL", pg, n);
    }
    else
    {
        Console.WriteLine("PostgreSQL: skipped (set LIQUIDSTAKE_BENCH_POSTGRES to a connection string of an empty database)");
    }
}

static async Task MeasureStoreAsync(string name, SqlDialect dialect, int n)
{
    var ledger = new RelationalWithdrawalLedger(dialect, []);
    await ledger.InitializeAsync();
    var owner = Address.Parse("0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65");
    var token = new StakingToken("stETH", "Liquid staked Ether 2.0", Address.Parse("0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84"), 18, TokenAccounting.Rebasing);
    var watch = Stopwatch.StartNew();
    for (int i = 1; i <= n; i++)
    {
        var id = WithdrawalId.ForRequest(ProtocolId.Lido, i);
        await ledger.RecordAsync(id, owner, new WithdrawalRequest(id, owner, token, i, i, WithdrawalStatus.Pending, null, null, null));
    }
    var write = watch.Elapsed;
    watch.Restart();
    for (int i = 1; i <= n; i++) await ledger.GetAsync(WithdrawalId.ForRequest(ProtocolId.Lido, i));
    var pointReads = watch.Elapsed;
    watch.Restart();
    var all = await ledger.ListAsync(owner);
    var list = watch.Elapsed;
    watch.Restart();
    var leased = await ledger.LeaseClaimsAsync("bench", TimeSpan.FromMinutes(1), n);
    var lease = watch.Elapsed;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name}: {n} recorded (one transaction each) in {write.TotalSeconds:F2} s = {n / write.TotalSeconds:F0} writes/s; {n} point reads {n / pointReads.TotalSeconds:F0}/s; list of {all.Count} in {list.TotalMilliseconds:F0} ms; lease of {leased.Count} in {lease.TotalMilliseconds:F0} ms"));
}

static async Task SyncAsync(int n, string directory)
{
    await using var node = await DevnetNode.StartAsync();
    var owners = node.Accounts.Take(4).ToArray();
    var queue = new WithdrawalQueueErc721(NetworkProfile.Devnet.Lido!.WithdrawalQueue, node.Rpc);
    var stEth = new StEth(NetworkProfile.Devnet.Lido.StEth, node.Rpc);
    const int perTransaction = 200;
    var amount = BigInteger.Pow(10, 15);
    Console.WriteLine($"creating {n} Lido requests ({perTransaction} per requestWithdrawals call)…");
    for (int o = 0; o < owners.Length; o++)
    {
        int mine = n / owners.Length + (o < n % owners.Length ? 1 : 0);
        var owner = owners[o];
        await node.SendAsync(stEth.PrepareSubmit(Address.Zero, amount * mine + BigInteger.Pow(10, 18)), owner);
        await node.SendAsync(stEth.PrepareApprove(queue.Address, amount * mine + BigInteger.Pow(10, 18)), owner);
        for (int done = 0; done < mine; done += perTransaction)
            await node.SendAsync(queue.PrepareRequestWithdrawals(Enumerable.Repeat(amount, Math.Min(perTransaction, mine - done)).ToArray(), owner.Address), owner);
    }

    var counter = new CountingHandler();
    var services = new ServiceCollection();
    services.AddLiquidStake(o =>
        {
            o.RpcUrl = node.RpcUrl.ToString();
            o.Network = "devnet";
        })
        .AddAllProviders()
        .AddSqliteWithdrawalLedger(Path.Combine(directory, "sync.db"))
        .AddWithdrawalWorker(o =>
        {
            foreach (var owner in owners) o.Accounts.Add(owner.Address);
        });
    services.AddHttpClient(LiquidStakeServiceCollectionExtensions.RpcHttpClientName).AddHttpMessageHandler(() => counter);
    await using var provider = services.BuildServiceProvider();
    var processor = provider.GetRequiredService<WithdrawalClaimProcessor>();
    await processor.Ledger.InitializeAsync();
    var watch = Stopwatch.StartNew();
    var first = await processor.RunRoundAsync();
    var firstTime = watch.Elapsed;
    var firstRequests = counter.Requests;
    watch.Restart();
    var second = await processor.RunRoundAsync();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"first round (empty ledger): {first.Added} requests recorded, {firstRequests} HTTP requests, {firstTime.TotalSeconds:F1} s; " +
        $"next round (all known): {counter.Requests - firstRequests} HTTP requests, {watch.Elapsed.TotalSeconds:F1} s"));
}

/// <summary>Counts HTTP requests to the node (a JSON-RPC batch is one).</summary>
internal sealed class CountingHandler : DelegatingHandler
{
    private int _requests;

    public int Requests => Volatile.Read(ref _requests);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        return base.SendAsync(request, cancellationToken);
    }
}
