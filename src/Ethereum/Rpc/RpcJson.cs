using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiquidStake.Ethereum.Rpc;

// Wire shapes of JSON-RPC. Quantities stay strings here and are parsed strictly by the client, so that a hostile
// node cannot smuggle numbers through the JSON number parser (precision, exponent forms).

internal sealed class JsonRpcResponseDto
{
    [JsonPropertyName("id")] public JsonElement Id { get; set; }
    [JsonPropertyName("result")] public JsonElement? Result { get; set; }
    [JsonPropertyName("error")] public JsonRpcErrorDto? Error { get; set; }
}

internal sealed class JsonRpcErrorDto
{
    [JsonPropertyName("code")] public long Code { get; set; }
    [JsonPropertyName("message")] public string? Message { get; set; }
    [JsonPropertyName("data")] public JsonElement? Data { get; set; }
}

internal sealed class LogDto
{
    [JsonPropertyName("address")] public string? Address { get; set; }
    [JsonPropertyName("topics")] public string[]? Topics { get; set; }
    [JsonPropertyName("data")] public string? Data { get; set; }
    [JsonPropertyName("blockNumber")] public string? BlockNumber { get; set; }
    [JsonPropertyName("blockHash")] public string? BlockHash { get; set; }
    [JsonPropertyName("transactionHash")] public string? TransactionHash { get; set; }
    [JsonPropertyName("transactionIndex")] public string? TransactionIndex { get; set; }
    [JsonPropertyName("logIndex")] public string? LogIndex { get; set; }
    [JsonPropertyName("removed")] public bool Removed { get; set; }
}

internal sealed class ReceiptDto
{
    [JsonPropertyName("transactionHash")] public string? TransactionHash { get; set; }
    [JsonPropertyName("transactionIndex")] public string? TransactionIndex { get; set; }
    [JsonPropertyName("blockHash")] public string? BlockHash { get; set; }
    [JsonPropertyName("blockNumber")] public string? BlockNumber { get; set; }
    [JsonPropertyName("from")] public string? From { get; set; }
    [JsonPropertyName("to")] public string? To { get; set; }
    [JsonPropertyName("cumulativeGasUsed")] public string? CumulativeGasUsed { get; set; }
    [JsonPropertyName("gasUsed")] public string? GasUsed { get; set; }
    [JsonPropertyName("effectiveGasPrice")] public string? EffectiveGasPrice { get; set; }
    [JsonPropertyName("contractAddress")] public string? ContractAddress { get; set; }
    [JsonPropertyName("logs")] public LogDto[]? Logs { get; set; }
    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("type")] public string? Type { get; set; }
}

internal sealed class BlockDto
{
    [JsonPropertyName("number")] public string? Number { get; set; }
    [JsonPropertyName("hash")] public string? Hash { get; set; }
    [JsonPropertyName("parentHash")] public string? ParentHash { get; set; }
    [JsonPropertyName("timestamp")] public string? Timestamp { get; set; }
    [JsonPropertyName("baseFeePerGas")] public string? BaseFeePerGas { get; set; }
    [JsonPropertyName("gasLimit")] public string? GasLimit { get; set; }
    [JsonPropertyName("gasUsed")] public string? GasUsed { get; set; }
    [JsonPropertyName("miner")] public string? Miner { get; set; }
    [JsonPropertyName("transactions")] public JsonElement? Transactions { get; set; }
}

internal sealed class TransactionDto
{
    [JsonPropertyName("hash")] public string? Hash { get; set; }
    [JsonPropertyName("nonce")] public string? Nonce { get; set; }
    [JsonPropertyName("blockHash")] public string? BlockHash { get; set; }
    [JsonPropertyName("blockNumber")] public string? BlockNumber { get; set; }
    [JsonPropertyName("transactionIndex")] public string? TransactionIndex { get; set; }
    [JsonPropertyName("from")] public string? From { get; set; }
    [JsonPropertyName("to")] public string? To { get; set; }
    [JsonPropertyName("value")] public string? Value { get; set; }
    [JsonPropertyName("gas")] public string? Gas { get; set; }
    [JsonPropertyName("gasPrice")] public string? GasPrice { get; set; }
    [JsonPropertyName("maxFeePerGas")] public string? MaxFeePerGas { get; set; }
    [JsonPropertyName("maxPriorityFeePerGas")] public string? MaxPriorityFeePerGas { get; set; }
    [JsonPropertyName("input")] public string? Input { get; set; }
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("chainId")] public string? ChainId { get; set; }
}

internal sealed class FeeHistoryDto
{
    [JsonPropertyName("oldestBlock")] public string? OldestBlock { get; set; }
    [JsonPropertyName("baseFeePerGas")] public string?[]? BaseFeePerGas { get; set; }
    [JsonPropertyName("gasUsedRatio")] public double[]? GasUsedRatio { get; set; }
    [JsonPropertyName("reward")] public string[][]? Reward { get; set; }
}

internal sealed class CallObjectDto
{
    [JsonPropertyName("from")] public string? From { get; set; }
    [JsonPropertyName("to")] public string? To { get; set; }
    [JsonPropertyName("gas")] public string? Gas { get; set; }
    [JsonPropertyName("gasPrice")] public string? GasPrice { get; set; }
    [JsonPropertyName("maxFeePerGas")] public string? MaxFeePerGas { get; set; }
    [JsonPropertyName("maxPriorityFeePerGas")] public string? MaxPriorityFeePerGas { get; set; }
    [JsonPropertyName("value")] public string? Value { get; set; }
    [JsonPropertyName("data")] public string? Data { get; set; }
    [JsonPropertyName("nonce")] public string? Nonce { get; set; }
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("accessList")] public AccessListItemDto[]? AccessList { get; set; }
}

internal sealed class AccessListItemDto
{
    [JsonPropertyName("address")] public string? Address { get; set; }
    [JsonPropertyName("storageKeys")] public string[]? StorageKeys { get; set; }
}

internal sealed class AccountOverrideDto
{
    [JsonPropertyName("balance")] public string? Balance { get; set; }
    [JsonPropertyName("nonce")] public string? Nonce { get; set; }
    [JsonPropertyName("code")] public string? Code { get; set; }
    [JsonPropertyName("state")] public Dictionary<string, string>? State { get; set; }
    [JsonPropertyName("stateDiff")] public Dictionary<string, string>? StateDiff { get; set; }
}

internal sealed class LogFilterDto
{
    [JsonPropertyName("address")] public string[]? Address { get; set; }
    [JsonPropertyName("topics")] public List<string[]?>? Topics { get; set; }
    [JsonPropertyName("fromBlock")] public string? FromBlock { get; set; }
    [JsonPropertyName("toBlock")] public string? ToBlock { get; set; }
}

/// <summary>Source-generated JSON contracts for JSON-RPC (no reflection serialization).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, GenerationMode = JsonSourceGenerationMode.Default)]
[JsonSerializable(typeof(JsonRpcResponseDto))]
[JsonSerializable(typeof(JsonRpcResponseDto[]))]
[JsonSerializable(typeof(ReceiptDto))]
[JsonSerializable(typeof(BlockDto))]
[JsonSerializable(typeof(TransactionDto))]
[JsonSerializable(typeof(FeeHistoryDto))]
[JsonSerializable(typeof(LogDto[]))]
[JsonSerializable(typeof(CallObjectDto))]
[JsonSerializable(typeof(LogFilterDto))]
[JsonSerializable(typeof(Dictionary<string, AccountOverrideDto>))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonElement[]))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(double[]))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(ulong))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
internal sealed partial class RpcJsonContext : JsonSerializerContext;
