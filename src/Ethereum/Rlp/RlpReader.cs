using System.Numerics;

namespace LiquidStake.Ethereum.Rlp;

/// <summary>
/// A strict, allocation-free reader over canonical RLP. Every length is checked against the remaining input before
/// it is used; non-canonical forms (long form under 56 bytes, leading zeros in lengths or integers, a single byte
/// below 0x80 wrapped as 0x81xx) are refused with <see cref="RlpException"/>.
/// </summary>
public ref struct RlpReader
{
    /// <summary>The deepest list nesting that is accepted.</summary>
    public const int MaxDepth = 64;

    private readonly ReadOnlySpan<byte> _data;
    private readonly int _depth;
    private int _position;

    /// <summary>Reads items from <paramref name="data"/>.</summary>
    public RlpReader(ReadOnlySpan<byte> data) : this(data, 0) { }

    private RlpReader(ReadOnlySpan<byte> data, int depth)
    {
        _data = data;
        _depth = depth;
        _position = 0;
    }

    /// <summary>True when every byte has been read.</summary>
    public readonly bool IsAtEnd => _position >= _data.Length;

    /// <summary>The current offset within this reader's input.</summary>
    public readonly int Position => _position;

    /// <summary>True when the next item is a list.</summary>
    public readonly bool NextIsList
    {
        get
        {
            if (IsAtEnd) throw new RlpException("Expected an RLP item but the input ended.");
            return _data[_position] >= 0xc0;
        }
    }

    /// <summary>Reads a byte string.</summary>
    public ReadOnlySpan<byte> ReadBytes()
    {
        var (isList, start, length) = ReadHeader();
        if (isList) throw new RlpException($"Expected an RLP string at offset {start} but found a list.");
        return _data.Slice(start, length);
    }

    /// <summary>Reads a list and returns a reader over its payload.</summary>
    public RlpReader ReadList()
    {
        var (isList, start, length) = ReadHeader();
        if (!isList) throw new RlpException($"Expected an RLP list at offset {start} but found a string.");
        if (_depth + 1 > MaxDepth) throw new RlpException($"RLP nesting is deeper than {MaxDepth} levels.");
        return new RlpReader(_data.Slice(start, length), _depth + 1);
    }

    /// <summary>Throws unless every byte has been read.</summary>
    public readonly void EnsureAtEnd(string what = "RLP input")
    {
        if (!IsAtEnd) throw new RlpException($"{what} has {_data.Length - _position} unexpected trailing byte(s).");
    }

    /// <summary>Reads a canonical unsigned integer of at most 8 bytes.</summary>
    public ulong ReadUInt64()
    {
        var bytes = ReadIntegerBytes(8);
        ulong value = 0;
        foreach (byte b in bytes) value = (value << 8) | b;
        return value;
    }

    /// <summary>Reads a canonical unsigned integer of at most <paramref name="maxBytes"/> bytes.</summary>
    public BigInteger ReadBigInteger(int maxBytes = 32)
    {
        var bytes = ReadIntegerBytes(maxBytes);
        return bytes.IsEmpty ? BigInteger.Zero : new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
    }

    /// <summary>Reads exactly 20 bytes as an address.</summary>
    public Address ReadAddress()
    {
        var bytes = ReadBytes();
        if (bytes.Length != Address.Size) throw new RlpException($"An address must be 20 bytes, not {bytes.Length}.");
        return new Address(bytes);
    }

    /// <summary>Reads an address, or null for the empty string (contract creation).</summary>
    public Address? ReadOptionalAddress()
    {
        var bytes = ReadBytes();
        if (bytes.IsEmpty) return null;
        if (bytes.Length != Address.Size) throw new RlpException($"An address must be 20 bytes or empty, not {bytes.Length}.");
        return new Address(bytes);
    }

    /// <summary>Reads exactly 32 bytes.</summary>
    public Hash32 ReadHash32()
    {
        var bytes = ReadBytes();
        if (bytes.Length != Hash32.Size) throw new RlpException($"A 32-byte value must be 32 bytes, not {bytes.Length}.");
        return new Hash32(bytes);
    }

    /// <summary>Skips one item and returns its complete encoding.</summary>
    public ReadOnlySpan<byte> ReadEncodedItem()
    {
        int begin = _position;
        var (_, start, length) = ReadHeader();
        _position = start + length;
        return _data[begin.._position];
    }

    private ReadOnlySpan<byte> ReadIntegerBytes(int maxBytes)
    {
        var bytes = ReadBytes();
        if (bytes.Length > maxBytes) throw new RlpException($"An integer of {bytes.Length} bytes is longer than the {maxBytes} allowed.");
        if (bytes.Length > 0 && bytes[0] == 0) throw new RlpException("An RLP integer has a leading zero byte (non-canonical).");
        return bytes;
    }

    private (bool IsList, int Start, int Length) ReadHeader()
    {
        if (IsAtEnd) throw new RlpException("Expected an RLP item but the input ended.");
        int offset = _position;
        byte prefix = _data[offset];
        int remaining = _data.Length - offset - 1;
        if (prefix < 0x80)
        {
            _position = offset + 1;
            return (false, offset, 1);
        }
        if (prefix <= 0xb7)
        {
            int length = prefix - 0x80;
            if (length > remaining) throw new RlpException($"An RLP string at offset {offset} declares {length} bytes but only {remaining} remain.");
            if (length == 1 && _data[offset + 1] < 0x80)
                throw new RlpException($"A single byte below 0x80 at offset {offset} is wrapped in a string header (non-canonical).");
            _position = offset + 1 + length;
            return (false, offset + 1, length);
        }
        if (prefix <= 0xbf)
        {
            var (start, length) = ReadLongLength(offset, prefix - 0xb7, remaining);
            return (false, start, length);
        }
        if (prefix <= 0xf7)
        {
            int length = prefix - 0xc0;
            if (length > remaining) throw new RlpException($"An RLP list at offset {offset} declares {length} bytes but only {remaining} remain.");
            _position = offset + 1 + length;
            return (true, offset + 1, length);
        }
        var (listStart, listLength) = ReadLongLength(offset, prefix - 0xf7, remaining);
        return (true, listStart, listLength);
    }

    private (int Start, int Length) ReadLongLength(int offset, int lengthOfLength, int remaining)
    {
        if (lengthOfLength > remaining) throw new RlpException($"An RLP length at offset {offset} runs past the end of the input.");
        var lengthBytes = _data.Slice(offset + 1, lengthOfLength);
        if (lengthBytes[0] == 0) throw new RlpException($"An RLP length at offset {offset} has a leading zero (non-canonical).");
        if (lengthOfLength > 4) throw new RlpException($"An RLP length at offset {offset} is larger than the input.");
        ulong length = 0;
        foreach (byte b in lengthBytes) length = (length << 8) | b;
        if (length < 56) throw new RlpException($"An RLP item at offset {offset} uses the long form for {length} bytes (non-canonical).");
        if (length > (ulong)(remaining - lengthOfLength))
            throw new RlpException($"An RLP item at offset {offset} declares {length} bytes but only {remaining - lengthOfLength} remain.");
        int start = offset + 1 + lengthOfLength;
        _position = start + (int)length;
        return (start, (int)length);
    }
}
