using Microsoft.Extensions.Logging;

namespace LiquidStake.Ethereum.Rpc;

// Log messages of the RPC layer. Only hashes, methods and codes are logged: never signed bytes, keys or the endpoint URL (it may hold an API key).
internal static partial class RpcLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Broadcast transaction {TransactionHash}")]
    public static partial void Broadcast(ILogger logger, Hash32 transactionHash);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Transaction {TransactionHash} was already known to the node")]
    public static partial void AlreadyKnown(ILogger logger, Hash32 transactionHash);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Broadcast of {TransactionHash} had an unknown outcome (attempt {Attempt})")]
    public static partial void BroadcastUnknown(ILogger logger, Exception exception, Hash32 transactionHash, int attempt);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "eth_getLogs range {From}..{To} refused; splitting")]
    public static partial void SplittingLogs(ILogger logger, ulong from, ulong to);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "JSON-RPC {Method} returned error {Code}: {RpcMessage}")]
    public static partial void RpcError(ILogger logger, string method, long code, string? rpcMessage);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "JSON-RPC {Method} could not reach the endpoint: {Error}")]
    public static partial void Unreachable(ILogger logger, string method, string error);
}
