using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using LiquidStake.Cli.Infrastructure;
using LiquidStake.Cli.Keys;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Signing;

namespace LiquidStake.Cli.Commands;

/// <summary><c>wallet address|sign|new</c>, cast-compatible.</summary>
internal sealed class WalletCommands : ICommandGroup
{
    public IEnumerable<Command> CreateCommands(CliContext context)
    {
        var wallet = new Command("wallet", "Wallet management utilities");
        wallet.Aliases.Add("w");
        wallet.Subcommands.Add(Address(context));
        wallet.Subcommands.Add(Sign(context));
        wallet.Subcommands.Add(New(context));
        yield return wallet;
    }

    private static Command Address(CliContext context)
    {
        var keys = new KeySourceOptions();
        var positional = new Argument<string?>("PRIVATE_KEY") { Description = "Raw private key (prefer --private-key or the environment)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("address", "Convert a private key to an address") { positional };
        command.Aliases.Add("a");
        command.Aliases.Add("addr");
        keys.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var signer = await keys.ResolveAsync(parseResult, context, parseResult.GetValue(positional), cancellationToken).ConfigureAwait(false);
            await context.Out.WriteLineAsync(signer.Address.ToString()).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Sign(CliContext context)
    {
        var keys = new KeySourceOptions();
        var message = new Argument<string>("MESSAGE") { Description = "The message: text, or 0x-prefixed hex bytes" };
        var noHash = new Option<bool>("--no-hash") { Description = "Sign the 32-byte MESSAGE directly, without the personal_sign prefix and hash" };
        var command = new Command("sign", "Sign a message (EIP-191 personal_sign)") { message, noHash };
        command.Aliases.Add("s");
        keys.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            string text = parseResult.GetValue(message)!;
            byte[] bytes = text.StartsWith("0x", StringComparison.Ordinal) ? HashCommands.DecodeHex(text) : Encoding.UTF8.GetBytes(text);
            using var signer = await keys.ResolveAsync(parseResult, context, null, cancellationToken).ConfigureAwait(false);
            Signature signature;
            if (parseResult.GetValue(noHash))
            {
                if (bytes.Length != 32) throw new CliUsageException($"--no-hash signs a 32-byte hash; MESSAGE is {bytes.Length} bytes");
                signature = signer.SignHash(new Hash32(bytes));
            }
            else
            {
                signature = signer.SignMessage(bytes);
            }
            await context.Out.WriteLineAsync(signature.ToHex()).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command New(CliContext context)
    {
        var number = new Option<uint>("--number", "-n") { Description = "Number of wallets to generate", DefaultValueFactory = _ => 1, HelpName = "NUMBER" };
        var command = new Command("new", "Create a new random keypair") { number };
        command.Aliases.Add("n");
        command.SetAction(async (parseResult, _) =>
        {
            uint count = parseResult.GetValue(number);
            if (count is 0 or > 10_000) throw new CliUsageException("--number must be between 1 and 10000");
            var output = new StringBuilder();
            bool json = context.IsJson(parseResult);
            if (json) output.Append("[\n");
            Span<byte> key = stackalloc byte[Secp256k1.PrivateKeySize];
            try
            {
                for (uint i = 0; i < count; i++)
                {
                    do RandomNumberGenerator.Fill(key);
                    while (!Secp256k1.IsValidPrivateKey(key));
                    string address = Secp256k1.GetAddress(key).ToString();
                    // Printing the new key is the point of this command (as in cast); nothing else ever prints one.
                    string privateKey = Hex.Encode(key);
                    if (json)
                    {
                        output.Append("  {\n    \"address\": \"").Append(address).Append("\",\n    \"private_key\": \"").Append(privateKey).Append("\"\n  }")
                            .Append(i + 1 < count ? ",\n" : "\n");
                    }
                    else
                    {
                        output.Append("Successfully created new keypair.\nAddress:     ").Append(address).Append("\nPrivate key: ").Append(privateKey).Append('\n');
                    }
                }
            }
            finally
            {
                CryptographicOperations.ZeroMemory(key);
            }
            if (json) output.Append("]\n");
            await context.Out.WriteAsync(output.ToString()).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
