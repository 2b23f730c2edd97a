// Withdrawal ledger benchmark (not a test; numbers go to bench/README.md):
//   dotnet run -c Release --project bench/LedgerBench -- store [N]    SQLite (and PostgreSQL when LIQUIDSTAKE_BENCH_POSTGRES
//                                                                     holds a connection string) write/read throughput
//   dotnet run -c Release --project bench/LedgerBench -- sync [N]     N open requests on the devnet (4 owners; Lido, ether.fi
//                                                                     and EigenLayer), then one
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
    // The mix: 60 % Lido (200 per requestWithdrawals call), 20 % ether.fi (one NFT per requestWithdraw), 20 % EigenLayer
    // (100 withdrawals per queueWithdrawals call). Rocket Pool has no withdrawal queue (rETH burns at once).
    int lido = n * 6 / 10, etherFi = n / 5, eigen = n - lido - etherFi;
    Console.WriteLine($"creating {lido} Lido, {etherFi} ether.fi and {eigen} EigenLayer requests for {owners.Length} owners…");
    for (int o = 0; o < owners.Length; o++)
    {
        await CreateLidoRequestsAsync(node, owners[o], Share(lido, owners.Length, o));
        await CreateEtherFiRequestsAsync(node, owners[o], Share(etherFi, owners.Length, o));
        await CreateEigenLayerWithdrawalsAsync(node, owners[o], Share(eigen, owners.Length, o));
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
    var firstBreakdown = counter.Breakdown();
    watch.Restart();
    var second = await processor.RunRoundAsync();
    var secondTime = watch.Elapsed;
    var secondRequests = counter.Requests - firstRequests;
    var secondBreakdown = counter.Breakdown();
    var listing = await WithdrawalListing.ReadAsync(provider.GetServices<IStakingProvider>().ToArray(), owners.Select(o => o.Address).ToArray(), null,
        Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
    Console.WriteLine($"first round by method: {firstBreakdown}");
    Console.WriteLine($"both rounds by method: {secondBreakdown}");
    var perProtocol = owners.SelectMany(o => listing.RequestsOf(o.Address)).GroupBy(r => r.Id.Protocol.Value).Select(g => $"{g.Key} {g.Count()}");
    Console.WriteLine($"listed on chain: {string.Join(", ", perProtocol)}");
    foreach (var (protocol, error) in listing.Failures) Console.WriteLine($"listing {protocol} failed: {error.Message}");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"first round (empty ledger): {first.Added} requests recorded, {firstRequests} HTTP requests, {firstTime.TotalSeconds:F1} s; " +
        $"next round (all known): {secondRequests} HTTP requests, {secondTime.TotalSeconds:F1} s"));
}

// eth_sendTransaction from the dev account Anvil holds: no local nonce cache to fall out of step with the kit's own sends.
static Task Send(DevnetNode node, LiquidStake.Ethereum.Signing.PrivateKeySigner owner, LiquidStake.Ethereum.Transactions.TransactionRequest request) =>
    node.SendAsImpersonatedAsync(request with { From = owner.Address });

static int Share(int total, int parts, int index) => (total / parts) + (index < total % parts ? 1 : 0);

static async Task CreateLidoRequestsAsync(DevnetNode node, LiquidStake.Ethereum.Signing.PrivateKeySigner owner, int count)
{
    const int perTransaction = 200;
    var amount = BigInteger.Pow(10, 15);
    var queue = node.Lido.WithdrawalQueue;
    await Send(node, owner, node.Lido.StEth.PrepareSubmit(Address.Zero, amount * count + BigInteger.Pow(10, 18)));
    await Send(node, owner, node.Lido.StEth.PrepareApprove(queue.Address, amount * count + BigInteger.Pow(10, 18)));
    for (int done = 0; done < count; done += perTransaction)
        await Send(node, owner, queue.PrepareRequestWithdrawals(Enumerable.Repeat(amount, Math.Min(perTransaction, count - done)).ToArray(), owner.Address));
}

static async Task CreateEtherFiRequestsAsync(DevnetNode node, LiquidStake.Ethereum.Signing.PrivateKeySigner owner, int count)
{
    var amount = BigInteger.Pow(10, 15);
    var etherFi = node.EtherFi;
    await etherFi.MintEEthAsync(owner.Address, (amount * count) + BigInteger.Pow(10, 18));
    await Send(node, owner, etherFi.EEth.PrepareApprove(etherFi.LiquidityPool.Address, (amount * count) + BigInteger.Pow(10, 18)));
    for (int i = 0; i < count; i++)
        await Send(node, owner, etherFi.LiquidityPool.PrepareRequestWithdraw(owner.Address, amount));
}

static async Task CreateEigenLayerWithdrawalsAsync(DevnetNode node, LiquidStake.Ethereum.Signing.PrivateKeySigner owner, int count)
{
    const int perTransaction = 100;
    var shares = BigInteger.Pow(10, 12);
    var strategy = DevnetAddresses.EigenLayer.StEthStrategy;
    var deposit = (shares * count * 2) + BigInteger.Pow(10, 18);
    await Send(node, owner, node.Lido.StEth.PrepareSubmit(Address.Zero, deposit));
    await Send(node, owner, node.Lido.StEth.PrepareApprove(DevnetAddresses.EigenLayer.StrategyManager, deposit));
    await Send(node, owner, node.EigenLayer.StrategyManager.PrepareDepositIntoStrategy(strategy, node.Lido.StEth.Address, deposit - BigInteger.Pow(10, 17)));
    for (int done = 0; done < count; done += perTransaction)
    {
        var batch = Enumerable.Range(0, Math.Min(perTransaction, count - done))
            .Select(_ => new LiquidStake.Sdk.Contracts.EigenLayer.QueuedWithdrawalParams([strategy], [shares], owner.Address)).ToArray();
        await Send(node, owner, node.EigenLayer.DelegationManager.PrepareQueueWithdrawals(batch));
    }
}

/// <summary>Counts HTTP requests to the node (a JSON-RPC batch is one).</summary>
internal sealed class CountingHandler : DelegatingHandler
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _byMethod = new(StringComparer.Ordinal);
    private int _requests;

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>HTTP requests by their JSON-RPC method (a batch counts once, under its first method and its size).</summary>
    public string Breakdown() => string.Join(", ", _byMethod.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value}"));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        if (request.Content is not null)
        {
            var body = await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            int at = body.IndexOf("\"method\":\"", StringComparison.Ordinal);
            var method = at < 0 ? "?" : body[(at + 10)..body.IndexOf('"', at + 10)];
            var key = body.TrimStart().StartsWith('[') ? $"batch({method})" : method;
            _byMethod.AddOrUpdate(key, 1, (_, v) => v + 1);
        }
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
