using System.Globalization;
using System.Numerics;
using LiquidStake.Cli.Commands;
using LiquidStake.Cli.Infrastructure;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Transactions;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Withdrawals;
using Spectre.Console.Testing;

namespace LiquidStake.UnitTests.Cli;

/// <summary>
/// Every table the CLI prints (rates, quote, position, withdraw list, withdraw list/claim --ledger, --dry-run plans,
/// delegate's operator list, allocate) on Spectre's TestConsole at 80 and 150 columns: no line is wider than the
/// terminal, nothing essential is cut, and what is left out at 80 columns is named under the table.
/// </summary>
public sealed class TableWidthTests
{
    private static readonly Address s_owner = Address.Parse(CliHarness.AnvilAddress0);
    private static readonly Address s_operator = Address.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    private static readonly StakingToken s_eth = new("ETH", "Ether", Address.Zero, 18, TokenAccounting.Native);
    private static readonly StakingToken s_stEth = new("stETH", "Liquid staked Ether 2.0", Address.Parse("0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84"), 18, TokenAccounting.Rebasing);
    private static readonly StakingToken s_rEth = new("rETH", "Rocket Pool ETH", Address.Parse("0xae78736Cd615f374D3085123A210448E74Fc6393"), 18, TokenAccounting.ExchangeRate);
    private static readonly Hash32 s_root = Hash32.Parse("0x" + new string('a', 60) + "beef");

    private static BigInteger Wei(string digits) => BigInteger.Parse(digits, CultureInfo.InvariantCulture);

    private static (string Text, IReadOnlyList<string> Hidden) Render(FittedTable table, int width)
    {
        var console = new TestConsole().Width(width);
        var (_, hidden) = table.Build(width);
        table.Write(console);
        return (console.Output, hidden);
    }

    private static void AssertFits(string text, int width)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.All(lines, line => Assert.True(line.Length <= width, $"{line.Length} > {width}: {line}"));
    }

    /// <summary>At 150 columns every column is shown; at 80 exactly <paramref name="hiddenAt80"/> are left out and named.</summary>
    private static string AssertFitted(FittedTable table, int width, params string[] hiddenAt80)
    {
        var (text, hidden) = Render(table, width);
        AssertFits(text, width);
        if (width >= 150)
        {
            Assert.Empty(hidden);
            Assert.DoesNotContain("not shown at this width", text, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(hiddenAt80, hidden);
            if (hiddenAt80.Length > 0) Assert.Contains(Words(FittedTable.HiddenNote(hidden)), Words(text), StringComparison.Ordinal);
        }
        return text;
    }

    private static string Words(string text) => string.Join(' ', text.Split([' ', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

    private static ExchangeRate StEthRate() => new(s_stEth, s_eth, Wei("1000000123456789012"), Wei("1000000000000000000"));

    private static ExchangeRate REthRate() => new(s_rEth, s_eth, Wei("1142636981234567890"), Wei("1000000000000000000"));

    private static StakeQuote Quote(ProtocolId protocol, StakingToken tokenOut, ExchangeRate rate) =>
        new(protocol, s_eth, Wei("1500000000000000000"), tokenOut, Wei("1312678901234567890"), Wei("5000000000000000"), rate,
            Minimum: Wei("10000000000000000"), Maximum: Wei("4321000000000000000000"), IsPaused: false);

    [Theory]
    [InlineData(80)]
    [InlineData(150)]
    public void Rates_keep_protocol_rate_and_apr(int width)
    {
        var table = StakingOutput.RatesTable("Rates on devnet (fee and limits for 1.5 ETH)",
        [
            new("Lido", StEthRate(), 3.14159m, Quote(ProtocolId.Lido, s_stEth, StEthRate())),
            new("Rocket Pool", REthRate(), 2.71828m, Quote(ProtocolId.RocketPool, s_rEth, REthRate())),
            new("EigenLayer", null, null, null),
        ]);
        string text = AssertFitted(table, width);
        // Rounded for reading: 6 decimals for a rate, 2 for an APR.
        Assert.Contains("1.142637 ETH", text, StringComparison.Ordinal);
        Assert.Contains("3.14 %", text, StringComparison.Ordinal);
        Assert.Contains("2.72 %", text, StringComparison.Ordinal);
        Assert.DoesNotContain("3.1415", text, StringComparison.Ordinal);
        Assert.Contains("n/a", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(80)]
    [InlineData(150)]
    public void Quotes_keep_what_you_pay_and_get(int width)
    {
        var table = StakingOutput.QuotesTable([Quote(ProtocolId.Lido, s_stEth, StEthRate()), Quote(ProtocolId.RocketPool, s_rEth, REthRate())]);
        string text = AssertFitted(table, width, "Maximum", "Minimum", "Fee");
        Assert.Contains("1.5 ETH", text, StringComparison.Ordinal);
        Assert.Contains("1.31267890123456789 rETH", text, StringComparison.Ordinal);
    }

    private static Position[] Positions() =>
    [
        new(ProtocolId.Lido, s_owner, s_stEth, Wei("123456789012345678901234"), Wei("98765432109876543210987"), Wei("123456789012345678901234")),
        new(ProtocolId.RocketPool, s_operator, s_rEth, Wei("1500000000000000000"), null, Wei("1713955471851851835")),
    ];

    [Theory]
    [InlineData(80)]
    [InlineData(150)]
    public void Positions_with_owner_fit_the_terminal(int width)
    {
        string text = AssertFitted(StakingOutput.PositionsTable(Positions(), showOwner: true), width, "Shares", "ETH value");
        Assert.Contains("123456.789012345678901234", text, StringComparison.Ordinal);
        // Whole addresses need 154 columns here: below that the owner is shortened to head…tail before any column is dropped.
        Assert.DoesNotContain(s_owner.ToString(), text, StringComparison.Ordinal);
        Assert.Contains("0xf39Fd6…b92266", text, StringComparison.Ordinal);
        Assert.Equal(width >= 150, text.Contains("98765.432109876543210987", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(80)]
    [InlineData(150)]
    public void Positions_of_one_account(int width)
    {
        string text = AssertFitted(StakingOutput.PositionsTable(Positions()), width, "Shares", "ETH value");
        Assert.Contains("123456.789012345678901234", text, StringComparison.Ordinal);
    }

    private static WithdrawalRequest[] Withdrawals() =>
    [
        new(WithdrawalId.ForRequest(ProtocolId.Lido, 12), s_owner, s_stEth, Wei("2500000000000000000"), Wei("2499999999999999999"), WithdrawalStatus.Claimable, null, null, null),
        new(WithdrawalId.ForRoot(ProtocolId.EigenLayer, s_root), s_owner, s_stEth, Wei("1000000000000000000"), null, WithdrawalStatus.Pending, null, 23_000_123, null),
    ];

    [Theory]
    [InlineData(80)]
    [InlineData(150)]
    public void Withdrawals_keep_id_amount_and_status(int width)
    {
        string text = AssertFitted(StakingOutput.WithdrawalsTable(Withdrawals()), width, "Claimable at block", "Claimable");
        Assert.Contains("lido:12", text, StringComparison.Ordinal);
        Assert.Contains("Claimable", text, StringComparison.Ordinal);
        // The 77-character EigenLayer id does not fit beside the rest even at 150 columns: head…tail (--json has it whole).
        Assert.Contains("eigenlayer:0xaaaaaaaaaaa…aaaabeef", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(80)]
    [InlineData(150)]
    public void Ledger_entries(int width)
    {
        var now = new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero);
        var tx = Hash32.Parse("0x" + new string('1', 64));
        var claimTx = Hash32.Parse("0x" + new string('2', 64));
        var requests = Withdrawals();
        WithdrawalLedgerEntry[] entries =
        [
            new(requests[0].Id, s_owner, LedgerEntryState.Claimed, requests[0], now, now, tx, null, Wei("2499999999999999999"), claimTx),
            new(requests[1].Id, s_owner, LedgerEntryState.Pending, requests[1], now, now, tx, "waiting for the withdrawal delay"),
        ];
        string text = AssertFitted(LedgerCommands.Table(entries), width, "Request tx", "Claim tx", "Claimed");
        Assert.Contains("waiting for the withdrawal delay", text.ReplaceLineEndings(" ").Replace("│", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(width >= 150, text.Contains("2.499999999999999999", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(80)]
    [InlineData(150)]
    public void Dry_run_plans(int width)
    {
        var approval = new TransactionStep(TransactionStepKind.Approval, "approve stETH for the EigenLayer StrategyManager",
            new TransactionRequest { To = s_stEth.Address, Data = new byte[68] });
        var deposit = new TransactionStep(TransactionStepKind.Action, "deposit 1.5 stETH into the stETH strategy",
            new TransactionRequest { To = s_operator, Data = new byte[100], Value = Wei("1500000000000000000") });
        var plan = new PreparedTransaction(ProtocolId.EigenLayer, "Restake 1.5 stETH", [approval, deposit]);
        var simulation = new PlanSimulation([new StepSimulation(approval, true, [], 46_000, null, []), new StepSimulation(deposit, true, [], 120_000, null, [])]);
        string text = AssertFitted(StakingOutput.PlanTable(plan, simulation), width);
        Assert.Contains("ok, gas 120000", text, StringComparison.Ordinal);
        Assert.Contains("1.5 ETH", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(80)]
    [InlineData(150)]
    public void Eigenlayer_operators(int width)
    {
        string text = AssertFitted(StakingOutput.OperatorsTable([(s_operator, true, 2), (s_owner, false, 0)]), width);
        Assert.Contains(s_operator.ToString(), text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(80)]
    [InlineData(150)]
    public void Allocations(int width)
    {
        var table = StakingOutput.AllocationTable("Allocation of 32 ETH (cap 0.33)",
            [("lido", Wei("12000000000000000000"), 0.2812m, 0.2813m), ("rocketpool", Wei("20000000000000000000"), 0.0301m, 0.0302m), ("etherfi", BigInteger.Zero, null, null)]);
        string text = AssertFitted(table, width);
        Assert.Contains("28.13 %", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_one_line_withdrawal_id_is_shown_whole_when_it_fits()
    {
        var request = new WithdrawalRequest(WithdrawalId.ForRoot(ProtocolId.EigenLayer, s_root), s_owner, s_stEth, Wei("1000000000000000000"), null, WithdrawalStatus.Pending, null, 23_000_123, null);
        var (text, hidden) = Render(StakingOutput.WithdrawalsTable([request]), 150);
        Assert.Empty(hidden);
        // Alone in the table, the 77-character id fits at 150 columns and is shown whole, ready to copy into withdraw claim.
        Assert.Contains("eigenlayer:" + s_root, text, StringComparison.Ordinal);
        Assert.DoesNotContain("…", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_with_only_essential_columns_is_not_cut_below_them()
    {
        // Nothing can be dropped: the table is still written (Spectre folds), and no note claims a column was hidden.
        var table = new FittedTable("t").Column("Id").Row(new string('x', 120));
        var (text, hidden) = Render(table, 80);
        Assert.Empty(hidden);
        Assert.DoesNotContain("not shown", text, StringComparison.Ordinal);
    }
}
