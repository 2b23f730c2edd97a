namespace LiquidStake.Ethereum.Abi;

/// <summary>One input or output of an ABI JSON entry: name, type string (<c>tuple[]</c> etc.), tuple components, the <c>indexed</c> flag of event inputs and the compiler's internal type.</summary>
public sealed record AbiParameter(string Name, string Type, IReadOnlyList<AbiParameter>? Components = null, bool Indexed = false, string? InternalType = null)
{
    /// <summary>The parsed ABI type (tuples built from <see cref="Components"/>).</summary>
    public AbiType ToAbiType() => AbiType.FromJson(Type, Components);

    /// <summary>Parses the types of a parameter list.</summary>
    public static AbiType[] ToAbiTypes(IReadOnlyList<AbiParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var types = new AbiType[parameters.Count];
        for (int i = 0; i < types.Length; i++) types[i] = parameters[i].ToAbiType();
        return types;
    }
}
