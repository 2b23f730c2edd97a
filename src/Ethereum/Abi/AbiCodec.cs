using System.Buffers.Binary;
using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace LiquidStake.Ethereum.Abi;

/// <summary>The Solidity contract ABI encoding (<c>abi.encode</c>, calldata, return data) and <c>abi.encodePacked</c>.</summary>
/// <remarks>
/// Values: integers as <see cref="BigInteger"/> (encoding also takes int, long, uint, ulong and the smaller primitives), <see cref="Ethereum.Address"/>,
/// <see cref="bool"/>, <c>byte[]</c> for <c>bytesN</c>/<c>bytes</c> (encoding also takes <see cref="Hash32"/> for <c>bytes32</c> and
/// <see cref="ReadOnlyMemory{T}"/> of bytes), <see cref="string"/>, and <c>object?[]</c> for arrays and tuples (encoding takes any <see cref="IList"/>).
/// Decoding is strict: anything that a canonical encoder would not produce, or that would make the decoder read outside the data,
/// is refused with <see cref="AbiDecodingException"/>.
/// </remarks>
public static class AbiCodec
{
    private const int Word = 32;

    // Strict UTF-8: invalid bytes and lone surrogates throw instead of turning into U+FFFD.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Encodes <paramref name="values"/> as the tuple of <paramref name="types"/> (what <c>abi.encode(v1, v2, ...)</c> gives).</summary>
    /// <exception cref="AbiEncodingException">A value does not fit its type; the message names it and the limit.</exception>
    public static byte[] Encode(IReadOnlyList<AbiType> types, IReadOnlyList<object?> values)
    {
        var list = CheckTopLevel(types, values);
        int size = ToInt(SequenceSize(new Sequence(types), list, "values"));
        var buffer = new byte[size];
        WriteSequence(new Sequence(types), list, buffer);
        return buffer;
    }

    /// <summary>Encodes a call: the 4-byte <paramref name="selector"/> followed by the encoded arguments.</summary>
    /// <exception cref="AbiEncodingException">A value does not fit its type.</exception>
    public static byte[] EncodeCall(ReadOnlySpan<byte> selector, IReadOnlyList<AbiType> types, IReadOnlyList<object?> values)
    {
        if (selector.Length != 4) throw new LiquidStakeArgumentException(nameof(selector), $"a selector is 4 bytes, not {selector.Length}", "4 bytes");
        var list = CheckTopLevel(types, values);
        int size = ToInt(SequenceSize(new Sequence(types), list, "values") + 4);
        var buffer = new byte[size];
        selector.CopyTo(buffer);
        WriteSequence(new Sequence(types), list, buffer.AsSpan(4));
        return buffer;
    }

    /// <summary>Decodes data produced by <see cref="Encode"/> (return data, event data, error arguments).</summary>
    /// <remarks>Bytes after the encoded values are ignored, as the EVM's own decoder does.</remarks>
    /// <exception cref="AbiDecodingException">The data is malformed, truncated, non-canonical in a way that matters, or hostile.</exception>
    public static object?[] Decode(IReadOnlyList<AbiType> types, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(types);
        if (types.Count == 0) return [];
        var decoder = new Decoder(data);
        return decoder.DecodeSequence(new Sequence(types), 0);
    }

    /// <summary>Checks the 4-byte <paramref name="selector"/> at the start of <paramref name="calldata"/> and decodes the arguments after it.</summary>
    /// <exception cref="AbiDecodingException">The selector does not match or the arguments are malformed.</exception>
    public static object?[] DecodeCall(ReadOnlySpan<byte> selector, IReadOnlyList<AbiType> types, ReadOnlySpan<byte> calldata)
    {
        if (selector.Length != 4) throw new LiquidStakeArgumentException(nameof(selector), $"a selector is 4 bytes, not {selector.Length}", "4 bytes");
        if (calldata.Length < 4) throw new AbiDecodingException($"Calldata of {calldata.Length} bytes has no 4-byte selector.");
        if (!calldata[..4].SequenceEqual(selector))
            throw new AbiDecodingException($"Calldata starts with selector {Hex.Encode(calldata[..4])}, expected {Hex.Encode(selector)}.");
        return Decode(types, calldata[4..]);
    }

    /// <summary>Encodes like Solidity's <c>abi.encodePacked</c>: elementary values at their natural size, bytes and strings unpadded,
    /// array elements padded to 32 bytes. Tuples, nested arrays and arrays of dynamic types are refused.</summary>
    /// <exception cref="AbiEncodingException">A value does not fit or the type has no packed encoding.</exception>
    public static byte[] EncodePacked(IReadOnlyList<AbiType> types, IReadOnlyList<object?> values)
    {
        var list = CheckTopLevel(types, values);
        long size = 0;
        for (int i = 0; i < types.Count; i++)
        {
            try
            {
                size += PackedSize(types[i], list[i]);
            }
            catch (AbiEncodingException e)
            {
                throw Prefix(e, "values", i);
            }
        }
        var buffer = new byte[ToInt(size)];
        int pos = 0;
        for (int i = 0; i < types.Count; i++) pos += WritePacked(types[i], list[i], buffer.AsSpan(pos));
        return buffer;
    }

    // ---------------------------------------------------------------- encoding

    private static IList CheckTopLevel(IReadOnlyList<AbiType> types, IReadOnlyList<object?> values)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(values);
        if (types.Count != values.Count)
            throw new AbiEncodingException(nameof(values), $"{values.Count} values were given for {types.Count} types", types.Count.ToString(CultureInfo.InvariantCulture));
        return values as IList ?? ToArray(values);
    }

    private static object?[] ToArray(IReadOnlyList<object?> values)
    {
        var copy = new object?[values.Count];
        for (int i = 0; i < copy.Length; i++) copy[i] = values[i];
        return copy;
    }

    private static int ToInt(long size) =>
        size <= Array.MaxLength ? (int)size : throw new AbiEncodingException("values", $"the encoding would take {size} bytes", $"{Array.MaxLength} bytes");

    /// <summary>Either a tuple's component list or one element type repeated (arrays), without allocating a list per array.</summary>
    private readonly struct Sequence
    {
        private readonly IReadOnlyList<AbiType>? _types;
        private readonly AbiType? _element;

        public Sequence(IReadOnlyList<AbiType> types)
        {
            _types = types;
            Count = types.Count;
        }

        public Sequence(AbiType element, int count)
        {
            _element = element;
            Count = count;
        }

        public int Count { get; }

        public AbiType this[int index] => _element ?? _types![index];

        public long HeadSize()
        {
            if (_element is not null) return (long)_element.HeadSize * Count;
            long size = 0;
            for (int i = 0; i < Count; i++) size += _types![i].HeadSize;
            return size;
        }
    }

    private static AbiEncodingException Prefix(AbiEncodingException e, string root, int index)
    {
        // Leaf exceptions carry the path below this level in ParamName ("" or "[2][0]"); build the full path on the way up.
        string inner = e.ParamName ?? string.Empty;
        if (inner.StartsWith(root, StringComparison.Ordinal)) return e;
        return new AbiEncodingException(root + "[" + index.ToString(CultureInfo.InvariantCulture) + "]" + inner, e.Reason ?? e.Message, e.Limit);
    }

    private static AbiEncodingException Nested(AbiEncodingException e, int index) =>
        new("[" + index.ToString(CultureInfo.InvariantCulture) + "]" + (e.ParamName ?? string.Empty), e.Reason ?? e.Message, e.Limit);

    private static long SequenceSize(Sequence types, IList values, string? root)
    {
        long size = types.HeadSize();
        for (int i = 0; i < types.Count; i++)
        {
            var type = types[i];
            try
            {
                long valueSize = Size(type, values[i]);
                if (type.IsDynamic) size += valueSize;
            }
            catch (AbiEncodingException e)
            {
                throw root is null ? Nested(e, i) : Prefix(e, root, i);
            }
        }
        return size;
    }

    /// <summary>Validates <paramref name="value"/> against <paramref name="type"/> and returns its full encoded size.</summary>
    private static long Size(AbiType type, object? value)
    {
        switch (type)
        {
            case AbiIntegerType integer:
                CheckInteger(integer, value);
                return Word;
            case AbiAddressType:
                if (value is not Address) throw WrongKind(type, value, "an Address");
                return Word;
            case AbiBoolType:
                if (value is not bool) throw WrongKind(type, value, "a bool");
                return Word;
            case AbiFixedBytesType fixedBytes:
                if (value is Hash32 && fixedBytes.Size == 32) return Word;
                if (!TryGetBytes(value, out var fixedValue)) throw WrongKind(type, value, "a byte[]");
                if (fixedValue.Length != fixedBytes.Size)
                    throw new AbiEncodingException(string.Empty, $"{fixedValue.Length} bytes (0x{Convert.ToHexStringLower(fixedValue.Span[..Math.Min(fixedValue.Length, 64)])}) given for {type.CanonicalName}", $"exactly {fixedBytes.Size} bytes");
                return Word;
            case AbiBytesType:
                if (!TryGetBytes(value, out var bytes)) throw WrongKind(type, value, "a byte[]");
                return Word + Padded(bytes.Length);
            case AbiStringType:
                if (value is not string text) throw WrongKind(type, value, "a string");
                return Word + Padded(Utf8Length(text));
            case AbiArrayType array:
                {
                    var list = value as IList ?? throw WrongKind(type, value, "an IList (object?[])");
                    if (array.Length is int k && list.Count != k)
                        throw new AbiEncodingException(string.Empty, $"{list.Count} elements given for {type.CanonicalName}", $"exactly {k} elements");
                    long size = SequenceSize(new Sequence(array.ElementType, list.Count), list, null);
                    return array.Length is null ? Word + size : size;
                }
            case AbiTupleType tuple:
                {
                    var list = value as IList ?? throw WrongKind(type, value, "an IList (object?[]) of components");
                    if (list.Count != tuple.Components.Count)
                        throw new AbiEncodingException(string.Empty, $"{list.Count} components given for {type.CanonicalName}", $"exactly {tuple.Components.Count} components");
                    return SequenceSize(new Sequence(tuple.Components), list, null);
                }
            default:
                throw new AbiEncodingException(string.Empty, $"the type {type.CanonicalName} is not supported", null);
        }
    }

    private static long Padded(long length) => (length + 31) & ~31L;

    private static int Utf8Length(string text)
    {
        try
        {
            return StrictUtf8.GetByteCount(text);
        }
        catch (EncoderFallbackException e)
        {
            throw new AbiEncodingException(string.Empty, $"the string is not valid UTF-16 (lone surrogate at index {e.Index})", "well-formed Unicode text");
        }
    }

    private static AbiEncodingException WrongKind(AbiType type, object? value, string expected) =>
        new(string.Empty, $"{Describe(value)} cannot be encoded as {type.CanonicalName}", $"{type.CanonicalName} takes {expected}");

    private static string Describe(object? value) => value is null ? "null" : $"a {value.GetType().Name} ({value})";

    private static bool TryGetBytes(object? value, out ReadOnlyMemory<byte> bytes)
    {
        switch (value)
        {
            case byte[] array:
                bytes = array;
                return true;
            case ReadOnlyMemory<byte> memory:
                bytes = memory;
                return true;
            case Memory<byte> memory:
                bytes = memory;
                return true;
            case ArraySegment<byte> segment:
                bytes = segment;
                return true;
            default:
                bytes = default;
                return false;
        }
    }

    private static bool TryGetInteger(object? value, out BigInteger result)
    {
        switch (value)
        {
            case BigInteger b: result = b; return true;
            case int i: result = i; return true;
            case long l: result = l; return true;
            case uint u: result = u; return true;
            case ulong ul: result = ul; return true;
            case short s: result = s; return true;
            case ushort us: result = us; return true;
            case byte by: result = by; return true;
            case sbyte sb: result = sb; return true;
            default: result = default; return false;
        }
    }

    private static BigInteger CheckInteger(AbiIntegerType type, object? value)
    {
        if (!TryGetInteger(value, out var v)) throw WrongKind(type, value, "a BigInteger or an integer primitive");
        bool fits = type.IsSigned ? v.GetBitLength() <= type.Bits - 1 : v.Sign >= 0 && v.GetBitLength() <= type.Bits;
        if (!fits) throw new AbiEncodingException(string.Empty, $"{v.ToString(CultureInfo.InvariantCulture)} does not fit {type.CanonicalName}", IntegerLimit(type));
        return v;
    }

    private static string IntegerLimit(AbiIntegerType type) => type.IsSigned
        ? $"-2^{type.Bits - 1} to 2^{type.Bits - 1}-1"
        : $"0 to 2^{type.Bits}-1";

    /// <summary>Writes a 32-byte two's complement word. The value was range-checked by <see cref="Size"/>.</summary>
    internal static void WriteIntegerWord(BigInteger value, Span<byte> word)
    {
        if (value.Sign < 0)
        {
            word[..Word].Fill(0xFF);
            int count = value.GetByteCount(isUnsigned: false);
            value.TryWriteBytes(word[(Word - count)..Word], out _, isUnsigned: false, isBigEndian: true);
        }
        else
        {
            word[..Word].Clear();
            int count = value.GetByteCount(isUnsigned: true);
            value.TryWriteBytes(word[(Word - count)..Word], out _, isUnsigned: true, isBigEndian: true);
        }
    }

    private static void WriteLength(Span<byte> word, int value)
    {
        word[..28].Clear();
        BinaryPrimitives.WriteInt32BigEndian(word[28..], value);
    }

    private static int WriteSequence(Sequence types, IList values, Span<byte> destination)
    {
        int head = 0;
        int tail = (int)types.HeadSize();
        for (int i = 0; i < types.Count; i++)
        {
            var type = types[i];
            if (type.IsDynamic)
            {
                WriteLength(destination[head..], tail);
                tail += Write(type, values[i], destination[tail..]);
            }
            else
            {
                Write(type, values[i], destination[head..]);
            }
            head += type.HeadSize;
        }
        return tail;
    }

    /// <summary>Writes a validated value and returns the number of bytes written.</summary>
    private static int Write(AbiType type, object? value, Span<byte> destination)
    {
        switch (type)
        {
            case AbiIntegerType:
                TryGetInteger(value, out var integer);
                WriteIntegerWord(integer, destination);
                return Word;
            case AbiAddressType:
                destination[..12].Clear();
                ((Address)value!).CopyTo(destination[12..]);
                return Word;
            case AbiBoolType:
                destination[..31].Clear();
                destination[31] = (bool)value! ? (byte)1 : (byte)0;
                return Word;
            case AbiFixedBytesType fixedBytes:
                if (value is Hash32 hash)
                {
                    hash.CopyTo(destination);
                    return Word;
                }
                TryGetBytes(value, out var fixedValue);
                fixedValue.Span.CopyTo(destination);
                destination[fixedBytes.Size..Word].Clear();
                return Word;
            case AbiBytesType:
                TryGetBytes(value, out var bytes);
                return WritePayload(bytes.Span, destination);
            case AbiStringType:
                {
                    var text = (string)value!;
                    int length = StrictUtf8.GetBytes(text, destination[Word..]);
                    WriteLength(destination, length);
                    int padded = (int)Padded(length);
                    destination[(Word + length)..(Word + padded)].Clear();
                    return Word + padded;
                }
            case AbiArrayType array:
                {
                    var list = (IList)value!;
                    var elements = new Sequence(array.ElementType, list.Count);
                    if (array.Length is not null) return WriteSequence(elements, list, destination);
                    WriteLength(destination, list.Count);
                    return Word + WriteSequence(elements, list, destination[Word..]);
                }
            case AbiTupleType tuple:
                return WriteSequence(new Sequence(tuple.Components), (IList)value!, destination);
            default:
                throw new InvalidOperationException("Unreachable: the size pass refused unknown types.");
        }
    }

    private static int WritePayload(ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        WriteLength(destination, payload.Length);
        payload.CopyTo(destination[Word..]);
        int padded = (int)Padded(payload.Length);
        destination[(Word + payload.Length)..(Word + padded)].Clear();
        return Word + padded;
    }

    // ---------------------------------------------------------------- packed

    private static long PackedSize(AbiType type, object? value)
    {
        switch (type)
        {
            case AbiIntegerType integer:
                Size(type, value);
                return integer.Bits / 8;
            case AbiAddressType:
                Size(type, value);
                return Address.Size;
            case AbiBoolType:
                Size(type, value);
                return 1;
            case AbiFixedBytesType fixedBytes:
                Size(type, value);
                return fixedBytes.Size;
            case AbiBytesType:
                if (!TryGetBytes(value, out var bytes)) throw WrongKind(type, value, "a byte[]");
                return bytes.Length;
            case AbiStringType:
                if (value is not string text) throw WrongKind(type, value, "a string");
                return Utf8Length(text);
            case AbiArrayType array when !array.ElementType.IsDynamic && array.ElementType is not AbiArrayType and not AbiTupleType:
                {
                    // Size() validates the whole array; packed arrays pad every element to 32 bytes, which is their ABI size.
                    long size = Size(type, value);
                    return array.Length is null ? size - Word : size;
                }
            default:
                throw new AbiEncodingException(string.Empty, $"{type.CanonicalName} has no packed encoding (tuples, nested arrays and arrays of dynamic types are not supported by abi.encodePacked)", null);
        }
    }

    private static int WritePacked(AbiType type, object? value, Span<byte> destination)
    {
        switch (type)
        {
            case AbiIntegerType integer:
                {
                    Span<byte> word = stackalloc byte[Word];
                    TryGetInteger(value, out var v);
                    WriteIntegerWord(v, word);
                    int size = integer.Bits / 8;
                    word[(Word - size)..].CopyTo(destination);
                    return size;
                }
            case AbiAddressType:
                ((Address)value!).CopyTo(destination);
                return Address.Size;
            case AbiBoolType:
                destination[0] = (bool)value! ? (byte)1 : (byte)0;
                return 1;
            case AbiFixedBytesType fixedBytes:
                if (value is Hash32 hash) hash.CopyTo(destination);
                else
                {
                    TryGetBytes(value, out var fixedValue);
                    fixedValue.Span.CopyTo(destination);
                }
                return fixedBytes.Size;
            case AbiBytesType:
                {
                    TryGetBytes(value, out var bytes);
                    bytes.Span.CopyTo(destination);
                    return bytes.Length;
                }
            case AbiStringType:
                return StrictUtf8.GetBytes((string)value!, destination);
            case AbiArrayType array:
                {
                    var list = (IList)value!;
                    int pos = 0;
                    for (int i = 0; i < list.Count; i++) pos += Write(array.ElementType, list[i], destination[pos..]);
                    return pos;
                }
            default:
                throw new InvalidOperationException("Unreachable: the size pass refused unpackable types.");
        }
    }

    // ---------------------------------------------------------------- decoding

    /// <summary>A strict decoder over one buffer. Every 32-byte word read is charged against a budget equal to the data's word
    /// count, so overlapping offsets cannot make the output larger than the input justifies.</summary>
    private ref struct Decoder
    {
        private readonly ReadOnlySpan<byte> _data;
        private long _wordBudget;

        public Decoder(ReadOnlySpan<byte> data)
        {
            _data = data;
            _wordBudget = (data.Length + 31L) / 32;
        }

        private void Charge(long words, int position)
        {
            _wordBudget -= words;
            if (_wordBudget < 0)
                throw new AbiDecodingException($"Offsets overlap: decoding reads more data than the {_data.Length} bytes supplied (at byte {position}).");
        }

        private ReadOnlySpan<byte> ReadWord(int position)
        {
            if (position < 0 || position > _data.Length - Word)
                throw new AbiDecodingException($"Data is truncated: a 32-byte word at byte {position} needs {(long)position + Word} bytes but only {_data.Length} were given.");
            Charge(1, position);
            return _data.Slice(position, Word);
        }

        /// <summary>Reads an offset or a length: a uint256 that must fit the data, so anything above int range is refused at once.</summary>
        private int ReadSize(int position, string what)
        {
            var word = ReadWord(position);
            if (word[..28].ContainsAnyExcept((byte)0) || (word[28] & 0x80) != 0)
                throw new AbiDecodingException($"The {what} at byte {position} is 0x{Convert.ToHexStringLower(word).TrimStart('0')}, far beyond the {_data.Length} bytes of data.");
            int value = BinaryPrimitives.ReadInt32BigEndian(word[28..]);
            if (value > _data.Length)
                throw new AbiDecodingException($"The {what} at byte {position} is {value}, beyond the {_data.Length} bytes of data.");
            return value;
        }

        public object?[] DecodeSequence(Sequence types, int start)
        {
            long headSize = types.HeadSize();
            if (headSize > _data.Length - (long)start)
                throw new AbiDecodingException($"Data is truncated: {types.Count} values at byte {start} need a {headSize}-byte head but only {_data.Length - (long)start} bytes remain.");
            var result = new object?[types.Count];
            int head = start;
            for (int i = 0; i < result.Length; i++)
            {
                var type = types[i];
                if (type.IsDynamic)
                {
                    int offset = ReadSize(head, "offset");
                    if (offset < headSize)
                        throw new AbiDecodingException($"The offset {offset} at byte {head} points back into the {headSize}-byte head it belongs to.");
                    long target = start + (long)offset;
                    if (target > _data.Length - Word)
                        throw new AbiDecodingException($"The offset {offset} at byte {head} points to byte {target}, outside the {_data.Length} bytes of data.");
                    result[i] = DecodeValue(type, (int)target);
                }
                else
                {
                    result[i] = DecodeValue(type, head);
                }
                head += type.HeadSize;
            }
            return result;
        }

        private object? DecodeValue(AbiType type, int position)
        {
            switch (type)
            {
                case AbiIntegerType integer:
                    return DecodeInteger(integer, ReadWord(position), position);
                case AbiAddressType:
                    {
                        var word = ReadWord(position);
                        if (word[..12].ContainsAnyExcept((byte)0))
                            throw new AbiDecodingException($"The address at byte {position} has non-zero high bytes: 0x{Convert.ToHexStringLower(word)}.");
                        return new Address(word[12..]);
                    }
                case AbiBoolType:
                    {
                        var word = ReadWord(position);
                        if (word[..31].ContainsAnyExcept((byte)0) || word[31] > 1)
                            throw new AbiDecodingException($"The bool at byte {position} is neither 0 nor 1: 0x{Convert.ToHexStringLower(word)}.");
                        return word[31] == 1;
                    }
                case AbiFixedBytesType fixedBytes:
                    {
                        var word = ReadWord(position);
                        if (word[fixedBytes.Size..].ContainsAnyExcept((byte)0))
                            throw new AbiDecodingException($"The {type.CanonicalName} at byte {position} has non-zero padding: 0x{Convert.ToHexStringLower(word)}.");
                        return word[..fixedBytes.Size].ToArray();
                    }
                case AbiBytesType:
                    return ReadPayload(position, type).ToArray();
                case AbiStringType:
                    {
                        var payload = ReadPayload(position, type);
                        try
                        {
                            return StrictUtf8.GetString(payload);
                        }
                        catch (DecoderFallbackException e)
                        {
                            throw new AbiDecodingException($"The string at byte {position} is not valid UTF-8.", e);
                        }
                    }
                case AbiArrayType array:
                    {
                        if (array.Length is int k) return DecodeSequence(new Sequence(array.ElementType, k), position);
                        int count = ReadSize(position, "array length");
                        int start = position + Word;
                        // Every element takes at least its head size, so the count is bounded by what remains before anything is allocated.
                        long needed = (long)count * array.ElementType.HeadSize;
                        if (needed > _data.Length - (long)start)
                            throw new AbiDecodingException($"The array at byte {position} claims {count} elements of {array.ElementType.CanonicalName} ({needed} bytes) but only {_data.Length - (long)start} bytes remain.");
                        return DecodeSequence(new Sequence(array.ElementType, count), start);
                    }
                case AbiTupleType tuple:
                    return DecodeSequence(new Sequence(tuple.Components), position);
                default:
                    throw new AbiDecodingException($"The type {type.CanonicalName} is not supported.");
            }
        }

        private ReadOnlySpan<byte> ReadPayload(int position, AbiType type)
        {
            int length = ReadSize(position, type is AbiStringType ? "string length" : "bytes length");
            long start = position + (long)Word;
            long padded = Padded(length);
            if (padded > _data.Length - start)
                throw new AbiDecodingException($"The {type.CanonicalName} at byte {position} claims {length} bytes (padded {padded}) but only {_data.Length - start} bytes remain.");
            Charge(padded / Word, position);
            var payload = _data.Slice((int)start, length);
            if (_data.Slice((int)start + length, (int)padded - length).ContainsAnyExcept((byte)0))
                throw new AbiDecodingException($"The {type.CanonicalName} at byte {position} has non-zero padding after its {length} bytes.");
            return payload;
        }

        private static BigInteger DecodeInteger(AbiIntegerType type, ReadOnlySpan<byte> word, int position)
        {
            int size = type.Bits / 8;
            var high = word[..(Word - size)];
            var low = word[(Word - size)..];
            if (type.IsSigned)
            {
                byte extension = (low[0] & 0x80) != 0 ? (byte)0xFF : (byte)0;
                if (high.ContainsAnyExcept(extension))
                    throw new AbiDecodingException($"The {type.CanonicalName} at byte {position} is not sign-extended: 0x{Convert.ToHexStringLower(word)}.");
                return new BigInteger(low, isUnsigned: false, isBigEndian: true);
            }
            if (high.ContainsAnyExcept((byte)0))
                throw new AbiDecodingException($"The {type.CanonicalName} at byte {position} has non-zero high bits: 0x{Convert.ToHexStringLower(word)}.");
            return new BigInteger(low, isUnsigned: true, isBigEndian: true);
        }
    }
}
