using System.Globalization;
using System.Numerics;
using System.Text.Json;
using LiquidStake.Cli.Infrastructure;
using LiquidStake.Testing;
using LiquidStake.Ethereum;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Contracts.Common;
using LiquidStake.Sdk.Protocols.EigenLayer;
using LiquidStake.Sdk.Protocols.Lido;

namespace LiquidStake.UnitTests.Cli;

/// <summary>A devnet of its own for the sending commands, so their state changes stay out of the read tests' chain.</summary>
public sealed class CliWriteDevnetFixture : IAsyncLifetime
{
    public DevnetNode Node { get; private set; } = null!;

    public async Task InitializeAsync() => Node = await DevnetNode.StartAsync();

    public async Task DisposeAsync() => await Node.DisposeAsync();
}

/// <summary>
/// The sending commands end to end — wrap, unwrap, withdraw request/list/claim, restake, delegate — each checked
/// against the chain read through the SDK.
/// </summary>
public sealed class WriteCommandTests(CliWriteDevnetFixture devnet) : IClassFixture<CliWriteDevnetFixture>
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    private Task<CliRun> RunAsync(params string[] args) => CliHarness.RunAsync(["--rpc-url", devnet.Node.RpcUrl.ToString(), .. args]);

    private static string[] Key(int index) => ["--mnemonic", CliHarness.TestMnemonic, "--mnemonic-index", index.ToString(CultureInfo.InvariantCulture)];

    private LiquidStakeContext Context() => new(devnet.Node.Rpc, NetworkProfile.Devnet);

    private static void Succeeded(CliRun run) => Assert.True(run.ExitCode == ExitCodes.Success, $"exit {run.ExitCode}: {run.Stderr}{run.Stdout}");

    [Fact]
    public async Task Wrap_and_unwrap_move_stEth_and_wstEth_as_the_contracts_compute()
    {
        var account = DevnetNode.DeriveTestAccounts()[1].Address;
        Succeeded(await RunAsync(["stake", "lido", "3", .. Key(1)]));
        var stEth = new Erc20(NetworkProfile.Devnet.Lido!.StEth, devnet.Node.Rpc);
        var wstEth = new Erc20(NetworkProfile.Devnet.Lido.WstEth, devnet.Node.Rpc);
        var lido = new LidoClient(Context());
        var stBefore = await stEth.BalanceOfAsync(account);
        var expectedWst = (await lido.GetShareRateAsync()).GetSharesByPooledEth(Ether);

        Succeeded(await RunAsync(["wrap", "lido", "1", .. Key(1)]));
        Assert.Equal(expectedWst, await wstEth.BalanceOfAsync(account));
        Assert.InRange(await stEth.BalanceOfAsync(account), stBefore - Ether - 1, stBefore - Ether + 1);

        var wstText = EthUnits.FormatUnits(expectedWst, 18);
        Succeeded(await RunAsync(["unwrap", "lido", wstText, .. Key(1)]));
        Assert.Equal(BigInteger.Zero, await wstEth.BalanceOfAsync(account));
        Assert.InRange(await stEth.BalanceOfAsync(account), stBefore - 2, stBefore);
    }

    [Fact]
    public async Task Withdraw_request_list_claim_pays_the_finalized_amount()
    {
        var account = DevnetNode.DeriveTestAccounts()[2].Address;
        Succeeded(await RunAsync(["stake", "lido", "2", .. Key(2)]));
        Succeeded(await RunAsync(["withdraw", "request", "lido", "1", .. Key(2)]));

        var listed = await RunAsync("withdraw", "list", account.ToString(), "--protocol", "lido", "--json");
        Succeeded(listed);
        string id;
        using (var doc = JsonDocument.Parse(listed.Stdout))
        {
            var request = Assert.Single(doc.RootElement.EnumerateArray().ToArray());
            id = request.GetProperty("id").GetString()!;
            Assert.Equal("Pending", request.GetProperty("status").GetString());
            Assert.Equal("1000000000000000000", request.GetProperty("amountRequested").GetString());
        }
        var requestId = WithdrawalId.Parse(id).RequestId!.Value;

        // Not finalized yet: the claim is refused and nothing is sent.
        var nonce = await devnet.Node.Rpc.GetTransactionCountAsync(account);
        Assert.Equal(ExitCodes.Refused, (await RunAsync(["withdraw", "claim", id, .. Key(2)])).ExitCode);
        Assert.Equal(nonce, await devnet.Node.Rpc.GetTransactionCountAsync(account));

        await devnet.Node.Lido.FinalizeWithdrawalsAsync(requestId);
        var lido = new LidoClient(Context());
        var claimable = (await lido.GetWithdrawalStatusAsync([requestId])).Single().AmountClaimable!.Value;
        var ethBefore = await devnet.Node.Rpc.GetBalanceAsync(account);
        var claim = await RunAsync(["withdraw", "claim", id, .. Key(2)]);
        Succeeded(claim);
        var ethAfter = await devnet.Node.Rpc.GetBalanceAsync(account);
        Assert.InRange(ethAfter - ethBefore, claimable - Ether / 100, claimable); // the claim minus its gas
        var status = await lido.GetWithdrawalRequestAsync(account, WithdrawalId.ForRequest(ProtocolId.Lido, requestId));
        Assert.Equal(WithdrawalStatus.Claimed, status!.Status);
    }

    [Fact]
    public async Task Withdraw_list_and_claim_with_a_ledger_read_and_write_the_backend_sqlite_file()
    {
        var account = DevnetNode.DeriveTestAccounts()[4].Address;
        var directory = Directory.CreateTempSubdirectory("liquidstake-cli-ledger-").FullName;
        var ledger = Path.Combine(directory, "ledger.db");
        try
        {
            Succeeded(await RunAsync(["stake", "lido", "2", .. Key(4)]));
            Succeeded(await RunAsync(["withdraw", "request", "lido", "1", .. Key(4)]));
            var listed = await RunAsync("withdraw", "list", account.ToString(), "--ledger", ledger, "--json");
            Succeeded(listed);
            string id;
            using (var doc = JsonDocument.Parse(listed.Stdout))
            {
                var entry = Assert.Single(doc.RootElement.EnumerateArray().ToArray());
                id = entry.GetProperty("id").GetString()!;
                Assert.Equal("Pending", entry.GetProperty("state").GetString());
            }
            Assert.Equal(ExitCodes.Usage, (await RunAsync(["withdraw", "claim", id, "--ledger", ledger, .. Key(4)])).ExitCode);

            await devnet.Node.Lido.FinalizeWithdrawalsAsync(WithdrawalId.Parse(id).RequestId!.Value);
            var claimable = (await new LidoClient(Context()).GetWithdrawalStatusAsync([WithdrawalId.Parse(id).RequestId!.Value])).Single().AmountClaimable!.Value;
            var ethBefore = await devnet.Node.Rpc.GetBalanceAsync(account);
            var claim = await RunAsync(["withdraw", "claim", "--ledger", ledger, "--json", .. Key(4)]);
            Succeeded(claim);
            string claimTx;
            using (var doc = JsonDocument.Parse(claim.Stdout))
            {
                Assert.Equal(1, doc.RootElement.GetProperty("claimed").GetInt32());
                var entry = Assert.Single(doc.RootElement.GetProperty("entries").EnumerateArray().ToArray());
                Assert.Equal("Claimed", entry.GetProperty("state").GetString());
                Assert.Equal(claimable.ToString(CultureInfo.InvariantCulture), entry.GetProperty("amountClaimed").GetString());
                claimTx = entry.GetProperty("claimTransaction").GetString()!;
            }
            var receipt = (await devnet.Node.Rpc.GetTransactionReceiptAsync(Hash32.Parse(claimTx)))!;
            Assert.Equal(ethBefore + claimable - receipt.GasUsed * receipt.EffectiveGasPrice, await devnet.Node.Rpc.GetBalanceAsync(account));

            // A second claim finds nothing; the list shows what was done.
            Assert.Equal(ExitCodes.Refused, (await RunAsync(["withdraw", "claim", "--ledger", ledger, .. Key(4)])).ExitCode);
            var table = await RunAsync("withdraw", "list", account.ToString(), "--ledger", ledger);
            Succeeded(table);
            Assert.Contains("Claimed", table.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Restake_and_delegate_put_the_shares_with_the_operator()
    {
        var account = DevnetNode.DeriveTestAccounts()[3].Address;
        Succeeded(await RunAsync(["stake", "lido", "2", .. Key(3)]));
        var eigenLayer = new EigenLayerClient(Context());
        var expectedShares = await eigenLayer.PreviewDepositSharesAsync(NetworkProfile.Devnet.Lido!.StEth, Ether);

        Succeeded(await RunAsync(["restake", "1", "--token", "stETH", .. Key(3)]));
        var position = Assert.Single(await eigenLayer.GetStrategyPositionsAsync(account));
        Assert.InRange(position.DepositShares, expectedShares - 1, expectedShares);

        var operators = await RunAsync("delegate", "--json");
        Succeeded(operators);
        using (var doc = JsonDocument.Parse(operators.Stdout))
            Assert.Contains(doc.RootElement.EnumerateArray(), o => o.GetProperty("operator").GetString() == DevnetAddresses.EigenLayer.OperatorA.ToString());

        Succeeded(await RunAsync(["delegate", DevnetAddresses.EigenLayer.OperatorA.ToString(), .. Key(3)]));
        Assert.Equal(DevnetAddresses.EigenLayer.OperatorA, await eigenLayer.GetDelegatedOperatorAsync(account));

        // A second delegation is refused before sending (already delegated).
        var nonce = await devnet.Node.Rpc.GetTransactionCountAsync(account);
        var again = await RunAsync(["delegate", DevnetAddresses.EigenLayer.OperatorB.ToString(), .. Key(3)]);
        Assert.Equal(ExitCodes.Refused, again.ExitCode);
        Assert.Contains("already delegated", again.Stderr, StringComparison.Ordinal);
        Assert.Equal(nonce, await devnet.Node.Rpc.GetTransactionCountAsync(account));
    }
}
