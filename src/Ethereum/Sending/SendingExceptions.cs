using LiquidStake.Ethereum.Rpc;

namespace LiquidStake.Ethereum.Sending;

/// <summary>The node serves another chain than the one configured: nothing was signed.</summary>
public class ChainIdMismatchException : LiquidStakeException
{
    /// <summary>Creates a <see cref="ChainIdMismatchException"/> with the default message.</summary>
    public ChainIdMismatchException() { }

    /// <summary>Creates a <see cref="ChainIdMismatchException"/> with a message.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    public ChainIdMismatchException(string message) : base(message) { }

    /// <summary>Creates a <see cref="ChainIdMismatchException"/> with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    /// <param name="innerException">The underlying failure, or null.</param>
    public ChainIdMismatchException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception naming both chain ids.</summary>
    public ChainIdMismatchException(ulong expectedChainId, ulong nodeChainId)
        : base($"Refusing to sign: the transaction is for chain id {expectedChainId} but the RPC node serves chain id {nodeChainId}.")
    {
        ExpectedChainId = expectedChainId;
        NodeChainId = nodeChainId;
    }

    /// <summary>The configured chain id.</summary>
    public ulong ExpectedChainId { get; }

    /// <summary>The chain id the node reported.</summary>
    public ulong NodeChainId { get; }
}

/// <summary>Another transaction with the same sender and nonce was mined instead of the awaited one.</summary>
public class TransactionReplacedException : LiquidStakeException
{
    /// <summary>Creates a <see cref="TransactionReplacedException"/> with the default message.</summary>
    public TransactionReplacedException() { }

    /// <summary>Creates a <see cref="TransactionReplacedException"/> with a message.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    public TransactionReplacedException(string message) : base(message) { }

    /// <summary>Creates a <see cref="TransactionReplacedException"/> with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    /// <param name="innerException">The underlying failure, or null.</param>
    public TransactionReplacedException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception.</summary>
    public TransactionReplacedException(Hash32 transactionHash, Hash32 replacementHash, ulong nonce, TransactionReceipt? replacementReceipt)
        : base($"Transaction {transactionHash} was replaced by {replacementHash} (same nonce {nonce}).")
    {
        TransactionHash = transactionHash;
        ReplacementHash = replacementHash;
        Nonce = nonce;
        ReplacementReceipt = replacementReceipt;
    }

    /// <summary>The awaited transaction.</summary>
    public Hash32 TransactionHash { get; }

    /// <summary>The transaction mined with the same nonce.</summary>
    public Hash32 ReplacementHash { get; }

    /// <summary>The shared nonce.</summary>
    public ulong Nonce { get; }

    /// <summary>The replacement's receipt, when available.</summary>
    public TransactionReceipt? ReplacementReceipt { get; }
}

/// <summary>The awaited transaction will not be mined: its nonce was used and no replacement was found, or the node forgot it.</summary>
public class TransactionDroppedException : LiquidStakeException
{
    /// <summary>Creates a <see cref="TransactionDroppedException"/> with the default message.</summary>
    public TransactionDroppedException() { }

    /// <summary>Creates a <see cref="TransactionDroppedException"/> with a message.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    public TransactionDroppedException(string message) : base(message) { }

    /// <summary>Creates a <see cref="TransactionDroppedException"/> with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    /// <param name="innerException">The underlying failure, or null.</param>
    public TransactionDroppedException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception.</summary>
    /// <param name="transactionHash">The dropped transaction.</param>
    /// <param name="nonce">Its nonce.</param>
    /// <param name="nonceReleased">True when the node forgot the transaction before using its nonce, which was given back for the next send.</param>
    /// <param name="innerException">Why a re-broadcast was refused, when one was tried.</param>
    public TransactionDroppedException(Hash32 transactionHash, ulong nonce, bool nonceReleased = false, Exception? innerException = null)
        : base(nonceReleased
            ? $"Transaction {transactionHash} (nonce {nonce}) was dropped: the node no longer knows it and the nonce is unused; the next send reuses nonce {nonce}."
            : $"Transaction {transactionHash} (nonce {nonce}) was dropped: the nonce is used and the transaction is not mined.", innerException)
    {
        TransactionHash = transactionHash;
        Nonce = nonce;
        NonceReleased = nonceReleased;
    }

    /// <summary>True when the nonce is unused and was given back to the nonce manager (the node forgot the transaction).</summary>
    public bool NonceReleased { get; }

    /// <summary>The awaited transaction.</summary>
    public Hash32 TransactionHash { get; }

    /// <summary>Its nonce.</summary>
    public ulong Nonce { get; }
}

/// <summary>The transaction was not mined (or not confirmed) within the configured time.</summary>
public class TransactionWaitTimeoutException : LiquidStakeException
{
    /// <summary>Creates a <see cref="TransactionWaitTimeoutException"/> with the default message.</summary>
    public TransactionWaitTimeoutException() { }

    /// <summary>Creates a <see cref="TransactionWaitTimeoutException"/> with a message.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    public TransactionWaitTimeoutException(string message) : base(message) { }

    /// <summary>Creates a <see cref="TransactionWaitTimeoutException"/> with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    /// <param name="innerException">The underlying failure, or null.</param>
    public TransactionWaitTimeoutException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception.</summary>
    public TransactionWaitTimeoutException(Hash32 transactionHash, TimeSpan waited)
        : base($"Transaction {transactionHash} was not confirmed within {waited}.") => TransactionHash = transactionHash;

    /// <summary>The awaited transaction.</summary>
    public Hash32 TransactionHash { get; }
}

/// <summary>
/// The broadcast may have reached the node, and neither its answer nor a look-up settled it. The nonce stays taken.
/// Wait for <see cref="Transaction"/> with <see cref="TransactionSender.WaitForReceiptAsync"/> — it returns the receipt
/// if the transaction landed and reports <see cref="TransactionDroppedException"/> (giving the nonce back) if the node
/// never got it — instead of signing a new transaction for the same purpose.
/// </summary>
public class TransactionOutcomeUnknownException : LiquidStakeException
{
    /// <summary>Creates a <see cref="TransactionOutcomeUnknownException"/> with the default message.</summary>
    public TransactionOutcomeUnknownException() { }

    /// <summary>Creates a <see cref="TransactionOutcomeUnknownException"/> with a message.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    public TransactionOutcomeUnknownException(string message) : base(message) { }

    /// <summary>Creates a <see cref="TransactionOutcomeUnknownException"/> with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    /// <param name="innerException">The underlying failure, or null.</param>
    public TransactionOutcomeUnknownException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for a transaction whose broadcast is unsettled.</summary>
    /// <param name="transaction">The transaction, with its hash, nonce and signed bytes.</param>
    /// <param name="innerException">What the RPC layer saw.</param>
    public TransactionOutcomeUnknownException(SentTransaction transaction, Exception? innerException)
        : base($"The broadcast of transaction {transaction?.Hash} (nonce {transaction?.Nonce}) has an unknown outcome; wait for it before sending again.", innerException)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        Transaction = transaction;
    }

    /// <summary>The transaction to wait for or re-broadcast (<see cref="SentTransaction.SignedTransaction"/>).</summary>
    public SentTransaction? Transaction { get; }

    /// <summary>Its hash, when known.</summary>
    public Hash32? TransactionHash => Transaction?.Hash;
}
