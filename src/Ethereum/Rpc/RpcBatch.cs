using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using LiquidStake.Ethereum.Transactions;

namespace LiquidStake.Ethereum.Rpc;

/// <summary>
/// Collects requests to send as JSON-RPC batches. Each <c>Add</c> returns a task that completes when
/// <see cref="EthereumRpcClient.SendBatchAsync"/> (or <see cref="SendAsync"/>) has the answer.
/// </summary>
/// <remarks>Not thread-safe: build it on one thread, then send it once.</remarks>
public sealed class RpcBatch
{
    private readonly EthereumRpcClient _client;
    private List<Item> _items = [];

    internal RpcBatch(EthereumRpcClient client) => _client = client;

    /// <summary>Requests added and not yet sent.</summary>
    public int Count => _items.Count;

    /// <summary>Adds <c>eth_call</c>; a revert fails the task with ContractRevertException.</summary>
    public Task<byte[]> AddCall(TransactionRequest call, BlockParameter block = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        return Add("eth_call", [EthereumRpcClient.CallObject(call), EthereumRpcClient.Block(block)], e => EthereumRpcClient.ParseBytes(e, "call result"), revertAware: true);
    }

    /// <summary>Adds <c>eth_getBalance</c>.</summary>
    public Task<BigInteger> AddGetBalance(Address address, BlockParameter block = default) =>
        Add("eth_getBalance", [EthereumRpcClient.Str(address.ToLowerHex()), EthereumRpcClient.Block(block)], e => EthereumRpcClient.ParseBig(e, "balance"));

    /// <summary>Adds <c>eth_blockNumber</c>.</summary>
    public Task<ulong> AddGetBlockNumber() => Add("eth_blockNumber", [], e => EthereumRpcClient.ParseU64(e, "block number"));

    /// <summary>Adds <c>eth_getTransactionCount</c> (default <c>pending</c>).</summary>
    public Task<ulong> AddGetTransactionCount(Address address, BlockParameter block = default) =>
        Add("eth_getTransactionCount", [EthereumRpcClient.Str(address.ToLowerHex()), EthereumRpcClient.Block(block == default ? BlockParameter.Pending : block)], e => EthereumRpcClient.ParseU64(e, "nonce"));

    /// <summary>Adds any read-only method; the result is deserialized with <paramref name="resultType"/>.</summary>
    public Task<T?> Add<T>(string method, IReadOnlyList<object?> parameters, JsonTypeInfo<T> resultType)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(resultType);
        return Add(method, EthereumRpcClient.ToParams(parameters), e => e.Deserialize(resultType));
    }

    /// <summary>Sends the batch through the client that created it.</summary>
    public Task SendAsync(CancellationToken cancellationToken = default) => _client.SendBatchAsync(this, cancellationToken);

    internal List<Item> TakeItems()
    {
        var items = _items;
        _items = [];
        return items;
    }

    private Task<T> Add<T>(string method, JsonElement[] parameters, Func<JsonElement, T> parse, bool revertAware = false)
    {
        var source = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _items.Add(new Item(method, parameters, IsRead: true,
            element =>
            {
                try
                {
                    source.TrySetResult(parse(element));
                }
                catch (Exception ex) when (ex is EthereumFormatException or JsonException)
                {
                    source.TrySetException(ex);
                }
            },
            ex => source.TrySetException(revertAware && ex is RpcException rpc && RpcErrorClassifier.IsRevert(rpc.Code, rpc.RpcMessage, rpc.ErrorData)
                ? RevertExceptions.FromRpcError(rpc)
                : ex)));
        return source.Task;
    }

    internal sealed record Item(string Method, JsonElement[] Params, bool IsRead, Action<JsonElement> Complete, Action<Exception> Fail);
}
