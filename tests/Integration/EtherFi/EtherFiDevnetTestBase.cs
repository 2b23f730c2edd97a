using System.Numerics;
using LiquidStake.IntegrationTests.Support;
using LiquidStake.Testing;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Sending;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Ethereum.Transactions;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Protocols.EtherFi;

namespace LiquidStake.IntegrationTests.EtherFi;

/// <summary>
/// ether.fi tests on the shared devnet (<see cref="DevnetTest"/>: snapshot before and revert after each test), with a
/// fresh SDK stack per test (nonce caches start clean) and the kit's ether.fi driver (real role holders, real entry points).
/// </summary>
public abstract class EtherFiDevnetTestBase : DevnetTest
{
    protected static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    protected EtherFiDevnetTestBase(DevnetFixture fixture)
        : base(fixture)
    {
        Client = NewClient();
    }

    protected EthereumRpcClient Rpc => Node.Rpc;

    protected EtherFiDevnet Devnet => Node.EtherFi;

    protected EtherFiClient Client { get; private set; }

    protected PrivateKeySigner User => Node.Accounts[1];

    protected PrivateKeySigner Other => Node.Accounts[2];

    /// <summary>A new client over a new sender (after a revert the old sender's nonce cache would be stale).</summary>
    protected EtherFiClient NewClient(EtherFiClientOptions? options = null)
    {
        var sender = new TransactionSender(Rpc, options: new TransactionSenderOptions { ChainId = 1, PollingInterval = TimeSpan.FromMilliseconds(50) });
        return new EtherFiClient(new LiquidStakeContext(Rpc, NetworkProfile.Devnet, sender), options);
    }

    protected Task<string> SnapshotAsync() => Node.SnapshotAsync();

    protected async Task RevertAsync(string id)
    {
        await Node.RevertAsync(id);
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
