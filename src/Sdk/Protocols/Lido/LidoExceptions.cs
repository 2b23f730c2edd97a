using System.Numerics;

namespace LiquidStake.Sdk.Protocols.Lido;

/// <summary>A withdrawal request cannot be claimed by this account now (not finalized, already claimed, or owned by someone else).</summary>
public class WithdrawalNotClaimableException : StakingPreflightException
{
    public WithdrawalNotClaimableException() { }

    public WithdrawalNotClaimableException(string message) : base(message) { }

    public WithdrawalNotClaimableException(string message, Exception? innerException) : base(message, innerException) { }

    public WithdrawalNotClaimableException(BigInteger requestId, string reason)
        : base(ProtocolId.Lido, "withdrawals", $"request {requestId} cannot be claimed: {reason}", "finalized, unclaimed requests of the account") => RequestId = requestId;

    /// <summary>The request.</summary>
    public BigInteger RequestId { get; }
}
