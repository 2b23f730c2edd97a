using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rpc;

namespace LiquidStake.Testing;

/// <summary>A devnet transaction was mined but reverted (status 0).</summary>
public class DevnetTransactionFailedException : LiquidStakeException
{
    /// <summary>Creates a <see cref="DevnetTransactionFailedException"/> with the default message.</summary>
    public DevnetTransactionFailedException() { }

    /// <summary>Creates a <see cref="DevnetTransactionFailedException"/> with a message.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    public DevnetTransactionFailedException(string message) : base(message) { }

    /// <summary>Creates a <see cref="DevnetTransactionFailedException"/> with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    /// <param name="innerException">The underlying failure, or null.</param>
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
    /// <summary>Creates a <see cref="DevnetReplicaUnavailableException"/> with the default message.</summary>
    public DevnetReplicaUnavailableException() { }

    /// <summary>Creates a <see cref="DevnetReplicaUnavailableException"/> with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    /// <param name="innerException">The underlying failure, or null.</param>
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

/// <summary>No account holding a protocol role could be found on-chain (from the contract's own role getters).</summary>
public class DevnetRoleHolderNotFoundException : LiquidStakeException
{
    /// <summary>Creates a <see cref="DevnetRoleHolderNotFoundException"/> with the default message.</summary>
    public DevnetRoleHolderNotFoundException() { }

    /// <summary>Creates a <see cref="DevnetRoleHolderNotFoundException"/> with a message.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    public DevnetRoleHolderNotFoundException(string message) : base(message) { }

    /// <summary>Creates a <see cref="DevnetRoleHolderNotFoundException"/> with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    /// <param name="innerException">The underlying failure, or null.</param>
    public DevnetRoleHolderNotFoundException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception naming the role and the contract whose getters were asked.</summary>
    /// <param name="role">The role's name, for example <c>STAKING_PAUSE_ROLE</c>.</param>
    /// <param name="contract">The contract the role belongs to.</param>
    /// <param name="where">Which getters were asked.</param>
    public DevnetRoleHolderNotFoundException(string role, Address contract, string where)
        : base($"No holder of {role} on {contract} was found ({where}).")
    {
        Role = role;
        Contract = contract;
    }

    /// <summary>The role that has no known holder.</summary>
    public string? Role { get; }

    /// <summary>The contract the role belongs to.</summary>
    public Address? Contract { get; }
}
