using System.Numerics;

namespace LiquidStake.Ethereum.Rlp;

/// <summary>One-call RLP encoding and strict decoding of item trees.</summary>
public static class RlpCodec
{
    /// <summary>Encodes an item tree.</summary>
    public static byte[] Encode(RlpItem item)
    {
        var writer = new RlpWriter();
        writer.Write(item);
        return writer.ToArray();
    }

    /// <summary>Encodes a byte string.</summary>
    public static byte[] EncodeBytes(ReadOnlySpan<byte> bytes)
    {
        var writer = new RlpWriter(bytes.Length + 9);
        writer.WriteBytes(bytes);
        return writer.ToArray();
    }

    /// <summary>Encodes a non-negative integer as minimal big-endian bytes.</summary>
    public static byte[] EncodeInteger(BigInteger value)
    {
        var writer = new RlpWriter(40);
        writer.WriteBigInteger(value);
        return writer.ToArray();
    }

    /// <summary>Wraps already-encoded items in a list.</summary>
    public static byte[] EncodeList(IEnumerable<byte[]> encodedItems)
    {
        ArgumentNullException.ThrowIfNull(encodedItems);
        var writer = new RlpWriter();
        int marker = writer.BeginList();
        foreach (var item in encodedItems) writer.WriteEncoded(item);
        writer.EndList(marker);
        return writer.ToArray();
    }

    /// <summary>Decodes exactly one item that spans the whole input.</summary>
    /// <exception cref="RlpException">The input is malformed, non-canonical, too deep or has trailing bytes.</exception>
    public static RlpItem Decode(ReadOnlySpan<byte> data)
    {
        var reader = new RlpReader(data);
        var item = ReadItem(ref reader);
        reader.EnsureAtEnd();
        return item;
    }

    private static RlpItem ReadItem(ref RlpReader reader)
    {
        if (!reader.NextIsList) return RlpItem.FromBytes(reader.ReadBytes());
        var list = reader.ReadList();
        var items = new List<RlpItem>();
        while (!list.IsAtEnd) items.Add(ReadItem(ref list));
        return RlpItem.FromList(items);
    }
}
