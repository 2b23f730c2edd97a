using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rlp;
using LiquidStake.Ethereum.Transactions;

namespace LiquidStake.UnitTests.Transactions;

/// <summary>Random and mutated inputs: only the documented EthereumFormatException family may escape the decoders.</summary>
public class DecoderRobustnessTests
{
    private static byte[] Mutate(Random random, byte[] source)
    {
        var bytes = source.ToArray();
        switch (random.Next(5))
        {
            case 0:
                for (int i = random.Next(1, 4); i > 0; i--) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                return bytes;
            case 1:
                return bytes[..random.Next(bytes.Length)];
            case 2:
                return [.. bytes, .. Enumerable.Range(0, random.Next(1, 4)).Select(_ => (byte)random.Next(256))];
            case 3:
                int at = random.Next(bytes.Length);
                bytes[at] = (byte)(bytes[at] ^ (1 << random.Next(8)));
                return bytes;
            default:
                int start = random.Next(bytes.Length);
                return [.. bytes[..start], .. bytes[Math.Min(bytes.Length, start + random.Next(1, 8))..]];
        }
    }

    private static int Run(Action action)
    {
        try
        {
            action();
            return 1;
        }
        catch (EthereumFormatException)
        {
            return 0;
        }
    }

    [Fact]
    public void Rlp_decoder_only_throws_RlpException_on_85k_inputs()
    {
        var random = new Random(20240601);
        var seeds = CryptoVectors.Items("rlp").Select(v => v.Bytes("encoded")).Where(b => b.Length > 0).ToArray();
        int accepted = 0;
        for (int i = 0; i < 85_000; i++)
        {
            byte[] input = i % 3 == 0 ? Enumerable.Range(0, random.Next(0, 40)).Select(_ => (byte)random.Next(256)).ToArray() : Mutate(random, seeds[random.Next(seeds.Length)]);
            try
            {
                var item = RlpCodec.Decode(input);
                Assert.Equal(input, RlpCodec.Encode(item)); // anything accepted is canonical
                accepted++;
            }
            catch (RlpException)
            {
            }
        }
        Assert.InRange(accepted, 1, 84_999);
    }

    [Fact]
    public void Transaction_decoder_only_throws_format_exceptions_on_15k_inputs()
    {
        var random = new Random(7);
        var seeds = CryptoVectors.Items("transactions").Select(v => v.Bytes("raw")).ToArray();
        int accepted = 0;
        for (int i = 0; i < 15_000; i++)
        {
            var input = i % 5 == 0 ? [(byte)random.Next(4), .. Enumerable.Range(0, random.Next(0, 60)).Select(_ => (byte)random.Next(256))] : Mutate(random, seeds[random.Next(seeds.Length)]);
            accepted += Run(() =>
            {
                var decoded = TransactionCodec.Decode(input);
                Assert.Equal(input, TransactionCodec.EncodeSigned(decoded.Transaction, decoded.Signature));
            });
        }
        Assert.InRange(accepted, 1, 14_999);
    }

    [Fact]
    public void Blob_and_set_code_decoder_only_throws_format_exceptions_on_6k_inputs()
    {
        var random = new Random(4844);
        var seeds = CryptoVectors.Items("blobTransactions").Concat(CryptoVectors.Items("setCodeTransactions")).Select(v => v.Bytes("raw")).ToArray();
        int accepted = 0;
        for (int i = 0; i < 6_000; i++)
        {
            var input = i % 5 == 0 ? [(byte)random.Next(3, 5), .. Enumerable.Range(0, random.Next(0, 60)).Select(_ => (byte)random.Next(256))] : Mutate(random, seeds[random.Next(seeds.Length)]);
            accepted += Run(() =>
            {
                var decoded = TransactionCodec.Decode(input);
                Assert.Equal(input, TransactionCodec.EncodeSigned(decoded.Transaction, decoded.Signature));
            });
        }
        Assert.InRange(accepted, 1, 5_999);
    }
}
