using LiquidStake.Ethereum;
using LiquidStake.Ethereum.HdWallet;

namespace LiquidStake.UnitTests.HdWallet;

public class HdWalletTests
{
    private const string Abandon = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";

    [Fact]
    public void Trezor_vector_abandon_about_with_passphrase_TREZOR()
    {
        Assert.Equal(
            "0xc55257c360c07c72029aebc1b53c05ed0362ada38ead3e3e9efa3708e53495531f09a6987599d18264c1e1c92f2cf141630c7a3c4ab7c81b2f001698e7463b04",
            Hex.Encode(Mnemonic.ToSeed(Abandon, "TREZOR")));
        Assert.Equal(new byte[16], Mnemonic.ToEntropy(Abandon));
        Assert.Equal(Abandon, Mnemonic.FromEntropy(new byte[16]));
    }

    [Fact]
    public void Wordlist_is_the_bip39_english_list() =>
        Assert.Equal((2048, "abandon", "zoo"), (Mnemonic.EnglishWordlist.Count, Mnemonic.EnglishWordlist[0], Mnemonic.EnglishWordlist[2047]));

    [Fact]
    public void Bip39_vectors_with_unicode_passphrases_and_bip44_accounts()
    {
        int count = 0;
        foreach (var v in CryptoVectors.Items("bip39"))
        {
            var mnemonic = v.Str("mnemonic");
            Assert.Equal(mnemonic, Mnemonic.FromEntropy(v.Bytes("entropy")));
            Assert.Equal(v.Bytes("entropy"), Mnemonic.ToEntropy(mnemonic));
            var seed = Mnemonic.ToSeed(mnemonic, v.Str("passphrase"));
            Assert.Equal(v.Str("seed"), Hex.Encode(seed));
            foreach (var account in v.GetProperty("accounts").EnumerateArray())
            {
                using var signer = Bip44.DeriveSigner(seed, (uint)account.GetProperty("index").GetInt32());
                Assert.Equal(Address.Parse(account.Str("address")), signer.Address);
            }
            count++;
        }
        Assert.Equal(15, count);
    }

    [Fact]
    public void Bip32_test_vector_1()
    {
        using var master = ExtendedPrivateKey.FromSeed(Hex.Decode("000102030405060708090a0b0c0d0e0f"));
        foreach (var v in CryptoVectors.Items("bip32"))
        {
            using var key = master.Derive(v.Str("path"));
            Assert.Equal(v.Str("privateKey"), Hex.Encode(key.GetPrivateKey()));
            Assert.Equal(v.Str("chainCode"), Hex.Encode(key.GetChainCode()));
            Assert.Equal(v.Str("xprv"), key.ToExtendedPrivateKeyString());
            Assert.Equal(v.Str("xpub"), key.ToExtendedPublicKeyString());
        }
        Assert.Equal("xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi", master.ToExtendedPrivateKeyString());
        Assert.DoesNotContain("xprv", master.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon", "checksum")]
    [InlineData("abandon abandon abandon", "12, 15, 18, 21 or 24 words")]
    [InlineData("abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon qwertyx", "word 12 is not")]
    public void Invalid_mnemonics_give_clear_errors_without_echoing_words(string mnemonic, string expected)
    {
        var ex = Assert.Throws<InvalidMnemonicException>(() => Mnemonic.ToSeed(mnemonic));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("qwertyx", ex.Message, StringComparison.Ordinal);
        Assert.False(Mnemonic.IsValid(mnemonic));
    }

    [Theory]
    [InlineData(128, 12)]
    [InlineData(160, 15)]
    [InlineData(256, 24)]
    public void Generated_mnemonics_are_valid(int bits, int words)
    {
        var mnemonic = Mnemonic.Generate(bits);
        Assert.Equal(words, mnemonic.Split(' ').Length);
        Assert.True(Mnemonic.IsValid(mnemonic));
        Assert.Throws<LiquidStakeArgumentException>(() => Mnemonic.Generate(100));
    }

    [Theory]
    [InlineData("m/44'/60'/0'/0/0", new uint[] { 0x8000002C, 0x8000003C, 0x80000000, 0, 0 })]
    [InlineData("m", new uint[0])]
    [InlineData("m/1h/2H/3", new uint[] { 0x80000001, 0x80000002, 3 })]
    public void Parses_paths(string path, uint[] expected) => Assert.Equal(expected, ExtendedPrivateKey.ParsePath(path));

    [Theory]
    [InlineData("44'/60'")]
    [InlineData("m/2147483648")]
    [InlineData("m//1")]
    [InlineData("m/01")]
    [InlineData("m/x")]
    public void Rejects_bad_paths(string path) => Assert.Throws<LiquidStakeArgumentException>(() => ExtendedPrivateKey.ParsePath(path));

    [Fact]
    public void Bip44_path_helper() => Assert.Equal("m/44'/60'/0'/0/7", Bip44.GetEthereumPath(7));
}
