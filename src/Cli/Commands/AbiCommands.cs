using LiquidStake;
using System.CommandLine;
using LiquidStake.Cli.Abi;
using LiquidStake.Cli.Infrastructure;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Abi;

namespace LiquidStake.Cli.Commands;

/// <summary><c>abi-encode</c>, <c>calldata</c>, <c>decode-abi</c>, <c>decode-calldata</c>: cast-compatible ABI utilities.</summary>
internal sealed class AbiCommands : ICommandGroup
{
    public IEnumerable<Command> CreateCommands(CliContext context)
    {
        yield return AbiEncode(context);
        yield return Calldata(context);
        yield return DecodeAbi(context);
        yield return DecodeCalldata(context);
    }

    private static Argument<string[]> ArgsArgument() =>
        new("ARGS") { Description = "The arguments of the function", Arity = ArgumentArity.ZeroOrMore };

    private static Command AbiEncode(CliContext context)
    {
        var signature = new Argument<string>("SIG") { Description = "The function signature, e.g. f(uint256,address)" };
        var args = ArgsArgument();
        var packed = new Option<bool>("--packed") { Description = "Whether to use packed encoding" };
        var command = new Command("abi-encode", "ABI encode the given function argument, excluding the selector") { signature, args, packed };
        command.Aliases.Add("ae");
        command.SetAction(async (parseResult, _) =>
        {
            var parsed = ParsedSignature.Parse(parseResult.GetValue(signature)!);
            var values = CastValueParser.ParseArguments(parsed.Inputs, parseResult.GetValue(args) ?? []);
            byte[] encoded = parseResult.GetValue(packed) ? AbiCodec.EncodePacked(parsed.Inputs, values) : AbiCodec.Encode(parsed.Inputs, values);
            await context.Out.WriteLineAsync(Hex.Encode(encoded)).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Calldata(CliContext context)
    {
        var signature = new Argument<string>("SIG") { Description = "The function signature, e.g. transfer(address,uint256)" };
        var args = ArgsArgument();
        var command = new Command("calldata", "ABI-encode a function with arguments") { signature, args };
        command.Aliases.Add("cd");
        command.SetAction(async (parseResult, _) =>
        {
            byte[] data = EncodeCall(parseResult.GetValue(signature)!, parseResult.GetValue(args) ?? []);
            await context.Out.WriteLineAsync(Hex.Encode(data)).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Selector plus encoded arguments for a human-written signature (shared with <c>mktx</c>).</summary>
    internal static byte[] EncodeCall(string signature, IReadOnlyList<string> arguments)
    {
        var parsed = ParsedSignature.Parse(signature);
        var values = CastValueParser.ParseArguments(parsed.Inputs, arguments);
        return AbiCodec.EncodeCall(AbiSignature.Selector(parsed.Canonical), parsed.Inputs, values);
    }

    private static Command DecodeAbi(CliContext context)
    {
        var signature = new Argument<string>("SIG") { Description = "The function signature in the format `<name>(<in-types>)(<out-types>)`" };
        var data = new Argument<string>("CALLDATA") { Description = "The ABI-encoded data" };
        var input = new Option<bool>("--input", "-i") { Description = "Decode input data instead of output data" };
        var command = new Command("decode-abi", "Decode ABI-encoded input or output data") { signature, data, input };
        command.Aliases.Add("abi-decode");
        command.Aliases.Add("ad");
        command.SetAction(async (parseResult, _) =>
        {
            var parsed = ParsedSignature.Parse(parseResult.GetValue(signature)!, allowEmptyName: true);
            var types = parseResult.GetValue(input) ? parsed.Inputs : parsed.Outputs;
            byte[] bytes = HashCommands.DecodeHex(parseResult.GetValue(data)!);
            await WriteDecodedAsync(context, parseResult, types, bytes).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command DecodeCalldata(CliContext context)
    {
        var signature = new Argument<string>("SIG") { Description = "The function signature in the format `<name>(<in-types>)(<out-types>)`" };
        var data = new Argument<string>("CALLDATA") { Description = "The ABI-encoded calldata, selector included" };
        var command = new Command("decode-calldata", "Decode ABI-encoded input data") { signature, data };
        command.Aliases.Add("calldata-decode");
        command.Aliases.Add("cdd");
        command.SetAction(async (parseResult, _) =>
        {
            var parsed = ParsedSignature.Parse(parseResult.GetValue(signature)!);
            byte[] bytes = HashCommands.DecodeHex(parseResult.GetValue(data)!);
            // Like cast, the first four bytes are skipped without comparing them to the signature's selector.
            if (bytes.Length < 4) throw new EthereumFormatException($"calldata of {bytes.Length} bytes has no 4-byte selector");
            await WriteDecodedAsync(context, parseResult, parsed.Inputs, bytes.AsSpan(4).ToArray()).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WriteDecodedAsync(CliContext context, ParseResult parseResult, IReadOnlyList<AbiType> types, byte[] data)
    {
        if (types.Count == 0) throw new CliUsageException("no data was decoded: the signature has no types to decode (outputs go in a second parenthesis, or pass --input)");
        var values = CastFormatter.DecodeLenient(types, data);
        var writer = new StringWriter();
        if (context.IsJson(parseResult)) CastFormatter.WriteJson(writer, types, values);
        else CastFormatter.WriteLines(writer, types, values);
        await context.Out.WriteAsync(writer.ToString()).ConfigureAwait(false);
    }
}
