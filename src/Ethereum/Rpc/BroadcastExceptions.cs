using System.Net;

namespace LiquidStake.Ethereum.Rpc;

/// <summary>
/// A broadcast may have reached the node, but neither the node's answer nor a look-up of the transaction's hash tells
/// whether it did. Do not sign a new transaction for the same purpose: wait for <see cref="TransactionHash"/> (or
/// re-broadcast <see cref="SignedTransaction"/>, which is harmless because a node accepts the same bytes only once).
/// </summary>
public class BroadcastOutcomeUnknownException : RpcTransportException
{
    /// <summary>Creates a <see cref="BroadcastOutcomeUnknownException"/> with the default message.</summary>
    public BroadcastOutcomeUnknownException() { }

    /// <summary>Creates a <see cref="BroadcastOutcomeUnknownException"/> with a message.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    public BroadcastOutcomeUnknownException(string message) : base(message) { }

    /// <summary>Creates a <see cref="BroadcastOutcomeUnknownException"/> with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    /// <param name="innerException">The underlying failure, or null.</param>
    public BroadcastOutcomeUnknownException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for one signed transaction.</summary>
    /// <param name="message">What went wrong, in words.</param>
    /// <param name="transactionHash">The transaction's hash.</param>
    /// <param name="signedTransaction">The signed bytes (public once broadcast; never logged).</param>
    /// <param name="statusCode">The last HTTP status, when there was one.</param>
    /// <param name="innerException">The last failure.</param>
    public BroadcastOutcomeUnknownException(string message, Hash32 transactionHash, ReadOnlyMemory<byte> signedTransaction, HttpStatusCode? statusCode, Exception? innerException)
        : base(message, statusCode, innerException)
    {
        TransactionHash = transactionHash;
        SignedTransaction = signedTransaction;
    }

    /// <summary>The hash of the transaction whose fate is unknown.</summary>
    public Hash32 TransactionHash { get; }

    /// <summary>The signed bytes, to re-broadcast unchanged.</summary>
    public ReadOnlyMemory<byte> SignedTransaction { get; }
}

/// <summary>
/// The transaction provably did not reach the node: every attempt was refused before the node saw it (HTTP 429, a
/// connection that could not be opened). Nothing happened on chain; sending again is safe.
/// </summary>
public class TransactionNotBroadcastException : RpcTransportException
{
    /// <summary>Creates a <see cref="TransactionNotBroadcastException"/> with the default message.</summary>
    public TransactionNotBroadcastException() { }

    /// <summary>Creates a <see cref="TransactionNotBroadcastException"/> with a message.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    public TransactionNotBroadcastException(string message) : base(message) { }

    /// <summary>Creates a <see cref="TransactionNotBroadcastException"/> with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    /// <param name="innerException">The underlying failure, or null.</param>
    public TransactionNotBroadcastException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for one signed transaction.</summary>
    /// <param name="message">What went wrong, in words.</param>
    /// <param name="transactionHash">The hash of the transaction that was not broadcast.</param>
    /// <param name="statusCode">The last HTTP status, when there was one.</param>
    /// <param name="innerException">The last failure.</param>
    public TransactionNotBroadcastException(string message, Hash32 transactionHash, HttpStatusCode? statusCode, Exception? innerException)
        : base(message, statusCode, innerException) => TransactionHash = transactionHash;

    /// <summary>The hash of the transaction that was not broadcast.</summary>
    public Hash32 TransactionHash { get; }
}
