using System.Numerics;
using CsCheck;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Crypto;
using LiquidStake.Ethereum.Signing;

namespace LiquidStake.UnitTests.Signing;

public class SigningTests
{
    [Fact]
    public void Vectors_sign_deterministically_and_recover()
    {
        int count = 0;
        foreach (var v in CryptoVectors.Items("signatures"))
        {
            var key = v.Bytes("privateKey");
            var hash = Hash32.Parse(v.Str("hash"));
            var signature = Secp256k1.Sign(hash, key);
            Assert.Equal(v.Big("r"), signature.R);
            Assert.Equal(v.Big("s"), signature.S);
            Assert.Equal((byte)v.GetProperty("yParity").GetInt32(), signature.YParity);
            Assert.True(signature.IsLowS);
            var address = Address.Parse(v.Str("address"));
            Assert.Equal(address, Secp256k1.GetAddress(key));
            Assert.Equal(address, Secp256k1.Recover(hash, signature));
            Assert.Equal(v.Str("publicKey")[4..], Hex.Encode(Secp256k1.RecoverPublicKey(hash, signature), prefix: false));
            count++;
        }
        Assert.Equal(40, count);
    }

    [Fact]
    public void Signature_bytes_round_trip_with_v_27_28()
    {
        var signature = new Signature(BigInteger.One << 200, 12345, 1);
        var bytes = signature.ToBytes();
        Assert.Equal(65, bytes.Length);
        Assert.Equal(28, bytes[64]);
        Assert.Equal(signature, Signature.Parse(bytes));
        bytes[64] = 1;
        Assert.Equal(signature, Signature.Parse(bytes));
        bytes[64] = 29;
        Assert.Throws<EthereumFormatException>(() => Signature.Parse(bytes));
        Assert.Throws<EthereumFormatException>(() => Signature.Parse(new byte[64]));
        Assert.Equal(signature, Signature.Parse(signature.ToHex()));
    }

    [Fact]
    public void Signature_refuses_out_of_range_components()
    {
        Assert.Throws<LiquidStakeArgumentException>(() => new Signature(0, 1, 0));
        Assert.Throws<LiquidStakeArgumentException>(() => new Signature(1, Secp256k1.N, 0));
        Assert.Throws<LiquidStakeArgumentException>(() => new Signature(1, 1, 2));
        var zeros = new byte[65];
        zeros[64] = 27;
        Assert.Throws<EthereumFormatException>(() => Signature.Parse(zeros));
    }

    [Fact]
    public void Recover_accepts_high_s_like_ecrecover_but_it_recovers_the_same_key()
    {
        using var signer = PrivateKeySigner.FromHex("0x" + new string('1', 64));
        var hash = Keccak256.ComputeHash32("abc"u8);
        var low = signer.SignHash(hash);
        var high = new Signature(low.R, Secp256k1.N - low.S, (byte)(low.YParity ^ 1));
        Assert.False(high.IsLowS);
        Assert.Equal(signer.Address, Secp256k1.Recover(hash, high));
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000", "greater than zero")]
    [InlineData("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", "below the curve order")]
    [InlineData("00", "32 bytes")]
    public void Private_key_validation_is_clear_and_never_prints_the_key(string keyHex, string expected)
    {
        var ex = Assert.Throws<LiquidStakeArgumentException>(() => new PrivateKeySigner(Hex.Decode(keyHex)));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Equal("privateKey", ex.ParamName);
        if (keyHex.Length == 64) Assert.DoesNotContain(keyHex, ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void FromHex_never_echoes_bad_key_text()
    {
        const string secret = "0xzz11223344556677889900aabbccddeeff00112233445566778899aabbccddee";
        var ex = Assert.Throws<LiquidStakeArgumentException>(() => PrivateKeySigner.FromHex(secret));
        Assert.DoesNotContain("11223344", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Signer_to_string_shows_only_the_address_and_dispose_zeroes()
    {
        const string keyHex = "4646464646464646464646464646464646464646464646464646464646464646";
        var signer = PrivateKeySigner.FromHex(keyHex);
        Assert.Equal("0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F", signer.Address.ToString());
        Assert.Equal("PrivateKeySigner(0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F)", signer.ToString());
        signer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => signer.SignHash(Hash32.Zero));
    }

    [Fact]
    public async Task Signer_methods_honour_cancellation()
    {
        using var signer = PrivateKeySigner.CreateRandom();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAsync<OperationCanceledException>(() => signer.SignHashAsync(Hash32.Zero, cts.Token));
        await Assert.ThrowsAsync<OperationCanceledException>(() => signer.SignMessageAsync(new byte[1], cts.Token));
    }

    [Fact]
    public void Property_sign_then_recover_gives_the_signer() =>
        Gen.Select(Gen.Byte.Array[32], Gen.Byte.Array[32]).Where(t => Secp256k1.IsValidPrivateKey(t.Item1)).Sample(t =>
        {
            var hash = new Hash32(t.Item2);
            var signature = Secp256k1.Sign(hash, t.Item1);
            Assert.True(signature.IsLowS);
            Assert.Equal(Secp256k1.GetAddress(t.Item1), Secp256k1.Recover(hash, signature));
            Assert.Equal(signature, Secp256k1.Sign(hash, t.Item1));
        }, iter: 150);
}
