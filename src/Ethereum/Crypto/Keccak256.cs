using Org.BouncyCastle.Crypto.Digests;

namespace LiquidStake.Ethereum.Crypto;

/// <summary>Keccak-256 as Ethereum uses it (the original Keccak padding, not NIST SHA3-256).</summary>
public static class Keccak256
{
    /// <summary>The size of a Keccak-256 digest in bytes.</summary>
    public const int HashSize = 32;

    /// <summary>Hashes <paramref name="data"/> into <paramref name="destination"/> (at least 32 bytes) without allocating a result array.</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length < HashSize) throw new ArgumentException("The destination needs 32 bytes.", nameof(destination));
        var digest = new KeccakDigest(256);
        digest.BlockUpdate(data);
        digest.DoFinal(destination);
    }

    /// <summary>Hashes <paramref name="data"/> and returns the 32-byte digest.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var result = new byte[HashSize];
        Hash(data, result);
        return result;
    }

    /// <summary>Hashes the UTF-8 bytes of <paramref name="text"/> (used for signatures such as <c>transfer(address,uint256)</c>).</summary>
    public static byte[] HashUtf8(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Hash(System.Text.Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Hashes <paramref name="data"/> into a <see cref="Hash32"/>.</summary>
    public static Hash32 ComputeHash32(ReadOnlySpan<byte> data)
    {
        Span<byte> buffer = stackalloc byte[HashSize];
        Hash(data, buffer);
        return new Hash32(buffer);
    }
}
