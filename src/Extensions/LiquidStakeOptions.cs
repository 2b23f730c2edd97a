using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Sending;
using LiquidStake.Sdk.Services;

namespace LiquidStake.Sdk;

/// <summary>Settings of <c>services.AddLiquidStake(...)</c>. Validated when the host starts.</summary>
public sealed class LiquidStakeOptions
{
    /// <summary>
    /// The JSON-RPC HTTP(S) endpoint. Required. It may carry secrets: an API key in the path or query
    /// (<c>https://mainnet.infura.io/v3/KEY</c>) or credentials (<c>https://user:password@host/</c>, sent as Basic
    /// authorization). Guarantee: no log entry, trace (activity name, tag or status), metric tag or exception message of
    /// the SDK, or of the HttpClient pipeline <c>AddLiquidStake</c> configures, carries the path, query or credentials:
    /// the endpoint appears as <c>scheme://host:port/</c> at most. The framework's HttpClient loggers are removed from
    /// that client, and its requests are handed to .NET's HTTP stack addressed to <c>scheme://host:port/</c>, the real
    /// path and query being written only into the HTTP/1.1 request line on the connection, so .NET's
    /// <c>System.Net.Http.HttpRequestOut</c> activity (<c>url.full</c>), metrics and exceptions never hold them
    /// (see <c>RpcEndpointRedaction</c>). Not covered: the application's own handling of its configuration, an HTTP
    /// proxy in between (it sees the request line), and code that reads request headers from the raw
    /// <see cref="HttpRequestMessage"/> (a DiagnosticListener subscriber).
    /// </summary>
    public string? RpcUrl { get; set; }

    /// <summary>
    /// Headers sent with every RPC request, for example <c>Authorization: Bearer …</c> for a provider that takes its key
    /// in a header. Values are never logged or traced (the HttpClient's loggers are removed; traces carry no headers).
    /// Do not combine an <c>Authorization</c> header with credentials in <see cref="RpcUrl"/>.
    /// </summary>
    public IDictionary<string, string> RpcHeaders { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The network profile: <c>mainnet</c> (default), <c>devnet</c> or <c>hoodi</c>.</summary>
    public string Network { get; set; } = "mainnet";

    /// <summary>Replacements applied on top of the profile (custom deployments, forks, a different chain id).</summary>
    public NetworkOverrides Overrides { get; } = new();

    /// <summary>Most requests per JSON-RPC batch for this endpoint. Default 100.</summary>
    public int RpcMaxBatchSize { get; set; } = 100;

    /// <summary>Adjusts the sending pipeline (gas headroom, fee percentiles, receipt timeout). Chain id and clock are set from the profile and the container.</summary>
    public Action<TransactionSenderOptions>? ConfigureSender { get; set; }

    /// <summary>Settings of the staking service.</summary>
    public StakingServiceOptions Service { get; } = new();

    /// <summary>The built-in profile named by <see cref="Network"/> with <see cref="Overrides"/> applied.</summary>
    /// <exception cref="LiquidStakeArgumentException">The network name is unknown.</exception>
    public NetworkProfile ResolveNetwork()
    {
        var profile = NetworkProfile.FromName(Network);
        var o = Overrides;
        return profile with
        {
            Name = o.Name ?? profile.Name,
            ChainId = o.ChainId ?? profile.ChainId,
            Multicall3 = o.Multicall3 ?? profile.Multicall3,
            Lido = o.Lido ?? profile.Lido,
            RocketPool = o.RocketPool ?? profile.RocketPool,
            EtherFi = o.EtherFi ?? profile.EtherFi,
            EigenLayer = o.EigenLayer ?? profile.EigenLayer,
        };
    }
}

/// <summary>Per-field replacements of a <see cref="NetworkProfile"/>; null keeps the profile's value.</summary>
public sealed class NetworkOverrides
{
    /// <summary>A different profile name.</summary>
    public string? Name { get; set; }

    /// <summary>A different chain id (every signature is bound to it).</summary>
    public ulong? ChainId { get; set; }

    /// <summary>A different Multicall3 address.</summary>
    public Address? Multicall3 { get; set; }

    /// <summary>Lido's addresses.</summary>
    public LidoAddresses? Lido { get; set; }

    /// <summary>Rocket Pool's addresses.</summary>
    public RocketPoolAddresses? RocketPool { get; set; }

    /// <summary>ether.fi's addresses.</summary>
    public EtherFiAddresses? EtherFi { get; set; }

    /// <summary>EigenLayer's addresses.</summary>
    public EigenLayerAddresses? EigenLayer { get; set; }
}
