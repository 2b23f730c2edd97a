using System.Numerics;
using LiquidStake.Ethereum.Crypto;
using LiquidStake.Ethereum.Rlp;
using LiquidStake.Ethereum.Signing;

namespace LiquidStake.Ethereum.Transactions;

/// <summary>
/// A signed EIP-7702 authorization tuple, as a set-code transaction (type 4) carries it: the authority (the signer)
/// lets its account run the code of <paramref name="Address"/>.
/// </summary>
/// <param name="ChainId">The chain the authorization is valid on; 0 means every chain. A uint256.</param>
/// <param name="Address">The contract whose code the authority's account delegates to (the zero address clears a delegation).</param>
/// <param name="Nonce">The authority's account nonce when the transaction runs (its current nonce + 1 when it also sends the transaction).</param>
/// <param name="YParity">The y parity of the signature. EIP-7702 lets the tuple carry any byte; only 0 and 1 recover.</param>
/// <param name="R">The signature's r (a uint256).</param>
/// <param name="S">The signature's s (a uint256; only s &lt;= n/2 recovers).</param>
/// <remarks>
/// The tuple is kept as encoded, without range checks on the signature, because the chain accepts a transaction whose
/// tuple does not recover and only skips that tuple. <see cref="RecoverAuthority"/> applies EIP-7702's checks.
/// </remarks>
public sealed record Authorization(BigInteger ChainId, Address Address, ulong Nonce, byte YParity, BigInteger R, BigInteger S)
{
    /// <summary>Creates the tuple from a signature over <see cref="AuthorizationSigning.ComputeDigest"/> made elsewhere (hardware wallet, custody, KMS).</summary>
    public static Authorization Create(BigInteger chainId, Address address, ulong nonce, Signature signature) =>
        new(chainId, address, nonce, signature.YParity, signature.R, signature.S);

    /// <summary>The digest the authority signed: keccak256(0x05 || rlp([chain_id, address, nonce])).</summary>
    /// <exception cref="LiquidStakeArgumentException"><see cref="ChainId"/> is negative or does not fit in 256 bits.</exception>
    public Hash32 ComputeDigest() => AuthorizationSigning.ComputeDigest(ChainId, Address, Nonce);

    /// <summary>The signature, when the tuple carries one that can recover (y parity 0/1, 0 &lt; r, s &lt; n, s &lt;= n/2); otherwise null.</summary>
    public Signature? GetSignature() =>
        YParity <= 1 && R.Sign > 0 && R < Secp256k1.N && S.Sign > 0 && S <= Secp256k1.HalfN ? new Signature(R, S, YParity) : null;

    /// <summary>The account that signed the authorization (the authority whose code is set).</summary>
    /// <exception cref="EthereumFormatException">
    /// The signature cannot recover: y parity above 1, r or s out of range, or s above n/2 (EIP-7702 refuses high s).
    /// </exception>
    public Address RecoverAuthority()
    {
        if (YParity > 1) throw new EthereumFormatException($"The authorization's y parity must be 0 or 1 to recover, not {YParity}.");
        if (R.Sign <= 0 || R >= Secp256k1.N) throw new EthereumFormatException("The authorization signature's r is zero or not below the curve order.");
        if (S.Sign <= 0 || S >= Secp256k1.N) throw new EthereumFormatException("The authorization signature's s is zero or not below the curve order.");
        if (S > Secp256k1.HalfN) throw new EthereumFormatException("The authorization signature has s > n/2, which EIP-7702 refuses.");
        return Secp256k1.Recover(ComputeDigest(), new Signature(R, S, YParity));
    }
}

/// <summary>EIP-7702 authorization digests, signing and recovery with the secp256k1 code of <see cref="Secp256k1"/>.</summary>
public static class AuthorizationSigning
{
    /// <summary>The domain byte that starts an authorization's signing payload (EIP-7702 <c>MAGIC</c>).</summary>
    public const byte Magic = 0x05;

    /// <summary>The signing payload: 0x05 || rlp([chain_id, address, nonce]).</summary>
    /// <exception cref="LiquidStakeArgumentException"><paramref name="chainId"/> is negative or does not fit in 256 bits.</exception>
    public static byte[] EncodeForSigning(BigInteger chainId, Address address, ulong nonce)
    {
        if (chainId.Sign < 0) throw new LiquidStakeArgumentException(nameof(chainId), "cannot be negative", "0 (any chain) to 2^256-1");
        if (chainId.GetBitLength() > 256) throw new LiquidStakeArgumentException(nameof(chainId), "does not fit in 256 bits", "0 (any chain) to 2^256-1");
        var writer = new RlpWriter(64);
        writer.WriteEncoded([Magic]);
        int list = writer.BeginList();
        writer.WriteBigInteger(chainId);
        writer.WriteAddress(address);
        writer.WriteUInt64(nonce);
        writer.EndList(list);
        return writer.ToArray();
    }

    /// <summary>The digest an authority signs: keccak256(0x05 || rlp([chain_id, address, nonce])).</summary>
    /// <exception cref="LiquidStakeArgumentException"><paramref name="chainId"/> is negative or does not fit in 256 bits.</exception>
    public static Hash32 ComputeDigest(BigInteger chainId, Address address, ulong nonce) =>
        Keccak256.ComputeHash32(EncodeForSigning(chainId, address, nonce));

    /// <summary>Signs an authorization with a raw private key (RFC 6979, low s); see also <see cref="PrivateKeySigner.SignAuthorization"/>.</summary>
    /// <param name="chainId">The chain the delegation is valid on; 0 for every chain (replayable: use with care).</param>
    /// <param name="address">The contract to delegate to.</param>
    /// <param name="nonce">The authority's nonce when the transaction runs (current nonce + 1 if the authority also sends it).</param>
    /// <param name="privateKey">The authority's 32-byte key; never echoed in errors.</param>
    /// <exception cref="LiquidStakeArgumentException">Bad chain id or private key.</exception>
    public static Authorization Sign(BigInteger chainId, Address address, ulong nonce, ReadOnlySpan<byte> privateKey)
    {
        var signature = Secp256k1.Sign(ComputeDigest(chainId, address, nonce), privateKey);
        return Authorization.Create(chainId, address, nonce, signature);
    }

    /// <summary>The authority that signed <paramref name="authorization"/>.</summary>
    /// <exception cref="EthereumFormatException">The signature cannot recover (see <see cref="Authorization.RecoverAuthority"/>).</exception>
    public static Address Recover(Authorization authorization)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        return authorization.RecoverAuthority();
    }
}
