using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using LiquidStake.Ethereum.Signing;
using Org.BouncyCastle.Crypto.Digests;

namespace LiquidStake.Ethereum.HdWallet;

/// <summary>
/// A BIP32 extended private key (key + chain code + position in the tree). <see cref="ToString"/> never shows the
/// key; <see cref="Dispose"/> zeroes the key and chain code.
/// </summary>
public sealed class ExtendedPrivateKey : IDisposable
{
    /// <summary>Child indexes from this value up are hardened (written with <c>'</c> in paths).</summary>
    public const uint HardenedOffset = 0x80000000;

    private static readonly byte[] MasterKeyLabel = "Bitcoin seed"u8.ToArray();
    private const uint MainnetPrivateVersion = 0x0488ADE4;
    private const uint MainnetPublicVersion = 0x0488B21E;

    private readonly byte[] _key;
    private readonly byte[] _chainCode;
    private bool _disposed;

    private ExtendedPrivateKey(byte[] key, byte[] chainCode, byte depth, uint parentFingerprint, uint childIndex)
    {
        _key = key;
        _chainCode = chainCode;
        Depth = depth;
        ParentFingerprint = parentFingerprint;
        ChildIndex = childIndex;
        PublicKey = Secp256k1.GetPublicKey(key, compressed: true);
    }

    /// <summary>Depth in the tree (0 for the master key).</summary>
    public byte Depth { get; }

    /// <summary>The first 4 bytes of the parent's key identifier (0 for the master key).</summary>
    public uint ParentFingerprint { get; }

    /// <summary>This key's index under its parent (hardened indexes include <see cref="HardenedOffset"/>).</summary>
    public uint ChildIndex { get; }

    /// <summary>The 33-byte compressed public key.</summary>
    public ReadOnlyMemory<byte> PublicKey { get; }

    /// <summary>The Ethereum address of this key.</summary>
    public Address Address => Secp256k1.PublicKeyToAddress(Secp256k1.DecodePublicKey(PublicKey.Span).GetEncoded(false));

    /// <summary>The first 4 bytes of HASH160(public key).</summary>
    public uint Fingerprint
    {
        get
        {
            Span<byte> id = stackalloc byte[20];
            Hash160(PublicKey.Span, id);
            return BinaryPrimitives.ReadUInt32BigEndian(id);
        }
    }

    /// <summary>Creates the master key from a BIP39 seed (16 to 64 bytes).</summary>
    /// <exception cref="LiquidStakeArgumentException">The seed length is out of range or yields an invalid key.</exception>
    public static ExtendedPrivateKey FromSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length < 16 || seed.Length > 64)
            throw new LiquidStakeArgumentException(nameof(seed), $"a BIP32 seed is 16 to 64 bytes, not {seed.Length}", "16..64 bytes");
        Span<byte> i = stackalloc byte[64];
        HMACSHA512.HashData(MasterKeyLabel, seed, i);
        try
        {
            if (!Secp256k1.IsValidPrivateKey(i[..32]))
                throw new LiquidStakeArgumentException(nameof(seed), "this seed gives an invalid master key (probability below 2^-127); use another seed");
            return new ExtendedPrivateKey(i[..32].ToArray(), i[32..].ToArray(), 0, 0, 0);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(i);
        }
    }

    /// <summary>Derives the child at <paramref name="index"/> (hardened when index ≥ <see cref="HardenedOffset"/>).</summary>
    public ExtendedPrivateKey DeriveChild(uint index)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Depth == byte.MaxValue) throw new LiquidStakeArgumentException(nameof(index), "BIP32 trees are at most 255 levels deep");
        Span<byte> data = stackalloc byte[37];
        if (index >= HardenedOffset)
        {
            data[0] = 0;
            _key.CopyTo(data[1..]);
        }
        else
        {
            PublicKey.Span.CopyTo(data);
        }
        BinaryPrimitives.WriteUInt32BigEndian(data[33..], index);
        Span<byte> i = stackalloc byte[64];
        HMACSHA512.HashData(_chainCode, data, i);
        var childKey = new byte[32];
        try
        {
            if (!Secp256k1.TryAddPrivateKeys(_key, i[..32], childKey))
                throw new LiquidStakeArgumentException(nameof(index), $"child {index} is invalid under BIP32 (probability below 2^-127); use the next index");
            return new ExtendedPrivateKey(childKey, i[32..].ToArray(), (byte)(Depth + 1), Fingerprint, index);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(data);
            CryptographicOperations.ZeroMemory(i);
        }
    }

    /// <summary>Derives along a path such as <c>m/44'/60'/0'/0/0</c> (<c>h</c> or <c>H</c> also mark hardened steps).</summary>
    /// <exception cref="LiquidStakeArgumentException">The path is malformed.</exception>
    public ExtendedPrivateKey Derive(string path)
    {
        var indexes = ParsePath(path);
        var current = this;
        foreach (var index in indexes)
        {
            var child = current.DeriveChild(index);
            if (!ReferenceEquals(current, this)) current.Dispose();
            current = child;
        }
        return ReferenceEquals(current, this) ? new ExtendedPrivateKey(_key.ToArray(), _chainCode.ToArray(), Depth, ParentFingerprint, ChildIndex) : current;
    }

    /// <summary>Parses a BIP32 path (<c>m</c>, then <c>/</c>-separated indexes, <c>'</c>/<c>h</c> for hardened).</summary>
    public static uint[] ParsePath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var parts = path.Trim().Split('/');
        if (parts[0] != "m") throw new LiquidStakeArgumentException(nameof(path), "a BIP32 path starts with 'm'", "m/44'/60'/0'/0/0");
        var result = new uint[parts.Length - 1];
        for (int p = 1; p < parts.Length; p++)
        {
            var part = parts[p];
            bool hardened = part.Length > 0 && part[^1] is '\'' or 'h' or 'H';
            var digits = hardened ? part[..^1] : part;
            if (digits.Length == 0 || (digits.Length > 1 && digits[0] == '0')
                || !uint.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out uint value) || value >= HardenedOffset)
                throw new LiquidStakeArgumentException(nameof(path), $"segment {p} of the BIP32 path is not an index below 2^31", "0..2147483647, optionally followed by '");
            result[p - 1] = hardened ? value + HardenedOffset : value;
        }
        return result;
    }

    /// <summary>A copy of the 32-byte private key. Treat it as a secret and zero it after use.</summary>
    public byte[] GetPrivateKey()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _key.ToArray();
    }

    /// <summary>A copy of the 32-byte chain code.</summary>
    public byte[] GetChainCode()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _chainCode.ToArray();
    }

    /// <summary>A signer over this key (it keeps its own copy of the key).</summary>
    public PrivateKeySigner ToSigner()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new PrivateKeySigner(_key);
    }

    /// <summary>The Base58Check <c>xprv…</c> serialisation (mainnet version bytes). It is a secret.</summary>
    public string ToExtendedPrivateKeyString()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Span<byte> payload = stackalloc byte[78];
        WriteHeader(payload, MainnetPrivateVersion);
        payload[45] = 0;
        _key.CopyTo(payload[46..]);
        try
        {
            return Base58Check(payload);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(payload);
        }
    }

    /// <summary>The Base58Check <c>xpub…</c> serialisation (mainnet version bytes).</summary>
    public string ToExtendedPublicKeyString()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Span<byte> payload = stackalloc byte[78];
        WriteHeader(payload, MainnetPublicVersion);
        PublicKey.Span.CopyTo(payload[45..]);
        return Base58Check(payload);
    }

    /// <summary>Zeroes the key and chain code.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        CryptographicOperations.ZeroMemory(_key);
        CryptographicOperations.ZeroMemory(_chainCode);
        _disposed = true;
    }

    /// <summary>Position and address only; never the key.</summary>
    public override string ToString() => $"ExtendedPrivateKey(depth {Depth}, index {ChildIndex}, {Address})";

    private void WriteHeader(Span<byte> payload, uint version)
    {
        BinaryPrimitives.WriteUInt32BigEndian(payload, version);
        payload[4] = Depth;
        BinaryPrimitives.WriteUInt32BigEndian(payload[5..], ParentFingerprint);
        BinaryPrimitives.WriteUInt32BigEndian(payload[9..], ChildIndex);
        _chainCode.CopyTo(payload[13..]);
    }

    private static void Hash160(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        Span<byte> sha = stackalloc byte[32];
        SHA256.HashData(data, sha);
        var ripemd = new RipeMD160Digest();
        ripemd.BlockUpdate(sha);
        ripemd.DoFinal(destination);
    }

    private static string Base58Check(ReadOnlySpan<byte> payload)
    {
        const string alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(payload, hash);
        SHA256.HashData(hash, hash);
        var data = new byte[payload.Length + 4];
        payload.CopyTo(data);
        hash[..4].CopyTo(data.AsSpan(payload.Length));
        var value = new BigInteger(data, isUnsigned: true, isBigEndian: true);
        var chars = new List<char>(112);
        while (value > 0)
        {
            value = BigInteger.DivRem(value, 58, out var remainder);
            chars.Add(alphabet[(int)remainder]);
        }
        foreach (byte b in data)
        {
            if (b != 0) break;
            chars.Add('1');
        }
        CryptographicOperations.ZeroMemory(data);
        chars.Reverse();
        return new string(chars.ToArray());
    }
}
