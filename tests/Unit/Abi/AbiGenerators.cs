using System.Numerics;
using CsCheck;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Abi;

namespace LiquidStake.UnitTests.Abi;

/// <summary>CsCheck generators for random ABI types (nested arrays and tuples) and values that fit them.</summary>
internal static class AbiGenerators
{
    private static readonly Gen<AbiType> Elementary = Gen.OneOf(
        Gen.Int[1, 32].Select(n => (AbiType)AbiIntegerType.Create(n * 8, false)),
        Gen.Int[1, 32].Select(n => (AbiType)AbiIntegerType.Create(n * 8, true)),
        Gen.Const(AbiType.Address),
        Gen.Const(AbiType.Bool),
        Gen.Int[1, 32].Select(n => (AbiType)AbiFixedBytesType.Create(n)),
        Gen.Const(AbiType.Bytes),
        Gen.Const(AbiType.StringType));

    public static Gen<AbiType> Type(int depth) => depth == 0
        ? Elementary
        : Gen.Frequency(
            (4, Elementary),
            (1, Type(depth - 1).SelectMany(element => Gen.Int[0, 3].Select(k => (AbiType)AbiArrayType.Create(element, k == 0 ? null : k)))),
            (1, Type(depth - 1).Array[1, 4].Select(components => (AbiType)AbiTupleType.Create(components))));

    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.Char['\u0020', '\uD7FF'].Array[0, 12].Select(chars => new string(chars)),
        Gen.OneOf("", "😀🦄", "ünïcødé", "\0", new string('x', 33)));

    public static Gen<object?> Value(AbiType type) => type switch
    {
        AbiIntegerType integer => Gen.Byte.Array[integer.Bits / 8].Select(b => (object?)new BigInteger(b, isUnsigned: !integer.IsSigned, isBigEndian: true)),
        AbiAddressType => Gen.Byte.Array[20].Select(b => (object?)new Address(b)),
        AbiBoolType => Gen.Bool.Select(b => (object?)b),
        AbiFixedBytesType fixedBytes => Gen.Byte.Array[fixedBytes.Size].Select(b => (object?)b),
        AbiBytesType => Gen.Byte.Array[0, 70].Select(b => (object?)b),
        AbiStringType => Text.Select(s => (object?)s),
        AbiArrayType { Length: int k } array => Value(array.ElementType).Array[k].Select(a => (object?)a),
        AbiArrayType array => Value(array.ElementType).Array[0, 3].Select(a => (object?)a),
        AbiTupleType tuple => Values(tuple.Components).Select(a => (object?)a),
        _ => throw new InvalidOperationException(type.CanonicalName),
    };

    public static Gen<object?[]> Values(IReadOnlyList<AbiType> types)
    {
        Gen<List<object?>> gen = Gen.Const(() => new List<object?>());
        foreach (var type in types)
        {
            var valueGen = Value(type);
            gen = gen.SelectMany(list => valueGen.Select(v => { var copy = new List<object?>(list) { v }; return copy; }));
        }
        return gen.Select(list => list.ToArray());
    }

    /// <summary>One deterministic sample of <paramref name="gen"/> for <paramref name="seed"/> (for fixed corpora).</summary>
    public static T Generate<T>(Gen<T> gen, ulong seed) => gen.Generate(new PCG(1, seed), null, out _);

    /// <summary>1 to 4 random types (nesting up to 2 levels) with matching values.</summary>
    public static readonly Gen<(AbiType[] Types, object?[] Values)> TypesAndValues =
        Type(2).Array[1, 4].SelectMany(types => Values(types).Select(values => (types, values)));
}
