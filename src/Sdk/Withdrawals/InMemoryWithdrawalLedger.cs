using LiquidStake.Ethereum;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiquidStake.Sdk.Withdrawals;

/// <summary>
/// An <see cref="IWithdrawalLedger"/> in memory, for tests and short-lived tools: everything is lost when the process
/// ends. Backends register a persistent one (<c>AddSqliteWithdrawalLedger</c>, <c>AddPostgreSqlWithdrawalLedger</c>). Thread-safe: reads from the chain run outside the lock.
/// </summary>
public class InMemoryWithdrawalLedger : IWithdrawalLedger
{
    private readonly Lock _gate = new();
    private readonly Dictionary<WithdrawalId, WithdrawalLedgerEntry> _entries = [];
    private readonly IReadOnlyList<IStakingProvider> _providers;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Creates an empty ledger that re-checks through <paramref name="providers"/>.</summary>
    public InMemoryWithdrawalLedger(IEnumerable<IStakingProvider> providers, TimeProvider? timeProvider = null, ILogger<InMemoryWithdrawalLedger>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(providers);
        _providers = providers.ToArray();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<InMemoryWithdrawalLedger>.Instance;
    }

    /// <inheritdoc/>
    public virtual Task<WithdrawalLedgerEntry> RecordAsync(WithdrawalId id, Address owner, WithdrawalRequest? request = null, Hash32? transactionHash = null, CancellationToken cancellationToken = default)
    {
        WithdrawalLedgerChecks.CheckRequestMatches(id, request);
        var now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            WithdrawalLedgerEntry entry;
            if (_entries.TryGetValue(id, out var existing))
            {
                WithdrawalLedgerChecks.CheckOwner(id, existing.Owner, owner);
                entry = existing with
                {
                    LastKnown = request ?? existing.LastKnown,
                    State = request is null ? existing.State : WithdrawalLedgerChecks.ToState(request.Status),
                    LastCheckedAt = request is null ? existing.LastCheckedAt : now,
                    TransactionHash = transactionHash ?? existing.TransactionHash,
                };
            }
            else
            {
                entry = new WithdrawalLedgerEntry(id, owner, request is null ? LedgerEntryState.Pending : WithdrawalLedgerChecks.ToState(request.Status), request, now, request is null ? null : now, transactionHash);
            }
            _entries[id] = entry;
            return Task.FromResult(entry);
        }
    }

    /// <inheritdoc/>
    public virtual Task<WithdrawalLedgerEntry?> GetAsync(WithdrawalId id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_gate) return Task.FromResult(_entries.GetValueOrDefault(id));
    }

    /// <inheritdoc/>
    public virtual Task<IReadOnlyList<WithdrawalLedgerEntry>> ListAsync(Address? owner = null, ProtocolId? protocol = null, LedgerEntryState? state = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<WithdrawalLedgerEntry> list = _entries.Values
                .Where(e => (owner is null || e.Owner == owner) && (protocol is null || e.Protocol == protocol) && (state is null || e.State == state))
                .OrderBy(e => e.Protocol.Value, StringComparer.Ordinal)
                .ThenBy(e => e.Id.RequestId ?? System.Numerics.BigInteger.MinusOne)
                .ThenBy(e => e.Id.WithdrawalRoot?.ToString() ?? string.Empty, StringComparer.Ordinal)
                .ToArray();
            return Task.FromResult(list);
        }
    }

    /// <inheritdoc/>
    public virtual Task<IReadOnlyList<WithdrawalLedgerEntry>> ListPendingAsync(Address? owner = null, CancellationToken cancellationToken = default) =>
        ListAsync(owner, null, LedgerEntryState.Pending, cancellationToken);

    /// <inheritdoc/>
    public virtual Task<IReadOnlyList<WithdrawalLedgerEntry>> ListClaimableAsync(Address? owner = null, CancellationToken cancellationToken = default) =>
        ListAsync(owner, null, LedgerEntryState.Claimable, cancellationToken);

    /// <inheritdoc/>
    public virtual async Task<IReadOnlyList<WithdrawalLedgerEntry>> SyncAsync(Address owner, CancellationToken cancellationToken = default)
    {
        var requests = await WithdrawalLedgerChecks.ReadOwnerRequestsAsync(_providers, owner, cancellationToken).ConfigureAwait(false);
        var added = new List<WithdrawalLedgerEntry>();
        foreach (var request in requests)
        {
            bool known;
            lock (_gate) known = _entries.ContainsKey(request.Id);
            var entry = await RecordAsync(request.Id, owner, request, null, cancellationToken).ConfigureAwait(false);
            if (!known) added.Add(entry);
        }
        return added;
    }

    /// <inheritdoc/>
    public virtual async Task<LedgerCheckReport> RecheckAsync(CancellationToken cancellationToken = default)
    {
        WithdrawalLedgerEntry[] snapshot;
        lock (_gate) snapshot = _entries.Values.Where(e => e.State != LedgerEntryState.Claimed).ToArray();
        var (reads, errors) = await WithdrawalLedgerChecks.ReadAsync(_providers, snapshot, _logger, cancellationToken).ConfigureAwait(false);

        var now = _timeProvider.GetUtcNow();
        var applied = new List<(WithdrawalLedgerEntry, WithdrawalLedgerEntry, LedgerTransition)>();
        lock (_gate)
        {
            foreach (var read in reads)
            {
                if (!_entries.TryGetValue(read.Entry.Id, out var current)) continue; // removed meanwhile
                var (updated, transition) = WithdrawalLedgerChecks.Apply(current, read.Found, now);
                if (transition == LedgerTransition.Dropped)
                    _logger.LogWarning("Withdrawal {Id} of {Owner} is no longer on chain", current.Id.ToString(), current.Owner.ToString());
                applied.Add((current, updated, transition));
                _entries[current.Id] = updated;
            }
        }
        return WithdrawalLedgerChecks.Report(reads.Count, applied, errors);
    }
}
