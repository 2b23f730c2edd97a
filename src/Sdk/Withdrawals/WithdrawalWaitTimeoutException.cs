
namespace LiquidStake.Sdk.Withdrawals;

/// <summary>A withdrawal was still not claimable when the wait's timeout passed; the request itself is unaffected.</summary>
public class WithdrawalWaitTimeoutException : LiquidStakeException
{
    /// <summary>Creates the exception without a message.</summary>
    public WithdrawalWaitTimeoutException() { }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What timed out.</param>
    public WithdrawalWaitTimeoutException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What timed out.</param>
    /// <param name="innerException">The cause.</param>
    public WithdrawalWaitTimeoutException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for a request.</summary>
    /// <param name="id">The request waited for.</param>
    /// <param name="timeout">The timeout that passed.</param>
    /// <param name="latest">The last state read.</param>
    public WithdrawalWaitTimeoutException(WithdrawalId id, TimeSpan timeout, WithdrawalRequest latest)
        : base($"The withdrawal {id} was still {latest?.Status.ToString().ToLowerInvariant()} after waiting {timeout}.")
    {
        Id = id;
        Timeout = timeout;
        Latest = latest;
    }

    /// <summary>The request waited for.</summary>
    public WithdrawalId? Id { get; }

    /// <summary>The timeout that passed.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The last state read (its <see cref="WithdrawalRequest.EstimatedClaimableAt"/> tells how long is left, when known).</summary>
    public WithdrawalRequest? Latest { get; }
}
