using System.Globalization;
using System.Numerics;
using System.Text.Json;
using LiquidStake.Cli.Infrastructure;
using LiquidStake.Testing;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Contracts.Common;
using LiquidStake.Sdk.Services;

namespace LiquidStake.UnitTests.Cli;

/// <summary>Command-line errors of the staking, demo and devnet commands: exit code 2 and a one-line reason, before any node is needed.</summary>
public sealed class ProtocolCommandUsageTests
{
    [Theory]
    [InlineData("Required argument missing", "quote")]
    [InlineData("Unknown protocol 'bogus'", "quote", "bogus", "1")]
    [InlineData("is not a decimal number", "quote", "lido", "1.2.3")]
    [InlineData("is not a decimal number", "quote", "lido", "1e18")]
    [InlineData("must be greater than zero", "quote", "lido", "0")]
    [InlineData("at most 18 decimals", "quote", "lido", "0.0000000000000000001")]
    [InlineData("needs a node", "quote", "lido", "1")]
    [InlineData("is not a decimal number", "rates", "--amount", "abc")]
    [InlineData("Required argument missing", "position")]
    [InlineData("is not a valid 0x address", "position", "0x123")]
    [InlineData("Unknown protocol 'nope'", "position", "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "--protocol", "nope")]
    [InlineData("Required argument missing", "stake", "lido")]
    [InlineData("is not a decimal number", "stake", "lido", "one")]
    [InlineData("needs --from ADDRESS or a key", "stake", "lido", "1", "--dry-run")]
    [InlineData("--from is only for --dry-run", "stake", "lido", "1", "--from", "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266")]
    [InlineData("A signer is needed", "stake", "lido", "1")]
    [InlineData("has no wrapped token", "wrap", "rocketpool", "1")]
    [InlineData("has no wrapped token", "unwrap", "eigenlayer", "1")]
    [InlineData("Required command was not provided", "withdraw")]
    [InlineData("has no withdrawal queue", "withdraw", "request", "rocketpool", "1")]
    [InlineData("Required argument missing", "withdraw", "list")]
    [InlineData("is not a withdrawal id", "withdraw", "claim", "lido:abc")]
    [InlineData("nothing to claim", "withdraw", "claim", "rocketpool:1")]
    [InlineData("Unknown token 'DOGE'", "restake", "1", "--token", "DOGE")]
    [InlineData("is not a valid 0x address", "delegate", "0xnope")]
    [InlineData("--total-staked", "allocate", "32")]
    [InlineData("is not a fraction", "allocate", "32", "--share", "lido=2", "--total-staked", "1000")]
    [InlineData("is not PROTOCOL=FRACTION", "allocate", "32", "--share", "lido", "--total-staked", "1000")]
    [InlineData("Required command was not provided", "devnet")]
    [InlineData("is not between 1 and 65535", "devnet", "up", "--port", "70000")]
    [InlineData("Unrecognized command or argument", "demo", "extra")]
    public async Task Bad_command_lines_exit_with_usage_code_and_one_reason(string expected, params string[] args)
    {
        var run = await CliHarness.RunAsync(args);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("error: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public async Task Private_key_is_never_echoed_in_errors()
    {
        var run = await CliHarness.RunAsync("stake", "lido", "1", "--private-key", "0x1234");
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.DoesNotContain("0x1234", run.Stderr, StringComparison.Ordinal);
    }
}

/// <summary>One devnet for the read and dry-run tests (each test uses its own account or only reads).</summary>
public sealed class CliDevnetFixture : IAsyncLifetime
{
    public DevnetNode Node { get; private set; } = null!;

    public string Url => Node.RpcUrl.ToString();

    public async Task InitializeAsync() => Node = await DevnetNode.StartAsync();

    public async Task DisposeAsync() => await Node.DisposeAsync();
}

/// <summary>The staking commands against a running devnet: JSON shapes, dry runs that send nothing, a real stake.</summary>
public sealed class ProtocolCommandDevnetTests(CliDevnetFixture devnet) : IClassFixture<CliDevnetFixture>
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    private Task<CliRun> RunAsync(params string[] args) => CliHarness.RunAsync(["--rpc-url", devnet.Url, .. args]);

    private static string[] Mnemonic(int index) => ["--mnemonic", CliHarness.TestMnemonic, "--mnemonic-index", index.ToString(CultureInfo.InvariantCulture)];

    [Fact]
    public async Task Rates_json_lists_every_provider_with_exact_rate_and_limits()
    {
        var run = await RunAsync("rates", "--json");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        var rows = doc.RootElement.EnumerateArray().ToArray();
        Assert.Equal(["lido", "rocketpool", "etherfi", "eigenlayer", "stakewise"], rows.Select(r => r.GetProperty("protocol").GetString()!).ToArray());
        foreach (var row in rows)
        {
            var rate = row.GetProperty("rate");
            var numerator = BigInteger.Parse(rate.GetProperty("numerator").GetString()!, CultureInfo.InvariantCulture);
            var denominator = BigInteger.Parse(rate.GetProperty("denominator").GetString()!, CultureInfo.InvariantCulture);
            Assert.True(denominator > 0);
            Assert.Equal(numerator * Ether / denominator, BigInteger.Parse(rate.GetProperty("quotePerWholeBase").GetString()!, CultureInfo.InvariantCulture));
            var quote = row.GetProperty("quote");
            Assert.Equal((Ether).ToString(CultureInfo.InvariantCulture), quote.GetProperty("amountIn").GetString());
            Assert.Equal(JsonValueKind.Null, row.GetProperty("error").ValueKind);
        }
        // Lido's stETH is 1:1 with ETH; EigenLayer's APR is its stETH strategy's, and the note says AVS rewards are not in it.
        Assert.Equal("1 stETH = 1 ETH", rows[0].GetProperty("rate").GetProperty("display").GetString());
        Assert.Equal(rows[0].GetProperty("aprPercent").GetString(), rows[3].GetProperty("aprPercent").GetString());
        Assert.Contains("AVS rewards", rows[3].GetProperty("aprNote").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stakewise_vaults_json_lists_the_directory_as_the_sdk_reads_it()
    {
        var run = await RunAsync("stakewise", "vaults", "--json");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        var rows = doc.RootElement.EnumerateArray().ToArray();
        Assert.Equal([1500, 500, 1000], rows.Select(r => r.GetProperty("feePercentBasisPoints").GetInt32()).ToArray());
        Assert.True(rows[0].GetProperty("genesis").GetBoolean());
        Assert.Equal(JsonValueKind.Null, rows[0].GetProperty("capacity").ValueKind);
        Assert.Equal((10_000 * Ether).ToString(CultureInfo.InvariantCulture), rows[1].GetProperty("capacity").GetString());
        Assert.Equal((1_000 * Ether).ToString(CultureInfo.InvariantCulture), rows[2].GetProperty("capacity").GetString());
        using var rpc = new EthereumRpcClient(new EthereumRpcClientOptions { Url = devnet.Node.RpcUrl });
        var sdk = await new LiquidStake.Sdk.Protocols.StakeWise.StakeWiseClient(new LiquidStakeContext(rpc, NetworkProfile.Devnet)).GetVaultsAsync(false);
        Assert.Equal(sdk.Select(v => v.Address.ToString()).ToArray(), rows.Select(r => r.GetProperty("vault").GetString()!).ToArray());
        Assert.Equal(sdk.Select(v => v.TotalAssets.ToString(CultureInfo.InvariantCulture)).ToArray(), rows.Select(r => r.GetProperty("totalAssets").GetString()!).ToArray());
        Assert.All(rows, r => Assert.NotEqual(JsonValueKind.Null, r.GetProperty("aprPercent").ValueKind));

        var table = await RunAsync("stakewise", "vaults", "--no-apr");
        Assert.Equal(ExitCodes.Success, table.ExitCode);
        Assert.Contains("StakeWise vaults", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quote_json_has_exact_amounts_matching_the_sdk()
    {
        var run = await RunAsync("quote", "lido", "1.5", "--json");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        var q = doc.RootElement;
        Assert.Equal("lido", q.GetProperty("protocol").GetString());
        Assert.Equal("1500000000000000000", q.GetProperty("amountIn").GetString());
        Assert.Equal("ETH", q.GetProperty("tokenIn").GetProperty("symbol").GetString());
        Assert.Equal("stETH", q.GetProperty("tokenOut").GetProperty("symbol").GetString());
        Assert.Equal(NetworkProfile.Devnet.Lido!.StEth.ToString(), q.GetProperty("tokenOut").GetProperty("address").GetString());

        using var rpc = new EthereumRpcClient(new EthereumRpcClientOptions { Url = devnet.Node.RpcUrl });
        var sdk = await new LiquidStake.Sdk.Protocols.Lido.LidoClient(new LiquidStakeContext(rpc, NetworkProfile.Devnet)).QuoteStakeAsync(Ether * 3 / 2);
        Assert.Equal(sdk.ExpectedOut.ToString(CultureInfo.InvariantCulture), q.GetProperty("expectedOut").GetString());
        Assert.Equal("0", q.GetProperty("fee").GetString());
        Assert.True(q.GetProperty("allowed").GetBoolean());
        Assert.False(q.GetProperty("paused").GetBoolean());
    }

    [Fact]
    public async Task Quote_all_json_is_an_array_in_provider_order()
    {
        var run = await RunAsync("quote", "all", "2", "--json");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        Assert.Equal(["lido", "rocketpool", "etherfi", "eigenlayer", "stakewise"], doc.RootElement.EnumerateArray().Select(q => q.GetProperty("protocol").GetString()!).ToArray());
        Assert.All(doc.RootElement.EnumerateArray(), q => Assert.Equal("2000000000000000000", q.GetProperty("amountIn").GetString()));
    }

    [Fact]
    public async Task Stake_sends_and_position_json_shows_the_exact_balance()
    {
        var account = DevnetNode.DeriveTestAccounts()[3].Address;
        var stake = await RunAsync(["stake", "lido", "2", .. Mnemonic(3)]);
        Assert.Equal(ExitCodes.Success, stake.ExitCode);
        Assert.Contains("Stake 2 ETH with Lido for stETH: 0x", stake.Stdout, StringComparison.Ordinal);

        var run = await RunAsync("position", account.ToString(), "--json");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        var positions = doc.RootElement.EnumerateArray().ToArray();
        // StakeWise lists the osETH balance (zero here) even without a vault stake.
        Assert.Equal(["lido", "lido", "rocketpool", "etherfi", "etherfi", "stakewise"], positions.Select(p => p.GetProperty("protocol").GetString()!).ToArray());
        var stEth = positions.Single(p => p.GetProperty("token").GetProperty("symbol").GetString() == "stETH");
        var onChain = await new Erc20(NetworkProfile.Devnet.Lido!.StEth, devnet.Node.Rpc).BalanceOfAsync(account);
        Assert.Equal(onChain.ToString(CultureInfo.InvariantCulture), stEth.GetProperty("balance").GetString());
        Assert.Equal(account.ToString(), stEth.GetProperty("owner").GetString());
        Assert.True(onChain >= 2 * Ether - 2, "stETH rounds down by at most 2 wei");
    }

    [Fact]
    public async Task Dry_run_prints_the_plan_and_preflight_and_sends_nothing()
    {
        var account = DevnetNode.DeriveTestAccounts()[4].Address;
        var nonceBefore = await devnet.Node.Rpc.GetTransactionCountAsync(account, BlockParameter.Latest);
        var balanceBefore = await devnet.Node.Rpc.GetBalanceAsync(account, BlockParameter.Latest);

        var run = await RunAsync(["stake", "lido", "1", "--dry-run", "--json", .. Mnemonic(4)]);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        var plan = Assert.Single(doc.RootElement.EnumerateArray().ToArray());
        var step = Assert.Single(plan.GetProperty("steps").EnumerateArray().ToArray());
        Assert.Equal(NetworkProfile.Devnet.Lido!.StEth.ToString(), step.GetProperty("to").GetString());
        Assert.Equal("1000000000000000000", step.GetProperty("value").GetString());
        // submit(address _referral) with the zero referral.
        Assert.Equal("0xa1903eab" + new string('0', 64), step.GetProperty("data").GetString());
        Assert.Equal(account.ToString(), step.GetProperty("from").GetString());
        Assert.True(step.GetProperty("simulation").GetProperty("succeeded").GetBoolean());
        Assert.True(plan.GetProperty("preflight").GetProperty("succeeded").GetBoolean());

        var text = await RunAsync("wrap", "lido", "1", "--dry-run", "--from", account.ToString());
        Assert.Equal(ExitCodes.Refused, text.ExitCode); // the account holds no stETH: refused before or by the simulation

        Assert.Equal(nonceBefore, await devnet.Node.Rpc.GetTransactionCountAsync(account, BlockParameter.Latest));
        Assert.Equal(balanceBefore, await devnet.Node.Rpc.GetBalanceAsync(account, BlockParameter.Latest));
    }

    [Fact]
    public async Task Preflight_refusal_exits_with_refused_code_and_sends_nothing()
    {
        var account = DevnetNode.DeriveTestAccounts()[5].Address;
        var nonceBefore = await devnet.Node.Rpc.GetTransactionCountAsync(account, BlockParameter.Latest);
        var run = await RunAsync(["stake", "rocketpool", "0.001", .. Mnemonic(5)]);
        Assert.Equal(ExitCodes.Refused, run.ExitCode);
        Assert.StartsWith("error: ", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(nonceBefore, await devnet.Node.Rpc.GetTransactionCountAsync(account, BlockParameter.Latest));
    }

    [Fact]
    public async Task Allocate_json_splits_the_whole_amount_without_crossing_the_cap()
    {
        var run = await RunAsync("allocate", "100", "--share", "lido=0.32", "--share", "rocketpool=0.02", "--share", "etherfi=0.05",
            "--total-staked", "34000000", "--json");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        var root = doc.RootElement;
        Assert.Equal("100000000000000000000", root.GetProperty("amount").GetString());
        Assert.Equal("0", root.GetProperty("unallocated").GetString());
        var allocations = root.GetProperty("allocations").EnumerateArray().ToArray();
        var sum = allocations.Aggregate(BigInteger.Zero, (s, a) => s + BigInteger.Parse(a.GetProperty("amount").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(100 * Ether, sum);
        Assert.All(allocations, a => Assert.True(decimal.Parse(a.GetProperty("shareAfter").GetString()!, CultureInfo.InvariantCulture) <= 0.33m));
        Assert.Equal(["etherfi", "lido", "rocketpool", "stakewise"], allocations.Select(a => a.GetProperty("protocol").GetString()!).Distinct().Order(StringComparer.Ordinal).ToArray());
        // StakeWise is planned per vault (each its own operator for concentration): the three devnet vaults, each named.
        var vaults = allocations.Where(a => a.GetProperty("protocol").GetString() == "stakewise").Select(a => a.GetProperty("operator").GetString()!).ToArray();
        Assert.Equal(3, vaults.Distinct().Count());
        Assert.Contains(NetworkProfile.Devnet.StakeWise!.GenesisVault.ToString(), vaults);
        Assert.All(allocations.Where(a => a.GetProperty("protocol").GetString() != "stakewise"), a => Assert.Equal(JsonValueKind.Null, a.GetProperty("operator").ValueKind));
    }

    [Fact]
    public async Task Allocate_reads_the_staked_ether_of_protocols_without_a_share_on_chain()
    {
        // The devnet's Rocket Pool reports 390 million ETH (a replica seed, not mainnet's figure): the total must exceed it.
        var run = await RunAsync("allocate", "10", "--share", "etherfi=0.05", "--total-staked", "1000000000", "--json");
        Assert.True(run.ExitCode == ExitCodes.Success, run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        var before = doc.RootElement.GetProperty("allocations").EnumerateArray()
            .Where(a => a.GetProperty("operator").ValueKind == JsonValueKind.Null)
            .ToDictionary(a => a.GetProperty("protocol").GetString()!, a => a.GetProperty("shareBefore").GetString());

        // Lido and Rocket Pool come from their contracts; ether.fi from the command line; EigenLayer adds no stake.
        var context = new LiquidStakeContext(devnet.Node.Rpc, NetworkProfile.Devnet);
        var total = 1_000_000_000 * Ether;
        var expected = new StakeDistribution(total, new Dictionary<ProtocolId, BigInteger>
        {
            [ProtocolId.Lido] = await new LiquidStake.Sdk.Protocols.Lido.LidoClient(context).GetStakedEtherAsync(),
            [ProtocolId.RocketPool] = await new LiquidStake.Sdk.Protocols.RocketPool.RocketPoolClient(context).GetStakedEtherAsync(),
            [ProtocolId.EtherFi] = total * 5 / 100,
        });
        Assert.Equal(expected.ShareOf(ProtocolId.Lido)!.Value.ToString(CultureInfo.InvariantCulture), before["lido"]);
        Assert.Equal(expected.ShareOf(ProtocolId.RocketPool)!.Value.ToString(CultureInfo.InvariantCulture), before["rocketpool"]);
        Assert.Equal("0.05", before["etherfi"]);
        Assert.True(expected.ShareOf(ProtocolId.Lido) > 0m);
    }

    [Fact]
    public async Task Withdraw_list_json_is_empty_for_a_fresh_account()
    {
        var run = await RunAsync("withdraw", "list", DevnetNode.DeriveTestAccounts()[6].Address.ToString(), "--json");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        Assert.Equal(JsonValueKind.Array, doc.RootElement.ValueKind);
        Assert.Empty(doc.RootElement.EnumerateArray());
    }
}

/// <summary>The demo on its own devnet, as CI runs it: no stdin, no terminal.</summary>
public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_walks_through_all_five_protocols_and_finishes()
    {
        var run = await CliHarness.RunAsync("demo");
        Assert.True(run.ExitCode == ExitCodes.Success, run.Stderr);
        Assert.Equal(string.Empty, run.Stderr);
        foreach (var name in new[] { "lido", "rocketpool", "etherfi", "eigenlayer", "stakewise", "stETH", "wstETH", "rETH", "eETH", "weETH", "osETH" })
            Assert.Contains(name, run.Stdout, StringComparison.Ordinal);
        foreach (var action in new[] { "lido stake:", "lido wrap:", "rocketpool deposit:", "etherfi deposit:", "etherfi wrap:", "eigenlayer restake:",
                     "eigenlayer delegate:", "lido request withdrawal:", "etherfi request withdrawal:", "lido claim:", "etherfi claim:",
                     "eigenlayer queue withdrawal:", "eigenlayer complete withdrawal:", "stakewise stake:", "stakewise mint osETH:",
                     "stakewise burn osETH:", "stakewise enter exit queue:", "stakewise claim:" })
            Assert.Contains(action, run.Stdout, StringComparison.Ordinal);
        var lastLine = run.Stdout.TrimEnd('\n').Split('\n')[^1];
        Assert.Equal("demo finished: 5 protocols (lido, rocketpool, etherfi, eigenlayer, stakewise)", lastLine);
    }

    [Fact]
    public async Task Demo_json_is_a_machine_readable_summary()
    {
        var run = await CliHarness.RunAsync("demo", "--json");
        Assert.True(run.ExitCode == ExitCodes.Success, run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        var root = doc.RootElement;
        Assert.True(root.GetProperty("finished").GetBoolean());
        Assert.Equal(["lido", "rocketpool", "etherfi", "eigenlayer", "stakewise"], root.GetProperty("protocols").EnumerateArray().Select(p => p.GetString()!).ToArray());
        var steps = root.GetProperty("steps").EnumerateArray().ToArray();
        Assert.Equal(18, steps.Length);
        Assert.All(steps, s => Assert.Matches("^0x[0-9a-f]{64}$", s.GetProperty("transaction").GetString()!));
        Assert.Equal(5, root.GetProperty("quotes").GetArrayLength());
        Address.Parse(root.GetProperty("wallet").GetString()!);

        // The claimed ether.fi request shows the 0.5 eETH recorded at request time, not the zeroed NFT amount.
        var etherFiClaimed = root.GetProperty("withdrawals").EnumerateArray()
            .Single(w => w.GetProperty("protocol").GetString() == "etherfi" && w.GetProperty("status").GetString() == "Claimed");
        Assert.Equal("500000000000000000", etherFiClaimed.GetProperty("amountRequested").GetString());
    }
}

/// <summary><c>devnet up --detach</c> and <c>devnet down</c>: a real background Anvil, found again through the pid file.</summary>
public sealed class DevnetCommandTests
{
    [Fact]
    public async Task Detached_devnet_serves_chain_1_until_down_stops_it()
    {
        var up = await CliHarness.RunAsync("devnet", "up", "--detach", "--json");
        Assert.True(up.ExitCode == ExitCodes.Success, up.Stderr);
        using var doc = JsonDocument.Parse(up.Stdout);
        var url = new Uri(doc.RootElement.GetProperty("rpcUrl").GetString()!);
        int pid = doc.RootElement.GetProperty("pid").GetInt32();
        try
        {
            using var rpc = new EthereumRpcClient(new EthereumRpcClientOptions { Url = url });
            Assert.Equal(1UL, await rpc.GetChainIdAsync());

            // Commands find the detached devnet through --network devnet.
            var rates = await CliHarness.RunAsync("--network", "devnet", "quote", "lido", "1", "--json");
            Assert.Equal(ExitCodes.Success, rates.ExitCode);

            var again = await CliHarness.RunAsync("devnet", "up", "--detach");
            Assert.Equal(ExitCodes.Refused, again.ExitCode);
        }
        finally
        {
            var down = await CliHarness.RunAsync("devnet", "down");
            Assert.Equal(ExitCodes.Success, down.ExitCode);
            Assert.Equal($"devnet stopped (pid {pid.ToString(CultureInfo.InvariantCulture)})\n", down.Stdout);
        }
        Assert.False(IsRunning(pid));
        var twice = await CliHarness.RunAsync("devnet", "down");
        Assert.Equal(ExitCodes.Refused, twice.ExitCode);
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
