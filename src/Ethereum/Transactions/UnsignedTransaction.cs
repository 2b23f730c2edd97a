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
}

/// <summary>
/// A complete transaction ready to be signed: every field is set. Legacy and EIP-2930 use <see cref="GasPrice"/>;
/// EIP-1559 uses <see cref="MaxFeePerGas"/> and <see cref="MaxPriorityFeePerGas"/>.
/// </summary>
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

    /// <summary>Maximum priority fee per gas in wei (type 2).</summary>
    public BigInteger? MaxPriorityFeePerGas { get; init; }

    /// <summary>Maximum fee per gas in wei (type 2).</summary>
    public BigInteger? MaxFeePerGas { get; init; }

    /// <summary>Gas limit.</summary>
    public ulong Gas { get; init; }

    /// <summary>Recipient; null creates a contract.</summary>
    public Address? To { get; init; }

    /// <summary>Wei sent.</summary>
    public BigInteger Value { get; init; }

    /// <summary>Calldata.</summary>
    public ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>EIP-2930 access list (types 1 and 2); empty for none.</summary>
    public IReadOnlyList<AccessListEntry> AccessList { get; init; } = [];

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
            _ => throw new LiquidStakeArgumentException(nameof(request.Type), $"transaction type {request.Type} is not supported", "0, 1 or 2"),
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
    /// <exception cref="LiquidStakeArgumentException">A field is missing, negative, too large or belongs to another type.</exception>
    public void Validate()
    {
        switch (Type)
        {
            case TransactionType.Legacy:
                if (AccessList.Count > 0) throw new LiquidStakeArgumentException(nameof(AccessList), "a legacy transaction cannot carry an access list");
                goto case TransactionType.AccessList;
            case TransactionType.AccessList:
                if (GasPrice is null) throw Missing(nameof(GasPrice));
                if (MaxFeePerGas is not null || MaxPriorityFeePerGas is not null)
                    throw new LiquidStakeArgumentException(nameof(MaxFeePerGas), $"a type {(byte)Type} transaction uses GasPrice, not EIP-1559 fees");
                CheckUInt256(GasPrice.Value, nameof(GasPrice));
                break;
            case TransactionType.DynamicFee:
                if (MaxFeePerGas is null) throw Missing(nameof(MaxFeePerGas));
                if (MaxPriorityFeePerGas is null) throw Missing(nameof(MaxPriorityFeePerGas));
                if (GasPrice is not null) throw new LiquidStakeArgumentException(nameof(GasPrice), "an EIP-1559 transaction has no gas price");
                CheckUInt256(MaxFeePerGas.Value, nameof(MaxFeePerGas));
                CheckUInt256(MaxPriorityFeePerGas.Value, nameof(MaxPriorityFeePerGas));
                break;
            default:
                throw new LiquidStakeArgumentException(nameof(Type), $"transaction type {(byte)Type} is not supported", "0, 1 or 2");
        }
        if (Type != TransactionType.Legacy && ChainId is null) throw Missing(nameof(ChainId));
        CheckUInt256(Value, nameof(Value));
        ArgumentNullException.ThrowIfNull(AccessList);
        foreach (var entry in AccessList)
        {
            if (entry is null || entry.StorageKeys is null) throw new LiquidStakeArgumentException(nameof(AccessList), "access list entries and their storage keys cannot be null");
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
