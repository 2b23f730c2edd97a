using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json;
using CsCheck;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Crypto;
using LiquidStake.Ethereum.Rlp;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Ethereum.Transactions;

namespace LiquidStake.UnitTests.Transactions;

/// <summary>EIP-4844 (type 3) and EIP-7702 (type 4) transactions and authorizations against viem's vectors (gen-crypto-txtypes.mjs).</summary>
public class BlobAndSetCodeTransactionTests
{
    private static readonly Address Recipient = Address.Parse("0x00000000000000000000000000000000000000aa");
    private static readonly Hash32 BlobHash = Hash32.Parse("0x01" + new string('2', 62));

    private static UnsignedTransaction FromVector(JsonElement v)
    {
        var type = (TransactionType)v.GetProperty("type").GetInt32();
        return new UnsignedTransaction
        {
            Type = type,
            ChainId = (ulong)v.GetProperty("chainId").GetInt64(),
            Nonce = (ulong)v.GetProperty("nonce").GetInt64(),
            Gas = (ulong)v.Big("gas"),
            To = Address.Parse(v.Str("to")),
            Value = v.Big("value"),
            Data = v.Bytes("data"),
            MaxFeePerGas = v.Big("maxFeePerGas"),
            MaxPriorityFeePerGas = v.Big("maxPriorityFeePerGas"),
            AccessList = v.GetProperty("accessList").EnumerateArray()
                .Select(e => new AccessListEntry(Address.Parse(e.Str("address")), e.GetProperty("storageKeys").EnumerateArray().Select(k => Hash32.Parse(k.GetString()!)).ToList()))
                .ToList(),
            MaxFeePerBlobGas = type == TransactionType.Blob ? v.Big("maxFeePerBlobGas") : null,
            BlobVersionedHashes = type == TransactionType.Blob ? v.GetProperty("blobVersionedHashes").EnumerateArray().Select(h => Hash32.Parse(h.GetString()!)).ToList() : [],
            AuthorizationList = type == TransactionType.SetCode ? v.GetProperty("authorizationList").EnumerateArray().Select(AuthorizationFromVector).ToList() : [],
        };
    }

    private static Authorization AuthorizationFromVector(JsonElement a) => new(
        a.Big("chainId"), Address.Parse(a.Str("address")), (ulong)a.GetProperty("nonce").GetInt64(),
        (byte)a.GetProperty("yParity").GetInt32(), a.Big("r"), a.Big("s"));

    /// <summary>decode(encode(tx)) == tx field by field: the record compares lists and calldata by reference.</summary>
    internal static void AssertSameTransaction(UnsignedTransaction expected, UnsignedTransaction actual)
    {
        Assert.Equal(expected.Data.ToArray(), actual.Data.ToArray());
        Assert.Equal(expected.AccessList.Count, actual.AccessList.Count);
        for (int i = 0; i < expected.AccessList.Count; i++)
        {
            Assert.Equal(expected.AccessList[i].Address, actual.AccessList[i].Address);
            Assert.Equal(expected.AccessList[i].StorageKeys, actual.AccessList[i].StorageKeys);
        }
        Assert.Equal(expected.BlobVersionedHashes, actual.BlobVersionedHashes);
        Assert.Equal(expected.AuthorizationList, actual.AuthorizationList);
        // Every scalar field, including any added later, through the record's equality.
        Assert.Equal(expected, actual with
        {
            Data = expected.Data,
            AccessList = expected.AccessList,
            BlobVersionedHashes = expected.BlobVersionedHashes,
            AuthorizationList = expected.AuthorizationList,
        });
    }

    private static void CheckVector(JsonElement v)
    {
        var tx = FromVector(v);
        Assert.Equal(v.Str("unsigned"), Hex.Encode(TransactionCodec.EncodeForSigning(tx)));
        Assert.Equal(v.Str("signingHash"), TransactionCodec.ComputeSigningHash(tx).ToString());
        using var signer = PrivateKeySigner.FromHex(v.Str("privateKey"));
        var signed = signer.SignTransaction(tx);
        Assert.Equal(v.Str("raw"), signed.RawHex);
        Assert.Equal(v.Str("hash"), signed.Hash.ToString());
        Assert.Equal(Address.Parse(v.Str("from")), signed.From);
        Assert.Equal(v.Big("r"), signed.Signature.R);
        Assert.Equal(v.Big("s"), signed.Signature.S);
        Assert.Equal(v.GetProperty("yParity").GetInt32(), signed.Signature.YParity);

        var decoded = TransactionCodec.Decode(v.Str("raw"));
        Assert.Equal(Address.Parse(v.Str("from")), decoded.From);
        Assert.Equal(v.Str("hash"), decoded.Hash.ToString());
        Assert.Equal(v.Str("raw"), decoded.RawHex);
        Assert.Equal(signed.Signature, decoded.Signature);
        AssertSameTransaction(tx, decoded.Transaction);
        Assert.Equal(v.Str("raw"), Hex.Encode(TransactionCodec.EncodeSigned(decoded.Transaction, decoded.Signature)));
    }

    [Fact]
    public void Blob_transaction_vectors_sign_encode_hash_and_decode()
    {
        var vectors = CryptoVectors.Items("blobTransactions").ToList();
        foreach (var v in vectors) CheckVector(v);
        Assert.Equal(15, vectors.Count);
        Assert.Contains(vectors, v => v.GetProperty("blobVersionedHashes").GetArrayLength() > 1);
    }

    [Fact]
    public void Set_code_transaction_vectors_sign_encode_hash_and_decode()
    {
        var vectors = CryptoVectors.Items("setCodeTransactions").ToList();
        foreach (var v in vectors) CheckVector(v);
        Assert.Equal(15, vectors.Count);
        var authorizations = vectors.SelectMany(v => v.GetProperty("authorizationList").EnumerateArray()).Select(AuthorizationFromVector).ToList();
        Assert.Contains(authorizations, a => a.ChainId.IsZero);
        // A tuple whose y parity cannot recover still travels unchanged (the chain skips it); recovering it is refused.
        var unrecoverable = Assert.Single(authorizations, a => a.YParity > 1);
        Assert.Null(unrecoverable.GetSignature());
        Assert.Contains("y parity", Assert.Throws<EthereumFormatException>(() => unrecoverable.RecoverAuthority()).Message, StringComparison.Ordinal);
        foreach (var a in authorizations.Where(a => a.YParity <= 1))
        {
            Assert.True(Secp256k1.Verify(a.ComputeDigest(), a.GetSignature()!.Value, a.RecoverAuthority()));
        }
    }

    [Fact]
    public void Authorization_vectors_digest_sign_and_recover()
    {
        var vectors = CryptoVectors.Items("authorizations").ToList();
        Assert.Equal(18, vectors.Count);
        foreach (var v in vectors)
        {
            var chainId = v.Big("chainId");
            var address = Address.Parse(v.Str("address"));
            var nonce = (ulong)v.GetProperty("nonce").GetInt64();
            var authority = Address.Parse(v.Str("authority"));
            Assert.Equal(v.Str("digest"), AuthorizationSigning.ComputeDigest(chainId, address, nonce).ToString());
            Assert.Equal(v.Str("digest"), Keccak256.ComputeHash32(AuthorizationSigning.EncodeForSigning(chainId, address, nonce)).ToString());

            var expected = new Authorization(chainId, address, nonce, (byte)v.GetProperty("yParity").GetInt32(), v.Big("r"), v.Big("s"));
            var key = Hex.Decode(v.Str("privateKey"));
            Assert.Equal(expected, AuthorizationSigning.Sign(chainId, address, nonce, key));
            using var signer = new PrivateKeySigner(key);
            Assert.Equal(expected, signer.SignAuthorization(chainId, address, nonce));
            Assert.Equal(authority, expected.RecoverAuthority());
            Assert.Equal(authority, AuthorizationSigning.Recover(expected));
        }
        Assert.Contains(vectors, v => v.Big("chainId") > ulong.MaxValue);
    }

    [Fact]
    public void Authorization_digest_is_0x05_then_rlp_of_chain_id_address_nonce()
    {
        var address = Address.Parse("0x1111111111111111111111111111111111111111");
        // rlp([1, 0x11..11, 7]) = 0xd7 01 94 <20 bytes> 07
        Assert.Equal("0x05d70194" + new string('1', 40) + "07", Hex.Encode(AuthorizationSigning.EncodeForSigning(1, address, 7)));
        Assert.Equal("chainId", Assert.Throws<LiquidStakeArgumentException>(() => AuthorizationSigning.ComputeDigest(-1, address, 0)).ParamName);
        Assert.Equal("chainId", Assert.Throws<LiquidStakeArgumentException>(() => AuthorizationSigning.ComputeDigest(BigInteger.One << 256, address, 0)).ParamName);
    }

    [Fact]
    public void Authorization_with_high_s_is_not_recovered()
    {
        using var signer = PrivateKeySigner.FromHex("0x" + new string('3', 64));
        var signed = signer.SignAuthorization(1, Recipient, 5);
        Assert.Equal(signer.Address, signed.RecoverAuthority());
        var high = signed with { S = Secp256k1.N - signed.S, YParity = (byte)(signed.YParity ^ 1) };
        Assert.Null(high.GetSignature());
        Assert.Contains("EIP-7702", Assert.Throws<EthereumFormatException>(() => high.RecoverAuthority()).Message, StringComparison.Ordinal);
        Assert.Throws<EthereumFormatException>(() => (signed with { R = 0 }).RecoverAuthority());
    }

    // ---- Network form of a blob transaction

    private static byte[] Blob(int k)
    {
        var blob = new byte[131_072];
        for (int j = 0; j < blob.Length; j++) blob[j] = j % 32 == 0 ? (byte)0 : (byte)((j * 7 + k) % 256);
        return blob;
    }

    private static byte[] Wrap(ReadOnlySpan<byte> canonicalRaw, ulong? version, IReadOnlyList<byte[]> blobs, IReadOnlyList<byte[]> commitments, IReadOnlyList<byte[]> proofs)
    {
        var writer = new RlpWriter(300_000);
        writer.WriteEncoded([0x03]);
        int wrapper = writer.BeginList();
        writer.WriteEncoded(canonicalRaw[1..]);
        if (version is { } v) writer.WriteUInt64(v);
        foreach (var items in new[] { blobs, commitments, proofs })
        {
            int list = writer.BeginList();
            foreach (var item in items) writer.WriteBytes(item);
            writer.EndList(list);
        }
        writer.EndList(wrapper);
        return writer.ToArray();
    }

    [Fact]
    public void Blob_network_wrapper_decodes_to_the_canonical_transaction()
    {
        var v = CryptoVectors.Root.GetProperty("blobNetworkWrapper");
        var raw = v.Bytes("raw");
        var commitments = v.GetProperty("commitments").EnumerateArray().Select(c => Hex.Decode(c.GetString()!)).ToList();
        var proofs = v.GetProperty("proofs").EnumerateArray().Select(c => Hex.Decode(c.GetString()!)).ToList();
        var blobs = Enumerable.Range(0, commitments.Count).Select(Blob).ToList();
        var network = Wrap(raw, null, blobs, commitments, proofs);
        // The wrapper built here is byte for byte viem's.
        Assert.Equal(v.GetProperty("networkRawLength").GetInt32(), network.Length);
        Assert.Equal(v.Str("networkRawKeccak"), Keccak256.ComputeHash32(network).ToString());

        var decoded = TransactionCodec.Decode(network);
        Assert.Equal(v.Str("raw"), decoded.RawHex);
        Assert.Equal(v.Str("hash"), decoded.Hash.ToString());
        Assert.Equal(Address.Parse(v.Str("from")), decoded.From);
        Assert.Equal(v.GetProperty("blobVersionedHashes").EnumerateArray().Select(h => Hash32.Parse(h.GetString()!)), decoded.Transaction.BlobVersionedHashes);
        Assert.Equal(decoded.RawHex, TransactionCodec.Decode(raw).RawHex);

        // EIP-7594 (PeerDAS) wrapper: version 1 and 128 cell proofs per blob.
        var cellProofs = Enumerable.Range(0, 128 * blobs.Count).Select(i => Enumerable.Repeat((byte)i, 48).ToArray()).ToList();
        Assert.Equal(v.Str("hash"), TransactionCodec.Decode(Wrap(raw, 1, blobs, commitments, cellProofs)).Hash.ToString());

        // Sidecars that do not fit the transaction are refused.
        var otherCommitment = commitments.Select(c => c.ToArray()).ToList();
        otherCommitment[1][0] ^= 1;
        Assert.Contains("do not match", Assert.Throws<EthereumFormatException>(() => TransactionCodec.Decode(Wrap(raw, null, blobs, otherCommitment, proofs))).Message, StringComparison.Ordinal);
        Assert.Contains("proof", Assert.Throws<EthereumFormatException>(() => TransactionCodec.Decode(Wrap(raw, null, blobs, commitments, proofs.Take(1).ToList()))).Message, StringComparison.Ordinal);
        Assert.Contains("proof", Assert.Throws<EthereumFormatException>(() => TransactionCodec.Decode(Wrap(raw, 1, blobs, commitments, proofs))).Message, StringComparison.Ordinal);
        Assert.Contains("version 2", Assert.Throws<EthereumFormatException>(() => TransactionCodec.Decode(Wrap(raw, 2, blobs, commitments, cellProofs))).Message, StringComparison.Ordinal);
        Assert.Contains("131072", Assert.Throws<EthereumFormatException>(() => TransactionCodec.Decode(Wrap(raw, null, [blobs[0], blobs[1][..100]], commitments, proofs))).Message, StringComparison.Ordinal);
    }

    // ---- Validation

    private static UnsignedTransaction BlobTx() => new()
    {
        Type = TransactionType.Blob,
        ChainId = 1,
        Nonce = 1,
        Gas = 21000,
        To = Recipient,
        MaxFeePerGas = 10,
        MaxPriorityFeePerGas = 1,
        MaxFeePerBlobGas = 3,
        BlobVersionedHashes = [BlobHash],
    };

    private static readonly Authorization SomeAuthorization = new(1, Recipient, 0, 0, 1, 1);

    private static UnsignedTransaction SetCodeTx() => new()
    {
        Type = TransactionType.SetCode,
        ChainId = 1,
        Nonce = 1,
        Gas = 60000,
        To = Recipient,
        MaxFeePerGas = 10,
        MaxPriorityFeePerGas = 1,
        AuthorizationList = [SomeAuthorization],
    };

    private static string Refused(UnsignedTransaction tx) => Assert.Throws<LiquidStakeArgumentException>(tx.Validate).ParamName!;

    [Fact]
    public void Validate_names_the_field_a_blob_transaction_gets_wrong()
    {
        BlobTx().Validate();
        Assert.Equal("MaxFeePerBlobGas", Refused(BlobTx() with { MaxFeePerBlobGas = null }));
        Assert.Equal("MaxFeePerBlobGas", Refused(BlobTx() with { MaxFeePerBlobGas = -1 }));
        Assert.Equal("MaxFeePerBlobGas", Refused(BlobTx() with { MaxFeePerBlobGas = BigInteger.One << 256 }));
        Assert.Equal("To", Refused(BlobTx() with { To = null }));
        Assert.Equal("BlobVersionedHashes", Refused(BlobTx() with { BlobVersionedHashes = [] }));
        var badVersion = Assert.Throws<LiquidStakeArgumentException>((BlobTx() with { BlobVersionedHashes = [BlobHash, Hash32.Parse("0x02" + new string('0', 62))] }).Validate);
        Assert.Equal("BlobVersionedHashes", badVersion.ParamName);
        Assert.Contains("hash 1", badVersion.Message, StringComparison.Ordinal);
        Assert.Contains("0x02", badVersion.Message, StringComparison.Ordinal);
        Assert.Equal("GasPrice", Refused(BlobTx() with { GasPrice = 1 }));
        Assert.Equal("MaxFeePerGas", Refused(BlobTx() with { MaxFeePerGas = null }));
        Assert.Equal("AuthorizationList", Refused(BlobTx() with { AuthorizationList = [SomeAuthorization] }));
        Assert.Equal("ChainId", Refused(BlobTx() with { ChainId = null }));
    }

    [Fact]
    public void Validate_names_the_field_a_set_code_transaction_gets_wrong()
    {
        SetCodeTx().Validate();
        Assert.Equal("To", Refused(SetCodeTx() with { To = null }));
        Assert.Equal("AuthorizationList", Refused(SetCodeTx() with { AuthorizationList = [] }));
        Assert.Equal("AuthorizationList[0].ChainId", Refused(SetCodeTx() with { AuthorizationList = [SomeAuthorization with { ChainId = -1 }] }));
        Assert.Equal("AuthorizationList[1].R", Refused(SetCodeTx() with { AuthorizationList = [SomeAuthorization, SomeAuthorization with { R = BigInteger.One << 256 }] }));
        Assert.Equal("AuthorizationList[0].S", Refused(SetCodeTx() with { AuthorizationList = [SomeAuthorization with { S = -5 }] }));
        Assert.Equal("MaxFeePerBlobGas", Refused(SetCodeTx() with { MaxFeePerBlobGas = 1 }));
        Assert.Equal("BlobVersionedHashes", Refused(SetCodeTx() with { BlobVersionedHashes = [BlobHash] }));
        Assert.Equal("GasPrice", Refused(SetCodeTx() with { GasPrice = 2 }));
        // An unrecoverable tuple (y parity 2, s = 1) is still a valid transaction: the chain only skips that tuple.
        (SetCodeTx() with { AuthorizationList = [SomeAuthorization with { YParity = 2 }] }).Validate();
    }

    [Fact]
    public void Older_types_refuse_the_new_fields_and_signing_validates_first()
    {
        var eip1559 = new UnsignedTransaction { ChainId = 1, Gas = 21000, To = Recipient, MaxFeePerGas = 2, MaxPriorityFeePerGas = 1 };
        eip1559.Validate();
        Assert.Equal("MaxFeePerBlobGas", Refused(eip1559 with { MaxFeePerBlobGas = 1 }));
        Assert.Equal("BlobVersionedHashes", Refused(eip1559 with { BlobVersionedHashes = [BlobHash] }));
        Assert.Equal("AuthorizationList", Refused(eip1559 with { AuthorizationList = [SomeAuthorization] }));
        Assert.Equal("Type", Refused(eip1559 with { Type = (TransactionType)5 }));
        using var signer = PrivateKeySigner.FromHex("0x" + new string('5', 64));
        Assert.Throws<LiquidStakeArgumentException>(() => signer.SignTransaction(BlobTx() with { BlobVersionedHashes = [] }));
    }

    [Fact]
    public void Decoding_refuses_type_3_and_4_envelopes_the_chain_refuses()
    {
        using var signer = PrivateKeySigner.FromHex("0x" + new string('6', 64));
        // Re-encode a signed transaction with one field replaced: the signature no longer matches, but the fields are
        // checked before the sender is recovered, so the error names the field.
        byte[] Tamper(UnsignedTransaction tx, int field, Action<RlpWriter> write)
        {
            var raw = signer.SignTransaction(tx).Raw.ToArray();
            var fields = new RlpReader(raw.AsSpan(1)).ReadList();
            var writer = new RlpWriter();
            writer.WriteEncoded([raw[0]]);
            int list = writer.BeginList();
            for (int i = 0; !fields.IsAtEnd; i++)
            {
                var item = fields.ReadEncodedItem();
                if (i == field) write(writer);
                else writer.WriteEncoded(item);
            }
            writer.EndList(list);
            return writer.ToArray();
        }

        var noRecipient = Tamper(BlobTx(), 5, w => w.WriteBytes([]));
        var e = Assert.Throws<EthereumFormatException>(() => TransactionCodec.Decode(noRecipient));
        Assert.Contains("To", e.Message, StringComparison.Ordinal);
        Assert.IsType<LiquidStakeArgumentException>(e.InnerException);
        Assert.Contains("at least one", Assert.Throws<EthereumFormatException>(() => TransactionCodec.Decode(Tamper(BlobTx(), 10, w => w.WriteEncoded([0xc0])))).Message, StringComparison.Ordinal);
        Assert.Contains("at least one", Assert.Throws<EthereumFormatException>(() => TransactionCodec.Decode(Tamper(SetCodeTx(), 9, w => w.WriteEncoded([0xc0])))).Message, StringComparison.Ordinal);
        Assert.Contains("set-code", Assert.Throws<EthereumFormatException>(() => TransactionCodec.Decode(Tamper(SetCodeTx(), 5, w => w.WriteBytes([])))).Message, StringComparison.Ordinal);
        // An authorization tuple with a seventh field, or a y parity above a byte.
        Assert.Throws<RlpException>(() => TransactionCodec.Decode(Tamper(SetCodeTx(), 9, w =>
        {
            int l = w.BeginList();
            int t = w.BeginList();
            w.WriteUInt64(1); w.WriteAddress(Recipient); w.WriteUInt64(0); w.WriteUInt64(0); w.WriteUInt64(1); w.WriteUInt64(1); w.WriteUInt64(1);
            w.EndList(t);
            w.EndList(l);
        })));
        Assert.Throws<RlpException>(() => TransactionCodec.Decode(Tamper(SetCodeTx(), 9, w =>
        {
            int l = w.BeginList();
            int t = w.BeginList();
            w.WriteUInt64(1); w.WriteAddress(Recipient); w.WriteUInt64(0); w.WriteUInt64(256); w.WriteUInt64(1); w.WriteUInt64(1);
            w.EndList(t);
            w.EndList(l);
        })));
        Assert.Contains("not supported", Assert.Throws<EthereumFormatException>(() => TransactionCodec.Decode([0x05, 0xc0])).Message, StringComparison.Ordinal);
    }

    // ---- Round-trip properties

    private static readonly Gen<BigInteger> UInt256Gen = Gen.Byte.Array[0, 32].Select(b => new BigInteger(b, isUnsigned: true, isBigEndian: true));

    private static readonly Gen<Authorization> AuthorizationGen =
        Gen.Select(UInt256Gen, Gen.Byte.Array[20], Gen.ULong, Gen.Byte, UInt256Gen, UInt256Gen)
            .Select(t => new Authorization(t.Item1, new Address(t.Item2), t.Item3, t.Item4, t.Item5, t.Item6));

    private static readonly Gen<UnsignedTransaction> TypedTransactionGen =
        Gen.Select(Gen.Int[3, 4], Gen.ULong, Gen.ULong, Gen.ULong[1, 100_000], Gen.Byte.Array[0, 100], Gen.Byte.Array[32], UInt256Gen)
            .Select(Gen.Int[0, 3], Gen.Byte.Array[32].Array[1, 6], AuthorizationGen.Array[1, 4], (t, accessCount, hashes, authorizations) =>
            {
                var (type, nonce, gas, chainId, data, seed, blobFee) = t;
                var fee = new BigInteger(seed.AsSpan(0, 1 + seed[0] % 31), isUnsigned: true);
                foreach (var h in hashes) h[0] = UnsignedTransaction.BlobVersionedHashVersion;
                return new UnsignedTransaction
                {
                    Type = (TransactionType)type,
                    ChainId = chainId,
                    Nonce = nonce,
                    Gas = gas,
                    To = new Address(seed.AsSpan(12, 20)),
                    Value = fee * 3,
                    Data = data,
                    MaxFeePerGas = fee + 1,
                    MaxPriorityFeePerGas = fee,
                    AccessList = Enumerable.Range(0, accessCount)
                        .Select(i => new AccessListEntry(new Address(seed.AsSpan(i, 20)), Enumerable.Range(0, i).Select(_ => new Hash32(seed)).ToList()))
                        .ToList(),
                    MaxFeePerBlobGas = type == 3 ? blobFee : null,
                    BlobVersionedHashes = type == 3 ? hashes.Select(h => new Hash32(h)).ToList() : [],
                    AuthorizationList = type == 4 ? authorizations : [],
                };
            });

    [Fact]
    public void Property_type_3_and_4_encode_decode_round_trip()
    {
        using var signer = PrivateKeySigner.FromHex("0x" + new string('7', 64));
        TypedTransactionGen.Sample(tx =>
        {
            var signed = signer.SignTransaction(tx);
            Assert.Equal((byte)tx.Type, signed.Raw.Span[0]);
            var decoded = TransactionCodec.Decode(signed.Raw.Span);
            AssertSameTransaction(tx, decoded.Transaction);
            Assert.Equal(signer.Address, decoded.From);
            Assert.Equal(signed.Hash, decoded.Hash);
            Assert.Equal(signed.Signature, decoded.Signature);
            Assert.Equal(signed.RawHex, Hex.Encode(TransactionCodec.EncodeSigned(decoded.Transaction, decoded.Signature)));
        }, iter: 200);
    }

    [Fact]
    public void Property_authorizations_sign_and_recover()
    {
        Gen.Select(Gen.Byte.Array[32], UInt256Gen, Gen.Byte.Array[20], Gen.ULong).Sample((key, chainId, address, nonce) =>
        {
            if (!Secp256k1.IsValidPrivateKey(key)) return;
            var authorization = AuthorizationSigning.Sign(chainId, new Address(address), nonce, key);
            Assert.Equal(Secp256k1.GetAddress(key), authorization.RecoverAuthority());
            Assert.True(authorization.GetSignature()!.Value.IsLowS);
            // Another nonce or chain gives another digest, so the same signature recovers someone else.
            var replayed = authorization with { Nonce = unchecked(nonce + 1) };
            Assert.NotEqual(Secp256k1.GetAddress(key), SafeRecover(replayed));
        }, iter: 100);
    }

    private static Address? SafeRecover(Authorization authorization)
    {
        try
        {
            return authorization.RecoverAuthority();
        }
        catch (EthereumFormatException)
        {
            return null;
        }
    }

    [Fact]
    public void Blob_hash_version_is_sha256_of_the_commitment_with_byte_0x01()
    {
        // The rule the network-form decoder applies, checked against viem's commitmentToVersionedHash.
        var v = CryptoVectors.Root.GetProperty("blobNetworkWrapper");
        var commitments = v.GetProperty("commitments").EnumerateArray().Select(c => Hex.Decode(c.GetString()!)).ToList();
        var hashes = v.GetProperty("blobVersionedHashes").EnumerateArray().Select(h => h.GetString()!).ToList();
        for (int i = 0; i < commitments.Count; i++)
        {
            var digest = SHA256.HashData(commitments[i]);
            digest[0] = 0x01;
            Assert.Equal(hashes[i], Hex.Encode(digest));
        }
    }
}
