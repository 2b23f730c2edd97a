using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace LiquidStake.UnitTests.Rpc;

/// <summary>What the fake endpoint does with one HTTP request.</summary>
internal abstract record FakeReply
{
    public static FakeReply Json(string body, HttpStatusCode status = HttpStatusCode.OK, string? retryAfter = null) => new JsonReply(body, status, retryAfter);

    public static FakeReply Status(HttpStatusCode status) => new JsonReply("", status, null);

    public static readonly FakeReply CutConnection = new AbortReply();

    public static FakeReply Slow(TimeSpan delay, FakeReply then) => new DelayedReply(delay, then);

    internal sealed record JsonReply(string Body, HttpStatusCode StatusCode, string? RetryAfter) : FakeReply;

    internal sealed record AbortReply : FakeReply;

    internal sealed record DelayedReply(TimeSpan Delay, FakeReply Then) : FakeReply;
}

/// <summary>One HTTP request as the fake endpoint saw it.</summary>
internal sealed record FakeRequest(int Number, JsonElement Body, string? RawUrl = null, string? Authorization = null)
{
    public bool IsBatch => Body.ValueKind == JsonValueKind.Array;

    public IReadOnlyList<JsonElement> Calls => IsBatch ? Body.EnumerateArray().ToArray() : [Body];

    public string Method => Calls[0].GetProperty("method").GetString()!;

    public JsonElement Params => Calls[0].GetProperty("params");

    public string Result(string resultJson) => FakeRpcServer.ResultFor(Calls[0], resultJson);

    public string Error(long code, string message, string? dataJson = null) => FakeRpcServer.ErrorFor(Calls[0], code, message, dataJson);
}

/// <summary>A scripted JSON-RPC endpoint on a real loopback socket, for fault injection (cut connections, slow answers, bad bodies).</summary>
internal sealed class FakeRpcServer : IAsyncDisposable
{
    private readonly LoopbackHttpServer _server;
    private readonly Func<FakeRequest, FakeReply> _script;
    private int _count;

    public FakeRpcServer(Func<FakeRequest, FakeReply> script)
    {
        _script = script;
        _server = new LoopbackHttpServer(HandleAsync);
    }

    public Uri Url => _server.Url;

    /// <summary>Every JSON-RPC call received (batch members counted one by one), in arrival order.</summary>
    public ConcurrentQueue<JsonElement> Calls { get; } = new();

    /// <summary>Every HTTP request received.</summary>
    public ConcurrentQueue<FakeRequest> Requests { get; } = new();

    public int CountOf(string method) => Calls.Count(c => c.GetProperty("method").GetString() == method);

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            string text = await reader.ReadToEndAsync();
            var body = JsonDocument.Parse(text).RootElement.Clone();
            var request = new FakeRequest(Interlocked.Increment(ref _count), body, context.Request.RawUrl, context.Request.Headers["Authorization"]);
            Requests.Enqueue(request);
            foreach (var call in request.Calls) Calls.Enqueue(call);
            await ReplyAsync(context, _script(request));
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The client went away (timeouts) or we cut the connection on purpose.
        }
    }

    private static async Task ReplyAsync(HttpListenerContext context, FakeReply reply)
    {
        switch (reply)
        {
            case FakeReply.AbortReply:
                context.Response.Abort();
                return;
            case FakeReply.DelayedReply delayed:
                await Task.Delay(delayed.Delay);
                await ReplyAsync(context, delayed.Then);
                return;
            case FakeReply.JsonReply json:
                context.Response.StatusCode = (int)json.StatusCode;
                context.Response.ContentType = "application/json";
                if (json.RetryAfter is not null) context.Response.AddHeader("Retry-After", json.RetryAfter);
                var bytes = Encoding.UTF8.GetBytes(json.Body);
                context.Response.ContentLength64 = bytes.Length;
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
                return;
        }
    }

    public static string ResultFor(JsonElement call, string resultJson) =>
        $$"""{"jsonrpc":"2.0","id":{{call.GetProperty("id").GetRawText()}},"result":{{resultJson}}}""";

    public static string ErrorFor(JsonElement call, long code, string message, string? dataJson = null)
    {
        string data = dataJson is null ? "" : ",\"data\":" + dataJson;
        string id = call.GetProperty("id").GetRawText();
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":" + code.ToString(CultureInfo.InvariantCulture)
            + ",\"message\":" + JsonSerializer.Serialize(message) + data + "}}";
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
