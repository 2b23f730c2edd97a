using System.Numerics;

namespace LiquidStake.Ethereum.Signing;

/// <summary>
/// A secp256k1 ECDSA signature as Ethereum uses it: r, s (each below the curve order) and the y parity of R (0 or 1).
/// </summary>
/// <remarks>
/// <see cref="ToBytes"/> gives the 65-byte <c>r ‖ s ‖ v</c> form with v = 27 + y parity, which is what
/// <c>personal_sign</c>, <c>eth_signTypedData_v4</c> and ERC-1271 use.
/// </remarks>
public readonly record struct Signature
{
    /// <summary>Creates a signature, checking 0 &lt; r, s &lt; n and y parity 0 or 1.</summary>
    /// <exception cref="LiquidStakeArgumentException">A component is out of range.</exception>
    public Signature(BigInteger r, BigInteger s, byte yParity)
    {
        if (r.Sign <= 0 || r >= Secp256k1.N) throw new LiquidStakeArgumentException(nameof(r), "r must be between 1 and the curve order minus 1");
        if (s.Sign <= 0 || s >= Secp256k1.N) throw new LiquidStakeArgumentException(nameof(s), "s must be between 1 and the curve order minus 1");
        if (yParity > 1) throw new LiquidStakeArgumentException(nameof(yParity), "the y parity (recovery id) must be 0 or 1", "0 or 1");
        R = r;
        S = s;
        YParity = yParity;
    }

    /// <summary>The x coordinate of the nonce point, reduced modulo n.</summary>
    public BigInteger R { get; }

    /// <summary>The s component.</summary>
    public BigInteger S { get; }

    /// <summary>The y parity of the nonce point (the recovery id): 0 or 1.</summary>
    public byte YParity { get; }

    /// <summary>The same as <see cref="YParity"/>.</summary>
    public byte RecoveryId => YParity;

    /// <summary>The pre-EIP-155 v: 27 + y parity.</summary>
    public byte V => (byte)(27 + YParity);

    /// <summary>True when s is in the lower half of the order (EIP-2), as every transaction signature must be.</summary>
    public bool IsLowS => S <= Secp256k1.HalfN;

    /// <summary>The EIP-155 v of a legacy transaction: chainId * 2 + 35 + y parity (27/28 when <paramref name="chainId"/> is null).</summary>
    public BigInteger GetLegacyV(ulong? chainId) =>
        chainId is { } id ? new BigInteger(id) * 2 + 35 + YParity : 27 + YParity;

    /// <summary>r as 32 big-endian bytes.</summary>
    public byte[] GetRBytes() => ToFixed32(R);

    /// <summary>s as 32 big-endian bytes.</summary>
    public byte[] GetSBytes() => ToFixed32(S);

    /// <summary>The 65-byte <c>r ‖ s ‖ v</c> form with v = 27 + y parity.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[65];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>Writes the 65-byte <c>r ‖ s ‖ v</c> form into <paramref name="destination"/>.</summary>
    public void WriteTo(Span<byte> destination)
    {
        if (destination.Length < 65) throw new ArgumentException("The destination needs 65 bytes.", nameof(destination));
        R.TryWriteBytes(destination[..32], out int rLength, isUnsigned: true, isBigEndian: true);
        AlignRight(destination[..32], rLength);
        S.TryWriteBytes(destination[32..64], out int sLength, isUnsigned: true, isBigEndian: true);
        AlignRight(destination[32..64], sLength);
        destination[64] = V;
    }

    /// <summary>The 65-byte form as <c>0x</c> hex.</summary>
    public string ToHex() => Hex.Encode(ToBytes());

    /// <inheritdoc/>
    public override string ToString() => ToHex();

    /// <summary>Parses 65 bytes <c>r ‖ s ‖ v</c>; v may be 0, 1, 27 or 28.</summary>
    /// <exception cref="EthereumFormatException">Wrong length, bad v or r/s out of range.</exception>
    public static Signature Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 65) throw new EthereumFormatException($"A signature is 65 bytes (r, s, v), not {bytes.Length}.");
        byte v = bytes[64];
        byte parity = v switch
        {
            0 or 27 => 0,
            1 or 28 => 1,
            _ => throw new EthereumFormatException($"A signature's v must be 0, 1, 27 or 28, not {v}."),
        };
        var r = new BigInteger(bytes[..32], isUnsigned: true, isBigEndian: true);
        var s = new BigInteger(bytes[32..64], isUnsigned: true, isBigEndian: true);
        return Create(r, s, parity);
    }

    /// <summary>Parses the 65-byte form from hex text.</summary>
    public static Signature Parse(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        Span<byte> bytes = stackalloc byte[65];
        Hex.DecodeTo(hex.AsSpan().Trim(), bytes);
        return Parse(bytes);
    }

    /// <summary>Creates a signature from decoded data, reporting range errors as <see cref="EthereumFormatException"/>.</summary>
    internal static Signature Create(BigInteger r, BigInteger s, byte parity)
    {
        if (r.Sign <= 0 || r >= Secp256k1.N) throw new EthereumFormatException("The signature's r is zero or not below the curve order.");
        if (s.Sign <= 0 || s >= Secp256k1.N) throw new EthereumFormatException("The signature's s is zero or not below the curve order.");
        if (parity > 1) throw new EthereumFormatException($"The signature's y parity must be 0 or 1, not {parity}.");
        return new Signature(r, s, parity);
    }

    private static byte[] ToFixed32(BigInteger value)
    {
        var bytes = new byte[32];
        value.TryWriteBytes(bytes, out int written, isUnsigned: true, isBigEndian: true);
        AlignRight(bytes, written);
        return bytes;
    }

    private static void AlignRight(Span<byte> field, int written)
    {
        if (written == field.Length) return;
        field[..written].CopyTo(field[(field.Length - written)..]);
        field[..(field.Length - written)].Clear();
    }
}
