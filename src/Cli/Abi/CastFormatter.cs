using System.Globalization;
using System.Numerics;
using System.Text;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Abi;

namespace LiquidStake.Cli.Abi;

/// <summary>Prints decoded ABI values exactly as cast 1.7.1 does: one value per line, checksummed addresses,
/// quoted and escaped strings, <c>[a, b]</c> arrays, <c>(a, b)</c> tuples, and a <c>[1.234e5]</c> hint on large integers;
/// or, for <c>--json</c>, a pretty JSON array.</summary>
internal static class CastFormatter
{
    private static readonly BigInteger AnnotationThreshold = 10_000;
    private static readonly BigInteger MaxJsonUnsigned = ulong.MaxValue;
    private static readonly BigInteger MinJsonSigned = long.MinValue;

    /// <summary>Decodes <paramref name="data"/> as <paramref name="types"/>, reading strings leniently (invalid UTF-8 becomes U+FFFD) as cast does.</summary>
    public static object?[] DecodeLenient(IReadOnlyList<AbiType> types, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(types);
        var asBytes = new AbiType[types.Count];
        for (int i = 0; i < asBytes.Length; i++) asBytes[i] = StringsAsBytes(types[i]);
        return AbiCodec.Decode(asBytes, data);
    }

    // Strings decode as bytes (same encoding), so malformed UTF-8 is shown rather than refused, like cast.
    private static AbiType StringsAsBytes(AbiType type) => type switch
    {
        AbiStringType => AbiType.Bytes,
        AbiArrayType array => AbiArrayType.Create(StringsAsBytes(array.ElementType), array.Length),
        AbiTupleType tuple => AbiTupleType.Create([.. tuple.Components.Select(StringsAsBytes)], tuple.ComponentNames),
        _ => type,
    };

    /// <summary>Text lines: one per top-level value.</summary>
    public static void WriteLines(TextWriter writer, IReadOnlyList<AbiType> types, IReadOnlyList<object?> values)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var builder = new StringBuilder();
        for (int i = 0; i < types.Count; i++)
        {
            builder.Clear();
            Format(builder, types[i], values[i]);
            writer.Write(builder.Append('\n').ToString());
        }
    }

    /// <summary>The text form of one value.</summary>
    public static string Format(AbiType type, object? value)
    {
        var builder = new StringBuilder();
        Format(builder, type, value);
        return builder.ToString();
    }

    private static void Format(StringBuilder builder, AbiType type, object? value)
    {
        switch (type)
        {
            case AbiIntegerType:
            {
                var number = (BigInteger)value!;
                builder.Append(number.ToString(CultureInfo.InvariantCulture));
                if (BigInteger.Abs(number) >= AnnotationThreshold) builder.Append(" [").Append(Scientific(number)).Append(']');
                break;
            }
            case AbiAddressType:
                builder.Append(((Address)value!).ToString());
                break;
            case AbiBoolType:
                builder.Append((bool)value! ? "true" : "false");
                break;
            case AbiFixedBytesType or AbiBytesType:
                builder.Append(Hex.Encode((byte[])value!));
                break;
            case AbiStringType:
                AppendDebugString(builder, AsText(value));
                break;
            case AbiArrayType array:
            {
                var items = (object?[])value!;
                builder.Append('[');
                for (int i = 0; i < items.Length; i++)
                {
                    if (i > 0) builder.Append(", ");
                    Format(builder, array.ElementType, items[i]);
                }
                builder.Append(']');
                break;
            }
            case AbiTupleType tuple:
            {
                var items = (object?[])value!;
                builder.Append('(');
                for (int i = 0; i < items.Length; i++)
                {
                    if (i > 0) builder.Append(", ");
                    Format(builder, tuple.Components[i], items[i]);
                }
                builder.Append(')');
                break;
            }
            default:
                throw new InvalidOperationException($"No formatter for {type}.");
        }
    }

    /// <summary>cast's hint for big numbers: four significant digits, truncated, trailing zeros dropped (<c>1.5e18</c>, <c>1e4</c>).</summary>
    internal static string Scientific(BigInteger number)
    {
        string digits = BigInteger.Abs(number).ToString(CultureInfo.InvariantCulture);
        string mantissa = digits[..1];
        string fraction = digits.Substring(1, Math.Min(3, digits.Length - 1)).TrimEnd('0');
        if (fraction.Length > 0) mantissa += "." + fraction;
        return (number.Sign < 0 ? "-" : string.Empty) + mantissa + "e" + (digits.Length - 1).ToString(CultureInfo.InvariantCulture);
    }

    private static string AsText(object? value) => value switch
    {
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        string text => text,
        _ => throw new InvalidOperationException("A string value is neither text nor bytes."),
    };

    // Rust's Debug formatting of str, which cast uses for strings.
    private static void AppendDebugString(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (var rune in text.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\0': builder.Append("\\0"); break;
                default:
                    if (Rune.IsControl(rune)) builder.Append("\\u{").Append(rune.Value.ToString("x", CultureInfo.InvariantCulture)).Append('}');
                    else builder.Append(rune.ToString());
                    break;
            }
        }
        builder.Append('"');
    }

    /// <summary>The values as cast's pretty JSON array (two-space indent; integers beyond 64 bits as strings).</summary>
    public static void WriteJson(TextWriter writer, IReadOnlyList<AbiType> types, IReadOnlyList<object?> values)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var builder = new StringBuilder();
        var tuple = AbiTupleType.Create([.. types]);
        WriteJsonValue(builder, tuple, values.ToArray(), 0);
        writer.Write(builder.Append('\n').ToString());
    }

    private static void WriteJsonValue(StringBuilder builder, AbiType type, object? value, int indent)
    {
        switch (type)
        {
            case AbiIntegerType:
            {
                var number = (BigInteger)value!;
                bool fits = number.Sign >= 0 ? number <= MaxJsonUnsigned : number >= MinJsonSigned;
                string text = number.ToString(CultureInfo.InvariantCulture);
                if (fits) builder.Append(text);
                else AppendJsonString(builder, text);
                break;
            }
            case AbiBoolType:
                builder.Append((bool)value! ? "true" : "false");
                break;
            case AbiAddressType:
                AppendJsonString(builder, ((Address)value!).ToString());
                break;
            case AbiFixedBytesType or AbiBytesType:
                AppendJsonString(builder, Hex.Encode((byte[])value!));
                break;
            case AbiStringType:
                AppendJsonString(builder, AsText(value));
                break;
            case AbiArrayType array:
                WriteJsonArray(builder, (object?[])value!, _ => array.ElementType, indent);
                break;
            case AbiTupleType tuple:
                WriteJsonArray(builder, (object?[])value!, i => tuple.Components[i], indent);
                break;
            default:
                throw new InvalidOperationException($"No JSON writer for {type}.");
        }
    }

    private static void WriteJsonArray(StringBuilder builder, object?[] items, Func<int, AbiType> typeOf, int indent)
    {
        if (items.Length == 0)
        {
            builder.Append("[]");
            return;
        }
        builder.Append("[\n");
        for (int i = 0; i < items.Length; i++)
        {
            builder.Append(' ', (indent + 1) * 2);
            WriteJsonValue(builder, typeOf(i), items[i], indent + 1);
            builder.Append(i < items.Length - 1 ? ",\n" : "\n");
        }
        builder.Append(' ', indent * 2).Append(']');
    }

    /// <summary>A JSON string escaped like serde_json: quotes, backslashes and control characters only.</summary>
    internal static void AppendJsonString(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (char c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    if (c < 0x20) builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else builder.Append(c);
                    break;
            }
        }
        builder.Append('"');
    }
}
