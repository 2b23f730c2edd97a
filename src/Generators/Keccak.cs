using System;

namespace LiquidStake.Generators
{
    /// <summary>Keccak-256 (the original padding used by Ethereum, not SHA3-256), so selectors are computed at generation time.</summary>
    internal static class Keccak
    {
        private const int Rate = 136;

        private static readonly ulong[] RoundConstants =
        {
            0x0000000000000001UL, 0x0000000000008082UL, 0x800000000000808aUL, 0x8000000080008000UL,
            0x000000000000808bUL, 0x0000000080000001UL, 0x8000000080008081UL, 0x8000000000008009UL,
            0x000000000000008aUL, 0x0000000000000088UL, 0x0000000080008009UL, 0x000000008000000aUL,
            0x000000008000808bUL, 0x800000000000008bUL, 0x8000000000008089UL, 0x8000000000008003UL,
            0x8000000000008002UL, 0x8000000000000080UL, 0x000000000000800aUL, 0x800000008000000aUL,
            0x8000000080008081UL, 0x8000000000008080UL, 0x0000000080000001UL, 0x8000000080008008UL,
        };

        // Rotation offsets and the pi permutation, indexed by lane x + 5y.
        private static readonly int[] Rotations =
        {
            0, 1, 62, 28, 27,
            36, 44, 6, 55, 20,
            3, 10, 43, 25, 39,
            41, 45, 15, 21, 8,
            18, 2, 61, 56, 14,
        };

        public static byte[] Hash(byte[] data)
        {
            var state = new ulong[25];
            int offset = 0;
            while (data.Length - offset >= Rate)
            {
                Absorb(state, data, offset, Rate);
                Permute(state);
                offset += Rate;
            }

            var last = new byte[Rate];
            int remaining = data.Length - offset;
            Array.Copy(data, offset, last, 0, remaining);
            last[remaining] ^= 0x01;
            last[Rate - 1] ^= 0x80;
            Absorb(state, last, 0, Rate);
            Permute(state);

            var output = new byte[32];
            for (int i = 0; i < 32; i++)
            {
                output[i] = (byte)(state[i / 8] >> (8 * (i % 8)));
            }

            return output;
        }

        private static void Absorb(ulong[] state, byte[] data, int offset, int length)
        {
            for (int i = 0; i < length / 8; i++)
            {
                ulong lane = 0;
                for (int b = 0; b < 8; b++)
                {
                    lane |= (ulong)data[offset + (8 * i) + b] << (8 * b);
                }

                state[i] ^= lane;
            }
        }

        private static ulong Rol(ulong value, int shift) => shift == 0 ? value : (value << shift) | (value >> (64 - shift));

        private static void Permute(ulong[] a)
        {
            var c = new ulong[5];
            var b = new ulong[25];
            for (int round = 0; round < 24; round++)
            {
                // theta
                for (int x = 0; x < 5; x++)
                {
                    c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
                }

                for (int x = 0; x < 5; x++)
                {
                    ulong d = c[(x + 4) % 5] ^ Rol(c[(x + 1) % 5], 1);
                    for (int y = 0; y < 25; y += 5)
                    {
                        a[y + x] ^= d;
                    }
                }

                // rho and pi: lane (x, y) moves to (y, 2x + 3y)
                for (int x = 0; x < 5; x++)
                {
                    for (int y = 0; y < 5; y++)
                    {
                        b[y + (5 * (((2 * x) + (3 * y)) % 5))] = Rol(a[x + (5 * y)], Rotations[x + (5 * y)]);
                    }
                }

                // chi
                for (int y = 0; y < 25; y += 5)
                {
                    for (int x = 0; x < 5; x++)
                    {
                        a[y + x] = b[y + x] ^ (~b[y + ((x + 1) % 5)] & b[y + ((x + 2) % 5)]);
                    }
                }

                // iota
                a[0] ^= RoundConstants[round];
            }
        }
    }
}
