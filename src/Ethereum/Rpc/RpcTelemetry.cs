using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace LiquidStake.Ethereum.Rpc;

/// <summary>Tracing and metrics of RPC calls: ActivitySource and Meter both named <c>LiquidStake.Rpc</c>.</summary>
public static class RpcTelemetry
{
    /// <summary>The name of the ActivitySource and the Meter.</summary>
    public const string Name = "LiquidStake.Rpc";

    internal static readonly ActivitySource Source = new(Name);
    internal static readonly Meter Meter = new(Name);

    internal static readonly Counter<long> Requests =
        Meter.CreateCounter<long>("liquidstake.rpc.requests", "{request}", "JSON-RPC requests sent (a batch counts each request).");

    internal static readonly Histogram<double> Duration =
        Meter.CreateHistogram<double>("liquidstake.rpc.duration", "s", "Duration of JSON-RPC HTTP exchanges including retries.");

    internal static readonly Counter<long> Errors =
        Meter.CreateCounter<long>("liquidstake.rpc.errors", "{error}", "JSON-RPC errors by code (transport failures use code 'transport').");
}
