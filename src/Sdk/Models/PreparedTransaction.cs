using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Transactions;

namespace LiquidStake.Sdk;

/// <summary>What a step of a prepared plan does.</summary>
public enum TransactionStepKind
{
    /// <summary>An ERC-20 approval that the action needs.</summary>
    Approval,

    /// <summary>The action itself (stake, wrap, request, claim...).</summary>
    Action,
}

/// <summary>One transaction of a plan, with a human-readable description (shown to users and hardware wallets).</summary>
/// <param name="Kind">Approval or action.</param>
/// <param name="Description">What it does, for example "Stake 1.5 ETH with Lido for stETH".</param>
/// <param name="Request">The unsigned transaction: to, data, value (and sender).</param>
/// <param name="RequiredAllowance">
/// The ERC-20 allowance the step spends when it runs, if any. The executor checks it against the chain and the plan's
/// earlier approval steps before anything is signed (<see cref="InsufficientAllowanceException"/>).
/// </param>
public sealed record TransactionStep(TransactionStepKind Kind, string Description, TransactionRequest Request, AllowanceRequirement? RequiredAllowance = null);

/// <summary>An ERC-20 allowance a step spends: <paramref name="Owner"/> must have approved <paramref name="Spender"/> for <paramref name="Amount"/> of <paramref name="Token"/>.</summary>
/// <param name="Token">The ERC-20 token.</param>
/// <param name="Owner">Whose tokens are spent (the step's sender).</param>
/// <param name="Spender">The contract that calls <c>transferFrom</c>.</param>
/// <param name="Amount">How much, in base units.</param>
/// <param name="TokenSymbol">The token's symbol for messages, when known.</param>
public sealed record AllowanceRequirement(Address Token, Address Owner, Address Spender, BigInteger Amount, string? TokenSymbol = null)
{
    /// <summary>The symbol and address, for messages.</summary>
    public string TokenLabel => TokenSymbol is null ? Token.ToString() : $"{TokenSymbol} ({Token})";

    /// <summary>The description of the step that needs it (filled by the executor for its messages).</summary>
    public string? StepDescription { get; init; }
}

/// <summary>
/// The ordered transactions of one write (approval first when needed, then the action). It can be simulated,
/// estimated, sent with a signer, or handed out unsigned to a hardware wallet or custodian.
/// </summary>
/// <param name="Protocol">The protocol the plan belongs to.</param>
/// <param name="Description">What the whole plan does.</param>
/// <param name="Steps">The transactions, in order.</param>
public sealed record PreparedTransaction(ProtocolId Protocol, string Description, IReadOnlyList<TransactionStep> Steps)
{
    /// <summary>The final step (the action).</summary>
    public TransactionStep Action => Steps[^1];
}
