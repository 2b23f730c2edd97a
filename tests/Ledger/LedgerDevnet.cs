using LiquidStake.Ethereum.Signing;
using LiquidStake.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiquidStake.LedgerTests;

/// <summary>One devnet for the ledger tests (they run one after another); each test snapshots and reverts it.</summary>
public sealed class LedgerDevnetFixture : IAsyncLifetime
{
    private DevnetNode? _node;

    public DevnetNode Node => _node ?? throw new InvalidOperationException("The devnet is not started.");

    public async Task InitializeAsync() => _node = await DevnetNode.StartAsync();

    public async Task DisposeAsync()
    {
        if (_node is not null) await _node.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class LedgerDevnetGroup : ICollectionFixture<LedgerDevnetFixture>
{
    public const string Name = "LedgerDevnet";
}

/// <summary>A test on the shared devnet with its own ledger file; the chain is reverted and the file deleted afterwards.</summary>
[Collection(LedgerDevnetGroup.Name)]
public abstract class LedgerDevnetTest(LedgerDevnetFixture fixture) : IAsyncLifetime
{
    private string? _snapshot;

    protected DevnetNode Node => fixture.Node;

    protected string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("liquidstake-ledger-").FullName;

    protected string LedgerPath => Path.Combine(Directory, "ledger.db");

    public virtual async Task InitializeAsync() => _snapshot = await Node.SnapshotAsync();

    /// <summary>The store under test: the SQLite file unless a test class says otherwise.</summary>
    protected virtual void AddLedger(ILiquidStakeBuilder builder) => builder.AddSqliteWithdrawalLedger(LedgerPath);

    public virtual async Task DisposeAsync()
    {
        if (_snapshot is not null) await Node.RevertAsync(_snapshot);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    /// <summary>
    /// What a backend process builds at start: AddLiquidStake on the devnet, every provider, the SQLite ledger and the
    /// worker claiming for <paramref name="signer"/>. Disposing it is a restart: the next one starts from the file alone.
    /// </summary>
    protected ServiceProvider StartBackend(ISigner? signer, Action<LiquidStake.Sdk.Hosting.WithdrawalWorkerOptions>? configure = null) =>
        StartBackend(signer is null ? [] : [signer], "test-worker", configure);

    protected ServiceProvider StartBackend(IReadOnlyList<ISigner> signers, string workerId, Action<LiquidStake.Sdk.Hosting.WithdrawalWorkerOptions>? configure = null)
    {
        var services = new ServiceCollection();
        var builder = services.AddLiquidStake(o =>
            {
                o.RpcUrl = Node.RpcUrl.ToString();
                o.Network = "devnet";
            })
            .AddAllProviders();
        AddLedger(builder);
        builder.AddWithdrawalWorker(o =>
            {
                foreach (var signer in signers) o.AddSigner(signer);
                o.WorkerId = workerId;
                configure?.Invoke(o);
            });
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
