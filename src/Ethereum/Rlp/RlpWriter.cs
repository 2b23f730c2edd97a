using System.Buffers.Binary;
using System.Numerics;

namespace LiquidStake.Ethereum.Rlp;

/// <summary>
/// Builds canonical RLP into one growing buffer. Lists are opened with <see cref="BeginList"/> and closed with
/// <see cref="EndList"/>, which inserts the header once the payload length is known.
/// </summary>
public sealed class RlpWriter
{
    private byte[] _buffer;
    private int _length;

    /// <summary>Creates a writer with an initial capacity in bytes.</summary>
    public RlpWriter(int initialCapacity = 256) => _buffer = new byte[Math.Max(16, initialCapacity)];

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>A copy of the bytes written so far.</summary>
    public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

    /// <summary>Writes a byte string (a single byte below 0x80 is its own encoding).</summary>
    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 1 && bytes[0] < 0x80)
        {
            Ensure(1);
            _buffer[_length++] = bytes[0];
            return;
        }
        WriteHeader(0x80, bytes.Length);
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>Writes an unsigned integer as minimal big-endian bytes (zero is the empty string).</summary>
    public void WriteUInt64(ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        int skip = BitOperations.LeadingZeroCount(value) / 8;
        WriteBytes(bytes[skip..]);
    }

    /// <summary>Writes a non-negative integer as minimal big-endian bytes (zero is the empty string).</summary>
    public void WriteBigInteger(BigInteger value)
    {
        if (value.Sign < 0) throw new LiquidStakeArgumentException(nameof(value), "RLP integers cannot be negative");
        if (value.IsZero)
        {
            WriteBytes([]);
            return;
        }
        int count = value.GetByteCount(isUnsigned: true);
        Span<byte> bytes = count <= 64 ? stackalloc byte[count] : new byte[count];
        value.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: true);
        WriteBytes(bytes);
    }

    /// <summary>Writes the 20 address bytes.</summary>
    public void WriteAddress(Address address)
    {
        Span<byte> bytes = stackalloc byte[Address.Size];
        address.CopyTo(bytes);
        WriteBytes(bytes);
    }

    /// <summary>Writes the 32 bytes of <paramref name="hash"/>.</summary>
    public void WriteHash(Hash32 hash)
    {
        Span<byte> bytes = stackalloc byte[Hash32.Size];
        hash.CopyTo(bytes);
        WriteBytes(bytes);
    }

    /// <summary>Writes an item tree.</summary>
    public void Write(RlpItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!item.IsList)
        {
            WriteBytes(item.Bytes.Span);
            return;
        }
        int start = BeginList();
        foreach (var child in item.Items) Write(child);
        EndList(start);
    }

    /// <summary>Copies already-encoded RLP as is.</summary>
    public void WriteEncoded(ReadOnlySpan<byte> encoded)
    {
        Ensure(encoded.Length);
        encoded.CopyTo(_buffer.AsSpan(_length));
        _length += encoded.Length;
    }

    /// <summary>Starts a list; pass the returned marker to <see cref="EndList"/>.</summary>
    public int BeginList() => _length;

    /// <summary>Closes the list started at <paramref name="marker"/> by inserting its header.</summary>
    public void EndList(int marker)
    {
        if (marker < 0 || marker > _length) throw new ArgumentOutOfRangeException(nameof(marker));
        int payload = _length - marker;
        int headerSize = payload < 56 ? 1 : 1 + ByteLength((ulong)payload);
        Ensure(headerSize);
        Buffer.BlockCopy(_buffer, marker, _buffer, marker + headerSize, payload);
        int end = _length + headerSize;
        _length = marker;
        WriteHeader(0xc0, payload);
        _length = end;
    }

    private void WriteHeader(byte offset, int length)
    {
        if (length < 56)
        {
            Ensure(1);
            _buffer[_length++] = (byte)(offset + length);
            return;
        }
        int lenOfLen = ByteLength((ulong)length);
        Ensure(1 + lenOfLen);
        _buffer[_length++] = (byte)(offset + 55 + lenOfLen);
        for (int i = lenOfLen - 1; i >= 0; i--) _buffer[_length++] = (byte)(length >> (8 * i));
    }

    private static int ByteLength(ulong value) => (64 - BitOperations.LeadingZeroCount(value) + 7) / 8;

    private void Ensure(int extra)
    {
        if (_length + extra <= _buffer.Length) return;
        int size = Math.Max(_buffer.Length * 2, _length + extra);
        Array.Resize(ref _buffer, size);
    }
}
