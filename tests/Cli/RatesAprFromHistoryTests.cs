using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using LiquidStake.Cli.Infrastructure;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Contracts;
using LiquidStake.Ethereum.Crypto;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Protocols.EtherFi;
using LiquidStake.Sdk.Protocols.Lido;
using LiquidStake.Sdk.Protocols.RocketPool;
using LiquidStake.Sdk.Protocols.StakeWise;

namespace LiquidStake.UnitTests.Cli;

/// <summary>
/// <c>liquidstake rates</c> on a fresh devnet shows an APR for every protocol, computed from the history the devnet build
/// wrote; each is checked here against the rate change between two reports, read as raw logs and annualised by hand.
/// </summary>
public sealed class RatesAprFromHistoryTests(CliDevnetFixture devnet) : IClassFixture<CliDevnetFixture>
{
    private const long Year = 31_536_000;

    // 1e-4 percentage points: the Lido SDK formula keeps 4 decimals (Rocket Pool 18, ether.fi 12).
    private const decimal Tolerance = 0.0001m;

    [Fact]
    public async Task Every_protocol_has_an_apr_equal_to_the_rate_change_between_two_reports()
    {
        var run = await CliHarness.RunAsync(["--rpc-url", devnet.Url, "rates", "--json"]);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        var apr = doc.RootElement.EnumerateArray().ToDictionary(
            r => r.GetProperty("protocol").GetString()!,
            r => r.GetProperty("aprPercent").GetString() is { } s ? decimal.Parse(s, CultureInfo.InvariantCulture) : (decimal?)null);

        using var rpc = new EthereumRpcClient(new EthereumRpcClientOptions { Url = devnet.Node.RpcUrl });
        var latest = await rpc.GetBlockNumberAsync();
        var network = NetworkProfile.Devnet;

        var lido = await LidoAprAsync(rpc, network.Lido!.StEth, latest);
        AssertClose(lido, apr["lido"]);
        AssertClose(await RocketPoolAprAsync(rpc, latest), apr["rocketpool"]);
        AssertClose(await EtherFiAprAsync(rpc, network.EtherFi!.LiquidityPool, latest), apr["etherfi"]);
        // The stETH strategy holds stETH, so its shares earn exactly the stETH share rate's growth.
        AssertClose(lido, apr["eigenlayer"]);
        AssertClose(await StakeWiseAprAsync(rpc, network.StakeWise!, latest), apr["stakewise"]);
        Assert.All(apr.Values, v => Assert.InRange(v ?? 0m, 1m, 10m));
    }

    private static void AssertClose(decimal expected, decimal? actual)
    {
        Assert.NotNull(actual);
        Assert.InRange(actual.Value, expected - Tolerance, expected + Tolerance);
    }

    // Lido's SMA: rebases within AprWindowDays * BlocksPerDay blocks of the newest; from the first's pre-rate to the
    // newest's post-rate over first.timeElapsed + (newest - first report time).
    private static async Task<decimal> LidoAprAsync(EthereumRpcClient rpc, Address stEth, ulong latest)
    {
        var logs = await LogsAsync(rpc, stEth, "TokenRebased(uint256,uint256,uint256,uint256,uint256,uint256,uint256)", latest);
        var options = new LidoClientOptions();
        var newest = logs[^1];
        var windowStart = newest.BlockNumber!.Value - (ulong)(options.AprWindowDays * options.BlocksPerDay);
        var first = logs.First(l => l.BlockNumber >= windowStart);
        Assert.NotSame(first, newest);
        var elapsed = Word(first, 0) + (Topic(newest, 1) - Topic(first, 1));
        return Annualised(Word(first, 2), Word(first, 1), Word(newest, 4), Word(newest, 3), elapsed);
    }

    // Rocket Pool: rETH rate totalEth / rethSupply of the first and last BalancesUpdated within 7 days (slot timestamps).
    private static async Task<decimal> RocketPoolAprAsync(EthereumRpcClient rpc, ulong latest)
    {
        var options = new RocketPoolClientOptions();
        var logs = await LogsAsync(rpc, Testing.Protocols.RocketPoolDevnetExtensions.NetworkBalances, "BalancesUpdated(uint256,uint256,uint256,uint256,uint256,uint256)", latest, options.AprLookbackBlocks);
        var last = logs[^1];
        var first = logs.First(l => Word(l, 0) >= Word(last, 0) - (long)options.AprWindow.TotalSeconds);
        Assert.NotSame(first, last);
        var r1 = BigInteger.Pow(10, 18) * Word(first, 1) / Word(first, 3);
        var r2 = BigInteger.Pow(10, 18) * Word(last, 1) / Word(last, 3);
        return Annualised(r1, BigInteger.One, r2, BigInteger.One, Word(last, 0) - Word(first, 0));
    }

    // ether.fi: totalEthLocked / totalEEthShares of the first and last Rebase in the lookback, over their blocks' times.
    private static async Task<decimal> EtherFiAprAsync(EthereumRpcClient rpc, Address pool, ulong latest)
    {
        var logs = await LogsAsync(rpc, pool, "Rebase(uint256,uint256)", latest, new EtherFiClientOptions().AprLookbackBlocks);
        var first = logs[0];
        var last = logs[^1];
        Assert.NotSame(first, last);
        var t0 = (await rpc.GetBlockByNumberAsync(BlockParameter.AtNumber(first.BlockNumber!.Value)))!.Timestamp;
        var t1 = (await rpc.GetBlockByNumberAsync(BlockParameter.AtNumber(last.BlockNumber!.Value)))!.Timestamp;
        return Annualised(Word(first, 0), Word(first, 1), Word(last, 0), Word(last, 1), t1 - t0);
    }

    // StakeWise: osETH accrues at each reward update's avgRewardPerSecond (1e18 = 100 % a second) until the next one; the
    // updates within the lookback weighted by how long each held (the last until the head), less the controller's fee.
    private static async Task<decimal> StakeWiseAprAsync(EthereumRpcClient rpc, StakeWiseAddresses stakeWise, ulong latest)
    {
        var options = new StakeWiseClientOptions();
        var lookback = (ulong)Math.Ceiling(options.AprLookback.TotalSeconds / options.BlockTime.TotalSeconds);
        var logs = await LogsAsync(rpc, stakeWise.Keeper, "RewardsUpdated(address,bytes32,uint256,uint64,uint64,string)", latest, lookback);
        var head = (await rpc.GetBlockByNumberAsync(BlockParameter.AtNumber(latest)))!.Timestamp;
        BigInteger weighted = 0;
        for (int i = 0; i < logs.Count; i++)
        {
            var until = i + 1 < logs.Count ? Word(logs[i + 1], 1) : BigInteger.Max(head, Word(logs[i], 1));
            weighted += Word(logs[i], 0) * (until - Word(logs[i], 1));
        }
        var span = BigInteger.Max(head, Word(logs[^1], 1)) - Word(logs[0], 1);
        var feeCall = await rpc.CallAsync(new Ethereum.Transactions.TransactionRequest { To = stakeWise.OsTokenVaultController, Data = Keccak256.Hash(Encoding.ASCII.GetBytes("feePercent()")).AsMemory(0, 4) });
        var fee = new BigInteger(feeCall, isUnsigned: true, isBigEndian: true);
        var perSecond = weighted / span;
        var scaled = perSecond * Year * 100 * (10_000 - fee) / 10_000;
        return (decimal)scaled / 1_000_000_000_000_000_000m;
    }

    // 100 * (rate2 / rate1 - 1) * year / seconds with rate = ether / shares, as an exact fraction until the last step.
    private static decimal Annualised(BigInteger ether1, BigInteger shares1, BigInteger ether2, BigInteger shares2, BigInteger seconds)
    {
        var scale = BigInteger.Pow(10, 12);
        var scaled = (ether2 * shares1 - ether1 * shares2) * Year * 100 * scale / (ether1 * shares2 * seconds);
        return (decimal)scaled / (decimal)scale;
    }

    private static async Task<IReadOnlyList<LogEntry>> LogsAsync(EthereumRpcClient rpc, Address address, string signature, ulong latest, ulong? lookback = null)
    {
        var topic = Keccak256.ComputeHash32(Encoding.ASCII.GetBytes(signature));
        var from = lookback is { } l && latest > l ? latest - l : 0;
        var logs = await rpc.GetLogsAsync(new EventFilter { Addresses = [address], Topics = [[topic]] }, BlockParameter.AtNumber(from), BlockParameter.AtNumber(latest));
        Assert.True(logs.Count >= 2, $"{signature}: {logs.Count} event(s) in blocks {from}..{latest}");
        return logs;
    }

    private static BigInteger Word(LogEntry log, int index) => new(log.Data.Span.Slice(32 * index, 32), isUnsigned: true, isBigEndian: true);

    private static BigInteger Topic(LogEntry log, int index) => new(log.Topics[index].ToArray(), isUnsigned: true, isBigEndian: true);
}
