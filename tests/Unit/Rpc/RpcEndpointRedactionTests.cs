using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using LiquidStake.Ethereum.Rpc;

namespace LiquidStake.UnitTests.Rpc;

// Issue 11 item 8: the endpoint's path, query and credentials reach the server but not .NET's HTTP telemetry.
public class RpcEndpointRedactionTests
{
    private static FakeRpcServer ChainIdServer() => new(r => FakeReply.Json(r.Result("\"0x1\"")));

    /// <summary>url.full of every System.Net.Http request activity to <paramref name="port"/> (other tests run in parallel).</summary>
    private static (ActivityListener Listener, ConcurrentQueue<string> Urls) ListenToHttp(int port)
    {
        var urls = new ConcurrentQueue<string>();
        var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (a.GetTagItem("server.port") is int p && p == port) urls.Enqueue(a.GetTagItem("url.full") as string ?? "(none)");
            },
        };
        ActivitySource.AddActivityListener(listener);
        return (listener, urls);
    }

    [Fact]
    public async Task A_key_in_the_path_and_query_reaches_the_server_on_every_request_but_not_the_http_activity()
    {
        await using var server = ChainIdServer();
        var (listener, urls) = ListenToHttp(server.Url.Port);
        using (listener)
        {
            using var rpc = new EthereumRpcClient(new EthereumRpcClientOptions { Url = new Uri(server.Url, "v3/KEY123?apikey=QKEY") });
            // Three requests: the first opens the connection, the next ones reuse it (keep-alive).
            for (int i = 0; i < 3; i++) Assert.Equal(1UL, await rpc.GetChainIdAsync());
        }

        Assert.Equal(3, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal("/v3/KEY123?apikey=QKEY", r.RawUrl));
        Assert.Equal(3, urls.Count);
        Assert.All(urls, u => Assert.Equal(server.Url.ToString(), u));
    }

    [Fact]
    public async Task Url_credentials_are_sent_as_basic_authorization_and_kept_out_of_the_url()
    {
        await using var server = ChainIdServer();
        var withCredentials = new UriBuilder(server.Url) { UserName = "alice", Password = "p@ss:word" }.Uri;
        var (listener, urls) = ListenToHttp(server.Url.Port);
        using (listener)
        {
            using var rpc = new EthereumRpcClient(new EthereumRpcClientOptions { Url = withCredentials });
            Assert.Equal(1UL, await rpc.GetChainIdAsync());
        }

        var request = Assert.Single(server.Requests);
        Assert.Equal("/", request.RawUrl);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:p@ss:word")), request.Authorization);
        Assert.DoesNotContain(urls, u => u.Contains("alice", StringComparison.Ordinal) || u.Contains("word", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://mainnet.infura.io/v3/KEY", "https://mainnet.infura.io/")]
    [InlineData("http://user:secret@127.0.0.1:8545/path?key=1", "http://127.0.0.1:8545/")]
    public void Describe_names_the_scheme_host_and_port_only(string url, string expected) =>
        Assert.Equal(expected, RpcEndpointRedaction.Describe(new Uri(url)));
}
