using System.Numerics;
using LiquidStake.Ethereum;

namespace LiquidStake.Sdk;

/// <summary>A pre-flight check refused an operation before anything was signed. The message names the argument, the reason and the limit.</summary>
public class StakingPreflightException : LiquidStakeArgumentException
{
    public StakingPreflightException() { }

    public StakingPreflightException(string message) : base(message) { }

    public StakingPreflightException(string message, Exception? innerException) : base(message, innerException) { }

    public StakingPreflightException(ProtocolId protocol, string paramName, string reason, string? limit = null)
        : base(paramName, $"{protocol}: {reason}", limit) => Protocol = protocol;

    /// <summary>The protocol whose rule refused the operation.</summary>
    public ProtocolId Protocol { get; }
}

/// <summary>The amount is zero or negative.</summary>
public class AmountNotPositiveException : StakingPreflightException
{
    public AmountNotPositiveException() { }

    public AmountNotPositiveException(string message) : base(message) { }

    public AmountNotPositiveException(string message, Exception? innerException) : base(message, innerException) { }

    public AmountNotPositiveException(ProtocolId protocol, string paramName, BigInteger amount)
        : base(protocol, paramName, $"the amount must be greater than zero, got {amount}", "> 0") { }
}

/// <summary>The amount is below the protocol's minimum.</summary>
public class AmountBelowMinimumException : StakingPreflightException
{
    public AmountBelowMinimumException() { }

    public AmountBelowMinimumException(string message) : base(message) { }

    public AmountBelowMinimumException(string message, Exception? innerException) : base(message, innerException) { }

    public AmountBelowMinimumException(ProtocolId protocol, string paramName, BigInteger amount, BigInteger minimum, string unit)
        : base(protocol, paramName, $"{amount} {unit} is below the minimum of {minimum} {unit}", $"at least {minimum} {unit}") => Minimum = minimum;

    /// <summary>The minimum in base units.</summary>
    public BigInteger Minimum { get; }
}

/// <summary>The amount is above a limit: a stake limit, a pool capacity, a strategy cap, a per-request maximum, available liquidity.</summary>
public class AmountAboveLimitException : StakingPreflightException
{
    public AmountAboveLimitException() { }

    public AmountAboveLimitException(string message) : base(message) { }

    public AmountAboveLimitException(string message, Exception? innerException) : base(message, innerException) { }

    public AmountAboveLimitException(ProtocolId protocol, string paramName, BigInteger amount, BigInteger maximum, string unit, string limitName)
        : base(protocol, paramName, $"{amount} {unit} is above the {limitName} of {maximum} {unit}", $"at most {maximum} {unit} ({limitName})")
    {
        Maximum = maximum;
        LimitName = limitName;
    }

    /// <summary>The maximum in base units.</summary>
    public BigInteger Maximum { get; }

    /// <summary>Which limit it is (for example "Lido stake limit").</summary>
    public string? LimitName { get; }
}

/// <summary>The account holds less than the amount.</summary>
public class InsufficientBalanceException : StakingPreflightException
{
    public InsufficientBalanceException() { }

    public InsufficientBalanceException(string message) : base(message) { }

    public InsufficientBalanceException(string message, Exception? innerException) : base(message, innerException) { }

    public InsufficientBalanceException(ProtocolId protocol, string paramName, BigInteger amount, BigInteger balance, string unit)
        : base(protocol, paramName, $"the account holds {balance} {unit}, less than {amount} {unit}", $"at most {balance} {unit}") => Balance = balance;

    /// <summary>Names the account that holds too little (for example the payer of a deposit made for someone else).</summary>
    public InsufficientBalanceException(ProtocolId protocol, string paramName, BigInteger amount, BigInteger balance, string unit, Address holder)
        : base(protocol, paramName, $"{holder} holds {balance} {unit}, less than {amount} {unit}", $"at most {balance} {unit}") => Balance = balance;

    /// <summary>The balance in base units.</summary>
    public BigInteger Balance { get; }
}

/// <summary>
/// A withdrawal request cannot be claimed by the account now (it does not exist, is not finalized, was invalidated,
/// was already claimed, or belongs to someone else). One type for every protocol, so cross-protocol code catches it once.
/// </summary>
public class WithdrawalNotClaimableException : StakingPreflightException
{
    /// <summary>Creates the exception without a message.</summary>
    public WithdrawalNotClaimableException() { }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">Why the request cannot be claimed.</param>
    public WithdrawalNotClaimableException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">Why the request cannot be claimed.</param>
    /// <param name="innerException">The cause.</param>
    public WithdrawalNotClaimableException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for one request, blaming the caller's <c>withdrawals</c> argument.</summary>
    /// <param name="protocol">The protocol of the request.</param>
    /// <param name="requestId">The request.</param>
    /// <param name="reason">Why it cannot be claimed.</param>
    public WithdrawalNotClaimableException(ProtocolId protocol, BigInteger requestId, string reason)
        : base(protocol, "withdrawals", $"request {requestId} cannot be claimed: {reason}", "existing, finalized, valid, unclaimed requests of the account") => RequestId = requestId;

    /// <summary>The request.</summary>
    public BigInteger RequestId { get; }
}

/// <summary>
/// The protocol's on-chain state (not the caller's arguments) refuses the operation before anything is signed;
/// retrying with the same arguments can succeed once the state changes.
/// </summary>
public class ProtocolStateException : LiquidStakeException
{
    /// <summary>Creates the exception without a message.</summary>
    public ProtocolStateException() { }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What refused the operation.</param>
    public ProtocolStateException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What refused the operation.</param>
    /// <param name="innerException">The cause.</param>
    public ProtocolStateException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for a protocol.</summary>
    /// <param name="protocol">The protocol whose state refused the operation.</param>
    /// <param name="reason">What in its state refused it.</param>
    public ProtocolStateException(ProtocolId protocol, string reason) : base($"{protocol}: {reason}.") => Protocol = protocol;

    /// <summary>The protocol whose state refused the operation.</summary>
    public ProtocolId Protocol { get; }
}

/// <summary>The protocol (or the part of it needed) is paused: a state of the protocol, not a bad argument.</summary>
public class ProtocolPausedException : ProtocolStateException
{
    /// <summary>Creates the exception without a message.</summary>
    public ProtocolPausedException() { }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is paused.</param>
    public ProtocolPausedException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What is paused.</param>
    /// <param name="innerException">The cause.</param>
    public ProtocolPausedException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for a paused part of a protocol.</summary>
    /// <param name="protocol">The protocol.</param>
    /// <param name="what">The paused part, for example "Lido staking".</param>
    public ProtocolPausedException(ProtocolId protocol, string what)
        : base(protocol, $"{what} is paused") { }
}

/// <summary>The RPC endpoint serves another chain than the configured network.</summary>
public class WrongChainException : StakingPreflightException
{
    public WrongChainException() { }

    public WrongChainException(string message) : base(message) { }

    public WrongChainException(string message, Exception? innerException) : base(message, innerException) { }

    public WrongChainException(ulong expected, ulong actual)
        : base(new ProtocolId("network"), "chainId", $"the RPC endpoint serves chain {actual} but the network profile is for chain {expected}", $"chain {expected}")
    {
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The configured chain id.</summary>
    public ulong Expected { get; }

    /// <summary>The endpoint's chain id.</summary>
    public ulong Actual { get; }
}

/// <summary>
/// A step needs an ERC-20 allowance that neither the chain nor an earlier approval step of the same plan provides
/// (for example a plan sent without its approval step, or an allowance spent since the plan was prepared).
/// </summary>
public class InsufficientAllowanceException : StakingPreflightException
{
    public InsufficientAllowanceException() { }

    public InsufficientAllowanceException(string message) : base(message) { }

    public InsufficientAllowanceException(string message, Exception? innerException) : base(message, innerException) { }

    public InsufficientAllowanceException(ProtocolId protocol, AllowanceRequirement requirement, BigInteger available)
        : base(protocol, "plan",
            $"'{requirement?.StepDescription}' needs an allowance of {requirement?.Amount} base units of {requirement?.TokenLabel} from {requirement?.Owner} to {requirement?.Spender}, but only {available} is approved (on chain plus earlier approval steps)",
            $"an allowance of at least {requirement?.Amount}; add the approval step or approve first")
    {
        ArgumentNullException.ThrowIfNull(requirement);
        Requirement = requirement;
        Available = available;
    }

    /// <summary>What the step needs.</summary>
    public AllowanceRequirement? Requirement { get; }

    /// <summary>What is approved: the on-chain allowance plus the plan's earlier approval steps.</summary>
    public BigInteger Available { get; }
}
