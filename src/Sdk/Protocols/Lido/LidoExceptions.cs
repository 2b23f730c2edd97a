using System.Numerics;

namespace LiquidStake.Sdk.Protocols.Lido;

/// <summary>A withdrawal request cannot be claimed by this account now (not finalized, already claimed, or owned by someone else).</summary>
public class WithdrawalNotClaimableException : StakingPreflightException
{
    /// <summary>Creates a <see cref="WithdrawalNotClaimableException"/> with the default message.</summary>
    public WithdrawalNotClaimableException() { }

    /// <summary>Creates a <see cref="WithdrawalNotClaimableException"/> with a message.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    public WithdrawalNotClaimableException(string message) : base(message) { }

    /// <summary>Creates a <see cref="WithdrawalNotClaimableException"/> with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    /// <param name="innerException">The underlying failure, or null.</param>
    public WithdrawalNotClaimableException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for a Lido withdrawal request that cannot be claimed now.</summary>
    /// <param name="requestId">The withdrawal request (its unstETH NFT id).</param>
    /// <param name="reason">Why it cannot be claimed (not finalized, already claimed, another owner).</param>
    public WithdrawalNotClaimableException(BigInteger requestId, string reason)
        : base(ProtocolId.Lido, "withdrawals", $"request {requestId} cannot be claimed: {reason}", "finalized, unclaimed requests of the account") => RequestId = requestId;

    /// <summary>The request.</summary>
    public BigInteger RequestId { get; }
}
