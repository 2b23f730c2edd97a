using System.Numerics;
using LiquidStake.Ethereum;

namespace LiquidStake.Sdk;

/// <summary>A pre-flight check refused an operation before anything was signed. The message names the argument, the reason and the limit.</summary>
public class StakingPreflightException : LiquidStakeArgumentException
{
    /// <summary>Creates a <see cref="StakingPreflightException"/> with the default message.</summary>
    public StakingPreflightException() { }

    /// <summary>Creates a <see cref="StakingPreflightException"/> with a message.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    public StakingPreflightException(string message) : base(message) { }

    /// <summary>Creates a <see cref="StakingPreflightException"/> with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    /// <param name="innerException">The underlying failure, or null.</param>
    public StakingPreflightException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for a protocol rule that refused the caller's argument.</summary>
    /// <param name="protocol">The protocol whose rule refused the operation.</param>
    /// <param name="paramName">The caller's argument that was refused.</param>
    /// <param name="reason">Why it was refused, in words.</param>
    /// <param name="limit">The limit that was broken, or null.</param>
    public StakingPreflightException(ProtocolId protocol, string paramName, string reason, string? limit = null)
        : base(paramName, $"{protocol}: {reason}", limit) => Protocol = protocol;

    /// <summary>The protocol whose rule refused the operation.</summary>
    public ProtocolId Protocol { get; }
}

/// <summary>The amount is zero or negative.</summary>
public class AmountNotPositiveException : StakingPreflightException
{
    /// <summary>Creates an <see cref="AmountNotPositiveException"/> with the default message.</summary>
    public AmountNotPositiveException() { }

    /// <summary>Creates an <see cref="AmountNotPositiveException"/> with a message.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    public AmountNotPositiveException(string message) : base(message) { }

    /// <summary>Creates an <see cref="AmountNotPositiveException"/> with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    /// <param name="innerException">The underlying failure, or null.</param>
    public AmountNotPositiveException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for an amount that is zero or negative.</summary>
    /// <param name="protocol">The protocol the amount was meant for.</param>
    /// <param name="paramName">The caller's argument that holds the amount.</param>
    /// <param name="amount">The refused amount, in base units.</param>
    public AmountNotPositiveException(ProtocolId protocol, string paramName, BigInteger amount)
        : base(protocol, paramName, $"the amount must be greater than zero, got {amount}", "> 0") { }
}

/// <summary>The amount is below the protocol's minimum.</summary>
public class AmountBelowMinimumException : StakingPreflightException
{
    /// <summary>Creates an <see cref="AmountBelowMinimumException"/> with the default message.</summary>
    public AmountBelowMinimumException() { }

    /// <summary>Creates an <see cref="AmountBelowMinimumException"/> with a message.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    public AmountBelowMinimumException(string message) : base(message) { }

    /// <summary>Creates an <see cref="AmountBelowMinimumException"/> with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    /// <param name="innerException">The underlying failure, or null.</param>
    public AmountBelowMinimumException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for an amount below the protocol's minimum.</summary>
    /// <param name="protocol">The protocol whose minimum applies.</param>
    /// <param name="paramName">The caller's argument that holds the amount.</param>
    /// <param name="amount">The refused amount, in base units.</param>
    /// <param name="minimum">The smallest accepted amount, in base units.</param>
    /// <param name="unit">The name of the base unit (for example "wei").</param>
    public AmountBelowMinimumException(ProtocolId protocol, string paramName, BigInteger amount, BigInteger minimum, string unit)
        : base(protocol, paramName, $"{amount} {unit} is below the minimum of {minimum} {unit}", $"at least {minimum} {unit}") => Minimum = minimum;

    /// <summary>The minimum in base units.</summary>
    public BigInteger Minimum { get; }
}

/// <summary>The amount is above a limit: a stake limit, a pool capacity, a strategy cap, a per-request maximum, available liquidity.</summary>
public class AmountAboveLimitException : StakingPreflightException
{
    /// <summary>Creates an <see cref="AmountAboveLimitException"/> with the default message.</summary>
    public AmountAboveLimitException() { }

    /// <summary>Creates an <see cref="AmountAboveLimitException"/> with a message.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    public AmountAboveLimitException(string message) : base(message) { }

    /// <summary>Creates an <see cref="AmountAboveLimitException"/> with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    /// <param name="innerException">The underlying failure, or null.</param>
    public AmountAboveLimitException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for an amount above one of the protocol's limits.</summary>
    /// <param name="protocol">The protocol whose limit applies.</param>
    /// <param name="paramName">The caller's argument that holds the amount.</param>
    /// <param name="amount">The refused amount, in base units.</param>
    /// <param name="maximum">The largest accepted amount now, in base units.</param>
    /// <param name="unit">The name of the base unit (for example "wei").</param>
    /// <param name="limitName">Which limit it is (for example "Lido stake limit").</param>
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
    /// <summary>Creates an <see cref="InsufficientBalanceException"/> with the default message.</summary>
    public InsufficientBalanceException() { }

    /// <summary>Creates an <see cref="InsufficientBalanceException"/> with a message.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    public InsufficientBalanceException(string message) : base(message) { }

    /// <summary>Creates an <see cref="InsufficientBalanceException"/> with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    /// <param name="innerException">The underlying failure, or null.</param>
    public InsufficientBalanceException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for an account that holds less than the amount.</summary>
    /// <param name="protocol">The protocol the amount was meant for.</param>
    /// <param name="paramName">The caller's argument that holds the amount.</param>
    /// <param name="amount">The refused amount, in base units.</param>
    /// <param name="balance">What the account holds, in base units.</param>
    /// <param name="unit">The name of the base unit (for example "wei").</param>
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
    /// <summary>Creates a <see cref="WrongChainException"/> with the default message.</summary>
    public WrongChainException() { }

    /// <summary>Creates a <see cref="WrongChainException"/> with a message.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    public WrongChainException(string message) : base(message) { }

    /// <summary>Creates a <see cref="WrongChainException"/> with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    /// <param name="innerException">The underlying failure, or null.</param>
    public WrongChainException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception naming both chain ids.</summary>
    /// <param name="expected">The chain id of the configured network profile.</param>
    /// <param name="actual">The chain id the RPC endpoint reported.</param>
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
    /// <summary>Creates an <see cref="InsufficientAllowanceException"/> with the default message.</summary>
    public InsufficientAllowanceException() { }

    /// <summary>Creates an <see cref="InsufficientAllowanceException"/> with a message.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    public InsufficientAllowanceException(string message) : base(message) { }

    /// <summary>Creates an <see cref="InsufficientAllowanceException"/> with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    /// <param name="innerException">The underlying failure, or null.</param>
    public InsufficientAllowanceException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for a step whose allowance is missing or too small.</summary>
    /// <param name="protocol">The protocol of the step that spends the allowance.</param>
    /// <param name="requirement">The token, owner, spender and amount the step needs.</param>
    /// <param name="available">The allowance that is there (on chain plus earlier approval steps), in base units.</param>
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
