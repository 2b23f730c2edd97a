using System.Globalization;
using System.Text.Json;
using LiquidStake.Cli.Infrastructure;
using LiquidStake.Cli.Output;
using LiquidStake.Testing;

namespace LiquidStake.UnitTests.Cli;

/// <summary>The shape checker itself: it must fail on a renamed, retyped, reordered or wrongly null property.</summary>
public sealed class JsonShapeCheckerTests
{
    private static readonly JsonShapeBook s_book = JsonShapeBook.Load("""
        ```shape
        Item = { id: string, count: number, ok: boolean, note: string? }
        list = [Item]
        ```
        """);

    [Fact]
    public void A_matching_document_passes() =>
        Assert.Empty(s_book.Check("list", """[{"id":"a","count":1,"ok":true,"note":null},{"id":"b","count":2,"ok":false,"note":"x"}]"""));

    [Theory]
    [InlineData("""[{"id":"a","count":1,"ok":true}]""")]
    [InlineData("""[{"id":"a","total":1,"ok":true,"note":null}]""")]
    [InlineData("""[{"count":1,"id":"a","ok":true,"note":null}]""")]
    [InlineData("""[{"id":"a","count":"1","ok":true,"note":null}]""")]
    [InlineData("""[{"id":null,"count":1,"ok":true,"note":null}]""")]
    [InlineData("""[{"id":"a","count":1,"ok":true,"note":null,"extra":1}]""")]
    [InlineData("""{"id":"a","count":1,"ok":true,"note":null}""")]
    public void A_drifted_document_fails(string json) => Assert.NotEmpty(s_book.Check("list", json));
}

/// <summary>One devnet for the JSON shape tests; the account is mnemonic index 6, used by no other test of this fixture.</summary>
public sealed class JsonShapeDevnetFixture : IAsyncLifetime
{
    public DevnetNode Node { get; private set; } = null!;

    public async Task InitializeAsync() => Node = await DevnetNode.StartAsync();

    public async Task DisposeAsync() => await Node.DisposeAsync();
}

/// <summary>
/// Every command's <c>--json</c> output against the shapes documented in docs/cli-json.md: the real output of each
/// command on a devnet, and the source-generated records of the commands that need a whole devnet of their own
/// (<c>demo</c>, <c>devnet up|down</c>).
/// </summary>
public sealed class JsonShapeTests(JsonShapeDevnetFixture devnet) : IClassFixture<JsonShapeDevnetFixture>
{
    private const int AccountIndex = 6;

    /// <summary>Every command shape the doc defines is checked by a test here (so a shape cannot be documented and forgotten).</summary>
    private static readonly string[] s_commandShapes =
    [
        "rates", "quote", "quote-all", "position", "withdraw-list", "withdraw-list-ledger", "withdraw-claim-ledger", "dry-run", "sent",
        "operators", "stakewise-vaults", "allocate", "demo", "devnet-up", "devnet-down", "devnet-report", "devnet-finalize", "devnet-advance",
    ];

    private static readonly JsonShapeBook s_book = JsonShapeBook.LoadDoc();

    private static string[] Key => ["--mnemonic", CliHarness.TestMnemonic, "--mnemonic-index", AccountIndex.ToString(CultureInfo.InvariantCulture)];

    private static string Account => DevnetNode.DeriveTestAccounts()[AccountIndex].Address.ToString();

    private Task<CliRun> RunAsync(params string[] args) => CliHarness.RunAsync(["--rpc-url", devnet.Node.RpcUrl.ToString(), "--json", .. args]);

    private static void AssertShape(string shape, CliRun run, int exitCode = ExitCodes.Success)
    {
        Assert.True(run.ExitCode == exitCode, $"exit {run.ExitCode}: {run.Stderr}");
        var errors = s_book.Check(shape, run.Stdout);
        Assert.True(errors.Count == 0, $"{shape}: {string.Join("; ", errors)}\n{run.Stdout}");
    }

    [Fact]
    public void The_doc_defines_exactly_the_tested_command_shapes()
    {
        var commandNames = s_book.Names.Where(n => char.IsLower(n[0])).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(s_commandShapes.Order(StringComparer.Ordinal).ToArray(), commandNames);
    }

    [Fact]
    public void Demo_and_devnet_records_match_the_doc()
    {
        var token = new TokenJson("ETH", "0x0000000000000000000000000000000000000000", 18, "Native");
        var rate = new RateJson("stETH", "ETH", "1", "1", "1000000000000000000", "1 stETH = 1 ETH");
        var quote = new QuoteJson("lido", token, "1", token, "1", "0", rate, null, "5", false, true);
        var demo = new DemoJson("http://127.0.0.1:8545/", Account, ["lido"], [quote], [new DemoStepJson("lido", "stake", "0x01", 23_000_001, "1 ETH")],
            [new PositionJson("lido", Account, token, "1", null, "1")],
            [new WithdrawalJson("lido:1", "lido", Account, "stETH", "1", null, "Pending", null)], true);
        Assert.Empty(s_book.Check("demo", JsonSerializer.Serialize(demo, CliJsonContext.Default.DemoJson)));
        Assert.Empty(s_book.Check("devnet-up", JsonSerializer.Serialize(new DevnetStartedJson("http://127.0.0.1:8545/", 1, 42, true), CliJsonContext.Default.DevnetStartedJson)));
        Assert.Empty(s_book.Check("devnet-down", JsonSerializer.Serialize(new DevnetStoppedJson(true, 42), CliJsonContext.Default.DevnetStoppedJson)));
    }

    [Fact]
    public async Task Read_commands_match_the_doc()
    {
        AssertShape("rates", await RunAsync("rates"));
        AssertShape("quote", await RunAsync("quote", "lido", "1"));
        AssertShape("quote-all", await RunAsync("quote", "all", "1"));
        AssertShape("operators", await RunAsync("delegate"));
        AssertShape("stakewise-vaults", await RunAsync("stakewise", "vaults"));
        AssertShape("allocate", await RunAsync("allocate", "32", "--total-staked", "1000000000", "--share", "lido=0.24"));
        AssertShape("dry-run", await RunAsync("restake", "1", "--dry-run", "--from", Account));
    }

    [Fact]
    public async Task Withdrawal_lifecycle_commands_match_the_doc()
    {
        AssertShape("sent", await RunAsync(["stake", "lido", "3", .. Key]));
        AssertShape("sent", await RunAsync(["withdraw", "request", "lido", "1", .. Key]));
        AssertShape("position", await RunAsync("position", Account));

        var list = await RunAsync("withdraw", "list", Account, "--protocol", "lido");
        AssertShape("withdraw-list", list);
        using var listed = JsonDocument.Parse(list.Stdout);
        var request = Assert.Single(listed.RootElement.EnumerateArray().ToArray());
        string id = request.GetProperty("id").GetString()!;
        Assert.Equal("Pending", request.GetProperty("status").GetString());

        string ledger = Path.Combine(Path.GetTempPath(), $"liquidstake-shape-{Guid.NewGuid():N}.db");
        try
        {
            AssertShape("withdraw-list-ledger", await RunAsync("withdraw", "list", Account, "--ledger", ledger));

            // claim --wait polls until the request is claimable: the finalization happens while it waits (or before its
            // first read; either way it must end with the claim sent).
            var claiming = RunAsync(["withdraw", "claim", id, "--wait", "--poll", "1", "--timeout", "600", .. Key]);
            var requestId = System.Numerics.BigInteger.Parse(id["lido:".Length..], CultureInfo.InvariantCulture);
            await devnet.Node.Lido.FinalizeWithdrawalsAsync(requestId);
            AssertShape("sent", await claiming);

            // The ledger sees it claimed on chain; a second ledger claim round finds nothing to claim (exit 3) but still reports.
            AssertShape("withdraw-claim-ledger", await RunAsync(["withdraw", "claim", "--ledger", ledger, .. Key]), ExitCodes.Refused);
        }
        finally
        {
            File.Delete(ledger);
        }
    }

    [Fact]
    public async Task Devnet_driver_commands_match_the_doc_and_move_a_withdrawal_to_claimable_from_the_shell()
    {
        // Account 7: its own requests, so the lifecycle test above still sees exactly one of account 6.
        string[] key = ["--mnemonic", CliHarness.TestMnemonic, "--mnemonic-index", "7"];
        string account = DevnetNode.DeriveTestAccounts()[7].Address.ToString();
        AssertShape("sent", await RunAsync(["stake", "lido", "2", .. key]));
        AssertShape("sent", await RunAsync(["withdraw", "request", "lido", "1", .. key]));
        using (var listed = JsonDocument.Parse((await RunAsync("withdraw", "list", account, "--protocol", "lido")).Stdout))
        {
            var request = Assert.Single(listed.RootElement.EnumerateArray().ToArray());
            Assert.Equal("Pending", request.GetProperty("status").GetString());
            string id = request.GetProperty("id").GetString()!["lido:".Length..];

            var finalize = await RunAsync("devnet", "finalize", "lido", id);
            AssertShape("devnet-finalize", finalize);
        }
        using (var listed = JsonDocument.Parse((await RunAsync("withdraw", "list", account, "--protocol", "lido")).Stdout))
            Assert.Equal("Claimable", Assert.Single(listed.RootElement.EnumerateArray().ToArray()).GetProperty("status").GetString());

        AssertShape("devnet-report", await RunAsync("devnet", "report", "lido", "--apr", "400"));
        AssertShape("devnet-report", await RunAsync("devnet", "report", "rocketpool"));
        AssertShape("devnet-report", await RunAsync("devnet", "report", "etherfi"));
        AssertShape("devnet-report", await RunAsync("devnet", "report", "stakewise", "--apr", "320"));
        ulong before = await devnet.Node.Rpc.GetBlockNumberAsync();
        var advanced = await RunAsync("devnet", "advance", "--seconds", "3600", "--blocks", "5");
        AssertShape("devnet-advance", advanced);
        using var head = JsonDocument.Parse(advanced.Stdout);
        Assert.Equal(before + 5, head.RootElement.GetProperty("block").GetUInt64());
    }
}
