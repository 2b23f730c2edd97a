using System.Numerics;
using LiquidStake.Cli.Infrastructure;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Abi;

namespace LiquidStake.Cli.Abi;

/// <summary>Turns command-line text into ABI values the way cast does: <c>[1,2]</c> for arrays, <c>(1,"x")</c> for tuples,
/// numbers with units, hex for bytes, strings quoted or bare inside arrays and tuples.</summary>
internal static class CastValueParser
{
    /// <summary>Parses one argument per type.</summary>
    /// <exception cref="CliUsageException">The counts differ or an argument does not fit its type.</exception>
    public static object?[] ParseArguments(IReadOnlyList<AbiType> types, IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(arguments);
        if (types.Count != arguments.Count)
            throw new CliUsageException($"encode length mismatch: expected {types.Count} types, got {arguments.Count}");
        var values = new object?[types.Count];
        for (int i = 0; i < values.Length; i++) values[i] = ParseTopLevel(types[i], arguments[i]);
        return values;
    }

    /// <summary>Parses a whole argument as a value of <paramref name="type"/>.</summary>
    public static object? ParseTopLevel(AbiType type, string text)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(text);
        switch (type)
        {
            case AbiStringType:
                // cast strips one pair of surrounding quotes and trailing whitespace from a bare string argument.
                return text.Length >= 2 && text[0] == '"' && text[^1] == '"' ? text[1..^1] : text.TrimEnd();
            case AbiArrayType or AbiTupleType:
                int pos = 0;
                var value = ParseNested(type, text, ref pos, 0);
                SkipSpace(text, ref pos);
                if (pos != text.Length) throw Bad(text, type, $"unexpected '{text[pos]}' at position {pos}");
                return value;
            default:
                return Coerce(type, text, text);
        }
    }

    private static object? ParseNested(AbiType type, string text, ref int pos, int depth)
    {
        if (depth > 64) throw Bad(text, type, "nested too deeply");
        SkipSpace(text, ref pos);
        switch (type)
        {
            case AbiArrayType array:
            {
                Expect(text, ref pos, '[', type);
                var items = new List<object?>();
                SkipSpace(text, ref pos);
                if (pos < text.Length && text[pos] == ']')
                {
                    pos++;
                }
                else
                {
                    while (true)
                    {
                        items.Add(ParseNested(array.ElementType, text, ref pos, depth + 1));
                        SkipSpace(text, ref pos);
                        if (pos >= text.Length) throw Bad(text, type, "expected ']'");
                        char c = text[pos++];
                        if (c == ']') break;
                        if (c != ',') throw Bad(text, type, $"unexpected '{c}' at position {pos - 1}");
                    }
                }
                if (array.Length is { } length && items.Count != length)
                    throw Bad(text, type, $"expected {length} elements, got {items.Count}");
                return items.ToArray();
            }
            case AbiTupleType tuple:
            {
                Expect(text, ref pos, '(', type);
                var items = new object?[tuple.Components.Count];
                for (int i = 0; i < items.Length; i++)
                {
                    items[i] = ParseNested(tuple.Components[i], text, ref pos, depth + 1);
                    SkipSpace(text, ref pos);
                    char expected = i == items.Length - 1 ? ')' : ',';
                    if (pos >= text.Length || text[pos] != expected) throw Bad(text, type, $"expected '{expected}' at position {pos}");
                    pos++;
                }
                return items;
            }
            case AbiStringType when pos < text.Length && text[pos] == '"':
            {
                int close = text.IndexOf('"', pos + 1);
                if (close < 0) throw Bad(text, type, "unterminated string");
                string value = text[(pos + 1)..close];
                pos = close + 1;
                return value;
            }
            default:
            {
                int start = pos;
                while (pos < text.Length && text[pos] is not (',' or ']' or ')')) pos++;
                return Coerce(type, text[start..pos].Trim(), text);
            }
        }
    }

    private static object? Coerce(AbiType type, string token, string whole)
    {
        switch (type)
        {
            case AbiBoolType:
                return token switch
                {
                    "true" => true,
                    "false" => false,
                    _ => throw Bad(whole, type, "invalid boolean"),
                };
            case AbiIntegerType integer:
                if (!CastNumber.TryParse(token, out BigInteger number, out string error)) throw Bad(whole, type, error);
                if (!integer.IsSigned && number.Sign < 0) throw Bad(whole, type, "negative value for an unsigned type");
                return number;
            case AbiAddressType:
            {
                var hex = Hex.StripPrefix(token);
                if (hex.Length != 40 || !Hex.TryDecode(hex.ToString(), out byte[] bytes)) throw Bad(whole, type, "an address is 20 bytes of hex");
                return new Address(bytes);
            }
            case AbiFixedBytesType fixedBytes:
            {
                if (!Hex.TryDecode(token, out byte[] bytes)) throw Bad(whole, type, "invalid hex");
                if (bytes.Length != fixedBytes.Size) throw Bad(whole, type, $"invalid string length: expected {fixedBytes.Size} bytes, got {bytes.Length}");
                return bytes;
            }
            case AbiBytesType:
            {
                if (!Hex.TryDecode(token, out byte[] bytes)) throw Bad(whole, type, "expected hex digits or the `0x` prefix for an empty hex string");
                return bytes;
            }
            case AbiStringType:
                return token;
            default:
                throw Bad(whole, type, "unsupported type");
        }
    }

    private static void Expect(string text, ref int pos, char c, AbiType type)
    {
        if (pos >= text.Length || text[pos] != c) throw Bad(text, type, $"expected '{c}' at position {pos}");
        pos++;
    }

    private static void SkipSpace(string text, ref int pos)
    {
        while (pos < text.Length && char.IsWhiteSpace(text[pos])) pos++;
    }

    private static CliUsageException Bad(string text, AbiType type, string reason) =>
        new($"could not parse '{text}' as {type.CanonicalName}: {reason}");
}
