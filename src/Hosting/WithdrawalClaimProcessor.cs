using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Contracts;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Sending;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Ethereum.Transactions;
using LiquidStake.Sdk.Withdrawals;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiquidStake.Sdk.Hosting;

/// <summary>
/// One round of the withdrawal worker: sync new requests, refresh statuses, check recent claims and requests for reorgs,
/// recover pending claims, and claim what is claimable. Each claim is signed, recorded in the ledger under the request's
/// lease, and only then broadcast, so a crash at any point is finished by the next round without a second claim.
/// </summary>
public partial class WithdrawalClaimProcessor
{
    private readonly IDurableWithdrawalLedger _ledger;
    private readonly IReadOnlyList<IStakingProvider> _providers;
    private readonly EthereumRpcClient _rpc;
    private readonly TransactionSender _sender;
    private readonly IReadOnlyList<IWithdrawalClaimObserver> _observers;
    private readonly WithdrawalWorkerTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly WithdrawalWorkerOptions _options;
    private long _lastRoundTimestamp;
    private ulong _lastHead;

    /// <summary>Creates a processor.</summary>
    public WithdrawalClaimProcessor(
        IDurableWithdrawalLedger ledger,
        IEnumerable<IStakingProvider> providers,
        EthereumRpcClient rpc,
        TransactionSender sender,
        IOptions<WithdrawalWorkerOptions> options,
        WithdrawalWorkerTelemetry telemetry,
        IEnumerable<IWithdrawalClaimObserver>? observers = null,
        TimeProvider? timeProvider = null,
        ILogger<WithdrawalClaimProcessor>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(providers);
        ArgumentNullException.ThrowIfNull(rpc);
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(telemetry);
        _ledger = ledger;
        _providers = providers.ToArray();
        _rpc = rpc;
        _sender = sender;
        _options = options.Value;
        _telemetry = telemetry;
        _observers = observers?.ToArray() ?? [];
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Raised after each completed round, with its report (after the ledger recorded everything the round did).</summary>
    public event EventHandler<WithdrawalRoundReport>? RoundCompleted;

    /// <summary>The ledger the worker writes.</summary>
    public IDurableWithdrawalLedger Ledger => _ledger;

    /// <summary>When the last round completed (null before the first).</summary>
    public DateTimeOffset? LastRoundCompletedAt => Interlocked.Read(ref _lastRoundTimestamp) is var t && t == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(t);

    /// <summary>The chain head the last completed round saw.</summary>
    public ulong LastHead => Interlocked.Read(ref _lastHead);

    /// <summary>Runs one round.</summary>
    public virtual async Task<WithdrawalRoundReport> RunRoundAsync(CancellationToken cancellationToken = default)
    {
        ulong head = await _rpc.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
        ulong reorgFloor = head > (ulong)_options.ReorgDepth ? head - (ulong)_options.ReorgDepth : 0;

        // One listing of every owner (configured accounts and those already in the ledger) serves the whole round:
        // finding new requests, re-checking known ones and choosing claims, in a few batched reads for all owners.
        var owners = (await _ledger.ListOwnersAsync(cancellationToken).ConfigureAwait(false)).Concat(_options.Accounts).Distinct().ToArray();
        var listing = await WithdrawalListing.ReadAsync(_providers, owners, head, _logger, cancellationToken).ConfigureAwait(false);
        // New requests are recorded for the configured accounts only (all owners in the ledger when none are configured).
        var toSync = _options.Accounts.Count > 0 ? listing.For(_options.Accounts) : listing;
        int added = (await _ledger.SyncAsync(toSync, cancellationToken).ConfigureAwait(false)).Count;

        int reorged = await CheckClaimsForReorgsAsync(reorgFloor, cancellationToken).ConfigureAwait(false);
        reorged += await ConfirmRequestsAsync(reorgFloor, cancellationToken).ConfigureAwait(false);
        // A reorg just reset entries: re-read them rather than trusting a listing taken before the reset.
        var report = reorged == 0
            ? await _ledger.RecheckAsync(listing, cancellationToken).ConfigureAwait(false)
            : await _ledger.RecheckAsync(cancellationToken).ConfigureAwait(false);

        int claimed = 0, recovered = 0, failures = 0;
        if (_options.AutoClaim && _options.Signers.Count > 0)
            (claimed, recovered, failures) = await ClaimAsync(head, reorged == 0 ? listing : null, cancellationToken).ConfigureAwait(false);

        var stats = await _ledger.GetStatisticsAsync(cancellationToken).ConfigureAwait(false);
        _telemetry.SetCounts(new(stats.Pending, stats.Claimable, stats.Claimed, stats.Dropped, stats.PendingClaims));
        Interlocked.Exchange(ref _lastHead, head);
        Interlocked.Exchange(ref _lastRoundTimestamp, _time.GetUtcNow().ToUnixTimeMilliseconds());
        var result = new WithdrawalRoundReport(head, added, report.Changed.Count, claimed, recovered, reorged, failures);
        Log.Round(_logger, head, added, report.Changed.Count, claimed, recovered, reorged, failures);
        RoundCompleted?.Invoke(this, result);
        return result;
    }

    private async Task<(int Claimed, int Recovered, int Failures)> ClaimAsync(ulong head, WithdrawalListing? listing, CancellationToken cancellationToken)
    {
        var leased = await _ledger.LeaseClaimsAsync(_options.WorkerId, _options.LeaseDuration, _options.MaxClaimsPerRound, _options.Signers.Keys.ToArray(), cancellationToken).ConfigureAwait(false);
        if (leased.Count == 0) return (0, 0, 0);
        int claimed = 0, recovered = 0, failures = 0;

        // First finish what a previous run left signed: never sign anew for a request with a pending claim.
        foreach (var group in leased.Where(e => e.PendingClaim is not null).GroupBy(e => e.PendingClaim!.Hash))
        {
            var entries = group.ToArray();
            try
            {
                claimed += await RecoverAsync(entries, cancellationToken).ConfigureAwait(false);
                recovered++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failures++;
                Fail(entries, ex);
            }
        }

        var fresh = leased.Where(e => e.PendingClaim is null).ToArray();
        var (reads, _) = await WithdrawalLedgerChecks.ReadAsync(_providers, fresh, _logger, cancellationToken, listing).ConfigureAwait(false);
        var claimable = reads.Where(r => r.Found is { Status: WithdrawalStatus.Claimable }).ToArray();
        var notReady = fresh.Where(e => !claimable.Any(r => r.Entry.Id == e.Id)).Select(e => e.Id).ToArray();
        await _ledger.ReleaseAsync(_options.WorkerId, notReady, cancellationToken).ConfigureAwait(false);

        foreach (var group in claimable.GroupBy(r => (r.Entry.Owner, r.Entry.Protocol)))
        {
            foreach (var batch in group.Chunk(Math.Max(1, _options.MaxRequestsPerTransaction)))
            {
                try
                {
                    claimed += await ClaimBatchAsync(group.Key.Owner, group.Key.Protocol, batch, head, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    failures++;
                    Fail(batch.Select(b => b.Entry).ToArray(), ex);
                    await ReleaseQuietlyAsync(batch.Select(b => b.Entry.Id).ToArray()).ConfigureAwait(false);
                }
            }
        }
        return (claimed, recovered, failures);
    }

    private async Task<int> ClaimBatchAsync(Address owner, ProtocolId protocol, LedgerEntryRead[] batch, ulong head, CancellationToken cancellationToken)
    {
        var signer = _options.Signers[owner];
        var provider = _providers.First(p => p.Id == protocol);
        var ids = batch.Select(b => b.Entry.Id).ToArray();
        var plan = await provider.PrepareClaimAsync(owner, ids, cancellationToken).ConfigureAwait(false);
        if (plan.Steps.Count != 1)
            throw new LiquidStakeException($"The {protocol} claim plan has {plan.Steps.Count} steps; a claim is one transaction.");

        ulong chainId = _sender.Options.ChainId ?? await _rpc.GetChainIdAsync(cancellationToken).ConfigureAwait(false);
        using var reservation = await _sender.NonceManager.ReserveAsync(chainId, owner, ct => _rpc.GetTransactionCountAsync(owner, BlockParameter.Pending, ct), cancellationToken).ConfigureAwait(false);
        var filled = await _sender.PrepareAsync(plan.Action.Request with { Nonce = reservation.Nonce }, owner, cancellationToken).ConfigureAwait(false);
        var feePerGas = filled.MaxFeePerGas ?? filled.GasPrice;
        if (_options.MaxFeePerGas is { } ceiling && feePerGas > ceiling)
        {
            Log.GasCeiling(_logger, protocol.Value, feePerGas, ceiling);
            await _ledger.ReleaseAsync(_options.WorkerId, ids, cancellationToken).ConfigureAwait(false);
            return 0;
        }

        var signed = await signer.SignTransactionAsync(UnsignedTransaction.FromRequest(filled), cancellationToken).ConfigureAwait(false);
        if (signed.From != owner) throw new LiquidStakeException($"The signer of {owner} returned a transaction signed by {signed.From}.");
        var claim = new PendingClaim(signed.Hash, owner, filled.Nonce!.Value, signed.Raw.ToArray(), _time.GetUtcNow());
        // The record comes first: from here on, a crash leads to this exact transaction, never to a second one.
        await _ledger.RecordPendingClaimAsync(_options.WorkerId, batch.Select(b => b.Found!).ToArray(), claim, cancellationToken).ConfigureAwait(false);
        reservation.Commit();
        Log.Signed(_logger, protocol.Value, new IdList(ids), claim.Hash, claim.Nonce);
        foreach (var o in _observers) await o.OnSignedAsync(claim, ids, cancellationToken).ConfigureAwait(false);

        try
        {
            await _rpc.SendRawTransactionAsync(claim.Raw, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException ex) when (ex.RpcMessage is { } message && message.Contains("nonce", StringComparison.OrdinalIgnoreCase))
        {
            // Refused for its nonce (another instance or wallet used it): this transaction can never be mined.
            _sender.NonceManager.Resync(chainId, owner);
            await _ledger.AbandonPendingClaimAsync(claim.Hash, $"claim {claim.Hash} was refused by the node: {message}", CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        foreach (var o in _observers) await o.OnBroadcastAsync(claim, ids, cancellationToken).ConfigureAwait(false);

        var sent = new SentTransaction(claim.Hash, owner, claim.Nonce, chainId, filled, head) { SignedTransaction = claim.Raw };
        var receipt = await _sender.WaitForReceiptAsync(sent, _options.Confirmations, cancellationToken).ConfigureAwait(false);
        await CompleteAsync(claim, receipt, batch.Select(b => b.Found!).ToArray(), cancellationToken).ConfigureAwait(false);
        return ids.Length;
    }

    /// <summary>A pending claim from an earlier run: complete it from its receipt, re-broadcast the same bytes, or abandon it if its nonce went to another transaction.</summary>
    private async Task<int> RecoverAsync(WithdrawalLedgerEntry[] entries, CancellationToken cancellationToken)
    {
        var claim = entries[0].PendingClaim!;
        var ids = entries.Select(e => e.Id).ToArray();
        var decoded = TransactionCodec.Decode(claim.Raw.Span);
        var request = new TransactionRequest { From = claim.From, To = decoded.Transaction.To, Data = decoded.Transaction.Data, Value = decoded.Transaction.Value, Nonce = claim.Nonce };
        var sent = new SentTransaction(claim.Hash, claim.From, claim.Nonce, decoded.Transaction.ChainId ?? _sender.Options.ChainId ?? await _rpc.GetChainIdAsync(cancellationToken).ConfigureAwait(false), request, await _rpc.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false)) { SignedTransaction = claim.Raw };

        var receipt = await _rpc.GetTransactionReceiptAsync(claim.Hash, cancellationToken).ConfigureAwait(false);
        if (receipt is null && await _rpc.GetTransactionByHashAsync(claim.Hash, cancellationToken).ConfigureAwait(false) is null)
        {
            ulong mined = await _rpc.GetTransactionCountAsync(claim.From, BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
            if (mined > claim.Nonce)
            {
                // The nonce is used and our transaction is not on chain: it can never be mined, so no claim happened.
                await _ledger.AbandonPendingClaimAsync(claim.Hash, $"claim {claim.Hash} was never mined: nonce {claim.Nonce} was used by another transaction", cancellationToken).ConfigureAwait(false);
                Log.Abandoned(_logger, claim.Hash, claim.Nonce);
                return 0;
            }
            Log.Rebroadcast(_logger, claim.Hash, claim.Nonce);
            await _rpc.SendRawTransactionAsync(claim.Raw, cancellationToken).ConfigureAwait(false);
            foreach (var o in _observers) await o.OnBroadcastAsync(claim, ids, cancellationToken).ConfigureAwait(false);
        }
        try
        {
            receipt = await _sender.WaitForReceiptAsync(sent, _options.Confirmations, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ContractRevertException or TransactionReplacedException or TransactionDroppedException)
        {
            // Mined and reverted, or replaced: this transaction paid nothing. The re-check reads what the chain says now.
            await _ledger.AbandonPendingClaimAsync(claim.Hash, $"claim {claim.Hash} did not pay: {ex.Message}", cancellationToken).ConfigureAwait(false);
            throw;
        }
        await CompleteAsync(claim, receipt, entries.Select(e => e.LastKnown ?? throw new LiquidStakeException($"{e.Id} has a pending claim but no recorded amount")).ToArray(), cancellationToken).ConfigureAwait(false);
        return ids.Length;
    }

    private async Task CompleteAsync(PendingClaim claim, TransactionReceipt receipt, IReadOnlyList<WithdrawalRequest> requests, CancellationToken cancellationToken)
    {
        var ids = requests.Select(r => r.Id).ToArray();
        foreach (var o in _observers) await o.OnMinedAsync(claim, receipt, ids, cancellationToken).ConfigureAwait(false);
        var amounts = requests.Select(r => new ClaimedAmount(r.Id, r.AmountClaimable ?? r.AmountRequested)).ToArray();
        await _ledger.CompleteClaimAsync(claim.Hash, new BlockRef(receipt.BlockNumber, receipt.BlockHash), amounts, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        foreach (var group in requests.GroupBy(r => r.Id.Protocol))
            _telemetry.Claimed.Add(group.Count(), new KeyValuePair<string, object?>("protocol", group.Key.Value));
        foreach (var id in ids)
        {
            if (await _ledger.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } entry)
                _telemetry.Latency.Record((now - entry.RecordedAt).TotalSeconds, new KeyValuePair<string, object?>("protocol", id.Protocol.Value));
        }
        Log.Claimed(_logger, new IdList(ids), claim.Hash, receipt.BlockNumber);
    }

    /// <summary>Claims recorded in blocks that are no longer canonical go back to Claimable with their signed bytes kept as pending.</summary>
    private async Task<int> CheckClaimsForReorgsAsync(ulong fromBlock, CancellationToken cancellationToken)
    {
        int reorged = 0;
        var claimed = await _ledger.ListClaimedSinceAsync(fromBlock, cancellationToken).ConfigureAwait(false);
        foreach (var group in claimed.Where(e => e.ClaimTransactionHash is not null).GroupBy(e => e.ClaimTransactionHash!.Value))
        {
            var recorded = group.First().ClaimBlock!;
            var receipt = await _rpc.GetTransactionReceiptAsync(group.Key, cancellationToken).ConfigureAwait(false);
            if (receipt is not null && receipt.BlockHash == recorded.Hash) continue;
            reorged++;
            if (receipt is null)
            {
                Log.ClaimReorged(_logger, group.Key, recorded.Number);
                await _ledger.RevertClaimAsync(group.Key, $"claim {group.Key} left the canonical chain (block {recorded.Number} {recorded.Hash})", cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // Re-included in another block: same claim, new place.
                var amounts = group.Select(e => new ClaimedAmount(e.Id, e.AmountClaimed ?? 0)).ToArray();
                await _ledger.CompleteClaimAsync(group.Key, new BlockRef(receipt.BlockNumber, receipt.BlockHash), amounts, cancellationToken).ConfigureAwait(false);
            }
        }
        return reorged;
    }

    /// <summary>Requests with a known transaction get the block it was mined in; a block that left the chain is forgotten.</summary>
    private async Task<int> ConfirmRequestsAsync(ulong fromBlock, CancellationToken cancellationToken)
    {
        int reorged = 0;
        foreach (var entry in await _ledger.ListRequestsToConfirmAsync(fromBlock, cancellationToken).ConfigureAwait(false))
        {
            var receipt = await _rpc.GetTransactionReceiptAsync(entry.TransactionHash!.Value, cancellationToken).ConfigureAwait(false);
            if (receipt is null)
            {
                if (entry.RequestBlock is not null)
                {
                    reorged++;
                    await _ledger.ForgetRequestBlockAsync(entry.Id, $"request transaction {entry.TransactionHash} left the canonical chain", cancellationToken).ConfigureAwait(false);
                }
                continue;
            }
            if (entry.RequestBlock?.Hash == receipt.BlockHash) continue;
            if (entry.RequestBlock is not null) reorged++;
            await _ledger.SetRequestBlockAsync(entry.Id, new BlockRef(receipt.BlockNumber, receipt.BlockHash), cancellationToken).ConfigureAwait(false);
        }
        return reorged;
    }

    private void Fail(IReadOnlyList<WithdrawalLedgerEntry> entries, Exception error)
    {
        foreach (var group in entries.GroupBy(e => e.Protocol))
            _telemetry.Failures.Add(1, new KeyValuePair<string, object?>("protocol", group.Key.Value), new KeyValuePair<string, object?>("error", error.GetType().Name));
        Log.ClaimFailed(_logger, error, new IdList(entries.Select(e => e.Id).ToArray()));
    }

    private async Task ReleaseQuietlyAsync(IReadOnlyList<WithdrawalId> ids)
    {
        try
        {
            await _ledger.ReleaseAsync(_options.WorkerId, ids, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The lease expires anyway; a failed release only delays the retry.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.ReleaseFailed(_logger, ex, new IdList(ids));
        }
    }

    /// <summary>Request ids for a log line, joined only when the line is written.</summary>
    private readonly record struct IdList(IReadOnlyList<WithdrawalId> Ids)
    {
        public override string ToString() => string.Join(",", Ids);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Withdrawal round at block {Head}: {Added} new, {Changed} changed, {Claimed} claimed, {Recovered} recovered, {Reorged} reorged, {Failures} failed")]
        public static partial void Round(ILogger logger, ulong head, int added, int changed, int claimed, int recovered, int reorged, int failures);

        [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "Signed {Protocol} claim of {RequestId}: {TransactionHash} nonce {Nonce}")]
        public static partial void Signed(ILogger logger, string protocol, IdList requestId, Hash32 transactionHash, ulong nonce);

        [LoggerMessage(EventId = 402, Level = LogLevel.Information, Message = "Claimed {RequestId} in {TransactionHash} (block {BlockNumber})")]
        public static partial void Claimed(ILogger logger, IdList requestId, Hash32 transactionHash, ulong blockNumber);

        [LoggerMessage(EventId = 403, Level = LogLevel.Warning, Message = "Claim of {RequestId} failed; retried next round")]
        public static partial void ClaimFailed(ILogger logger, Exception error, IdList requestId);

        [LoggerMessage(EventId = 404, Level = LogLevel.Warning, Message = "Re-broadcasting the recorded claim {TransactionHash} nonce {Nonce}: the chain never saw it")]
        public static partial void Rebroadcast(ILogger logger, Hash32 transactionHash, ulong nonce);

        [LoggerMessage(EventId = 405, Level = LogLevel.Warning, Message = "Abandoned the recorded claim {TransactionHash}: nonce {Nonce} went to another transaction")]
        public static partial void Abandoned(ILogger logger, Hash32 transactionHash, ulong nonce);

        [LoggerMessage(EventId = 406, Level = LogLevel.Warning, Message = "Claim {TransactionHash} in block {BlockNumber} left the canonical chain; it will be re-broadcast")]
        public static partial void ClaimReorged(ILogger logger, Hash32 transactionHash, ulong blockNumber);

        [LoggerMessage(EventId = 407, Level = LogLevel.Information, Message = "{Protocol} claim waits: fee {FeePerGas} wei/gas is above the ceiling {Ceiling}")]
        public static partial void GasCeiling(ILogger logger, string protocol, System.Numerics.BigInteger? feePerGas, System.Numerics.BigInteger ceiling);

        [LoggerMessage(EventId = 408, Level = LogLevel.Warning, Message = "Releasing the leases of {RequestId} failed; they expire on their own")]
        public static partial void ReleaseFailed(ILogger logger, Exception error, IdList requestId);
    }
}
