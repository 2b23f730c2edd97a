namespace LiquidStake.Ethereum.Contracts;

/// <summary>A call or transaction reverted. Carries the raw revert data and, where it could be decoded, the reason.</summary>
public class ContractRevertException : LiquidStakeException
{
    /// <summary>Creates a <see cref="ContractRevertException"/> with the default message.</summary>
    public ContractRevertException() : this("The call reverted.", [], null, null) { }

    /// <summary>Creates a <see cref="ContractRevertException"/> with a message.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    public ContractRevertException(string message) : this(message, [], null, null) { }

    /// <summary>Creates a <see cref="ContractRevertException"/> with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    /// <param name="innerException">The underlying failure, or null.</param>
    public ContractRevertException(string message, Exception? innerException) : base(message, innerException) => RevertData = [];

    /// <summary>Creates the exception from revert data and its decoded form.</summary>
    /// <param name="message">What happened, in words (the decoded reason when known).</param>
    /// <param name="revertData">The raw revert data returned by the node (may be empty).</param>
    /// <param name="errorName">The decoded error's name (<c>Error</c>, <c>Panic</c> or a custom error such as <c>StrategyNotWhitelisted</c>), when known.</param>
    /// <param name="errorArguments">The decoded error's arguments, when known.</param>
    /// <param name="innerException">The transport exception that carried the revert, if any.</param>
    public ContractRevertException(string message, byte[] revertData, string? errorName, IReadOnlyList<object?>? errorArguments, Exception? innerException = null)
        : base(message, innerException)
    {
        RevertData = revertData ?? [];
        ErrorName = errorName;
        ErrorArguments = errorArguments ?? [];
    }

    /// <summary>The raw revert data (empty when the node gave none).</summary>
    public byte[] RevertData { get; }

    /// <summary>The decoded error name, or null when the data could not be matched to a known error.</summary>
    public string? ErrorName { get; }

    /// <summary>The decoded error arguments (empty when unknown).</summary>
    public IReadOnlyList<object?> ErrorArguments { get; } = [];
}
