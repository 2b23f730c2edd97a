namespace LiquidStake.Ethereum.Rpc;

/// <summary>Settings of one <see cref="EthereumRpcClient"/> (one endpoint).</summary>
public sealed class EthereumRpcClientOptions
{
    /// <summary>
    /// The JSON-RPC HTTP endpoint. It may carry an API key in its path or query, or <c>user:password@</c> (sent as Basic
    /// authorization, not in the URL). The client never logs, traces or puts in a message more than
    /// <c>scheme://host:port/</c>; with its own HttpClient (or <see cref="RpcEndpointRedaction.CreatePrimaryHandler"/>)
    /// .NET's HTTP telemetry does not see the path or query either.
    /// </summary>
    public Uri? Url { get; set; }

    /// <summary>Most requests per JSON-RPC batch; larger batches are split. Providers differ (Alchemy/Infura allow
    /// about 100–1000, some public endpoints 10–50), so set it per endpoint. Default 100.</summary>
    public int MaxBatchSize { get; set; } = 100;

    /// <summary>The chain the endpoint must serve. When set, the sending pipeline refuses to sign for any other chain.</summary>
    public ulong? ExpectedChainId { get; set; }

    /// <summary>How often a failed broadcast is repeated with the identical signed bytes, after checking that the node
    /// does not already know the transaction. Default 1.</summary>
    public int MaxRebroadcastAttempts { get; set; } = 1;

    /// <summary>Retry and timeout settings used when the client creates its own HttpClient.</summary>
    public EthereumRpcResilienceOptions Resilience { get; set; } = new();

    /// <summary>Clock for retry delays and timeouts of the client's own HttpClient (unless <see cref="EthereumRpcResilienceOptions.TimeProvider"/> is set); null for the system clock.</summary>
    public TimeProvider? TimeProvider { get; set; }

    internal void Validate()
    {
        if (Url is null) throw new LiquidStakeArgumentException(nameof(Url), "an RPC endpoint URL is required");
        if (!Url.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttp && Url.Scheme != Uri.UriSchemeHttps))
            throw new LiquidStakeArgumentException(nameof(Url), "must be an absolute http(s) URL");
        if (MaxBatchSize < 1) throw new LiquidStakeArgumentException(nameof(MaxBatchSize), "must be positive", "at least 1");
        if (MaxRebroadcastAttempts < 0) throw new LiquidStakeArgumentException(nameof(MaxRebroadcastAttempts), "cannot be negative", "at least 0");
    }
}
