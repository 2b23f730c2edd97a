using LiquidStake.Ethereum.Signing;

namespace LiquidStake.Ethereum.Transactions;

/// <summary>A signed transaction: its fields, signature, raw bytes (for <c>eth_sendRawTransaction</c>), hash and sender.</summary>
/// <param name="Transaction">The signed fields.</param>
/// <param name="Signature">The signature over the signing payload.</param>
/// <param name="Raw">
/// The encoding (RLP for legacy, type byte + RLP for typed envelopes). For a blob transaction (type 3) it is the
/// canonical form without the blob sidecar: a node's <c>eth_sendRawTransaction</c> needs the network form with blobs,
/// commitments and proofs, which this SDK does not build.
/// </param>
/// <param name="Hash">Keccak-256 of <paramref name="Raw"/>: the transaction hash.</param>
/// <param name="From">The sender recovered from the signature.</param>
public sealed record SignedTransaction(UnsignedTransaction Transaction, Signature Signature, ReadOnlyMemory<byte> Raw, Hash32 Hash, Address From)
{
    /// <summary>The raw bytes as <c>0x</c> hex, ready for <c>eth_sendRawTransaction</c>.</summary>
    public string RawHex => Hex.Encode(Raw.Span);
}
