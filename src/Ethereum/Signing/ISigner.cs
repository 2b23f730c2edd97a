using LiquidStake.Ethereum.Messages;
using LiquidStake.Ethereum.Transactions;

namespace LiquidStake.Ethereum.Signing;

/// <summary>
/// Something that holds a key and signs for one address: a local private key, a hardware wallet, MPC custody or a
/// cloud KMS. Only structured requests are signed here (transactions, EIP-191 messages, EIP-712 data), because
/// hardware wallets refuse blind raw-hash signing; <see cref="PrivateKeySigner"/> adds raw-hash signing.
/// </summary>
public interface ISigner
{
    /// <summary>The address this signer signs for.</summary>
    Address Address { get; }

    /// <summary>Signs a complete transaction and returns its raw encoding, hash and sender.</summary>
    Task<SignedTransaction> SignTransactionAsync(UnsignedTransaction transaction, CancellationToken cancellationToken = default);

    /// <summary>Signs <paramref name="message"/> the <c>personal_sign</c> way (EIP-191 version 0x45).</summary>
    Task<Signature> SignMessageAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default);

    /// <summary>Signs EIP-712 typed data (<c>eth_signTypedData_v4</c>).</summary>
    Task<Signature> SignTypedDataAsync(TypedData typedData, CancellationToken cancellationToken = default);
}
