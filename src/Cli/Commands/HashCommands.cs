using LiquidStake;
using System.CommandLine;
using System.Text;
using LiquidStake.Cli.Abi;
using LiquidStake.Cli.Infrastructure;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Abi;
using LiquidStake.Ethereum.Crypto;

namespace LiquidStake.Cli.Commands;

/// <summary><c>keccak</c>, <c>sig</c>, <c>sig-event</c>: hashing utilities, output identical to cast.</summary>
internal sealed class HashCommands : ICommandGroup
{
    public IEnumerable<Command> CreateCommands(CliContext context)
    {
        yield return Keccak(context);
        yield return Sig(context);
        yield return SigEvent(context);
    }

    private static Command Keccak(CliContext context)
    {
        var data = new Argument<string?>("DATA") { Description = "Text, or 0x-prefixed hex bytes; read from standard input when absent", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("keccak", "Hash arbitrary data using Keccak-256") { data };
        command.Aliases.Add("k");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            string? text = parseResult.GetValue(data);
            if (text is null)
            {
                var input = context.Environment.ResolveStandardInput()
                    ?? throw new CliUsageException("keccak needs DATA as an argument or on standard input.");
                text = (await input.ReadToEndAsync(cancellationToken).ConfigureAwait(false)).TrimEnd('\r', '\n');
            }
            byte[] bytes = text.StartsWith("0x", StringComparison.Ordinal) ? DecodeHex(text) : Encoding.UTF8.GetBytes(text);
            await context.Out.WriteLineAsync(Hex.Encode(Keccak256.Hash(bytes))).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Sig(CliContext context)
    {
        var signature = new Argument<string>("SIG") { Description = "The function signature, e.g. transfer(address,uint256)" };
        var command = new Command("sig", "Get the selector for a function") { signature };
        command.Aliases.Add("si");
        command.SetAction(async (parseResult, _) =>
        {
            var parsed = ParsedSignature.Parse(parseResult.GetValue(signature)!);
            await context.Out.WriteLineAsync(Hex.Encode(AbiSignature.Selector(parsed.Canonical))).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command SigEvent(CliContext context)
    {
        var signature = new Argument<string>("EVENT_STRING") { Description = "The event signature, e.g. Transfer(address indexed from,address indexed to,uint256 value)" };
        var command = new Command("sig-event", "Generate event signatures from event string") { signature };
        command.Aliases.Add("se");
        command.SetAction(async (parseResult, _) =>
        {
            var parsed = ParsedSignature.Parse(parseResult.GetValue(signature)!);
            await context.Out.WriteLineAsync(AbiSignature.EventTopic(parsed.Canonical).ToString()).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    internal static byte[] DecodeHex(string text)
    {
        var digits = Hex.StripPrefix(text);
        for (int i = 0; i < digits.Length; i++)
        {
            if (!char.IsAsciiHexDigit(digits[i])) throw new EthereumFormatException($"invalid character '{digits[i]}' at position {i}");
        }
        if (digits.Length % 2 != 0) throw new EthereumFormatException("odd number of digits");
        return Hex.Decode(digits);
    }
}
