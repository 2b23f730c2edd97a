using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;

namespace LiquidStake.Ethereum.Keystore;

/// <summary>
/// scrypt (RFC 7914) for the parameter sets BouncyCastle refuses: it enforces N &lt; 2^(16·r), which real keystores
/// (including the Web3 Secret Storage spec vector: n = 262144, r = 1) break. Callers bound N, r and p first.
/// </summary>
internal static class ScryptFallback
{
    public static byte[] Generate(byte[] password, byte[] salt, int n, int r, int p, int dkLen)
    {
        int blockWords = 32 * r;
        var b = Rfc2898DeriveBytes.Pbkdf2(password, salt, 1, HashAlgorithmName.SHA256, p * 128 * r);
        var x = new uint[blockWords];
        var scratch = new uint[blockWords];
        var v = new uint[(long)n * blockWords];
        try
        {
            for (int chunk = 0; chunk < p; chunk++)
            {
                var block = b.AsSpan(chunk * 128 * r, 128 * r);
                for (int i = 0; i < blockWords; i++) x[i] = BinaryPrimitives.ReadUInt32LittleEndian(block[(4 * i)..]);
                for (int i = 0; i < n; i++)
                {
                    x.CopyTo(v, (long)i * blockWords);
                    BlockMix(x, scratch, r);
                }
                for (int i = 0; i < n; i++)
                {
                    int j = (int)(x[(2 * r - 1) * 16] & (uint)(n - 1));
                    var vj = v.AsSpan(j * blockWords, blockWords);
                    for (int k = 0; k < blockWords; k++) x[k] ^= vj[k];
                    BlockMix(x, scratch, r);
                }
                for (int i = 0; i < blockWords; i++) BinaryPrimitives.WriteUInt32LittleEndian(block[(4 * i)..], x[i]);
            }
            return Rfc2898DeriveBytes.Pbkdf2(password, b, 1, HashAlgorithmName.SHA256, dkLen);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(b);
            Array.Clear(v);
            Array.Clear(x);
            Array.Clear(scratch);
        }
    }

    private static void BlockMix(uint[] b, uint[] y, int r)
    {
        Span<uint> x = stackalloc uint[16];
        b.AsSpan((2 * r - 1) * 16, 16).CopyTo(x);
        for (int i = 0; i < 2 * r; i++)
        {
            for (int k = 0; k < 16; k++) x[k] ^= b[i * 16 + k];
            Salsa208(x);
            // Even blocks go to the first half, odd blocks to the second.
            int destination = (i / 2 + (i % 2) * r) * 16;
            x.CopyTo(y.AsSpan(destination, 16));
        }
        y.AsSpan(0, 32 * r).CopyTo(b);
    }

    private static void Salsa208(Span<uint> block)
    {
        Span<uint> x = stackalloc uint[16];
        block.CopyTo(x);
        for (int round = 0; round < 8; round += 2)
        {
            x[4] ^= BitOperations.RotateLeft(x[0] + x[12], 7); x[8] ^= BitOperations.RotateLeft(x[4] + x[0], 9);
            x[12] ^= BitOperations.RotateLeft(x[8] + x[4], 13); x[0] ^= BitOperations.RotateLeft(x[12] + x[8], 18);
            x[9] ^= BitOperations.RotateLeft(x[5] + x[1], 7); x[13] ^= BitOperations.RotateLeft(x[9] + x[5], 9);
            x[1] ^= BitOperations.RotateLeft(x[13] + x[9], 13); x[5] ^= BitOperations.RotateLeft(x[1] + x[13], 18);
            x[14] ^= BitOperations.RotateLeft(x[10] + x[6], 7); x[2] ^= BitOperations.RotateLeft(x[14] + x[10], 9);
            x[6] ^= BitOperations.RotateLeft(x[2] + x[14], 13); x[10] ^= BitOperations.RotateLeft(x[6] + x[2], 18);
            x[3] ^= BitOperations.RotateLeft(x[15] + x[11], 7); x[7] ^= BitOperations.RotateLeft(x[3] + x[15], 9);
            x[11] ^= BitOperations.RotateLeft(x[7] + x[3], 13); x[15] ^= BitOperations.RotateLeft(x[11] + x[7], 18);
            x[1] ^= BitOperations.RotateLeft(x[0] + x[3], 7); x[2] ^= BitOperations.RotateLeft(x[1] + x[0], 9);
            x[3] ^= BitOperations.RotateLeft(x[2] + x[1], 13); x[0] ^= BitOperations.RotateLeft(x[3] + x[2], 18);
            x[6] ^= BitOperations.RotateLeft(x[5] + x[4], 7); x[7] ^= BitOperations.RotateLeft(x[6] + x[5], 9);
            x[4] ^= BitOperations.RotateLeft(x[7] + x[6], 13); x[5] ^= BitOperations.RotateLeft(x[4] + x[7], 18);
            x[11] ^= BitOperations.RotateLeft(x[10] + x[9], 7); x[8] ^= BitOperations.RotateLeft(x[11] + x[10], 9);
            x[9] ^= BitOperations.RotateLeft(x[8] + x[11], 13); x[10] ^= BitOperations.RotateLeft(x[9] + x[8], 18);
            x[12] ^= BitOperations.RotateLeft(x[15] + x[14], 7); x[13] ^= BitOperations.RotateLeft(x[12] + x[15], 9);
            x[14] ^= BitOperations.RotateLeft(x[13] + x[12], 13); x[15] ^= BitOperations.RotateLeft(x[14] + x[13], 18);
        }
        for (int i = 0; i < 16; i++) block[i] += x[i];
    }
}
