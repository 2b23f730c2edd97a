using LiquidStake.Ethereum;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiquidStake.Sdk.Withdrawals;

/// <summary>
/// The default <see cref="IWithdrawalLedger"/>: entries in memory (lost on restart; store <see cref="WithdrawalId"/>s
/// yourself or register a persistent ledger). Thread-safe: reads from the chain run outside the lock.
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
        ArgumentNullException.ThrowIfNull(id);
        if (request is not null && request.Id != id)
            throw new LiquidStakeArgumentException(nameof(request), $"the request is {request.Id}, not {id}", $"a request with id {id}");
        var now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            WithdrawalLedgerEntry entry;
            if (_entries.TryGetValue(id, out var existing))
            {
                if (existing.Owner != owner)
                    throw new LiquidStakeArgumentException(nameof(owner), $"{id} is already recorded for {existing.Owner}, not {owner}", $"owner {existing.Owner}");
                entry = existing with
                {
                    LastKnown = request ?? existing.LastKnown,
                    State = request is null ? existing.State : ToState(request.Status),
                    LastCheckedAt = request is null ? existing.LastCheckedAt : now,
                    TransactionHash = transactionHash ?? existing.TransactionHash,
                };
            }
            else
            {
                entry = new WithdrawalLedgerEntry(id, owner, request is null ? LedgerEntryState.Pending : ToState(request.Status), request, now, request is null ? null : now, transactionHash);
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
        var lists = await Task.WhenAll(_providers
            .Where(p => p.Capabilities.HasFlag(StakingCapabilities.QueuedWithdrawal))
            .Select(p => p.GetWithdrawalRequestsAsync(owner, cancellationToken))).ConfigureAwait(false);
        var added = new List<WithdrawalLedgerEntry>();
        foreach (var request in lists.SelectMany(l => l))
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

        var errors = new List<LedgerCheckError>();
        var reads = new List<(WithdrawalLedgerEntry Entry, WithdrawalRequest? Found)>(snapshot.Length);
        // Owners of list-only providers are read once per (protocol, owner), not once per entry.
        foreach (var group in snapshot.GroupBy(e => (e.Protocol, e.Owner)))
        {
            var provider = _providers.FirstOrDefault(p => p.Id == group.Key.Protocol);
            if (provider is null)
            {
                errors.AddRange(group.Select(e => new LedgerCheckError(e.Id, new LiquidStakeException($"no provider is registered for '{e.Protocol}'"))));
                continue;
            }
            try
            {
                if (provider is IWithdrawalRequestReader reader)
                {
                    foreach (var entry in group)
                        reads.Add((entry, await reader.GetWithdrawalRequestAsync(entry.Owner, entry.Id, cancellationToken).ConfigureAwait(false)));
                }
                else
                {
                    var all = await provider.GetWithdrawalRequestsAsync(group.Key.Owner, cancellationToken).ConfigureAwait(false);
                    foreach (var entry in group) reads.Add((entry, all.FirstOrDefault(r => r.Id == entry.Id)));
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // One protocol's failure must not stop the re-check of the others; it is reported.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _logger.LogWarning(ex, "Re-check of {Protocol} withdrawals failed", group.Key.Protocol.Value);
                errors.AddRange(group.Where(e => !reads.Any(r => r.Entry.Id == e.Id)).Select(e => new LedgerCheckError(e.Id, ex)));
            }
        }

        var now = _timeProvider.GetUtcNow();
        var changed = new List<WithdrawalLedgerEntry>();
        var dropped = new List<WithdrawalLedgerEntry>();
        var restored = new List<WithdrawalLedgerEntry>();
        lock (_gate)
        {
            foreach (var (entry, found) in reads)
            {
                if (!_entries.TryGetValue(entry.Id, out var current)) continue; // removed meanwhile
                WithdrawalLedgerEntry updated;
                if (found is null)
                {
                    updated = current with { State = LedgerEntryState.Dropped, LastCheckedAt = now, Note = "not found on chain at re-check: removed by a reorg or never mined; resubmit or investigate" };
                    if (current.State != LedgerEntryState.Dropped)
                    {
                        dropped.Add(updated);
                        _logger.LogWarning("Withdrawal {Id} of {Owner} is no longer on chain", entry.Id.ToString(), entry.Owner.ToString());
                    }
                }
                else
                {
                    var state = ToState(found.Status);
                    updated = current with { State = state, LastKnown = found, LastCheckedAt = now, Note = current.State == LedgerEntryState.Dropped ? "found on chain again after being dropped" : current.Note };
                    if (current.State == LedgerEntryState.Dropped) restored.Add(updated);
                }
                if (updated.State != current.State) changed.Add(updated);
                _entries[entry.Id] = updated;
            }
        }
        return new LedgerCheckReport(reads.Count, changed, dropped, restored, errors);
    }

    private static LedgerEntryState ToState(WithdrawalStatus status) => status switch
    {
        WithdrawalStatus.Pending => LedgerEntryState.Pending,
        WithdrawalStatus.Claimable => LedgerEntryState.Claimable,
        WithdrawalStatus.Claimed => LedgerEntryState.Claimed,
        _ => throw new EthereumFormatException($"unknown withdrawal status {status}"),
    };
}
