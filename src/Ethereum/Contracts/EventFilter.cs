namespace LiquidStake.Ethereum.Contracts;

/// <summary>
/// Which logs to read: an emitting address (or none for any) and topic constraints by position.
/// A null position matches any topic; a list matches any of its values (OR).
/// </summary>
/// <remarks>Generated wrappers build these from typed event arguments; the JSON-RPC client turns them into <c>eth_getLogs</c> filters.</remarks>
public sealed record EventFilter
{
    /// <summary>The contracts whose logs match; empty matches any address.</summary>
    public IReadOnlyList<Address> Addresses { get; init; } = [];

    /// <summary>Topic constraints by position (0 is the event signature); null entries match anything.</summary>
    public IReadOnlyList<IReadOnlyList<Hash32>?> Topics { get; init; } = [];
}
