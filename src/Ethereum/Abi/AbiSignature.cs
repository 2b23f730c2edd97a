using System.Buffers.Binary;
using System.Text;
using LiquidStake.Ethereum.Crypto;

namespace LiquidStake.Ethereum.Abi;

/// <summary>Canonical signatures, 4-byte function/error selectors and event topics.</summary>
public static class AbiSignature
{
    /// <summary>The first 4 bytes of keccak256 of <paramref name="canonicalSignature"/> (e.g. <c>transfer(address,uint256)</c> gives <c>a9059cbb</c>).</summary>
    public static byte[] Selector(string canonicalSignature)
    {
        Span<byte> hash = stackalloc byte[32];
        HashSignature(canonicalSignature, hash);
        return hash[..4].ToArray();
    }

    /// <summary>The selector as a big-endian <see cref="uint"/> (<c>0xa9059cbb</c> for <c>transfer(address,uint256)</c>).</summary>
    public static uint SelectorValue(string canonicalSignature)
    {
        Span<byte> hash = stackalloc byte[32];
        HashSignature(canonicalSignature, hash);
        return BinaryPrimitives.ReadUInt32BigEndian(hash);
    }

    /// <summary>keccak256 of an event signature such as <c>Transfer(address,address,uint256)</c>: the event's topic 0.</summary>
    public static Hash32 EventTopic(string canonicalSignature)
    {
        Span<byte> hash = stackalloc byte[32];
        HashSignature(canonicalSignature, hash);
        return new Hash32(hash);
    }

    /// <summary>Builds <c>name(t1,t2,...)</c> from canonical type names.</summary>
    public static string Canonical(string name, IReadOnlyList<AbiType> inputs)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(inputs);
        var sb = new StringBuilder(name.Length + 2 + inputs.Count * 8).Append(name).Append('(');
        for (int i = 0; i < inputs.Count; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append(inputs[i].CanonicalName);
        }
        return sb.Append(')').ToString();
    }

    private static void HashSignature(string canonicalSignature, Span<byte> hash)
    {
        ArgumentNullException.ThrowIfNull(canonicalSignature);
        int max = Encoding.UTF8.GetMaxByteCount(canonicalSignature.Length);
        byte[]? rented = null;
        Span<byte> utf8 = max <= 512 ? stackalloc byte[max] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(max));
        try
        {
            int length = Encoding.UTF8.GetBytes(canonicalSignature, utf8);
            Keccak256.Hash(utf8[..length], hash);
        }
        finally
        {
            if (rented is not null) System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
