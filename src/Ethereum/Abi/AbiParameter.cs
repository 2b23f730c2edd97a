namespace LiquidStake.Ethereum.Abi;

/// <summary>One input or output of an ABI JSON entry: name, type string (<c>tuple[]</c> etc.), tuple components, the <c>indexed</c> flag of event inputs and the compiler's internal type.</summary>
public sealed record AbiParameter(string Name, string Type, IReadOnlyList<AbiParameter>? Components = null, bool Indexed = false, string? InternalType = null)
{
    /// <summary>The parsed ABI type (tuples built from <see cref="Components"/>).</summary>
    public AbiType ToAbiType() => AbiType.FromJson(Type, Components);

    /// <inheritdoc/>
    /// <remarks>Components are compared element by element.</remarks>
    public bool Equals(AbiParameter? other) => other is not null && Name == other.Name && Type == other.Type && Indexed == other.Indexed
        && InternalType == other.InternalType && SequenceEquals(Components, other.Components);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Type, Indexed, InternalType, Components?.Count ?? -1);

    /// <summary>Element-wise equality of two parameter lists (both null counts as equal).</summary>
    public static bool SequenceEquals(IReadOnlyList<AbiParameter>? left, IReadOnlyList<AbiParameter>? right)
    {
        if (ReferenceEquals(left, right)) return true;
        if (left is null || right is null || left.Count != right.Count) return false;
        for (int i = 0; i < left.Count; i++) if (!Equals(left[i], right[i])) return false;
        return true;
    }

    /// <summary>Parses the types of a parameter list.</summary>
    public static AbiType[] ToAbiTypes(IReadOnlyList<AbiParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var types = new AbiType[parameters.Count];
        for (int i = 0; i < types.Length; i++) types[i] = parameters[i].ToAbiType();
        return types;
    }
}
