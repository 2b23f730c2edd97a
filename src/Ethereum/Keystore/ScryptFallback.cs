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
                    long offset = (long)j * blockWords;
                    for (int k = 0; k < blockWords; k++) x[k] ^= v[offset + k];
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
        var x = new uint[16];
        Array.Copy(b, (2 * r - 1) * 16, x, 0, 16);
        for (int i = 0; i < 2 * r; i++)
        {
            for (int k = 0; k < 16; k++) x[k] ^= b[i * 16 + k];
            Salsa208(x);
            // Even blocks go to the first half, odd blocks to the second.
            Array.Copy(x, 0, y, (i / 2 + (i % 2) * r) * 16, 16);
        }
        Array.Copy(y, b, 32 * r);
    }

    // Locals instead of span indexing: this runs millions of times per keystore, also in unoptimised builds.
    private static void Salsa208(uint[] block)
    {
        uint x0 = block[0], x1 = block[1], x2 = block[2], x3 = block[3], x4 = block[4], x5 = block[5], x6 = block[6], x7 = block[7];
        uint x8 = block[8], x9 = block[9], x10 = block[10], x11 = block[11], x12 = block[12], x13 = block[13], x14 = block[14], x15 = block[15];
        for (int round = 0; round < 8; round += 2)
        {
            x4 ^= BitOperations.RotateLeft(x0 + x12, 7); x8 ^= BitOperations.RotateLeft(x4 + x0, 9);
            x12 ^= BitOperations.RotateLeft(x8 + x4, 13); x0 ^= BitOperations.RotateLeft(x12 + x8, 18);
            x9 ^= BitOperations.RotateLeft(x5 + x1, 7); x13 ^= BitOperations.RotateLeft(x9 + x5, 9);
            x1 ^= BitOperations.RotateLeft(x13 + x9, 13); x5 ^= BitOperations.RotateLeft(x1 + x13, 18);
            x14 ^= BitOperations.RotateLeft(x10 + x6, 7); x2 ^= BitOperations.RotateLeft(x14 + x10, 9);
            x6 ^= BitOperations.RotateLeft(x2 + x14, 13); x10 ^= BitOperations.RotateLeft(x6 + x2, 18);
            x3 ^= BitOperations.RotateLeft(x15 + x11, 7); x7 ^= BitOperations.RotateLeft(x3 + x15, 9);
            x11 ^= BitOperations.RotateLeft(x7 + x3, 13); x15 ^= BitOperations.RotateLeft(x11 + x7, 18);
            x1 ^= BitOperations.RotateLeft(x0 + x3, 7); x2 ^= BitOperations.RotateLeft(x1 + x0, 9);
            x3 ^= BitOperations.RotateLeft(x2 + x1, 13); x0 ^= BitOperations.RotateLeft(x3 + x2, 18);
            x6 ^= BitOperations.RotateLeft(x5 + x4, 7); x7 ^= BitOperations.RotateLeft(x6 + x5, 9);
            x4 ^= BitOperations.RotateLeft(x7 + x6, 13); x5 ^= BitOperations.RotateLeft(x4 + x7, 18);
            x11 ^= BitOperations.RotateLeft(x10 + x9, 7); x8 ^= BitOperations.RotateLeft(x11 + x10, 9);
            x9 ^= BitOperations.RotateLeft(x8 + x11, 13); x10 ^= BitOperations.RotateLeft(x9 + x8, 18);
            x12 ^= BitOperations.RotateLeft(x15 + x14, 7); x13 ^= BitOperations.RotateLeft(x12 + x15, 9);
            x14 ^= BitOperations.RotateLeft(x13 + x12, 13); x15 ^= BitOperations.RotateLeft(x14 + x13, 18);
        }
        block[0] += x0; block[1] += x1; block[2] += x2; block[3] += x3; block[4] += x4; block[5] += x5; block[6] += x6; block[7] += x7;
        block[8] += x8; block[9] += x9; block[10] += x10; block[11] += x11; block[12] += x12; block[13] += x13; block[14] += x14; block[15] += x15;
    }
}
