using LiquidStake.Testing;

namespace LiquidStake.IntegrationTests.Support;

/// <summary>
/// One chain per test collection, chosen by the environment (<see cref="DevnetEnvironment"/>): the devnet by default,
/// a fork of a devnet with <c>LIQUIDSTAKE_TEST_CHAIN=fork-devnet</c>, or a real mainnet fork with <c>ETH_RPC_URL</c>.
/// </summary>
public sealed class DevnetFixture : IAsyncLifetime
{
    private DevnetNode? _node;

    /// <summary>The environment the fixture was started from.</summary>
    public DevnetEnvironment Environment { get; } = DevnetEnvironment.FromEnvironment();

    /// <summary>The running node.</summary>
    public DevnetNode Node => _node ?? throw new InvalidOperationException("The devnet fixture is not started.");

    public async Task InitializeAsync() => _node = await DevnetNode.StartFromEnvironmentAsync(Environment);

    public async Task DisposeAsync()
    {
        if (_node is not null) await _node.DisposeAsync();
    }
}

/// <summary>The collection whose tests share one <see cref="DevnetFixture"/> (tests in it run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class DevnetCollectionDefinition : ICollectionFixture<DevnetFixture>
{
    public const string Name = "Devnet";
}

/// <summary>
/// Base class for tests on the shared chain: snapshots before each test and reverts after it, so every test starts
/// from the same state even when it fails.
/// </summary>
[Collection(DevnetCollectionDefinition.Name)]
public abstract class DevnetTest(DevnetFixture fixture) : IAsyncLifetime
{
    private string? _snapshot;

    protected DevnetFixture Fixture { get; } = fixture;

    protected DevnetNode Node => Fixture.Node;

    public async Task InitializeAsync() => _snapshot = await Node.SnapshotAsync();

    public async Task DisposeAsync()
    {
        if (_snapshot is not null) await Node.RevertAsync(_snapshot);
    }
}

/// <summary>A fact that asserts the devnet build's own deployed state: skipped, with the reason, on a real mainnet fork.</summary>
public sealed class DevnetFactAttribute : FactAttribute
{
    public DevnetFactAttribute()
    {
        if (!DevnetEnvironment.FromEnvironment().HasReplicas) Skip = DevnetEnvironment.DevnetStateReason;
    }
}

/// <summary>A fact that needs a real mainnet fork: skipped, with the reason, unless ETH_RPC_URL is set.</summary>
public sealed class MainnetForkFactAttribute : FactAttribute
{
    public MainnetForkFactAttribute()
    {
        if (DevnetEnvironment.FromEnvironment().MainnetRpcUrl is null) Skip = DevnetEnvironment.NoMainnetReason;
    }
}

/// <summary>A theory that needs the replicas' admin helpers: skipped, with the reason, on a real mainnet fork.</summary>
public sealed class DevnetTheoryAttribute : TheoryAttribute
{
    public DevnetTheoryAttribute()
    {
        if (!DevnetEnvironment.FromEnvironment().HasReplicas) Skip = DevnetEnvironment.DevnetStateReason;
    }
}
