using System.Security.Cryptography;
using LiquidStake.Ethereum.Messages;
using LiquidStake.Ethereum.Transactions;

namespace LiquidStake.Ethereum.Signing;

/// <summary>
/// An <see cref="ISigner"/> over a private key held in memory. <see cref="ToString"/> shows only the address;
/// <see cref="Dispose"/> zeroes the signer's copy of the key.
/// </summary>
public sealed class PrivateKeySigner : ISigner, IDisposable
{
    private readonly byte[] _key;
    private bool _disposed;

    /// <summary>Creates a signer from a 32-byte private key (the bytes are copied).</summary>
    /// <exception cref="LiquidStakeArgumentException">The key is not 32 bytes or not in 1..n-1.</exception>
    public PrivateKeySigner(ReadOnlySpan<byte> privateKey)
    {
        Secp256k1.ValidatePrivateKey(privateKey);
        _key = privateKey.ToArray();
        Address = Secp256k1.GetAddress(_key);
    }

    /// <summary>Creates a signer from 64 hex digits (with or without <c>0x</c>).</summary>
    /// <exception cref="LiquidStakeArgumentException">The text is not a valid private key (the text itself is never echoed).</exception>
    public static PrivateKeySigner FromHex(string privateKeyHex)
    {
        ArgumentNullException.ThrowIfNull(privateKeyHex);
        Span<byte> key = stackalloc byte[32];
        try
        {
            var hex = Hex.StripPrefix(privateKeyHex.AsSpan().Trim());
            if (hex.Length != 64 || Convert.FromHexString(hex, key, out _, out _) != System.Buffers.OperationStatus.Done)
                throw new LiquidStakeArgumentException(nameof(privateKeyHex), "a private key is 64 hex digits", "32 bytes");
            return new PrivateKeySigner(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Creates a signer from a new random key.</summary>
    public static PrivateKeySigner CreateRandom()
    {
        Span<byte> key = stackalloc byte[32];
        try
        {
            do RandomNumberGenerator.Fill(key);
            while (!Secp256k1.IsValidPrivateKey(key));
            return new PrivateKeySigner(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <inheritdoc/>
    public Address Address { get; }

    /// <summary>Signs a raw 32-byte hash. Only a local key can do this; hardware wallets refuse blind hashes.</summary>
    public Signature SignHash(Hash32 hash)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Secp256k1.Sign(hash, _key);
    }

    /// <inheritdoc cref="SignHash"/>
    public Task<Signature> SignHashAsync(Hash32 hash, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(SignHash(hash));
    }

    /// <summary>Signs a transaction synchronously.</summary>
    public SignedTransaction SignTransaction(UnsignedTransaction transaction)
    {
        var signature = SignHash(TransactionCodec.ComputeSigningHash(transaction));
        return TransactionCodec.Assemble(transaction, signature, Address);
    }

    /// <inheritdoc/>
    public Task<SignedTransaction> SignTransactionAsync(UnsignedTransaction transaction, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(SignTransaction(transaction));
    }

    /// <summary>
    /// Signs an EIP-7702 authorization that lets this account run the code at <paramref name="address"/>, for a
    /// set-code transaction (type 4). The signature is over keccak256(0x05 || rlp([chain_id, address, nonce])).
    /// </summary>
    /// <param name="chainId">The chain the delegation is valid on; 0 makes it valid on every chain.</param>
    /// <param name="address">The contract to delegate to (the zero address clears a delegation).</param>
    /// <param name="nonce">This account's nonce when the transaction runs: current nonce + 1 when this account also sends it.</param>
    /// <exception cref="LiquidStakeArgumentException"><paramref name="chainId"/> is negative or does not fit in 256 bits.</exception>
    public Authorization SignAuthorization(System.Numerics.BigInteger chainId, Address address, ulong nonce)
    {
        var signature = SignHash(AuthorizationSigning.ComputeDigest(chainId, address, nonce));
        return Authorization.Create(chainId, address, nonce, signature);
    }

    /// <summary>Signs a message the <c>personal_sign</c> way, synchronously.</summary>
    public Signature SignMessage(ReadOnlySpan<byte> message) => SignHash(PersonalMessage.Hash(message));

    /// <inheritdoc/>
    public Task<Signature> SignMessageAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(SignMessage(message.Span));
    }

    /// <summary>Signs EIP-712 typed data synchronously.</summary>
    public Signature SignTypedData(TypedData typedData) => SignHash(Eip712.Hash(typedData));

    /// <inheritdoc/>
    public Task<Signature> SignTypedDataAsync(TypedData typedData, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(SignTypedData(typedData));
    }

    /// <summary>Zeroes the key copy; the signer cannot sign afterwards.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        CryptographicOperations.ZeroMemory(_key);
        _disposed = true;
    }

    /// <summary>Only the address: the key is never printed.</summary>
    public override string ToString() => $"PrivateKeySigner({Address})";
}
