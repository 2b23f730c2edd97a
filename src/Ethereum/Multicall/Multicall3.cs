using LiquidStake.Ethereum.Abi;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Transactions;

namespace LiquidStake.Ethereum.Multicall;

/// <summary>One read to bundle into a Multicall3 <c>aggregate3</c> call.</summary>
/// <param name="Target">The contract to call.</param>
/// <param name="CallData">Selector and arguments.</param>
/// <param name="AllowFailure">When false, a revert of this call reverts the whole chunk (and throws).</param>
/// <param name="GasHint">Expected gas of this call for chunking; null uses <see cref="Multicall3Options.DefaultGasPerCall"/>.</param>
public sealed record MulticallCall(Address Target, ReadOnlyMemory<byte> CallData, bool AllowFailure = true, ulong? GasHint = null);

/// <summary>The outcome of one bundled read.</summary>
/// <param name="Success">False when the call reverted (only possible with AllowFailure).</param>
/// <param name="ReturnData">The return data, or the revert data when it failed.</param>
public sealed record MulticallResult(bool Success, byte[] ReturnData);

/// <summary>Settings of <see cref="Multicall3Client"/>.</summary>
public sealed class Multicall3Options
{
    /// <summary>Where Multicall3 lives; the canonical address on nearly every chain by default.</summary>
    public Address ContractAddress { get; set; } = Multicall3Client.CanonicalAddress;

    /// <summary>Largest calldata of one <c>eth_call</c>, in bytes. Default 100 000 (providers refuse bodies far above this).</summary>
    public int MaxCalldataBytes { get; set; } = 100_000;

    /// <summary>Gas budget of one <c>eth_call</c> (nodes cap it, geth at 50M by default). Default 50 000 000.</summary>
    public ulong MaxGasPerChunk { get; set; } = 50_000_000;

    /// <summary>Gas assumed for a call without a hint. Default 1 000 000.</summary>
    public ulong DefaultGasPerCall { get; set; } = 1_000_000;

    /// <summary>When true and there are several chunks, send them as one JSON-RPC batch instead of one request each.</summary>
    public bool SendChunksAsOneBatch { get; set; }

    /// <summary>
    /// Largest total calldata of the chunks sent in one JSON-RPC batch (with <see cref="SendChunksAsOneBatch"/>), in bytes;
    /// more chunks go in further batches. Default 900 000 (under 2 MB of hex in the request body, which Anvil and common providers accept).
    /// </summary>
    public int MaxBatchCalldataBytes { get; set; } = 900_000;
}

/// <summary>
/// Bundles many reads into few <c>eth_call</c>s through Multicall3's
/// <c>aggregate3((address target,bool allowFailure,bytes callData)[]) returns ((bool success,bytes returnData)[])</c>.
/// </summary>
public class Multicall3Client
{
    /// <summary>The address Multicall3 is deployed at on nearly every EVM chain.</summary>
    public static readonly Address CanonicalAddress = Address.Parse("0xcA11bde05977b3631167028862bE2a173976CA11");

    /// <summary>The canonical signature of <c>aggregate3</c>.</summary>
    public const string Aggregate3Signature = "aggregate3((address,bool,bytes)[])";

    private static readonly AbiType[] Aggregate3Inputs = [AbiType.Parse("(address,bool,bytes)[]")];
    private static readonly AbiType[] Aggregate3Outputs = [AbiType.Parse("(bool,bytes)[]")];
    private static readonly byte[] Aggregate3SelectorBytes = AbiSignature.Selector(Aggregate3Signature);

    private readonly EthereumRpcClient _client = null!;

    /// <summary>For mocking only.</summary>
    protected Multicall3Client() => Options = new Multicall3Options();

    /// <summary>Creates the helper over <paramref name="client"/>.</summary>
    public Multicall3Client(EthereumRpcClient client, Multicall3Options? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        Options = options ?? new Multicall3Options();
        if (Options.MaxCalldataBytes < 256) throw new LiquidStakeArgumentException(nameof(Options.MaxCalldataBytes), "is too small for one call", "at least 256");
        if (Options.MaxGasPerChunk == 0) throw new LiquidStakeArgumentException(nameof(Options.MaxGasPerChunk), "must be positive", "at least 1");
    }

    /// <summary>The settings.</summary>
    public Multicall3Options Options { get; }

    /// <summary>The 4-byte selector of <c>aggregate3</c> (0x82ad56cb).</summary>
    public static ReadOnlySpan<byte> Aggregate3Selector => Aggregate3SelectorBytes;

    /// <summary>Runs <paramref name="calls"/> at <paramref name="block"/> and returns one result per call, in input order.</summary>
    /// <exception cref="Contracts.ContractRevertException">A call with AllowFailure = false reverted.</exception>
    public virtual async Task<IReadOnlyList<MulticallResult>> AggregateAsync(IReadOnlyList<MulticallCall> calls, BlockParameter block = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(calls);
        if (calls.Count == 0) return [];
        var chunks = Chunk(calls, Options);
        var results = new MulticallResult[calls.Count];
        if (Options.SendChunksAsOneBatch && chunks.Count > 1)
        {
            var requests = chunks.Select(chunk => CallFor(calls, chunk)).ToArray();
            // Consecutive chunks share one JSON-RPC batch up to the batch's calldata budget: nodes refuse request bodies
            // of a few megabytes (Anvil answers -32600 for the whole batch).
            for (int start = 0; start < requests.Length;)
            {
                int end = start, bytes = 0;
                do bytes += requests[end++].Data.Length;
                while (end < requests.Length && bytes + requests[end].Data.Length <= Options.MaxBatchCalldataBytes);
                var batch = _client.CreateBatch();
                var pending = new Task<byte[]>[end - start];
                for (int i = start; i < end; i++) pending[i - start] = batch.AddCall(requests[i], block);
                await batch.SendAsync(cancellationToken).ConfigureAwait(false);
                for (int i = start; i < end; i++) Place(results, chunks[i], await pending[i - start].ConfigureAwait(false));
                start = end;
            }
        }
        else
        {
            foreach (var chunk in chunks)
            {
                var returned = await _client.CallAsync(CallFor(calls, chunk), block, null, cancellationToken).ConfigureAwait(false);
                Place(results, chunk, returned);
            }
        }
        return results;
    }

    private TransactionRequest CallFor(IReadOnlyList<MulticallCall> calls, ChunkRange chunk) =>
        new() { To = Options.ContractAddress, Data = EncodeAggregate3(Slice(calls, chunk)) };

    private static List<MulticallCall> Slice(IReadOnlyList<MulticallCall> calls, ChunkRange chunk)
    {
        var list = new List<MulticallCall>(chunk.Count);
        for (int i = chunk.Start; i < chunk.Start + chunk.Count; i++) list.Add(calls[i]);
        return list;
    }

    private static void Place(MulticallResult[] results, ChunkRange chunk, byte[] returned)
    {
        var decoded = DecodeAggregate3Result(returned);
        if (decoded.Count != chunk.Count)
            throw new EthereumFormatException($"Multicall3 returned {decoded.Count} results for {chunk.Count} calls.");
        for (int i = 0; i < chunk.Count; i++) results[chunk.Start + i] = decoded[i];
    }

    /// <summary>Encodes the <c>aggregate3</c> calldata for <paramref name="calls"/>.</summary>
    public static byte[] EncodeAggregate3(IReadOnlyList<MulticallCall> calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        var tuples = new object?[calls.Count];
        for (int i = 0; i < calls.Count; i++) tuples[i] = new object?[] { calls[i].Target, calls[i].AllowFailure, calls[i].CallData.ToArray() };
        return AbiCodec.EncodeCall(Aggregate3SelectorBytes, Aggregate3Inputs, [tuples]);
    }

    /// <summary>Decodes the return data of <c>aggregate3</c>.</summary>
    public static IReadOnlyList<MulticallResult> DecodeAggregate3Result(ReadOnlySpan<byte> returnData)
    {
        var values = AbiCodec.Decode(Aggregate3Outputs, returnData);
        var items = (object?[])values[0]!;
        var results = new MulticallResult[items.Length];
        for (int i = 0; i < items.Length; i++)
        {
            var tuple = (object?[])items[i]!;
            results[i] = new MulticallResult((bool)tuple[0]!, (byte[])tuple[1]!);
        }
        return results;
    }

    /// <summary>Splits calls into consecutive chunks that respect the calldata size and gas budgets (at least one call per chunk).</summary>
    internal static List<ChunkRange> Chunk(IReadOnlyList<MulticallCall> calls, Multicall3Options options)
    {
        // Encoded size: selector + offset + length words, then per call an offset word plus the tuple head (3 words),
        // the bytes length word and the padded bytes.
        const int fixedBytes = 4 + 32 + 32;
        var chunks = new List<ChunkRange>();
        int start = 0;
        long size = fixedBytes;
        ulong gas = 0;
        for (int i = 0; i < calls.Count; i++)
        {
            long callSize = 32 + (32 * 4) + ((calls[i].CallData.Length + 31) / 32 * 32);
            ulong callGas = calls[i].GasHint ?? options.DefaultGasPerCall;
            bool fits = size + callSize <= options.MaxCalldataBytes && gas + callGas <= options.MaxGasPerChunk;
            if (!fits && i > start)
            {
                chunks.Add(new ChunkRange(start, i - start));
                start = i;
                size = fixedBytes;
                gas = 0;
            }
            size += callSize;
            gas += callGas;
        }
        chunks.Add(new ChunkRange(start, calls.Count - start));
        return chunks;
    }

    internal readonly record struct ChunkRange(int Start, int Count);
}
