using System.Numerics;

namespace LiquidStake.Ethereum.Transactions;

/// <summary>The envelope type of a transaction.</summary>
public enum TransactionType : byte
{
    /// <summary>Legacy (type 0), with EIP-155 replay protection when a chain id is set.</summary>
    Legacy = 0,

    /// <summary>EIP-2930 (type 1): gas price plus an access list.</summary>
    AccessList = 1,

    /// <summary>EIP-1559 (type 2): max fee and max priority fee per gas.</summary>
    DynamicFee = 2,

    /// <summary>
    /// EIP-4844 (type 3): an EIP-1559 transaction that also pays for blobs (<see cref="UnsignedTransaction.MaxFeePerBlobGas"/>)
    /// and commits to them by versioned hash (<see cref="UnsignedTransaction.BlobVersionedHashes"/>).
    /// </summary>
    Blob = 3,

    /// <summary>EIP-7702 (type 4): an EIP-1559 transaction that carries signed code delegations (<see cref="UnsignedTransaction.AuthorizationList"/>).</summary>
    SetCode = 4,
}

/// <summary>
/// A complete transaction ready to be signed: every field is set. Legacy and EIP-2930 use <see cref="GasPrice"/>;
/// EIP-1559, EIP-4844 and EIP-7702 use <see cref="MaxFeePerGas"/> and <see cref="MaxPriorityFeePerGas"/>; EIP-4844 adds
/// <see cref="MaxFeePerBlobGas"/> and <see cref="BlobVersionedHashes"/>, EIP-7702 adds <see cref="AuthorizationList"/>.
/// </summary>
/// <remarks>
/// Equality is the record's: <see cref="Data"/> and the lists compare by reference, not by content.
/// The sending pipeline (<see cref="FromRequest"/>) only builds types 0 to 2; types 3 and 4 are built directly.
/// </remarks>
public sealed record UnsignedTransaction
{
    /// <summary>The envelope type.</summary>
    public TransactionType Type { get; init; } = TransactionType.DynamicFee;

    /// <summary>The chain id; null only for a pre-EIP-155 legacy transaction (replayable on every chain).</summary>
    public ulong? ChainId { get; init; }

    /// <summary>Account nonce.</summary>
    public ulong Nonce { get; init; }

    /// <summary>Gas price in wei (types 0 and 1).</summary>
    public BigInteger? GasPrice { get; init; }

    /// <summary>Maximum priority fee per gas in wei (types 2, 3 and 4).</summary>
    public BigInteger? MaxPriorityFeePerGas { get; init; }

    /// <summary>Maximum fee per gas in wei (types 2, 3 and 4).</summary>
    public BigInteger? MaxFeePerGas { get; init; }

    /// <summary>Gas limit.</summary>
    public ulong Gas { get; init; }

    /// <summary>Recipient; null creates a contract (types 0 to 2 only: types 3 and 4 need a recipient).</summary>
    public Address? To { get; init; }

    /// <summary>Wei sent.</summary>
    public BigInteger Value { get; init; }

    /// <summary>Calldata.</summary>
    public ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>EIP-2930 access list (types 1 to 4); empty for none.</summary>
    public IReadOnlyList<AccessListEntry> AccessList { get; init; } = [];

    /// <summary>EIP-4844 maximum fee per unit of blob gas in wei (type 3 only).</summary>
    public BigInteger? MaxFeePerBlobGas { get; init; }

    /// <summary>
    /// EIP-4844 versioned hashes of the blobs the transaction carries (type 3 only): at least one, each starting with
    /// the KZG version byte <c>0x01</c>. Empty for the other types.
    /// </summary>
    public IReadOnlyList<Hash32> BlobVersionedHashes { get; init; } = [];

    /// <summary>EIP-7702 signed authorizations (type 4 only, at least one); empty for the other types.</summary>
    public IReadOnlyList<Authorization> AuthorizationList { get; init; } = [];

    /// <summary>The version byte a blob versioned hash starts with (EIP-4844 <c>VERSIONED_HASH_VERSION_KZG</c>).</summary>
    public const byte BlobVersionedHashVersion = 0x01;

    /// <summary>Builds a transaction from a fully filled request, naming the first missing field.</summary>
    /// <exception cref="LiquidStakeArgumentException">A field the type needs is missing or a field of another type is set.</exception>
    public static UnsignedTransaction FromRequest(TransactionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var type = request.Type switch
        {
            null => request.GasPrice is not null && request.MaxFeePerGas is null ? (request.AccessList is null ? TransactionType.Legacy : TransactionType.AccessList) : TransactionType.DynamicFee,
            0 => TransactionType.Legacy,
            1 => TransactionType.AccessList,
            2 => TransactionType.DynamicFee,
            _ => throw new LiquidStakeArgumentException(nameof(request.Type), $"transaction type {request.Type} is not supported by a request (build an UnsignedTransaction for types 3 and 4)", "0, 1 or 2"),
        };
        var chainId = request.ChainId ?? throw Missing(nameof(request.ChainId));
        var nonce = request.Nonce ?? throw Missing(nameof(request.Nonce));
        var gas = request.Gas ?? throw Missing(nameof(request.Gas));
        var transaction = new UnsignedTransaction
        {
            Type = type,
            ChainId = chainId,
            Nonce = nonce,
            Gas = gas,
            To = request.To,
            Value = request.Value,
            Data = request.Data,
            AccessList = request.AccessList ?? [],
        };
        if (type == TransactionType.DynamicFee)
        {
            if (request.GasPrice is not null) throw new LiquidStakeArgumentException(nameof(request.GasPrice), "an EIP-1559 transaction has no gas price; set MaxFeePerGas and MaxPriorityFeePerGas");
            transaction = transaction with
            {
                MaxFeePerGas = request.MaxFeePerGas ?? throw Missing(nameof(request.MaxFeePerGas)),
                MaxPriorityFeePerGas = request.MaxPriorityFeePerGas ?? throw Missing(nameof(request.MaxPriorityFeePerGas)),
            };
        }
        else
        {
            if (request.MaxFeePerGas is not null || request.MaxPriorityFeePerGas is not null)
                throw new LiquidStakeArgumentException(nameof(request.MaxFeePerGas), $"a type {(byte)type} transaction uses GasPrice, not EIP-1559 fees");
            transaction = transaction with { GasPrice = request.GasPrice ?? throw Missing(nameof(request.GasPrice)) };
        }
        transaction.Validate();
        return transaction;
    }

    /// <summary>Checks that the fields match the type and are in range.</summary>
    /// <exception cref="LiquidStakeArgumentException">A field is missing, negative, too large, empty where one is required or belongs to another type.</exception>
    public void Validate()
    {
        switch (Type)
        {
            case TransactionType.Legacy:
                if (AccessList is { Count: > 0 }) throw new LiquidStakeArgumentException(nameof(AccessList), "a legacy transaction cannot carry an access list");
                goto case TransactionType.AccessList;
            case TransactionType.AccessList:
                if (GasPrice is null) throw Missing(nameof(GasPrice));
                if (MaxFeePerGas is not null || MaxPriorityFeePerGas is not null)
                    throw new LiquidStakeArgumentException(nameof(MaxFeePerGas), $"a type {(byte)Type} transaction uses GasPrice, not EIP-1559 fees");
                CheckUInt256(GasPrice.Value, nameof(GasPrice));
                break;
            case TransactionType.DynamicFee:
            case TransactionType.Blob:
            case TransactionType.SetCode:
                if (MaxFeePerGas is null) throw Missing(nameof(MaxFeePerGas));
                if (MaxPriorityFeePerGas is null) throw Missing(nameof(MaxPriorityFeePerGas));
                if (GasPrice is not null) throw new LiquidStakeArgumentException(nameof(GasPrice), $"a type {(byte)Type} transaction has no gas price; it uses MaxFeePerGas and MaxPriorityFeePerGas");
                CheckUInt256(MaxFeePerGas.Value, nameof(MaxFeePerGas));
                CheckUInt256(MaxPriorityFeePerGas.Value, nameof(MaxPriorityFeePerGas));
                break;
            default:
                throw new LiquidStakeArgumentException(nameof(Type), $"transaction type {(byte)Type} is not supported", "0 to 4");
        }
        if (Type != TransactionType.Legacy && ChainId is null) throw Missing(nameof(ChainId));
        CheckUInt256(Value, nameof(Value));
        ArgumentNullException.ThrowIfNull(AccessList);
        ArgumentNullException.ThrowIfNull(BlobVersionedHashes);
        ArgumentNullException.ThrowIfNull(AuthorizationList);
        foreach (var entry in AccessList)
        {
            if (entry is null || entry.StorageKeys is null) throw new LiquidStakeArgumentException(nameof(AccessList), "access list entries and their storage keys cannot be null");
        }
        if (Type == TransactionType.Blob) ValidateBlobFields();
        else
        {
            if (MaxFeePerBlobGas is not null) throw new LiquidStakeArgumentException(nameof(MaxFeePerBlobGas), $"only a blob transaction (type 3) pays a blob fee, not a type {(byte)Type} one");
            if (BlobVersionedHashes.Count > 0) throw new LiquidStakeArgumentException(nameof(BlobVersionedHashes), $"only a blob transaction (type 3) carries blob versioned hashes, not a type {(byte)Type} one");
        }
        if (Type == TransactionType.SetCode) ValidateAuthorizations();
        else if (AuthorizationList.Count > 0)
        {
            throw new LiquidStakeArgumentException(nameof(AuthorizationList), $"only a set-code transaction (type 4) carries an authorization list, not a type {(byte)Type} one");
        }
    }

    private void ValidateBlobFields()
    {
        if (MaxFeePerBlobGas is null) throw Missing(nameof(MaxFeePerBlobGas));
        CheckUInt256(MaxFeePerBlobGas.Value, nameof(MaxFeePerBlobGas));
        if (To is null) throw new LiquidStakeArgumentException(nameof(To), "a blob transaction (type 3) cannot create a contract; it needs a recipient");
        if (BlobVersionedHashes.Count == 0) throw new LiquidStakeArgumentException(nameof(BlobVersionedHashes), "a blob transaction (type 3) must carry at least one blob versioned hash", "at least 1");
        Span<byte> hash = stackalloc byte[Hash32.Size];
        for (int i = 0; i < BlobVersionedHashes.Count; i++)
        {
            BlobVersionedHashes[i].CopyTo(hash);
            if (hash[0] != BlobVersionedHashVersion)
                throw new LiquidStakeArgumentException(nameof(BlobVersionedHashes), $"blob versioned hash {i} starts with version byte 0x{hash[0]:x2}, not the KZG version 0x01", "version byte 0x01");
        }
    }

    private void ValidateAuthorizations()
    {
        if (To is null) throw new LiquidStakeArgumentException(nameof(To), "a set-code transaction (type 4) cannot create a contract; it needs a recipient");
        if (AuthorizationList.Count == 0) throw new LiquidStakeArgumentException(nameof(AuthorizationList), "a set-code transaction (type 4) must carry at least one authorization", "at least 1");
        for (int i = 0; i < AuthorizationList.Count; i++)
        {
            var authorization = AuthorizationList[i] ?? throw new LiquidStakeArgumentException(nameof(AuthorizationList), $"authorization {i} is null");
            // EIP-7702's bounds for a tuple; a tuple within them whose signature does not recover is skipped by the
            // chain, it does not make the transaction invalid, so that is not checked here.
            CheckUInt256(authorization.ChainId, $"{nameof(AuthorizationList)}[{i}].{nameof(Authorization.ChainId)}");
            CheckUInt256(authorization.R, $"{nameof(AuthorizationList)}[{i}].{nameof(Authorization.R)}");
            CheckUInt256(authorization.S, $"{nameof(AuthorizationList)}[{i}].{nameof(Authorization.S)}");
        }
    }

    private static void CheckUInt256(BigInteger value, string name)
    {
        if (value.Sign < 0) throw new LiquidStakeArgumentException(name, "cannot be negative", "0 to 2^256-1");
        if (value.GetBitLength() > 256) throw new LiquidStakeArgumentException(name, "does not fit in 256 bits", "0 to 2^256-1");
    }

    private static LiquidStakeArgumentException Missing(string name) =>
        new(name, "is required to sign the transaction but is not set");
}
