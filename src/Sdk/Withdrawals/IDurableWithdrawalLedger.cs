using System.Numerics;
using LiquidStake.Ethereum;

namespace LiquidStake.Sdk.Withdrawals;

/// <summary>A block by number and hash: where something was seen, so a reorg can be detected later.</summary>
/// <param name="Number">The block number.</param>
/// <param name="Hash">The block hash.</param>
public sealed record BlockRef(ulong Number, Hash32 Hash);

/// <summary>
/// A claim transaction signed and stored before it was broadcast. After a crash it is looked up on chain and, if the
/// chain never saw it, the same bytes are broadcast again: the same nonce, never a second claim.
/// </summary>
/// <param name="Hash">The transaction hash.</param>
/// <param name="From">The signer.</param>
/// <param name="Nonce">Its nonce.</param>
/// <param name="Raw">The signed bytes, ready for <c>eth_sendRawTransaction</c>.</param>
/// <param name="SignedAt">When it was signed.</param>
public sealed record PendingClaim(Hash32 Hash, Address From, ulong Nonce, ReadOnlyMemory<byte> Raw, DateTimeOffset SignedAt)
{
    /// <summary>Equal when every field is, the signed bytes compared by content.</summary>
    public bool Equals(PendingClaim? other) =>
        other is not null && Hash == other.Hash && From == other.From && Nonce == other.Nonce && SignedAt == other.SignedAt && Raw.Span.SequenceEqual(other.Raw.Span);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Hash, From, Nonce, SignedAt);
}

/// <summary>What one claimed request paid, taken from the claim's receipt.</summary>
/// <param name="Id">The request.</param>
/// <param name="AmountClaimed">What the claim paid for it.</param>
public sealed record ClaimedAmount(WithdrawalId Id, BigInteger AmountClaimed);

/// <summary>One change of an entry's state, as stored.</summary>
/// <param name="Id">The entry.</param>
/// <param name="State">The state it moved to.</param>
/// <param name="BlockNumber">The chain head (or the transaction's block) when it moved, when known.</param>
/// <param name="At">When it moved.</param>
/// <param name="Note">Why.</param>
public sealed record LedgerStateChange(WithdrawalId Id, LedgerEntryState State, ulong? BlockNumber, DateTimeOffset At, string? Note);

/// <summary>Counts for health checks and metrics.</summary>
/// <param name="Pending">Entries waiting for finalization or a delay.</param>
/// <param name="Claimable">Entries ready to claim.</param>
/// <param name="Claimed">Entries claimed.</param>
/// <param name="Dropped">Entries the chain no longer knows.</param>
/// <param name="PendingClaims">Entries with a signed claim not yet completed from its receipt.</param>
/// <param name="OldestPendingClaimAt">When the oldest of those was signed.</param>
public sealed record LedgerStatistics(long Pending, long Claimable, long Claimed, long Dropped, long PendingClaims, DateTimeOffset? OldestPendingClaimAt);

/// <summary>
/// A persistent <see cref="IWithdrawalLedger"/> that several workers (threads, processes or machines) can share:
/// entries are leased before they are claimed, a signed claim is recorded before it is broadcast, and every state
/// change is kept in the entry's history. Implemented by the SQLite and PostgreSQL stores.
/// </summary>
public interface IDurableWithdrawalLedger : IWithdrawalLedger
{
    /// <summary>Opens the store and creates or migrates its schema; every other call does it on first use. Call it at start-up to fail fast.</summary>
    /// <exception cref="LedgerSchemaException">The store holds another application's data or a newer schema.</exception>
    /// <exception cref="LedgerStorageException">The store cannot be opened or read.</exception>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Leases up to <paramref name="max"/> entries that need a claim (claimable with no claim recorded) or a recovery
    /// (a pending claim), whose lease is free, expired or already <paramref name="workerId"/>'s. Two workers never hold
    /// the same entry.
    /// </summary>
    /// <param name="workerId">Who leases.</param>
    /// <param name="duration">How long the lease lasts.</param>
    /// <param name="max">Most entries to lease.</param>
    /// <param name="owners">Only entries of these owners (the accounts the worker can sign for); null for all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<WithdrawalLedgerEntry>> LeaseClaimsAsync(string workerId, TimeSpan duration, int max, IReadOnlyCollection<Address>? owners = null, CancellationToken cancellationToken = default);

    /// <summary>Gives back the leases <paramref name="workerId"/> holds on <paramref name="ids"/>.</summary>
    Task ReleaseAsync(string workerId, IReadOnlyList<WithdrawalId> ids, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a signed claim of <paramref name="requests"/> (as read from the chain just before signing) before it is
    /// broadcast, in one transaction. Entries with a pending claim are left alone by <see cref="IWithdrawalLedger.RecheckAsync"/>
    /// until the claim is completed or abandoned.
    /// </summary>
    /// <exception cref="LedgerLeaseLostException">The worker no longer holds the lease of one of them; nothing was written.</exception>
    Task RecordPendingClaimAsync(string workerId, IReadOnlyList<WithdrawalRequest> requests, PendingClaim claim, CancellationToken cancellationToken = default);

    /// <summary>
    /// Completes a claim from its receipt: Claimed, with the claim transaction, its block and what each paid; leases are
    /// cleared and the signed bytes kept (a reorg that removes the claim re-broadcasts them).
    /// </summary>
    Task CompleteClaimAsync(Hash32 claimTransaction, BlockRef block, IReadOnlyList<ClaimedAmount> amounts, CancellationToken cancellationToken = default);

    /// <summary>
    /// Forgets a pending claim that can never be mined (its nonce was used by another transaction): the entries go
    /// back to Claimable and are re-read from the chain.
    /// </summary>
    Task AbandonPendingClaimAsync(Hash32 claimTransaction, string note, CancellationToken cancellationToken = default);

    /// <summary>
    /// A claim whose block is no longer canonical: the entries go back to Claimable with the signed claim kept as pending,
    /// so the same bytes are looked up and re-broadcast rather than signed anew.
    /// </summary>
    Task RevertClaimAsync(Hash32 claimTransaction, string note, CancellationToken cancellationToken = default);

    /// <summary>Records the block a request transaction was mined in.</summary>
    Task SetRequestBlockAsync(WithdrawalId id, BlockRef block, CancellationToken cancellationToken = default);

    /// <summary>A request whose block is no longer canonical: its block is forgotten and it is re-read at the next re-check.</summary>
    Task ForgetRequestBlockAsync(WithdrawalId id, string note, CancellationToken cancellationToken = default);

    /// <summary>Claimed entries whose claim block is at or above <paramref name="fromBlock"/> (to re-check them for reorgs).</summary>
    Task<IReadOnlyList<WithdrawalLedgerEntry>> ListClaimedSinceAsync(ulong fromBlock, CancellationToken cancellationToken = default);

    /// <summary>Entries with a request transaction whose block is unknown or at or above <paramref name="fromBlock"/>.</summary>
    Task<IReadOnlyList<WithdrawalLedgerEntry>> ListRequestsToConfirmAsync(ulong fromBlock, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records the requests of <paramref name="listing"/> that the ledger does not know yet (known ones are refreshed by
    /// <see cref="RecheckAsync(WithdrawalListing, CancellationToken)"/>), for every owner listed, without reading the chain again.
    /// </summary>
    Task<IReadOnlyList<WithdrawalLedgerEntry>> SyncAsync(WithdrawalListing listing, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="IWithdrawalLedger.RecheckAsync"/> answered from <paramref name="listing"/> where it covers an entry's
    /// protocol and owner; the rest (owners not listed, requests the listing no longer shows) are read from the chain.
    /// </summary>
    Task<LedgerCheckReport> RecheckAsync(WithdrawalListing listing, CancellationToken cancellationToken = default);

    /// <summary>Every owner in the ledger, ordered.</summary>
    Task<IReadOnlyList<Address>> ListOwnersAsync(CancellationToken cancellationToken = default);

    /// <summary>The state changes of one entry, oldest first.</summary>
    Task<IReadOnlyList<LedgerStateChange>> GetHistoryAsync(WithdrawalId id, CancellationToken cancellationToken = default);

    /// <summary>Entries, <paramref name="limit"/> at a time after <paramref name="after"/> (ordered by id text), for paging through a large ledger.</summary>
    Task<IReadOnlyList<WithdrawalLedgerEntry>> ListPageAsync(string? after, int limit, CancellationToken cancellationToken = default);

    /// <summary>Counts by state and the age of the oldest pending claim.</summary>
    Task<LedgerStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default);
}
