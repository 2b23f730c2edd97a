using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LiquidStake.Ethereum.Crypto;
using LiquidStake.Ethereum.Signing;
using Org.BouncyCastle.Crypto.Generators;

namespace LiquidStake.Ethereum.Keystore;

/// <summary>Options for <see cref="KeystoreV3.Encrypt"/>: scrypt cost parameters.</summary>
public sealed record KeystoreEncryptOptions
{
    /// <summary>scrypt N (a power of two). The default 262144 is geth's "standard" cost.</summary>
    public int ScryptN { get; init; } = 262144;

    /// <summary>scrypt r.</summary>
    public int ScryptR { get; init; } = 8;

    /// <summary>scrypt p.</summary>
    public int ScryptP { get; init; } = 1;
}

/// <summary>
/// Web3 Secret Storage (keystore v3): scrypt or PBKDF2-HMAC-SHA256, AES-128-CTR, MAC = keccak256(dk[16..32] ‖ ciphertext).
/// Passwords are UTF-8 after NFKC normalisation (as ethers does; ASCII passwords are unaffected).
/// </summary>
public static class KeystoreV3
{
    // Refuse absurd KDF costs from a hostile file before spending CPU or memory on them.
    private const long MaxScryptN = 1 << 20;
    private const long MaxScryptMemory = 1L << 30;
    private const long MaxPbkdf2Iterations = 10_000_000;

    /// <summary>Decrypts a keystore JSON file and returns the 32-byte private key (zero it after use).</summary>
    /// <exception cref="KeystoreException">Malformed, unsupported, or the password is wrong (MAC mismatch).</exception>
    public static byte[] Decrypt(string json, string password)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(password);
        KeystoreFileModel? model;
        try
        {
            model = JsonSerializer.Deserialize(json, KeystoreJsonContext.Default.KeystoreFileModel);
        }
        catch (JsonException ex)
        {
            throw new KeystoreException("The keystore is not valid JSON.", ex);
        }
        if (model is null) throw new KeystoreException("The keystore is empty.");
        if (model.Version != 3) throw new KeystoreException($"Keystore version {model.Version} is not supported (only 3).");
        var crypto = model.Crypto ?? throw new KeystoreException("The keystore has no 'crypto' section.");
        if (!string.Equals(crypto.Cipher, "aes-128-ctr", StringComparison.OrdinalIgnoreCase))
            throw new KeystoreException($"Keystore cipher '{crypto.Cipher}' is not supported (only aes-128-ctr).");
        var iv = DecodeHex(crypto.CipherParams?.Iv, "cipherparams.iv");
        if (iv.Length != 16) throw new KeystoreException("The keystore IV must be 16 bytes.");
        var cipherText = DecodeHex(crypto.CipherText, "ciphertext");
        if (cipherText.Length != 32) throw new KeystoreException($"The keystore ciphertext must be 32 bytes, not {cipherText.Length}.");
        var mac = DecodeHex(crypto.Mac, "mac");
        var kdf = crypto.KdfParams ?? throw new KeystoreException("The keystore has no 'kdfparams'.");
        var derived = DeriveKey(crypto.Kdf, kdf, password);
        try
        {
            Span<byte> expected = stackalloc byte[32];
            ComputeMac(derived, cipherText, expected);
            if (mac.Length != 32 || !CryptographicOperations.FixedTimeEquals(expected, mac))
                throw new KeystoreException("Wrong password or corrupted keystore (MAC mismatch).");
            var key = new byte[32];
            AesCtr(derived.AsSpan(0, 16), iv, cipherText, key);
            if (!Secp256k1.IsValidPrivateKey(key))
            {
                CryptographicOperations.ZeroMemory(key);
                throw new KeystoreException("The keystore decrypts to an invalid secp256k1 key.");
            }
            if (model.Address is { Length: > 0 } address && Address.TryParse(address.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? address : "0x" + address, out var declared)
                && declared != Secp256k1.GetAddress(key))
            {
                CryptographicOperations.ZeroMemory(key);
                throw new KeystoreException("The keystore's address does not match its key.");
            }
            return key;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(derived);
        }
    }

    /// <summary>Decrypts a keystore into a signer.</summary>
    public static PrivateKeySigner DecryptToSigner(string json, string password)
    {
        var key = Decrypt(json, password);
        try
        {
            return new PrivateKeySigner(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <inheritdoc cref="Decrypt(string, string)"/>
    public static Task<byte[]> DecryptAsync(string json, string password, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // scrypt is CPU-bound: run it off the caller's thread.
        return Task.Run(() => Decrypt(json, password), cancellationToken);
    }

    /// <summary>Encrypts a private key with scrypt and AES-128-CTR into keystore v3 JSON.</summary>
    public static string Encrypt(ReadOnlySpan<byte> privateKey, string password, KeystoreEncryptOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(password);
        Secp256k1.ValidatePrivateKey(privateKey);
        options ??= new KeystoreEncryptOptions();
        if (options.ScryptN < 2 || (options.ScryptN & (options.ScryptN - 1)) != 0 || options.ScryptN > MaxScryptN)
            throw new LiquidStakeArgumentException(nameof(options.ScryptN), "must be a power of two", "2..2^20");
        if (options.ScryptR < 1 || options.ScryptP < 1 || (long)128 * options.ScryptR * options.ScryptN > MaxScryptMemory)
            throw new LiquidStakeArgumentException(nameof(options.ScryptR), "scrypt r and p must be positive and the memory cost at most 1 GiB");
        var salt = RandomNumberGenerator.GetBytes(32);
        var iv = RandomNumberGenerator.GetBytes(16);
        var passwordBytes = PasswordBytes(password);
        var derived = SCrypt.Generate(passwordBytes, salt, options.ScryptN, options.ScryptR, options.ScryptP, 32);
        CryptographicOperations.ZeroMemory(passwordBytes);
        try
        {
            var cipherText = new byte[32];
            AesCtr(derived.AsSpan(0, 16), iv, privateKey, cipherText);
            Span<byte> mac = stackalloc byte[32];
            ComputeMac(derived, cipherText, mac);
            var model = new KeystoreFileModel
            {
                Address = Secp256k1.GetAddress(privateKey).ToLowerHex()[2..],
                Id = NewUuid(),
                Version = 3,
                Crypto = new KeystoreCryptoModel
                {
                    Cipher = "aes-128-ctr",
                    CipherParams = new KeystoreCipherParamsModel { Iv = Convert.ToHexStringLower(iv) },
                    CipherText = Convert.ToHexStringLower(cipherText),
                    Kdf = "scrypt",
                    KdfParams = new KeystoreKdfParamsModel { DkLen = 32, N = options.ScryptN, R = options.ScryptR, P = options.ScryptP, Salt = Convert.ToHexStringLower(salt) },
                    Mac = Convert.ToHexStringLower(mac),
                },
            };
            return JsonSerializer.Serialize(model, KeystoreJsonContext.Default.KeystoreFileModel);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(derived);
        }
    }

    private static byte[] DeriveKey(string? kdfName, KeystoreKdfParamsModel kdf, string password)
    {
        if (kdf.DkLen < 32 || kdf.DkLen > 64) throw new KeystoreException($"Keystore dklen must be 32 to 64, not {kdf.DkLen}.");
        var salt = DecodeHex(kdf.Salt, "kdfparams.salt");
        var passwordBytes = PasswordBytes(password);
        try
        {
            switch (kdfName?.ToLowerInvariant())
            {
                case "scrypt":
                    long n = kdf.N ?? throw new KeystoreException("scrypt kdfparams need 'n'.");
                    int r = kdf.R ?? throw new KeystoreException("scrypt kdfparams need 'r'.");
                    int p = kdf.P ?? throw new KeystoreException("scrypt kdfparams need 'p'.");
                    if (n < 2 || (n & (n - 1)) != 0 || n > MaxScryptN) throw new KeystoreException($"scrypt n must be a power of two up to 2^20, not {n}.");
                    if (r < 1 || p < 1 || p > 16 || 128L * r * n > MaxScryptMemory) throw new KeystoreException("scrypt r/p are out of range (memory above 1 GiB or p above 16).");
                    // BouncyCastle enforces RFC 7914's N < 2^(16r); keystores with r = 1 and n >= 65536 exist (spec vector).
                    return 16L * r < 63 && n >= 1L << (16 * r)
                        ? ScryptFallback.Generate(passwordBytes, salt, (int)n, r, p, kdf.DkLen)
                        : SCrypt.Generate(passwordBytes, salt, (int)n, r, p, kdf.DkLen);
                case "pbkdf2":
                    long c = kdf.C ?? throw new KeystoreException("pbkdf2 kdfparams need 'c'.");
                    if (c < 1 || c > MaxPbkdf2Iterations) throw new KeystoreException($"pbkdf2 c must be 1 to {MaxPbkdf2Iterations.ToString(CultureInfo.InvariantCulture)}.");
                    if (!string.Equals(kdf.Prf, "hmac-sha256", StringComparison.OrdinalIgnoreCase))
                        throw new KeystoreException($"pbkdf2 prf '{kdf.Prf}' is not supported (only hmac-sha256).");
                    return Rfc2898DeriveBytes.Pbkdf2(passwordBytes, salt, (int)c, HashAlgorithmName.SHA256, kdf.DkLen);
                default:
                    throw new KeystoreException($"Keystore kdf '{kdfName}' is not supported (scrypt or pbkdf2).");
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(passwordBytes);
        }
    }

    private static byte[] PasswordBytes(string password) => Encoding.UTF8.GetBytes(password.Normalize(NormalizationForm.FormKC));

    private static void ComputeMac(ReadOnlySpan<byte> derivedKey, ReadOnlySpan<byte> cipherText, Span<byte> destination)
    {
        Span<byte> input = stackalloc byte[16 + cipherText.Length];
        derivedKey[16..32].CopyTo(input);
        cipherText.CopyTo(input[16..]);
        Keccak256.Hash(input, destination);
        CryptographicOperations.ZeroMemory(input);
    }

    // AES-128-CTR with a 128-bit big-endian counter starting at the IV (what the spec and geth use).
    private static void AesCtr(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> input, Span<byte> output)
    {
        using var aes = Aes.Create();
        aes.Key = key.ToArray();
        Span<byte> counter = stackalloc byte[16];
        Span<byte> stream = stackalloc byte[16];
        iv.CopyTo(counter);
        for (int offset = 0; offset < input.Length; offset += 16)
        {
            aes.EncryptEcb(counter, stream, PaddingMode.None);
            int count = Math.Min(16, input.Length - offset);
            for (int i = 0; i < count; i++) output[offset + i] = (byte)(input[offset + i] ^ stream[i]);
            for (int i = 15; i >= 0 && ++counter[i] == 0; i--) { }
        }
        CryptographicOperations.ZeroMemory(stream);
    }

    private static byte[] DecodeHex(string? hex, string field)
    {
        if (hex is null) throw new KeystoreException($"The keystore is missing '{field}'.");
        if (!Hex.TryDecode(hex, out var bytes)) throw new KeystoreException($"The keystore field '{field}' is not hex.");
        return bytes;
    }

    private static string NewUuid()
    {
        Span<byte> b = stackalloc byte[16];
        RandomNumberGenerator.Fill(b);
        b[6] = (byte)((b[6] & 0x0f) | 0x40);
        b[8] = (byte)((b[8] & 0x3f) | 0x80);
        var h = Convert.ToHexStringLower(b);
        return $"{h[..8]}-{h[8..12]}-{h[12..16]}-{h[16..20]}-{h[20..]}";
    }
}
