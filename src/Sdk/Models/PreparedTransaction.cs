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
public sealed record TransactionStep(TransactionStepKind Kind, string Description, TransactionRequest Request);

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
