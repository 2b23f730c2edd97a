using System.Numerics;

namespace LiquidStake.Ethereum.Transactions;

/// <summary>
/// A transaction that is wanted but not yet signed. Fields left null are filled by the sending pipeline
/// (nonce, gas, fees, chain id); a caller or an external signer may set any of them to bypass that filler.
/// </summary>
/// <remarks>This is what generated <c>PrepareXxx</c> methods return and what a hardware wallet or custodian is handed.</remarks>
public sealed record TransactionRequest
{
    /// <summary>The sender; required to fill the nonce and estimate gas.</summary>
    public Address? From { get; init; }

    /// <summary>The recipient; null creates a contract.</summary>
    public Address? To { get; init; }

    /// <summary>Calldata (empty for a plain transfer).</summary>
    public ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>Wei sent with the call.</summary>
    public BigInteger Value { get; init; }

    /// <summary>Gas limit.</summary>
    public ulong? Gas { get; init; }

    /// <summary>Legacy or EIP-2930 gas price in wei.</summary>
    public BigInteger? GasPrice { get; init; }

    /// <summary>EIP-1559 maximum fee per gas in wei.</summary>
    public BigInteger? MaxFeePerGas { get; init; }

    /// <summary>EIP-1559 maximum priority fee per gas in wei.</summary>
    public BigInteger? MaxPriorityFeePerGas { get; init; }

    /// <summary>Account nonce.</summary>
    public ulong? Nonce { get; init; }

    /// <summary>Chain id (EIP-155).</summary>
    public ulong? ChainId { get; init; }

    /// <summary>Transaction type: 0 legacy, 1 EIP-2930, 2 EIP-1559; null lets the pipeline choose (EIP-1559 where the chain supports it).</summary>
    public byte? Type { get; init; }

    /// <summary>EIP-2930 access list; null for none.</summary>
    public IReadOnlyList<AccessListEntry>? AccessList { get; init; }
}

/// <summary>One address and the storage keys it declares in an EIP-2930 access list.</summary>
public sealed record AccessListEntry(Address Address, IReadOnlyList<Hash32> StorageKeys);
