using System.Numerics;
using LiquidStake.Ethereum.Crypto;
using LiquidStake.Ethereum.Rlp;
using LiquidStake.Ethereum.Signing;

namespace LiquidStake.Ethereum.Transactions;

/// <summary>
/// Encodes transactions for signing and for the network (legacy with EIP-155, EIP-2930 and EIP-1559 envelopes),
/// and strictly decodes raw signed transactions, recovering the sender.
/// </summary>
public static class TransactionCodec
{
    /// <summary>The payload whose Keccak-256 is signed.</summary>
    public static byte[] EncodeForSigning(UnsignedTransaction transaction) => Encode(transaction, null);

    /// <summary>Keccak-256 of <see cref="EncodeForSigning"/>: the hash a signer signs.</summary>
    public static Hash32 ComputeSigningHash(UnsignedTransaction transaction) => Keccak256.ComputeHash32(EncodeForSigning(transaction));

    /// <summary>The network encoding of a signed transaction (what <c>eth_sendRawTransaction</c> takes).</summary>
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

    /// <summary>Decodes a raw signed transaction (legacy, type 1 or type 2) and recovers its sender.</summary>
    /// <exception cref="EthereumFormatException">
    /// Unknown type byte, malformed or non-canonical RLP, missing or extra fields, trailing bytes, high s or a
    /// signature that does not recover (<see cref="RlpException"/> for RLP-level errors).
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
        else if (first is 1 or 2)
        {
            (transaction, signature) = DecodeTyped((TransactionType)first, raw[1..]);
        }
        else if (first < 0x80)
        {
            throw new EthereumFormatException($"Transaction type 0x{first:x2} is not supported (only legacy, 0x01 and 0x02).");
        }
        else
        {
            throw new EthereumFormatException($"A raw transaction must start with a type byte or an RLP list, not 0x{first:x2}.");
        }
        if (!signature.IsLowS) throw new EthereumFormatException("The transaction signature has s > n/2, which Ethereum refuses (EIP-2).");
        var from = Secp256k1.Recover(ComputeSigningHash(transaction), signature);
        return new SignedTransaction(transaction, signature, raw.ToArray(), Keccak256.ComputeHash32(raw), from);
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
        BigInteger? gasPrice = null, maxPriority = null, maxFee = null;
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
        };
        return (transaction, Signature.Create(r, s, (byte)parity));
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
        if (transaction.Type != TransactionType.Legacy) writer.WriteUInt64(transaction.ChainId!.Value);
        writer.WriteUInt64(transaction.Nonce);
        if (transaction.Type == TransactionType.DynamicFee)
        {
            writer.WriteBigInteger(transaction.MaxPriorityFeePerGas!.Value);
            writer.WriteBigInteger(transaction.MaxFeePerGas!.Value);
        }
        else
        {
            writer.WriteBigInteger(transaction.GasPrice!.Value);
        }
        writer.WriteUInt64(transaction.Gas);
        if (transaction.To is { } to) writer.WriteAddress(to);
        else writer.WriteBytes([]);
        writer.WriteBigInteger(transaction.Value);
        writer.WriteBytes(transaction.Data.Span);
        if (transaction.Type == TransactionType.Legacy) return;
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
    }
}
