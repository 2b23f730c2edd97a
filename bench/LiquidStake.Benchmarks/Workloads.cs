using System.Numerics;
using System.Text.Json;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Transactions;

namespace LiquidStake.Benchmarks;

/// <summary>The benchmark inputs, read from bench/peer/workloads.json so that viem times the same bytes.</summary>
internal sealed class Workloads
{
    public required object?[] QueueWithdrawalsParams { get; init; }
    public required Address[] Holders { get; init; }
    public required Address Token { get; init; }
    public required byte[] KeccakInput { get; init; }
    public required byte[] PrivateKey { get; init; }
    public required UnsignedTransaction Transaction { get; init; }

    public static Workloads Load()
    {
        var path = FindWorkloadsFile();
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        var qw = root.GetProperty("queueWithdrawals").EnumerateArray().Select(p => (object?)new object?[]
        {
            p.GetProperty("strategies").EnumerateArray().Select(s => (object?)Address.Parse(s.GetString()!)).ToArray(),
            p.GetProperty("depositShares").EnumerateArray().Select(s => (object?)BigInteger.Parse(s.GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
            Address.Parse(p.GetProperty("withdrawer").GetString()!),
        }).ToArray();
        var tx = root.GetProperty("tx");
        return new Workloads
        {
            QueueWithdrawalsParams = qw,
            Holders = root.GetProperty("holders").EnumerateArray().Select(h => Address.Parse(h.GetString()!)).ToArray(),
            Token = Address.Parse(root.GetProperty("token").GetString()!),
            KeccakInput = Hex.Decode(root.GetProperty("keccakInputHex").GetString()!),
            PrivateKey = Hex.Decode(root.GetProperty("privateKey").GetString()!),
            Transaction = new UnsignedTransaction
            {
                Type = TransactionType.DynamicFee,
                ChainId = tx.GetProperty("chainId").GetUInt64(),
                Nonce = tx.GetProperty("nonce").GetUInt64(),
                To = Address.Parse(tx.GetProperty("to").GetString()!),
                Value = BigInteger.Parse(tx.GetProperty("value").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                Gas = ulong.Parse(tx.GetProperty("gas").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                MaxFeePerGas = BigInteger.Parse(tx.GetProperty("maxFeePerGas").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                MaxPriorityFeePerGas = BigInteger.Parse(tx.GetProperty("maxPriorityFeePerGas").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                Data = Hex.Decode(tx.GetProperty("data").GetString()!),
            },
        };
    }

    private static string FindWorkloadsFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "bench", "peer", "workloads.json");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("bench/peer/workloads.json not found above " + AppContext.BaseDirectory + "; run `node bench/peer/workloads.mjs`.");
    }
}
