using LiquidStake.Ethereum.Abi;
using LiquidStake.Ethereum.Contracts;
using LiquidStake.Ethereum.Multicall;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Sending;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiquidStake.Sdk;

/// <summary>Tries to turn revert data into a contract's named error; returns null when the data is not one of its errors.</summary>
/// <param name="revertData">The raw revert data.</param>
public delegate ContractRevertException? RevertDataDecoder(ReadOnlySpan<byte> revertData);

/// <summary>
/// What every protocol client shares: one RPC endpoint, the sender that signs and broadcasts through it, Multicall3
/// for batched reads, the network profile, the clock and logging. Immutable and thread-safe; build it once and share it.
/// </summary>
public sealed class LiquidStakeContext
{
    private readonly RevertDataDecoder[] _revertDecoders;

    /// <summary>Creates a context.</summary>
    /// <param name="rpc">The endpoint every read and send goes through.</param>
    /// <param name="network">Where the protocols live; its chain id is checked against the endpoint before signing.</param>
    /// <param name="sender">The sending pipeline; null builds one over <paramref name="rpc"/>.</param>
    /// <param name="multicall">Batched reads; null builds one over <paramref name="rpc"/>.</param>
    /// <param name="timeProvider">The clock; null for the system clock.</param>
    /// <param name="loggerFactory">Logging; null for none.</param>
    /// <param name="revertDecoders">Extra decoders for custom errors (generated wrappers' <c>TryDecodeError</c>).</param>
    public LiquidStakeContext(
        EthereumRpcClient rpc,
        NetworkProfile network,
        TransactionSender? sender = null,
        Multicall3Client? multicall = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        IEnumerable<RevertDataDecoder>? revertDecoders = null)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        ArgumentNullException.ThrowIfNull(network);
        Rpc = rpc;
        Network = network;
        TimeProvider = timeProvider ?? TimeProvider.System;
        LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        Sender = sender ?? new TransactionSender(rpc, options: new TransactionSenderOptions { ChainId = network.ChainId, TimeProvider = TimeProvider }, logger: LoggerFactory.CreateLogger<TransactionSender>());
        Multicall = multicall ?? new Multicall3Client(rpc, new Multicall3Options { ContractAddress = network.Multicall3, SendChunksAsOneBatch = true });
        _revertDecoders = revertDecoders?.ToArray() ?? [];
    }

    /// <summary>The RPC endpoint.</summary>
    public EthereumRpcClient Rpc { get; }

    /// <summary>Where the protocols live.</summary>
    public NetworkProfile Network { get; }

    /// <summary>The sending pipeline (fillers, preflight, signing, broadcast, receipts).</summary>
    public TransactionSender Sender { get; }

    /// <summary>Batched reads.</summary>
    public Multicall3Client Multicall { get; }

    /// <summary>The clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Logging.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>A copy that also knows these custom-error decoders.</summary>
    public LiquidStakeContext WithRevertDecoders(params RevertDataDecoder[] decoders) =>
        new(Rpc, Network, Sender, Multicall, TimeProvider, LoggerFactory, _revertDecoders.Concat(decoders));

    /// <summary>Decodes revert data into the most specific exception: a contract's named error when a decoder knows it, else Error(string)/Panic/unknown.</summary>
    public ContractRevertException DecodeRevert(ReadOnlySpan<byte> revertData, Exception? innerException = null)
    {
        foreach (var decoder in _revertDecoders)
        {
            var decoded = decoder(revertData);
            if (decoded is not null) return decoded;
        }
        return RevertDecoder.ToException(revertData, null, innerException);
    }

    /// <summary>
    /// True when <paramref name="account"/> is a contract (a smart-contract wallet such as a Safe): it cannot produce the
    /// ECDSA signature an EIP-2612 permit needs, so approvals are used instead. EIP-7702-delegated EOAs count as EOAs.
    /// </summary>
    public async Task<bool> IsContractAccountAsync(Ethereum.Address account, CancellationToken cancellationToken = default)
    {
        var code = await Rpc.GetCodeAsync(account, BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
        // An EIP-7702 delegation designator (0xef0100 followed by an address) marks an EOA that still signs with its own key.
        bool delegatedEoa = code.Length == 23 && code[0] == 0xef && code[1] == 0x01 && code[2] == 0x00;
        return code.Length > 0 && !delegatedEoa;
    }

    /// <summary>Throws <see cref="WrongChainException"/> unless the endpoint serves the profile's chain.</summary>
    public async Task EnsureChainAsync(CancellationToken cancellationToken = default)
    {
        var actual = await Rpc.GetChainIdAsync(cancellationToken).ConfigureAwait(false);
        if (actual != Network.ChainId) throw new WrongChainException(Network.ChainId, actual);
    }
}
