using LiquidStake;
using System.CommandLine;
using System.Security.Cryptography;
using LiquidStake.Cli.Infrastructure;
using LiquidStake.Ethereum.HdWallet;
using LiquidStake.Ethereum.Keystore;
using LiquidStake.Ethereum.Signing;

namespace LiquidStake.Cli.Keys;

/// <summary>The ways a signing command gets its key: <c>--private-key</c> (or LIQUIDSTAKE_PRIVATE_KEY), <c>--keystore</c> with a
/// password prompt or <c>--password-file</c>, or <c>--mnemonic</c> with <c>--mnemonic-index</c>. Key material is never printed or logged.</summary>
public sealed class KeySourceOptions
{
    /// <summary>The environment variable read when no key option is given.</summary>
    public const string PrivateKeyVariable = "LIQUIDSTAKE_PRIVATE_KEY";

    public Option<string?> PrivateKey { get; } = new("--private-key")
    {
        Description = "Raw private key, hex (env: LIQUIDSTAKE_PRIVATE_KEY)",
        HelpName = "RAW_PRIVATE_KEY",
    };

    public Option<FileInfo?> Keystore { get; } = new("--keystore")
    {
        Description = "Encrypted JSON keystore (V3); the password is asked for without echo",
        HelpName = "PATH",
    };

    public Option<FileInfo?> PasswordFile { get; } = new("--password-file")
    {
        Description = "File whose first line is the keystore password (for scripts)",
        HelpName = "PATH",
    };

    public Option<string?> Mnemonic { get; } = new("--mnemonic")
    {
        Description = "BIP39 mnemonic phrase, or a file holding it",
        HelpName = "PHRASE_OR_PATH",
    };

    public Option<string?> MnemonicPassphrase { get; } = new("--mnemonic-passphrase")
    {
        Description = "BIP39 passphrase for the mnemonic",
        HelpName = "PASSPHRASE",
    };

    public Option<uint> MnemonicIndex { get; } = new("--mnemonic-index")
    {
        Description = "Address index under m/44'/60'/0'/0/ (default 0)",
        HelpName = "INDEX",
        DefaultValueFactory = _ => 0,
    };

    public Option<string?> MnemonicDerivationPath { get; } = new("--mnemonic-derivation-path")
    {
        Description = "Full derivation path instead of m/44'/60'/0'/0/{index}",
        HelpName = "PATH",
    };

    /// <summary>Adds the key options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { PrivateKey, Keystore, PasswordFile, Mnemonic, MnemonicPassphrase, MnemonicIndex, MnemonicDerivationPath })
            command.Options.Add(option);
    }

    /// <summary>True when any key source was given on the command line or in the environment.</summary>
    public bool IsSpecified(ParseResult parseResult, CliEnvironment environment) =>
        parseResult.GetValue(PrivateKey) is not null || parseResult.GetValue(Keystore) is not null || parseResult.GetValue(Mnemonic) is not null
        || !string.IsNullOrWhiteSpace(environment.GetVariable(PrivateKeyVariable));

    /// <summary>Builds the signer from exactly one key source.</summary>
    /// <param name="parseResult">The parsed command line.</param>
    /// <param name="context">The CLI context (environment, prompt).</param>
    /// <param name="positionalPrivateKey">A private key given as an argument (cast's <c>wallet address KEY</c>).</param>
    /// <param name="cancellationToken">Cancels reading files and decrypting.</param>
    /// <exception cref="CliUsageException">No source, or more than one.</exception>
    public async Task<PrivateKeySigner> ResolveAsync(ParseResult parseResult, CliContext context, string? positionalPrivateKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(context);
        string? privateKey = parseResult.GetValue(PrivateKey) ?? positionalPrivateKey;
        var keystore = parseResult.GetValue(Keystore);
        string? mnemonic = parseResult.GetValue(Mnemonic);

        int given = (privateKey is null ? 0 : 1) + (keystore is null ? 0 : 1) + (mnemonic is null ? 0 : 1);
        if (given > 1) throw new CliUsageException("Give only one key source: --private-key, --keystore or --mnemonic.");
        if (given == 0)
        {
            privateKey = context.Environment.GetVariable(PrivateKeyVariable);
            if (string.IsNullOrWhiteSpace(privateKey))
                throw new CliUsageException($"A signer is needed: give --private-key, --keystore or --mnemonic (or set {PrivateKeyVariable}).");
        }

        if (privateKey is not null) return FromPrivateKey(privateKey);
        if (keystore is not null) return await FromKeystoreAsync(keystore, parseResult.GetValue(PasswordFile), context, cancellationToken).ConfigureAwait(false);
        return await FromMnemonicAsync(mnemonic!, parseResult, cancellationToken).ConfigureAwait(false);
    }

    private static PrivateKeySigner FromPrivateKey(string text)
    {
        try
        {
            return PrivateKeySigner.FromHex(text.Trim());
        }
        catch (LiquidStakeException e)
        {
            // The message must not echo the key, so it is written here rather than passed through.
            throw new CliUsageException("The private key is not valid: it must be 32 bytes of hex (64 digits, optional 0x) on the curve.", e);
        }
    }

    private static async Task<PrivateKeySigner> FromKeystoreAsync(FileInfo keystore, FileInfo? passwordFile, CliContext context, CancellationToken cancellationToken)
    {
        if (!keystore.Exists) throw new CliUsageException($"Keystore file '{keystore.FullName}' does not exist.");
        string json = await File.ReadAllTextAsync(keystore.FullName, cancellationToken).ConfigureAwait(false);
        string password;
        if (passwordFile is not null)
        {
            if (!passwordFile.Exists) throw new CliUsageException($"Password file '{passwordFile.FullName}' does not exist.");
            string content = await File.ReadAllTextAsync(passwordFile.FullName, cancellationToken).ConfigureAwait(false);
            // The first line only, without its line break: files written by `echo` end in a newline.
            int newline = content.IndexOfAny(['\r', '\n']);
            password = newline >= 0 ? content[..newline] : content;
        }
        else
        {
            password = await context.PromptSecretAsync($"Password for {keystore.Name}:", cancellationToken).ConfigureAwait(false);
        }
        var key = await KeystoreV3.DecryptAsync(json, password, cancellationToken).ConfigureAwait(false);
        try
        {
            return new PrivateKeySigner(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private async Task<PrivateKeySigner> FromMnemonicAsync(string mnemonic, ParseResult parseResult, CancellationToken cancellationToken)
    {
        string phrase = mnemonic;
        if (File.Exists(mnemonic)) phrase = (await File.ReadAllTextAsync(mnemonic, cancellationToken).ConfigureAwait(false)).Trim();
        phrase = string.Join(' ', phrase.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        string passphrase = parseResult.GetValue(MnemonicPassphrase) ?? string.Empty;
        if (!LiquidStake.Ethereum.HdWallet.Mnemonic.IsValid(phrase))
            throw new CliUsageException("The mnemonic is not a valid BIP39 English phrase (word list or checksum).");

        string path = parseResult.GetValue(MnemonicDerivationPath)
            ?? Bip44.GetEthereumPath(parseResult.GetValue(MnemonicIndex));
        var seed = LiquidStake.Ethereum.HdWallet.Mnemonic.ToSeed(phrase, passphrase);
        try
        {
            using var master = ExtendedPrivateKey.FromSeed(seed);
            using var child = master.Derive(path);
            return child.ToSigner();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }
}
