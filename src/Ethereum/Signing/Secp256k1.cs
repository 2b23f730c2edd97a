using LiquidStake.Ethereum.Crypto;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Math.EC.Multiplier;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;
using SysBigInteger = System.Numerics.BigInteger;

namespace LiquidStake.Ethereum.Signing;

/// <summary>
/// secp256k1 ECDSA as Ethereum uses it: RFC 6979 deterministic nonces (HMAC-SHA256), low-s signatures and the
/// recovery id taken from the nonce point while signing; public key and address recovery (ecrecover).
/// </summary>
public static class Secp256k1
{
    /// <summary>The size of a private key in bytes.</summary>
    public const int PrivateKeySize = 32;

    // Immutable curve data, computed once per process: the fixed-point comb table hangs off G.
    private static readonly X9ECParameters Curve = CustomNamedCurves.GetByName("secp256k1");
    private static readonly ECPoint G = Curve.G;
    private static readonly BcBigInteger BcN = Curve.N;
    private static readonly BcBigInteger BcHalfN = Curve.N.ShiftRight(1);
    private static readonly BcBigInteger BcP = Curve.Curve.Field.Characteristic;
    private static readonly FixedPointCombMultiplier Multiplier = CreateMultiplier();

    /// <summary>The order n of the curve's base point.</summary>
    public static SysBigInteger N { get; } = ToSystem(Curve.N);

    /// <summary>n / 2: the largest s a transaction signature may carry (EIP-2).</summary>
    public static SysBigInteger HalfN { get; } = N >> 1;

    private static FixedPointCombMultiplier CreateMultiplier()
    {
        FixedPointUtilities.Precompute(G);
        return new FixedPointCombMultiplier();
    }

    /// <summary>True when <paramref name="privateKey"/> is 32 bytes and 0 &lt; k &lt; n.</summary>
    public static bool IsValidPrivateKey(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != PrivateKeySize) return false;
        var k = new BcBigInteger(1, privateKey);
        return k.SignValue > 0 && k.CompareTo(BcN) < 0;
    }

    /// <summary>Throws a clear error (never showing the key) unless the key is valid.</summary>
    /// <exception cref="LiquidStakeArgumentException">Wrong length, zero, or not below the curve order.</exception>
    public static void ValidatePrivateKey(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != PrivateKeySize)
            throw new LiquidStakeArgumentException(nameof(privateKey), $"a secp256k1 private key is 32 bytes, not {privateKey.Length}", "32 bytes");
        if (!IsValidPrivateKey(privateKey))
            throw new LiquidStakeArgumentException(nameof(privateKey), "a secp256k1 private key must be greater than zero and below the curve order", "0 < key < n");
    }

    /// <summary>Signs a 32-byte hash with RFC 6979 nonces; the result has low s and its recovery id.</summary>
    public static Signature Sign(Hash32 hash, ReadOnlySpan<byte> privateKey)
    {
        ValidatePrivateKey(privateKey);
        var message = hash.ToArray();
        var d = new BcBigInteger(1, privateKey);
        var e = new BcBigInteger(1, message);
        var nonces = new HMacDsaKCalculator(new Sha256Digest());
        nonces.Init(BcN, d, message);
        while (true)
        {
            var k = nonces.NextK();
            var point = Multiplier.Multiply(G, k).Normalize();
            var x = point.AffineXCoord.ToBigInteger();
            // x >= n would need recovery ids 2/3, which Ethereum's v cannot carry (odds ~2^-128): take the next nonce.
            if (x.CompareTo(BcN) >= 0) continue;
            var r = x;
            if (r.SignValue == 0) continue;
            byte recoveryId = point.AffineYCoord.TestBitZero() ? (byte)1 : (byte)0;
            var s = k.ModInverse(BcN).Multiply(e.Add(d.Multiply(r))).Mod(BcN);
            if (s.SignValue == 0) continue;
            if (s.CompareTo(BcHalfN) > 0)
            {
                // Negating s mirrors R: its y parity flips.
                s = BcN.Subtract(s);
                recoveryId ^= 1;
            }
            return new Signature(ToSystem(r), ToSystem(s), recoveryId);
        }
    }

    /// <summary>Recovers the signer's address from a hash and a signature (ecrecover; high s is accepted, as the precompile does).</summary>
    /// <exception cref="EthereumFormatException">The signature does not correspond to any public key.</exception>
    public static Address Recover(Hash32 hash, Signature signature) => PublicKeyToAddress(RecoverPublicKey(hash, signature));

    /// <summary>Recovers the 64-byte uncompressed public key (x ‖ y, no 0x04 prefix).</summary>
    /// <exception cref="EthereumFormatException">The signature does not correspond to any public key.</exception>
    public static byte[] RecoverPublicKey(Hash32 hash, Signature signature)
    {
        var r = ToBouncy(signature.R);
        var s = ToBouncy(signature.S);
        if (r.SignValue <= 0 || r.CompareTo(BcN) >= 0 || s.SignValue <= 0 || s.CompareTo(BcN) >= 0)
            throw new EthereumFormatException("The signature's r or s is out of range.");
        if (r.CompareTo(BcP) >= 0) throw new EthereumFormatException("The signature's r is not a field element.");
        Span<byte> compressed = stackalloc byte[33];
        compressed[0] = (byte)(0x02 + signature.YParity);
        WriteFixed32(r, compressed[1..]);
        ECPoint nonce;
        try
        {
            nonce = Curve.Curve.DecodePoint(compressed.ToArray());
        }
        catch (ArgumentException)
        {
            throw new EthereumFormatException("The signature's r is not the x coordinate of a curve point.");
        }
        var e = new BcBigInteger(1, hash.ToArray());
        var rInverse = r.ModInverse(BcN);
        var u1 = BcN.Subtract(e.Mod(BcN)).Multiply(rInverse).Mod(BcN);
        var u2 = s.Multiply(rInverse).Mod(BcN);
        var q = ECAlgorithms.SumOfTwoMultiplies(G, u1, nonce, u2).Normalize();
        if (q.IsInfinity) throw new EthereumFormatException("The signature recovers to the point at infinity.");
        var result = new byte[64];
        WriteFixed32(q.AffineXCoord.ToBigInteger(), result.AsSpan(0, 32));
        WriteFixed32(q.AffineYCoord.ToBigInteger(), result.AsSpan(32, 32));
        return result;
    }

    /// <summary>True when <paramref name="signature"/> over <paramref name="hash"/> recovers to <paramref name="signer"/>.</summary>
    public static bool Verify(Hash32 hash, Signature signature, Address signer)
    {
        try
        {
            return Recover(hash, signature) == signer;
        }
        catch (EthereumFormatException)
        {
            return false;
        }
    }

    /// <summary>The public key of <paramref name="privateKey"/>: 64 bytes x ‖ y, or 33 bytes compressed.</summary>
    public static byte[] GetPublicKey(ReadOnlySpan<byte> privateKey, bool compressed = false)
    {
        ValidatePrivateKey(privateKey);
        var point = Multiplier.Multiply(G, new BcBigInteger(1, privateKey)).Normalize();
        if (compressed) return point.GetEncoded(true);
        var result = new byte[64];
        WriteFixed32(point.AffineXCoord.ToBigInteger(), result.AsSpan(0, 32));
        WriteFixed32(point.AffineYCoord.ToBigInteger(), result.AsSpan(32, 32));
        return result;
    }

    /// <summary>The address of <paramref name="privateKey"/>.</summary>
    public static Address GetAddress(ReadOnlySpan<byte> privateKey) => PublicKeyToAddress(GetPublicKey(privateKey));

    /// <summary>The address of an uncompressed public key (64 bytes, or 65 with the 0x04 prefix).</summary>
    public static Address PublicKeyToAddress(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length == 65 && publicKey[0] == 0x04) publicKey = publicKey[1..];
        if (publicKey.Length != 64) throw new LiquidStakeArgumentException(nameof(publicKey), "an uncompressed public key is 64 bytes (or 65 with the 0x04 prefix)");
        Span<byte> hash = stackalloc byte[32];
        Keccak256.Hash(publicKey, hash);
        return new Address(hash[12..]);
    }

    /// <summary>Compresses a 64/65-byte public key or decompresses a 33-byte one into 64 bytes; validates the point.</summary>
    internal static ECPoint DecodePublicKey(ReadOnlySpan<byte> publicKey)
    {
        byte[] encoded = publicKey.Length == 64 ? [0x04, .. publicKey] : publicKey.ToArray();
        try
        {
            return Curve.Curve.DecodePoint(encoded);
        }
        catch (ArgumentException)
        {
            throw new EthereumFormatException("The bytes are not a secp256k1 public key.");
        }
    }

    /// <summary>(k + tweak) mod n on private keys, for BIP32; returns false when the result is invalid.</summary>
    internal static bool TryAddPrivateKeys(ReadOnlySpan<byte> key, ReadOnlySpan<byte> tweak, Span<byte> result)
    {
        var t = new BcBigInteger(1, tweak);
        if (t.CompareTo(BcN) >= 0) return false;
        var sum = new BcBigInteger(1, key).Add(t).Mod(BcN);
        if (sum.SignValue == 0) return false;
        WriteFixed32(sum, result);
        return true;
    }

    private static void WriteFixed32(BcBigInteger value, Span<byte> destination)
    {
        var bytes = value.ToByteArrayUnsigned();
        destination[..32].Clear();
        bytes.CopyTo(destination[(32 - bytes.Length)..]);
    }

    private static SysBigInteger ToSystem(BcBigInteger value) => new(value.ToByteArrayUnsigned(), isUnsigned: true, isBigEndian: true);

    private static BcBigInteger ToBouncy(SysBigInteger value) => new(1, value.ToByteArray(isUnsigned: true, isBigEndian: true));
}
