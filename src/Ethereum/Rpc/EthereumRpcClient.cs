using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using LiquidStake.Ethereum.Contracts;
using LiquidStake.Ethereum.Transactions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly.Timeout;

namespace LiquidStake.Ethereum.Rpc;

/// <summary>
/// A JSON-RPC client for one Ethereum endpoint. Reads are retried by the HTTP resilience pipeline; broadcasts are
/// never retried blindly. Every method is virtual so it can be mocked.
/// </summary>
/// <remarks>
/// Create one per endpoint and keep it: it owns a pooled connection handler (or uses the HttpClient you give it,
/// for example a named client from IHttpClientFactory configured with <see cref="EthereumRpcHttp.AddEthereumRpcResilience"/>).
/// </remarks>
public partial class EthereumRpcClient : IContractCaller, IDisposable
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");
    private readonly HttpClient _http = null!;
    private readonly bool _ownsHttp;
    private readonly Uri _url = null!;
    // Credentials of a user:password@ URL, sent as Basic authorization (the URL itself is sent without them).
    private readonly string? _basicAuthorization;
    private readonly ILogger _logger = NullLogger.Instance;
    private long _nextId;

    /// <summary>For mocking only.</summary>
    protected EthereumRpcClient() => Options = new EthereumRpcClientOptions();

    /// <summary>Creates a client with its own pooled HttpClient and the default resilience pipeline.</summary>
    public EthereumRpcClient(EthereumRpcClientOptions options, ILogger<EthereumRpcClient>? logger = null)
        : this(CreateOwnedHttpClient(options), options, logger, ownsHttp: true)
    {
    }

    /// <summary>Creates a client over <paramref name="httpClient"/> (for example from IHttpClientFactory); it is not disposed by the client.</summary>
    public EthereumRpcClient(HttpClient httpClient, EthereumRpcClientOptions options, ILogger<EthereumRpcClient>? logger = null)
        : this(httpClient, options, logger, ownsHttp: false)
    {
    }

    private EthereumRpcClient(HttpClient httpClient, EthereumRpcClientOptions options, ILogger? logger, bool ownsHttp)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _http = httpClient;
        _ownsHttp = ownsHttp;
        (_url, _basicAuthorization) = RpcEndpointRedaction.SplitUserInfo(options.Url!);
        Options = options;
        _logger = logger ?? NullLogger.Instance;
    }

    private static HttpClient CreateOwnedHttpClient(EthereumRpcClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.TimeProvider is not null && options.Resilience.TimeProvider is null) options.Resilience.TimeProvider = options.TimeProvider;
        return EthereumRpcHttp.CreateHttpClient(options.Resilience, RpcEndpointRedaction.CreatePrimaryHandler(options.Url!));
    }

    /// <summary>The settings this client was created with.</summary>
    public EthereumRpcClientOptions Options { get; }

    // ---------------------------------------------------------------- chain state

    /// <summary><c>eth_chainId</c>.</summary>
    public virtual async Task<ulong> GetChainIdAsync(CancellationToken cancellationToken = default) =>
        ParseU64(await ReadAsync("eth_chainId", [], cancellationToken).ConfigureAwait(false), "chain id");

    /// <summary><c>eth_blockNumber</c>.</summary>
    public virtual async Task<ulong> GetBlockNumberAsync(CancellationToken cancellationToken = default) =>
        ParseU64(await ReadAsync("eth_blockNumber", [], cancellationToken).ConfigureAwait(false), "block number");

    /// <summary><c>eth_getBalance</c> in wei.</summary>
    public virtual async Task<BigInteger> GetBalanceAsync(Address address, BlockParameter block = default, CancellationToken cancellationToken = default) =>
        ParseBig(await ReadAsync("eth_getBalance", [Str(address.ToLowerHex()), Block(block)], cancellationToken).ConfigureAwait(false), "balance");

    /// <summary><c>eth_getCode</c>: the runtime code (empty for an account without code).</summary>
    public virtual async Task<byte[]> GetCodeAsync(Address address, BlockParameter block = default, CancellationToken cancellationToken = default) =>
        ParseBytes(await ReadAsync("eth_getCode", [Str(address.ToLowerHex()), Block(block)], cancellationToken).ConfigureAwait(false), "code");

    /// <summary><c>eth_getStorageAt</c>: one 32-byte storage slot.</summary>
    public virtual async Task<Hash32> GetStorageAtAsync(Address address, BigInteger slot, BlockParameter block = default, CancellationToken cancellationToken = default)
    {
        var element = await ReadAsync("eth_getStorageAt", [Str(address.ToLowerHex()), Str(Hex.EncodeQuantity(slot)), Block(block)], cancellationToken).ConfigureAwait(false);
        var bytes = ParseBytes(element, "storage value");
        if (bytes.Length > 32) throw new EthereumFormatException($"A storage value of {bytes.Length} bytes is longer than 32.");
        Span<byte> word = stackalloc byte[32];
        bytes.CopyTo(word[(32 - bytes.Length)..]);
        return new Hash32(word);
    }

    /// <summary><c>eth_getTransactionCount</c>; the default block is <c>pending</c> (the next nonce to use).</summary>
    public virtual async Task<ulong> GetTransactionCountAsync(Address address, BlockParameter block = default, CancellationToken cancellationToken = default)
    {
        var tag = block == default ? BlockParameter.Pending : block;
        return ParseU64(await ReadAsync("eth_getTransactionCount", [Str(address.ToLowerHex()), Block(tag)], cancellationToken).ConfigureAwait(false), "nonce");
    }

    /// <summary><c>eth_getBlockByNumber</c> without full transactions; null when the block does not exist.</summary>
    public virtual async Task<BlockHeader?> GetBlockByNumberAsync(BlockParameter block = default, CancellationToken cancellationToken = default)
    {
        var element = await ReadAsync("eth_getBlockByNumber", [Block(block), Bool(false)], cancellationToken).ConfigureAwait(false);
        if (element.ValueKind == JsonValueKind.Null) return null;
        var dto = element.Deserialize(RpcJsonContext.Default.BlockDto) ?? throw new EthereumFormatException("The block is not an object.");
        return RpcConvert.ToBlock(dto);
    }

    /// <summary><c>eth_feeHistory</c> over <paramref name="blockCount"/> blocks ending at <paramref name="newestBlock"/>.</summary>
    public virtual async Task<FeeHistory> GetFeeHistoryAsync(int blockCount, BlockParameter newestBlock = default, IReadOnlyList<double>? rewardPercentiles = null, CancellationToken cancellationToken = default)
    {
        if (blockCount is < 1 or > 1024) throw new LiquidStakeArgumentException(nameof(blockCount), "must be between 1 and 1024", "1..1024");
        var percentiles = JsonSerializer.SerializeToElement(rewardPercentiles?.ToArray() ?? [], RpcJsonContext.Default.DoubleArray);
        var element = await ReadAsync("eth_feeHistory", [Str(Hex.EncodeQuantity((ulong)blockCount)), Block(newestBlock), percentiles], cancellationToken).ConfigureAwait(false);
        var dto = element.Deserialize(RpcJsonContext.Default.FeeHistoryDto) ?? throw new EthereumFormatException("The fee history is not an object.");
        return RpcConvert.ToFeeHistory(dto);
    }

    /// <summary><c>eth_maxPriorityFeePerGas</c>: the node's suggested tip in wei.</summary>
    public virtual async Task<BigInteger> GetMaxPriorityFeePerGasAsync(CancellationToken cancellationToken = default) =>
        ParseBig(await ReadAsync("eth_maxPriorityFeePerGas", [], cancellationToken).ConfigureAwait(false), "priority fee");

    /// <summary><c>eth_gasPrice</c>: the node's suggested legacy gas price in wei.</summary>
    public virtual async Task<BigInteger> GetGasPriceAsync(CancellationToken cancellationToken = default) =>
        ParseBig(await ReadAsync("eth_gasPrice", [], cancellationToken).ConfigureAwait(false), "gas price");

    // ---------------------------------------------------------------- calls

    /// <summary><c>eth_call</c>: runs <paramref name="call"/> without a transaction and returns the return data.</summary>
    /// <exception cref="ContractRevertException">The call reverted; carries the revert data and decoded reason.</exception>
    public virtual async Task<byte[]> CallAsync(TransactionRequest call, BlockParameter block = default, IReadOnlyDictionary<Address, AccountOverride>? stateOverrides = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        JsonElement[] args = stateOverrides is { Count: > 0 }
            ? [CallObject(call), Block(block), Overrides(stateOverrides)]
            : [CallObject(call), Block(block)];
        try
        {
            return ParseBytes(await ReadAsync("eth_call", args, cancellationToken).ConfigureAwait(false), "call result");
        }
        catch (RpcException ex) when (RpcErrorClassifier.IsRevert(ex.Code, ex.RpcMessage, ex.ErrorData))
        {
            throw CreateRevertException(ex);
        }
    }

    /// <inheritdoc/>
    public virtual Task<byte[]> CallAsync(Address to, ReadOnlyMemory<byte> data, BlockParameter block, CancellationToken cancellationToken = default) =>
        CallAsync(new TransactionRequest { To = to, Data = data }, block, null, cancellationToken);

    /// <summary><c>eth_estimateGas</c>.</summary>
    /// <exception cref="ContractRevertException">The transaction would revert.</exception>
    public virtual async Task<ulong> EstimateGasAsync(TransactionRequest transaction, BlockParameter block = default, IReadOnlyDictionary<Address, AccountOverride>? stateOverrides = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        JsonElement[] args = stateOverrides is { Count: > 0 }
            ? [CallObject(transaction), Block(block), Overrides(stateOverrides)]
            : block == default ? [CallObject(transaction)] : [CallObject(transaction), Block(block)];
        try
        {
            return ParseU64(await ReadAsync("eth_estimateGas", args, cancellationToken).ConfigureAwait(false), "gas estimate");
        }
        catch (RpcException ex) when (RpcErrorClassifier.IsRevert(ex.Code, ex.RpcMessage, ex.ErrorData))
        {
            throw CreateRevertException(ex);
        }
    }

    /// <summary>Turns a revert error into the exception generated wrappers catch; override to decode with known custom errors.</summary>
    protected virtual ContractRevertException CreateRevertException(RpcException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return RevertExceptions.FromRpcError(error);
    }

    // ---------------------------------------------------------------- transactions

    /// <summary><c>eth_getTransactionByHash</c>; null when the node does not know the transaction.</summary>
    public virtual async Task<RpcTransaction?> GetTransactionByHashAsync(Hash32 transactionHash, CancellationToken cancellationToken = default)
    {
        var element = await ReadAsync("eth_getTransactionByHash", [Str(transactionHash.ToString())], cancellationToken).ConfigureAwait(false);
        if (element.ValueKind == JsonValueKind.Null) return null;
        var dto = element.Deserialize(RpcJsonContext.Default.TransactionDto) ?? throw new EthereumFormatException("The transaction is not an object.");
        return RpcConvert.ToTransaction(dto);
    }

    /// <summary><c>eth_getTransactionReceipt</c>; null while the transaction is not mined.</summary>
    public virtual async Task<TransactionReceipt?> GetTransactionReceiptAsync(Hash32 transactionHash, CancellationToken cancellationToken = default)
    {
        var element = await ReadAsync("eth_getTransactionReceipt", [Str(transactionHash.ToString())], cancellationToken).ConfigureAwait(false);
        if (element.ValueKind == JsonValueKind.Null) return null;
        var dto = element.Deserialize(RpcJsonContext.Default.ReceiptDto) ?? throw new EthereumFormatException("The receipt is not an object.");
        var receipt = RpcConvert.ToReceipt(dto);
        if (receipt.TransactionHash != transactionHash)
            throw new EthereumFormatException($"The node returned the receipt of {receipt.TransactionHash} when asked for {transactionHash}.");
        return receipt;
    }

    // ---------------------------------------------------------------- logs

    /// <summary>
    /// <c>eth_getLogs</c> for <paramref name="filter"/> between two blocks (inclusive). When the node refuses the range
    /// (too many results, range too wide) the range is split in halves recursively and the parts are concatenated in order.
    /// </summary>
    public virtual async Task<IReadOnlyList<LogEntry>> GetLogsAsync(EventFilter filter, BlockParameter fromBlock, BlockParameter toBlock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        try
        {
            return await GetLogsOnceAsync(filter, fromBlock, toBlock, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException ex) when (RpcErrorClassifier.IsRangeTooWide(ex.Code, ex.RpcMessage))
        {
            ulong from = await ResolveNumberAsync(fromBlock, cancellationToken).ConfigureAwait(false);
            ulong to = await ResolveNumberAsync(toBlock, cancellationToken).ConfigureAwait(false);
            if (from >= to) throw;
            RpcLog.SplittingLogs(_logger, from, to);
            var result = new List<LogEntry>();
            await GetLogsSplitAsync(filter, from, to, FirstPartEnd(ex, from, to), result, cancellationToken).ConfigureAwait(false);
            return result;
        }
    }

    /// <summary>
    /// Where the first part of a refused range ends: the provider's suggested range when it starts at <paramref name="from"/>
    /// and is narrower (Infura, Alchemy), otherwise the middle.
    /// </summary>
    private static ulong FirstPartEnd(RpcException refusal, ulong from, ulong to) =>
        RpcErrorClassifier.TryParseSuggestedRange(refusal.RpcMessage, out var hintFrom, out var hintTo) && hintFrom == from && hintTo < to
            ? hintTo
            : from + ((to - from) / 2);

    /// <summary>Reads [from, firstEnd] (split further when refused), then the rest, in order, into <paramref name="sink"/>.</summary>
    private async Task GetLogsSplitAsync(EventFilter filter, ulong from, ulong to, ulong firstEnd, List<LogEntry> sink, CancellationToken cancellationToken)
    {
        await GetLogsRangeAsync(filter, from, firstEnd, sink, cancellationToken).ConfigureAwait(false);
        if (firstEnd < to) await GetLogsRangeAsync(filter, firstEnd + 1, to, sink, cancellationToken).ConfigureAwait(false);
    }

    private async Task GetLogsRangeAsync(EventFilter filter, ulong from, ulong to, List<LogEntry> sink, CancellationToken cancellationToken)
    {
        try
        {
            sink.AddRange(await GetLogsOnceAsync(filter, from, to, cancellationToken).ConfigureAwait(false));
        }
        catch (RpcException ex) when (from < to && RpcErrorClassifier.IsRangeTooWide(ex.Code, ex.RpcMessage))
        {
            await GetLogsSplitAsync(filter, from, to, FirstPartEnd(ex, from, to), sink, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ulong> ResolveNumberAsync(BlockParameter block, CancellationToken cancellationToken)
    {
        if (block.Number is { } n) return n;
        if (block == BlockParameter.Earliest) return 0;
        if (block == default || block == BlockParameter.Latest) return await GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
        var header = await GetBlockByNumberAsync(block, cancellationToken).ConfigureAwait(false)
            ?? throw new LiquidStakeException($"The node has no '{block}' block.");
        return header.Number;
    }

    private async Task<IReadOnlyList<LogEntry>> GetLogsOnceAsync(EventFilter filter, BlockParameter from, BlockParameter to, CancellationToken cancellationToken)
    {
        var dto = new LogFilterDto
        {
            FromBlock = from.ToRpcString(),
            ToBlock = to.ToRpcString(),
            Address = filter.Addresses.Count == 0 ? null : filter.Addresses.Select(a => a.ToLowerHex()).ToArray(),
            Topics = filter.Topics.Count == 0 ? null : filter.Topics.Select(t => t?.Select(h => h.ToString()).ToArray()).ToList(),
        };
        var element = await ReadAsync("eth_getLogs", [JsonSerializer.SerializeToElement(dto, RpcJsonContext.Default.LogFilterDto)], cancellationToken).ConfigureAwait(false);
        var logs = element.Deserialize(RpcJsonContext.Default.LogDtoArray) ?? throw new EthereumFormatException("eth_getLogs did not return an array.");
        var result = new LogEntry[logs.Length];
        for (int i = 0; i < logs.Length; i++) result[i] = RpcConvert.ToLog(logs[i]);
        return result;
    }

    // ---------------------------------------------------------------- generic and batch

    /// <summary>
    /// Sends any JSON-RPC method (for example <c>anvil_mine</c>, <c>evm_snapshot</c>) and deserializes its result with <paramref name="resultType"/>.
    /// Parameters may be string, bool, int, long, ulong, BigInteger, Address, Hash32, byte[], BlockParameter, JsonElement, string[] or
    /// Dictionary&lt;string,string&gt;. The request is treated as state-changing: it is not retried.
    /// </summary>
    public virtual async Task<T?> RequestAsync<T>(string method, IReadOnlyList<object?> parameters, JsonTypeInfo<T> resultType, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(resultType);
        var element = await SendAsync(method, ToParams(parameters), isRead: false, cancellationToken).ConfigureAwait(false);
        return element.Deserialize(resultType);
    }

    /// <summary>Sends any JSON-RPC method and returns its raw JSON result (see the other overload for parameter types).</summary>
    public virtual Task<JsonElement> RequestAsync(string method, IReadOnlyList<object?> parameters, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(parameters);
        return SendAsync(method, ToParams(parameters), isRead: false, cancellationToken);
    }

    /// <summary>Starts a batch: add requests to it, then call <see cref="SendBatchAsync"/>.</summary>
    public virtual RpcBatch CreateBatch() => new(this);

    /// <summary>
    /// Sends the batch's requests as JSON-RPC batches of at most <see cref="EthereumRpcClientOptions.MaxBatchSize"/>,
    /// matches answers by id (any order) and completes each request's task with its result or error.
    /// </summary>
    public virtual async Task SendBatchAsync(RpcBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var items = batch.TakeItems();
        for (int start = 0; start < items.Count; start += Options.MaxBatchSize)
        {
            var chunk = items.GetRange(start, Math.Min(Options.MaxBatchSize, items.Count - start));
            JsonRpcResponseDto[] responses;
            try
            {
                responses = await PostAsync(chunk.Select(i => new RpcCall(i.Method, i.Params)).ToArray(), chunk.TrueForAll(i => i.IsRead), asBatch: true, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                foreach (var item in items.Skip(start)) item.Fail(ex);
                throw;
            }
            for (int i = 0; i < chunk.Count; i++)
            {
                try
                {
                    chunk[i].Complete(Unwrap(chunk[i].Method, responses[i]));
                }
                catch (Exception ex) when (ex is RpcException or EthereumFormatException)
                {
                    chunk[i].Fail(ex);
                }
            }
        }
    }

    // ---------------------------------------------------------------- plumbing

    internal Task<JsonElement> ReadAsync(string method, JsonElement[] args, CancellationToken cancellationToken) =>
        SendAsync(method, args, isRead: true, cancellationToken);

    internal async Task<JsonElement> SendAsync(string method, JsonElement[] args, bool isRead, CancellationToken cancellationToken)
    {
        var responses = await PostAsync([new RpcCall(method, args)], isRead, asBatch: false, cancellationToken).ConfigureAwait(false);
        return Unwrap(method, responses[0]);
    }

    private JsonElement Unwrap(string method, JsonRpcResponseDto response)
    {
        if (response.Error is { } error)
        {
            var data = RpcConvert.ErrorDataBytes(error.Data);
            RpcTelemetry.Errors.Add(1, new KeyValuePair<string, object?>("rpc.method", method), new KeyValuePair<string, object?>("rpc.jsonrpc.error_code", error.Code.ToString(CultureInfo.InvariantCulture)));
            RpcLog.RpcError(_logger, method, error.Code, error.Message);
            throw new RpcException(method, error.Code, error.Message ?? "(no message)", data);
        }
        return response.Result ?? NullElement;
    }

    private static readonly JsonElement NullElement = JsonDocument.Parse("null").RootElement.Clone();

    private async Task<JsonRpcResponseDto[]> PostAsync(RpcCall[] calls, bool isRead, bool asBatch, CancellationToken cancellationToken)
    {
        if (_http is null) throw new InvalidOperationException("This client was created for mocking and cannot send requests.");
        long firstId = Interlocked.Add(ref _nextId, calls.Length) - calls.Length + 1;
        string label = asBatch ? "batch" : calls[0].Method;
        byte[] body = WriteBody(calls, firstId, asBatch);

        using var activity = RpcTelemetry.Source.StartActivity("rpc " + label, ActivityKind.Client);
        activity?.SetTag("rpc.system", "jsonrpc");
        activity?.SetTag("rpc.method", label);
        activity?.SetTag("rpc.batch_size", calls.Length);
        activity?.SetTag("server.address", _url.Host); // the host only: the path or query may hold an API key
        var methodTag = new KeyValuePair<string, object?>("rpc.method", label);
        RpcTelemetry.Requests.Add(calls.Length, methodTag);
        long started = Stopwatch.GetTimestamp();

        using var request = new HttpRequestMessage(HttpMethod.Post, _url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = JsonMediaType;
        if (_basicAuthorization is not null && _http.DefaultRequestHeaders.Authorization is null)
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", _basicAuthorization);
        request.Options.Set(EthereumRpcRequestOptions.IsRetryableRead, isRead);
        request.Options.Set(EthereumRpcRequestOptions.Method, label);

        byte[] responseBody;
        System.Net.HttpStatusCode status;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            status = response.StatusCode;
            responseBody = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or IOException
                                   || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            RecordTransportError(activity, methodTag);
            RpcLog.Unreachable(_logger, label, ex.GetType().Name);
            throw new RpcTransportException($"JSON-RPC {label}: the endpoint could not be reached or timed out ({ex.GetType().Name}).", null, ex);
        }
        finally
        {
            RpcTelemetry.Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, methodTag);
        }

        JsonRpcResponseDto[]? parsed = TryParse(responseBody);
        if (parsed is null || ((int)status is < 200 or > 299 && !Array.Exists(parsed, r => r.Error is not null)))
        {
            RecordTransportError(activity, methodTag);
            string reason = (int)status is >= 200 and <= 299 ? "a body that is not JSON-RPC" : $"HTTP {(int)status}";
            throw new RpcTransportException($"JSON-RPC {label}: the endpoint answered with {reason}.", status);
        }

        if (parsed.Length == 1 && calls.Length > 1 && parsed[0].Error is { } batchError && IdOf(parsed[0]) is null)
        {
            // The node refused the whole batch with one error object.
            throw new RpcException(label, batchError.Code, batchError.Message ?? "(no message)", RpcConvert.ErrorDataBytes(batchError.Data));
        }

        var byId = new Dictionary<long, JsonRpcResponseDto>(parsed.Length);
        foreach (var response in parsed)
        {
            if (IdOf(response) is { } id) byId.TryAdd(id, response);
        }
        var ordered = new JsonRpcResponseDto[calls.Length];
        for (int i = 0; i < calls.Length; i++)
        {
            if (!byId.TryGetValue(firstId + i, out var match))
            {
                if (calls.Length == 1 && parsed.Length == 1 && parsed[0].Error is not null) match = parsed[0];
                else throw new RpcTransportException($"JSON-RPC {label}: the endpoint gave no answer for request id {firstId + i} ({calls[i].Method}).", status);
            }
            ordered[i] = match;
        }
        return ordered;
    }

    private static void RecordTransportError(Activity? activity, KeyValuePair<string, object?> methodTag)
    {
        activity?.SetStatus(ActivityStatusCode.Error);
        RpcTelemetry.Errors.Add(1, methodTag, new KeyValuePair<string, object?>("rpc.jsonrpc.error_code", "transport"));
    }

    private static long? IdOf(JsonRpcResponseDto response) => response.Id.ValueKind switch
    {
        JsonValueKind.Number when response.Id.TryGetInt64(out long n) => n,
        JsonValueKind.String when long.TryParse(response.Id.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out long s) => s,
        _ => null,
    };

    private static JsonRpcResponseDto[]? TryParse(byte[] body)
    {
        try
        {
            var span = body.AsSpan().TrimStart(" \t\r\n"u8);
            if (span.IsEmpty) return null;
            if (span[0] == (byte)'[') return JsonSerializer.Deserialize(span, RpcJsonContext.Default.JsonRpcResponseDtoArray);
            var single = JsonSerializer.Deserialize(span, RpcJsonContext.Default.JsonRpcResponseDto);
            return single is null ? null : [single];
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static byte[] WriteBody(RpcCall[] calls, long firstId, bool asBatch)
    {
        var buffer = new ArrayBufferWriter<byte>(256 * calls.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (asBatch) writer.WriteStartArray();
            for (int i = 0; i < calls.Length; i++)
            {
                writer.WriteStartObject();
                writer.WriteString("jsonrpc"u8, "2.0"u8);
                writer.WriteNumber("id"u8, firstId + i);
                writer.WriteString("method"u8, calls[i].Method);
                writer.WriteStartArray("params"u8);
                foreach (var p in calls[i].Params) p.WriteTo(writer);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            if (asBatch) writer.WriteEndArray();
        }
        return buffer.WrittenSpan.ToArray();
    }

    // ---------------------------------------------------------------- parameter helpers

    internal static JsonElement Str(string value) => JsonSerializer.SerializeToElement(value, RpcJsonContext.Default.String);

    internal static JsonElement Bool(bool value) => JsonSerializer.SerializeToElement(value, RpcJsonContext.Default.Boolean);

    internal static JsonElement Block(BlockParameter block) => Str(block.ToRpcString());

    internal static JsonElement CallObject(TransactionRequest request)
    {
        var dto = new CallObjectDto
        {
            From = request.From?.ToLowerHex(),
            To = request.To?.ToLowerHex(),
            Gas = request.Gas is { } gas ? Hex.EncodeQuantity(gas) : null,
            GasPrice = request.GasPrice is { } gp ? Hex.EncodeQuantity(gp) : null,
            MaxFeePerGas = request.MaxFeePerGas is { } mf ? Hex.EncodeQuantity(mf) : null,
            MaxPriorityFeePerGas = request.MaxPriorityFeePerGas is { } mp ? Hex.EncodeQuantity(mp) : null,
            Value = request.Value.IsZero ? null : Hex.EncodeQuantity(request.Value),
            Data = request.Data.IsEmpty ? null : Hex.Encode(request.Data.Span),
            Nonce = request.Nonce is { } nonce ? Hex.EncodeQuantity(nonce) : null,
            AccessList = request.AccessList?.Select(e => new AccessListItemDto
            {
                Address = e.Address.ToLowerHex(),
                StorageKeys = e.StorageKeys.Select(k => k.ToString()).ToArray(),
            }).ToArray(),
        };
        return JsonSerializer.SerializeToElement(dto, RpcJsonContext.Default.CallObjectDto);
    }

    internal static JsonElement Overrides(IReadOnlyDictionary<Address, AccountOverride> overrides)
    {
        var map = new Dictionary<string, AccountOverrideDto>(overrides.Count);
        foreach (var (address, o) in overrides)
        {
            if (o.State is not null && o.StateDiff is not null)
                throw new LiquidStakeArgumentException(nameof(overrides), $"the override of {address} sets both State and StateDiff");
            map[address.ToLowerHex()] = new AccountOverrideDto
            {
                Balance = o.Balance is { } b ? Hex.EncodeQuantity(b) : null,
                Nonce = o.Nonce is { } n ? Hex.EncodeQuantity(n) : null,
                Code = o.Code is { } c ? Hex.Encode(c.Span) : null,
                State = o.State?.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value.ToString()),
                StateDiff = o.StateDiff?.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value.ToString()),
            };
        }
        return JsonSerializer.SerializeToElement(map, RpcJsonContext.Default.DictionaryStringAccountOverrideDto);
    }

    internal static JsonElement[] ToParams(IReadOnlyList<object?> parameters)
    {
        var result = new JsonElement[parameters.Count];
        for (int i = 0; i < parameters.Count; i++)
        {
            result[i] = parameters[i] switch
            {
                null => NullElement,
                JsonElement e => e,
                string s => Str(s),
                bool b => Bool(b),
                int n => JsonSerializer.SerializeToElement(n, RpcJsonContext.Default.Int32),
                long n => JsonSerializer.SerializeToElement(n, RpcJsonContext.Default.Int64),
                ulong n => JsonSerializer.SerializeToElement(n, RpcJsonContext.Default.UInt64),
                BigInteger n => Str(Hex.EncodeQuantity(n)),
                Address a => Str(a.ToLowerHex()),
                Hash32 h => Str(h.ToString()),
                byte[] bytes => Str(Hex.Encode(bytes)),
                BlockParameter block => Block(block),
                string[] strings => JsonSerializer.SerializeToElement(strings, RpcJsonContext.Default.StringArray),
                Dictionary<string, string> map => JsonSerializer.SerializeToElement(map, RpcJsonContext.Default.DictionaryStringString),
                TransactionRequest call => CallObject(call),
                var other => throw new LiquidStakeArgumentException(nameof(parameters), $"parameter {i} has unsupported type {other.GetType().Name}"),
            };
        }
        return result;
    }

    // ---------------------------------------------------------------- result helpers

    internal static ulong ParseU64(JsonElement element, string what) =>
        element.ValueKind == JsonValueKind.String ? Hex.DecodeQuantityUInt64(element.GetString()) : throw new EthereumFormatException($"The {what} is not a hex string.");

    internal static BigInteger ParseBig(JsonElement element, string what) =>
        element.ValueKind == JsonValueKind.String ? Hex.DecodeQuantity(element.GetString()) : throw new EthereumFormatException($"The {what} is not a hex string.");

    internal static byte[] ParseBytes(JsonElement element, string what) =>
        element.ValueKind == JsonValueKind.String ? Hex.Decode(element.GetString()) : throw new EthereumFormatException($"The {what} is not a hex string.");

    internal static Hash32 ParseHash(JsonElement element, string what) =>
        element.ValueKind == JsonValueKind.String ? Hash32.Parse(element.GetString()!) : throw new EthereumFormatException($"The {what} is not a hex string.");

    /// <summary>Disposes the HttpClient when the client created it.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes owned resources.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing && _ownsHttp) _http.Dispose();
    }

    internal readonly record struct RpcCall(string Method, JsonElement[] Params);
}
