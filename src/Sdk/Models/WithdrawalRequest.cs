using System.Numerics;
using LiquidStake.Ethereum;

namespace LiquidStake.Sdk;

/// <summary>Where a withdrawal is in its life.</summary>
public enum WithdrawalStatus
{
    /// <summary>Requested and waiting (for finalization or for the withdrawal delay).</summary>
    Pending,

    /// <summary>Ready to claim or complete.</summary>
    Claimable,

    /// <summary>Already claimed or completed.</summary>
    Claimed,
}

/// <summary>
/// The id of a withdrawal in its protocol: an NFT id (Lido, ether.fi) or a withdrawal root (EigenLayer).
/// It is what a caller stores to rebuild and resume a withdrawal later.
/// </summary>
/// <param name="Protocol">The protocol.</param>
/// <param name="RequestId">The NFT request id, for queue-based protocols.</param>
/// <param name="WithdrawalRoot">The withdrawal root, for EigenLayer.</param>
public sealed record WithdrawalId(ProtocolId Protocol, BigInteger? RequestId, Hash32? WithdrawalRoot)
{
    /// <summary>An NFT-based request id.</summary>
    public static WithdrawalId ForRequest(ProtocolId protocol, BigInteger requestId) => new(protocol, requestId, null);

    /// <summary>An EigenLayer withdrawal root.</summary>
    public static WithdrawalId ForRoot(ProtocolId protocol, Hash32 root) => new(protocol, null, root);

    /// <summary>A stable text form, for storage: <c>lido:123</c> or <c>eigenlayer:0xabc…</c>.</summary>
    public override string ToString() => RequestId is { } id ? $"{Protocol}:{id}" : $"{Protocol}:{WithdrawalRoot}";

    /// <summary>Parses the form written by <see cref="ToString"/>.</summary>
    public static WithdrawalId Parse(string text) => Parse(text, nameof(text));

    /// <summary>Parses like <see cref="Parse(string)"/>, blaming <paramref name="paramName"/> (the caller's argument) when malformed.</summary>
    internal static WithdrawalId Parse(string text, string paramName)
    {
        ArgumentNullException.ThrowIfNull(text, paramName);
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1)
            throw new LiquidStakeArgumentException(paramName, $"'{text}' is not a withdrawal id of the form protocol:id");
        var protocol = new ProtocolId(text[..colon]);
        var rest = text[(colon + 1)..];
        if (rest.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && rest.Length == 66 && Hash32.TryParse(rest, out var root)) return ForRoot(protocol, root);
        if (BigInteger.TryParse(rest, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
            return ForRequest(protocol, id);
        throw new LiquidStakeArgumentException(paramName, $"'{rest}' is neither a request number nor a 32-byte root");
    }
}

/// <summary>A withdrawal request as read back from the chain.</summary>
/// <param name="Id">The protocol id of the request.</param>
/// <param name="Owner">Who can claim it.</param>
/// <param name="Token">The token that was withdrawn (stETH, eETH, strategy shares...).</param>
/// <param name="AmountRequested">The amount requested, in <paramref name="Token"/> units.</param>
/// <param name="AmountClaimable">What a claim pays right now in wei or underlying units, when known (after finalization).</param>
/// <param name="Status">Pending, claimable or claimed.</param>
/// <param name="RequestedAt">When it was requested, when known.</param>
/// <param name="ClaimableAtBlock">The block from which it can be completed, when the protocol uses a block delay (EigenLayer).</param>
/// <param name="EstimatedClaimableAt">An estimate of when it becomes claimable, when it can be estimated.</param>
public record WithdrawalRequest(
    WithdrawalId Id,
    Address Owner,
    StakingToken Token,
    BigInteger AmountRequested,
    BigInteger? AmountClaimable,
    WithdrawalStatus Status,
    DateTimeOffset? RequestedAt,
    ulong? ClaimableAtBlock,
    DateTimeOffset? EstimatedClaimableAt);
