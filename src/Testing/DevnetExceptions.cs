using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rpc;

namespace LiquidStake.Testing;

/// <summary>A devnet transaction was mined but reverted (status 0).</summary>
public class DevnetTransactionFailedException : LiquidStakeException
{
    public DevnetTransactionFailedException() { }

    public DevnetTransactionFailedException(string message) : base(message) { }

    public DevnetTransactionFailedException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for <paramref name="receipt"/>.</summary>
    public DevnetTransactionFailedException(TransactionReceipt receipt, Address? to)
        : base($"Transaction {receipt?.TransactionHash} to {to?.ToString() ?? "(creation)"} reverted in block {receipt?.BlockNumber}.")
    {
        Receipt = receipt;
    }

    /// <summary>The failed transaction's receipt.</summary>
    public TransactionReceipt? Receipt { get; }
}

/// <summary>A replica-only admin helper was called on a chain without the replicas (a real mainnet fork).</summary>
public class DevnetReplicaUnavailableException : LiquidStakeException
{
    public DevnetReplicaUnavailableException() { }

    public DevnetReplicaUnavailableException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception naming <paramref name="helper"/>.</summary>
    public DevnetReplicaUnavailableException(string helper)
        : base($"'{helper}' is a devnet replica admin helper; it does not exist on a real mainnet fork. {DevnetEnvironment.ReplicaOnlyReason}")
    {
        Helper = helper;
    }

    /// <summary>The helper that was called.</summary>
    public string? Helper { get; }
}
