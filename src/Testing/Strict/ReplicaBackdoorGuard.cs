using System.Text.Json;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Abi;
using LiquidStake.Ethereum.Transactions;

namespace LiquidStake.Testing;

/// <summary>
/// A kit call reached a function that exists only in our replicas (a <c>devnet*</c> back door): on a real mainnet fork
/// the same call would revert, so a driver or a test that makes it is not using the protocol's real path.
/// </summary>
public class ReplicaBackdoorCalledException : LiquidStakeException
{
    /// <summary>Creates a <see cref="ReplicaBackdoorCalledException"/> with the default message.</summary>
    public ReplicaBackdoorCalledException() { }

    /// <summary>Creates a <see cref="ReplicaBackdoorCalledException"/> with a message.</summary>
    /// <param name="message">What went wrong, in words.</param>
    public ReplicaBackdoorCalledException(string message) : base(message) { }

    /// <summary>Creates a <see cref="ReplicaBackdoorCalledException"/> with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, in words.</param>
    /// <param name="innerException">The underlying failure, or null.</param>
    public ReplicaBackdoorCalledException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for one call.</summary>
    /// <param name="method">The JSON-RPC method that carried the call.</param>
    /// <param name="target">The called contract, when known.</param>
    /// <param name="signature">The replica-only function.</param>
    public ReplicaBackdoorCalledException(string method, Address? target, string signature)
        : base($"Strict mode: {method} calls the replica-only function {signature} on {target?.ToString() ?? "(contract creation)"}; mainnet has no such entry point.")
    {
        Method = method;
        Target = target;
        Signature = signature;
    }

    /// <summary>The JSON-RPC method.</summary>
    public string? Method { get; }

    /// <summary>The called contract.</summary>
    public Address? Target { get; }

    /// <summary>The replica-only function's signature.</summary>
    public string? Signature { get; }
}

/// <summary>
/// Strict mode of the kit: an HTTP handler on the kit's JSON-RPC client that refuses every call (<c>eth_call</c>,
/// <c>eth_estimateGas</c>, <c>eth_sendTransaction</c>, <c>eth_sendRawTransaction</c>) whose selector is a replica-only
/// function, before it reaches Anvil. The replica-only functions are those named <c>devnet…</c> in the compiled
/// replicas (chain/out/artifacts).
/// </summary>
public sealed class ReplicaBackdoorGuard : DelegatingHandler
{
    private static readonly string[] s_checkedMethods = ["eth_call", "eth_estimateGas", "eth_sendTransaction", "eth_sendRawTransaction", "eth_createAccessList"];
    private readonly Dictionary<uint, string> _forbidden;

    /// <summary>Creates the guard over <paramref name="forbidden"/> (selector → signature) and the inner handler.</summary>
    public ReplicaBackdoorGuard(IReadOnlyDictionary<uint, string> forbidden, HttpMessageHandler innerHandler) : base(innerHandler)
    {
        ArgumentNullException.ThrowIfNull(forbidden);
        _forbidden = new Dictionary<uint, string>(forbidden);
    }

    /// <summary>The replica-only functions this guard refuses, by selector.</summary>
    public IReadOnlyDictionary<uint, string> Forbidden => _forbidden;

    /// <summary>
    /// Reads every function named <c>devnet…</c> from the compiled replicas' ABIs under <paramref name="artifactsDirectory"/>
    /// (chain/out/artifacts).
    /// </summary>
    public static IReadOnlyDictionary<uint, string> LoadReplicaOnlySelectors(string artifactsDirectory)
    {
        var result = new Dictionary<uint, string>();
        foreach (var file in Directory.EnumerateFiles(artifactsDirectory, "*.json", SearchOption.AllDirectories))
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            if (!document.RootElement.TryGetProperty("abi", out var abi) || abi.ValueKind != JsonValueKind.Array) continue;
            foreach (var item in abi.EnumerateArray())
            {
                if (item.TryGetProperty("type", out var type) && type.GetString() == "function"
                    && item.TryGetProperty("name", out var name) && name.GetString() is { } n && n.StartsWith("devnet", StringComparison.Ordinal))
                {
                    string signature = n + "(" + string.Join(",", item.GetProperty("inputs").EnumerateArray().Select(CanonicalType)) + ")";
                    result[AbiSignature.SelectorValue(signature)] = signature;
                }
            }
        }
        return result;
    }

    private static string CanonicalType(JsonElement parameter)
    {
        string type = parameter.GetProperty("type").GetString()!;
        if (!type.StartsWith("tuple", StringComparison.Ordinal)) return type;
        string inner = string.Join(",", parameter.GetProperty("components").EnumerateArray().Select(CanonicalType));
        return "(" + inner + ")" + type["tuple".Length..];
    }

    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            byte[] body = await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Array)
            {
                foreach (var call in document.RootElement.EnumerateArray()) Check(call);
            }
            else
            {
                Check(document.RootElement);
            }
        }
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private void Check(JsonElement call)
    {
        if (!call.TryGetProperty("method", out var m) || m.GetString() is not { } method || Array.IndexOf(s_checkedMethods, method) < 0) return;
        if (!call.TryGetProperty("params", out var parameters) || parameters.ValueKind != JsonValueKind.Array || parameters.GetArrayLength() == 0) return;
        var first = parameters[0];
        Address? to;
        byte[] data;
        if (method == "eth_sendRawTransaction")
        {
            var decoded = TransactionCodec.Decode(first.GetString()!).Transaction;
            (to, data) = (decoded.To, decoded.Data.ToArray());
        }
        else
        {
            to = first.TryGetProperty("to", out var t) && t.ValueKind == JsonValueKind.String ? Address.Parse(t.GetString()!) : null;
            string? hex = first.TryGetProperty("input", out var input) ? input.GetString() : first.TryGetProperty("data", out var d) ? d.GetString() : null;
            data = hex is null ? [] : Hex.Decode(hex);
        }
        if (to is null || data.Length < 4) return;
        uint selector = (uint)(data[0] << 24 | data[1] << 16 | data[2] << 8 | data[3]);
        if (_forbidden.TryGetValue(selector, out var signature)) throw new ReplicaBackdoorCalledException(method, to, signature);
    }
}
