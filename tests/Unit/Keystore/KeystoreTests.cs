using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Keystore;
using LiquidStake.Ethereum.Signing;

namespace LiquidStake.UnitTests.Keystore;

public class KeystoreTests
{
    [Fact]
    public void Decrypts_ethers_and_pbkdf2_vectors()
    {
        int count = 0;
        foreach (var v in CryptoVectors.Items("keystores"))
        {
            var key = KeystoreV3.Decrypt(v.Str("json"), v.Str("password"));
            Assert.Equal(v.Str("privateKey"), Hex.Encode(key));
            using var signer = KeystoreV3.DecryptToSigner(v.Str("json"), v.Str("password"));
            Assert.Equal(Address.Parse(v.Str("address")), signer.Address);
            count++;
        }
        Assert.Equal(4, count);
    }

    [Fact]
    public void Wrong_password_is_a_mac_mismatch()
    {
        var v = CryptoVectors.Items("keystores").First();
        var ex = Assert.Throws<KeystoreException>(() => KeystoreV3.Decrypt(v.Str("json"), "not the password"));
        Assert.Equal("Wrong password or corrupted keystore (MAC mismatch).", ex.Message);
    }

    [Fact]
    public void Encrypt_then_decrypt_round_trips()
    {
        using var signer = PrivateKeySigner.CreateRandom();
        var key = Hex.Decode("0x" + new string('a', 64));
        var json = KeystoreV3.Encrypt(key, "pässwörd", new KeystoreEncryptOptions { ScryptN = 1024 });
        Assert.Contains("\"kdf\":\"scrypt\"", json, StringComparison.Ordinal);
        Assert.Contains("\"n\":1024", json, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('a', 64), json, StringComparison.Ordinal);
        Assert.Equal(key, KeystoreV3.Decrypt(json, "pässwörd"));
        Assert.Throws<KeystoreException>(() => KeystoreV3.Decrypt(json, "password"));
    }

    [Fact]
    public void Refuses_hostile_parameters_and_garbage()
    {
        Assert.Throws<KeystoreException>(() => KeystoreV3.Decrypt("{", "x"));
        Assert.Contains("version", Assert.Throws<KeystoreException>(() => KeystoreV3.Decrypt("""{"version":1}""", "x")).Message, StringComparison.Ordinal);
        const string huge = """{"version":3,"crypto":{"cipher":"aes-128-ctr","cipherparams":{"iv":"00000000000000000000000000000000"},"ciphertext":"0000000000000000000000000000000000000000000000000000000000000000","kdf":"scrypt","kdfparams":{"dklen":32,"n":1073741824,"r":8,"p":1,"salt":"00"},"mac":"00"}}""";
        Assert.Contains("power of two", Assert.Throws<KeystoreException>(() => KeystoreV3.Decrypt(huge, "x")).Message, StringComparison.Ordinal);
    }

    // The Web3 Secret Storage spec's scrypt test vector (n = 262144), password "testpassword".
    [Fact]
    public void Decrypts_the_web3_secret_storage_scrypt_spec_vector()
    {
        const string json = """
        {"crypto":{"cipher":"aes-128-ctr","cipherparams":{"iv":"83dbcc02d8ccb40e466191a123791e0e"},
        "ciphertext":"d172bf743a674da9cdad04534d56926ef8358534d458fffccd4e6ad2fbde479c","kdf":"scrypt",
        "kdfparams":{"dklen":32,"n":262144,"p":8,"r":1,"salt":"ab0c7876052600dd703518d6fc3fe8984592145b591fc8fb5c6d43190334ba19"},
        "mac":"2103ac29920d71da29f15d75b4a16dbe95cfd7ff8faea1056c33131d846e3097"},"id":"3198bc9c-6672-5ab3-d995-4942343ae5b6","version":3}
        """;
        Assert.Equal("0x7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d", Hex.Encode(KeystoreV3.Decrypt(json, "testpassword")));
    }
}

public class ScryptFallbackTests
{
    // The fallback must agree with BouncyCastle wherever both accept the parameters.
    [Theory]
    [InlineData(16, 1, 1)]
    [InlineData(1024, 8, 1)]
    [InlineData(64, 2, 3)]
    public void Matches_bouncycastle(int n, int r, int p)
    {
        var password = "password"u8.ToArray();
        var salt = "NaCl"u8.ToArray();
        Assert.Equal(
            Org.BouncyCastle.Crypto.Generators.SCrypt.Generate(password, salt, n, r, p, 64),
            LiquidStake.Ethereum.Keystore.ScryptFallback.Generate(password, salt, n, r, p, 64));
    }
}
