using LiquidStake.Ethereum;

namespace LiquidStake.Sdk;

/// <summary>
/// A plan prepared for one account was given a signer for another: nothing was signed. Prepare the plan for the
/// signer's account, or re-target it explicitly with <see cref="PreparedTransactionExecutor.SendRetargetedAsync"/>.
/// </summary>
public class PlanSenderMismatchException : LiquidStakeException
{
    /// <summary>Creates the exception.</summary>
    public PlanSenderMismatchException() { }

    /// <summary>Creates the exception with a message.</summary>
    public PlanSenderMismatchException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public PlanSenderMismatchException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception naming both accounts and the step.</summary>
    public PlanSenderMismatchException(Address preparedFor, Address signer, string stepDescription)
        : base($"Refusing to sign: step '{stepDescription}' was prepared for {preparedFor} but the signer signs for {signer}. " +
               "Prepare the plan for the signer's account, or call SendRetargetedAsync to re-target and re-check it.")
    {
        PreparedFor = preparedFor;
        Signer = signer;
        StepDescription = stepDescription;
    }

    /// <summary>The account the plan was prepared (balances, allowances, permits checked) for.</summary>
    public Address PreparedFor { get; }

    /// <summary>The signer's account.</summary>
    public Address Signer { get; }

    /// <summary>The first step whose sender differs.</summary>
    public string StepDescription { get; } = string.Empty;
}
