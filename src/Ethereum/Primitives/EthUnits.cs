using System.Globalization;
using System.Numerics;

namespace LiquidStake.Ethereum;

/// <summary>Exact conversion between decimal text ("1.5") and integer base units (wei, gwei, token units). No floating point anywhere.</summary>
public static class EthUnits
{
    /// <summary>Decimals of ether (1 ether = 10^18 wei).</summary>
    public const int EtherDecimals = 18;

    /// <summary>Decimals of gwei (1 gwei = 10^9 wei).</summary>
    public const int GweiDecimals = 9;

    /// <summary>The most decimals accepted (far beyond any real token, and keeps 10^decimals small).</summary>
    public const int MaxDecimals = 255;

    // Bounds the work BigInteger parsing can be made to do by hostile input.
    private const int MaxTextLength = 256;

    /// <summary>Parses ether text ("1.5") to wei.</summary>
    public static BigInteger ParseEther(string text) => ParseUnits(text, EtherDecimals);

    /// <summary>Parses gwei text ("30.5") to wei.</summary>
    public static BigInteger ParseGwei(string text) => ParseUnits(text, GweiDecimals);

    /// <summary>Parses decimal text to base units: <c>ParseUnits("1.5", 6)</c> is 1500000.</summary>
    /// <remarks>Accepts an optional leading '-', digits, and at most one '.' with digits on at least one side ("1.", ".5").
    /// Refuses exponents, signs other than a leading '-', separators, whitespace and more fractional digits than <paramref name="decimals"/>.</remarks>
    /// <exception cref="LiquidStakeArgumentException">The text is not a plain decimal number or has too many fractional digits.</exception>
    public static BigInteger ParseUnits(string text, int decimals)
    {
        ArgumentNullException.ThrowIfNull(text);
        CheckDecimals(decimals);
        if (text.Length > MaxTextLength) throw new LiquidStakeArgumentException(nameof(text), $"the amount text is {text.Length} characters long", $"{MaxTextLength} characters");
        var span = text.AsSpan();
        bool negative = false;
        if (span.Length > 0 && span[0] == '-')
        {
            negative = true;
            span = span[1..];
        }
        int dot = span.IndexOf('.');
        var integerPart = dot < 0 ? span : span[..dot];
        var fractionPart = dot < 0 ? [] : span[(dot + 1)..];
        if (integerPart.IsEmpty && fractionPart.IsEmpty)
            throw new LiquidStakeArgumentException(nameof(text), $"'{text}' is not a decimal amount", "digits with at most one '.'");
        if (!AllDigits(integerPart) || !AllDigits(fractionPart))
            throw new LiquidStakeArgumentException(nameof(text), $"'{text}' is not a decimal amount (only digits, one '.', and a leading '-' are allowed)", "digits with at most one '.'");
        if (fractionPart.Length > decimals)
            throw new LiquidStakeArgumentException(nameof(text), $"'{text}' has {fractionPart.Length} fractional digits", $"{decimals} decimals");

        BigInteger integer = integerPart.IsEmpty ? BigInteger.Zero : BigInteger.Parse(integerPart, NumberStyles.None, CultureInfo.InvariantCulture);
        BigInteger fraction = fractionPart.IsEmpty ? BigInteger.Zero : BigInteger.Parse(fractionPart, NumberStyles.None, CultureInfo.InvariantCulture);
        var value = integer * BigInteger.Pow(10, decimals) + fraction * BigInteger.Pow(10, decimals - fractionPart.Length);
        return negative ? -value : value;
    }

    /// <summary>Formats wei as ether, exactly, without trailing zeros ("1.5", "0.000000000000000001", "0").</summary>
    public static string FormatEther(BigInteger wei) => FormatUnits(wei, EtherDecimals);

    /// <summary>Formats wei as gwei, exactly, without trailing zeros.</summary>
    public static string FormatGwei(BigInteger wei) => FormatUnits(wei, GweiDecimals);

    /// <summary>Formats base units as a decimal string with <paramref name="decimals"/> decimals, exactly, without trailing zeros.</summary>
    public static string FormatUnits(BigInteger value, int decimals)
    {
        CheckDecimals(decimals);
        var magnitude = BigInteger.Abs(value);
        string digits = magnitude.ToString(CultureInfo.InvariantCulture);
        string sign = value.Sign < 0 ? "-" : string.Empty;
        if (decimals == 0) return sign + digits;
        if (digits.Length <= decimals) digits = new string('0', decimals - digits.Length + 1) + digits;
        var integerPart = digits.AsSpan(0, digits.Length - decimals);
        var fractionPart = digits.AsSpan(digits.Length - decimals).TrimEnd('0');
        return fractionPart.IsEmpty
            ? string.Concat(sign, integerPart)
            : string.Concat(sign, integerPart, ".", fractionPart);
    }

    private static bool AllDigits(ReadOnlySpan<char> text) => !text.ContainsAnyExceptInRange('0', '9');

    internal static void CheckDecimals(int decimals)
    {
        if (decimals is < 0 or > MaxDecimals)
            throw new LiquidStakeArgumentException(nameof(decimals), $"{decimals} is not a valid number of decimals", $"0 to {MaxDecimals}");
    }
}
