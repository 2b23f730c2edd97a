using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Messages;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Ethereum.Transactions;
using LiquidStake.IntegrationTests.Support;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Protocols.Lido;

namespace LiquidStake.IntegrationTests.Lido;

/// <summary>A Lido client on a fresh context per test (fresh nonce cache after each snapshot revert).</summary>
public abstract class LidoTestBase(DevnetFixture fixture) : DevnetTest(fixture)
{
    protected static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    private LidoClient? _client;

    protected LidoClient Client => _client ??= new LidoClient(new LiquidStakeContext(Node.Rpc, NetworkProfile.Devnet));

    protected PrivateKeySigner User => Node.Accounts[1];

    protected async Task<LidoShareRate> ReadRateAsync()
    {
        var total = await Node.Lido.StEth.GetTotalPooledEtherAsync();
        var shares = await Node.Lido.StEth.GetTotalSharesAsync();
        var extShares = await Node.Lido.StEth.GetExternalSharesAsync();
        var extEther = await Node.Lido.StEth.GetExternalEtherAsync();
        return new LidoShareRate(total - extEther, shares - extShares);
    }

    protected Task<BigInteger> EthBalanceAsync(Address a) => Node.Rpc.GetBalanceAsync(a);

    protected Task<BigInteger> SharesAsync(Address a) => Node.Lido.StEth.SharesOfAsync(a);

    protected Task<BigInteger> WstAsync(Address a) => Node.Lido.WstEth.BalanceOfAsync(a);
}

/// <summary>
/// A signer outside the SDK's key handling, as a custodian or hardware wallet would be: it holds its key and signs
/// transactions via TransactionCodec and typed data via Eip712, nothing else.
/// </summary>
public sealed class ExternalTestSigner(byte[] privateKey) : ISigner
{
    public Address Address { get; } = Secp256k1.GetAddress(privateKey);

    public int TransactionsSigned { get; private set; }

    public int TypedDataSigned { get; private set; }

    public Task<SignedTransaction> SignTransactionAsync(UnsignedTransaction transaction, CancellationToken cancellationToken = default)
    {
        TransactionsSigned++;
        var signature = Secp256k1.Sign(TransactionCodec.ComputeSigningHash(transaction), privateKey);
        return Task.FromResult(TransactionCodec.Assemble(transaction, signature));
    }

    public Task<Signature> SignMessageAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default) =>
        Task.FromResult(Secp256k1.Sign(PersonalMessage.Hash(message.Span), privateKey));

    public Task<Signature> SignTypedDataAsync(TypedData typedData, CancellationToken cancellationToken = default)
    {
        TypedDataSigned++;
        return Task.FromResult(Secp256k1.Sign(Eip712.Hash(typedData), privateKey));
    }
}
