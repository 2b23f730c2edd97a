using System.Globalization;
using System.Security.Cryptography;
using LiquidStake.Ethereum.Signing;

namespace LiquidStake.Ethereum.HdWallet;

/// <summary>BIP44 Ethereum accounts: <c>m/44'/60'/account'/0/index</c>, the path MetaMask, Ledger Live and most wallets use.</summary>
public static class Bip44
{
    /// <summary>The path of account <paramref name="index"/> (<c>m/44'/60'/{account}'/0/{index}</c>).</summary>
    public static string GetEthereumPath(uint index, uint account = 0)
    {
        if (index >= ExtendedPrivateKey.HardenedOffset) throw new LiquidStakeArgumentException(nameof(index), "must be below 2^31", "0..2147483647");
        if (account >= ExtendedPrivateKey.HardenedOffset) throw new LiquidStakeArgumentException(nameof(account), "must be below 2^31", "0..2147483647");
        return string.Create(CultureInfo.InvariantCulture, $"m/44'/60'/{account}'/0/{index}");
    }

    /// <summary>The signer of address <paramref name="index"/> derived from a BIP39 seed.</summary>
    public static PrivateKeySigner DeriveSigner(ReadOnlySpan<byte> seed, uint index = 0, uint account = 0)
    {
        using var master = ExtendedPrivateKey.FromSeed(seed);
        using var child = master.Derive(GetEthereumPath(index, account));
        return child.ToSigner();
    }

    /// <summary>The signer of address <paramref name="index"/> derived from a BIP39 mnemonic and optional passphrase.</summary>
    /// <exception cref="InvalidMnemonicException">The mnemonic is not valid.</exception>
    public static PrivateKeySigner DeriveSigner(string mnemonic, string passphrase = "", uint index = 0, uint account = 0)
    {
        var seed = Mnemonic.ToSeed(mnemonic, passphrase);
        try
        {
            return DeriveSigner(seed, index, account);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }
}
