using System.CommandLine;
using System.Globalization;
using System.Numerics;
using LiquidStake.Cli.Abi;
using LiquidStake.Cli.Infrastructure;
using LiquidStake.Cli.Keys;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Abi;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Sending;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Ethereum.Transactions;

namespace LiquidStake.Cli.Commands;

/// <summary><c>mktx</c>: build and sign a transaction, printing the raw signed bytes like cast. Fully offline when chain, nonce,
/// gas limit and fees are given; otherwise the missing fields come from <c>--rpc-url</c>.</summary>
internal sealed class TransactionCommands : ICommandGroup
{
    private static readonly Dictionary<string, ulong> ChainNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mainnet"] = 1, ["ethereum"] = 1, ["sepolia"] = 11155111, ["holesky"] = 17000, ["hoodi"] = 560048,
        ["anvil"] = 31337, ["devnet"] = 31337,
    };

    public IEnumerable<Command> CreateCommands(CliContext context)
    {
        var keys = new KeySourceOptions();
        var positionals = new Argument<string[]>("ARGS")
        {
            Description = "[TO] [SIG] [ARGS]...: destination, function signature (or 0x calldata) and its arguments",
            Arity = ArgumentArity.ZeroOrMore,
            HelpName = "TO SIG ARGS",
        };
        var create = new Option<string?>("--create") { Description = "Deploy this contract bytecode; SIG is then the constructor signature", HelpName = "CODE" };
        var chain = new Option<string?>("--chain") { Description = "Chain id or name (mainnet, sepolia, holesky, hoodi, devnet)", HelpName = "CHAIN" };
        var nonce = new Option<ulong?>("--nonce") { Description = "Nonce for the transaction", HelpName = "NONCE" };
        var gasLimit = new Option<string?>("--gas-limit") { Description = "Gas limit for the transaction", HelpName = "GAS_LIMIT" };
        var gasPrice = new Option<string?>("--gas-price") { Description = "Gas price (legacy) or max fee per gas (EIP-1559), in wei or with a unit: 10gwei", HelpName = "PRICE" };
        var priority = new Option<string?>("--priority-gas-price") { Description = "Max priority fee per gas (EIP-1559)", HelpName = "PRICE" };
        var value = new Option<string?>("--value") { Description = "Ether to send, in wei or with a unit: 1ether, 10gwei", HelpName = "VALUE" };
        var legacy = new Option<bool>("--legacy") { Description = "Build a legacy (EIP-155) transaction instead of EIP-1559" };

        var command = new Command("mktx", "Build and sign a transaction") { positionals, create, chain, nonce, gasLimit, gasPrice, priority, value, legacy };
        command.Aliases.Add("m");
        keys.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var tokens = parseResult.GetValue(positionals) ?? [];
            Address? to;
            byte[] data;
            if (parseResult.GetValue(create) is { } code)
            {
                to = null;
                data = HashCommands.DecodeHex(code);
                if (tokens.Length > 0)
                {
                    var constructor = ParsedSignature.Parse(tokens[0], allowEmptyName: true);
                    var arguments = CastValueParser.ParseArguments(constructor.Inputs, tokens[1..]);
                    data = [.. data, .. AbiCodec.Encode(constructor.Inputs, arguments)];
                }
            }
            else
            {
                if (tokens.Length == 0) throw new CliUsageException("mktx needs a destination TO, or --create CODE to deploy.");
                to = new Address(AddressCommands.ParseLenient(tokens[0]));
                data = tokens.Length switch
                {
                    1 => [],
                    _ when tokens[1].StartsWith("0x", StringComparison.Ordinal) && !tokens[1].Contains('(', StringComparison.Ordinal) =>
                        tokens.Length == 2 ? HashCommands.DecodeHex(tokens[1]) : throw new CliUsageException("raw 0x calldata takes no further arguments"),
                    _ => AbiCommands.EncodeCall(tokens[1], tokens[2..]),
                };
            }

            bool isLegacy = parseResult.GetValue(legacy);
            var fields = new Fields
            {
                ChainId = ParseChain(parseResult.GetValue(chain)) ?? NetworkChainId(parseResult.GetValue(context.Global.Network)),
                Nonce = parseResult.GetValue(nonce),
                Gas = parseResult.GetValue(gasLimit) is { } g ? ToUInt64(CastNumber.Parse(g, allowNegative: false), "--gas-limit") : null,
                GasPrice = parseResult.GetValue(gasPrice) is { } p ? CastNumber.Parse(p, allowNegative: false) : null,
                Priority = parseResult.GetValue(priority) is { } q ? CastNumber.Parse(q, allowNegative: false) : null,
            };
            var amount = parseResult.GetValue(value) is { } v ? CastNumber.Parse(v, allowNegative: false) : BigInteger.Zero;

            using var signer = await keys.ResolveAsync(parseResult, context, null, cancellationToken).ConfigureAwait(false);
            if (!fields.IsComplete(isLegacy))
                fields = await FillFromRpcAsync(context, parseResult, fields, isLegacy, signer.Address, to, amount, data, cancellationToken).ConfigureAwait(false);

            var transaction = new UnsignedTransaction
            {
                Type = isLegacy ? TransactionType.Legacy : TransactionType.DynamicFee,
                ChainId = fields.ChainId,
                Nonce = fields.Nonce!.Value,
                Gas = fields.Gas!.Value,
                GasPrice = isLegacy ? fields.GasPrice : null,
                MaxFeePerGas = isLegacy ? null : fields.GasPrice,
                MaxPriorityFeePerGas = isLegacy ? null : fields.Priority,
                To = to,
                Value = amount,
                Data = data,
            };
            var signed = signer.SignTransaction(transaction);
            await context.Out.WriteLineAsync(signed.RawHex).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        yield return command;
    }

    private sealed record Fields
    {
        public ulong? ChainId { get; init; }
        public ulong? Nonce { get; init; }
        public ulong? Gas { get; init; }
        public BigInteger? GasPrice { get; init; }
        public BigInteger? Priority { get; init; }

        public bool IsComplete(bool legacy) =>
            ChainId is not null && Nonce is not null && Gas is not null && GasPrice is not null && (legacy || Priority is not null);

        public IEnumerable<string> Missing(bool legacy)
        {
            if (ChainId is null) yield return "--chain";
            if (Nonce is null) yield return "--nonce";
            if (Gas is null) yield return "--gas-limit";
            if (GasPrice is null) yield return "--gas-price";
            if (!legacy && Priority is null) yield return "--priority-gas-price";
        }
    }

    private static async Task<Fields> FillFromRpcAsync(CliContext context, ParseResult parseResult, Fields fields, bool legacy,
        Address from, Address? to, BigInteger value, byte[] data, CancellationToken cancellationToken)
    {
        var url = context.Global.ResolveRpcUrl(parseResult, context.Environment)
            ?? throw new CliUsageException($"Offline signing needs {string.Join(", ", fields.Missing(legacy))}; give them or an --rpc-url to fill them in.");
        using var rpc = new EthereumRpcClient(new EthereumRpcClientOptions { Url = url, TimeProvider = context.Environment.TimeProvider });
        ulong nodeChainId = await rpc.GetChainIdAsync(cancellationToken).ConfigureAwait(false);
        if (fields.ChainId is { } expected && expected != nodeChainId) throw new ChainIdMismatchException(expected, nodeChainId);
        ulong nonce = fields.Nonce ?? await rpc.GetTransactionCountAsync(from, BlockParameter.Pending, cancellationToken).ConfigureAwait(false);
        BigInteger? priority = fields.Priority;
        BigInteger? gasPrice = fields.GasPrice;
        if (legacy)
        {
            gasPrice ??= await rpc.GetGasPriceAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            priority ??= await rpc.GetMaxPriorityFeePerGasAsync(cancellationToken).ConfigureAwait(false);
            if (gasPrice is null)
            {
                var latest = await rpc.GetBlockByNumberAsync(BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
                var baseFee = latest?.BaseFeePerGas ?? await rpc.GetGasPriceAsync(cancellationToken).ConfigureAwait(false);
                // Room for the base fee to double before inclusion, the usual wallet default.
                gasPrice = baseFee * 2 + priority.Value;
            }
        }
        ulong gas = fields.Gas ?? await rpc.EstimateGasAsync(new TransactionRequest { From = from, To = to, Value = value, Data = data }, BlockParameter.Latest, null, cancellationToken).ConfigureAwait(false);
        return new Fields { ChainId = nodeChainId, Nonce = nonce, Gas = gas, GasPrice = gasPrice, Priority = priority };
    }

    private static ulong? ParseChain(string? text)
    {
        if (text is null) return null;
        if (ChainNames.TryGetValue(text, out ulong known)) return known;
        var number = CastNumber.Parse(text, allowNegative: false);
        return ToUInt64(number, "--chain");
    }

    private static ulong? NetworkChainId(string? network) => network is null ? null : ChainNames[network];

    private static ulong ToUInt64(BigInteger value, string option) =>
        value <= ulong.MaxValue ? (ulong)value : throw new CliUsageException($"{option} {value.ToString(CultureInfo.InvariantCulture)} does not fit in 64 bits");
}
