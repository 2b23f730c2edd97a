namespace LiquidStake.Ethereum.Rpc;

/// <summary>An event log as returned by <c>eth_getLogs</c> or inside a receipt.</summary>
public sealed record LogEntry
{
    /// <summary>The contract that emitted the log.</summary>
    public required Address Address { get; init; }

    /// <summary>Topics; topic 0 is the event signature hash for non-anonymous events.</summary>
    public required IReadOnlyList<Hash32> Topics { get; init; }

    /// <summary>The non-indexed data.</summary>
    public required ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>Block number, null while pending.</summary>
    public ulong? BlockNumber { get; init; }

    /// <summary>Block hash, null while pending.</summary>
    public Hash32? BlockHash { get; init; }

    /// <summary>Hash of the transaction that emitted the log.</summary>
    public Hash32? TransactionHash { get; init; }

    /// <summary>Index of the transaction in its block.</summary>
    public ulong? TransactionIndex { get; init; }

    /// <summary>Index of the log in its block.</summary>
    public ulong? LogIndex { get; init; }

    /// <summary>True when the log was removed by a reorg.</summary>
    public bool Removed { get; init; }
}
