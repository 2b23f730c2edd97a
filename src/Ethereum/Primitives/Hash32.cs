using System.Runtime.CompilerServices;

namespace LiquidStake.Ethereum;

/// <summary>A 32-byte value: a Keccak hash, a transaction hash, a storage slot or a <c>bytes32</c>.</summary>
public readonly struct Hash32 : IEquatable<Hash32>, ISpanFormattable, ISpanParsable<Hash32>
{
    /// <summary>The size in bytes.</summary>
    public const int Size = 32;

    private readonly ulong _a, _b, _c, _d;

    /// <summary>All zeros.</summary>
    public static Hash32 Zero => default;

    /// <summary>Creates a value from exactly 32 bytes.</summary>
    public Hash32(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size) throw new ArgumentException($"A 32-byte hash cannot be made from {bytes.Length} bytes.", nameof(bytes));
        _a = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _b = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _c = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]);
        _d = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]);
    }

    /// <summary>True when all 32 bytes are zero.</summary>
    public bool IsZero => (_a | _b | _c | _d) == 0;

    /// <summary>Writes the 32 bytes into <paramref name="destination"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length < Size) throw new ArgumentException("The destination needs 32 bytes.", nameof(destination));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(destination, _a);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _b);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _c);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _d);
    }

    /// <summary>The 32 bytes as a new array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>Parses 64 hex digits, with or without <c>0x</c>.</summary>
    /// <exception cref="EthereumFormatException">Not 64 hex digits.</exception>
    public static Hash32 Parse(ReadOnlySpan<char> text)
    {
        Span<byte> bytes = stackalloc byte[Size];
        Hex.DecodeTo(text.Trim(), bytes);
        return new Hash32(bytes);
    }

    /// <inheritdoc cref="Parse(ReadOnlySpan{char})"/>
    public static Hash32 Parse(string text) => Parse(text.AsSpan());

    /// <summary>Tries to parse 64 hex digits.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Hash32 value)
    {
        value = default;
        var hex = Hex.StripPrefix(text.Trim());
        if (hex.Length != 64) return false;
        Span<byte> bytes = stackalloc byte[Size];
        if (System.Convert.FromHexString(hex, bytes, out _, out _) != System.Buffers.OperationStatus.Done) return false;
        value = new Hash32(bytes);
        return true;
    }

    /// <summary>Lowercase hex with <c>0x</c>.</summary>
    public override string ToString()
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
        charsWritten = 0;
        if (destination.Length < 66) return false;
        Span<byte> bytes = stackalloc byte[Size];
        CopyTo(bytes);
        destination[0] = '0';
        destination[1] = 'x';
        Hex.EncodeTo(bytes, destination[2..66]);
        charsWritten = 66;
        return true;
    }

    static Hash32 IParsable<Hash32>.Parse(string s, IFormatProvider? provider) => Parse(s);

    static bool IParsable<Hash32>.TryParse(string? s, IFormatProvider? provider, out Hash32 result)
    {
        result = default;
        return s is not null && TryParse(s, out result);
    }

    static Hash32 ISpanParsable<Hash32>.Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s);

    static bool ISpanParsable<Hash32>.TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out Hash32 result) => TryParse(s, out result);

    /// <inheritdoc/>
    public bool Equals(Hash32 other) => _a == other._a && _b == other._b && _c == other._c && _d == other._d;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Hash32 other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_a, _b, _c, _d);

    /// <summary>Whether <paramref name="left"/> and <paramref name="right"/> are equal (the same as <see cref="Equals(Hash32)"/>).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator ==(Hash32 left, Hash32 right) => left.Equals(right);

    /// <summary>Whether <paramref name="left"/> and <paramref name="right"/> differ (the same as <see cref="Equals(Hash32)"/>).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator !=(Hash32 left, Hash32 right) => !left.Equals(right);
}
