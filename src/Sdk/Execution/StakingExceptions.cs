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

/// <summary>The protocol (or the part of it needed) is paused.</summary>
public class ProtocolPausedException : StakingPreflightException
{
    public ProtocolPausedException() { }

    public ProtocolPausedException(string message) : base(message) { }

    public ProtocolPausedException(string message, Exception? innerException) : base(message, innerException) { }

    public ProtocolPausedException(ProtocolId protocol, string what)
        : base(protocol, nameof(protocol), $"{what} is paused") { }
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
