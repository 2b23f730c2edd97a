using LiquidStake.Ethereum;
using Microsoft.Extensions.Logging;

namespace LiquidStake.Sdk.Withdrawals;

/// <summary>
/// Optional: a provider that lists the withdrawal requests of many owners in a few batched calls (one Multicall3 pass
/// per stage for all owners) instead of one listing per owner. <see cref="WithdrawalListing.ReadAsync"/> prefers it.
/// </summary>
public interface IWithdrawalBatchLister
{
    /// <summary>
    /// The requests of every owner in <paramref name="owners"/>, built exactly as the provider's own
    /// <see cref="IStakingProvider.GetWithdrawalRequestsAsync"/> would build them; an owner without requests maps to an empty list.
    /// </summary>
    Task<IReadOnlyDictionary<Address, IReadOnlyList<WithdrawalRequest>>> GetWithdrawalRequestsAsync(IReadOnlyList<Address> owners, CancellationToken cancellationToken = default);
}

/// <summary>
/// The withdrawal requests of a set of owners from every provider with a withdrawal queue, read once (at
/// <see cref="Head"/>) and shared by everything that needs them in one worker round: finding new requests, re-checking
/// known ones and choosing what to claim. A provider that failed is recorded in <see cref="Failures"/> and its
/// requests are absent, so callers report it instead of taking "not listed" for "gone".
/// </summary>
public sealed class WithdrawalListing
{
    // Owner first: a round asks "everything of this owner" once per owner and "this owner at this protocol" per entry group.
    private readonly Dictionary<Address, Dictionary<ProtocolId, IReadOnlyList<WithdrawalRequest>>> _byOwner;

    private WithdrawalListing(ulong? head, Dictionary<Address, Dictionary<ProtocolId, IReadOnlyList<WithdrawalRequest>>> byOwner, IReadOnlyDictionary<ProtocolId, Exception> failures)
    {
        Head = head;
        _byOwner = byOwner;
        Failures = failures;
    }

    /// <summary>The chain head the listing was read at (null when none was given).</summary>
    public ulong? Head { get; }

    /// <summary>The owners listed.</summary>
    public IReadOnlyCollection<Address> Owners => _byOwner.Keys;

    /// <summary>Providers whose listing failed, with the error.</summary>
    public IReadOnlyDictionary<ProtocolId, Exception> Failures { get; }

    /// <summary>The requests of <paramref name="owner"/> at <paramref name="protocol"/>; false when that was not listed (owner not in the set, or the protocol failed).</summary>
    public bool TryGet(ProtocolId protocol, Address owner, out IReadOnlyList<WithdrawalRequest> requests)
    {
        if (_byOwner.TryGetValue(owner, out var lists) && lists.TryGetValue(protocol, out var found))
        {
            requests = found;
            return true;
        }
        requests = [];
        return false;
    }

    /// <summary>Every listed request of <paramref name="owner"/>, across the protocols that answered (ordered by protocol).</summary>
    public IReadOnlyList<WithdrawalRequest> RequestsOf(Address owner) => _byOwner.TryGetValue(owner, out var lists)
        ? lists.OrderBy(p => p.Key.Value, StringComparer.Ordinal).SelectMany(p => p.Value).ToArray()
        : [];

    /// <summary>The same listing narrowed to <paramref name="owners"/> (those it did not list stay absent).</summary>
    public WithdrawalListing For(IEnumerable<Address> owners)
    {
        ArgumentNullException.ThrowIfNull(owners);
        var kept = new Dictionary<Address, Dictionary<ProtocolId, IReadOnlyList<WithdrawalRequest>>>();
        foreach (var owner in owners)
            if (_byOwner.TryGetValue(owner, out var lists)) kept[owner] = lists;
        return new WithdrawalListing(Head, kept, Failures);
    }

    /// <summary>A listing built from lists already read (tests, or a caller with its own reads).</summary>
    public static WithdrawalListing FromLists(ulong? head, IReadOnlyDictionary<(ProtocolId Protocol, Address Owner), IReadOnlyList<WithdrawalRequest>> lists, IReadOnlyDictionary<ProtocolId, Exception>? failures = null)
    {
        ArgumentNullException.ThrowIfNull(lists);
        var byOwner = new Dictionary<Address, Dictionary<ProtocolId, IReadOnlyList<WithdrawalRequest>>>();
        foreach (var ((protocol, owner), list) in lists)
            (byOwner.TryGetValue(owner, out var own) ? own : byOwner[owner] = [])[protocol] = list;
        return new WithdrawalListing(head, byOwner, failures ?? new Dictionary<ProtocolId, Exception>());
    }

    /// <summary>
    /// Lists <paramref name="owners"/> at every provider with a withdrawal queue: through <see cref="IWithdrawalBatchLister"/>
    /// where a provider has it (a few calls for all owners), otherwise one listing per owner; the providers run concurrently.
    /// </summary>
    /// <param name="providers">The registered providers.</param>
    /// <param name="owners">Whose requests to list.</param>
    /// <param name="head">The chain head the caller read just before (recorded as the block the requests were seen at), or null.</param>
    /// <param name="logger">Where a provider's failure is logged.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public static async Task<WithdrawalListing> ReadAsync(IReadOnlyList<IStakingProvider> providers, IReadOnlyCollection<Address> owners, ulong? head, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(providers);
        ArgumentNullException.ThrowIfNull(owners);
        ArgumentNullException.ThrowIfNull(logger);
        var distinct = owners.Distinct().ToArray();
        var byOwner = distinct.ToDictionary(o => o, _ => new Dictionary<ProtocolId, IReadOnlyList<WithdrawalRequest>>());
        var failures = new Dictionary<ProtocolId, Exception>();
        if (distinct.Length == 0) return new WithdrawalListing(head, byOwner, failures);

        var queued = providers.Where(p => p.Capabilities.HasFlag(StakingCapabilities.QueuedWithdrawal)).ToArray();
        var results = await Task.WhenAll(queued.Select(p => ListProviderAsync(p, distinct, logger, cancellationToken))).ConfigureAwait(false);
        for (int i = 0; i < queued.Length; i++)
        {
            var (lists, error) = results[i];
            if (error is not null)
            {
                failures[queued[i].Id] = error;
                continue;
            }
            foreach (var owner in distinct)
                byOwner[owner][queued[i].Id] = lists!.TryGetValue(owner, out var list) ? list : [];
        }
        return new WithdrawalListing(head, byOwner, failures);
    }
    private static async Task<(IReadOnlyDictionary<Address, IReadOnlyList<WithdrawalRequest>>? ByOwner, Exception? Error)> ListProviderAsync(
        IStakingProvider provider, Address[] owners, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            if (provider is IWithdrawalBatchLister batch)
                return (await batch.GetWithdrawalRequestsAsync(owners, cancellationToken).ConfigureAwait(false), null);
            var lists = await Task.WhenAll(owners.Select(o => provider.GetWithdrawalRequestsAsync(o, cancellationToken))).ConfigureAwait(false);
            var byOwner = new Dictionary<Address, IReadOnlyList<WithdrawalRequest>>(owners.Length);
            for (int i = 0; i < owners.Length; i++) byOwner[owners[i]] = lists[i];
            return (byOwner, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // One protocol's failure must not stop the listing of the others; it is reported.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogWarning(ex, "Listing {Protocol} withdrawals failed", provider.Id.Value);
            return (null, ex);
        }
    }
}
