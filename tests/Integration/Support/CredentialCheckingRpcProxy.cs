using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LiquidStake.IntegrationTests.Support;

/// <summary>
/// A JSON-RPC forwarder in front of the devnet that behaves like a keyed provider: it answers only requests on
/// <see cref="Path"/> that carry <see cref="RequiredAuthorization"/>, forwards them to the node, and answers 503 to the
/// read requests whose 1-based numbers are in <see cref="FailReads"/> (so the client's retries run and log).
/// </summary>
public sealed class CredentialCheckingRpcProxy : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _upstream = new();
    private readonly Uri _node;
    private readonly Task _loop;
    private int _requests, _refused, _reads;

    public CredentialCheckingRpcProxy(Uri node, string path, string requiredAuthorization, IReadOnlySet<int> failReads)
    {
        _node = node;
        Path = path;
        RequiredAuthorization = requiredAuthorization;
        FailReads = failReads;
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public int Port { get; }

    /// <summary>The raw path and query a request must use.</summary>
    public string Path { get; }

    /// <summary>The exact <c>Authorization</c> header value a request must carry.</summary>
    public string RequiredAuthorization { get; }

    public IReadOnlySet<int> FailReads { get; }

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Requests refused for a wrong path or missing credentials.</summary>
    public int Refused => Volatile.Read(ref _refused);

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task AcceptLoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        Interlocked.Increment(ref _requests);
        var response = context.Response;
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            if (context.Request.RawUrl != Path || context.Request.Headers["Authorization"] != RequiredAuthorization)
            {
                Interlocked.Increment(ref _refused);
                response.StatusCode = 401;
                return;
            }
            bool isSend = body.Contains("eth_sendRawTransaction", StringComparison.Ordinal);
            if (!isSend && FailReads.Contains(Interlocked.Increment(ref _reads)))
            {
                response.StatusCode = 503;
                return;
            }
            using var forwarded = await _upstream.PostAsync(_node, new StringContent(body, Encoding.UTF8, "application/json"));
            var answer = await forwarded.Content.ReadAsByteArrayAsync();
            response.StatusCode = (int)forwarded.StatusCode;
            response.ContentType = "application/json";
            await response.OutputStream.WriteAsync(answer);
        }
        finally
        {
            response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_listener.IsListening) _listener.Stop();
        _listener.Close();
        await _loop;
        _upstream.Dispose();
    }
}
