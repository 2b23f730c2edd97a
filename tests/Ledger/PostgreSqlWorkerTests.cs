using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Storage.PostgreSql;
using LiquidStake.Sdk.Withdrawals;
using Microsoft.Extensions.DependencyInjection;

namespace LiquidStake.LedgerTests;

/// <summary>
/// The same lifecycle on a real PostgreSQL server the tests start themselves (a fresh database per test), two worker
/// instances sharing one database over 50 claimable requests, and an unreachable server.
/// </summary>
public sealed class PostgreSqlWorkerTests(LedgerDevnetFixture fixture, PostgresServer server) : WorkerLifecycleSuite(fixture), IClassFixture<PostgresServer>
{
    private string? _connectionString;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        if (PostgresServer.UnavailableReason is null) _connectionString = await server.CreateDatabaseAsync();
    }

    protected override void AddLedger(ILiquidStakeBuilder builder) => builder.AddPostgreSqlWithdrawalLedger(_connectionString!);

    [PostgresFact]
    public Task Lido_request_finalize_autoclaim_across_restarts() => LidoLifecycleAsync();

    [PostgresFact]
    public Task EtherFi_request_finalize_autoclaim_across_restarts() => EtherFiLifecycleAsync();

    [PostgresFact]
    public Task EigenLayer_queue_delay_autocomplete_across_restarts() => EigenLayerLifecycleAsync();

    [PostgresFact]
    public async Task Two_workers_on_one_database_claim_each_of_50_requests_exactly_once()
    {
        PrivateKeySigner[] owners = [Node.Accounts[2], Node.Accounts[3]];
        var claimable = new Dictionary<Address, BigInteger>();
        var ethBefore = new Dictionary<Address, BigInteger>();
        var nonceBefore = new Dictionary<Address, ulong>();
        await using (var setup = StartBackend(signer: null))
        {
            var lido = Provider(setup, ProtocolId.Lido);
            foreach (var owner in owners)
            {
                await SendAsync(setup, await lido.PrepareStakeAsync(owner.Address, 10 * Ether), owner);
                for (int i = 0; i < 25; i++)
                    await SendAsync(setup, await lido.PrepareWithdrawalRequestAsync(owner.Address, Ether / 10 + i), owner);
                Assert.Equal(25, (await Ledger(setup).SyncAsync(owner.Address)).Count);
            }
            var all = await Ledger(setup).ListAsync();
            await Node.Lido.FinalizeWithdrawalsAsync(all.Max(e => e.Id.RequestId!.Value));
            foreach (var owner in owners)
            {
                var ready = await lido.GetWithdrawalRequestsAsync(owner.Address);
                Assert.Equal(25, ready.Count(r => r.Status == WithdrawalStatus.Claimable));
                claimable[owner.Address] = ready.Aggregate(BigInteger.Zero, (s, r) => s + r.AmountClaimable!.Value);
                ethBefore[owner.Address] = await Node.Rpc.GetBalanceAsync(owner.Address);
                nonceBefore[owner.Address] = await Node.Rpc.GetTransactionCountAsync(owner.Address);
            }
        }

        // Two instances, both able to sign for both owners, running rounds at the same time on one database.
        static void Small(LiquidStake.Sdk.Hosting.WithdrawalWorkerOptions o)
        {
            o.MaxRequestsPerTransaction = 5;
            o.MaxClaimsPerRound = 15;
        }
        await using var first = StartBackend(owners, "worker-1", Small);
        await using var second = StartBackend(owners, "worker-2", Small);
        var ledger = Ledger(first);
        for (int round = 0; round < 12 && (await ledger.GetStatisticsAsync()).Claimed < 50; round++)
            await Task.WhenAll(RoundAsync(first), RoundAsync(second));

        var entries = await ledger.ListAsync();
        Assert.Equal(50, entries.Count);
        Assert.All(entries, e => Assert.Equal(LedgerEntryState.Claimed, e.State));
        foreach (var owner in owners)
        {
            var mine = entries.Where(e => e.Owner == owner.Address).ToArray();
            var claims = mine.Select(e => e.ClaimTransactionHash!.Value).Distinct().ToArray();
            var gas = BigInteger.Zero;
            foreach (var hash in claims)
            {
                var receipt = (await Node.Rpc.GetTransactionReceiptAsync(hash))!;
                Assert.True(receipt.Succeeded);
                gas += receipt.GasUsed * receipt.EffectiveGasPrice;
            }
            // Every transaction the owner sent is one of the recorded claims: no second claim, no reverted attempt.
            Assert.Equal(nonceBefore[owner.Address] + (ulong)claims.Length, await Node.Rpc.GetTransactionCountAsync(owner.Address));
            Assert.Equal(ethBefore[owner.Address] + claimable[owner.Address] - gas, await Node.Rpc.GetBalanceAsync(owner.Address));
            Assert.Equal(claimable[owner.Address], mine.Aggregate(BigInteger.Zero, (s, e) => s + e.AmountClaimed!.Value));
        }
    }

    [PostgresFact]
    public async Task An_unreachable_server_is_a_typed_start_up_error_without_the_password()
    {
        const string secret = "s3cr3t-never-logged";
        await using var dialect = PostgreSqlDialect.FromConnectionString($"Host=127.0.0.1;Port={server.Port + 1};Username=x;Password={secret};Database=none;Timeout=5");
        var ledger = new LiquidStake.Sdk.Storage.RelationalWithdrawalLedger(dialect, []);
        var error = await Assert.ThrowsAsync<LedgerStorageException>(() => ledger.InitializeAsync());
        Assert.Contains($"127.0.0.1:{server.Port + 1}/none", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, error.ToString(), StringComparison.Ordinal);
        var malformed = Assert.Throws<LiquidStakeArgumentException>(() => PostgreSqlDialect.ValidateConnectionString($"Host=h;Password={secret};Bogus Key=1"));
        Assert.Equal("connectionString", malformed.ParamName);
        Assert.DoesNotContain(secret, malformed.ToString(), StringComparison.Ordinal);
    }
}
