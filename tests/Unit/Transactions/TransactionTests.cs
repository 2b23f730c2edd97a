using System.Numerics;
using System.Text.Json;
using CsCheck;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rlp;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Ethereum.Transactions;

namespace LiquidStake.UnitTests.Transactions;

public class TransactionTests
{
    private static UnsignedTransaction FromVector(JsonElement v)
    {
        var type = (TransactionType)v.GetProperty("type").GetInt32();
        return new UnsignedTransaction
        {
            Type = type,
            ChainId = (ulong)v.GetProperty("chainId").GetInt64(),
            Nonce = (ulong)v.GetProperty("nonce").GetInt64(),
            Gas = (ulong)v.Big("gas"),
            To = v.GetProperty("to").ValueKind == JsonValueKind.Null ? null : Address.Parse(v.Str("to")),
            Value = v.Big("value"),
            Data = v.Bytes("data"),
            GasPrice = type == TransactionType.DynamicFee ? null : v.Big("gasPrice"),
            MaxFeePerGas = type == TransactionType.DynamicFee ? v.Big("maxFeePerGas") : null,
            MaxPriorityFeePerGas = type == TransactionType.DynamicFee ? v.Big("maxPriorityFeePerGas") : null,
            AccessList = v.GetProperty("accessList").EnumerateArray()
                .Select(e => new AccessListEntry(Address.Parse(e.Str("address")), e.GetProperty("storageKeys").EnumerateArray().Select(k => Hash32.Parse(k.GetString()!)).ToList()))
                .ToList(),
        };
    }

    [Fact]
    public void Vectors_sign_encode_hash_and_decode()
    {
        int count = 0;
        foreach (var v in CryptoVectors.Items("transactions"))
        {
            var tx = FromVector(v);
            Assert.Equal(v.Str("signingHash"), TransactionCodec.ComputeSigningHash(tx).ToString());
            using var signer = PrivateKeySigner.FromHex(v.Str("privateKey"));
            var signed = signer.SignTransaction(tx);
            Assert.Equal(v.Str("raw"), signed.RawHex);
            Assert.Equal(v.Str("hash"), signed.Hash.ToString());
            Assert.Equal(Address.Parse(v.Str("from")), signed.From);

            var decoded = TransactionCodec.Decode(v.Str("raw"));
            Assert.Equal(Address.Parse(v.Str("from")), decoded.From);
            Assert.Equal(v.Str("hash"), decoded.Hash.ToString());
            Assert.Equal(signed.Signature, decoded.Signature);
            Assert.Equal(v.Str("raw"), Hex.Encode(TransactionCodec.EncodeSigned(decoded.Transaction, decoded.Signature)));
            Assert.Equal(tx.Type, decoded.Transaction.Type);
            Assert.Equal(tx.ChainId, decoded.Transaction.ChainId);
            Assert.Equal(tx.AccessList.Count, decoded.Transaction.AccessList.Count);
            count++;
        }
        Assert.Equal(48, count);
    }

    [Fact]
    public void Eip155_example_from_the_eip()
    {
        var tx = new UnsignedTransaction
        {
            Type = TransactionType.Legacy,
            ChainId = 1,
            Nonce = 9,
            GasPrice = 20_000_000_000,
            Gas = 21000,
            To = Address.Parse("0x3535353535353535353535353535353535353535"),
            Value = BigInteger.Pow(10, 18),
        };
        Assert.Equal(
            "0xec098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a764000080018080",
            Hex.Encode(TransactionCodec.EncodeForSigning(tx)));
        Assert.Equal("0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53", TransactionCodec.ComputeSigningHash(tx).ToString());
        using var signer = PrivateKeySigner.FromHex("0x" + string.Concat(Enumerable.Repeat("46", 32)));
        var signed = signer.SignTransaction(tx);
        Assert.Equal(CryptoVectors.Root.GetProperty("eip155Example").Str("raw"), signed.RawHex);
        Assert.Equal(37, (int)signed.Signature.GetLegacyV(1));
        Assert.Equal(
            BigInteger.Parse("18515461264373351373200002665853028612451056578545711640558177340181847433846", System.Globalization.CultureInfo.InvariantCulture),
            signed.Signature.R);
    }

    [Fact]
    public void Decodes_pre_eip155_legacy_transactions()
    {
        foreach (var v in CryptoVectors.Items("preEip155"))
        {
            var decoded = TransactionCodec.Decode(v.Str("raw"));
            Assert.Null(decoded.Transaction.ChainId);
            Assert.Equal(Address.Parse(v.Str("from")), decoded.From);
            Assert.Equal(v.Str("hash"), decoded.Hash.ToString());
            Assert.Equal(v.Str("raw"), Hex.Encode(TransactionCodec.EncodeSigned(decoded.Transaction, decoded.Signature)));
        }
    }

    [Fact]
    public void Strict_decoding_refuses_bad_envelopes()
    {
        var raw = Hex.Decode(CryptoVectors.Items("transactions").First(v => v.GetProperty("type").GetInt32() == 2).Str("raw"));
        Assert.Throws<RlpException>(() => TransactionCodec.Decode([.. raw, 0x00]));
        var wrongType = raw.ToArray();
        wrongType[0] = 0x05;
        Assert.Contains("not supported", Assert.Throws<EthereumFormatException>(() => TransactionCodec.Decode(wrongType)).Message, StringComparison.Ordinal);
        var asType1 = raw.ToArray();
        asType1[0] = 0x01;
        Assert.ThrowsAny<EthereumFormatException>(() => TransactionCodec.Decode(asType1));
        Assert.Throws<EthereumFormatException>(() => TransactionCodec.Decode(ReadOnlySpan<byte>.Empty));
        Assert.Throws<EthereumFormatException>(() => TransactionCodec.Decode([0x80]));

        // An extra field after s.
        var decoded = TransactionCodec.Decode(raw);
        var reader = new RlpReader(raw.AsSpan(1));
        var fields = reader.ReadList();
        var writer = new RlpWriter();
        writer.WriteEncoded([0x02]);
        int list = writer.BeginList();
        while (!fields.IsAtEnd) writer.WriteEncoded(fields.ReadEncodedItem());
        writer.WriteUInt64(1);
        writer.EndList(list);
        Assert.Contains("trailing", Assert.Throws<RlpException>(() => TransactionCodec.Decode(writer.WrittenSpan)).Message, StringComparison.Ordinal);

        // A high-s signature is refused (EIP-2).
        var high = new Signature(decoded.Signature.R, Secp256k1.N - decoded.Signature.S, (byte)(decoded.Signature.YParity ^ 1));
        var highRaw = TransactionCodec.EncodeSigned(decoded.Transaction, high);
        Assert.Contains("EIP-2", Assert.Throws<EthereumFormatException>(() => TransactionCodec.Decode(highRaw)).Message, StringComparison.Ordinal);
        Assert.Throws<EthereumFormatException>(() => TransactionCodec.Assemble(decoded.Transaction, high));
    }

    [Fact]
    public void Legacy_v_values_below_35_other_than_27_28_are_refused()
    {
        var raw = Hex.Decode(CryptoVectors.Items("preEip155").First().Str("raw"));
        var reader = new RlpReader(raw);
        var fields = reader.ReadList();
        var writer = new RlpWriter();
        int list = writer.BeginList();
        for (int i = 0; i < 6; i++) writer.WriteEncoded(fields.ReadEncodedItem());
        fields.ReadEncodedItem();
        writer.WriteUInt64(30);
        writer.WriteEncoded(fields.ReadEncodedItem());
        writer.WriteEncoded(fields.ReadEncodedItem());
        writer.EndList(list);
        Assert.Contains("v must be", Assert.Throws<EthereumFormatException>(() => TransactionCodec.Decode(writer.WrittenSpan)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromRequest_names_the_missing_field()
    {
        var full = new TransactionRequest
        {
            To = Address.Zero,
            ChainId = 1,
            Nonce = 0,
            Gas = 21000,
            MaxFeePerGas = 10,
            MaxPriorityFeePerGas = 1,
        };
        var tx = UnsignedTransaction.FromRequest(full);
        Assert.Equal(TransactionType.DynamicFee, tx.Type);
        Assert.Equal("ChainId", Assert.Throws<LiquidStakeArgumentException>(() => UnsignedTransaction.FromRequest(full with { ChainId = null })).ParamName);
        Assert.Equal("Nonce", Assert.Throws<LiquidStakeArgumentException>(() => UnsignedTransaction.FromRequest(full with { Nonce = null })).ParamName);
        Assert.Equal("Gas", Assert.Throws<LiquidStakeArgumentException>(() => UnsignedTransaction.FromRequest(full with { Gas = null })).ParamName);
        Assert.Equal("MaxFeePerGas", Assert.Throws<LiquidStakeArgumentException>(() => UnsignedTransaction.FromRequest(full with { MaxFeePerGas = null })).ParamName);
        Assert.Equal("MaxPriorityFeePerGas", Assert.Throws<LiquidStakeArgumentException>(() => UnsignedTransaction.FromRequest(full with { MaxPriorityFeePerGas = null })).ParamName);
        var legacy = full with { Type = 0, MaxFeePerGas = null, MaxPriorityFeePerGas = null };
        Assert.Equal("GasPrice", Assert.Throws<LiquidStakeArgumentException>(() => UnsignedTransaction.FromRequest(legacy)).ParamName);
        Assert.Equal(TransactionType.Legacy, UnsignedTransaction.FromRequest(legacy with { GasPrice = 5 }).Type);
        Assert.Equal("Type", Assert.Throws<LiquidStakeArgumentException>(() => UnsignedTransaction.FromRequest(full with { Type = 3 })).ParamName);
    }

    [Fact]
    public void Assemble_recovers_the_sender_of_an_external_signature()
    {
        using var signer = PrivateKeySigner.CreateRandom();
        var tx = new UnsignedTransaction { ChainId = 560048, Nonce = 3, Gas = 50000, MaxFeePerGas = 100, MaxPriorityFeePerGas = 2, Value = 7, To = Address.Zero };
        var signature = signer.SignHash(TransactionCodec.ComputeSigningHash(tx));
        var assembled = TransactionCodec.Assemble(tx, signature);
        Assert.Equal(signer.Address, assembled.From);
        Assert.Equal(signer.SignTransaction(tx).RawHex, assembled.RawHex);
    }

    private static readonly Gen<UnsignedTransaction> TransactionGen =
        Gen.Select(Gen.Int[0, 2], Gen.ULong, Gen.ULong, Gen.ULong[1, 100_000], Gen.Byte.Array[0, 100], Gen.Bool, Gen.Byte.Array[32])
            .Select(Gen.Int[0, 3], (t, accessCount) =>
            {
                var (type, nonce, gas, chainId, data, create, seed) = t;
                var fee = new BigInteger(seed.AsSpan(0, 1 + seed[0] % 31), isUnsigned: true);
                var access = Enumerable.Range(0, type == 0 ? 0 : accessCount)
                    .Select(i => new AccessListEntry(new Address(seed.AsSpan(i, 20)), Enumerable.Range(0, i).Select(_ => new Hash32(seed)).ToList()))
                    .ToList();
                return new UnsignedTransaction
                {
                    Type = (TransactionType)type,
                    ChainId = chainId,
                    Nonce = nonce,
                    Gas = gas,
                    To = create ? null : new Address(seed.AsSpan(12, 20)),
                    Value = fee * 3,
                    Data = data,
                    GasPrice = type == 2 ? null : fee,
                    MaxFeePerGas = type == 2 ? fee + 1 : null,
                    MaxPriorityFeePerGas = type == 2 ? fee : null,
                    AccessList = access,
                };
            });

    [Fact]
    public void Property_encode_decode_round_trip()
    {
        using var signer = PrivateKeySigner.FromHex("0x" + new string('7', 64));
        TransactionGen.Sample(tx =>
        {
            var signed = signer.SignTransaction(tx);
            var decoded = TransactionCodec.Decode(signed.Raw.Span);
            Assert.Equal(signer.Address, decoded.From);
            Assert.Equal(signed.Hash, decoded.Hash);
            Assert.Equal(signed.RawHex, Hex.Encode(TransactionCodec.EncodeSigned(decoded.Transaction, decoded.Signature)));
            Assert.Equal(tx.Nonce, decoded.Transaction.Nonce);
            Assert.Equal(tx.Value, decoded.Transaction.Value);
            Assert.Equal(tx.To, decoded.Transaction.To);
            Assert.True(tx.Data.Span.SequenceEqual(decoded.Transaction.Data.Span));
        }, iter: 200);
    }
}
