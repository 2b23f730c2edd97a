using System.Net;

namespace LiquidStake.Ethereum.Rpc;

/// <summary>
/// Re-addresses a request for the endpoint to <c>scheme://host:port/</c> before .NET's HTTP stack (and its telemetry)
/// sees it; <see cref="RequestLineRewritingStream"/> puts the real path and query back on the wire. HTTP/1.1 exactly,
/// because only its plain-text request line can be rewritten on the connection.
/// </summary>
internal sealed class EndpointMaskingHandler(Uri endpoint, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly Uri _root = new(RpcEndpointRedaction.Describe(endpoint));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Mask(request);
        return base.SendAsync(request, cancellationToken);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Mask(request);
        return base.Send(request, cancellationToken);
    }

    private void Mask(HttpRequestMessage request)
    {
        if (request.Method != HttpMethod.Post || request.RequestUri is not { IsAbsoluteUri: true } uri) return;
        bool forEndpoint = Uri.Compare(uri, endpoint, UriComponents.SchemeAndServer | UriComponents.PathAndQuery, UriFormat.UriEscaped, StringComparison.Ordinal) == 0;
        if (!forEndpoint) return;
        request.RequestUri = _root;
        request.Version = HttpVersion.Version11;
        request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
    }
}
