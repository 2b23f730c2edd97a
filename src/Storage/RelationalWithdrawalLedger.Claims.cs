using System.Data.Common;
using System.Globalization;
using LiquidStake.Ethereum;
using LiquidStake.Sdk.Withdrawals;
using static LiquidStake.Sdk.Storage.Db;

namespace LiquidStake.Sdk.Storage;

/// <summary>Leases, pending claims and reorg bookkeeping: what lets several workers share one ledger and claim each request once.</summary>
public partial class RelationalWithdrawalLedger
{
    /// <inheritdoc/>
    public virtual async Task<IReadOnlyList<WithdrawalLedgerEntry>> LeaseClaimsAsync(string workerId, TimeSpan duration, int max, IReadOnlyCollection<Address>? owners = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(workerId)) throw new LiquidStakeArgumentException(nameof(workerId), "is empty", "a worker name");
        if (duration <= TimeSpan.Zero) throw new LiquidStakeArgumentException(nameof(duration), $"must be positive, got {duration}", "> 0");
        if (max < 1) throw new LiquidStakeArgumentException(nameof(max), $"must be at least 1, got {max}", "at least 1");
        if (owners is { Count: 0 }) return [];
        var now = _time.GetUtcNow();
        var parameters = new List<KeyValuePair<string, object?>>
        {
            P("@worker", workerId), P("@now", EntryRows.Millis(now)), P("@until", EntryRows.Millis(now + duration)), P("@max", (long)max),
        };
        string ownerFilter = string.Empty;
        if (owners is not null)
        {
            var (list, ps) = InList("o", owners.Select(o => (object?)o.ToString()));
            ownerFilter = $" AND owner IN {list}";
            parameters.AddRange(ps);
        }
        var sql =
            $"UPDATE {LedgerSchema.Entries} SET lease_holder = @worker, lease_until = @until WHERE id IN (" +
            $"SELECT id FROM {LedgerSchema.Entries} WHERE ((pending_tx IS NOT NULL AND claim_tx IS NULL) OR (pending_tx IS NULL AND state = 'Claimable')) " +
            $"AND (lease_until IS NULL OR lease_until < @now OR lease_holder = @worker){ownerFilter} ORDER BY id LIMIT @max{_dialect.SkipLockedClause}) " +
            $"RETURNING {LedgerSchema.EntryColumns}";
        var leased = await InTransactionAsync((c, tx) => QueryAsync(c, tx, sql, parameters, EntryRows.Read, cancellationToken), cancellationToken).ConfigureAwait(false);
        return Ordered(leased);
    }

    /// <inheritdoc/>
    public virtual async Task ReleaseAsync(string workerId, IReadOnlyList<WithdrawalId> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0) return;
        var (list, ps) = InList("i", ids.Select(i => (object?)i.ToString()));
        await InTransactionAsync((c, tx) => ExecuteAsync(c, tx,
            $"UPDATE {LedgerSchema.Entries} SET lease_holder = NULL, lease_until = NULL WHERE lease_holder = @worker AND id IN {list}",
            [P("@worker", workerId), .. ps], cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public virtual async Task RecordPendingClaimAsync(string workerId, IReadOnlyList<WithdrawalRequest> requests, PendingClaim claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(claim);
        if (requests.Count == 0) throw new LiquidStakeArgumentException(nameof(requests), "no requests", "at least one");
        var now = EntryRows.Millis(_time.GetUtcNow());
        await InTransactionAsync(async (c, tx) =>
        {
            foreach (var request in requests)
            {
                var id = request.Id;
                var current = await LockedGetAsync(c, tx, id, cancellationToken).ConfigureAwait(false);
                if (current is null || current.LeaseHolder != workerId || current.LeaseUntil is not { } until || EntryRows.Millis(until) < now || current.PendingClaim is not null)
                    throw new LedgerLeaseLostException($"Worker '{workerId}' no longer holds the lease of {id} (or a claim is already recorded); the claim {claim.Hash} was not recorded and must not be broadcast.");
                var updated = current with { PendingClaim = claim, LastKnown = request, LastCheckedAt = _time.GetUtcNow() };
                await WriteAsync(c, tx, current, updated, null, string.Create(CultureInfo.InvariantCulture, $"claim signed: {claim.Hash} nonce {claim.Nonce}"), cancellationToken).ConfigureAwait(false);
            }
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public virtual async Task CompleteClaimAsync(Hash32 claimTransaction, BlockRef block, IReadOnlyList<ClaimedAmount> amounts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(amounts);
        await InTransactionAsync(async (c, tx) =>
        {
            foreach (var amount in amounts)
            {
                var current = await LockedGetAsync(c, tx, amount.Id, cancellationToken).ConfigureAwait(false)
                    ?? throw new LiquidStakeArgumentException(nameof(amounts), $"{amount.Id} is not in the ledger");
                var updated = current with
                {
                    State = LedgerEntryState.Claimed,
                    AmountClaimed = amount.AmountClaimed,
                    ClaimTransactionHash = claimTransaction,
                    ClaimBlock = block,
                    LeaseHolder = null,
                    LeaseUntil = null,
                    LastKnown = current.LastKnown is { } k ? k with { Status = WithdrawalStatus.Claimed } : null,
                    Note = null,
                };
                await WriteAsync(c, tx, current, updated, block.Number, $"claimed in {claimTransaction}", cancellationToken).ConfigureAwait(false);
            }
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public virtual Task AbandonPendingClaimAsync(Hash32 claimTransaction, string note, CancellationToken cancellationToken = default) =>
        RewriteAsync("pending_tx = @tx AND claim_tx IS NULL", claimTransaction, e => e with { PendingClaim = null, LeaseHolder = null, LeaseUntil = null, Note = note }, note, cancellationToken);

    /// <inheritdoc/>
    public virtual Task RevertClaimAsync(Hash32 claimTransaction, string note, CancellationToken cancellationToken = default) =>
        RewriteAsync("claim_tx = @tx", claimTransaction, e => e with
        {
            State = LedgerEntryState.Claimable,
            AmountClaimed = null,
            ClaimTransactionHash = null,
            ClaimBlock = null,
            LastKnown = e.LastKnown is { } k ? k with { Status = WithdrawalStatus.Claimable } : null,
            Note = note,
        }, note, cancellationToken);

    private async Task RewriteAsync(string where, Hash32 transaction, Func<WithdrawalLedgerEntry, WithdrawalLedgerEntry> change, string note, CancellationToken cancellationToken)
    {
        await InTransactionAsync(async (c, tx) =>
        {
            var rows = await QueryAsync(c, tx, $"{Select} WHERE {where}{_dialect.RowLockClause}", [P("@tx", transaction.ToString())], EntryRows.Read, cancellationToken).ConfigureAwait(false);
            foreach (var current in rows)
                await WriteAsync(c, tx, current, change(current), null, note, cancellationToken).ConfigureAwait(false);
            return rows.Count;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public virtual Task SetRequestBlockAsync(WithdrawalId id, BlockRef block, CancellationToken cancellationToken = default) =>
        UpdateOneAsync(id, e => e with { RequestBlock = block }, null, cancellationToken);

    /// <inheritdoc/>
    public virtual Task ForgetRequestBlockAsync(WithdrawalId id, string note, CancellationToken cancellationToken = default) =>
        UpdateOneAsync(id, e => e with { RequestBlock = null, Note = note }, note, cancellationToken);

    private async Task UpdateOneAsync(WithdrawalId id, Func<WithdrawalLedgerEntry, WithdrawalLedgerEntry> change, string? note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        await InTransactionAsync(async (c, tx) =>
        {
            var current = await LockedGetAsync(c, tx, id, cancellationToken).ConfigureAwait(false)
                ?? throw new LiquidStakeArgumentException(nameof(id), $"{id} is not in the ledger");
            await WriteAsync(c, tx, current, change(current), null, note, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public virtual async Task<IReadOnlyList<WithdrawalLedgerEntry>> ListClaimedSinceAsync(ulong fromBlock, CancellationToken cancellationToken = default) =>
        await QueryEntriesAsync("WHERE state = 'Claimed' AND claim_block >= @from ORDER BY id", [P("@from", checked((long)fromBlock))], cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public virtual async Task<IReadOnlyList<WithdrawalLedgerEntry>> ListRequestsToConfirmAsync(ulong fromBlock, CancellationToken cancellationToken = default) =>
        await QueryEntriesAsync("WHERE request_tx IS NOT NULL AND (request_block IS NULL OR request_block >= @from) ORDER BY id", [P("@from", checked((long)fromBlock))], cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public virtual async Task<IReadOnlyList<Address>> ListOwnersAsync(CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, null, $"SELECT DISTINCT owner FROM {LedgerSchema.Entries} ORDER BY owner", null, r => Address.Parse(r.GetString(0)), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public virtual async Task<IReadOnlyList<LedgerStateChange>> GetHistoryAsync(WithdrawalId id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, null, $"SELECT state, block_number, at, note FROM {LedgerSchema.History} WHERE id = @id ORDER BY seq", [P("@id", id.ToString())],
            r => new LedgerStateChange(id, Enum.Parse<LedgerEntryState>(r.GetString(0)),
                r.IsDBNull(1) ? null : checked((ulong)Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture)),
                DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(r.GetValue(2), CultureInfo.InvariantCulture)),
                r.IsDBNull(3) ? null : r.GetString(3)), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public virtual async Task<IReadOnlyList<WithdrawalLedgerEntry>> ListPageAsync(string? after, int limit, CancellationToken cancellationToken = default)
    {
        if (limit < 1) throw new LiquidStakeArgumentException(nameof(limit), $"must be at least 1, got {limit}", "at least 1");
        return after is null
            ? await QueryEntriesAsync("ORDER BY id LIMIT @limit", [P("@limit", (long)limit)], cancellationToken).ConfigureAwait(false)
            : await QueryEntriesAsync("WHERE id > @after ORDER BY id LIMIT @limit", [P("@after", after), P("@limit", (long)limit)], cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public virtual async Task<LedgerStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var counts = (await QueryAsync(connection, null, $"SELECT state, COUNT(*) FROM {LedgerSchema.Entries} GROUP BY state", null,
            r => (State: r.GetString(0), Count: Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture)), cancellationToken).ConfigureAwait(false))
            .ToDictionary(x => x.State, x => x.Count, StringComparer.Ordinal);
        var pending = (await QueryAsync(connection, null, $"SELECT COUNT(*), MIN(pending_at) FROM {LedgerSchema.Entries} WHERE pending_tx IS NOT NULL AND claim_tx IS NULL", null,
            r => (Count: Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), Oldest: r.IsDBNull(1) ? (long?)null : Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture)), cancellationToken).ConfigureAwait(false)).Single();
        long Count(LedgerEntryState s) => counts.GetValueOrDefault(s.ToString());
        return new LedgerStatistics(Count(LedgerEntryState.Pending), Count(LedgerEntryState.Claimable), Count(LedgerEntryState.Claimed), Count(LedgerEntryState.Dropped),
            pending.Count, pending.Oldest is { } o ? DateTimeOffset.FromUnixTimeMilliseconds(o) : null);
    }
}
