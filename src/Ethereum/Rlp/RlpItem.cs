namespace LiquidStake.Ethereum.Rlp;

/// <summary>A decoded RLP value: either a byte string or a list of items.</summary>
public sealed class RlpItem : IEquatable<RlpItem>
{
    private static readonly RlpItem[] NoItems = [];

    private RlpItem(bool isList, ReadOnlyMemory<byte> bytes, IReadOnlyList<RlpItem> items)
    {
        IsList = isList;
        Bytes = bytes;
        Items = items;
    }

    /// <summary>True for a list, false for a byte string.</summary>
    public bool IsList { get; }

    /// <summary>The bytes of a string item (empty for a list).</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>The children of a list item (empty for a string).</summary>
    public IReadOnlyList<RlpItem> Items { get; }

    /// <summary>Creates a byte-string item (the bytes are copied).</summary>
    public static RlpItem FromBytes(ReadOnlySpan<byte> bytes) => new(false, bytes.ToArray(), NoItems);

    /// <summary>Creates a list item.</summary>
    public static RlpItem FromList(IEnumerable<RlpItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new(true, ReadOnlyMemory<byte>.Empty, items.ToArray());
    }

    /// <inheritdoc cref="FromList(IEnumerable{RlpItem})"/>
    public static RlpItem FromList(params RlpItem[] items) => FromList((IEnumerable<RlpItem>)items);

    /// <summary>Structural equality: same kind, same bytes, equal children.</summary>
    public bool Equals(RlpItem? other)
    {
        if (other is null) return false;
        if (ReferenceEquals(this, other)) return true;
        if (IsList != other.IsList) return false;
        if (!IsList) return Bytes.Span.SequenceEqual(other.Bytes.Span);
        if (Items.Count != other.Items.Count) return false;
        for (int i = 0; i < Items.Count; i++)
        {
            if (!Items[i].Equals(other.Items[i])) return false;
        }
        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is RlpItem other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(IsList);
        if (IsList)
        {
            hash.Add(Items.Count);
            foreach (var item in Items) hash.Add(item.GetHashCode());
        }
        else
        {
            hash.AddBytes(Bytes.Span);
        }
        return hash.ToHashCode();
    }

    /// <summary>A short diagnostic form: hex for strings, brackets for lists.</summary>
    public override string ToString() =>
        IsList ? "[" + string.Join(", ", Items.Select(i => i.ToString())) + "]" : Hex.Encode(Bytes.Span);
}
