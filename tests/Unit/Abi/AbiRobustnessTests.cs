using System.Buffers.Binary;
using CsCheck;
using LiquidStake.Ethereum.Abi;
using static LiquidStake.UnitTests.Abi.AbiTestValues;

namespace LiquidStake.UnitTests.Abi;

/// <summary>Decodes at least 100,000 random and mutated inputs: only <see cref="AbiDecodingException"/> may escape, and whatever
/// decodes must be valid values (they re-encode and decode to the same thing).</summary>
public class AbiRobustnessTests
{
    private const int Mutations = 100_000;

    [Fact]
    public void Mutated_and_random_inputs_only_ever_throw_AbiDecodingException()
    {
        // A fixed corpus of valid encodings of random types (fixed seeds: the run is reproducible).
        var corpus = new List<(AbiType[] Types, byte[] Encoded)>();
        foreach (var text in new[] { "uint256", "string", "bytes", "(address,uint256)[]", "string[]", "bytes[2]", "(uint8,(bytes,int16)[])", "uint256[][]", "int8[3]", "(bool,string[],bytes32)" })
        {
            var types = new[] { AbiType.Parse(text), AbiType.Parse("bool") };
            corpus.Add((types, AbiCodec.Encode(types, AbiGenerators.Generate(AbiGenerators.Values(types), (ulong)corpus.Count))));
        }
        var random = new Random(20260501);
        for (int i = 0; corpus.Count < 60; i++)
        {
            var sample = AbiGenerators.Generate(AbiGenerators.TypesAndValues, (ulong)i + 1000);
            var encoded = AbiCodec.Encode(sample.Types, sample.Values);
            if (encoded.Length <= 2048) corpus.Add((sample.Types, encoded));
        }

        int decoded = 0, refused = 0;
        for (int n = 0; n < Mutations; n++)
        {
            var (types, valid) = corpus[random.Next(corpus.Count)];
            var input = Mutate(valid, random);
            object?[] values;
            try
            {
                values = AbiCodec.Decode(types, input);
            }
            catch (AbiDecodingException)
            {
                refused++;
                continue;
            }
            catch (Exception e)
            {
                Assert.Fail($"{e.GetType().Name} escaped for {string.Join(",", types.Select(t => t.CanonicalName))} on {Convert.ToHexString(input)}: {e}");
                return;
            }
            decoded++;
            if ((n & 15) == 0) AssertDeepEqual(values, AbiCodec.Decode(types, AbiCodec.Encode(types, values)));
        }
        // Both outcomes must be common, or the mutations are not exercising the decoder.
        Assert.True(decoded > Mutations / 50, $"only {decoded} inputs decoded");
        Assert.True(refused > Mutations / 4, $"only {refused} inputs refused");
    }

    private static readonly uint[] InterestingSizes = [0, 1, 31, 32, 33, 64, 0x7fffffff, 0x80000000, 0xffffffff, 0xffffffe0];

    private static byte[] Mutate(byte[] valid, Random random)
    {
        var data = (byte[])valid.Clone();
        int words = data.Length / 32;
        switch (random.Next(8))
        {
            case 0: // flip random bytes
                for (int i = random.Next(1, 4); i > 0 && data.Length > 0; i--) data[random.Next(data.Length)] ^= (byte)random.Next(1, 256);
                return data;
            case 1: // truncate
                return data[..random.Next(data.Length + 1)];
            case 2: // a word becomes an interesting small or large size (offsets and lengths)
                if (words > 0)
                {
                    var word = data.AsSpan(random.Next(words) * 32, 32);
                    word.Clear();
                    uint size = random.Next(3) == 0 ? (uint)random.Next(data.Length + 64) : InterestingSizes[random.Next(InterestingSizes.Length)];
                    BinaryPrimitives.WriteUInt32BigEndian(word[28..], size);
                }
                return data;
            case 3: // a word becomes all ones (2^256-1) or gets a high bit
                if (words > 0)
                {
                    var word = data.AsSpan(random.Next(words) * 32, 32);
                    if (random.Next(2) == 0) word.Fill(0xff);
                    else word[random.Next(28)] |= 0x80;
                }
                return data;
            case 4: // duplicate or drop a word (shifts everything after it)
                if (words > 0)
                {
                    int at = random.Next(words) * 32;
                    return random.Next(2) == 0
                        ? [.. data[..at], .. data[at..(at + 32)], .. data[at..]]
                        : [.. data[..at], .. data[(at + 32)..]];
                }
                return data;
            case 5: // random junk of a similar size
                var junk = new byte[random.Next(valid.Length + 33)];
                random.NextBytes(junk);
                return junk;
            case 6: // append bytes
                return [.. data, .. new byte[random.Next(1, 40)]];
            default: // several mutations at once
                return Mutate(Mutate(data, random), random);
        }
    }
}
