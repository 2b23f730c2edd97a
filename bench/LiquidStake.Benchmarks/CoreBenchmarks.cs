using BenchmarkDotNet.Attributes;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Abi;
using LiquidStake.Ethereum.Crypto;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Ethereum.Transactions;

namespace LiquidStake.Benchmarks;

/// <summary>The core's hot paths, with the same inputs as bench/peer/viem-bench.mjs (row names match).</summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet calls GlobalCleanup, which disposes the signer.")]
public class CoreBenchmarks
{
    private static readonly AbiType[] QueueWithdrawalsType = [AbiType.Parse("(address[],uint256[],address)[]")];
    private static readonly AbiType[] Aggregate3Input = [AbiType.Parse("(address,bool,bytes)[]")];
    private static readonly AbiType[] Aggregate3Output = [AbiType.Parse("(bool,bytes)[]")];
    private static readonly AbiType[] AddressType = [AbiType.Parse("address")];
    private static readonly AbiType[] Uint256Type = [AbiType.Parse("uint256")];
    private static readonly byte[] Aggregate3Selector = AbiSignature.Selector("aggregate3((address,bool,bytes)[])");
    private static readonly byte[] BalanceOfSelector = AbiSignature.Selector("balanceOf(address)");

    private object?[] _queueWithdrawalsArgs = null!;
    private byte[] _queueWithdrawalsEncoded = null!;
    private object?[] _aggregate3Args = null!;
    private byte[] _resultsEncoded = null!;
    private byte[] _keccakInput = null!;
    private PrivateKeySigner _signer = null!;
    private UnsignedTransaction _transaction = null!;
    private Hash32 _signingHash;
    private Signature _signature;

    [GlobalSetup]
    public void Setup()
    {
        var w = Workloads.Load();
        _queueWithdrawalsArgs = [w.QueueWithdrawalsParams];
        _queueWithdrawalsEncoded = AbiCodec.Encode(QueueWithdrawalsType, _queueWithdrawalsArgs);
        var calls = w.Holders.Select(h => (object?)new object?[] { w.Token, true, AbiCodec.EncodeCall(BalanceOfSelector, AddressType, [h]) }).ToArray();
        _aggregate3Args = [calls];
        var results = Enumerable.Range(0, 100).Select(i => (object?)new object?[] { true, AbiCodec.Encode(Uint256Type, [System.Numerics.BigInteger.Pow(10, 18) + i]) }).ToArray();
        _resultsEncoded = AbiCodec.Encode(Aggregate3Output, [results]);
        _keccakInput = w.KeccakInput;
        _signer = new PrivateKeySigner(w.PrivateKey);
        _transaction = w.Transaction;
        _signingHash = TransactionCodec.ComputeSigningHash(_transaction);
        _signature = _signer.SignHash(_signingHash);
    }

    [GlobalCleanup]
    public void Cleanup() => _signer.Dispose();

    [Benchmark(Description = "abi-encode queueWithdrawals")]
    public byte[] EncodeQueueWithdrawals() => AbiCodec.Encode(QueueWithdrawalsType, _queueWithdrawalsArgs);

    [Benchmark(Description = "abi-decode queueWithdrawals")]
    public object?[] DecodeQueueWithdrawals() => AbiCodec.Decode(QueueWithdrawalsType, _queueWithdrawalsEncoded);

    [Benchmark(Description = "abi-encode aggregate3 (100 calls)")]
    public byte[] EncodeAggregate3() => AbiCodec.EncodeCall(Aggregate3Selector, Aggregate3Input, _aggregate3Args);

    [Benchmark(Description = "abi-decode aggregate3 results (100)")]
    public object?[] DecodeAggregate3Results() => AbiCodec.Decode(Aggregate3Output, _resultsEncoded);

    [Benchmark(Description = "keccak256 1 KiB")]
    public Hash32 Keccak1KiB() => Keccak256.ComputeHash32(_keccakInput);

    [Benchmark(Description = "sign EIP-1559 tx")]
    public SignedTransaction SignTransaction() => _signer.SignTransaction(_transaction);

    [Benchmark(Description = "recover signer")]
    public Address RecoverSigner() => Secp256k1.Recover(_signingHash, _signature);
}
