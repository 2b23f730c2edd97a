using System.Numerics;
using System.Text.Json;

namespace LiquidStake.Ethereum.Rpc;

/// <summary>Strict conversion of wire DTOs into the public models; missing required fields are format errors.</summary>
internal static class RpcConvert
{
    public static LogEntry ToLog(LogDto dto) => new()
    {
        Address = Address.Parse(Required(dto.Address, "log address")),
        Topics = (dto.Topics ?? []).Select(t => Hash32.Parse(t)).ToArray(),
        Data = Hex.Decode(dto.Data ?? "0x"),
        BlockNumber = OptU64(dto.BlockNumber),
        BlockHash = OptHash(dto.BlockHash),
        TransactionHash = OptHash(dto.TransactionHash),
        TransactionIndex = OptU64(dto.TransactionIndex),
        LogIndex = OptU64(dto.LogIndex),
        Removed = dto.Removed,
    };

    public static TransactionReceipt ToReceipt(ReceiptDto dto) => new()
    {
        TransactionHash = Hash32.Parse(Required(dto.TransactionHash, "receipt transactionHash")),
        TransactionIndex = OptU64(dto.TransactionIndex) ?? 0,
        BlockHash = Hash32.Parse(Required(dto.BlockHash, "receipt blockHash")),
        BlockNumber = Hex.DecodeQuantityUInt64(Required(dto.BlockNumber, "receipt blockNumber")),
        From = dto.From is null ? default : Address.Parse(dto.From),
        To = OptAddress(dto.To),
        Succeeded = Required(dto.Status, "receipt status") switch
        {
            "0x1" or "0x01" => true,
            "0x0" or "0x00" => false,
            var other => throw new EthereumFormatException($"Receipt status '{other}' is neither 0x0 nor 0x1."),
        },
        GasUsed = OptU64(dto.GasUsed) ?? 0,
        CumulativeGasUsed = OptU64(dto.CumulativeGasUsed) ?? 0,
        EffectiveGasPrice = OptBig(dto.EffectiveGasPrice) ?? BigInteger.Zero,
        ContractAddress = OptAddress(dto.ContractAddress),
        Type = (byte)(OptU64(dto.Type) ?? 0),
        Logs = (dto.Logs ?? []).Select(ToLog).ToArray(),
    };

    public static BlockHeader ToBlock(BlockDto dto)
    {
        var hashes = new List<Hash32>();
        if (dto.Transactions is { ValueKind: JsonValueKind.Array } txs)
        {
            foreach (var tx in txs.EnumerateArray())
            {
                if (tx.ValueKind == JsonValueKind.String) hashes.Add(Hash32.Parse(tx.GetString()!));
                else if (tx.ValueKind == JsonValueKind.Object && tx.TryGetProperty("hash", out var h) && h.ValueKind == JsonValueKind.String) hashes.Add(Hash32.Parse(h.GetString()!));
            }
        }
        return new BlockHeader
        {
            Number = Hex.DecodeQuantityUInt64(Required(dto.Number, "block number")),
            Hash = Hash32.Parse(Required(dto.Hash, "block hash")),
            ParentHash = Hash32.Parse(Required(dto.ParentHash, "block parentHash")),
            Timestamp = Hex.DecodeQuantityUInt64(Required(dto.Timestamp, "block timestamp")),
            BaseFeePerGas = OptBig(dto.BaseFeePerGas),
            GasLimit = OptU64(dto.GasLimit) ?? 0,
            GasUsed = OptU64(dto.GasUsed) ?? 0,
            Miner = dto.Miner is null ? default : Address.Parse(dto.Miner),
            TransactionHashes = hashes,
        };
    }

    public static RpcTransaction ToTransaction(TransactionDto dto) => new()
    {
        Hash = Hash32.Parse(Required(dto.Hash, "transaction hash")),
        Nonce = Hex.DecodeQuantityUInt64(Required(dto.Nonce, "transaction nonce")),
        From = Address.Parse(Required(dto.From, "transaction from")),
        To = OptAddress(dto.To),
        Value = OptBig(dto.Value) ?? BigInteger.Zero,
        Gas = OptU64(dto.Gas) ?? 0,
        GasPrice = OptBig(dto.GasPrice),
        MaxFeePerGas = OptBig(dto.MaxFeePerGas),
        MaxPriorityFeePerGas = OptBig(dto.MaxPriorityFeePerGas),
        Input = Hex.Decode(dto.Input ?? "0x"),
        Type = (byte)(OptU64(dto.Type) ?? 0),
        ChainId = OptU64(dto.ChainId),
        BlockHash = OptHash(dto.BlockHash),
        BlockNumber = OptU64(dto.BlockNumber),
    };

    public static FeeHistory ToFeeHistory(FeeHistoryDto dto) => new()
    {
        OldestBlock = Hex.DecodeQuantityUInt64(Required(dto.OldestBlock, "feeHistory oldestBlock")),
        BaseFeePerGas = (dto.BaseFeePerGas ?? []).Select(b => b is null ? BigInteger.Zero : Hex.DecodeQuantity(b)).ToArray(),
        GasUsedRatio = dto.GasUsedRatio ?? [],
        Reward = (dto.Reward ?? []).Select(r => (IReadOnlyList<BigInteger>)r.Select(x => Hex.DecodeQuantity(x)).ToArray()).ToArray(),
    };

    /// <summary>Revert bytes from an error's data: a hex string, an object with a <c>data</c> hex string, or "Reverted 0x..".</summary>
    public static byte[]? ErrorDataBytes(JsonElement? data)
    {
        if (data is not { } element) return null;
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("data", out var inner)) element = inner;
        if (element.ValueKind != JsonValueKind.String) return null;
        var text = element.GetString().AsSpan().Trim();
        if (text.StartsWith("Reverted ", StringComparison.Ordinal)) text = text["Reverted ".Length..];
        if (!text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) return null;
        return Hex.TryDecode(text, out var bytes) ? bytes : null;
    }

    private static string Required(string? value, string what) => value ?? throw new EthereumFormatException($"The node's answer lacks the {what}.");

    private static ulong? OptU64(string? value) => value is null ? null : Hex.DecodeQuantityUInt64(value);

    private static BigInteger? OptBig(string? value) => value is null ? null : Hex.DecodeQuantity(value);

    private static Hash32? OptHash(string? value) => value is null ? null : Hash32.Parse(value);

    private static Address? OptAddress(string? value) => value is null ? null : Address.Parse(value);
}

/// <summary>Builds <see cref="Contracts.ContractRevertException"/> from a node's revert error, decoding the reason.</summary>
internal static class RevertExceptions
{
    public static Contracts.ContractRevertException FromRpcError(RpcException error, IReadOnlyList<Abi.AbiError>? knownErrors = null) =>
        Abi.RevertDecoder.ToException(error.ErrorData ?? [], knownErrors, error);
}
