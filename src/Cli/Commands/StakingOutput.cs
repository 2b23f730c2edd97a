using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using LiquidStake.Cli.Output;
using LiquidStake.Cli.Infrastructure;
using LiquidStake.Ethereum;
using LiquidStake.Sdk;
using Spectre.Console;

namespace LiquidStake.Cli.Commands;

/// <summary>
/// How the protocol commands show SDK models: Spectre tables for people, JSON (amounts as base-unit decimal strings,
/// never floating point; shapes in <see cref="CliJsonContext"/> and docs/cli-json.md) for scripts.
/// </summary>
internal static class StakingOutput
{
    /// <summary>Writes <paramref name="value"/> as indented JSON on standard output (source-generated: <see cref="CliJsonContext"/>).</summary>
    public static async Task WriteJsonAsync<T>(CliContext context, T value, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        await context.Out.WriteLineAsync(JsonSerializer.Serialize(value, typeInfo).AsMemory(), cancellationToken).ConfigureAwait(false);
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

    public static TokenJson Token(StakingToken token) => new(token.Symbol, token.Address.ToString(), token.Decimals, token.Accounting.ToString());

    public static RateJson Rate(ExchangeRate rate) =>
        new(rate.Base.Symbol, rate.Quote.Symbol, Units(rate.Numerator), Units(rate.Denominator), Units(rate.QuotePerWholeBase), rate.ToString());

    public static QuoteJson Quote(StakeQuote quote) => new(quote.Protocol.Value, Token(quote.TokenIn), Units(quote.AmountIn), Token(quote.TokenOut),
        Units(quote.ExpectedOut), Units(quote.Fee), Rate(quote.Rate), quote.Minimum is { } min ? Units(min) : null,
        quote.Maximum is { } max ? Units(max) : null, quote.IsPaused, quote.IsAllowed);

    public static PositionJson Position(Position position) => new(position.Protocol.Value, position.Owner.ToString(), Token(position.Token),
        Units(position.Balance), position.Shares is { } s ? Units(s) : null, Units(position.EthValue));

    public static WithdrawalJson Withdrawal(WithdrawalRequest request) => new(request.Id.ToString(), request.Id.Protocol.Value, request.Owner.ToString(),
        request.Token.Symbol, Units(request.AmountRequested), request.AmountClaimable is { } c ? Units(c) : null, request.Status.ToString(), request.ClaimableAtBlock);

    public static PlanJson Plan(PreparedTransaction plan, Address from, PlanSimulation? simulation)
    {
        var steps = new List<PlanStepJson>();
        for (int i = 0; i < plan.Steps.Count; i++)
        {
            var step = plan.Steps[i];
            var sim = simulation is not null && i < simulation.Steps.Count ? simulation.Steps[i] : null;
            steps.Add(new PlanStepJson(step.Kind.ToString(), step.Description, (step.Request.From ?? from).ToString(), step.Request.To?.ToString(),
                Units(step.Request.Value), Hex.Encode(step.Request.Data.Span),
                sim is null ? null : new StepSimulationJson(sim.Succeeded, sim.GasUsed, sim.Revert is { } r ? CliApp.OneLine(r) : null)));
        }
        return new PlanJson(plan.Protocol.Value, plan.Description, from.ToString(), steps,
            simulation is null ? null : new PreflightJson(simulation.Succeeded, simulation.FirstRevert is { } revert ? CliApp.OneLine(revert) : null));
    }

    public static ExecutionJson Execution(PlanExecution execution) => new(execution.Plan.Protocol.Value, execution.Plan.Description,
        execution.Receipts.Select((r, i) => new SentTransactionJson(execution.Plan.Steps[i].Description, r.TransactionHash.ToString(), r.BlockNumber, r.GasUsed)).ToArray());

    // Drop orders below (higher = left out first on a narrow terminal; 0 = always shown) are the stated priorities of
    // docs/cli.md: what a person needs to decide (protocol, amounts, APR, status) stays; limits and details go first.

    /// <summary>One line of <c>rates</c>: a provider's rate, APR and stake quote (any may be missing).</summary>
    public sealed record RateLine(string Name, ExchangeRate? Rate, decimal? AprPercent, StakeQuote? Quote);

    /// <summary><c>rates</c>: Protocol, Rate, APR always; then Open (1), Fee (2), Minimum (3), Maximum (4).</summary>
    public static FittedTable RatesTable(string title, IEnumerable<RateLine> lines, EtherUnit unit = EtherUnit.Auto)
    {
        var table = new FittedTable(title).Column("Protocol").Column("Rate", wrap: true).Column("APR")
            .Column("Fee", 2).Column("Minimum", 3).Column("Maximum", 4).Column("Open", 1);
        foreach (var line in lines)
        {
            var q = line.Quote;
            table.Row(line.Name, line.Rate is { } r ? DisplayRounding.Rate(r) : "error", line.AprPercent is { } apr ? DisplayRounding.Apr(apr) : "n/a",
                q is null ? "-" : Amount(q.Fee, q.TokenIn, unit),
                q?.Minimum is { } min ? Amount(min, q.TokenIn, unit) : "-",
                q is null ? "-" : Limit(q.Maximum, q.TokenIn, unit),
                q is null ? "-" : q.IsPaused ? "paused" : "yes");
        }
        return table;
    }

    /// <summary><c>quote</c>: Protocol, You pay, You get, Open always; then Rate (1), Fee (2), Minimum (3), Maximum (4).</summary>
    public static FittedTable QuotesTable(IEnumerable<StakeQuote> quotes, EtherUnit unit = EtherUnit.Auto)
    {
        var table = new FittedTable("Quotes").Column("Protocol").Column("You pay").Column("You get")
            .Column("Rate", 1, wrap: true).Column("Fee", 2).Column("Minimum", 3).Column("Maximum", 4).Column("Open");
        foreach (var q in quotes)
        {
            table.Row(q.Protocol.Value, Amount(q.AmountIn, q.TokenIn, unit), Amount(q.ExpectedOut, q.TokenOut, unit),
                DisplayRounding.Rate(q.Rate), Amount(q.Fee, q.TokenIn, unit), Optional(q.Minimum, q.TokenIn, unit),
                Limit(q.Maximum, q.TokenIn, unit), q.IsPaused ? "paused" : q.IsAllowed ? "yes" : "out of limits");
        }
        return table;
    }

    /// <summary><c>position</c>: Protocol, Owner (several accounts; head…tail when narrow), Token, Balance always; then ETH value (1), Shares (2).</summary>
    public static FittedTable PositionsTable(IEnumerable<Position> positions, string title = "Positions", bool showOwner = false, EtherUnit unit = EtherUnit.Auto)
    {
        var table = new FittedTable(title).Column("Protocol");
        if (showOwner) table.Column("Owner");
        table.Column("Token").Column("Balance").Column("Shares", 2).Column("ETH value", 1);
        foreach (var p in positions)
        {
            var cells = new List<FittedCell> { new(p.Protocol.Value) };
            if (showOwner) cells.Add(FittedCell.Identifier(p.Owner.ToString()));
            cells.Add(new(p.Token.Symbol));
            cells.Add(new(EthUnits.FormatUnits(p.Balance, p.Token.Decimals)));
            cells.Add(new(p.Shares is { } s ? EthUnits.FormatUnits(s, p.Token.Decimals) : "-"));
            cells.Add(new(Ether(p.EthValue, unit)));
            table.Row(cells.ToArray());
        }
        return table;
    }

    /// <summary><c>withdraw list</c>: Id (head…tail when narrow), Token, Requested, Status always; then Claimable (1), Claimable at block (2).</summary>
    public static FittedTable WithdrawalsTable(IEnumerable<WithdrawalRequest> requests, string title = "Withdrawals", EtherUnit unit = EtherUnit.Auto)
    {
        var table = new FittedTable(title).Column("Id").Column("Token").Column("Requested")
            .Column("Claimable", 1).Column("Status").Column("Claimable at block", 2);
        foreach (var w in requests)
        {
            table.Row(FittedCell.Identifier(w.Id.ToString(), 24, 8), new(w.Token.Symbol), new(EthUnits.FormatUnits(w.AmountRequested, w.Token.Decimals)),
                new(w.AmountClaimable is { } c ? Ether(c, unit) : "-"), new(w.Status.ToString()),
                new(w.ClaimableAtBlock is { } b ? b.ToString(CultureInfo.InvariantCulture) : "-"));
        }
        return table;
    }

    /// <summary><c>--dry-run</c> plans: #, Description, Preflight always; then Value (1), To (2, head…tail when narrow), Kind (3).</summary>
    public static FittedTable PlanTable(PreparedTransaction plan, PlanSimulation? simulation, EtherUnit unit = EtherUnit.Auto)
    {
        // The calldata is printed in full below the table (one line per step), where it can be copied.
        var table = new FittedTable(plan.Description).Column("#").Column("Kind", 3).Column("Description", wrap: true).Column("To", 2)
            .Column("Value", 1).Column("Preflight", wrap: true);
        for (int i = 0; i < plan.Steps.Count; i++)
        {
            var step = plan.Steps[i];
            var sim = simulation is not null && i < simulation.Steps.Count ? simulation.Steps[i] : null;
            string preflight = sim is null ? "-" : sim.Succeeded
                ? string.Create(CultureInfo.InvariantCulture, $"ok, gas {sim.GasUsed}")
                : "reverts: " + (sim.Revert is { } r ? CliApp.OneLine(r) : "unknown");
            table.Row(new((i + 1).ToString(CultureInfo.InvariantCulture)), new(step.Kind.ToString()), new(step.Description),
                FittedCell.Identifier(step.Request.To?.ToString() ?? "(create)"), new(Ether(step.Request.Value, unit)), new(preflight));
        }
        return table;
    }

    /// <summary><c>delegate</c> without an operator: Operator always; then Needs approval (1), Operator sets (2).</summary>
    public static FittedTable OperatorsTable(IEnumerable<(Address Operator, bool RequiresApproval, int OperatorSets)> operators)
    {
        var table = new FittedTable("EigenLayer operators").Column("Operator").Column("Needs approval", 1).Column("Operator sets", 2);
        foreach (var o in operators)
            table.Row(FittedCell.Identifier(o.Operator.ToString()), new(o.RequiresApproval ? "yes" : "no"), new(o.OperatorSets.ToString(CultureInfo.InvariantCulture)));
        return table;
    }

    /// <summary><c>stakewise vaults</c>: Vault, TVL always; then Fee (1), APR (2), Capacity (3), LTV (4).</summary>
    public static FittedTable StakeWiseVaultsTable(IEnumerable<LiquidStake.Sdk.Protocols.StakeWise.StakeWiseVaultInfo> vaults, EtherUnit unit = EtherUnit.Auto)
    {
        var table = new FittedTable("StakeWise vaults").Column("Vault").Column("TVL").Column("Fee", 1).Column("APR", 2).Column("Capacity", 3).Column("LTV", 4);
        foreach (var v in vaults)
        {
            table.Row(FittedCell.Identifier(v.IsGenesis ? $"{v.Address} (genesis)" : v.Address.ToString()), new(Ether(v.TotalAssets, unit)),
                new((v.FeePercent / 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%"),
                new(v.Apr is { } apr ? apr.Percent.ToString("0.##", CultureInfo.InvariantCulture) + "%" : "-"),
                new(v.HasCapacity ? Ether(v.Capacity, unit) : "unlimited"),
                new(EthUnits.FormatUnits(v.OsTokenConfig.LtvPercent * 100, 18) + "%"));
        }
        return table;
    }

    /// <summary><c>allocate</c>: Protocol, Amount always; then Share after (1), Share before (2).</summary>
    public static FittedTable AllocationTable(string title, IEnumerable<(string Protocol, BigInteger Amount, decimal? ShareBefore, decimal? ShareAfter)> allocations, EtherUnit unit = EtherUnit.Auto)
    {
        var table = new FittedTable(title).Column("Protocol").Column("Amount").Column("Share before", 2).Column("Share after", 1);
        foreach (var a in allocations)
        {
            table.Row(a.Protocol, Ether(a.Amount, unit),
                a.ShareBefore is { } b ? b.ToString("P2", CultureInfo.InvariantCulture) : "-", a.ShareAfter is { } s ? s.ToString("P2", CultureInfo.InvariantCulture) : "-");
        }
        return table;
    }
}
