using System.Net;

namespace LiquidStake.Ethereum.Rpc;

/// <summary>The node answered a JSON-RPC request with an error object.</summary>
public class RpcException : LiquidStakeException
{
    /// <summary>Creates a <see cref="RpcException"/> with the default message.</summary>
    public RpcException() { }

    /// <summary>Creates a <see cref="RpcException"/> with a message.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    public RpcException(string message) : base(message) { }

    /// <summary>Creates a <see cref="RpcException"/> with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    /// <param name="innerException">The underlying failure, or null.</param>
    public RpcException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception from the node's error object.</summary>
    /// <param name="method">The JSON-RPC method that failed.</param>
    /// <param name="code">The JSON-RPC error code.</param>
    /// <param name="rpcMessage">The node's error message.</param>
    /// <param name="data">Raw bytes from the error's <c>data</c> (revert data), when it carried hex.</param>
    public RpcException(string method, long code, string rpcMessage, byte[]? data)
        : base($"JSON-RPC {method} failed with code {code}: {rpcMessage}")
    {
        Method = method;
        Code = code;
        RpcMessage = rpcMessage;
        ErrorData = data;
    }

    /// <summary>The JSON-RPC method that failed.</summary>
    public string? Method { get; }

    /// <summary>The JSON-RPC error code (for example 3 or -32000 for a revert, -32005 for a limit).</summary>
    public long Code { get; }

    /// <summary>The node's error message.</summary>
    public string? RpcMessage { get; }

    /// <summary>Raw bytes of the error's <c>data</c> field (named so as not to hide <see cref="Exception.Data"/>) (revert data) when the node gave hex; otherwise null.</summary>
    public byte[]? ErrorData { get; }
}

/// <summary>The RPC endpoint could not be reached or did not answer with JSON-RPC (HTTP error, cut connection, timeout, malformed body).</summary>
public class RpcTransportException : LiquidStakeException
{
    /// <summary>Creates a <see cref="RpcTransportException"/> with the default message.</summary>
    public RpcTransportException() { }

    /// <summary>Creates a <see cref="RpcTransportException"/> with a message.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    public RpcTransportException(string message) : base(message) { }

    /// <summary>Creates a <see cref="RpcTransportException"/> with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    /// <param name="innerException">The underlying failure, or null.</param>
    public RpcTransportException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for an HTTP status.</summary>
    public RpcTransportException(string message, HttpStatusCode? statusCode, Exception? innerException = null) : base(message, innerException) =>
        StatusCode = statusCode;

    /// <summary>The HTTP status, when the endpoint answered at all.</summary>
    public HttpStatusCode? StatusCode { get; }
}

/// <summary>Recognises the error shapes that providers use for rate limits, range limits and reverts.</summary>
internal static class RpcErrorClassifier
{
    public static bool IsRangeTooWide(long code, string? message)
    {
        if (message is null) return false;
        return message.Contains("more than", StringComparison.OrdinalIgnoreCase) && message.Contains("results", StringComparison.OrdinalIgnoreCase)
            || message.Contains("block range", StringComparison.OrdinalIgnoreCase)
            || message.Contains("range is too wide", StringComparison.OrdinalIgnoreCase)
            || message.Contains("range too large", StringComparison.OrdinalIgnoreCase)
            || message.Contains("exceed maximum block range", StringComparison.OrdinalIgnoreCase)
            || message.Contains("query timeout exceeded", StringComparison.OrdinalIgnoreCase)
            || message.Contains("response size exceeded", StringComparison.OrdinalIgnoreCase)
            || code == -32005 && message.Contains("range", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Reads the block range a provider suggests in its refusal ("Try with this block range [0x1, 0x2]", "this block range
    /// should work: [0x1, 0x2]"): the last bracketed pair of hex quantities in the message.
    /// </summary>
    public static bool TryParseSuggestedRange(string? message, out ulong from, out ulong to)
    {
        from = to = 0;
        if (message is null) return false;
        int open = message.LastIndexOf('[');
        int close = open < 0 ? -1 : message.IndexOf(']', open);
        if (close < 0) return false;
        var parts = message[(open + 1)..close].Split(',', StringSplitOptions.TrimEntries);
        return parts.Length == 2 && TryParseQuantity(parts[0], out from) && TryParseQuantity(parts[1], out to) && from <= to;
    }

    private static bool TryParseQuantity(string text, out ulong value)
    {
        value = 0;
        return text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && ulong.TryParse(text.AsSpan(2), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out value);
    }

    public static bool IsRateLimit(long code, string? message)
    {
        if (IsRangeTooWide(code, message)) return false;
        if (code is -32005 or -32007 or -32016 or 429) return true;
        return message is not null
            && (message.Contains("rate limit", StringComparison.OrdinalIgnoreCase)
                || message.Contains("too many requests", StringComparison.OrdinalIgnoreCase)
                || message.Contains("exceeded its compute units", StringComparison.OrdinalIgnoreCase));
    }

    public static bool IsRevert(long code, string? message, byte[]? data) =>
        code == 3
        || message is not null && message.Contains("revert", StringComparison.OrdinalIgnoreCase)
        || code == -32015 && data is not null;

    // What a node answers to a transaction whose nonce is taken (by itself or another): geth, Erigon, Nethermind, Anvil, Reth.
    public static bool IsNonceConflict(string? message) =>
        message is not null
        && (message.Contains("nonce too low", StringComparison.OrdinalIgnoreCase)
            || message.Contains("nonce is too low", StringComparison.OrdinalIgnoreCase)
            || message.Contains("OldNonce", StringComparison.OrdinalIgnoreCase)
            || message.Contains("replacement transaction underpriced", StringComparison.OrdinalIgnoreCase)
            || message.Contains("replacement underpriced", StringComparison.OrdinalIgnoreCase)
            || message.Contains("already known", StringComparison.OrdinalIgnoreCase));

    public static bool IsNonceTooLow(string? message) =>
        message is not null
        && (message.Contains("nonce too low", StringComparison.OrdinalIgnoreCase)
            || message.Contains("nonce is too low", StringComparison.OrdinalIgnoreCase)
            || message.Contains("OldNonce", StringComparison.OrdinalIgnoreCase));

    public static bool IsAlreadyKnown(string? message) =>
        message is not null
        && (message.Contains("already known", StringComparison.OrdinalIgnoreCase)
            || message.Contains("known transaction", StringComparison.OrdinalIgnoreCase)
            || message.Contains("already imported", StringComparison.OrdinalIgnoreCase));
}
