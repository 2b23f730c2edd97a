using System.Numerics;

namespace LiquidStake.Ethereum.Rpc;

/// <summary>A mined transaction's receipt (<c>eth_getTransactionReceipt</c>).</summary>
public sealed record TransactionReceipt
{
    /// <summary>The transaction this receipt belongs to.</summary>
    public required Hash32 TransactionHash { get; init; }

    /// <summary>Index of the transaction in its block.</summary>
    public ulong TransactionIndex { get; init; }

    /// <summary>The block that includes the transaction.</summary>
    public required Hash32 BlockHash { get; init; }

    /// <summary>The number of that block.</summary>
    public required ulong BlockNumber { get; init; }

    /// <summary>The sender.</summary>
    public Address From { get; init; }

    /// <summary>The recipient; null for a contract creation.</summary>
    public Address? To { get; init; }

    /// <summary>True when the transaction succeeded (status 1); false when it reverted (status 0).</summary>
    public required bool Succeeded { get; init; }

    /// <summary>Gas used by this transaction.</summary>
    public ulong GasUsed { get; init; }

    /// <summary>Gas used by the block up to and including this transaction.</summary>
    public ulong CumulativeGasUsed { get; init; }

    /// <summary>The price per gas actually paid, in wei.</summary>
    public BigInteger EffectiveGasPrice { get; init; }

    /// <summary>The created contract, for a contract creation.</summary>
    public Address? ContractAddress { get; init; }

    /// <summary>Transaction type (0 legacy, 1 EIP-2930, 2 EIP-1559, ...).</summary>
    public byte Type { get; init; }

    /// <summary>The logs the transaction emitted, in order.</summary>
    public IReadOnlyList<LogEntry> Logs { get; init; } = [];
}

/// <summary>A block header as returned by <c>eth_getBlockByNumber</c> (transactions as hashes).</summary>
public sealed record BlockHeader
{
    /// <summary>Block number.</summary>
    public required ulong Number { get; init; }

    /// <summary>Block hash.</summary>
    public required Hash32 Hash { get; init; }

    /// <summary>Parent block hash.</summary>
    public required Hash32 ParentHash { get; init; }

    /// <summary>Unix timestamp in seconds.</summary>
    public required ulong Timestamp { get; init; }

    /// <summary>EIP-1559 base fee in wei; null on chains without EIP-1559.</summary>
    public BigInteger? BaseFeePerGas { get; init; }

    /// <summary>Block gas limit.</summary>
    public ulong GasLimit { get; init; }

    /// <summary>Gas used by the block.</summary>
    public ulong GasUsed { get; init; }

    /// <summary>Fee recipient.</summary>
    public Address Miner { get; init; }

    /// <summary>Hashes of the block's transactions, in order.</summary>
    public IReadOnlyList<Hash32> TransactionHashes { get; init; } = [];
}

/// <summary>A transaction as returned by <c>eth_getTransactionByHash</c>.</summary>
public sealed record RpcTransaction
{
    /// <summary>Transaction hash.</summary>
    public required Hash32 Hash { get; init; }

    /// <summary>Sender nonce.</summary>
    public required ulong Nonce { get; init; }

    /// <summary>Sender.</summary>
    public required Address From { get; init; }

    /// <summary>Recipient; null for a contract creation.</summary>
    public Address? To { get; init; }

    /// <summary>Wei sent.</summary>
    public BigInteger Value { get; init; }

    /// <summary>Gas limit.</summary>
    public ulong Gas { get; init; }

    /// <summary>Legacy gas price (or the effective price reported by some nodes for EIP-1559 transactions).</summary>
    public BigInteger? GasPrice { get; init; }

    /// <summary>EIP-1559 max fee per gas.</summary>
    public BigInteger? MaxFeePerGas { get; init; }

    /// <summary>EIP-1559 max priority fee per gas.</summary>
    public BigInteger? MaxPriorityFeePerGas { get; init; }

    /// <summary>Calldata.</summary>
    public ReadOnlyMemory<byte> Input { get; init; }

    /// <summary>Transaction type.</summary>
    public byte Type { get; init; }

    /// <summary>Chain id, when the transaction carries one.</summary>
    public ulong? ChainId { get; init; }

    /// <summary>Including block hash; null while pending.</summary>
    public Hash32? BlockHash { get; init; }

    /// <summary>Including block number; null while pending.</summary>
    public ulong? BlockNumber { get; init; }
}

/// <summary>The answer of <c>eth_feeHistory</c>.</summary>
public sealed record FeeHistory
{
    /// <summary>The first block of the window.</summary>
    public required ulong OldestBlock { get; init; }

    /// <summary>Base fee per block in the window, plus the next block's (one more entry than blocks); empty on pre-London chains.</summary>
    public required IReadOnlyList<BigInteger> BaseFeePerGas { get; init; }

    /// <summary>Share of the gas limit used per block.</summary>
    public IReadOnlyList<double> GasUsedRatio { get; init; } = [];

    /// <summary>Priority fee at the requested percentiles, per block.</summary>
    public IReadOnlyList<IReadOnlyList<BigInteger>> Reward { get; init; } = [];
}

/// <summary>
/// A temporary change to one account's state for a single <c>eth_call</c> or <c>eth_estimateGas</c> (the "state override set").
/// <see cref="State"/> replaces the whole storage; <see cref="StateDiff"/> patches single slots. Set at most one of them.
/// </summary>
public sealed record AccountOverride
{
    /// <summary>Balance to pretend, in wei.</summary>
    public BigInteger? Balance { get; init; }

    /// <summary>Nonce to pretend.</summary>
    public ulong? Nonce { get; init; }

    /// <summary>Runtime code to pretend.</summary>
    public ReadOnlyMemory<byte>? Code { get; init; }

    /// <summary>Complete storage to pretend (all other slots read as zero).</summary>
    public IReadOnlyDictionary<Hash32, Hash32>? State { get; init; }

    /// <summary>Storage slots to patch.</summary>
    public IReadOnlyDictionary<Hash32, Hash32>? StateDiff { get; init; }
}
