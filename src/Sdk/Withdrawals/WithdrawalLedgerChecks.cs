using LiquidStake.Ethereum;
using Microsoft.Extensions.Logging;

namespace LiquidStake.Sdk.Withdrawals;

/// <summary>The result of re-reading one entry from the chain: the request, or null when the chain does not know it.</summary>
/// <param name="Entry">The entry as it was.</param>
/// <param name="Found">What the chain says now.</param>
public sealed record LedgerEntryRead(WithdrawalLedgerEntry Entry, WithdrawalRequest? Found);

/// <summary>How one entry changed at a re-check.</summary>
public enum LedgerTransition
{
    /// <summary>Same state (the last known request may still have been refreshed).</summary>
    None,

    /// <summary>Moved to another state.</summary>
    Changed,

    /// <summary>The chain no longer knows it.</summary>
    Dropped,

    /// <summary>It was dropped and the chain knows it again.</summary>
    Restored,
}

/// <summary>
/// The chain side of every <see cref="IWithdrawalLedger"/>: which requests an owner has, how to re-read entries with the
/// fewest calls, and how a read changes an entry. Stores differ only in where they keep entries.
/// </summary>
public static class WithdrawalLedgerChecks
{
    /// <summary>The note set on an entry the chain no longer knows.</summary>
    public const string DroppedNote = "not found on chain at re-check: removed by a reorg or never mined; resubmit or investigate";

    /// <summary>The note set on a dropped entry found again.</summary>
    public const string RestoredNote = "found on chain again after being dropped";

    /// <summary>The ledger state of a chain status.</summary>
    public static LedgerEntryState ToState(WithdrawalStatus status) => status switch
    {
        WithdrawalStatus.Pending => LedgerEntryState.Pending,
        WithdrawalStatus.Claimable => LedgerEntryState.Claimable,
        WithdrawalStatus.Claimed => LedgerEntryState.Claimed,
        _ => throw new EthereumFormatException($"unknown withdrawal status {status}"),
    };

    /// <summary>Every request of <paramref name="owner"/> from every provider with a withdrawal queue.</summary>
    public static async Task<IReadOnlyList<WithdrawalRequest>> ReadOwnerRequestsAsync(IReadOnlyList<IStakingProvider> providers, Address owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(providers);
        var lists = await Task.WhenAll(providers
            .Where(p => p.Capabilities.HasFlag(StakingCapabilities.QueuedWithdrawal))
            .Select(p => p.GetWithdrawalRequestsAsync(owner, cancellationToken))).ConfigureAwait(false);
        return lists.SelectMany(l => l).ToArray();
    }

    /// <summary>
    /// Re-reads <paramref name="entries"/>: by id where the provider can, otherwise once per (protocol, owner). A protocol
    /// that fails is reported in the errors and does not stop the others. With a <paramref name="listing"/>, what it
    /// covers is answered from it (no call); only entries it no longer shows are read by id.
    /// </summary>
    public static async Task<(IReadOnlyList<LedgerEntryRead> Reads, IReadOnlyList<LedgerCheckError> Errors)> ReadAsync(
        IReadOnlyList<IStakingProvider> providers, IReadOnlyList<WithdrawalLedgerEntry> entries, ILogger logger, CancellationToken cancellationToken, WithdrawalListing? listing = null)
    {
        ArgumentNullException.ThrowIfNull(providers);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(logger);
        var errors = new List<LedgerCheckError>();
        var reads = new List<LedgerEntryRead>(entries.Count);
        foreach (var group in entries.GroupBy(e => (e.Protocol, e.Owner)))
        {
            var provider = providers.FirstOrDefault(p => p.Id == group.Key.Protocol);
            if (provider is null)
            {
                errors.AddRange(group.Select(e => new LedgerCheckError(e.Id, new LiquidStakeException($"no provider is registered for '{e.Protocol}'"))));
                continue;
            }
            // The listing already tried this protocol and logged its failure: report it for the group, read nothing again.
            if (listing is not null && listing.Failures.TryGetValue(group.Key.Protocol, out var failure))
            {
                errors.AddRange(group.Select(e => new LedgerCheckError(e.Id, failure)));
                continue;
            }
            var done = new HashSet<WithdrawalId>();
            try
            {
                var members = group.ToArray();
                var reader = provider as IWithdrawalRequestReader;
                // One listing of the owner's requests answers many entries in a few batched calls; the by-id reader
                // is kept for single entries and for those the listing no longer shows (claimed NFTs are burned).
                Dictionary<WithdrawalId, WithdrawalRequest>? listed;
                if (listing is not null && listing.TryGet(group.Key.Protocol, group.Key.Owner, out var shared))
                    listed = shared.DistinctBy(r => r.Id).ToDictionary(r => r.Id);
                else if (reader is not null && members.Length == 1)
                    listed = null;
                else
                    listed = (await provider.GetWithdrawalRequestsAsync(group.Key.Owner, cancellationToken).ConfigureAwait(false)).DistinctBy(r => r.Id).ToDictionary(r => r.Id);
                foreach (var entry in members)
                {
                    WithdrawalRequest? found = null;
                    if (listed is not null) listed.TryGetValue(entry.Id, out found);
                    if (found is null && reader is not null)
                        found = await reader.GetWithdrawalRequestAsync(entry.Owner, entry.Id, cancellationToken).ConfigureAwait(false);
                    reads.Add(new LedgerEntryRead(entry, found));
                    done.Add(entry.Id);
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
                logger.LogWarning(ex, "Re-check of {Protocol} withdrawals failed", group.Key.Protocol.Value);
                errors.AddRange(group.Where(e => !done.Contains(e.Id)).Select(e => new LedgerCheckError(e.Id, ex)));
            }
        }
        return (reads, errors);
    }

    /// <summary>How <paramref name="found"/> changes <paramref name="current"/> at <paramref name="now"/>.</summary>
    public static (WithdrawalLedgerEntry Updated, LedgerTransition Transition) Apply(WithdrawalLedgerEntry current, WithdrawalRequest? found, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (found is null)
        {
            var dropped = current with { State = LedgerEntryState.Dropped, LastCheckedAt = now, Note = DroppedNote };
            return (dropped, current.State == LedgerEntryState.Dropped ? LedgerTransition.None : LedgerTransition.Dropped);
        }
        var state = ToState(found.Status);
        bool wasDropped = current.State == LedgerEntryState.Dropped;
        var updated = current with { State = state, LastKnown = found, LastCheckedAt = now, Note = wasDropped ? RestoredNote : current.Note };
        if (wasDropped) return (updated, LedgerTransition.Restored);
        return (updated, state == current.State ? LedgerTransition.None : LedgerTransition.Changed);
    }

    /// <summary>Builds the report of a re-check from the applied transitions.</summary>
    public static LedgerCheckReport Report(int checkedCount, IEnumerable<(WithdrawalLedgerEntry Before, WithdrawalLedgerEntry Updated, LedgerTransition Transition)> applied, IReadOnlyList<LedgerCheckError> errors)
    {
        ArgumentNullException.ThrowIfNull(applied);
        var changed = new List<WithdrawalLedgerEntry>();
        var dropped = new List<WithdrawalLedgerEntry>();
        var restored = new List<WithdrawalLedgerEntry>();
        foreach (var (before, updated, transition) in applied)
        {
            if (transition == LedgerTransition.Dropped) dropped.Add(updated);
            if (transition == LedgerTransition.Restored) restored.Add(updated);
            if (updated.State != before.State) changed.Add(updated);
        }
        return new LedgerCheckReport(checkedCount, changed, dropped, restored, errors);
    }

    /// <summary>Refuses a request whose id is not <paramref name="id"/>.</summary>
    public static void CheckRequestMatches(WithdrawalId id, WithdrawalRequest? request)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (request is not null && request.Id != id)
            throw new LiquidStakeArgumentException(nameof(request), $"the request is {request.Id}, not {id}", $"a request with id {id}");
    }

    /// <summary>Refuses recording <paramref name="id"/> for another owner than the one it is recorded for.</summary>
    public static void CheckOwner(WithdrawalId id, Address recorded, Address owner)
    {
        if (recorded != owner)
            throw new LiquidStakeArgumentException(nameof(owner), $"{id} is already recorded for {recorded}, not {owner}", $"owner {recorded}");
    }
}
