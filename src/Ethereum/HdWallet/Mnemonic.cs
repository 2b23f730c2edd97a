using System.Security.Cryptography;
using System.Text;

namespace LiquidStake.Ethereum.HdWallet;

/// <summary>BIP39 mnemonics with the English wordlist: generation from entropy, checksum validation and seed derivation.</summary>
public static class Mnemonic
{
    private static readonly Lazy<string[]> Words = new(LoadWordlist);
    private static readonly Lazy<Dictionary<string, int>> WordIndex = new(() =>
        Words.Value.Select((word, index) => (word, index)).ToDictionary(p => p.word, p => p.index, StringComparer.Ordinal));

    /// <summary>The 2048 English words, in order.</summary>
    public static IReadOnlyList<string> EnglishWordlist => Words.Value;

    /// <summary>Generates a new mnemonic from <paramref name="strengthBits"/> bits of OS randomness (128..256, a multiple of 32).</summary>
    public static string Generate(int strengthBits = 128)
    {
        CheckStrength(strengthBits);
        Span<byte> entropy = stackalloc byte[strengthBits / 8];
        try
        {
            RandomNumberGenerator.Fill(entropy);
            return FromEntropy(entropy);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(entropy);
        }
    }

    /// <summary>Encodes 16, 20, 24, 28 or 32 bytes of entropy as 12..24 words with the SHA-256 checksum.</summary>
    public static string FromEntropy(ReadOnlySpan<byte> entropy)
    {
        CheckStrength(entropy.Length * 8);
        int entropyBits = entropy.Length * 8;
        int checksumBits = entropyBits / 32;
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(entropy, hash);
        int wordCount = (entropyBits + checksumBits) / 11;
        var words = new string[wordCount];
        for (int w = 0; w < wordCount; w++)
        {
            int index = 0;
            for (int b = 0; b < 11; b++)
            {
                int bit = w * 11 + b;
                int value = bit < entropyBits ? GetBit(entropy, bit) : GetBit(hash, bit - entropyBits);
                index = (index << 1) | value;
            }
            words[w] = Words.Value[index];
        }
        return string.Join(' ', words);
    }

    /// <summary>Decodes a mnemonic back to its entropy, checking the words and the checksum.</summary>
    /// <exception cref="InvalidMnemonicException">Wrong word count, unknown word (named by position only) or checksum mismatch.</exception>
    public static byte[] ToEntropy(string mnemonic)
    {
        var words = SplitWords(mnemonic);
        if (words.Length is not (12 or 15 or 18 or 21 or 24))
            throw new InvalidMnemonicException(nameof(mnemonic), $"a BIP39 mnemonic has 12, 15, 18, 21 or 24 words, not {words.Length}");
        int totalBits = words.Length * 11;
        int checksumBits = totalBits / 33;
        int entropyBits = totalBits - checksumBits;
        var bits = new byte[(totalBits + 7) / 8];
        for (int w = 0; w < words.Length; w++)
        {
            if (!WordIndex.Value.TryGetValue(words[w], out int index))
                throw new InvalidMnemonicException(nameof(mnemonic), $"word {w + 1} is not in the BIP39 English wordlist");
            for (int b = 0; b < 11; b++)
            {
                if (((index >> (10 - b)) & 1) != 0) SetBit(bits, w * 11 + b);
            }
        }
        var entropy = bits.AsSpan(0, entropyBits / 8).ToArray();
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(entropy, hash);
        for (int i = 0; i < checksumBits; i++)
        {
            if (GetBit(hash, i) != GetBit(bits, entropyBits + i))
            {
                CryptographicOperations.ZeroMemory(entropy);
                CryptographicOperations.ZeroMemory(bits);
                throw new InvalidMnemonicException(nameof(mnemonic), "the BIP39 checksum does not match (a word is wrong or the words are out of order)");
            }
        }
        CryptographicOperations.ZeroMemory(bits);
        return entropy;
    }

    /// <summary>True when the mnemonic has a valid word count, known words and a matching checksum.</summary>
    public static bool IsValid(string mnemonic)
    {
        try
        {
            CryptographicOperations.ZeroMemory(ToEntropy(mnemonic));
            return true;
        }
        catch (InvalidMnemonicException)
        {
            return false;
        }
    }

    /// <summary>
    /// The 64-byte BIP39 seed: PBKDF2-HMAC-SHA512, 2048 rounds, over the NFKD mnemonic with salt "mnemonic" + NFKD passphrase.
    /// The mnemonic is validated first (words and checksum).
    /// </summary>
    /// <exception cref="InvalidMnemonicException">The mnemonic is not valid BIP39 English.</exception>
    public static byte[] ToSeed(string mnemonic, string passphrase = "")
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        CryptographicOperations.ZeroMemory(ToEntropy(mnemonic));
        var normalized = string.Join(' ', SplitWords(mnemonic));
        var password = Encoding.UTF8.GetBytes(normalized);
        var salt = Encoding.UTF8.GetBytes("mnemonic" + passphrase.Normalize(NormalizationForm.FormKD));
        try
        {
            return Rfc2898DeriveBytes.Pbkdf2(password, salt, 2048, HashAlgorithmName.SHA512, 64);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(password);
            CryptographicOperations.ZeroMemory(salt);
        }
    }

    private static string[] SplitWords(string mnemonic)
    {
        ArgumentNullException.ThrowIfNull(mnemonic);
        return mnemonic.Normalize(NormalizationForm.FormKD).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
    }

    private static void CheckStrength(int bits)
    {
        if (bits < 128 || bits > 256 || bits % 32 != 0)
            throw new LiquidStakeArgumentException("entropy", $"BIP39 entropy must be 128 to 256 bits in steps of 32, not {bits}", "128, 160, 192, 224 or 256 bits");
    }

    private static int GetBit(ReadOnlySpan<byte> data, int bit) => (data[bit >> 3] >> (7 - (bit & 7))) & 1;

    private static void SetBit(Span<byte> data, int bit) => data[bit >> 3] |= (byte)(1 << (7 - (bit & 7)));

    private static string[] LoadWordlist()
    {
        using var stream = typeof(Mnemonic).Assembly.GetManifestResourceStream("LiquidStake.Ethereum.HdWallet.english.txt")
            ?? throw new InvalidOperationException("The embedded BIP39 English wordlist is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var words = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length != 2048) throw new InvalidOperationException($"The embedded BIP39 wordlist has {words.Length} words, not 2048.");
        return words;
    }
}
