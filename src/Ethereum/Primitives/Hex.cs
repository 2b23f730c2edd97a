using System.Buffers;
using System.Runtime.CompilerServices;

namespace LiquidStake.Ethereum;

/// <summary>Hex encoding and decoding with or without the <c>0x</c> prefix.</summary>
public static class Hex
{
    /// <summary>Encodes bytes as lowercase hex with a <c>0x</c> prefix.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes, bool prefix = true)
    {
        if (bytes.IsEmpty) return prefix ? "0x" : string.Empty;
        int len = bytes.Length * 2 + (prefix ? 2 : 0);
        char[]? rented = null;
        Span<char> buffer = len <= 1024 ? stackalloc char[len] : (rented = ArrayPool<char>.Shared.Rent(len));
        try
        {
            int o = 0;
            if (prefix) { buffer[0] = '0'; buffer[1] = 'x'; o = 2; }
            Convert.TryToHexStringLower(bytes, buffer[o..len], out _);
            return new string(buffer[..len]);
        }
        finally
        {
            if (rented is not null) ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>Writes lowercase hex digits (no prefix) of <paramref name="bytes"/> into <paramref name="destination"/>.</summary>
    public static void EncodeTo(ReadOnlySpan<byte> bytes, Span<char> destination)
    {
        if (!Convert.TryToHexStringLower(bytes, destination, out _))
            throw new ArgumentException("Destination is too small.", nameof(destination));
    }

    /// <summary>Decodes hex text, with or without <c>0x</c>; an odd number of digits is refused.</summary>
    /// <exception cref="EthereumFormatException">The text is not valid hex.</exception>
    public static byte[] Decode(ReadOnlySpan<char> hex)
    {
        hex = StripPrefix(hex);
        if ((hex.Length & 1) != 0) throw new EthereumFormatException($"Hex text has an odd number of digits ({hex.Length}).");
        var result = new byte[hex.Length / 2];
        if (Convert.FromHexString(hex, result, out _, out _) != OperationStatus.Done)
            throw new EthereumFormatException("Hex text contains a character that is not a hex digit.");
        return result;
    }

    /// <summary>Decodes hex text into <paramref name="destination"/>, which must have exactly the decoded length.</summary>
    public static void DecodeTo(ReadOnlySpan<char> hex, Span<byte> destination)
    {
        hex = StripPrefix(hex);
        if (hex.Length != destination.Length * 2)
            throw new EthereumFormatException($"Expected {destination.Length} bytes of hex ({destination.Length * 2} digits) but got {hex.Length} digits.");
        if (Convert.FromHexString(hex, destination, out _, out _) != OperationStatus.Done)
            throw new EthereumFormatException("Hex text contains a character that is not a hex digit.");
    }

    /// <summary>Tries to decode hex text; returns false instead of throwing.</summary>
    public static bool TryDecode(ReadOnlySpan<char> hex, out byte[] bytes)
    {
        hex = StripPrefix(hex);
        bytes = [];
        if ((hex.Length & 1) != 0) return false;
        var result = new byte[hex.Length / 2];
        if (Convert.FromHexString(hex, result, out _, out _) != OperationStatus.Done) return false;
        bytes = result;
        return true;
    }

    /// <summary>Removes a leading <c>0x</c> or <c>0X</c> when present.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<char> StripPrefix(ReadOnlySpan<char> hex) =>
        hex.Length >= 2 && hex[0] == '0' && (hex[1] == 'x' || hex[1] == 'X') ? hex[2..] : hex;

    /// <summary>Formats an unsigned quantity the way JSON-RPC wants it: <c>0x</c> and no leading zeros (<c>0x0</c> for zero).</summary>
    public static string EncodeQuantity(System.Numerics.BigInteger value)
    {
        if (value.Sign < 0) throw new ArgumentOutOfRangeException(nameof(value), "A quantity cannot be negative.");
        if (value.IsZero) return "0x0";
        return "0x" + value.ToString("x", System.Globalization.CultureInfo.InvariantCulture).TrimStart('0');
    }

    /// <summary>Formats an unsigned 64-bit quantity as JSON-RPC hex.</summary>
    public static string EncodeQuantity(ulong value) => "0x" + value.ToString("x", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Parses a JSON-RPC quantity (<c>0x</c> hex without leading zeros; leading zeros are tolerated on input).</summary>
    public static System.Numerics.BigInteger DecodeQuantity(ReadOnlySpan<char> hex)
    {
        var digits = StripPrefix(hex);
        if (digits.IsEmpty) throw new EthereumFormatException("A quantity needs at least one hex digit.");
        if (digits.Length > 80) throw new EthereumFormatException($"A quantity of {digits.Length} hex digits is too long.");
        System.Numerics.BigInteger v = System.Numerics.BigInteger.Zero;
        foreach (char c in digits)
        {
            int d = HexValue(c);
            if (d < 0) throw new EthereumFormatException($"'{c}' is not a hex digit.");
            v = (v << 4) | d;
        }
        return v;
    }

    /// <summary>Parses a JSON-RPC quantity that must fit in 64 bits.</summary>
    public static ulong DecodeQuantityUInt64(ReadOnlySpan<char> hex)
    {
        var digits = StripPrefix(hex);
        if (digits.IsEmpty) throw new EthereumFormatException("A quantity needs at least one hex digit.");
        ulong v = 0;
        foreach (char c in digits)
        {
            int d = HexValue(c);
            if (d < 0) throw new EthereumFormatException($"'{c}' is not a hex digit.");
            if (v > (ulong.MaxValue >> 4)) throw new EthereumFormatException("The quantity does not fit in 64 bits.");
            v = (v << 4) | (uint)d;
        }
        return v;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
