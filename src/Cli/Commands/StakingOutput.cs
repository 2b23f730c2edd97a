using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiquidStake.Cli.Infrastructure;
using LiquidStake.Ethereum;
using LiquidStake.Sdk;
using Spectre.Console;

namespace LiquidStake.Cli.Commands;

/// <summary>
/// How the protocol commands show SDK models: Spectre tables for people, JSON (amounts as base-unit decimal strings,
/// never floating point) for scripts.
/// </summary>
internal static class StakingOutput
{
    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };

    /// <summary>Writes <paramref name="node"/> as indented JSON on standard output.</summary>
    public static async Task WriteJsonAsync(CliContext context, JsonNode node, CancellationToken cancellationToken)
    {
        await context.Out.WriteLineAsync(node.ToJsonString(s_indented).AsMemory(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Base units as an exact decimal string (JSON numbers would lose precision in most parsers).</summary>
    public static string Units(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>"1.5 stETH"; native ETH goes through <see cref="Ether"/> so a 1-wei minimum reads "1 wei".</summary>
    public static string Amount(BigInteger value, StakingToken token, EtherUnit unit = EtherUnit.Auto) =>
        IsNativeEther(token) ? Ether(value, unit) : $"{EthUnits.FormatUnits(value, token.Decimals)} {token.Symbol}";

    private static bool IsNativeEther(StakingToken token) =>
        token.Decimals == EthUnits.EtherDecimals && string.Equals(token.Symbol, "ETH", StringComparison.Ordinal);

    /// <summary>"1.5 ETH", "1 gwei", "1 wei": the unit that reads best unless <paramref name="unit"/> forces one.</summary>
    public static string Ether(BigInteger wei, EtherUnit unit = EtherUnit.Auto) => EtherDisplay.Format(wei, unit);

    private static string Optional(BigInteger? value, StakingToken token, EtherUnit unit) => value is { } v ? Amount(v, token, unit) : "-";

    /// <summary>A maximum for display: "-" when unbounded or so large (type(uint256).max caps) that it means "no limit".</summary>
    public static string Limit(BigInteger? value, StakingToken token, EtherUnit unit = EtherUnit.Auto) =>
        value is { } v && v < BigInteger.Pow(10, 36) ? Amount(v, token, unit) : "none";

    public static JsonObject Token(StakingToken token) => new()
    {
        ["symbol"] = token.Symbol,
        ["address"] = token.Address.ToString(),
        ["decimals"] = token.Decimals,
        ["accounting"] = token.Accounting.ToString(),
    };

    public static JsonObject Rate(ExchangeRate rate) => new()
    {
        ["base"] = rate.Base.Symbol,
        ["quote"] = rate.Quote.Symbol,
        ["numerator"] = Units(rate.Numerator),
        ["denominator"] = Units(rate.Denominator),
        ["quotePerWholeBase"] = Units(rate.QuotePerWholeBase),
        ["display"] = rate.ToString(),
    };

    public static JsonObject Quote(StakeQuote quote) => new()
    {
        ["protocol"] = quote.Protocol.Value,
        ["tokenIn"] = Token(quote.TokenIn),
        ["amountIn"] = Units(quote.AmountIn),
        ["tokenOut"] = Token(quote.TokenOut),
        ["expectedOut"] = Units(quote.ExpectedOut),
        ["fee"] = Units(quote.Fee),
        ["rate"] = Rate(quote.Rate),
        ["minimum"] = quote.Minimum is { } min ? Units(min) : null,
        ["maximum"] = quote.Maximum is { } max ? Units(max) : null,
        ["paused"] = quote.IsPaused,
        ["allowed"] = quote.IsAllowed,
    };

    public static JsonObject Position(Position position) => new()
    {
        ["protocol"] = position.Protocol.Value,
        ["owner"] = position.Owner.ToString(),
        ["token"] = Token(position.Token),
        ["balance"] = Units(position.Balance),
        ["shares"] = position.Shares is { } s ? Units(s) : null,
        ["ethValue"] = Units(position.EthValue),
    };

    public static JsonObject Withdrawal(WithdrawalRequest request) => new()
    {
        ["id"] = request.Id.ToString(),
        ["protocol"] = request.Id.Protocol.Value,
        ["owner"] = request.Owner.ToString(),
        ["token"] = request.Token.Symbol,
        ["amountRequested"] = Units(request.AmountRequested),
        ["amountClaimable"] = request.AmountClaimable is { } c ? Units(c) : null,
        ["status"] = request.Status.ToString(),
        ["claimableAtBlock"] = request.ClaimableAtBlock,
    };

    public static JsonObject Plan(PreparedTransaction plan, Address from, PlanSimulation? simulation)
    {
        var steps = new JsonArray();
        for (int i = 0; i < plan.Steps.Count; i++)
        {
            var step = plan.Steps[i];
            var sim = simulation is not null && i < simulation.Steps.Count ? simulation.Steps[i] : null;
            steps.Add((JsonNode)new JsonObject
            {
                ["kind"] = step.Kind.ToString(),
                ["description"] = step.Description,
                ["from"] = (step.Request.From ?? from).ToString(),
                ["to"] = step.Request.To?.ToString(),
                ["value"] = Units(step.Request.Value),
                ["data"] = Hex.Encode(step.Request.Data.Span),
                ["simulation"] = sim is null ? null : new JsonObject
                {
                    ["succeeded"] = sim.Succeeded,
                    ["gasUsed"] = sim.GasUsed,
                    ["revert"] = sim.Revert is { } r ? CliApp.OneLine(r) : null,
                },
            });
        }
        return new JsonObject
        {
            ["protocol"] = plan.Protocol.Value,
            ["description"] = plan.Description,
            ["from"] = from.ToString(),
            ["steps"] = steps,
            ["preflight"] = simulation is null ? null : new JsonObject
            {
                ["succeeded"] = simulation.Succeeded,
                ["revert"] = simulation.FirstRevert is { } revert ? CliApp.OneLine(revert) : null,
            },
        };
    }

    public static JsonObject Execution(PlanExecution execution) => new()
    {
        ["protocol"] = execution.Plan.Protocol.Value,
        ["description"] = execution.Plan.Description,
        ["transactions"] = new JsonArray(execution.Receipts.Select((r, i) => (JsonNode)new JsonObject
        {
            ["description"] = execution.Plan.Steps[i].Description,
            ["hash"] = r.TransactionHash.ToString(),
            ["block"] = r.BlockNumber,
            ["gasUsed"] = r.GasUsed,
        }).ToArray()),
    };

    public static Table QuotesTable(IEnumerable<StakeQuote> quotes, EtherUnit unit = EtherUnit.Auto)
    {
        var table = new Table().Title("Quotes").AddColumns("Protocol", "You pay", "You get", "Rate", "Fee", "Minimum", "Maximum", "Open");
        foreach (var q in quotes)
        {
            table.AddRow(Markup.Escape(q.Protocol.Value), Markup.Escape(Amount(q.AmountIn, q.TokenIn, unit)), Markup.Escape(Amount(q.ExpectedOut, q.TokenOut, unit)),
                Markup.Escape(q.Rate.ToString()), Markup.Escape(Amount(q.Fee, q.TokenIn, unit)), Markup.Escape(Optional(q.Minimum, q.TokenIn, unit)),
                Markup.Escape(Limit(q.Maximum, q.TokenIn, unit)), q.IsPaused ? "paused" : q.IsAllowed ? "yes" : "out of limits");
        }
        return table;
    }

    public static Table PositionsTable(IEnumerable<Position> positions, string title = "Positions", bool showOwner = false)
    {
        var table = new Table().Title(Markup.Escape(title)).AddColumn("Protocol");
        if (showOwner) table.AddColumn("Owner");
        table.AddColumns("Token", "Balance", "Shares", "ETH value");
        foreach (var p in positions)
        {
            var cells = new List<string> { Markup.Escape(p.Protocol.Value) };
            if (showOwner) cells.Add(Markup.Escape(p.Owner.ToString()));
            cells.Add(Markup.Escape(p.Token.Symbol));
            cells.Add(Markup.Escape(EthUnits.FormatUnits(p.Balance, p.Token.Decimals)));
            cells.Add(p.Shares is { } s ? Markup.Escape(EthUnits.FormatUnits(s, p.Token.Decimals)) : "-");
            cells.Add(Markup.Escape(EthUnits.FormatEther(p.EthValue)));
            table.AddRow(cells.ToArray());
        }
        return table;
    }

    public static Table WithdrawalsTable(IEnumerable<WithdrawalRequest> requests, string title = "Withdrawals")
    {
        var table = new Table().Title(Markup.Escape(title)).AddColumns("Id", "Token", "Requested", "Claimable", "Status", "Claimable at block");
        foreach (var w in requests)
        {
            table.AddRow(Markup.Escape(Shorten(w.Id.ToString())), Markup.Escape(w.Token.Symbol), Markup.Escape(EthUnits.FormatUnits(w.AmountRequested, w.Token.Decimals)),
                w.AmountClaimable is { } c ? Markup.Escape(EthUnits.FormatEther(c)) : "-", w.Status.ToString(),
                w.ClaimableAtBlock is { } b ? b.ToString(CultureInfo.InvariantCulture) : "-");
        }
        return table;
    }

    public static Table PlanTable(PreparedTransaction plan, PlanSimulation? simulation)
    {
        // The calldata is printed in full below the table (one line per step), where it can be copied.
        var table = new Table().Title(Markup.Escape(plan.Description)).AddColumns("#", "Kind", "Description", "To", "Value", "Preflight");
        for (int i = 0; i < plan.Steps.Count; i++)
        {
            var step = plan.Steps[i];
            var sim = simulation is not null && i < simulation.Steps.Count ? simulation.Steps[i] : null;
            string preflight = sim is null ? "-" : sim.Succeeded
                ? string.Create(CultureInfo.InvariantCulture, $"ok, gas {sim.GasUsed}")
                : "reverts: " + (sim.Revert is { } r ? CliApp.OneLine(r) : "unknown");
            table.AddRow((i + 1).ToString(CultureInfo.InvariantCulture), step.Kind.ToString(), Markup.Escape(step.Description),
                Markup.Escape(step.Request.To?.ToString() ?? "(create)"), Markup.Escape(Ether(step.Request.Value)), Markup.Escape(preflight));
        }
        return table;
    }

    /// <summary>Withdrawal roots are long; the table shows the head and tail, JSON the whole id.</summary>
    private static string Shorten(string id) => id.Length > 40 ? string.Concat(id.AsSpan(0, 24), "…", id.AsSpan(id.Length - 8)) : id;
}
