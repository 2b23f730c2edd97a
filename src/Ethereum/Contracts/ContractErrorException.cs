namespace LiquidStake.Ethereum.Contracts;

/// <summary>
/// A call reverted with a custom error of the called contract, decoded into its generated record
/// (catch <c>ContractErrorException&lt;StrategyNotWhitelistedError&gt;</c> to handle exactly that error).
/// </summary>
/// <typeparam name="TError">The generated error record.</typeparam>
public class ContractErrorException<TError> : ContractRevertException
    where TError : class
{
    /// <summary>Creates the exception from a decoded error.</summary>
    /// <param name="error">The decoded error.</param>
    /// <param name="errorName">The Solidity name of the error.</param>
    /// <param name="revertData">The raw revert data.</param>
    /// <param name="errorArguments">The decoded arguments in codec form.</param>
    /// <param name="innerException">The exception that carried the revert, if any.</param>
    public ContractErrorException(TError error, string errorName, byte[] revertData, IReadOnlyList<object?> errorArguments, Exception? innerException = null)
        : base("The call reverted with " + errorName + ": " + error + ".", revertData, errorName, errorArguments, innerException)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    /// <summary>The decoded error.</summary>
    public TError Error { get; }
}
