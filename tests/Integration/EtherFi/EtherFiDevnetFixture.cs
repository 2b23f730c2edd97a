using System.Numerics;
using LiquidStake.Devnet;
using LiquidStake.Devnet.Protocols;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Sending;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Ethereum.Transactions;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Protocols.EtherFi;

namespace LiquidStake.IntegrationTests.EtherFi;

/// <summary>One Anvil per test class, loaded from chain/out/devnet-state.json (chain id 1, replicas at mainnet addresses).</summary>
public sealed class EtherFiDevnetFixture : IAsyncLifetime
{
    public AnvilProcess Anvil { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var state = Path.Combine(AnvilProcess.FindRepositoryRoot(), "chain", "out", "devnet-state.json");
        Anvil = await AnvilProcess.StartAsync(new AnvilOptions { ChainId = 1, LoadStatePath = state });
    }

    public async Task DisposeAsync() => await Anvil.DisposeAsync();
}

/// <summary>Per test: a snapshot of the devnet, reverted afterwards, and a fresh SDK stack (nonce caches start clean).</summary>
public abstract class EtherFiDevnetTestBase : IClassFixture<EtherFiDevnetFixture>, IAsyncLifetime, IDisposable
{
    protected static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    private readonly EtherFiDevnetFixture _fixture;
    private string? _snapshot;

    protected EtherFiDevnetTestBase(EtherFiDevnetFixture fixture)
    {
        _fixture = fixture;
        Rpc = new EthereumRpcClient(new EthereumRpcClientOptions { Url = fixture.Anvil.RpcUrl });
        Devnet = new EtherFiAdminDriver(Rpc);
        Client = NewClient();
        User = PrivateKeySigner.FromHex(AnvilProcess.TestPrivateKeys[1]);
        Other = PrivateKeySigner.FromHex(AnvilProcess.TestPrivateKeys[2]);
    }

    protected EthereumRpcClient Rpc { get; }

    protected EtherFiAdminDriver Devnet { get; }

    protected EtherFiClient Client { get; private set; }

    protected PrivateKeySigner User { get; }

    protected PrivateKeySigner Other { get; }

    /// <summary>A new client over a new sender (after a revert the old sender's nonce cache would be stale).</summary>
    protected EtherFiClient NewClient()
    {
        var sender = new TransactionSender(Rpc, options: new TransactionSenderOptions { ChainId = 1, PollingInterval = TimeSpan.FromMilliseconds(50) });
        return new EtherFiClient(new LiquidStakeContext(Rpc, NetworkProfile.Devnet, sender));
    }

    protected async Task<string> SnapshotAsync() => (await Rpc.RequestAsync("evm_snapshot", [])).GetString()!;

    protected async Task RevertAsync(string id)
    {
        await Rpc.RequestAsync("evm_revert", [id]);
        Client = NewClient();
    }

    protected static BigInteger GasCost(PlanExecution execution) =>
        execution.Receipts.Aggregate(BigInteger.Zero, (sum, r) => sum + r.GasUsed * r.EffectiveGasPrice);

    protected Task<BigInteger> EthBalanceAsync(Address a) => Rpc.GetBalanceAsync(a, BlockParameter.Latest);

    protected Task<BigInteger> EEthBalanceAsync(Address a) => Client.EEthContract.BalanceOfAsync(a);

    protected Task<BigInteger> SharesAsync(Address a) => Client.EEthContract.SharesAsync(a);

    protected Task<BigInteger> WeEthBalanceAsync(Address a) => Client.WeEthContract.BalanceOfAsync(a);

    /// <summary>(P, S) read straight from the contracts.</summary>
    protected async Task<(BigInteger P, BigInteger S)> PoolAsync() =>
        (await Client.LiquidityPool.GetTotalPooledEtherAsync(), await Client.EEthContract.TotalSharesAsync());

    public async Task InitializeAsync() => _snapshot = await SnapshotAsync();

    public async Task DisposeAsync()
    {
        if (_snapshot is not null) await Rpc.RequestAsync("evm_revert", [_snapshot]);
    }

    public void Dispose()
    {
        Devnet.Dispose();
        User.Dispose();
        Other.Dispose();
        Rpc.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>An external signer: holds its own key and signs through TransactionCodec; it cannot sign typed data (so plans fall back to approve).</summary>
public sealed class ExternalTestSigner : ISigner
{
    private readonly byte[] _key;

    public ExternalTestSigner(string privateKeyHex)
    {
        _key = Hex.Decode(privateKeyHex);
        Address = Secp256k1.GetAddress(_key);
    }

    public Address Address { get; }

    public int SignedTransactions { get; private set; }

    public Task<SignedTransaction> SignTransactionAsync(UnsignedTransaction transaction, CancellationToken cancellationToken = default)
    {
        var signature = Secp256k1.Sign(TransactionCodec.ComputeSigningHash(transaction), _key);
        SignedTransactions++;
        return Task.FromResult(TransactionCodec.Assemble(transaction, signature));
    }

    public Task<Signature> SignMessageAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("message signing is not offered by this external signer");

    public Task<Signature> SignTypedDataAsync(LiquidStake.Ethereum.Messages.TypedData typedData, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("typed-data signing is not offered by this external signer");
}
