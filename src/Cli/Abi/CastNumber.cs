using System.Globalization;
using System.Numerics;
using LiquidStake.Cli.Infrastructure;

namespace LiquidStake.Cli.Abi;

/// <summary>Parses numbers the way cast does: <c>1000</c>, <c>0x3e8</c>, <c>0b101</c>, <c>0o17</c>, <c>1e18</c>, <c>1.5e18</c>,
/// and amounts with a unit (<c>1ether</c>, <c>10 gwei</c>, <c>0.01ether</c>), optionally negative.</summary>
internal static class CastNumber
{
    private static readonly (string Unit, int Decimals)[] Units =
    [
        ("ether", 18), ("finney", 15), ("szabo", 12), ("gwei", 9), ("mwei", 6), ("kwei", 3), ("wei", 0),
    ];

    /// <summary>Parses <paramref name="text"/> into an integer; a fraction must vanish after applying the exponent or unit.</summary>
    /// <exception cref="CliUsageException">Not a number cast would accept.</exception>
    public static BigInteger Parse(string text, bool allowNegative = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryParse(text, out var value, out string error)) throw new CliUsageException($"invalid number '{text}': {error}");
        if (value.Sign < 0 && !allowNegative) throw new CliUsageException($"invalid number '{text}': negative values are not allowed here");
        return value;
    }

    public static bool TryParse(string text, out BigInteger value, out string error)
    {
        value = BigInteger.Zero;
        error = string.Empty;
        var span = text.AsSpan();
        bool negative = false;
        if (span.StartsWith("-"))
        {
            negative = true;
            span = span[1..];
        }
        if (span.IsEmpty)
        {
            error = "expected at least one digit";
            return false;
        }
        if (span.Length > 2 && span[0] == '0' && span[1] is 'x' or 'X' or 'b' or 'B' or 'o' or 'O')
        {
            int radix = char.ToLowerInvariant(span[1]) switch { 'x' => 16, 'b' => 2, _ => 8 };
            foreach (char c in span[2..])
            {
                int digit = HexDigit(c);
                if (digit < 0 || digit >= radix)
                {
                    error = $"invalid digit '{c}'";
                    return false;
                }
                value = value * radix + digit;
            }
            if (negative) value = -value;
            return true;
        }

        int pos = 0;
        int intStart = pos;
        while (pos < span.Length && char.IsAsciiDigit(span[pos])) pos++;
        var integerPart = span[intStart..pos];
        ReadOnlySpan<char> fraction = default;
        if (pos < span.Length && span[pos] == '.')
        {
            int fracStart = ++pos;
            while (pos < span.Length && char.IsAsciiDigit(span[pos])) pos++;
            fraction = span[fracStart..pos];
        }
        if (integerPart.IsEmpty && fraction.IsEmpty)
        {
            error = "expected at least one digit";
            return false;
        }
        int exponent = 0;
        // 'e' starts an exponent only before a digit or '-': "1ether" is a unit, not 1e(ther).
        if (pos + 1 < span.Length && span[pos] is 'e' or 'E' && (char.IsAsciiDigit(span[pos + 1]) || span[pos + 1] == '-'))
        {
            pos++;
            if (pos < span.Length && span[pos] == '-')
            {
                error = "negative exponents are not allowed";
                return false;
            }
            int expStart = pos;
            while (pos < span.Length && char.IsAsciiDigit(span[pos])) pos++;
            if (expStart == pos || !int.TryParse(span[expStart..pos], NumberStyles.None, CultureInfo.InvariantCulture, out exponent) || exponent > 1000)
            {
                error = "invalid exponent";
                return false;
            }
        }
        while (pos < span.Length && span[pos] == ' ') pos++;
        var unitText = span[pos..];
        if (!unitText.IsEmpty)
        {
            int found = -1;
            foreach (var (unit, decimals) in Units)
            {
                if (unitText.SequenceEqual(unit))
                {
                    found = decimals;
                    break;
                }
            }
            if (found < 0)
            {
                error = $"unknown unit '{unitText}'";
                return false;
            }
            exponent += found;
        }

        var fractionTrimmed = fraction.TrimEnd('0');
        if (fractionTrimmed.Length > exponent)
        {
            error = $"non-zero fraction .{fraction} not allowed";
            return false;
        }
        string digits = string.Concat(integerPart, fractionTrimmed);
        value = digits.Length == 0 ? BigInteger.Zero : BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        value *= BigInteger.Pow(10, exponent - fractionTrimmed.Length);
        if (negative) value = -value;
        return true;
    }

    private static int HexDigit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
