namespace LiquidStake.Sdk.Services;

/// <summary>
/// Several prepared writes across providers as one ordered plan, for example "stake ETH with Lido, then restake the
/// stETH in EigenLayer". Each part keeps its own description; <see cref="ToPreparedTransaction"/> flattens the plan so
/// <see cref="PreparedTransactionExecutor"/> can simulate every step on one block and send them in order.
/// </summary>
/// <param name="Description">What the whole plan does.</param>
/// <param name="Parts">The prepared writes, in order.</param>
public sealed record StakingPlan(string Description, IReadOnlyList<PreparedTransaction> Parts)
{
    /// <summary>Creates a plan from parts; the description joins theirs with " → " unless given.</summary>
    public static StakingPlan Create(IReadOnlyList<PreparedTransaction> parts, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0) throw new LiquidStakeArgumentException(nameof(parts), "a plan needs at least one prepared transaction", "at least 1");
        if (parts.Any(p => p is null)) throw new LiquidStakeArgumentException(nameof(parts), "contains a null part");
        return new StakingPlan(description ?? string.Join(" → ", parts.Select(p => p.Description)), parts.ToArray());
    }

    /// <summary>Every transaction of every part, in order.</summary>
    public IReadOnlyList<TransactionStep> Steps => Parts.SelectMany(p => p.Steps).ToArray();

    /// <summary>The protocols involved, in order of first appearance.</summary>
    public IReadOnlyList<ProtocolId> Protocols => Parts.Select(p => p.Protocol).Distinct().ToArray();

    /// <summary>
    /// One <see cref="PreparedTransaction"/> with all steps in order. Its protocol is the single protocol involved, or
    /// the ids joined with "+" (for example <c>lido+eigenlayer</c>).
    /// </summary>
    public PreparedTransaction ToPreparedTransaction()
    {
        var protocols = Protocols;
        var protocol = protocols.Count == 1 ? protocols[0] : new ProtocolId(string.Join("+", protocols.Select(p => p.Value)));
        return new PreparedTransaction(protocol, Description, Steps);
    }
}
