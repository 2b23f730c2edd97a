using LiquidStake.Ethereum;

namespace LiquidStake.Sdk.Withdrawals;

/// <summary>Where a recorded withdrawal stands, as the ledger last saw it.</summary>
public enum LedgerEntryState
{
    /// <summary>Requested, waiting for finalization or a delay.</summary>
    Pending,

    /// <summary>Ready to claim.</summary>
    Claimable,

    /// <summary>Claimed; no longer re-checked.</summary>
    Claimed,

    /// <summary>The chain no longer knows the request (a reorg removed it, or it was never mined): needs attention.</summary>
    Dropped,
}

/// <summary>One recorded withdrawal.</summary>
/// <param name="Id">The request id (NFT id or withdrawal root).</param>
/// <param name="Owner">The account that can claim.</param>
/// <param name="State">Where it stands.</param>
/// <param name="LastKnown">The request as last read from the chain, when it was read.</param>
/// <param name="RecordedAt">When it was recorded.</param>
/// <param name="LastCheckedAt">When it was last re-read from the chain.</param>
/// <param name="TransactionHash">The transaction that requested it, when known.</param>
/// <param name="Note">Why it needs attention, or what changed last.</param>
/// <param name="AmountClaimed">What the claim paid (wei for Lido and ether.fi, underlying token units for EigenLayer), once claimed by the ledger's worker.</param>
/// <param name="ClaimTransactionHash">The transaction that claimed it, when the ledger's worker claimed it.</param>
/// <param name="RequestBlock">The block the request transaction was mined in, when known (checked for reorgs).</param>
/// <param name="ClaimBlock">The block the claim was mined in, when known (checked for reorgs).</param>
/// <param name="PendingClaim">A signed claim recorded before its broadcast and not yet completed from its receipt.</param>
/// <param name="LeaseHolder">The worker that holds the entry's lease, if any.</param>
/// <param name="LeaseUntil">When that lease ends.</param>
public sealed record WithdrawalLedgerEntry(
    WithdrawalId Id,
    Address Owner,
    LedgerEntryState State,
    WithdrawalRequest? LastKnown,
    DateTimeOffset RecordedAt,
    DateTimeOffset? LastCheckedAt,
    Hash32? TransactionHash = null,
    string? Note = null,
    System.Numerics.BigInteger? AmountClaimed = null,
    Hash32? ClaimTransactionHash = null,
    BlockRef? RequestBlock = null,
    BlockRef? ClaimBlock = null,
    PendingClaim? PendingClaim = null,
    string? LeaseHolder = null,
    DateTimeOffset? LeaseUntil = null)
{
    /// <summary>The protocol.</summary>
    public ProtocolId Protocol => Id.Protocol;

    /// <summary>True when someone should look at it (it was dropped).</summary>
    public bool NeedsAttention => State == LedgerEntryState.Dropped;
}

/// <summary>A failure to re-check one entry (the entry keeps its previous state).</summary>
/// <param name="Id">The entry.</param>
/// <param name="Error">What went wrong.</param>
public sealed record LedgerCheckError(WithdrawalId Id, Exception Error);

/// <summary>What a re-check found.</summary>
/// <param name="Checked">How many entries were re-read.</param>
/// <param name="Changed">Entries whose state changed (including those dropped or restored).</param>
/// <param name="Dropped">Entries the chain no longer knows, now <see cref="LedgerEntryState.Dropped"/>.</param>
/// <param name="Restored">Previously dropped entries the chain knows again (re-included after the reorg).</param>
/// <param name="Errors">Entries that could not be checked.</param>
public sealed record LedgerCheckReport(
    int Checked,
    IReadOnlyList<WithdrawalLedgerEntry> Changed,
    IReadOnlyList<WithdrawalLedgerEntry> Dropped,
    IReadOnlyList<WithdrawalLedgerEntry> Restored,
    IReadOnlyList<LedgerCheckError> Errors);

/// <summary>
/// Records every withdrawal request across protocols so they can be listed, re-checked after reorgs and claimed later.
/// The default is <see cref="InMemoryWithdrawalLedger"/>; replace it with a persistent one in DI. Implementations are thread-safe.
/// </summary>
public interface IWithdrawalLedger
{
    /// <summary>Records (or updates) a request. <paramref name="request"/> is its state when known.</summary>
    Task<WithdrawalLedgerEntry> RecordAsync(WithdrawalId id, Address owner, WithdrawalRequest? request = null, Hash32? transactionHash = null, CancellationToken cancellationToken = default);

    /// <summary>The entry of <paramref name="id"/>, or null.</summary>
    Task<WithdrawalLedgerEntry?> GetAsync(WithdrawalId id, CancellationToken cancellationToken = default);

    /// <summary>Every entry, optionally of one owner, protocol or state; ordered by protocol, then id.</summary>
    Task<IReadOnlyList<WithdrawalLedgerEntry>> ListAsync(Address? owner = null, ProtocolId? protocol = null, LedgerEntryState? state = null, CancellationToken cancellationToken = default);

    /// <summary>Pending entries across all protocols.</summary>
    Task<IReadOnlyList<WithdrawalLedgerEntry>> ListPendingAsync(Address? owner = null, CancellationToken cancellationToken = default);

    /// <summary>Claimable entries across all protocols.</summary>
    Task<IReadOnlyList<WithdrawalLedgerEntry>> ListClaimableAsync(Address? owner = null, CancellationToken cancellationToken = default);

    /// <summary>Reads every owner's requests from every provider and records those not yet known.</summary>
    Task<IReadOnlyList<WithdrawalLedgerEntry>> SyncAsync(Address owner, CancellationToken cancellationToken = default);

    /// <summary>
    /// Re-reads every entry not yet claimed from its provider (run after a reorg, or periodically). Entries the chain no
    /// longer knows become <see cref="LedgerEntryState.Dropped"/>; dropped entries found again are restored.
    /// </summary>
    Task<LedgerCheckReport> RecheckAsync(CancellationToken cancellationToken = default);
}
