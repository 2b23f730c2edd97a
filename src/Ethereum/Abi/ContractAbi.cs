using System.Text.Json;

namespace LiquidStake.Ethereum.Abi;

/// <summary>A function (or constructor/fallback/receive) entry of an ABI JSON document.</summary>
/// <param name="Name">The function name (<c>constructor</c>, <c>fallback</c> or <c>receive</c> for those entries).</param>
/// <param name="Inputs">The inputs.</param>
/// <param name="Outputs">The outputs.</param>
/// <param name="StateMutability"><c>pure</c>, <c>view</c>, <c>nonpayable</c> or <c>payable</c> (derived from <c>constant</c>/<c>payable</c> for old solc output).</param>
/// <remarks>Equality compares names, mutability and parameters by value.</remarks>
public sealed record AbiFunction(string Name, IReadOnlyList<AbiParameter> Inputs, IReadOnlyList<AbiParameter> Outputs, string StateMutability)
{
    // Derived values are cached; the init accessors drop the cache so that `with` never leaves it stale.
    private AbiEntryCache? _cache;
    private AbiType[]? _outputTypes;

    /// <summary>The function name.</summary>
    public string Name { get; init { field = value; _cache = null; } } = Name;

    /// <summary>The inputs.</summary>
    public IReadOnlyList<AbiParameter> Inputs { get; init { field = value; _cache = null; } } = Inputs;

    /// <summary>The outputs.</summary>
    public IReadOnlyList<AbiParameter> Outputs { get; init { field = value; _outputTypes = null; } } = Outputs;

    private AbiEntryCache Cache => _cache ??= new AbiEntryCache(Name, Inputs);

    /// <summary>The canonical signature, e.g. <c>transfer(address,uint256)</c>.</summary>
    public string Signature => Cache.Signature;

    /// <summary>The 4-byte selector (a fresh copy).</summary>
    public byte[] Selector => Cache.Hash[..4];

    /// <summary>The parsed input types.</summary>
    public IReadOnlyList<AbiType> InputTypes => Cache.Types;

    /// <summary>The parsed output types.</summary>
    public IReadOnlyList<AbiType> OutputTypes => _outputTypes ??= AbiParameter.ToAbiTypes(Outputs);

    /// <summary>True for <c>view</c> and <c>pure</c> functions.</summary>
    public bool IsReadOnly => StateMutability is "view" or "pure";

    /// <summary>True for <c>payable</c> functions.</summary>
    public bool IsPayable => StateMutability == "payable";

    /// <summary>Encodes calldata: selector and arguments.</summary>
    public byte[] EncodeCall(IReadOnlyList<object?> arguments) => AbiCodec.EncodeCall(Cache.Hash.AsSpan(0, 4), InputTypes, arguments);

    /// <summary>Decodes calldata of this function (checks the selector).</summary>
    public object?[] DecodeCall(ReadOnlySpan<byte> calldata) => AbiCodec.DecodeCall(Cache.Hash.AsSpan(0, 4), InputTypes, calldata);

    /// <summary>Decodes return data.</summary>
    public object?[] DecodeOutput(ReadOnlySpan<byte> returnData) => AbiCodec.Decode(OutputTypes, returnData);

    /// <inheritdoc/>
    public bool Equals(AbiFunction? other) => other is not null && Name == other.Name && StateMutability == other.StateMutability
        && AbiParameter.SequenceEquals(Inputs, other.Inputs) && AbiParameter.SequenceEquals(Outputs, other.Outputs);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, StateMutability, Inputs.Count, Outputs.Count);
}

/// <summary>An event entry of an ABI JSON document.</summary>
/// <param name="Name">The event name.</param>
/// <param name="Inputs">The inputs, with <see cref="AbiParameter.Indexed"/> set for topics.</param>
/// <param name="Anonymous">True for anonymous events (no topic 0).</param>
/// <remarks>Equality compares names, the anonymous flag and parameters by value.</remarks>
public sealed record AbiEvent(string Name, IReadOnlyList<AbiParameter> Inputs, bool Anonymous)
{
    private AbiEntryCache? _cache;

    /// <summary>The event name.</summary>
    public string Name { get; init { field = value; _cache = null; } } = Name;

    /// <summary>The inputs.</summary>
    public IReadOnlyList<AbiParameter> Inputs { get; init { field = value; _cache = null; } } = Inputs;

    private AbiEntryCache Cache => _cache ??= new AbiEntryCache(Name, Inputs);

    /// <summary>The canonical signature, e.g. <c>Transfer(address,address,uint256)</c>.</summary>
    public string Signature => Cache.Signature;

    /// <summary>keccak256 of the signature: topic 0 of a non-anonymous log.</summary>
    public Hash32 Topic => new(Cache.Hash);

    /// <summary>The parsed input types.</summary>
    public IReadOnlyList<AbiType> InputTypes => Cache.Types;

    /// <inheritdoc/>
    public bool Equals(AbiEvent? other) => other is not null && Name == other.Name && Anonymous == other.Anonymous
        && AbiParameter.SequenceEquals(Inputs, other.Inputs);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Anonymous, Inputs.Count);
}

/// <summary>A custom error entry of an ABI JSON document.</summary>
/// <param name="Name">The error name.</param>
/// <param name="Inputs">The error arguments.</param>
/// <remarks>Equality compares names and parameters by value.</remarks>
public sealed record AbiError(string Name, IReadOnlyList<AbiParameter> Inputs)
{
    private AbiEntryCache? _cache;

    /// <summary>The error name.</summary>
    public string Name { get; init { field = value; _cache = null; } } = Name;

    /// <summary>The error arguments.</summary>
    public IReadOnlyList<AbiParameter> Inputs { get; init { field = value; _cache = null; } } = Inputs;

    private AbiEntryCache Cache => _cache ??= new AbiEntryCache(Name, Inputs);

    /// <summary>The canonical signature, e.g. <c>InsufficientBalance(uint256,uint256)</c>.</summary>
    public string Signature => Cache.Signature;

    /// <summary>The 4-byte selector that starts revert data of this error (a fresh copy).</summary>
    public byte[] Selector => Cache.Hash[..4];

    /// <summary>The selector as a big-endian <see cref="uint"/>.</summary>
    public uint SelectorValue => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(Cache.Hash);

    /// <summary>The parsed input types.</summary>
    public IReadOnlyList<AbiType> InputTypes => Cache.Types;

    /// <inheritdoc/>
    public bool Equals(AbiError? other) => other is not null && Name == other.Name && AbiParameter.SequenceEquals(Inputs, other.Inputs);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Inputs.Count);
}

/// <summary>Values derived from an entry's name and inputs, computed once.</summary>
internal sealed class AbiEntryCache
{
    public AbiEntryCache(string name, IReadOnlyList<AbiParameter> inputs)
    {
        Types = AbiParameter.ToAbiTypes(inputs);
        Signature = AbiSignature.Canonical(name, Types);
        Hash = LiquidStake.Ethereum.Crypto.Keccak256.HashUtf8(Signature);
    }

    public AbiType[] Types { get; }

    public string Signature { get; }

    /// <summary>keccak256 of the signature; never handed out without copying.</summary>
    public byte[] Hash { get; }
}

/// <summary>A parsed ABI JSON document (the <c>abi</c> array of a compiler artifact).</summary>
/// <remarks>Understands entries of modern solc and of solc 0.4 (<c>constant</c>/<c>payable</c> without <c>stateMutability</c>, entries without <c>type</c>).</remarks>
public sealed class ContractAbi
{
    private ContractAbi(IReadOnlyList<AbiFunction> functions, IReadOnlyList<AbiEvent> events, IReadOnlyList<AbiError> errors,
        AbiFunction? constructor, AbiFunction? fallback, AbiFunction? receive)
    {
        Functions = functions;
        Events = events;
        Errors = errors;
        Constructor = constructor;
        Fallback = fallback;
        Receive = receive;
    }

    /// <summary>The functions in document order (overloads appear once each).</summary>
    public IReadOnlyList<AbiFunction> Functions { get; }

    /// <summary>The events in document order.</summary>
    public IReadOnlyList<AbiEvent> Events { get; }

    /// <summary>The custom errors in document order.</summary>
    public IReadOnlyList<AbiError> Errors { get; }

    /// <summary>The constructor, when the ABI declares one.</summary>
    public AbiFunction? Constructor { get; }

    /// <summary>The fallback function, when declared.</summary>
    public AbiFunction? Fallback { get; }

    /// <summary>The receive function, when declared.</summary>
    public AbiFunction? Receive { get; }

    /// <summary>All functions with this name (overloads).</summary>
    public IReadOnlyList<AbiFunction> GetFunctions(string name)
    {
        var result = new List<AbiFunction>();
        foreach (var f in Functions) if (f.Name == name) result.Add(f);
        return result;
    }

    /// <summary>The single function with this name; throws when missing or overloaded.</summary>
    public AbiFunction GetFunction(string name)
    {
        var matches = GetFunctions(name);
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new LiquidStakeArgumentException(nameof(name), $"the ABI has no function '{name}'"),
            _ => throw new LiquidStakeArgumentException(nameof(name), $"'{name}' is overloaded {matches.Count} times; pick one by signature"),
        };
    }

    /// <summary>The function with this 4-byte selector, or null.</summary>
    public AbiFunction? FindFunction(ReadOnlySpan<byte> selector)
    {
        foreach (var f in Functions) if (selector.SequenceEqual(f.Selector)) return f;
        return null;
    }

    /// <summary>The event with this name (the first when overloaded), or null.</summary>
    public AbiEvent? FindEvent(string name)
    {
        foreach (var e in Events) if (e.Name == name) return e;
        return null;
    }

    /// <summary>The non-anonymous event with this topic 0, or null.</summary>
    public AbiEvent? FindEvent(Hash32 topic)
    {
        foreach (var e in Events) if (!e.Anonymous && e.Topic == topic) return e;
        return null;
    }

    /// <summary>The custom error with this name, or null.</summary>
    public AbiError? FindError(string name)
    {
        foreach (var e in Errors) if (e.Name == name) return e;
        return null;
    }

    /// <summary>Parses an ABI JSON array, or an artifact object with an <c>abi</c> property.</summary>
    /// <exception cref="EthereumFormatException">The JSON is malformed or an entry is not a valid ABI entry.</exception>
    public static ContractAbi Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("abi", out var abi)) root = abi;
            if (root.ValueKind != JsonValueKind.Array) throw new EthereumFormatException("ABI JSON must be an array of entries (or an object with an 'abi' array).");
            var functions = new List<AbiFunction>();
            var events = new List<AbiEvent>();
            var errors = new List<AbiError>();
            AbiFunction? constructor = null, fallback = null, receive = null;
            int index = 0;
            foreach (var entry in root.EnumerateArray())
            {
                if (entry.ValueKind != JsonValueKind.Object) throw new EthereumFormatException($"ABI entry {index} is not an object.");
                string type = GetString(entry, "type") ?? "function";
                string name = GetString(entry, "name") ?? string.Empty;
                switch (type)
                {
                    case "function":
                        if (name.Length == 0) throw new EthereumFormatException($"ABI function entry {index} has no name.");
                        functions.Add(new AbiFunction(name, ParseParameters(entry, "inputs"), ParseParameters(entry, "outputs"), Mutability(entry)));
                        break;
                    case "constructor":
                        constructor = new AbiFunction("constructor", ParseParameters(entry, "inputs"), [], Mutability(entry));
                        break;
                    case "fallback":
                        fallback = new AbiFunction("fallback", ParseParameters(entry, "inputs"), ParseParameters(entry, "outputs"), Mutability(entry));
                        break;
                    case "receive":
                        receive = new AbiFunction("receive", [], [], "payable");
                        break;
                    case "event":
                        if (name.Length == 0) throw new EthereumFormatException($"ABI event entry {index} has no name.");
                        events.Add(new AbiEvent(name, ParseParameters(entry, "inputs"),
                            entry.TryGetProperty("anonymous", out var anonymous) && anonymous.ValueKind == JsonValueKind.True));
                        break;
                    case "error":
                        if (name.Length == 0) throw new EthereumFormatException($"ABI error entry {index} has no name.");
                        errors.Add(new AbiError(name, ParseParameters(entry, "inputs")));
                        break;
                    default:
                        throw new EthereumFormatException($"ABI entry {index} has unknown type '{type}'.");
                }
                index++;
            }
            return new ContractAbi(functions, events, errors, constructor, fallback, receive);
        }
        catch (JsonException e)
        {
            throw new EthereumFormatException($"ABI JSON is malformed: {e.Message}", e);
        }
    }

    private static string Mutability(JsonElement entry)
    {
        var explicitValue = GetString(entry, "stateMutability");
        if (explicitValue is not null)
        {
            return explicitValue is "pure" or "view" or "nonpayable" or "payable"
                ? explicitValue
                : throw new EthereumFormatException($"Unknown stateMutability '{explicitValue}'.");
        }
        // solc before 0.4.16 wrote only "constant" and "payable".
        if (entry.TryGetProperty("payable", out var payable) && payable.ValueKind == JsonValueKind.True) return "payable";
        if (entry.TryGetProperty("constant", out var constant) && constant.ValueKind == JsonValueKind.True) return "view";
        return "nonpayable";
    }

    private static string? GetString(JsonElement entry, string property) =>
        entry.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static AbiParameter[] ParseParameters(JsonElement entry, string property)
    {
        if (!entry.TryGetProperty(property, out var list) || list.ValueKind == JsonValueKind.Null) return [];
        if (list.ValueKind != JsonValueKind.Array) throw new EthereumFormatException($"ABI '{property}' must be an array.");
        var result = new AbiParameter[list.GetArrayLength()];
        int i = 0;
        foreach (var item in list.EnumerateArray()) result[i++] = ParseParameter(item);
        return result;
    }

    private static AbiParameter ParseParameter(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object) throw new EthereumFormatException("An ABI parameter must be an object.");
        string type = GetString(item, "type") ?? throw new EthereumFormatException("An ABI parameter has no 'type'.");
        var components = item.TryGetProperty("components", out var c) && c.ValueKind == JsonValueKind.Array ? ParseParameters(item, "components") : null;
        var parameter = new AbiParameter(
            GetString(item, "name") ?? string.Empty,
            type,
            components,
            item.TryGetProperty("indexed", out var indexed) && indexed.ValueKind == JsonValueKind.True,
            GetString(item, "internalType"));
        parameter.ToAbiType(); // validate now so a bad entry fails at Parse, not at first use
        return parameter;
    }
}
