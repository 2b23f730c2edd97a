using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LiquidStake.Ethereum.Crypto;

namespace LiquidStake.Ethereum;

/// <summary>A 20-byte Ethereum account address. <see cref="ToString()"/> gives the EIP-55 checksummed form.</summary>
/// <remarks>Parsing accepts all-lowercase or all-uppercase hex as is and checks the EIP-55 checksum of mixed-case text.</remarks>
[StructLayout(LayoutKind.Sequential)]
public readonly struct Address : IEquatable<Address>, IComparable<Address>, ISpanFormattable, ISpanParsable<Address>
{
    /// <summary>The size of an address in bytes.</summary>
    public const int Size = 20;

    // Three fields instead of an array: the struct stays a value with no heap allocation.
    private readonly ulong _a;
    private readonly ulong _b;
    private readonly uint _c;

    /// <summary>The zero address, 0x0000000000000000000000000000000000000000.</summary>
    public static Address Zero => default;

    /// <summary>Creates an address from exactly 20 bytes.</summary>
    public Address(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size) throw new ArgumentException($"An address is {Size} bytes, not {bytes.Length}.", nameof(bytes));
        _a = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _b = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _c = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]);
    }

    /// <summary>True for the zero address.</summary>
    public bool IsZero => _a == 0 && _b == 0 && _c == 0;

    /// <summary>Writes the 20 bytes into <paramref name="destination"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length < Size) throw new ArgumentException("The destination needs 20 bytes.", nameof(destination));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(destination, _a);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _b);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(destination[16..], _c);
    }

    /// <summary>Returns the 20 bytes as a new array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>Parses <c>0x</c>-prefixed (or bare) hex; mixed case must carry a valid EIP-55 checksum.</summary>
    /// <exception cref="EthereumFormatException">The text is not an address or its checksum is wrong.</exception>
    public static Address Parse(string text) => Parse(text.AsSpan());

    /// <inheritdoc cref="Parse(string)"/>
    public static Address Parse(ReadOnlySpan<char> text)
    {
        if (!TryParseCore(text, out var address, out var error)) throw new EthereumFormatException(error);
        return address;
    }

    /// <summary>Tries to parse an address; returns false for bad hex, bad length or a wrong EIP-55 checksum.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Address address) => TryParseCore(text, out address, out _);

    /// <inheritdoc cref="TryParse(ReadOnlySpan{char}, out Address)"/>
    public static bool TryParse(string? text, out Address address)
    {
        address = default;
        return text is not null && TryParseCore(text, out address, out _);
    }

    private static bool TryParseCore(ReadOnlySpan<char> text, out Address address, out string error)
    {
        address = default;
        var hex = Hex.StripPrefix(text.Trim());
        if (hex.Length != Size * 2)
        {
            error = $"An address is 40 hex digits; got {hex.Length}.";
            return false;
        }
        Span<byte> bytes = stackalloc byte[Size];
        bool hasLower = false, hasUpper = false;
        for (int i = 0; i < Size; i++)
        {
            int hi = Hex.HexValue(hex[2 * i]), lo = Hex.HexValue(hex[2 * i + 1]);
            if (hi < 0 || lo < 0)
            {
                error = "An address contains a character that is not a hex digit.";
                return false;
            }
            bytes[i] = (byte)((hi << 4) | lo);
        }
        foreach (char c in hex)
        {
            if (c is >= 'a' and <= 'f') hasLower = true;
            else if (c is >= 'A' and <= 'F') hasUpper = true;
        }
        address = new Address(bytes);
        if (hasLower && hasUpper)
        {
            Span<char> expected = stackalloc char[40];
            address.WriteChecksummed(expected);
            if (!hex.SequenceEqual(expected))
            {
                address = default;
                error = $"The EIP-55 checksum of the mixed-case address 0x{hex} is wrong (expected 0x{expected}).";
                return false;
            }
        }
        error = string.Empty;
        return true;
    }

    /// <summary>Writes the 40 EIP-55 checksummed hex digits (no prefix).</summary>
    private void WriteChecksummed(Span<char> destination)
    {
        Span<byte> bytes = stackalloc byte[Size];
        CopyTo(bytes);
        Span<byte> lower = stackalloc byte[40];
        const string digits = "0123456789abcdef";
        for (int i = 0; i < Size; i++)
        {
            lower[2 * i] = (byte)digits[bytes[i] >> 4];
            lower[2 * i + 1] = (byte)digits[bytes[i] & 0xF];
        }
        Span<byte> hash = stackalloc byte[32];
        Keccak256.Hash(lower, hash);
        for (int i = 0; i < 40; i++)
        {
            char c = (char)lower[i];
            int nibble = (i & 1) == 0 ? hash[i / 2] >> 4 : hash[i / 2] & 0xF;
            destination[i] = c >= 'a' && nibble >= 8 ? (char)(c - 32) : c;
        }
    }

    /// <summary>The EIP-55 checksummed form, <c>0x</c>-prefixed.</summary>
    public override string ToString()
    {
        Span<char> chars = stackalloc char[42];
        chars[0] = '0';
        chars[1] = 'x';
        WriteChecksummed(chars[2..]);
        return new string(chars);
    }

    /// <summary>The lowercase form, <c>0x</c>-prefixed (what JSON-RPC payloads use).</summary>
    public string ToLowerHex()
    {
        Span<byte> bytes = stackalloc byte[Size];
        CopyTo(bytes);
        return Hex.Encode(bytes);
    }

    /// <inheritdoc/>
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <inheritdoc/>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        if (destination.Length < 42)
        {
            charsWritten = 0;
            return false;
        }
        destination[0] = '0';
        destination[1] = 'x';
        WriteChecksummed(destination[2..]);
        charsWritten = 42;
        return true;
    }

    static Address IParsable<Address>.Parse(string s, IFormatProvider? provider) => Parse(s);

    static bool IParsable<Address>.TryParse(string? s, IFormatProvider? provider, out Address result) => TryParse(s, out result);

    static Address ISpanParsable<Address>.Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s);

    static bool ISpanParsable<Address>.TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out Address result) => TryParse(s, out result);

    /// <inheritdoc/>
    public bool Equals(Address other) => _a == other._a && _b == other._b && _c == other._c;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Address other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_a, _b, _c);

    /// <inheritdoc/>
    public int CompareTo(Address other)
    {
        int c = _a.CompareTo(other._a);
        if (c != 0) return c;
        c = _b.CompareTo(other._b);
        return c != 0 ? c : _c.CompareTo(other._c);
    }

    /// <summary>Whether <paramref name="left"/> and <paramref name="right"/> are equal (the same as <see cref="Equals(Address)"/>).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator ==(Address left, Address right) => left.Equals(right);

    /// <summary>Whether <paramref name="left"/> and <paramref name="right"/> differ (the same as <see cref="Equals(Address)"/>).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator !=(Address left, Address right) => !left.Equals(right);

    /// <summary>Whether <paramref name="left"/> sorts before <paramref name="right"/> (ordered as <see cref="CompareTo(Address)"/> orders them).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator <(Address left, Address right) => left.CompareTo(right) < 0;

    /// <summary>Whether <paramref name="left"/> sorts after <paramref name="right"/> (ordered as <see cref="CompareTo(Address)"/> orders them).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator >(Address left, Address right) => left.CompareTo(right) > 0;

    /// <summary>Whether <paramref name="left"/> sorts before <paramref name="right"/> or equals it (ordered as <see cref="CompareTo(Address)"/> orders them).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator <=(Address left, Address right) => left.CompareTo(right) <= 0;

    /// <summary>Whether <paramref name="left"/> sorts after <paramref name="right"/> or equals it (ordered as <see cref="CompareTo(Address)"/> orders them).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator >=(Address left, Address right) => left.CompareTo(right) >= 0;
}
