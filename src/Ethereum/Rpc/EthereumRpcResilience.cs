using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace LiquidStake.Ethereum.Rpc
{
    /// <summary>Retry and timeout settings of the RPC HTTP pipeline (Microsoft.Extensions.Http.Resilience).</summary>
    public sealed class EthereumRpcResilienceOptions
    {
        /// <summary>Retries of a read after the first attempt (sends are never retried by the pipeline). Default 4.</summary>
        public int MaxRetryAttempts { get; set; } = 4;

        /// <summary>First back-off delay (exponential with jitter). Default 250 ms.</summary>
        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(250);

        /// <summary>Longest single delay, including one asked by Retry-After. Default 30 s.</summary>
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>Timeout of one HTTP attempt. Default 15 s.</summary>
        public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

        /// <summary>Timeout of a request including all its retries. Default 60 s.</summary>
        public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>Whether back-off delays get jitter. Default true.</summary>
        public bool UseJitter { get; set; } = true;

        /// <summary>Called before each retry with the attempt number and delay (for logs or tests).</summary>
        public Action<int, TimeSpan>? OnRetry { get; set; }

        /// <summary>The clock for delays and timeouts; null for the system clock.</summary>
        public TimeProvider? TimeProvider { get; set; }
    }

    /// <summary>Keys that mark an RPC <see cref="HttpRequestMessage"/> for the resilience pipeline.</summary>
    public static class EthereumRpcRequestOptions
    {
        /// <summary>
        /// True when the request only reads state and may be retried; false for <c>eth_sendRawTransaction</c> and any
        /// other request that changes state. Requests without the key are never retried.
        /// </summary>
        public static readonly HttpRequestOptionsKey<bool> IsRetryableRead = new("LiquidStake.Rpc.IsRetryableRead");

        /// <summary>The JSON-RPC method (or "batch"), for logs.</summary>
        public static readonly HttpRequestOptionsKey<string> Method = new("LiquidStake.Rpc.Method");

        internal static bool IsRead(HttpRequestMessage? request) =>
            request is not null && request.Options.TryGetValue(IsRetryableRead, out bool read) && read;
    }

    /// <summary>
    /// Sits inside the retry: buffers a 200 answer to a read and turns a rate-limit error inside the JSON-RPC body
    /// (HTTP 429 in the body, codes -32005/-32007/-32016, "rate limit" messages) into an HTTP 429, and a body that is
    /// not JSON into an HTTP 502, so the retry strategy handles them like any transient HTTP failure.
    /// </summary>
    public sealed class JsonRpcBodyInspectionHandler : DelegatingHandler
    {
        /// <summary>Creates the handler (the inner handler is set by the pipeline).</summary>
        public JsonRpcBodyInspectionHandler() { }

        /// <summary>Creates the handler over <paramref name="innerHandler"/>.</summary>
        public JsonRpcBodyInspectionHandler(HttpMessageHandler innerHandler) : base(innerHandler) { }

        /// <inheritdoc/>
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK || !EthereumRpcRequestOptions.IsRead(request)) return response;

            byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var verdict = JsonRpcBodyInspector.Inspect(body);
            if (verdict == JsonRpcBodyVerdict.Ok)
            {
                // The content stream was consumed: hand the caller a fresh buffered copy.
                var replacementContent = new ByteArrayContent(body);
                CopyContentHeaders(response.Content, replacementContent);
                response.Content = replacementContent;
                return response;
            }

            var converted = new HttpResponseMessage(verdict == JsonRpcBodyVerdict.RateLimited ? HttpStatusCode.TooManyRequests : HttpStatusCode.BadGateway)
            {
                RequestMessage = request,
                Content = new ByteArrayContent(body),
                ReasonPhrase = verdict == JsonRpcBodyVerdict.RateLimited ? "Rate limited (JSON-RPC body)" : "Malformed JSON-RPC body",
            };
            if (response.Headers.RetryAfter is { } retryAfter) converted.Headers.RetryAfter = retryAfter;
            response.Dispose();
            return converted;
        }

        private static void CopyContentHeaders(HttpContent from, HttpContent to)
        {
            foreach (var header in from.Headers)
            {
                if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
                    to.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }
    }

    internal enum JsonRpcBodyVerdict
    {
        Ok,
        RateLimited,
        Malformed,
    }

    internal static class JsonRpcBodyInspector
    {
        public static JsonRpcBodyVerdict Inspect(ReadOnlySpan<byte> body)
        {
            try
            {
                var reader = new Utf8JsonReader(body);
                using var document = JsonDocument.ParseValue(ref reader);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in root.EnumerateArray())
                    {
                        if (IsRateLimited(item)) return JsonRpcBodyVerdict.RateLimited;
                    }
                    return JsonRpcBodyVerdict.Ok;
                }
                if (root.ValueKind != JsonValueKind.Object) return JsonRpcBodyVerdict.Malformed;
                return IsRateLimited(root) ? JsonRpcBodyVerdict.RateLimited : JsonRpcBodyVerdict.Ok;
            }
            catch (JsonException)
            {
                return JsonRpcBodyVerdict.Malformed;
            }
        }

        private static bool IsRateLimited(JsonElement response)
        {
            if (response.ValueKind != JsonValueKind.Object || !response.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
                return false;
            long code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt64(out long v) ? v : 0;
            string? message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            return RpcErrorClassifier.IsRateLimit(code, message);
        }
    }

    /// <summary>Builds the HTTP transport of <see cref="EthereumRpcClient"/>: pooled sockets, retries for reads, timeouts.</summary>
    public static class EthereumRpcHttp
    {
        /// <summary>
        /// Creates an HttpClient for one RPC endpoint with the resilience pipeline and one pooled <see cref="SocketsHttpHandler"/>
        /// (connections recycled every 2 minutes so DNS changes are seen). Create one per endpoint and keep it.
        /// </summary>
        /// <param name="options">Retry and timeout settings; null for defaults.</param>
        /// <param name="primaryHandler">The handler that does the I/O, for example <see cref="RpcEndpointRedaction.CreatePrimaryHandler"/>; null for a pooled <see cref="SocketsHttpHandler"/>.</param>
        public static HttpClient CreateHttpClient(EthereumRpcResilienceOptions? options = null, HttpMessageHandler? primaryHandler = null)
        {
            options ??= new EthereumRpcResilienceOptions();
            primaryHandler ??= RpcEndpointRedaction.CreateSocketsHandler();
            var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
            ConfigurePipeline(builder, options);
            var inspection = new JsonRpcBodyInspectionHandler(primaryHandler);
#pragma warning disable CA2000 // The HttpClient owns the handler chain and disposes it.
            var resilience = new ResilienceHandler(builder.Build()) { InnerHandler = inspection };
#pragma warning restore CA2000
            return new HttpClient(resilience, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        }

        /// <summary>Adds the RPC resilience pipeline (and the JSON-RPC body inspection inside it) to a named or typed HttpClient.</summary>
        public static Microsoft.Extensions.DependencyInjection.IHttpClientBuilder AddEthereumRpcResilience(
            this Microsoft.Extensions.DependencyInjection.IHttpClientBuilder builder, Action<EthereumRpcResilienceOptions>? configure = null)
        {
            ArgumentNullException.ThrowIfNull(builder);
            var options = new EthereumRpcResilienceOptions();
            configure?.Invoke(options);
            Microsoft.Extensions.DependencyInjection.ResilienceHttpClientBuilderExtensions.AddResilienceHandler(
                builder, "liquidstake-rpc", pipeline => ConfigurePipeline(pipeline, options));
            // Added after the resilience handler, so it runs inside it (each retry inspects its own answer).
            Microsoft.Extensions.DependencyInjection.HttpClientBuilderExtensions.AddHttpMessageHandler(builder, () => new JsonRpcBodyInspectionHandler());
            Microsoft.Extensions.DependencyInjection.HttpClientBuilderExtensions.ConfigureHttpClient(builder, c => c.Timeout = Timeout.InfiniteTimeSpan);
            return builder;
        }

        internal static void ConfigurePipeline(ResiliencePipelineBuilder<HttpResponseMessage> builder, EthereumRpcResilienceOptions options)
        {
            if (options.TimeProvider is not null) builder.TimeProvider = options.TimeProvider;
            builder.AddTimeout(options.TotalTimeout);
            var retry = new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = options.UseJitter,
                ShouldRetryAfterHeader = true,
                ShouldHandle = static args =>
                {
                    var request = args.Outcome.Result?.RequestMessage ?? args.Context.GetRequestMessage();
                    if (!EthereumRpcRequestOptions.IsRead(request)) return ValueTask.FromResult(false);
                    return ValueTask.FromResult(HttpClientResiliencePredicates.IsTransient(args.Outcome));
                },
            };
            if (options.OnRetry is { } onRetry)
            {
                retry.OnRetry = args =>
                {
                    onRetry(args.AttemptNumber, args.RetryDelay);
                    return ValueTask.CompletedTask;
                };
            }
            builder.AddRetry(retry);
            builder.AddTimeout(options.AttemptTimeout);
        }
    }
}
