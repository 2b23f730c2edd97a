using System.Text.Json.Serialization;

namespace LiquidStake.Ethereum.Keystore;

internal sealed class KeystoreFileModel
{
    [JsonPropertyName("address")]
    public string? Address { get; set; }

    [JsonPropertyName("crypto")]
    public KeystoreCryptoModel? Crypto { get; set; }

    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("version")]
    public int Version { get; set; }
}

internal sealed class KeystoreCryptoModel
{
    [JsonPropertyName("cipher")]
    public string? Cipher { get; set; }

    [JsonPropertyName("cipherparams")]
    public KeystoreCipherParamsModel? CipherParams { get; set; }

    [JsonPropertyName("ciphertext")]
    public string? CipherText { get; set; }

    [JsonPropertyName("kdf")]
    public string? Kdf { get; set; }

    [JsonPropertyName("kdfparams")]
    public KeystoreKdfParamsModel? KdfParams { get; set; }

    [JsonPropertyName("mac")]
    public string? Mac { get; set; }
}

internal sealed class KeystoreCipherParamsModel
{
    [JsonPropertyName("iv")]
    public string? Iv { get; set; }
}

internal sealed class KeystoreKdfParamsModel
{
    [JsonPropertyName("dklen")]
    public int DkLen { get; set; }

    [JsonPropertyName("salt")]
    public string? Salt { get; set; }

    [JsonPropertyName("n")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? N { get; set; }

    [JsonPropertyName("r")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? R { get; set; }

    [JsonPropertyName("p")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? P { get; set; }

    [JsonPropertyName("c")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? C { get; set; }

    [JsonPropertyName("prf")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Prf { get; set; }
}

// ethers writes "Crypto" with a capital C, geth "crypto": match names case-insensitively.
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, WriteIndented = false)]
[JsonSerializable(typeof(KeystoreFileModel))]
internal sealed partial class KeystoreJsonContext : JsonSerializerContext;
