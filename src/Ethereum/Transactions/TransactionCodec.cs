using System.Numerics;
using System.Security.Cryptography;
using LiquidStake.Ethereum.Crypto;
using LiquidStake.Ethereum.Rlp;
using LiquidStake.Ethereum.Signing;

namespace LiquidStake.Ethereum.Transactions;

/// <summary>
/// Encodes transactions for signing and for the network (legacy with EIP-155, EIP-2930, EIP-1559, EIP-4844 and
/// EIP-7702 envelopes), and strictly decodes raw signed transactions, recovering the sender.
/// </summary>
/// <remarks>
/// A blob transaction (type 3) is encoded in its canonical (consensus) form <c>0x03 || rlp([fields..., y_parity, r, s])</c>,
/// which is what blocks contain and what its hash is taken over. The network form that <c>eth_sendRawTransaction</c>
/// needs, which wraps it with the blobs, KZG commitments and proofs, is not produced here. <see cref="Decode(ReadOnlySpan{byte})"/>
/// accepts both network forms (EIP-4844's <c>rlp([tx, blobs, commitments, proofs])</c> and EIP-7594's
/// <c>rlp([tx, 1, blobs, commitments, cell_proofs])</c>), checks that the commitments match the versioned hashes and
/// keeps only the transaction: the KZG proofs are not verified and the sidecar is dropped.
/// </remarks>
public static class TransactionCodec
{
    /// <summary>The payload whose Keccak-256 is signed.</summary>
    public static byte[] EncodeForSigning(UnsignedTransaction transaction) => Encode(transaction, null);

    /// <summary>Keccak-256 of <see cref="EncodeForSigning"/>: the hash a signer signs.</summary>
    public static Hash32 ComputeSigningHash(UnsignedTransaction transaction) => Keccak256.ComputeHash32(EncodeForSigning(transaction));

    /// <summary>
    /// The network encoding of a signed transaction (what <c>eth_sendRawTransaction</c> takes); for a blob transaction
    /// (type 3) the canonical form without the blob sidecar, which a node only accepts inside a block.
    /// </summary>
    public static byte[] EncodeSigned(UnsignedTransaction transaction, Signature signature) => Encode(transaction, signature);

    // One envelope for both forms: the signing payload ends with EIP-155's (chainId, 0, 0) for legacy transactions
    // or with nothing, the signed form ends with (v or yParity, r, s).
    private static byte[] Encode(UnsignedTransaction transaction, Signature? signature)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        transaction.Validate();
        var writer = new RlpWriter(256 + transaction.Data.Length);
        if (transaction.Type != TransactionType.Legacy) writer.WriteEncoded([(byte)transaction.Type]);
        int list = writer.BeginList();
        WriteFields(writer, transaction);
        if (signature is { } sig)
        {
            if (transaction.Type == TransactionType.Legacy) writer.WriteBigInteger(sig.GetLegacyV(transaction.ChainId));
            else writer.WriteUInt64(sig.YParity);
            writer.WriteBigInteger(sig.R);
            writer.WriteBigInteger(sig.S);
        }
        else if (transaction.Type == TransactionType.Legacy && transaction.ChainId is { } chainId)
        {
            writer.WriteUInt64(chainId);
            writer.WriteUInt64(0);
            writer.WriteUInt64(0);
        }
        writer.EndList(list);
        return writer.ToArray();
    }

    /// <summary>
    /// Combines a transaction and a signature made elsewhere (hardware wallet, custody, KMS) into a signed
    /// transaction, recovering the sender from the signature.
    /// </summary>
    /// <exception cref="EthereumFormatException">s is high (EIP-2) or the signature does not recover.</exception>
    public static SignedTransaction Assemble(UnsignedTransaction transaction, Signature signature)
    {
        if (!signature.IsLowS) throw new EthereumFormatException("A transaction signature must have s <= n/2 (EIP-2).");
        var from = Secp256k1.Recover(ComputeSigningHash(transaction), signature);
        return Assemble(transaction, signature, from);
    }

    internal static SignedTransaction Assemble(UnsignedTransaction transaction, Signature signature, Address from)
    {
        var raw = EncodeSigned(transaction, signature);
        return new SignedTransaction(transaction, signature, raw, Keccak256.ComputeHash32(raw), from);
    }

    /// <summary>Keccak-256 of raw signed bytes: the transaction hash.</summary>
    public static Hash32 ComputeHash(ReadOnlySpan<byte> raw) => Keccak256.ComputeHash32(raw);

    /// <summary>Decodes a raw signed transaction (legacy or types 1 to 4) and recovers its sender.</summary>
    /// <remarks>
    /// A type 3 transaction in its network form (with blobs, commitments and proofs) is reduced to its canonical form:
    /// the result's <see cref="SignedTransaction.Raw"/> and <see cref="SignedTransaction.Hash"/> are those of the
    /// transaction without the sidecar (the hash is the one the chain uses).
    /// </remarks>
    /// <exception cref="EthereumFormatException">
    /// Unknown type byte, malformed or non-canonical RLP, missing or extra fields, trailing bytes, fields the type
    /// does not allow (a type 3 or 4 transaction without a recipient, no blob hashes or authorizations, a blob hash
    /// with a wrong version), a sidecar that does not match the blob hashes, high s or a signature that does not
    /// recover (<see cref="RlpException"/> for RLP-level errors).
    /// </exception>
    public static SignedTransaction Decode(ReadOnlySpan<byte> raw)
    {
        if (raw.IsEmpty) throw new EthereumFormatException("A raw transaction cannot be empty.");
        byte first = raw[0];
        UnsignedTransaction transaction;
        Signature signature;
        if (first >= 0xc0)
        {
            (transaction, signature) = DecodeLegacy(raw);
        }
        else if (first is 1 or 2 or 4)
        {
            (transaction, signature) = DecodeTyped((TransactionType)first, raw[1..]);
        }
        else if (first == 3)
        {
            var body = UnwrapBlobNetworkForm(raw[1..], out var sidecarHashes);
            (transaction, signature) = DecodeTyped(TransactionType.Blob, body);
            if (sidecarHashes is not null)
            {
                // The network form: the sidecar's commitments must be the blobs the transaction pays for.
                if (!sidecarHashes.SequenceEqual(transaction.BlobVersionedHashes))
                    throw new EthereumFormatException($"The blob sidecar's {sidecarHashes.Count} KZG commitment(s) do not match the transaction's {transaction.BlobVersionedHashes.Count} blob versioned hash(es).");
                return Finish(transaction, signature, [0x03, .. body]);
            }
        }
        else if (first < 0x80)
        {
            throw new EthereumFormatException($"Transaction type 0x{first:x2} is not supported (only legacy and 0x01 to 0x04).");
        }
        else
        {
            throw new EthereumFormatException($"A raw transaction must start with a type byte or an RLP list, not 0x{first:x2}.");
        }
        return Finish(transaction, signature, raw.ToArray());
    }

    private static SignedTransaction Finish(UnsignedTransaction transaction, Signature signature, byte[] raw)
    {
        try
        {
            transaction.Validate();
        }
        catch (LiquidStakeArgumentException e)
        {
            throw new EthereumFormatException($"The decoded type {(byte)transaction.Type} transaction is not valid: {e.Message}", e);
        }
        if (!signature.IsLowS) throw new EthereumFormatException("The transaction signature has s > n/2, which Ethereum refuses (EIP-2).");
        var from = Secp256k1.Recover(ComputeSigningHash(transaction), signature);
        return new SignedTransaction(transaction, signature, raw, Keccak256.ComputeHash32(raw), from);
    }

    /// <summary>Decodes raw signed transaction hex.</summary>
    public static SignedTransaction Decode(string rawHex)
    {
        ArgumentNullException.ThrowIfNull(rawHex);
        return Decode(Hex.Decode(rawHex.AsSpan().Trim()));
    }

    private static (UnsignedTransaction, Signature) DecodeLegacy(ReadOnlySpan<byte> raw)
    {
        var outer = new RlpReader(raw);
        var fields = outer.ReadList();
        outer.EnsureAtEnd("A raw transaction");
        var nonce = fields.ReadUInt64();
        var gasPrice = fields.ReadBigInteger();
        var gas = fields.ReadUInt64();
        var to = fields.ReadOptionalAddress();
        var value = fields.ReadBigInteger();
        var data = fields.ReadBytes().ToArray();
        var v = fields.ReadBigInteger(9);
        var r = fields.ReadBigInteger();
        var s = fields.ReadBigInteger();
        fields.EnsureAtEnd("A legacy transaction's field list");
        ulong? chainId;
        byte parity;
        if (v == 27 || v == 28)
        {
            chainId = null;
            parity = (byte)(v - 27);
        }
        else if (v >= 35)
        {
            var id = (v - 35) >> 1;
            if (id > ulong.MaxValue) throw new EthereumFormatException("The legacy transaction's chain id does not fit in 64 bits.");
            chainId = (ulong)id;
            parity = (byte)((v - 35) & 1);
        }
        else
        {
            throw new EthereumFormatException($"A legacy transaction's v must be 27, 28 or at least 35, not {v}.");
        }
        var transaction = new UnsignedTransaction
        {
            Type = TransactionType.Legacy,
            ChainId = chainId,
            Nonce = nonce,
            GasPrice = gasPrice,
            Gas = gas,
            To = to,
            Value = value,
            Data = data,
        };
        return (transaction, Signature.Create(r, s, parity));
    }

    private static (UnsignedTransaction, Signature) DecodeTyped(TransactionType type, ReadOnlySpan<byte> payload)
    {
        var outer = new RlpReader(payload);
        var fields = outer.ReadList();
        outer.EnsureAtEnd("A typed transaction");
        var chainId = fields.ReadUInt64();
        var nonce = fields.ReadUInt64();
        BigInteger? gasPrice = null, maxPriority = null, maxFee = null, maxFeePerBlobGas = null;
        if (type == TransactionType.AccessList)
        {
            gasPrice = fields.ReadBigInteger();
        }
        else
        {
            maxPriority = fields.ReadBigInteger();
            maxFee = fields.ReadBigInteger();
        }
        var gas = fields.ReadUInt64();
        var to = fields.ReadOptionalAddress();
        var value = fields.ReadBigInteger();
        var data = fields.ReadBytes().ToArray();
        var accessList = ReadAccessList(fields.ReadList());
        List<Hash32> blobHashes = [];
        List<Authorization> authorizations = [];
        if (type == TransactionType.Blob)
        {
            maxFeePerBlobGas = fields.ReadBigInteger();
            var hashes = fields.ReadList();
            while (!hashes.IsAtEnd) blobHashes.Add(hashes.ReadHash32());
        }
        else if (type == TransactionType.SetCode)
        {
            authorizations = ReadAuthorizationList(fields.ReadList());
        }
        var parity = fields.ReadUInt64();
        if (parity > 1) throw new EthereumFormatException($"A typed transaction's y parity must be 0 or 1, not {parity}.");
        var r = fields.ReadBigInteger();
        var s = fields.ReadBigInteger();
        fields.EnsureAtEnd($"A type {(byte)type} transaction's field list");
        var transaction = new UnsignedTransaction
        {
            Type = type,
            ChainId = chainId,
            Nonce = nonce,
            GasPrice = gasPrice,
            MaxPriorityFeePerGas = maxPriority,
            MaxFeePerGas = maxFee,
            Gas = gas,
            To = to,
            Value = value,
            Data = data,
            AccessList = accessList,
            MaxFeePerBlobGas = maxFeePerBlobGas,
            BlobVersionedHashes = blobHashes,
            AuthorizationList = authorizations,
        };
        return (transaction, Signature.Create(r, s, (byte)parity));
    }

    // EIP-7702 bounds: chain_id < 2^256, nonce < 2^64, 20-byte address, y_parity < 2^8, r and s < 2^256. A tuple whose
    // signature does not recover is skipped by the chain, not refused, so it decodes.
    private static List<Authorization> ReadAuthorizationList(RlpReader list)
    {
        var authorizations = new List<Authorization>();
        while (!list.IsAtEnd)
        {
            var tuple = list.ReadList();
            var chainId = tuple.ReadBigInteger();
            var address = tuple.ReadAddress();
            var nonce = tuple.ReadUInt64();
            var parity = (byte)tuple.ReadBigInteger(1);
            var r = tuple.ReadBigInteger();
            var s = tuple.ReadBigInteger();
            tuple.EnsureAtEnd("An authorization tuple");
            authorizations.Add(new Authorization(chainId, address, nonce, parity, r, s));
        }
        return authorizations;
    }

    /// <summary>Blob sizes of EIP-4844: a blob is 4096 field elements of 32 bytes, a commitment and a proof 48 bytes.</summary>
    private const int BlobSize = 131_072, KzgSize = 48, CellsPerBlob = 128;

    // The payload after 0x03 is either the canonical field list (its first item is the chain id, a string) or a network
    // wrapper whose first item is that field list. For a wrapper, returns the field list's encoding and the versioned
    // hashes of its commitments; otherwise the payload itself and null.
    private static ReadOnlySpan<byte> UnwrapBlobNetworkForm(ReadOnlySpan<byte> payload, out List<Hash32>? sidecarHashes)
    {
        sidecarHashes = null;
        var outer = new RlpReader(payload);
        var wrapper = outer.ReadList();
        outer.EnsureAtEnd("A blob transaction");
        if (wrapper.IsAtEnd || !wrapper.NextIsList) return payload;
        var body = wrapper.ReadEncodedItem();
        // EIP-4844: [tx, blobs, commitments, proofs]; EIP-7594 (PeerDAS): [tx, wrapper_version = 1, blobs, commitments, cell_proofs].
        bool versioned = !wrapper.IsAtEnd && !wrapper.NextIsList;
        ulong version = versioned ? wrapper.ReadUInt64() : 0;
        if (versioned && version != 1) throw new EthereumFormatException($"The blob transaction's network wrapper version {version} is not supported (only the unversioned EIP-4844 form and version 1).");
        int blobs = CountItems(wrapper.ReadList(), BlobSize, "blob");
        var commitments = wrapper.ReadList();
        var hashes = new List<Hash32>();
        Span<byte> digest = stackalloc byte[32];
        while (!commitments.IsAtEnd)
        {
            var commitment = commitments.ReadBytes();
            if (commitment.Length != KzgSize) throw new EthereumFormatException($"A KZG commitment is {KzgSize} bytes, not {commitment.Length}.");
            SHA256.HashData(commitment, digest);
            digest[0] = UnsignedTransaction.BlobVersionedHashVersion;
            hashes.Add(new Hash32(digest));
        }
        int proofs = CountItems(wrapper.ReadList(), KzgSize, "KZG proof");
        wrapper.EnsureAtEnd("A blob transaction's network wrapper");
        long expectedProofs = version == 0 ? blobs : (long)blobs * CellsPerBlob;
        if (hashes.Count != blobs || proofs != expectedProofs)
            throw new EthereumFormatException($"The blob sidecar has {blobs} blob(s), {hashes.Count} commitment(s) and {proofs} proof(s); a version {version} wrapper needs one commitment per blob and {(version == 0 ? "one proof" : $"{CellsPerBlob} cell proofs")} per blob.");
        sidecarHashes = hashes;
        return body;
    }

    private static int CountItems(RlpReader list, int size, string what)
    {
        int count = 0;
        while (!list.IsAtEnd)
        {
            var item = list.ReadBytes();
            if (item.Length != size) throw new EthereumFormatException($"A {what} is {size} bytes, not {item.Length}.");
            count++;
        }
        return count;
    }

    private static List<AccessListEntry> ReadAccessList(RlpReader list)
    {
        var entries = new List<AccessListEntry>();
        while (!list.IsAtEnd)
        {
            var entry = list.ReadList();
            var address = entry.ReadAddress();
            var keysReader = entry.ReadList();
            entry.EnsureAtEnd("An access list entry");
            var keys = new List<Hash32>();
            while (!keysReader.IsAtEnd) keys.Add(keysReader.ReadHash32());
            entries.Add(new AccessListEntry(address, keys));
        }
        return entries;
    }

    private static void WriteFields(RlpWriter writer, UnsignedTransaction transaction)
    {
        var type = transaction.Type;
        if (type != TransactionType.Legacy) writer.WriteUInt64(transaction.ChainId!.Value);
        writer.WriteUInt64(transaction.Nonce);
        if (type is TransactionType.Legacy or TransactionType.AccessList)
        {
            writer.WriteBigInteger(transaction.GasPrice!.Value);
        }
        else
        {
            writer.WriteBigInteger(transaction.MaxPriorityFeePerGas!.Value);
            writer.WriteBigInteger(transaction.MaxFeePerGas!.Value);
        }
        writer.WriteUInt64(transaction.Gas);
        if (transaction.To is { } to) writer.WriteAddress(to);
        else writer.WriteBytes([]);
        writer.WriteBigInteger(transaction.Value);
        writer.WriteBytes(transaction.Data.Span);
        if (type == TransactionType.Legacy) return;
        int list = writer.BeginList();
        foreach (var entry in transaction.AccessList)
        {
            int item = writer.BeginList();
            writer.WriteAddress(entry.Address);
            int keys = writer.BeginList();
            foreach (var key in entry.StorageKeys) writer.WriteHash(key);
            writer.EndList(keys);
            writer.EndList(item);
        }
        writer.EndList(list);
        if (type == TransactionType.Blob)
        {
            writer.WriteBigInteger(transaction.MaxFeePerBlobGas!.Value);
            int hashes = writer.BeginList();
            foreach (var hash in transaction.BlobVersionedHashes) writer.WriteHash(hash);
            writer.EndList(hashes);
        }
        else if (type == TransactionType.SetCode)
        {
            int authorizations = writer.BeginList();
            foreach (var authorization in transaction.AuthorizationList)
            {
                int tuple = writer.BeginList();
                writer.WriteBigInteger(authorization.ChainId);
                writer.WriteAddress(authorization.Address);
                writer.WriteUInt64(authorization.Nonce);
                writer.WriteUInt64(authorization.YParity);
                writer.WriteBigInteger(authorization.R);
                writer.WriteBigInteger(authorization.S);
                writer.EndList(tuple);
            }
            writer.EndList(authorizations);
        }
    }
}
