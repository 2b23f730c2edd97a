using System.CommandLine;
using System.Globalization;
using System.Text;
using LiquidStake.Cli.Infrastructure;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Crypto;

namespace LiquidStake.Cli.Commands;

/// <summary><c>to-check-sum-address</c>: EIP-55 (and EIP-1191 with a chain id) checksums, as cast prints them.</summary>
internal sealed class AddressCommands : ICommandGroup
{
    public IEnumerable<Command> CreateCommands(CliContext context)
    {
        var address = new Argument<string>("ADDRESS") { Description = "The address to convert" };
        var chainId = new Argument<ulong?>("CHAIN_ID") { Description = "EIP-155 chain ID to encode the address using EIP-1191", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("to-check-sum-address", "Convert an address to a checksummed format (EIP-55)") { address, chainId };
        command.Aliases.Add("to-checksum-address");
        command.Aliases.Add("to-checksum");
        command.Aliases.Add("ta");
        command.SetAction(async (parseResult, _) =>
        {
            var bytes = ParseLenient(parseResult.GetValue(address)!);
            await context.Out.WriteLineAsync(Checksum(bytes, parseResult.GetValue(chainId))).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        yield return command;
    }

    /// <summary>Twenty bytes of hex with or without 0x, any letter case (the checksum is not checked, as in cast).</summary>
    internal static byte[] ParseLenient(string text)
    {
        var digits = Hex.StripPrefix(text.AsSpan().Trim());
        if (digits.Length != 40 || !Hex.TryDecode(digits, out byte[] bytes))
            throw new CliUsageException($"invalid address '{text}': an address is 20 bytes (40 hex digits)");
        return bytes;
    }

    /// <summary>EIP-55 checksum; with <paramref name="chainId"/>, EIP-1191 (the hash covers "{chainId}0x{address}").</summary>
    internal static string Checksum(ReadOnlySpan<byte> address, ulong? chainId)
    {
        string lower = Hex.Encode(address, prefix: false);
        string hashed = chainId is { } id ? id.ToString(CultureInfo.InvariantCulture) + "0x" + lower : lower;
        byte[] hash = Keccak256.Hash(Encoding.ASCII.GetBytes(hashed));
        var result = new StringBuilder("0x", 42);
        for (int i = 0; i < lower.Length; i++)
        {
            int nibble = (i % 2 == 0) ? hash[i / 2] >> 4 : hash[i / 2] & 0x0f;
            result.Append(nibble >= 8 ? char.ToUpperInvariant(lower[i]) : lower[i]);
        }
        return result.ToString();
    }
}
