using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using LiquidStake.Ethereum.Crypto;

namespace LiquidStake.Ethereum.Messages;

/// <summary>EIP-712 hashing: encodeType, typeHash, encodeData, hashStruct, the domain separator and the final digest.</summary>
public static class Eip712
{
    private const int MaxDepth = 32;

    /// <summary>The digest that is signed: keccak256(0x19 0x01 ‖ domainSeparator ‖ hashStruct(message)).</summary>
    /// <exception cref="EthereumFormatException">A type is unknown or a value does not fit its type.</exception>
    public static Hash32 Hash(TypedData typedData)
    {
        ArgumentNullException.ThrowIfNull(typedData);
        Span<byte> buffer = stackalloc byte[66];
        buffer[0] = 0x19;
        buffer[1] = 0x01;
        HashDomain(typedData).CopyTo(buffer[2..]);
        if (typedData.PrimaryType == TypedData.DomainTypeName) return Keccak256.ComputeHash32(buffer[..34]);
        HashStruct(typedData.PrimaryType, typedData.Message, typedData.Types).CopyTo(buffer[34..]);
        return Keccak256.ComputeHash32(buffer);
    }

    /// <summary>The domain separator: hashStruct(EIP712Domain, domain).</summary>
    public static Hash32 HashDomain(TypedData typedData)
    {
        ArgumentNullException.ThrowIfNull(typedData);
        var fields = typedData.Types.TryGetValue(TypedData.DomainTypeName, out var declared) ? declared : GetDomainFields(typedData.Domain);
        var types = new Dictionary<string, IReadOnlyList<TypedDataField>>(typedData.Types, StringComparer.Ordinal)
        {
            [TypedData.DomainTypeName] = fields,
        };
        return HashStruct(TypedData.DomainTypeName, DomainValues(typedData.Domain), types);
    }

    /// <summary>The domain separator of a domain on its own (fields taken from those that are set).</summary>
    public static Hash32 HashDomain(TypedDataDomain domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var types = new Dictionary<string, IReadOnlyList<TypedDataField>>(StringComparer.Ordinal) { [TypedData.DomainTypeName] = GetDomainFields(domain) };
        return HashStruct(TypedData.DomainTypeName, DomainValues(domain), types);
    }

    /// <summary>The <c>EIP712Domain</c> fields for the members of <paramref name="domain"/> that are set, in the standard order.</summary>
    public static IReadOnlyList<TypedDataField> GetDomainFields(TypedDataDomain domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var fields = new List<TypedDataField>(5);
        if (domain.Name is not null) fields.Add(new("name", "string"));
        if (domain.Version is not null) fields.Add(new("version", "string"));
        if (domain.ChainId is not null) fields.Add(new("chainId", "uint256"));
        if (domain.VerifyingContract is not null) fields.Add(new("verifyingContract", "address"));
        if (domain.Salt is not null) fields.Add(new("salt", "bytes32"));
        return fields;
    }

    /// <summary>encodeType: <c>Primary(fields)</c> followed by every referenced struct type sorted by name.</summary>
    public static string EncodeType(string primaryType, IReadOnlyDictionary<string, IReadOnlyList<TypedDataField>> types)
    {
        ArgumentNullException.ThrowIfNull(primaryType);
        ArgumentNullException.ThrowIfNull(types);
        var found = new SortedSet<string>(StringComparer.Ordinal);
        CollectDependencies(primaryType, types, found);
        found.Remove(primaryType);
        var builder = new StringBuilder();
        AppendType(builder, primaryType, types);
        foreach (var name in found) AppendType(builder, name, types);
        return builder.ToString();
    }

    /// <summary>typeHash: keccak256(encodeType).</summary>
    public static Hash32 HashType(string primaryType, IReadOnlyDictionary<string, IReadOnlyList<TypedDataField>> types) =>
        Keccak256.ComputeHash32(Encoding.UTF8.GetBytes(EncodeType(primaryType, types)));

    /// <summary>encodeData: typeHash followed by one 32-byte word per member.</summary>
    public static byte[] EncodeData(string primaryType, IReadOnlyDictionary<string, object?> data, IReadOnlyDictionary<string, IReadOnlyList<TypedDataField>> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        return EncodeData(primaryType, data, types, 0);
    }

    /// <summary>hashStruct: keccak256(encodeData).</summary>
    public static Hash32 HashStruct(string primaryType, IReadOnlyDictionary<string, object?> data, IReadOnlyDictionary<string, IReadOnlyList<TypedDataField>> types) =>
        Keccak256.ComputeHash32(EncodeData(primaryType, data, types));

    private static byte[] EncodeData(string typeName, IReadOnlyDictionary<string, object?> data, IReadOnlyDictionary<string, IReadOnlyList<TypedDataField>> types, int depth)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (depth > MaxDepth) throw new EthereumFormatException($"EIP-712 data is nested deeper than {MaxDepth} levels.");
        var fields = GetFields(typeName, types);
        var result = new byte[32 * (fields.Count + 1)];
        HashType(typeName, types).CopyTo(result);
        for (int i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            if (!data.TryGetValue(field.Name, out var value) || value is null || value is JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined })
                throw new EthereumFormatException($"EIP-712 value '{typeName}.{field.Name}' is missing.");
            EncodeValue(field.Type, value, types, depth, $"{typeName}.{field.Name}", result.AsSpan(32 * (i + 1), 32));
        }
        return result;
    }

    private static void EncodeValue(string type, object value, IReadOnlyDictionary<string, IReadOnlyList<TypedDataField>> types, int depth, string path, Span<byte> word)
    {
        if (type.EndsWith(']'))
        {
            int open = type.LastIndexOf('[');
            if (open <= 0) throw new EthereumFormatException($"EIP-712 type '{type}' is not a valid array type.");
            var elementType = type[..open];
            var sizeText = type.AsSpan(open + 1, type.Length - open - 2);
            int? fixedSize = null;
            if (!sizeText.IsEmpty)
            {
                if (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out int size))
                    throw new EthereumFormatException($"EIP-712 type '{type}' has an invalid array length.");
                fixedSize = size;
            }
            var items = EnumerateArray(value, path);
            if (fixedSize is { } expected && items.Count != expected)
                throw new EthereumFormatException($"EIP-712 value '{path}' has {items.Count} elements but its type '{type}' needs {expected}.");
            var concatenated = new byte[32 * items.Count];
            for (int i = 0; i < items.Count; i++)
            {
                if (items[i] is null) throw new EthereumFormatException($"EIP-712 value '{path}[{i}]' is null.");
                EncodeValue(elementType, items[i]!, types, depth + 1, $"{path}[{i}]", concatenated.AsSpan(32 * i, 32));
            }
            Keccak256.Hash(concatenated, word);
            return;
        }
        if (types.ContainsKey(type))
        {
            Keccak256.Hash(EncodeData(type, ToStruct(value, path), types, depth + 1), word);
            return;
        }
        switch (type)
        {
            case "string":
                Keccak256.Hash(Encoding.UTF8.GetBytes(ToText(value, path)), word);
                return;
            case "bytes":
                Keccak256.Hash(ToBytes(value, path), word);
                return;
            case "bool":
                word.Clear();
                word[31] = ToBool(value, path) ? (byte)1 : (byte)0;
                return;
            case "address":
                word.Clear();
                ToAddress(value, path).CopyTo(word[12..]);
                return;
        }
        if (type.StartsWith("bytes", StringComparison.Ordinal) && TryParseSize(type.AsSpan(5), 1, 32, 1, out int byteCount))
        {
            var bytes = ToBytes(value, path);
            if (bytes.Length != byteCount) throw new EthereumFormatException($"EIP-712 value '{path}' of type {type} must be {byteCount} bytes, not {bytes.Length}.");
            word.Clear();
            bytes.CopyTo(word);
            return;
        }
        if (type.StartsWith("uint", StringComparison.Ordinal) && TryParseSize(type.AsSpan(4), 8, 256, 8, out int uintBits))
        {
            var number = ToInteger(value, path);
            if (number.Sign < 0 || number.GetBitLength() > uintBits) throw new EthereumFormatException($"EIP-712 value '{path}' does not fit in {type}.");
            WriteWord(number, word);
            return;
        }
        if (type.StartsWith("int", StringComparison.Ordinal) && TryParseSize(type.AsSpan(3), 8, 256, 8, out int intBits))
        {
            var number = ToInteger(value, path);
            var limit = BigInteger.One << (intBits - 1);
            if (number < -limit || number >= limit) throw new EthereumFormatException($"EIP-712 value '{path}' does not fit in {type}.");
            WriteWord(number.Sign < 0 ? (BigInteger.One << 256) + number : number, word);
            return;
        }
        throw new EthereumFormatException($"EIP-712 type '{type}' (at '{path}') is not defined.");
    }

    private static bool TryParseSize(ReadOnlySpan<char> text, int min, int max, int step, out int size)
    {
        size = 0;
        if (text.IsEmpty || text[0] == '0') return false;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out size)) return false;
        return size >= min && size <= max && size % step == 0;
    }

    private static void WriteWord(BigInteger value, Span<byte> word)
    {
        word.Clear();
        int count = value.GetByteCount(isUnsigned: true);
        value.TryWriteBytes(word[(32 - count)..], out _, isUnsigned: true, isBigEndian: true);
    }

    private static IReadOnlyList<TypedDataField> GetFields(string typeName, IReadOnlyDictionary<string, IReadOnlyList<TypedDataField>> types) =>
        types.TryGetValue(typeName, out var fields) ? fields : throw new EthereumFormatException($"EIP-712 type '{typeName}' is not defined.");

    private static string BaseType(string type)
    {
        int bracket = type.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0 ? type : type[..bracket];
    }

    private static void CollectDependencies(string typeName, IReadOnlyDictionary<string, IReadOnlyList<TypedDataField>> types, SortedSet<string> found)
    {
        if (!found.Add(typeName)) return;
        foreach (var field in GetFields(typeName, types))
        {
            var baseType = BaseType(field.Type);
            if (types.ContainsKey(baseType)) CollectDependencies(baseType, types, found);
        }
    }

    private static void AppendType(StringBuilder builder, string name, IReadOnlyDictionary<string, IReadOnlyList<TypedDataField>> types)
    {
        builder.Append(name).Append('(');
        var fields = GetFields(name, types);
        for (int i = 0; i < fields.Count; i++)
        {
            if (i > 0) builder.Append(',');
            builder.Append(fields[i].Type).Append(' ').Append(fields[i].Name);
        }
        builder.Append(')');
    }

    private static Dictionary<string, object?> DomainValues(TypedDataDomain domain)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (domain.Name is not null) values["name"] = domain.Name;
        if (domain.Version is not null) values["version"] = domain.Version;
        if (domain.ChainId is not null) values["chainId"] = domain.ChainId.Value;
        if (domain.VerifyingContract is not null) values["verifyingContract"] = domain.VerifyingContract.Value;
        if (domain.Salt is not null) values["salt"] = domain.Salt.Value;
        return values;
    }

    private static IReadOnlyDictionary<string, object?> ToStruct(object value, string path) => value switch
    {
        IReadOnlyDictionary<string, object?> dictionary => dictionary,
        JsonElement { ValueKind: JsonValueKind.Object } element => TypedData.ToDictionary(element),
        _ => throw new EthereumFormatException($"EIP-712 value '{path}' must be a struct (an object)."),
    };

    private static List<object?> EnumerateArray(object value, string path)
    {
        if (value is JsonElement element)
        {
            if (element.ValueKind != JsonValueKind.Array) throw new EthereumFormatException($"EIP-712 value '{path}' must be an array.");
            return element.EnumerateArray().Select(e => (object?)e).ToList();
        }
        if (value is string or byte[] || value is not IEnumerable enumerable)
            throw new EthereumFormatException($"EIP-712 value '{path}' must be an array.");
        return enumerable.Cast<object?>().ToList();
    }

    private static string ToText(object value, string path) => value switch
    {
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString()!,
        _ => throw new EthereumFormatException($"EIP-712 value '{path}' must be a string."),
    };

    private static bool ToBool(object value, string path) => value switch
    {
        bool b => b,
        JsonElement { ValueKind: JsonValueKind.True } => true,
        JsonElement { ValueKind: JsonValueKind.False } => false,
        _ => throw new EthereumFormatException($"EIP-712 value '{path}' must be a boolean."),
    };

    private static Address ToAddress(object value, string path) => value switch
    {
        Address address => address,
        string text => Address.Parse(text),
        JsonElement { ValueKind: JsonValueKind.String } element => Address.Parse(element.GetString()!),
        _ => throw new EthereumFormatException($"EIP-712 value '{path}' must be an address."),
    };

    private static byte[] ToBytes(object value, string path) => value switch
    {
        byte[] bytes => bytes,
        ReadOnlyMemory<byte> memory => memory.ToArray(),
        Hash32 hash => hash.ToArray(),
        string text => DecodeHexBytes(text, path),
        JsonElement { ValueKind: JsonValueKind.String } element => DecodeHexBytes(element.GetString()!, path),
        _ => throw new EthereumFormatException($"EIP-712 value '{path}' must be bytes (0x hex)."),
    };

    private static byte[] DecodeHexBytes(string text, string path)
    {
        if (!text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) throw new EthereumFormatException($"EIP-712 value '{path}' must be 0x-prefixed hex.");
        return Hex.Decode(text);
    }

    internal static BigInteger ToInteger(object value, string path) => value switch
    {
        BigInteger big => big,
        int i => i,
        long l => l,
        uint u => u,
        ulong ul => ul,
        string text => ParseInteger(text, path),
        JsonElement { ValueKind: JsonValueKind.Number } element => ParseInteger(element.GetRawText(), path),
        JsonElement { ValueKind: JsonValueKind.String } element => ParseInteger(element.GetString()!, path),
        _ => throw new EthereumFormatException($"EIP-712 value '{path}' must be an integer."),
    };

    private static BigInteger ParseInteger(string text, string path)
    {
        var trimmed = text.Trim();
        bool negative = trimmed.StartsWith('-');
        var digits = negative ? trimmed[1..] : trimmed;
        if (digits.Length == 0 || digits.Length > 80) throw new EthereumFormatException($"EIP-712 value '{path}' is not an integer.");
        BigInteger result;
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) result = Hex.DecodeQuantity(digits);
        else if (!BigInteger.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out result))
            throw new EthereumFormatException($"EIP-712 value '{path}' is not an integer.");
        return negative ? -result : result;
    }
}
