using System.Text;

namespace LiquidStake.Ethereum.Abi;

/// <summary>A Solidity ABI type: elementary (<c>uint256</c>, <c>address</c>, <c>bytes</c>...), array (<c>T[]</c>, <c>T[k]</c>) or tuple.</summary>
/// <remarks>Two types are equal when their canonical names are equal (tuple component names are not part of the type).</remarks>
public abstract class AbiType : IEquatable<AbiType>
{
    /// <summary>The largest static (head) size a type may have, to keep size arithmetic far away from overflow.</summary>
    internal const int MaxStaticSize = 1 << 28;

    private const int MaxNesting = 64;

    private protected AbiType() { }

    /// <summary>The canonical type string used in signatures: <c>uint256</c>, <c>(address,uint256)[]</c>, <c>bytes32[2]</c>.</summary>
    public abstract string CanonicalName { get; }

    /// <summary>True when the encoding has a variable size (bytes, string, T[], or anything containing one).</summary>
    public abstract bool IsDynamic { get; }

    /// <summary>The number of bytes the type takes in the head of an enclosing tuple: 32 for dynamic types, the full size for static ones.</summary>
    public abstract int HeadSize { get; }

    /// <summary><c>uint256</c>.</summary>
    public static AbiType UInt256 { get; } = new AbiIntegerType(256, false);

    /// <summary><c>int256</c>.</summary>
    public static AbiType Int256 { get; } = new AbiIntegerType(256, true);

    /// <summary><c>address</c>.</summary>
    public static AbiType Address { get; } = new AbiAddressType();

    /// <summary><c>bool</c>.</summary>
    public static AbiType Bool { get; } = new AbiBoolType();

    /// <summary><c>bytes</c>.</summary>
    public static AbiType Bytes { get; } = new AbiBytesType();

    /// <summary><c>string</c>.</summary>
    public static AbiType StringType { get; } = new AbiStringType();

    /// <summary><c>bytes32</c>.</summary>
    public static AbiType Bytes32 { get; } = new AbiFixedBytesType(32);

    /// <summary>Parses a canonical type string such as <c>uint256</c>, <c>(address,(uint8,bytes)[])[2]</c> or <c>bytes32[]</c>.</summary>
    /// <remarks><c>uint</c>/<c>int</c> are accepted as aliases of <c>uint256</c>/<c>int256</c>; <c>tuple(...)</c> is accepted for <c>(...)</c>.</remarks>
    /// <exception cref="EthereumFormatException">The text is not a supported ABI type.</exception>
    public static AbiType Parse(string canonicalType)
    {
        ArgumentNullException.ThrowIfNull(canonicalType);
        int pos = 0;
        var type = ParseType(canonicalType, ref pos, 0);
        if (pos != canonicalType.Length) throw Bad(canonicalType, $"unexpected '{canonicalType[pos]}' at position {pos}");
        return type;
    }

    /// <summary>Builds a type from the ABI JSON form: <c>type</c> such as <c>tuple</c>, <c>tuple[]</c> or <c>tuple[2][]</c> with <paramref name="components"/>.</summary>
    /// <exception cref="EthereumFormatException">The type is not supported or a tuple has no components.</exception>
    public static AbiType FromJson(string type, IReadOnlyList<AbiParameter>? components) => FromJson(type, components, 0);

    private static AbiType FromJson(string type, IReadOnlyList<AbiParameter>? components, int depth)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (depth > MaxNesting) throw Bad(type, $"nested deeper than {MaxNesting} levels");
        if (!type.StartsWith("tuple", StringComparison.Ordinal)) return Parse(type);
        if (components is null || components.Count == 0) throw Bad(type, "a tuple needs components");
        var types = new AbiType[components.Count];
        var names = new string[components.Count];
        for (int i = 0; i < types.Length; i++)
        {
            types[i] = FromJson(components[i].Type, components[i].Components, depth + 1);
            names[i] = components[i].Name ?? string.Empty;
        }
        AbiType result = new AbiTupleType(types, names);
        int pos = "tuple".Length;
        result = ParseArraySuffixes(type, ref pos, result);
        if (pos != type.Length) throw Bad(type, $"unexpected '{type[pos]}' at position {pos}");
        return result;
    }

    private static AbiType ParseType(string text, ref int pos, int depth)
    {
        if (depth > MaxNesting) throw Bad(text, $"nested deeper than {MaxNesting} levels");
        AbiType baseType;
        if (pos < text.Length && (text[pos] == '(' || string.CompareOrdinal(text, pos, "tuple(", 0, 6) == 0))
        {
            if (text[pos] == 't') pos += 5;
            pos++; // '('
            var parts = new List<AbiType>();
            if (pos < text.Length && text[pos] == ')') throw Bad(text, "empty tuples have no ABI encoding");
            while (true)
            {
                parts.Add(ParseType(text, ref pos, depth + 1));
                if (pos >= text.Length) throw Bad(text, "missing ')'");
                char c = text[pos++];
                if (c == ')') break;
                if (c != ',') throw Bad(text, $"unexpected '{c}' at position {pos - 1}");
            }
            baseType = new AbiTupleType([.. parts], null);
        }
        else
        {
            int start = pos;
            while (pos < text.Length && (char.IsAsciiLetterOrDigit(text[pos]))) pos++;
            baseType = ParseElementary(text, text.AsSpan(start, pos - start));
        }
        return ParseArraySuffixes(text, ref pos, baseType);
    }

    private static AbiType ParseArraySuffixes(string text, ref int pos, AbiType type)
    {
        while (pos < text.Length && text[pos] == '[')
        {
            int close = text.IndexOf(']', pos);
            if (close < 0) throw Bad(text, "missing ']'");
            var digits = text.AsSpan(pos + 1, close - pos - 1);
            if (digits.IsEmpty)
            {
                type = new AbiArrayType(type, null);
            }
            else
            {
                if (digits.Length > 9 || digits[0] == '0' || !int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int length))
                    throw Bad(text, $"'{digits}' is not a valid fixed array length (1 to 999999999, no leading zeros)");
                if (!type.IsDynamic && (long)type.HeadSize * length > MaxStaticSize)
                    throw Bad(text, $"a static array of {length} elements is larger than {MaxStaticSize} bytes");
                if (type.IsDynamic && (long)length * 32 > MaxStaticSize)
                    throw Bad(text, $"a fixed array of {length} dynamic elements is too large");
                type = new AbiArrayType(type, length);
            }
            pos = close + 1;
        }
        return type;
    }

    private static AbiType ParseElementary(string text, ReadOnlySpan<char> name)
    {
        switch (name)
        {
            case "address": return Address;
            case "bool": return Bool;
            case "string": return StringType;
            case "bytes": return Bytes;
            case "uint": return UInt256;
            case "int": return Int256;
            case "function": return new AbiFixedBytesType(24, "function"); // external function pointer: address + selector
            case "": throw Bad(text, "a type name is missing");
        }
        if (name.StartsWith("uint") && TryBits(name[4..], out int ubits)) return new AbiIntegerType(ubits, false);
        if (name.StartsWith("int") && TryBits(name[3..], out int ibits)) return new AbiIntegerType(ibits, true);
        if (name.StartsWith("bytes") && TryParseSmall(name[5..], out int size) && size is >= 1 and <= 32) return new AbiFixedBytesType(size);
        throw Bad(text, $"'{name}' is not a supported ABI type");
    }

    private static bool TryBits(ReadOnlySpan<char> digits, out int bits) =>
        TryParseSmall(digits, out bits) && bits is >= 8 and <= 256 && bits % 8 == 0;

    private static bool TryParseSmall(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        if (digits.IsEmpty || digits.Length > 3 || digits[0] == '0') return false;
        foreach (char c in digits)
        {
            if (!char.IsAsciiDigit(c)) return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }

    private static EthereumFormatException Bad(string text, string reason) => new($"Invalid ABI type '{text}': {reason}.");

    /// <inheritdoc/>
    public bool Equals(AbiType? other) => other is not null && string.Equals(CanonicalName, other.CanonicalName, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as AbiType);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(CanonicalName);

    /// <summary>The canonical name.</summary>
    public override string ToString() => CanonicalName;

    /// <summary>Whether <paramref name="left"/> and <paramref name="right"/> are equal (the same as <see cref="Equals(AbiType)"/>, with null equal only to null).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator ==(AbiType? left, AbiType? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Whether <paramref name="left"/> and <paramref name="right"/> differ (the same as <see cref="Equals(AbiType)"/>, with null equal only to null).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator !=(AbiType? left, AbiType? right) => !(left == right);
}

/// <summary><c>uintN</c> or <c>intN</c> (N = 8..256, step 8); .NET value: <see cref="System.Numerics.BigInteger"/>.</summary>
public sealed class AbiIntegerType : AbiType
{
    internal AbiIntegerType(int bits, bool signed)
    {
        Bits = bits;
        IsSigned = signed;
        CanonicalName = (signed ? "int" : "uint") + bits.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Creates <c>uintN</c>/<c>intN</c>.</summary>
    public static AbiIntegerType Create(int bits, bool isSigned)
    {
        if (bits is < 8 or > 256 || bits % 8 != 0) throw new LiquidStakeArgumentException(nameof(bits), $"{bits} is not a valid integer width", "8 to 256 in steps of 8");
        return new AbiIntegerType(bits, isSigned);
    }

    /// <summary>The width in bits.</summary>
    public int Bits { get; }

    /// <summary>True for <c>intN</c>.</summary>
    public bool IsSigned { get; }

    /// <inheritdoc/>
    public override string CanonicalName { get; }

    /// <inheritdoc/>
    public override bool IsDynamic => false;

    /// <inheritdoc/>
    public override int HeadSize => 32;
}

/// <summary><c>address</c>; .NET value: <see cref="Ethereum.Address"/>.</summary>
public sealed class AbiAddressType : AbiType
{
    internal AbiAddressType() { }

    /// <inheritdoc/>
    public override string CanonicalName => "address";

    /// <inheritdoc/>
    public override bool IsDynamic => false;

    /// <inheritdoc/>
    public override int HeadSize => 32;
}

/// <summary><c>bool</c>; .NET value: <see cref="bool"/>.</summary>
public sealed class AbiBoolType : AbiType
{
    internal AbiBoolType() { }

    /// <inheritdoc/>
    public override string CanonicalName => "bool";

    /// <inheritdoc/>
    public override bool IsDynamic => false;

    /// <inheritdoc/>
    public override int HeadSize => 32;
}

/// <summary><c>bytes1</c>..<c>bytes32</c>; .NET value: <c>byte[]</c> of exactly <see cref="Size"/> bytes.</summary>
/// <remarks>Solidity's external <c>function</c> type is encoded as <c>bytes24</c> (address then selector) and is represented by this class with the canonical name <c>function</c>.</remarks>
public sealed class AbiFixedBytesType : AbiType
{
    internal AbiFixedBytesType(int size, string? canonicalName = null)
    {
        Size = size;
        CanonicalName = canonicalName ?? "bytes" + size.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Creates <c>bytesN</c>.</summary>
    public static AbiFixedBytesType Create(int size)
    {
        if (size is < 1 or > 32) throw new LiquidStakeArgumentException(nameof(size), $"{size} is not a valid bytesN size", "1 to 32");
        return new AbiFixedBytesType(size);
    }

    /// <summary>N in <c>bytesN</c>.</summary>
    public int Size { get; }

    /// <inheritdoc/>
    public override string CanonicalName { get; }

    /// <inheritdoc/>
    public override bool IsDynamic => false;

    /// <inheritdoc/>
    public override int HeadSize => 32;
}

/// <summary><c>bytes</c>; .NET value: <c>byte[]</c>.</summary>
public sealed class AbiBytesType : AbiType
{
    internal AbiBytesType() { }

    /// <inheritdoc/>
    public override string CanonicalName => "bytes";

    /// <inheritdoc/>
    public override bool IsDynamic => true;

    /// <inheritdoc/>
    public override int HeadSize => 32;
}

/// <summary><c>string</c> (UTF-8); .NET value: <see cref="string"/>.</summary>
public sealed class AbiStringType : AbiType
{
    internal AbiStringType() { }

    /// <inheritdoc/>
    public override string CanonicalName => "string";

    /// <inheritdoc/>
    public override bool IsDynamic => true;

    /// <inheritdoc/>
    public override int HeadSize => 32;
}

/// <summary><c>T[]</c> (when <see cref="Length"/> is null) or <c>T[k]</c>; .NET value: <c>object?[]</c>.</summary>
public sealed class AbiArrayType : AbiType
{
    internal AbiArrayType(AbiType elementType, int? length)
    {
        ElementType = elementType;
        Length = length;
        CanonicalName = elementType.CanonicalName + (length is int k ? "[" + k.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]" : "[]");
        IsDynamic = length is null || elementType.IsDynamic;
        HeadSize = IsDynamic ? 32 : elementType.HeadSize * length!.Value;
    }

    /// <summary>Creates <c>T[]</c> (<paramref name="length"/> null) or <c>T[k]</c>.</summary>
    public static AbiArrayType Create(AbiType elementType, int? length = null)
    {
        ArgumentNullException.ThrowIfNull(elementType);
        if (length is int k && (k < 1 || (long)k * elementType.HeadSize > MaxStaticSize))
            throw new LiquidStakeArgumentException(nameof(length), $"{k} is not a valid fixed array length", $"1 to {MaxStaticSize / elementType.HeadSize}");
        return new AbiArrayType(elementType, length);
    }

    /// <summary>The element type T.</summary>
    public AbiType ElementType { get; }

    /// <summary>k for <c>T[k]</c>; null for <c>T[]</c>.</summary>
    public int? Length { get; }

    /// <inheritdoc/>
    public override string CanonicalName { get; }

    /// <inheritdoc/>
    public override bool IsDynamic { get; }

    /// <inheritdoc/>
    public override int HeadSize { get; }
}

/// <summary>A tuple (Solidity struct); .NET value: <c>object?[]</c> in component order.</summary>
public sealed class AbiTupleType : AbiType
{
    internal AbiTupleType(AbiType[] components, string[]? names)
    {
        Components = components;
        ComponentNames = names ?? EmptyNames(components.Length);
        var sb = new StringBuilder("(");
        bool dynamic = false;
        long head = 0;
        for (int i = 0; i < components.Length; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append(components[i].CanonicalName);
            dynamic |= components[i].IsDynamic;
            head += components[i].HeadSize;
        }
        if (head > MaxStaticSize) throw new EthereumFormatException($"The tuple {sb}) is larger than {MaxStaticSize} bytes.");
        CanonicalName = sb.Append(')').ToString();
        IsDynamic = dynamic;
        ComponentsHeadSize = (int)head;
    }

    private static string[] EmptyNames(int count)
    {
        var names = new string[count];
        Array.Fill(names, string.Empty);
        return names;
    }

    /// <summary>Creates a tuple of <paramref name="components"/> with optional component names.</summary>
    public static AbiTupleType Create(IReadOnlyList<AbiType> components, IReadOnlyList<string>? names = null)
    {
        ArgumentNullException.ThrowIfNull(components);
        if (components.Count == 0) throw new LiquidStakeArgumentException(nameof(components), "a tuple needs at least one component");
        if (names is not null && names.Count != components.Count) throw new LiquidStakeArgumentException(nameof(names), "needs one name per component", components.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new AbiTupleType([.. components], names is null ? null : [.. names]);
    }

    /// <summary>The component types in order.</summary>
    public IReadOnlyList<AbiType> Components { get; }

    /// <summary>The component names from ABI JSON (empty strings when unnamed).</summary>
    public IReadOnlyList<string> ComponentNames { get; }

    /// <summary>The size of the tuple's own head: the sum of the components' head sizes.</summary>
    internal int ComponentsHeadSize { get; }

    /// <inheritdoc/>
    public override string CanonicalName { get; }

    /// <inheritdoc/>
    public override bool IsDynamic { get; }

    /// <inheritdoc/>
    public override int HeadSize => IsDynamic ? 32 : ComponentsHeadSize;
}
