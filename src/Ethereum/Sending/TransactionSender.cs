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
    /// How long a waiter tolerates a transaction the node does not show before it is reported dropped: either the
    /// node no longer knows it while the account's nonce has not passed it (evicted from the pool), or the nonce is
    /// used with neither our receipt nor a replacement in sight. Covers a node that serves the pool or the block a
    /// moment late. Default 5 s.
    /// </summary>
    public TimeSpan DroppedGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// When the node forgets a transaction whose nonce it has not used, re-broadcast the same signed bytes (up to
    /// <see cref="MaxDroppedRebroadcasts"/> times) instead of reporting <see cref="TransactionDroppedException"/>.
    /// Default false: the drop is reported and the nonce is given back for the next send.
    /// </summary>
    public bool RebroadcastDropped { get; set; }

    /// <summary>How often one wait re-broadcasts a dropped transaction when <see cref="RebroadcastDropped"/> is set. Default 3.</summary>
    public int MaxDroppedRebroadcasts { get; set; } = 3;

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
public sealed record SentTransaction(Hash32 Hash, Address From, ulong Nonce, ulong ChainId, TransactionRequest Request, ulong BlockNumberAtSend)
{
    /// <summary>The signed bytes, when known: a waiter re-broadcasts them if the node drops the transaction and
    /// <see cref="TransactionSenderOptions.RebroadcastDropped"/> is set. Public once broadcast; never logged.</summary>
    public ReadOnlyMemory<byte> SignedTransaction { get; init; }
}

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
        if (Options.MaxDroppedRebroadcasts < 0) throw new LiquidStakeArgumentException(nameof(Options.MaxDroppedRebroadcasts), "cannot be negative", "at least 0");
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
    /// <exception cref="TransactionOutcomeUnknownException">The broadcast may have reached the node; wait for
    /// <see cref="TransactionOutcomeUnknownException.Transaction"/> (a drop is detected) instead of sending again.</exception>
    /// <exception cref="TransactionNotBroadcastException">Nothing reached the node; the nonce was given back and sending again is safe.</exception>
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
        bool callerNonce = filled.Nonce is not null;
        for (int attempt = 0; ; attempt++)
        {
            NonceReservation? reservation = null;
            var attemptRequest = filled;
            if (!callerNonce)
            {
                reservation = await _nonces.ReserveAsync(chainId, from, ct => _client.GetTransactionCountAsync(from, BlockParameter.Pending, ct), cancellationToken).ConfigureAwait(false);
                attemptRequest = filled with { Nonce = reservation.Nonce };
            }
            // Disposing the reservation without a commit gives the nonce back: only for transactions that provably
            // never reached the node (refused by it, or every attempt stopped before it).
            using (reservation)
            {
                ulong nonce = attemptRequest.Nonce!.Value;
                var signed = await signer.SignTransactionAsync(UnsignedTransaction.FromRequest(attemptRequest), cancellationToken).ConfigureAwait(false);
                if (signed.From != from)
                    throw new LiquidStakeException($"The signer returned a transaction signed by {signed.From} instead of {from}.");
                try
                {
                    var hash = await _client.SendRawTransactionAsync(signed.Raw, cancellationToken).ConfigureAwait(false);
                    reservation?.Commit();
                    Log.Sent(_logger, hash, from, nonce, chainId);
                    return new SentTransaction(hash, from, nonce, chainId, attemptRequest, head) { SignedTransaction = signed.Raw };
                }
                catch (BroadcastOutcomeUnknownException ex)
                {
                    // It may be in the node's pool: the nonce stays taken until a wait shows the node dropped it.
                    reservation?.Commit();
                    var sent = new SentTransaction(ex.TransactionHash, from, nonce, chainId, attemptRequest, head) { SignedTransaction = signed.Raw };
                    throw new TransactionOutcomeUnknownException(sent, ex);
                }
                catch (RpcException ex) when (RpcErrorClassifier.IsNonceTooLow(ex.RpcMessage) && reservation is not null)
                {
                    // Another wallet used the account: our count is behind. The nonce is someone else's now; move to the
                    // node's count (keeping our in-flight nonces) and, since nothing of ours was broadcast, sign once more.
                    reservation.Commit();
                    _nonces.Resync(chainId, from);
                    if (attempt == 0) continue;
                    throw;
                }
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
    /// <exception cref="TransactionDroppedException">The node forgot the transaction before its nonce was used (the nonce
    /// is then given back to the <see cref="NonceManager"/>, unless <see cref="TransactionSenderOptions.RebroadcastDropped"/>
    /// re-broadcasts it), or the nonce was used and no replacement was found.</exception>
    /// <exception cref="ContractRevertException">The transaction was mined but reverted (reason from replaying it with eth_call at its block).</exception>
    /// <exception cref="TransactionWaitTimeoutException">Not confirmed within <see cref="TransactionSenderOptions.ReceiptTimeout"/>.</exception>
    public virtual async Task<TransactionReceipt> WaitForReceiptAsync(SentTransaction sent, int confirmations = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sent);
        if (confirmations < 1) throw new LiquidStakeArgumentException(nameof(confirmations), "must be at least 1", "at least 1");
        long started = _time.GetTimestamp();
        long? nonceUsedSince = null;
        long? unknownSince = null;
        int rebroadcasts = 0;
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
                        await Task.Delay(DropCheckInterval, _time, cancellationToken).ConfigureAwait(false);
                    }
                    continue;
                }
                // The nonce is free. Read the pool only after the nonce: a transaction mined in between is then seen
                // by one of the two reads, so "unknown" really means the node forgot it.
                if (await _client.GetTransactionByHashAsync(sent.Hash, cancellationToken).ConfigureAwait(false) is null)
                {
                    unknownSince ??= _time.GetTimestamp();
                    if (_time.GetElapsedTime(unknownSince.Value) >= Options.DroppedGracePeriod)
                    {
                        if (Options.RebroadcastDropped && !sent.SignedTransaction.IsEmpty && rebroadcasts < Options.MaxDroppedRebroadcasts)
                        {
                            rebroadcasts++;
                            Log.Rebroadcast(_logger, sent.Hash, sent.Nonce, rebroadcasts);
                            RpcException? refused = null;
                            try
                            {
                                await _client.SendRawTransactionAsync(sent.SignedTransaction, cancellationToken).ConfigureAwait(false);
                            }
                            catch (RpcException ex) when (!RpcErrorClassifier.IsNonceConflict(ex.RpcMessage))
                            {
                                refused = ex; // e.g. the account can no longer pay for it
                            }
                            catch (RpcException)
                            {
                                // The nonce got used meanwhile (ours mined, or a replacement): the next poll tells which.
                            }
                            if (refused is null)
                            {
                                unknownSince = null;
                                continue;
                            }
                            ReleaseDropped(sent);
                            throw new TransactionDroppedException(sent.Hash, sent.Nonce, nonceReleased: true, refused);
                        }
                        ReleaseDropped(sent);
                        throw new TransactionDroppedException(sent.Hash, sent.Nonce, nonceReleased: true);
                    }
                    await Task.Delay(DropCheckInterval, _time, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                unknownSince = null;
            }

            if (_time.GetElapsedTime(started) >= Options.ReceiptTimeout)
                throw new TransactionWaitTimeoutException(sent.Hash, Options.ReceiptTimeout);
            await Task.Delay(Options.PollingInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    // While a drop is suspected, poll at least once per grace period so it is concluded on time.
    private TimeSpan DropCheckInterval => Options.PollingInterval < Options.DroppedGracePeriod ? Options.PollingInterval : Options.DroppedGracePeriod;

    // Gives the nonce back so the next send fills the hole instead of queueing behind it forever.
    private void ReleaseDropped(SentTransaction sent)
    {
        _nonces.Release(sent.ChainId, sent.From, sent.Nonce);
        Log.Dropped(_logger, sent.Hash, sent.Nonce);
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

        [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Transaction {TransactionHash} (nonce {Nonce}) was dropped by the node; re-broadcasting the same bytes (time {Attempt})")]
        public static partial void Rebroadcast(ILogger logger, Hash32 transactionHash, ulong nonce, int attempt);

        [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Transaction {TransactionHash} (nonce {Nonce}) was dropped by the node; its nonce is given back")]
        public static partial void Dropped(ILogger logger, Hash32 transactionHash, ulong nonce);
    }
}
