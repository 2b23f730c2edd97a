using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Contracts;
using LiquidStake.Ethereum.Crypto;
using LiquidStake.Ethereum.Rpc;

namespace LiquidStake.UnitTests.Rpc;

public sealed class RpcFaultInjectionTests
{
    private static readonly byte[] RawTransaction = Hex.Decode("0x02f86b827a69808459682f00850c2d4f6b8e82520894000000000000000000000000000000000000a11c0180c001a0" + new string('1', 64) + "a0" + new string('2', 64));
    private static readonly Hash32 RawHash = Keccak256.ComputeHash32(RawTransaction);

    // Attempt timeouts are generous except in the tests about slow answers, which warm the connection up first:
    // the very first request of a test run can take a second on a loaded machine.
    private static EthereumRpcClient NewClient(FakeRpcServer server, ConcurrentQueue<TimeSpan>? delays = null, int maxRetries = 3, int maxBatchSize = 100, double attemptTimeoutSeconds = 10) =>
        new(new EthereumRpcClientOptions
        {
            Url = server.Url,
            MaxBatchSize = maxBatchSize,
            Resilience = new EthereumRpcResilienceOptions
            {
                MaxRetryAttempts = maxRetries,
                BaseDelay = TimeSpan.FromMilliseconds(1),
                UseJitter = false,
                AttemptTimeout = TimeSpan.FromSeconds(attemptTimeoutSeconds),
                TotalTimeout = TimeSpan.FromSeconds(60),
                OnRetry = (_, delay) => delays?.Enqueue(delay),
            },
        });

    /// <summary>Answers <c>eth_blockNumber</c> with 0x10 after the first <paramref name="faults"/> requests got <paramref name="fault"/>.</summary>
    private static FakeRpcServer FaultyThenHealthy(int faults, Func<FakeRequest, FakeReply> fault) =>
        new(request => request.Number <= faults ? fault(request) : FakeReply.Json(request.Result("\"0x10\"")));

    [Fact]
    public async Task Server_errors_on_reads_are_retried_until_success()
    {
        await using var server = FaultyThenHealthy(2, r => FakeReply.Status(r.Number == 1 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.InternalServerError));
        using var client = NewClient(server);
        Assert.Equal(16UL, await client.GetBlockNumberAsync());
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Http_429_with_Retry_After_waits_the_asked_delay()
    {
        var delays = new ConcurrentQueue<TimeSpan>();
        await using var server = FaultyThenHealthy(1, _ => FakeReply.Json("", HttpStatusCode.TooManyRequests, retryAfter: "1"));
        using var client = NewClient(server, delays);
        Assert.Equal(16UL, await client.GetBlockNumberAsync());
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(TimeSpan.FromSeconds(1), Assert.Single(delays));
    }

    [Theory]
    [InlineData(429, "Too Many Requests")]
    [InlineData(-32005, "limit exceeded")]
    [InlineData(-32007, "request limit reached")]
    [InlineData(-32016, "over rate limit")]
    [InlineData(-32000, "Your app has exceeded its compute units per second capacity")]
    [InlineData(-32603, "rate limit reached, retry later")]
    public async Task Rate_limit_inside_a_200_body_is_retried(long code, string message)
    {
        await using var server = FaultyThenHealthy(1, r => FakeReply.Json(r.Error(code, message)));
        using var client = NewClient(server);
        Assert.Equal(16UL, await client.GetBlockNumberAsync());
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Malformed_json_is_retried()
    {
        await using var server = FaultyThenHealthy(2, r => FakeReply.Json(r.Number == 1 ? "{\"jsonrpc\":\"2.0\",\"id\":" : "<html>bad gateway</html>"));
        using var client = NewClient(server);
        Assert.Equal(16UL, await client.GetBlockNumberAsync());
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Cut_connection_is_retried()
    {
        await using var server = FaultyThenHealthy(2, _ => FakeReply.CutConnection);
        using var client = NewClient(server);
        Assert.Equal(16UL, await client.GetBlockNumberAsync());
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Slow_answer_times_out_and_is_retried()
    {
        await using var server = new FakeRpcServer(r => r.Number == 2
            ? FakeReply.Slow(TimeSpan.FromSeconds(5), FakeReply.Json(r.Result("\"0x99\"")))
            : FakeReply.Json(r.Result("\"0x10\"")));
        using var client = NewClient(server, attemptTimeoutSeconds: 1);
        Assert.Equal(16UL, await client.GetBlockNumberAsync()); // warm-up
        Assert.Equal(16UL, await client.GetBlockNumberAsync());
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Reads_give_up_after_the_retry_budget()
    {
        await using var server = new FakeRpcServer(_ => FakeReply.Status(HttpStatusCode.BadGateway));
        using var client = NewClient(server, maxRetries: 2);
        var ex = await Assert.ThrowsAsync<RpcTransportException>(() => client.GetChainIdAsync());
        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Exhausted_rate_limit_surfaces_the_node_error_code()
    {
        await using var server = new FakeRpcServer(r => FakeReply.Json(r.Error(-32005, "daily request count exceeded, request rate limited")));
        using var client = NewClient(server, maxRetries: 1);
        var ex = await Assert.ThrowsAsync<RpcException>(() => client.GetChainIdAsync());
        Assert.Equal(-32005, ex.Code);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Ordinary_node_errors_are_not_retried()
    {
        await using var server = new FakeRpcServer(r => FakeReply.Json(r.Error(-32602, "invalid argument 0: hex string without 0x prefix")));
        using var client = NewClient(server);
        var ex = await Assert.ThrowsAsync<RpcException>(() => client.GetBalanceAsync(Address.Zero));
        Assert.Equal(-32602, ex.Code);
        Assert.Equal("eth_getBalance", ex.Method);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Revert_error_on_eth_call_carries_the_data_and_is_decoded()
    {
        const string data = "\"0x4e487b710000000000000000000000000000000000000000000000000000000000000011\"";
        await using var server = new FakeRpcServer(r => FakeReply.Json(r.Error(-32000, "execution reverted", data)));
        using var client = NewClient(server);
        var ex = await Assert.ThrowsAsync<ContractRevertException>(() => client.CallAsync(Address.Zero, ReadOnlyMemory<byte>.Empty, BlockParameter.Latest));
        Assert.Equal("Panic", ex.ErrorName);
        Assert.Equal(36, ex.RevertData.Length);
        Assert.Equal(Hex.Decode(data.Trim('"')), Assert.IsType<RpcException>(ex.InnerException).ErrorData);
        Assert.Single(server.Requests);
    }

    // ------------------------------------------------------------ broadcasts

    private static FakeReply KnownTransaction(FakeRequest request) => FakeReply.Json(request.Result(
        $$"""{"hash":"{{RawHash}}","nonce":"0x0","from":"0x000000000000000000000000000000000000a11c","to":null,"value":"0x0","gas":"0x5208","input":"0x","type":"0x2"}"""));

    [Fact]
    public async Task Send_cut_after_the_node_received_it_is_not_sent_again()
    {
        await using var server = new FakeRpcServer(r => r.Method switch
        {
            "eth_sendRawTransaction" => FakeReply.CutConnection,
            "eth_getTransactionByHash" => KnownTransaction(r),
            _ => FakeReply.Status(HttpStatusCode.NotFound),
        });
        using var client = NewClient(server);
        Assert.Equal(RawHash, await client.SendRawTransactionAsync(RawTransaction));
        Assert.Equal(1, server.CountOf("eth_sendRawTransaction"));
        Assert.Equal(1, server.CountOf("eth_getTransactionByHash"));
    }

    [Fact]
    public async Task Send_that_timed_out_is_not_sent_again_when_the_node_knows_it()
    {
        await using var server = new FakeRpcServer(r => r.Method switch
        {
            "eth_sendRawTransaction" => FakeReply.Slow(TimeSpan.FromSeconds(5), FakeReply.Json(r.Result($"\"{RawHash}\""))),
            "eth_getTransactionByHash" => KnownTransaction(r),
            _ => FakeReply.Json(r.Result("\"0x7a69\"")),
        });
        using var client = NewClient(server, attemptTimeoutSeconds: 1);
        Assert.Equal(31337UL, await client.GetChainIdAsync()); // warm-up
        Assert.Equal(RawHash, await client.SendRawTransactionAsync(RawTransaction));
        Assert.Equal(1, server.CountOf("eth_sendRawTransaction"));
    }

    [Fact]
    public async Task Failed_send_unknown_to_the_node_is_rebroadcast_once_with_identical_bytes()
    {
        int sends = 0;
        await using var server = new FakeRpcServer(r => r.Method switch
        {
            "eth_sendRawTransaction" => Interlocked.Increment(ref sends) == 1 ? FakeReply.Status(HttpStatusCode.ServiceUnavailable) : FakeReply.Json(r.Result($"\"{RawHash}\"")),
            "eth_getTransactionByHash" => FakeReply.Json(r.Result("null")),
            _ => FakeReply.Status(HttpStatusCode.NotFound),
        });
        using var client = NewClient(server);
        Assert.Equal(RawHash, await client.SendRawTransactionAsync(RawTransaction));
        var broadcasts = server.Calls.Where(c => c.GetProperty("method").GetString() == "eth_sendRawTransaction").Select(c => c.GetProperty("params")[0].GetString()).ToList();
        Assert.Equal(2, broadcasts.Count);
        Assert.All(broadcasts, b => Assert.Equal(Hex.Encode(RawTransaction), b));
    }

    [Fact]
    public async Task Send_that_keeps_failing_stops_after_the_rebroadcast_budget()
    {
        await using var server = new FakeRpcServer(r => r.Method switch
        {
            "eth_sendRawTransaction" => FakeReply.Status(HttpStatusCode.BadGateway),
            "eth_getTransactionByHash" => FakeReply.Json(r.Result("null")),
            _ => FakeReply.Status(HttpStatusCode.NotFound),
        });
        using var client = NewClient(server);
        // A 502 may come after the node acted: the outcome is unknown, and the exception carries what a caller needs.
        var ex = await Assert.ThrowsAsync<BroadcastOutcomeUnknownException>(() => client.SendRawTransactionAsync(RawTransaction));
        Assert.Contains(RawHash.ToString(), ex.Message, StringComparison.Ordinal);
        Assert.Equal(RawHash, ex.TransactionHash);
        Assert.Equal(RawTransaction, ex.SignedTransaction.ToArray());
        Assert.Equal(2, server.CountOf("eth_sendRawTransaction"));
    }

    [Fact]
    public async Task Send_rate_limited_in_the_body_is_not_retried()
    {
        await using var server = new FakeRpcServer(r => FakeReply.Json(r.Error(-32005, "rate limit exceeded")));
        using var client = NewClient(server);
        var ex = await Assert.ThrowsAsync<RpcException>(() => client.SendRawTransactionAsync(RawTransaction));
        Assert.Equal(-32005, ex.Code);
        Assert.Equal(1, server.CountOf("eth_sendRawTransaction"));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Send_answered_already_known_returns_the_hash_without_resending()
    {
        await using var server = new FakeRpcServer(r => FakeReply.Json(r.Error(-32000, "already known")));
        using var client = NewClient(server);
        Assert.Equal(RawHash, await client.SendRawTransactionAsync(RawTransaction));
        Assert.Single(server.Requests);
    }

    // ------------------------------------------------------------ batches

    [Fact]
    public async Task Batch_answers_in_any_order_are_matched_by_id_and_split_by_max_size()
    {
        await using var server = new FakeRpcServer(r =>
        {
            var answers = r.Calls.Select(c =>
            {
                string address = c.GetProperty("params")[0].GetString()!;
                return FakeRpcServer.ResultFor(c, "\"0x" + address[^2..] + "\"");
            }).Reverse();
            return FakeReply.Json("[" + string.Join(",", answers) + "]");
        });
        using var client = NewClient(server, maxBatchSize: 4);
        var batch = client.CreateBatch();
        var results = Enumerable.Range(1, 10).Select(i => batch.AddGetBalance(Address.Parse("0x" + i.ToString("x40", CultureInfo.InvariantCulture)))).ToArray();

        await batch.SendAsync();

        Assert.Equal(Enumerable.Range(1, 10).Select(i => new System.Numerics.BigInteger(i)), results.Select(r => r.Result));
        Assert.Equal([4, 4, 2], server.Requests.Select(r => r.Calls.Count).ToArray());
        Assert.All(server.Requests, r => Assert.True(r.IsBatch));
    }

    [Fact]
    public async Task Batch_with_a_missing_answer_fails_every_request_of_that_chunk()
    {
        await using var server = new FakeRpcServer(r => FakeReply.Json("[" + FakeRpcServer.ResultFor(r.Calls[0], "\"0x1\"") + "]"));
        using var client = NewClient(server);
        var batch = client.CreateBatch();
        var first = batch.AddGetBlockNumber();
        var second = batch.AddGetBlockNumber();
        await Assert.ThrowsAsync<RpcTransportException>(() => batch.SendAsync());
        await Assert.ThrowsAsync<RpcTransportException>(() => first);
        await Assert.ThrowsAsync<RpcTransportException>(() => second);
    }
}
