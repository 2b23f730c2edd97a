using System.Net;
using System.Text;

namespace LiquidStake.Ethereum.Rpc;

/// <summary>
/// Keeps an RPC endpoint's secrets (an API key in the path or query, user:password) out of telemetry. The SDK names an
/// endpoint by scheme, host and port only. The HTTP handler built by <see cref="CreatePrimaryHandler"/> goes further:
/// requests to the endpoint are handed to .NET's HTTP stack addressed to <c>scheme://host:port/</c>, and the real path and
/// query are written into the request line only on the connection itself. So .NET's own telemetry (the
/// <c>System.Net.Http.HttpRequestOut</c> activity's <c>url.full</c>, DiagnosticListener payloads, metrics, exception
/// messages) never holds them; .NET itself redacts only the query, and Infura or Alchemy put the key in the path.
/// </summary>
public static class RpcEndpointRedaction
{
    /// <summary>The endpoint as the SDK names it anywhere it is shown: <c>scheme://host:port/</c>, no user info, path or query.</summary>
    /// <param name="url">An absolute endpoint URL.</param>
    public static string Describe(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.IsAbsoluteUri ? url.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped) + "/" : "(relative URL)";
    }

    /// <summary>
    /// The primary handler of the HttpClient of one RPC endpoint: a pooled <see cref="SocketsHttpHandler"/> (connections
    /// recycled every 2 minutes so DNS changes are seen, gzip/deflate, no redirects) that keeps the endpoint's path and
    /// query out of .NET's HTTP telemetry as described on <see cref="RpcEndpointRedaction"/>. Requests go out as HTTP/1.1.
    /// </summary>
    /// <param name="endpoint">The endpoint URL (user info, if any, is ignored here; the RPC client sends it as a header).</param>
    public static HttpMessageHandler CreatePrimaryHandler(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var sockets = CreateSocketsHandler();
        var (url, _) = SplitUserInfo(endpoint);
        if (!url.IsAbsoluteUri || url.PathAndQuery == "/") return sockets;
        var root = Describe(url);
        (byte[], byte[])[] lines =
        [
            (Line("/"), Line(url.PathAndQuery)),
            // The absolute form, written when the request goes through an HTTP proxy.
            (Line(root), Line(root[..^1] + url.PathAndQuery)),
        ];
        sockets.PlaintextStreamFilter = (context, _) => ValueTask.FromResult<Stream>(new RequestLineRewritingStream(context.PlaintextStream, lines));
        return new EndpointMaskingHandler(url, sockets);
    }

    private static byte[] Line(string target) => Encoding.ASCII.GetBytes($"POST {target} HTTP/1.1\r\n");

    /// <summary>The pooled handler without masking (for an HttpClient whose endpoint is not known when it is built).</summary>
    internal static SocketsHttpHandler CreateSocketsHandler() => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        AllowAutoRedirect = false,
    };

    /// <summary>
    /// Splits user info off an endpoint URL: the URL without it, and the <c>Authorization: Basic</c> value it stood for
    /// (HttpClient does not send URL credentials itself), or null when the URL has none.
    /// </summary>
    /// <param name="url">An absolute endpoint URL, possibly <c>http(s)://user:password@host/…</c>.</param>
    public static (Uri Url, string? BasicAuthorization) SplitUserInfo(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || url.UserInfo.Length == 0) return (url, null);
        var withoutUserInfo = new UriBuilder(url) { UserName = string.Empty, Password = string.Empty }.Uri;
        int colon = url.UserInfo.IndexOf(':', StringComparison.Ordinal);
        var user = Uri.UnescapeDataString(colon < 0 ? url.UserInfo : url.UserInfo[..colon]);
        var password = colon < 0 ? string.Empty : Uri.UnescapeDataString(url.UserInfo[(colon + 1)..]);
        return (withoutUserInfo, Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
    }
}
