using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Storage;
using LiquidStake.Sdk.Storage.Sqlite;
using LiquidStake.Sdk.Withdrawals;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LiquidStake.LedgerTests;

/// <summary>The SQLite store on its own: bad files are typed errors at start-up, writes are all-or-nothing, threads share it.</summary>
public sealed class SqliteStoreTests : IDisposable
{
    private static readonly Address Owner = Address.Parse("0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65");
    private readonly string _directory = Directory.CreateTempSubdirectory("liquidstake-sqlite-").FullName;

    private string PathOf(string name) => Path.Combine(_directory, name);

    private static RelationalWithdrawalLedger Open(string path) => new(new SqliteDialect(path), []);

    private static WithdrawalRequest Claimable(BigInteger id) => new(
        WithdrawalId.ForRequest(ProtocolId.Lido, id), Owner, new StakingToken("stETH", "Liquid staked Ether 2.0", Address.Parse("0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84"), 18, TokenAccounting.Rebasing),
        id * 1000, id * 999, WithdrawalStatus.Claimable, null, null, null);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_corrupt_file_is_a_typed_error_naming_the_file()
    {
        var path = PathOf("corrupt.db");
        await File.WriteAllBytesAsync(path, Enumerable.Range(0, 8192).Select(i => (byte)(i * 7 + 3)).ToArray());
        var error = await Assert.ThrowsAsync<LedgerStorageException>(() => Open(path).InitializeAsync());
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("not a SQLite database", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_foreign_database_is_refused_and_left_untouched()
    {
        var path = PathOf("foreign.db");
        await using (var c = new SqliteConnection($"Data Source={path}"))
        {
            await c.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)";
            await cmd.ExecuteNonQueryAsync();
        }
        await Assert.ThrowsAsync<LedgerSchemaException>(() => Open(path).InitializeAsync());
        await using var check = new SqliteConnection($"Data Source={path}");
        await check.OpenAsync();
        await using var tables = check.CreateCommand();
        tables.CommandText = "SELECT group_concat(name) FROM sqlite_master WHERE type = 'table'";
        Assert.Equal("customers", await tables.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_schema_from_a_newer_version_is_refused_with_both_versions()
    {
        var path = PathOf("newer.db");
        await Open(path).RecordAsync(WithdrawalId.ForRequest(ProtocolId.Lido, 1), Owner);
        await using (var c = new SqliteConnection($"Data Source={path}"))
        {
            await c.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "UPDATE ls_schema SET value = '99' WHERE key = 'version'";
            Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
        }
        var error = await Assert.ThrowsAsync<LedgerSchemaException>(() => Open(path).InitializeAsync());
        Assert.Equal(99, error.FoundVersion);
        Assert.Equal(1, error.SupportedVersion);
    }

    [Fact]
    public async Task The_host_refuses_to_start_on_a_bad_ledger_with_the_typed_error()
    {
        var path = PathOf("bad.db");
        await File.WriteAllTextAsync(path, "this is not a database, but it is long enough to have a header........................................");
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddLiquidStake(o =>
            {
                o.RpcUrl = "http://127.0.0.1:1";
                o.Network = "devnet";
            })
            .AddAllProviders()
            .AddSqliteWithdrawalLedger(path)
            .AddWithdrawalWorker(_ => { });
        using var host = builder.Build();
        await Assert.ThrowsAsync<LedgerStorageException>(() => host.StartAsync());
    }

    [Fact]
    public async Task A_pending_claim_under_a_lost_lease_writes_nothing_for_any_request()
    {
        var ledger = Open(PathOf("lease.db"));
        var first = Claimable(1);
        var second = Claimable(2);
        await ledger.RecordAsync(first.Id, Owner, first);
        await ledger.RecordAsync(second.Id, Owner, second);
        Assert.Equal(2, (await ledger.LeaseClaimsAsync("a", TimeSpan.FromMinutes(5), 10)).Count);
        Assert.Empty(await ledger.LeaseClaimsAsync("b", TimeSpan.FromMinutes(5), 10)); // held by a
        await ledger.ReleaseAsync("a", [second.Id]);
        var historyBefore = await ledger.GetHistoryAsync(first.Id);

        var claim = new PendingClaim(new Hash32(Enumerable.Repeat((byte)0xab, 32).ToArray()), Owner, 7, new byte[] { 1, 2, 3 }, DateTimeOffset.UnixEpoch);
        await Assert.ThrowsAsync<LedgerLeaseLostException>(() => ledger.RecordPendingClaimAsync("a", [first, second], claim));

        Assert.Null((await ledger.GetAsync(first.Id))!.PendingClaim); // rolled back with the failing second row
        Assert.Equal(historyBefore, await ledger.GetHistoryAsync(first.Id));
        Assert.Equal(0, (await ledger.GetStatisticsAsync()).PendingClaims);
    }

    [Fact]
    public async Task Threads_of_one_process_share_the_file_and_it_survives_reopening()
    {
        var path = PathOf("threads.db");
        var ledger = Open(path);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(async () =>
        {
            for (int i = 0; i < 50; i++)
            {
                var request = Claimable(t * 1000 + i + 1);
                await ledger.RecordAsync(request.Id, Owner, request);
            }
        })));
        var reopened = Open(path);
        var all = await reopened.ListAsync(Owner);
        Assert.Equal(400, all.Count);
        Assert.All(all, e => Assert.Equal(e.Id.RequestId! * 999, e.LastKnown!.AmountClaimable));
        var page = await reopened.ListPageAsync(null, 150);
        var next = await reopened.ListPageAsync(page[^1].Id.ToString(), 300);
        Assert.Equal(400, page.Count + next.Count);
        Assert.Empty(page.Select(e => e.Id).Intersect(next.Select(e => e.Id)));
    }
}
