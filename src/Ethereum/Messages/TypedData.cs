using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace LiquidStake.Ethereum.Messages;

/// <summary>One member of an EIP-712 struct type.</summary>
/// <param name="Name">The member name.</param>
/// <param name="Type">The Solidity type: <c>uint256</c>, <c>address</c>, <c>bytes32</c>, <c>string</c>, a struct name, or an array such as <c>Person[]</c>.</param>
public sealed record TypedDataField(string Name, string Type);

/// <summary>The EIP-712 domain. Only the fields that are set take part (unless the types declare <c>EIP712Domain</c> explicitly).</summary>
public sealed record TypedDataDomain
{
    /// <summary>The signing domain's name (for tokens usually the token name).</summary>
    public string? Name { get; init; }

    /// <summary>The domain version.</summary>
    public string? Version { get; init; }

    /// <summary>The chain id.</summary>
    public BigInteger? ChainId { get; init; }

    /// <summary>The contract that verifies the signature.</summary>
    public Address? VerifyingContract { get; init; }

    /// <summary>A disambiguating salt.</summary>
    public Hash32? Salt { get; init; }
}

/// <summary>
/// EIP-712 typed data: domain, struct types, primary type and message, as in <c>eth_signTypedData_v4</c>.
/// Message values may be <see cref="BigInteger"/>/integers/decimal or hex strings for numbers, <see cref="Address"/>
/// or strings for addresses, byte arrays or hex strings for bytes, dictionaries for structs, enumerables for arrays,
/// or <see cref="JsonElement"/> values as parsed from JSON.
/// </summary>
public sealed record TypedData
{
    /// <summary>The name of the domain struct type.</summary>
    public const string DomainTypeName = "EIP712Domain";

    /// <summary>The domain.</summary>
    public required TypedDataDomain Domain { get; init; }

    /// <summary>Struct types by name (may include <c>EIP712Domain</c>).</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<TypedDataField>> Types { get; init; }

    /// <summary>The type of <see cref="Message"/>.</summary>
    public required string PrimaryType { get; init; }

    /// <summary>The message values by member name.</summary>
    public required IReadOnlyDictionary<string, object?> Message { get; init; }

    /// <summary>Parses the JSON object that <c>eth_signTypedData_v4</c> takes.</summary>
    /// <exception cref="EthereumFormatException">The JSON is malformed or misses types, primaryType, domain or message.</exception>
    public static TypedData Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new EthereumFormatException("The typed data is not valid JSON.", ex);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new EthereumFormatException("Typed data must be a JSON object.");
            var typesElement = Required(root, "types", JsonValueKind.Object);
            var types = new Dictionary<string, IReadOnlyList<TypedDataField>>(StringComparer.Ordinal);
            foreach (var type in typesElement.EnumerateObject())
            {
                if (type.Value.ValueKind != JsonValueKind.Array) throw new EthereumFormatException($"Type '{type.Name}' must be an array of fields.");
                var fields = new List<TypedDataField>();
                foreach (var field in type.Value.EnumerateArray())
                {
                    if (field.ValueKind != JsonValueKind.Object) throw new EthereumFormatException($"A field of type '{type.Name}' must be an object.");
                    var name = Required(field, "name", JsonValueKind.String).GetString()!;
                    var fieldType = Required(field, "type", JsonValueKind.String).GetString()!;
                    fields.Add(new TypedDataField(name, fieldType));
                }
                types[type.Name] = fields;
            }
            var primaryType = Required(root, "primaryType", JsonValueKind.String).GetString()!;
            var domainElement = Required(root, "domain", JsonValueKind.Object);
            var messageElement = Required(root, "message", JsonValueKind.Object);
            return new TypedData
            {
                Domain = ParseDomain(domainElement),
                Types = types,
                PrimaryType = primaryType,
                Message = ToDictionary(messageElement.Clone()),
            };
        }
    }

    internal static Dictionary<string, object?> ToDictionary(JsonElement element)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject()) result[property.Name] = property.Value;
        return result;
    }

    private static TypedDataDomain ParseDomain(JsonElement domain)
    {
        var result = new TypedDataDomain();
        foreach (var property in domain.EnumerateObject())
        {
            var value = property.Value;
            if (value.ValueKind == JsonValueKind.Null) continue;
            result = property.Name switch
            {
                "name" => result with { Name = ExpectString(value, "domain.name") },
                "version" => result with { Version = ExpectString(value, "domain.version") },
                "chainId" => result with { ChainId = Eip712.ToInteger(value, "domain.chainId") },
                "verifyingContract" => result with { VerifyingContract = Address.Parse(ExpectString(value, "domain.verifyingContract")) },
                "salt" => result with { Salt = Hash32.Parse(ExpectString(value, "domain.salt")) },
                _ => throw new EthereumFormatException($"Unknown EIP-712 domain field '{property.Name}'."),
            };
        }
        return result;
    }

    private static string ExpectString(JsonElement value, string what) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new EthereumFormatException($"{what} must be a string.");

    private static JsonElement Required(JsonElement parent, string name, JsonValueKind kind)
    {
        if (!parent.TryGetProperty(name, out var value)) throw new EthereumFormatException($"Typed data is missing '{name}'.");
        if (value.ValueKind != kind) throw new EthereumFormatException($"Typed data '{name}' must be a JSON {kind.ToString().ToLower(CultureInfo.InvariantCulture)}.");
        return value;
    }
}
