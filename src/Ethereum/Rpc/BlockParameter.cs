using System.Globalization;

namespace LiquidStake.Ethereum.Rpc;

/// <summary>Which block a read is made against: a tag (<c>latest</c>, <c>pending</c>, <c>safe</c>, <c>finalized</c>, <c>earliest</c>) or a number.</summary>
public readonly record struct BlockParameter
{
    private readonly string? _tag;

    private BlockParameter(string? tag, ulong? number)
    {
        _tag = tag;
        Number = number;
    }

    /// <summary>The block number, when this parameter names one.</summary>
    public ulong? Number { get; }

    /// <summary>The most recent block (the default).</summary>
    public static BlockParameter Latest { get; } = new("latest", null);

    /// <summary>The pending state (used for nonces).</summary>
    public static BlockParameter Pending { get; } = new("pending", null);

    /// <summary>The most recent safe block.</summary>
    public static BlockParameter Safe { get; } = new("safe", null);

    /// <summary>The most recent finalized block.</summary>
    public static BlockParameter Finalized { get; } = new("finalized", null);

    /// <summary>The genesis block.</summary>
    public static BlockParameter Earliest { get; } = new("earliest", null);

    /// <summary>A block by number.</summary>
    public static BlockParameter AtNumber(ulong number) => new(null, number);

    /// <summary>A block by number.</summary>
    public static implicit operator BlockParameter(ulong number) => AtNumber(number);

    /// <summary>The JSON-RPC form: a tag or a hex quantity.</summary>
    public string ToRpcString() => Number is { } n ? "0x" + n.ToString("x", CultureInfo.InvariantCulture) : _tag ?? "latest";

    /// <inheritdoc/>
    public override string ToString() => Number is { } n ? n.ToString(CultureInfo.InvariantCulture) : _tag ?? "latest";
}
