using System.Numerics;
using LiquidStake.Ethereum.Contracts;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Ethereum.Transactions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiquidStake.Ethereum.Sending;

/// <summary>Settings of <see cref="TransactionSender"/>.</summary>
public sealed class TransactionSenderOptions
{
    /// <summary>The chain to sign for. When null, <see cref="EthereumRpcClientOptions.ExpectedChainId"/> is used, then the node's chain id.</summary>
    public ulong? ChainId { get; set; }

    /// <summary>Extra gas on top of <c>eth_estimateGas</c>, in percent. Default 20.</summary>
    public int GasHeadroomPercent { get; set; } = 20;

    /// <summary>How many recent blocks <c>eth_feeHistory</c> looks at. Default 5.</summary>
    public int FeeHistoryBlocks { get; set; } = 5;

    /// <summary>Reward percentile used for the priority fee. Default 50.</summary>
    public double PriorityFeePercentile { get; set; } = 50;

    /// <summary>Max fee = next base fee × this + priority fee. Default 2 (survives about six full blocks of base-fee growth).</summary>
    public int BaseFeeMultiplier { get; set; } = 2;

    /// <summary>Lowest priority fee, in wei. When recent blocks paid no tip, the node's eth_maxPriorityFeePerGas is asked first. Default 0.</summary>
    public BigInteger MinPriorityFeePerGas { get; set; } = BigInteger.Zero;

    /// <summary>Whether a failing <c>eth_call</c> stops the send before signing. Default true.</summary>
    public bool Preflight { get; set; } = true;

    /// <summary>How often the receipt waiter polls. Default 1 s.</summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the receipt waiter waits before giving up. Default 10 minutes.</summary>
    public TimeSpan ReceiptTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long the account's nonce may stay used with neither our receipt nor a replacement in sight before the
    /// transaction is reported dropped. Default 5 s.
    /// </summary>
    public TimeSpan DroppedGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many blocks back the waiter searches for a replacement transaction. Default 64.</summary>
    public int ReplacementSearchBlocks { get; set; } = 64;

    /// <summary>The clock for polling delays; null for the system clock.</summary>
    public TimeProvider? TimeProvider { get; set; }
}

/// <summary>A transaction that reached the node.</summary>
/// <param name="Hash">Its hash.</param>
/// <param name="From">The sender.</param>
/// <param name="Nonce">Its nonce.</param>
/// <param name="ChainId">The chain it was signed for.</param>
/// <param name="Request">The fully filled request (used to replay a revert).</param>
/// <param name="BlockNumberAtSend">The head block just before the broadcast (where replacement searches start).</param>
public sealed record SentTransaction(Hash32 Hash, Address From, ulong Nonce, ulong ChainId, TransactionRequest Request, ulong BlockNumberAtSend);

/// <summary>
/// Fills, checks, signs, broadcasts and follows transactions through one RPC endpoint (every step of a send uses the
/// same <see cref="EthereumRpcClient"/>, so the nonce, the estimate and the broadcast see the same node).
/// Fillers run in order (chain id, fees, gas, nonce); a field the caller already set is kept.
/// </summary>
public partial class TransactionSender
{
    private readonly EthereumRpcClient _client = null!;
    private readonly NonceManager _nonces = null!;
    private readonly ILogger _logger = NullLogger.Instance;
    private readonly TimeProvider _time = TimeProvider.System;
    private ulong? _nodeChainId;

    /// <summary>For mocking only.</summary>
    protected TransactionSender() => Options = new TransactionSenderOptions();

    /// <summary>Creates a sender over one endpoint.</summary>
    /// <param name="client">The endpoint every step uses.</param>
    /// <param name="nonceManager">Share one per process so concurrent senders stay gap-free; null creates a private one.</param>
    /// <param name="options">Settings; null for defaults.</param>
    /// <param name="logger">Logs hashes and steps, never signed bytes.</param>
    public TransactionSender(EthereumRpcClient client, NonceManager? nonceManager = null, TransactionSenderOptions? options = null, ILogger<TransactionSender>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _nonces = nonceManager ?? new NonceManager();
        Options = options ?? new TransactionSenderOptions();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = Options.TimeProvider ?? TimeProvider.System;
        if (Options.GasHeadroomPercent < 0) throw new LiquidStakeArgumentException(nameof(Options.GasHeadroomPercent), "cannot be negative", "at least 0");
        if (Options.BaseFeeMultiplier < 1) throw new LiquidStakeArgumentException(nameof(Options.BaseFeeMultiplier), "must be at least 1", "at least 1");
    }

    /// <summary>The settings.</summary>
    public TransactionSenderOptions Options { get; }

    /// <summary>The nonce manager used for sends.</summary>
    public NonceManager NonceManager => _nonces;

    /// <summary>
    /// Fills every missing field for <paramref name="from"/> without signing, for an external signer (hardware wallet,
    /// custodian). The nonce, when missing, is the node's pending nonce (not reserved).
    /// </summary>
    public virtual async Task<TransactionRequest> PrepareAsync(TransactionRequest request, Address from, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var filled = await FillWithoutNonceAsync(request with { From = from }, cancellationToken).ConfigureAwait(false);
        if (filled.Nonce is null)
            filled = filled with { Nonce = await _client.GetTransactionCountAsync(from, BlockParameter.Pending, cancellationToken).ConfigureAwait(false) };
        return filled;
    }

    /// <summary>
    /// Fills, preflights (<c>eth_call</c>; a revert throws and nothing is signed), signs with <paramref name="signer"/> and broadcasts.
    /// </summary>
    /// <exception cref="ChainIdMismatchException">The node serves another chain.</exception>
    /// <exception cref="ContractRevertException">The preflight or the gas estimate reverted.</exception>
    public virtual async Task<SentTransaction> SendAsync(TransactionRequest request, ISigner signer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(signer);
        var from = signer.Address;
        if (request.From is { } declared && declared != from)
            throw new LiquidStakeArgumentException(nameof(request.From), $"is {declared} but the signer signs for {from}");

        var filled = await FillWithoutNonceAsync(request with { From = from }, cancellationToken).ConfigureAwait(false);
        ulong chainId = filled.ChainId!.Value;

        ulong head = await _client.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
        NonceReservation? reservation = null;
        if (filled.Nonce is null)
        {
            reservation = await _nonces.ReserveAsync(chainId, from, ct => _client.GetTransactionCountAsync(from, BlockParameter.Pending, ct), cancellationToken).ConfigureAwait(false);
            filled = filled with { Nonce = reservation.Nonce };
        }
        using (reservation)
        {
            var unsigned = UnsignedTransaction.FromRequest(filled);
            var signed = await signer.SignTransactionAsync(unsigned, cancellationToken).ConfigureAwait(false);
            if (signed.From != from)
                throw new LiquidStakeException($"The signer returned a transaction signed by {signed.From} instead of {from}.");
            try
            {
                var hash = await _client.SendRawTransactionAsync(signed.Raw, cancellationToken).ConfigureAwait(false);
                reservation?.Commit();
                Log.Sent(_logger, hash, from, filled.Nonce!.Value, chainId);
                return new SentTransaction(hash, from, filled.Nonce!.Value, chainId, filled, head);
            }
            catch (RpcException ex) when (ex.RpcMessage is { } message && message.Contains("nonce", StringComparison.OrdinalIgnoreCase))
            {
                // Our count is out of step with the node (another wallet used the account): ask the node next time.
                reservation?.Commit();
                _nonces.Reset(chainId, from);
                throw;
            }
            catch (RpcTransportException)
            {
                // Outcome unknown even after checking the hash: do not reuse the nonce blindly, re-read it from the node.
                reservation?.Commit();
                _nonces.Reset(chainId, from);
                throw;
            }
        }
    }

    /// <summary>Sends and waits for <paramref name="confirmations"/> confirmations.</summary>
    public virtual async Task<TransactionReceipt> SendAndWaitAsync(TransactionRequest request, ISigner signer, int confirmations = 1, CancellationToken cancellationToken = default)
    {
        var sent = await SendAsync(request, signer, cancellationToken).ConfigureAwait(false);
        return await WaitForReceiptAsync(sent, confirmations, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TransactionRequest> FillWithoutNonceAsync(TransactionRequest request, CancellationToken cancellationToken)
    {
        var filled = await FillChainIdAsync(request, cancellationToken).ConfigureAwait(false);
        if (Options.Preflight) await PreflightAsync(filled, cancellationToken).ConfigureAwait(false);
        filled = await FillFeesAsync(filled, cancellationToken).ConfigureAwait(false);
        filled = await FillGasAsync(filled, cancellationToken).ConfigureAwait(false);
        return filled;
    }

    /// <summary>Sets the chain id and refuses when the node serves another chain.</summary>
    /// <exception cref="ChainIdMismatchException">The node's <c>eth_chainId</c> differs from the configured or requested chain id.</exception>
    protected virtual async Task<TransactionRequest> FillChainIdAsync(TransactionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ulong node = _nodeChainId ??= await _client.GetChainIdAsync(cancellationToken).ConfigureAwait(false);
        ulong? configured = Options.ChainId ?? _client.Options.ExpectedChainId;
        if (configured is { } c && c != node) throw new ChainIdMismatchException(c, node);
        if (request.ChainId is { } r && r != node) throw new ChainIdMismatchException(r, node);
        return request with { ChainId = node };
    }

    /// <summary>Runs the request as <c>eth_call</c>; a revert throws <see cref="ContractRevertException"/> before anything is signed.</summary>
    protected virtual Task PreflightAsync(TransactionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _client.CallAsync(CallShape(request), BlockParameter.Latest, null, cancellationToken);
    }

    /// <summary>Sets EIP-1559 fees from <c>eth_feeHistory</c> (next base fee × multiplier + priority fee), or a legacy gas price on chains without a base fee.</summary>
    protected virtual async Task<TransactionRequest> FillFeesAsync(TransactionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.GasPrice is not null) return request;
        if (request.MaxFeePerGas is not null && request.MaxPriorityFeePerGas is not null) return request;
        bool wantsLegacy = request.Type is 0 or 1;

        var history = await _client.GetFeeHistoryAsync(Math.Max(1, Options.FeeHistoryBlocks), BlockParameter.Latest, [Options.PriorityFeePercentile], cancellationToken).ConfigureAwait(false);
        var nextBaseFee = history.BaseFeePerGas.Count > 0 ? history.BaseFeePerGas[^1] : BigInteger.Zero;
        if (wantsLegacy || nextBaseFee.IsZero && history.BaseFeePerGas.All(b => b.IsZero))
        {
            if (request.MaxFeePerGas is not null || request.MaxPriorityFeePerGas is not null)
                throw new LiquidStakeArgumentException(nameof(request.MaxFeePerGas), "the chain has no base fee (or a legacy type was asked), so EIP-1559 fees cannot be used");
            return request with { GasPrice = await _client.GetGasPriceAsync(cancellationToken).ConfigureAwait(false) };
        }

        BigInteger priority = request.MaxPriorityFeePerGas ?? await SuggestPriorityFeeAsync(history, cancellationToken).ConfigureAwait(false);
        BigInteger maxFee = request.MaxFeePerGas ?? (nextBaseFee * Options.BaseFeeMultiplier) + priority;
        if (priority > maxFee) priority = maxFee;
        return request with { MaxFeePerGas = maxFee, MaxPriorityFeePerGas = priority };
    }

    private async Task<BigInteger> SuggestPriorityFeeAsync(FeeHistory history, CancellationToken cancellationToken)
    {
        var rewards = history.Reward.Where(r => r.Count > 0).Select(r => r[0]).Order().ToArray();
        BigInteger priority = rewards.Length == 0 ? BigInteger.Zero : rewards[rewards.Length / 2];
        if (priority.IsZero)
        {
            try
            {
                priority = await _client.GetMaxPriorityFeePerGasAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException)
            {
                // Not every node implements eth_maxPriorityFeePerGas; the configured minimum applies.
            }
        }
        return BigInteger.Max(priority, Options.MinPriorityFeePerGas);
    }

    /// <summary>Sets the gas limit from <c>eth_estimateGas</c> plus the configured headroom.</summary>
    protected virtual async Task<TransactionRequest> FillGasAsync(TransactionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Gas is not null) return request;
        ulong estimate = await _client.EstimateGasAsync(CallShape(request), default, null, cancellationToken).ConfigureAwait(false);
        ulong withHeadroom = checked(estimate + (estimate * (ulong)Options.GasHeadroomPercent / 100));
        return request with { Gas = withHeadroom };
    }

    private static TransactionRequest CallShape(TransactionRequest request) =>
        new() { From = request.From, To = request.To, Value = request.Value, Data = request.Data, Gas = request.Gas, AccessList = request.AccessList };

    // ---------------------------------------------------------------- waiting

    /// <summary>
    /// Polls for the receipt until it has <paramref name="confirmations"/> confirmations (1 = mined), re-checking at that depth
    /// that the receipt's block is still canonical (a reorg restarts the wait). Never returns another transaction's receipt.
    /// </summary>
    /// <exception cref="TransactionReplacedException">Another transaction with the same nonce was mined.</exception>
    /// <exception cref="TransactionDroppedException">The nonce was used and no replacement was found.</exception>
    /// <exception cref="ContractRevertException">The transaction was mined but reverted (reason from replaying it with eth_call at its block).</exception>
    /// <exception cref="TransactionWaitTimeoutException">Not confirmed within <see cref="TransactionSenderOptions.ReceiptTimeout"/>.</exception>
    public virtual async Task<TransactionReceipt> WaitForReceiptAsync(SentTransaction sent, int confirmations = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sent);
        if (confirmations < 1) throw new LiquidStakeArgumentException(nameof(confirmations), "must be at least 1", "at least 1");
        long started = _time.GetTimestamp();
        long? nonceUsedSince = null;
        while (true)
        {
            var receipt = await _client.GetTransactionReceiptAsync(sent.Hash, cancellationToken).ConfigureAwait(false);
            if (receipt is not null)
            {
                ulong head = await _client.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
                if (head + 1 >= receipt.BlockNumber + (ulong)confirmations)
                {
                    if (confirmations == 1 || await IsStillCanonicalAsync(receipt, cancellationToken).ConfigureAwait(false))
                        return await CheckStatusAsync(sent, receipt, cancellationToken).ConfigureAwait(false);
                    Log.Reorged(_logger, sent.Hash, receipt.BlockNumber);
                }
            }
            else
            {
                ulong minedNonce = await _client.GetTransactionCountAsync(sent.From, BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
                if (minedNonce > sent.Nonce)
                {
                    // The nonce is used. Look once more for our own receipt (it may have just been mined) before blaming another transaction.
                    var late = await _client.GetTransactionReceiptAsync(sent.Hash, cancellationToken).ConfigureAwait(false);
                    if (late is null)
                    {
                        // A replacement is certain the moment it is seen. "Dropped" is only concluded after a grace period:
                        // a node may advance the account's nonce a moment before it serves the block and receipt.
                        await ThrowIfReplacedAsync(sent, cancellationToken).ConfigureAwait(false);
                        nonceUsedSince ??= _time.GetTimestamp();
                        if (_time.GetElapsedTime(nonceUsedSince.Value) >= Options.DroppedGracePeriod)
                            throw new TransactionDroppedException(sent.Hash, sent.Nonce);
                        await Task.Delay(Options.PollingInterval < Options.DroppedGracePeriod ? Options.PollingInterval : Options.DroppedGracePeriod, _time, cancellationToken).ConfigureAwait(false);
                    }
                    continue;
                }
            }

            if (_time.GetElapsedTime(started) >= Options.ReceiptTimeout)
                throw new TransactionWaitTimeoutException(sent.Hash, Options.ReceiptTimeout);
            await Task.Delay(Options.PollingInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> IsStillCanonicalAsync(TransactionReceipt receipt, CancellationToken cancellationToken)
    {
        var block = await _client.GetBlockByNumberAsync(receipt.BlockNumber, cancellationToken).ConfigureAwait(false);
        if (block is null || block.Hash != receipt.BlockHash) return false;
        var again = await _client.GetTransactionReceiptAsync(receipt.TransactionHash, cancellationToken).ConfigureAwait(false);
        return again is not null && again.BlockHash == receipt.BlockHash;
    }

    private async Task<TransactionReceipt> CheckStatusAsync(SentTransaction sent, TransactionReceipt receipt, CancellationToken cancellationToken)
    {
        if (receipt.Succeeded) return receipt;
        // Replay at the receipt's block to learn the reason (state at the end of that block; usually the same revert).
        try
        {
            await _client.CallAsync(CallShape(sent.Request), receipt.BlockNumber, null, cancellationToken).ConfigureAwait(false);
        }
        catch (ContractRevertException revert)
        {
            throw new ContractRevertException($"Transaction {sent.Hash} reverted in block {receipt.BlockNumber}. {revert.Message}", revert.RevertData, revert.ErrorName, revert.ErrorArguments, revert);
        }
        throw new ContractRevertException($"Transaction {sent.Hash} reverted in block {receipt.BlockNumber}; replaying it did not reproduce the revert, so the reason is unknown.", [], null, null);
    }

    private async Task ThrowIfReplacedAsync(SentTransaction sent, CancellationToken cancellationToken)
    {
        ulong head = await _client.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
        ulong lowest = head > (ulong)Options.ReplacementSearchBlocks ? head - (ulong)Options.ReplacementSearchBlocks : 0;
        lowest = Math.Max(lowest, sent.BlockNumberAtSend);
        for (ulong number = head; ; number--)
        {
            var block = await _client.GetBlockByNumberAsync(number, cancellationToken).ConfigureAwait(false);
            if (block is not null)
            {
                foreach (var hash in block.TransactionHashes)
                {
                    if (hash == sent.Hash) return; // our own transaction after all: the caller polls again
                    var tx = await _client.GetTransactionByHashAsync(hash, cancellationToken).ConfigureAwait(false);
                    if (tx is not null && tx.From == sent.From && tx.Nonce == sent.Nonce)
                    {
                        var replacementReceipt = await _client.GetTransactionReceiptAsync(hash, cancellationToken).ConfigureAwait(false);
                        throw new TransactionReplacedException(sent.Hash, hash, sent.Nonce, replacementReceipt);
                    }
                }
            }
            if (number == lowest) break;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Sent transaction {TransactionHash} from {From} nonce {Nonce} on chain {ChainId}")]
        public static partial void Sent(ILogger logger, Hash32 transactionHash, Address from, ulong nonce, ulong chainId);

        [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Receipt of {TransactionHash} in block {BlockNumber} is no longer canonical; waiting again")]
        public static partial void Reorged(ILogger logger, Hash32 transactionHash, ulong blockNumber);
    }
}
