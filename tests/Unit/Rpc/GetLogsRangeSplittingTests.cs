using System.Globalization;
using System.Text.Json;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Contracts;
using LiquidStake.Ethereum.Rpc;

namespace LiquidStake.UnitTests.Rpc;

public sealed class GetLogsRangeSplittingTests
{
    private const int MaxRange = 10;

    private static string Quantity(ulong n) => "\"0x" + n.ToString("x", CultureInfo.InvariantCulture) + "\"";

    private static ulong ParseBlock(JsonElement e, ulong head) =>
        e.GetString() is "latest" ? head : ulong.Parse(e.GetString()![2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    /// <summary>A node that refuses ranges wider than <see cref="MaxRange"/> blocks and has one log per block.</summary>
    private static FakeRpcServer RefusingNode(long code, string message, ulong head, List<(ulong From, ulong To)> answered) => new(r =>
    {
        if (r.Method == "eth_blockNumber") return FakeReply.Json(r.Result(Quantity(head)));
        var filter = r.Params[0];
        ulong from = ParseBlock(filter.GetProperty("fromBlock"), head), to = ParseBlock(filter.GetProperty("toBlock"), head);
        if (to - from + 1 > MaxRange) return FakeReply.Json(r.Error(code, message));
        lock (answered) answered.Add((from, to));
        var logs = new List<string>();
        for (ulong b = from; b <= to; b++)
        {
            logs.Add($$"""{"address":"0x00000000000000000000000000000000000c0de3","topics":["0x{{new string('a', 64)}}"],"data":"0x","blockNumber":{{Quantity(b)}},"blockHash":"0x{{b.ToString("x64", CultureInfo.InvariantCulture)}}","transactionHash":"0x{{(b + 1000).ToString("x64", CultureInfo.InvariantCulture)}}","transactionIndex":"0x0","logIndex":"0x0","removed":false}""");
        }
        return FakeReply.Json(r.Result("[" + string.Join(",", logs) + "]"));
    });

    [Theory]
    [InlineData(-32005, "query returned more than 10000 results. Try with this block range [0x0, 0x9].")]
    [InlineData(-32000, "block range is too wide")]
    [InlineData(-32602, "exceed maximum block range: 10")]
    [InlineData(-32614, "eth_getLogs is limited to a 10 block range")]
    public async Task Wide_ranges_are_split_in_halves_and_concatenated_in_order(long code, string message)
    {
        var answered = new List<(ulong From, ulong To)>();
        await using var server = RefusingNode(code, message, head: 500, answered);
        using var client = new EthereumRpcClient(new EthereumRpcClientOptions { Url = server.Url });
        var filter = new EventFilter { Addresses = [Address.Parse("0x00000000000000000000000000000000000c0de3")] };

        var logs = await client.GetLogsAsync(filter, 0, 100);

        Assert.Equal(Enumerable.Range(0, 101).Select(i => (ulong?)i), logs.Select(l => l.BlockNumber));
        Assert.All(answered, range => Assert.True(range.To - range.From + 1 <= MaxRange));
        Assert.Equal(101UL, answered.Aggregate(0UL, (sum, r) => sum + (r.To - r.From + 1)));
    }

    [Theory]
    [InlineData(-32005, "query returned more than 10000 results. Try with this block range [{0}, {1}].")]
    [InlineData(-32602, "Log response size exceeded. Based on your parameters and the response size limit, this block range should work: [{0}, {1}]")]
    public async Task A_suggested_range_is_followed_instead_of_halving(long code, string template)
    {
        var answered = new List<(ulong From, ulong To)>();
        int refusals = 0;
        await using var server = new FakeRpcServer(r =>
        {
            var filter = r.Params[0];
            ulong from = ParseBlock(filter.GetProperty("fromBlock"), 0), to = ParseBlock(filter.GetProperty("toBlock"), 0);
            if (to - from + 1 > MaxRange)
            {
                Interlocked.Increment(ref refusals);
                var hint = string.Format(CultureInfo.InvariantCulture, template, "0x" + from.ToString("x", CultureInfo.InvariantCulture), "0x" + (from + MaxRange - 1).ToString("x", CultureInfo.InvariantCulture));
                return FakeReply.Json(r.Error(code, hint));
            }
            lock (answered) answered.Add((from, to));
            return FakeReply.Json(r.Result("[]"));
        });
        using var client = new EthereumRpcClient(new EthereumRpcClientOptions { Url = server.Url });

        await client.GetLogsAsync(new EventFilter(), 0, 100);

        // Exactly the provider's windows, in order, with one refusal per window (halving would ask for more, smaller ranges).
        Assert.Equal(Enumerable.Range(0, 11).Select(i => ((ulong)(i * 10), (ulong)Math.Min(i * 10 + 9, 100))), answered);
        Assert.Equal(10, refusals);
    }

    [Theory]
    [InlineData("Try with this block range [0x10, 0x1f].", true, 16UL, 31UL)]
    [InlineData("this block range should work: [0xA, 0xa]", true, 10UL, 10UL)]
    [InlineData("block range is too wide", false, 0UL, 0UL)]
    [InlineData("range [0x20, 0x10]", false, 0UL, 0UL)]
    [InlineData("range [16, 31]", false, 0UL, 0UL)]
    public void Suggested_ranges_are_parsed_only_when_well_formed(string message, bool parsed, ulong from, ulong to)
    {
        Assert.Equal(parsed, RpcErrorClassifier.TryParseSuggestedRange(message, out var f, out var t));
        if (parsed) Assert.Equal((from, to), (f, t));
    }

    [Fact]
    public async Task Latest_as_upper_bound_is_resolved_to_the_head_before_splitting()
    {
        var answered = new List<(ulong From, ulong To)>();
        await using var server = RefusingNode(-32005, "query returned more than 10000 results", head: 64, answered);
        using var client = new EthereumRpcClient(new EthereumRpcClientOptions { Url = server.Url });

        var logs = await client.GetLogsAsync(new EventFilter(), 40, BlockParameter.Latest);

        Assert.Equal(Enumerable.Range(40, 25).Select(i => (ulong?)i), logs.Select(l => l.BlockNumber));
        Assert.Equal(1, server.CountOf("eth_blockNumber"));
    }

    [Fact]
    public async Task Other_errors_are_not_split()
    {
        await using var server = new FakeRpcServer(r => FakeReply.Json(r.Error(-32602, "invalid params")));
        using var client = new EthereumRpcClient(new EthereumRpcClientOptions { Url = server.Url });
        var ex = await Assert.ThrowsAsync<RpcException>(() => client.GetLogsAsync(new EventFilter(), 0, 100));
        Assert.Equal(-32602, ex.Code);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData(-32005, "query returned more than 10000 results", true, false)]
    [InlineData(-32005, "limit exceeded", false, true)]
    [InlineData(-32000, "execution reverted", false, false)]
    [InlineData(-32016, "over rate limit", false, true)]
    [InlineData(-32000, "block range too large", true, false)]
    public void Classifier_tells_range_limits_from_rate_limits(long code, string message, bool range, bool rate)
    {
        Assert.Equal(range, RpcErrorClassifier.IsRangeTooWide(code, message));
        Assert.Equal(rate, RpcErrorClassifier.IsRateLimit(code, message));
    }
}
