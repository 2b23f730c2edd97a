using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Messages;
using LiquidStake.Ethereum.Signing;

namespace LiquidStake.Sdk;

/// <summary>An EIP-2612 permit signature, in the fields a <c>…WithPermit</c> entry point takes.</summary>
/// <param name="Value">The allowance granted, in token base units.</param>
/// <param name="Deadline">Unix time after which the permit is void.</param>
/// <param name="V">Recovery id (27 or 28).</param>
/// <param name="R">Signature r, 32 bytes.</param>
/// <param name="S">Signature s, 32 bytes.</param>
public sealed record SignedPermit(BigInteger Value, BigInteger Deadline, byte V, byte[] R, byte[] S);

/// <summary>
/// The permit-or-approve decision and the permit signature that stETH, wstETH and eETH share: a permit only when the
/// account's own signer is at hand, the account is not a contract wallet (which cannot sign an ECDSA permit), and the
/// domain we would sign for hashes to the token's on-chain <c>DOMAIN_SEPARATOR</c>; otherwise an exact approval.
/// </summary>
public static class Erc2612Permits
{
    /// <summary>True when <paramref name="signer"/> is the account's and the account is an EOA, so it can sign a permit.</summary>
    public static async Task<bool> CanSignAsync(LiquidStakeContext context, Address account, ISigner? signer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return signer is not null && signer.Address == account
            && !await context.IsContractAccountAsync(account, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when <paramref name="domain"/> hashes to the token's on-chain separator (a permit for it would verify).</summary>
    public static bool DomainMatches(TypedDataDomain domain, ReadOnlySpan<byte> onChainSeparator) =>
        Eip712.HashDomain(domain).ToArray().AsSpan().SequenceEqual(onChainSeparator);

    /// <summary>Signs <c>Permit(owner, spender, value, nonce, deadline)</c> in <paramref name="domain"/> with <paramref name="signer"/>.</summary>
    public static async Task<SignedPermit> SignAsync(ISigner signer, TypedDataDomain domain, Address spender, BigInteger value, BigInteger nonce, BigInteger deadline, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var signature = await signer.SignTypedDataAsync(Eip2612.CreatePermit(domain, signer.Address, spender, value, nonce, deadline), cancellationToken).ConfigureAwait(false);
        return new SignedPermit(value, deadline, signature.V, signature.GetRBytes(), signature.GetSBytes());
    }
}
