using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Crypto;

namespace LiquidStake.UnitTests.Rpc;

/// <summary>What the proxy does with one HTTP request.</summary>
internal abstract record ProxyAction
{
    /// <summary>Forward to the node and relay its answer.</summary>
    public static readonly ProxyAction Forward = new ForwardAction(null);

    /// <summary>Answer with <paramref name="status"/> without forwarding (the node never sees the request).</summary>
    public static ProxyAction Refuse(HttpStatusCode status) => new RefuseAction(status);

    /// <summary>Cut the connection without forwarding.</summary>
    public static readonly ProxyAction ResetBeforeForwarding = new ResetAction();

    /// <summary>Forward (the node acts on it), then lose the answer in the given way.</summary>
    public static ProxyAction ForwardThenFail(AnswerFault fault) => new ForwardAction(fault);

    /// <summary>Answer the JSON-RPC result <paramref name="resultJson"/> without forwarding (a lagging or lying backend).</summary>
    public static ProxyAction AnswerResult(string resultJson) => new AnswerAction(resultJson);

    internal sealed record ForwardAction(AnswerFault? Fault) : ProxyAction;

    internal sealed record RefuseAction(HttpStatusCode Status) : ProxyAction;

    internal sealed record ResetAction : ProxyAction;

    internal sealed record AnswerAction(string ResultJson) : ProxyAction;
}

/// <summary>How a forwarded request's answer is lost.</summary>
public enum AnswerFault
{
    /// <summary>HTTP 502 instead of the node's answer.</summary>
    BadGateway,

    /// <summary>HTTP 503 instead of the node's answer.</summary>
    ServiceUnavailable,

    /// <summary>The connection is reset.</summary>
    Reset,

    /// <summary>Half of the node's answer, then the connection is cut.</summary>
    Truncate,

    /// <summary>No answer until the client gives up (its attempt timeout).</summary>
    Hang,
}

/// <summary>One HTTP request the proxy received: a single JSON-RPC call or a batch.</summary>
internal sealed record ProxyRequest(int Number, JsonElement Body)
{
    public bool IsBatch => Body.ValueKind == JsonValueKind.Array;

    public IReadOnlyList<JsonElement> Calls => IsBatch ? Body.EnumerateArray().ToArray() : [Body];

    /// <summary>The method of a single call; "batch" for a batch.</summary>
    public string Method => IsBatch ? "batch" : Body.GetProperty("method").GetString()!;

    public JsonElement Params => Body.GetProperty("params");

    /// <summary>For <c>eth_sendRawTransaction</c>: the hash of the signed bytes.</summary>
    public Hash32? RawTransactionHash => Method == "eth_sendRawTransaction" ? Keccak256.ComputeHash32(Hex.Decode(Params[0].GetString()!)) : null;

    /// <summary>For a call whose first parameter is a transaction hash (eth_getTransactionByHash, eth_getTransactionReceipt).</summary>
    public Hash32? HashParameter => Method is "eth_getTransactionByHash" or "eth_getTransactionReceipt" ? Hash32.Parse(Params[0].GetString()!) : null;
}

/// <summary>
/// A JSON-RPC proxy on a real loopback socket in front of a node (Anvil), for fault injection on the way to the node
/// and back: refuse, reset, forward and then lose the answer (502/503, reset, truncation, hang), or answer for a
/// lagging backend. It counts how many times each signed transaction reached the node.
/// </summary>
internal sealed class FaultProxy : IAsyncDisposable
{
    private readonly LoopbackHttpServer _server;
    private readonly HttpClient _upstream = new() { Timeout = TimeSpan.FromMinutes(5) };
    private readonly Uri _node;
    private readonly CancellationTokenSource _stopping = new();
    private int _count;

    public FaultProxy(Uri node)
    {
        _node = node;
        _server = new LoopbackHttpServer(HandleAsync);
    }

    /// <summary>The proxy's URL: point the client here.</summary>
    public Uri Url => _server.Url;

    /// <summary>Decides what happens to each request; forward everything by default. Replace it at any time.</summary>
    public Func<ProxyRequest, ProxyAction> Policy { get; set; } = _ => ProxyAction.Forward;

    /// <summary>Every request received, in arrival order.</summary>
    public ConcurrentQueue<ProxyRequest> Requests { get; } = new();

    /// <summary>How many times each signed transaction (by hash) was forwarded to the node.</summary>
    public ConcurrentDictionary<Hash32, int> ReachedNode { get; } = new();

    /// <summary>How many broadcasts were refused before the node saw them.</summary>
    public int Refused => _refused;

    private int _refused;

    public int TimesReachedNode(Hash32 hash) => ReachedNode.TryGetValue(hash, out int n) ? n : 0;

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            byte[] body;
            using (var buffer = new MemoryStream())
            {
                await context.Request.InputStream.CopyToAsync(buffer);
                body = buffer.ToArray();
            }
            var request = new ProxyRequest(Interlocked.Increment(ref _count), JsonDocument.Parse(body).RootElement.Clone());
            Requests.Enqueue(request);
            var action = Policy(request);
            switch (action)
            {
                case ProxyAction.RefuseAction refuse:
                    if (request.RawTransactionHash is not null) Interlocked.Increment(ref _refused);
                    await WriteAsync(context, (int)refuse.Status, []);
                    return;
                case ProxyAction.ResetAction:
                    if (request.RawTransactionHash is not null) Interlocked.Increment(ref _refused);
                    context.Response.Abort();
                    return;
                case ProxyAction.AnswerAction answer:
                    string id = request.Body.GetProperty("id").GetRawText();
                    await WriteAsync(context, 200, Encoding.UTF8.GetBytes($$"""{"jsonrpc":"2.0","id":{{id}},"result":{{answer.ResultJson}}}"""));
                    return;
                case ProxyAction.ForwardAction forward:
                    if (request.RawTransactionHash is { } raw) ReachedNode.AddOrUpdate(raw, 1, (_, n) => n + 1);
                    byte[] answerBody = await ForwardAsync(body);
                    await FailOrRelayAsync(context, forward.Fault, answerBody);
                    return;
            }
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            // The client went away (its timeout) or the answer was cut on purpose.
        }
    }

    private async Task<byte[]> ForwardAsync(byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await _upstream.PostAsync(_node, content, _stopping.Token);
        return await response.Content.ReadAsByteArrayAsync(_stopping.Token);
    }

    private async Task FailOrRelayAsync(HttpListenerContext context, AnswerFault? fault, byte[] answer)
    {
        switch (fault)
        {
            case null:
                await WriteAsync(context, 200, answer);
                return;
            case AnswerFault.BadGateway:
                await WriteAsync(context, 502, []);
                return;
            case AnswerFault.ServiceUnavailable:
                await WriteAsync(context, 503, []);
                return;
            case AnswerFault.Reset:
                context.Response.Abort();
                return;
            case AnswerFault.Truncate:
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/json";
                context.Response.ContentLength64 = answer.Length;
                await context.Response.OutputStream.WriteAsync(answer.AsMemory(0, answer.Length / 2));
                await context.Response.OutputStream.FlushAsync();
                context.Response.Abort();
                return;
            case AnswerFault.Hang:
                // Held until the proxy stops; the client's attempt timeout ends the wait on its side.
                await Task.Delay(Timeout.Infinite, _stopping.Token);
                return;
        }
    }

    private static async Task WriteAsync(HttpListenerContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = body.Length;
        if (body.Length > 0) await context.Response.OutputStream.WriteAsync(body);
        context.Response.Close();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _server.DisposeAsync();
        _upstream.Dispose();
        _stopping.Dispose();
    }
}
