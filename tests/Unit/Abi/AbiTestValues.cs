using System.Numerics;
using System.Text.Json;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Abi;

namespace LiquidStake.UnitTests.Abi;

/// <summary>Loads tests/vectors/out/abi.json and converts its JSON values (numbers as strings, bytes as hex) to codec values.</summary>
internal static class AbiTestValues
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "vectors", "abi.json"))));

    public static JsonElement Vectors => Document.Value.RootElement;

    public static IEnumerable<JsonElement> Section(string name) => Vectors.GetProperty(name).EnumerateArray();

    public static AbiType[] Types(JsonElement typeList) => typeList.EnumerateArray().Select(t => AbiType.Parse(t.GetString()!)).ToArray();

    public static byte[] Bytes(JsonElement hex) => Hex.Decode(hex.GetString()!);

    public static object? FromJson(AbiType type, JsonElement json) => type switch
    {
        AbiIntegerType => BigInteger.Parse(json.GetString()!, System.Globalization.CultureInfo.InvariantCulture),
        AbiAddressType => Address.Parse(json.GetString()!),
        AbiBoolType => json.GetBoolean(),
        AbiFixedBytesType or AbiBytesType => Hex.Decode(json.GetString()!),
        AbiStringType => json.GetString(),
        AbiArrayType array => json.EnumerateArray().Select(e => FromJson(array.ElementType, e)).ToArray(),
        AbiTupleType tuple => json.EnumerateArray().Select((e, i) => FromJson(tuple.Components[i], e)).ToArray(),
        _ => throw new InvalidOperationException(type.CanonicalName),
    };

    public static object?[] FromJson(IReadOnlyList<AbiType> types, JsonElement values) =>
        values.EnumerateArray().Select((e, i) => FromJson(types[i], e)).ToArray();

    /// <summary>Structural equality of decoded values (byte arrays and nested object arrays by content).</summary>
    public static bool DeepEquals(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y),
        (object?[] x, object?[] y) => x.Length == y.Length && x.Zip(y).All(p => DeepEquals(p.First, p.Second)),
        _ => Equals(a, b),
    };

    public static void AssertDeepEqual(object? expected, object? actual)
    {
        if (!DeepEquals(expected, actual)) Assert.Fail($"Expected {Show(expected)} but got {Show(actual)}");
    }

    public static string Show(object? v) => v switch
    {
        null => "null",
        byte[] b => Hex.Encode(b),
        object?[] list => "[" + string.Join(", ", list.Select(Show)) + "]",
        string s => "\"" + s + "\"",
        _ => v.ToString() ?? "",
    };
}
