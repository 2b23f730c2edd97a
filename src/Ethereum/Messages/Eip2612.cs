using System.Numerics;

namespace LiquidStake.Ethereum.Messages;

/// <summary>EIP-2612 <c>permit</c>: the typed data an owner signs to give a spender an allowance without a transaction.</summary>
public static class Eip2612
{
    /// <summary>The struct type: <c>Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)</c>.</summary>
    public static IReadOnlyList<TypedDataField> PermitFields { get; } =
    [
        new("owner", "address"),
        new("spender", "address"),
        new("value", "uint256"),
        new("nonce", "uint256"),
        new("deadline", "uint256"),
    ];

    /// <summary>Builds the typed data of a permit on <paramref name="domain"/> (name, version, chainId, verifyingContract).</summary>
    public static TypedData CreatePermit(TypedDataDomain domain, Address owner, Address spender, BigInteger value, BigInteger nonce, BigInteger deadline)
    {
        ArgumentNullException.ThrowIfNull(domain);
        return new TypedData
        {
            Domain = domain,
            Types = new Dictionary<string, IReadOnlyList<TypedDataField>>(StringComparer.Ordinal)
            {
                [TypedData.DomainTypeName] = Eip712.GetDomainFields(domain),
                ["Permit"] = PermitFields,
            },
            PrimaryType = "Permit",
            Message = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["owner"] = owner,
                ["spender"] = spender,
                ["value"] = value,
                ["nonce"] = nonce,
                ["deadline"] = deadline,
            },
        };
    }

    /// <summary>The digest of a permit (what the owner signs).</summary>
    public static Hash32 HashPermit(TypedDataDomain domain, Address owner, Address spender, BigInteger value, BigInteger nonce, BigInteger deadline) =>
        Eip712.Hash(CreatePermit(domain, owner, spender, value, nonce, deadline));

    /// <summary>A domain with name, version, chain id and verifying contract (the shape stETH and wstETH use).</summary>
    public static TypedDataDomain CreateDomain(string name, string version, BigInteger chainId, Address verifyingContract) =>
        new() { Name = name, Version = version, ChainId = chainId, VerifyingContract = verifyingContract };
}
