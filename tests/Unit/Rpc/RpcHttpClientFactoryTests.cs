using System.Diagnostics.Metrics;
using System.Net;
using LiquidStake.Ethereum.Rpc;
using Microsoft.Extensions.DependencyInjection;

namespace LiquidStake.UnitTests.Rpc;

public sealed class RpcHttpClientFactoryTests
{
    [Fact]
    public async Task Named_client_with_AddEthereumRpcResilience_retries_reads_and_inspects_bodies_inside_the_retry()
    {
        await using var server = new FakeRpcServer(r => r.Number switch
        {
            1 => FakeReply.Status(HttpStatusCode.ServiceUnavailable),
            2 => FakeReply.Json(r.Error(-32016, "over rate limit")),
            _ => FakeReply.Json(r.Result("\"0x2a\"")),
        });
        var services = new ServiceCollection();
        services.AddHttpClient("mainnet").AddEthereumRpcResilience(o =>
        {
            o.BaseDelay = TimeSpan.FromMilliseconds(1);
            o.UseJitter = false;
        });
        await using var provider = services.BuildServiceProvider();
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("mainnet");
        using var client = new EthereumRpcClient(http, new EthereumRpcClientOptions { Url = server.Url });

        Assert.Equal(42UL, await client.GetChainIdAsync());
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Named_client_never_retries_a_broadcast()
    {
        await using var server = new FakeRpcServer(r => r.Method == "eth_sendRawTransaction"
            ? FakeReply.Status(HttpStatusCode.ServiceUnavailable)
            : FakeReply.Json(r.Result("null")));
        var services = new ServiceCollection();
        services.AddHttpClient("rpc").AddEthereumRpcResilience(o => o.BaseDelay = TimeSpan.FromMilliseconds(1));
        await using var provider = services.BuildServiceProvider();
        using var client = new EthereumRpcClient(provider.GetRequiredService<IHttpClientFactory>().CreateClient("rpc"),
            new EthereumRpcClientOptions { Url = server.Url, MaxRebroadcastAttempts = 0 });

        await Assert.ThrowsAsync<BroadcastOutcomeUnknownException>(() => client.SendRawTransactionAsync(new byte[] { 1, 2, 3 }));
        Assert.Equal(1, server.CountOf("eth_sendRawTransaction"));
    }

    [Fact]
    public async Task Meter_counts_requests_and_errors_by_code()
    {
        await using var server = new FakeRpcServer(r => r.Method == "eth_chainId"
            ? FakeReply.Json(r.Result("\"0x1\""))
            : FakeReply.Json(r.Error(-32601, "method not found")));
        using var client = new EthereumRpcClient(new EthereumRpcClientOptions { Url = server.Url });
        long requests = 0;
        var errorCodes = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == RpcTelemetry.Name) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            // Only this test's client talks to this server, but other tests run in parallel: filter by method.
            string? method = null, code = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "rpc.method") method = tag.Value as string;
                if (tag.Key == "rpc.jsonrpc.error_code") code = tag.Value as string;
            }
            if (method != "eth_chainId" && method != "anvil_unknownForMeterTest") return;
            lock (errorCodes)
            {
                if (instrument.Name == "liquidstake.rpc.requests") requests += value;
                if (instrument.Name == "liquidstake.rpc.errors" && code is not null) errorCodes.Add(method + ":" + code);
            }
        });
        listener.Start();

        await client.GetChainIdAsync();
        await Assert.ThrowsAsync<RpcException>(() => client.RequestAsync("anvil_unknownForMeterTest", []));
        listener.Dispose();

        Assert.True(requests >= 2);
        Assert.Contains("anvil_unknownForMeterTest:-32601", errorCodes);
    }
}
