using System.Data.Common;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Sdk.Withdrawals;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static LiquidStake.Sdk.Storage.Db;

namespace LiquidStake.Sdk.Storage;

/// <summary>
/// An <see cref="IDurableWithdrawalLedger"/> in a SQL database: one row per request, a history row per state change,
/// every write in one transaction (a failure leaves no half-written rows). The schema is created and migrated by the
/// library on first use (<see cref="InitializeAsync"/>). Thread-safe: each call uses its own pooled connection.
/// The database specifics live in the <see cref="SqlDialect"/>.
/// </summary>
public partial class RelationalWithdrawalLedger : IDurableWithdrawalLedger
{
    private const string Select = $"SELECT {LedgerSchema.EntryColumns} FROM {LedgerSchema.Entries}";
    private readonly SqlDialect _dialect;
    private readonly IReadOnlyList<IStakingProvider> _providers;
    private readonly EthereumRpcClient? _rpc;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _initGate = new();
    private Task? _initialization;

    /// <summary>Creates a ledger over <paramref name="dialect"/>.</summary>
    /// <param name="dialect">The database.</param>
    /// <param name="providers">The providers that read requests from the chain.</param>
    /// <param name="rpc">Reads the head block so history rows carry the block they were seen at; null to leave it out.</param>
    /// <param name="timeProvider">The clock; null for the system clock.</param>
    /// <param name="logger">Logs request ids and states, never connection strings.</param>
    public RelationalWithdrawalLedger(SqlDialect dialect, IEnumerable<IStakingProvider> providers, EthereumRpcClient? rpc = null, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(providers);
        _dialect = dialect;
        _providers = providers.ToArray();
        _rpc = rpc;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The dialect in use.</summary>
    public SqlDialect Dialect => _dialect;

    /// <summary>
    /// Opens the store, creates the schema or migrates it to <see cref="LedgerSchema.CurrentVersion"/>. Called on first use;
    /// call it at start-up to fail fast.
    /// </summary>
    /// <exception cref="LedgerSchemaException">The database holds another application's data, or a newer schema.</exception>
    /// <exception cref="LedgerStorageException">The store cannot be opened or read (unreachable, corrupt).</exception>
    public Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        lock (_initGate)
        {
            // One migration per ledger object; a failed one is tried again on the next call.
            if (_initialization is null || _initialization.IsFaulted || _initialization.IsCanceled) _initialization = InitializeCoreAsync();
            return _initialization.IsCompletedSuccessfully ? Task.CompletedTask : _initialization.WaitAsync(cancellationToken);
        }
    }

    private async Task InitializeCoreAsync()
    {
        try
        {
            await MigrateAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not LedgerStorageException && _dialect.TranslateStartupError(ex) is { } translated)
        {
            throw translated;
        }
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await _dialect.LockMigrationsAsync(connection, tx, cancellationToken).ConfigureAwait(false);
        var exists = Convert.ToInt64(await ScalarAsync(connection, tx, _dialect.TableExistsSql, [P("@name", LedgerSchema.Meta)], cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0;
        int version = 0;
        if (!exists)
        {
            if (await _dialect.HoldsForeignDataAsync(connection, tx, cancellationToken).ConfigureAwait(false))
                throw new LedgerSchemaException($"The {_dialect.Name} database holds tables of another application and no LiquidStake withdrawal ledger; give the ledger its own file or database.");
            await ExecuteAsync(connection, tx, $"CREATE TABLE {LedgerSchema.Meta} (key TEXT PRIMARY KEY, value TEXT NOT NULL)", null, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, tx, $"INSERT INTO {LedgerSchema.Meta} (key, value) VALUES ('app', @app), ('version', '0')", [P("@app", LedgerSchema.ApplicationMarker)], cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var app = await ScalarAsync(connection, tx, $"SELECT value FROM {LedgerSchema.Meta} WHERE key = 'app'", null, cancellationToken).ConfigureAwait(false) as string;
            if (app != LedgerSchema.ApplicationMarker)
                throw new LedgerSchemaException($"The {_dialect.Name} database has a '{LedgerSchema.Meta}' table that does not belong to a LiquidStake withdrawal ledger.");
            var text = await ScalarAsync(connection, tx, $"SELECT value FROM {LedgerSchema.Meta} WHERE key = 'version'", null, cancellationToken).ConfigureAwait(false) as string;
            if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out version))
                throw new LedgerSchemaException($"The {_dialect.Name} ledger's schema version '{text}' is not a number.");
            if (version > LedgerSchema.CurrentVersion)
                throw new LedgerSchemaException(
                    $"The {_dialect.Name} ledger has schema version {version}, newer than version {LedgerSchema.CurrentVersion} that this LiquidStake knows: upgrade the application (it will not write to a newer schema).",
                    version, LedgerSchema.CurrentVersion);
        }
        for (int v = version; v < LedgerSchema.CurrentVersion; v++)
        {
            foreach (var statement in LedgerSchema.Migrations[v](_dialect))
                await ExecuteAsync(connection, tx, statement, null, cancellationToken).ConfigureAwait(false);
            Log.Migrated(_logger, _dialect.Name, v + 1);
        }
        if (version != LedgerSchema.CurrentVersion)
            await ExecuteAsync(connection, tx, $"UPDATE {LedgerSchema.Meta} SET value = @v WHERE key = 'version'", [P("@v", LedgerSchema.CurrentVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))], cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="work"/> in one transaction on an initialized store; commits when it returns.</summary>
    protected async Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var result = await work(connection, tx).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    private async Task<List<WithdrawalLedgerEntry>> QueryEntriesAsync(string where, IEnumerable<KeyValuePair<string, object?>>? parameters, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, null, $"{Select} {where}", parameters, EntryRows.Read, cancellationToken).ConfigureAwait(false);
    }

    private async Task<WithdrawalLedgerEntry?> LockedGetAsync(DbConnection connection, DbTransaction tx, WithdrawalId id, CancellationToken cancellationToken) =>
        (await QueryAsync(connection, tx, $"{Select} WHERE id = @id{_dialect.RowLockClause}", [P("@id", id.ToString())], EntryRows.Read, cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    /// <summary>Writes <paramref name="updated"/> and, when its state differs from <paramref name="before"/>'s (or it is new), a history row.</summary>
    private async Task WriteAsync(DbConnection connection, DbTransaction tx, WithdrawalLedgerEntry? before, WithdrawalLedgerEntry updated, ulong? block, string? note, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, tx, before is null ? EntryRows.InsertSql : EntryRows.UpdateSql, EntryRows.Parameters(updated), cancellationToken).ConfigureAwait(false);
        if (before is null || before.State != updated.State || note is not null)
        {
            await ExecuteAsync(connection, tx, $"INSERT INTO {LedgerSchema.History} (id, state, block_number, at, note) VALUES (@id, @state, @block, @at, @note)",
                [P("@id", updated.Id.ToString()), P("@state", updated.State.ToString()), P("@block", block is { } b ? checked((long)b) : null),
                 P("@at", EntryRows.Millis(_time.GetUtcNow())), P("@note", note ?? updated.Note)], cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ulong?> HeadAsync(CancellationToken cancellationToken) =>
        _rpc is null ? null : await _rpc.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public virtual async Task<WithdrawalLedgerEntry> RecordAsync(WithdrawalId id, Address owner, WithdrawalRequest? request = null, Hash32? transactionHash = null, CancellationToken cancellationToken = default)
    {
        WithdrawalLedgerChecks.CheckRequestMatches(id, request);
        var head = request is null ? null : await HeadAsync(cancellationToken).ConfigureAwait(false);
        return await InTransactionAsync((c, tx) => UpsertAsync(c, tx, id, owner, request, transactionHash, head, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private async Task<WithdrawalLedgerEntry> UpsertAsync(DbConnection c, DbTransaction tx, WithdrawalId id, Address owner, WithdrawalRequest? request, Hash32? transactionHash, ulong? head, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var existing = await LockedGetAsync(c, tx, id, cancellationToken).ConfigureAwait(false);
        WithdrawalLedgerEntry entry;
        if (existing is not null)
        {
            WithdrawalLedgerChecks.CheckOwner(id, existing.Owner, owner);
            entry = existing with
            {
                LastKnown = request ?? existing.LastKnown,
                // A claimed entry stays claimed: the chain cannot un-claim, and a pending claim keeps its state until its receipt.
                State = request is null || existing.State == LedgerEntryState.Claimed ? existing.State : WithdrawalLedgerChecks.ToState(request.Status),
                LastCheckedAt = request is null ? existing.LastCheckedAt : now,
                TransactionHash = transactionHash ?? existing.TransactionHash,
            };
        }
        else
        {
            entry = new WithdrawalLedgerEntry(id, owner, request is null ? LedgerEntryState.Pending : WithdrawalLedgerChecks.ToState(request.Status), request, now, request is null ? null : now, transactionHash);
        }
        await WriteAsync(c, tx, existing, entry, head, existing is null ? "recorded" : null, cancellationToken).ConfigureAwait(false);
        return entry;
    }

    /// <inheritdoc/>
    public virtual async Task<WithdrawalLedgerEntry?> GetAsync(WithdrawalId id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return (await QueryEntriesAsync("WHERE id = @id", [P("@id", id.ToString())], cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    /// <inheritdoc/>
    public virtual async Task<IReadOnlyList<WithdrawalLedgerEntry>> ListAsync(Address? owner = null, ProtocolId? protocol = null, LedgerEntryState? state = null, CancellationToken cancellationToken = default)
    {
        // Filters are added only when given: PostgreSQL cannot type a NULL parameter in "@x IS NULL".
        var clauses = new List<string>();
        var parameters = new List<KeyValuePair<string, object?>>();
        if (owner is { } o) { clauses.Add("owner = @owner"); parameters.Add(P("@owner", o.ToString())); }
        if (protocol is { } p) { clauses.Add("protocol = @protocol"); parameters.Add(P("@protocol", p.Value)); }
        if (state is { } st) { clauses.Add("state = @state"); parameters.Add(P("@state", st.ToString())); }
        var rows = await QueryEntriesAsync(clauses.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", clauses), parameters, cancellationToken).ConfigureAwait(false);
        return Ordered(rows);
    }

    /// <summary>Protocol, then request number (numerically), then root: the order of every ledger.</summary>
    private static WithdrawalLedgerEntry[] Ordered(IEnumerable<WithdrawalLedgerEntry> rows) => rows
        .OrderBy(e => e.Protocol.Value, StringComparer.Ordinal)
        .ThenBy(e => e.Id.RequestId ?? System.Numerics.BigInteger.MinusOne)
        .ThenBy(e => e.Id.WithdrawalRoot?.ToString() ?? string.Empty, StringComparer.Ordinal)
        .ToArray();

    /// <inheritdoc/>
    public virtual Task<IReadOnlyList<WithdrawalLedgerEntry>> ListPendingAsync(Address? owner = null, CancellationToken cancellationToken = default) =>
        ListAsync(owner, null, LedgerEntryState.Pending, cancellationToken);

    /// <inheritdoc/>
    public virtual Task<IReadOnlyList<WithdrawalLedgerEntry>> ListClaimableAsync(Address? owner = null, CancellationToken cancellationToken = default) =>
        ListAsync(owner, null, LedgerEntryState.Claimable, cancellationToken);

    /// <inheritdoc/>
    public virtual async Task<IReadOnlyList<WithdrawalLedgerEntry>> SyncAsync(Address owner, CancellationToken cancellationToken = default)
    {
        var head = await HeadAsync(cancellationToken).ConfigureAwait(false);
        var requests = await WithdrawalLedgerChecks.ReadOwnerRequestsAsync(_providers, owner, cancellationToken).ConfigureAwait(false);
        return await AddNewAsync([(owner, requests)], head, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public virtual Task<IReadOnlyList<WithdrawalLedgerEntry>> SyncAsync(WithdrawalListing listing, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return AddNewAsync(listing.Owners.Select(o => (o, listing.RequestsOf(o))).ToArray(), listing.Head, cancellationToken);
    }

    private async Task<IReadOnlyList<WithdrawalLedgerEntry>> AddNewAsync(IReadOnlyList<(Address Owner, IReadOnlyList<WithdrawalRequest> Requests)> lists, ulong? head, CancellationToken cancellationToken)
    {
        if (lists.All(l => l.Requests.Count == 0)) return [];
        return await InTransactionAsync(async (c, tx) =>
        {
            var added = new List<WithdrawalLedgerEntry>();
            foreach (var (owner, requests) in lists)
            {
                if (requests.Count == 0) continue;
                var known = (await QueryAsync(c, tx, $"SELECT id FROM {LedgerSchema.Entries} WHERE owner = @owner", [P("@owner", owner.ToString())], r => r.GetString(0), cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
                foreach (var request in requests)
                {
                    // Requests already known are refreshed by RecheckAsync; Sync only adds new ones (one write per new request).
                    if (known.Contains(request.Id.ToString())) continue;
                    added.Add(await UpsertAsync(c, tx, request.Id, owner, request, null, head, cancellationToken).ConfigureAwait(false));
                }
            }
            return (IReadOnlyList<WithdrawalLedgerEntry>)added;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public virtual Task<LedgerCheckReport> RecheckAsync(CancellationToken cancellationToken = default) => RecheckCoreAsync(null, cancellationToken);

    /// <inheritdoc/>
    public virtual Task<LedgerCheckReport> RecheckAsync(WithdrawalListing listing, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return RecheckCoreAsync(listing, cancellationToken);
    }

    private async Task<LedgerCheckReport> RecheckCoreAsync(WithdrawalListing? listing, CancellationToken cancellationToken)
    {
        var snapshot = await QueryEntriesAsync("WHERE state <> 'Claimed' AND pending_tx IS NULL ORDER BY id", null, cancellationToken).ConfigureAwait(false);
        var head = listing?.Head ?? await HeadAsync(cancellationToken).ConfigureAwait(false);
        var (reads, errors) = await WithdrawalLedgerChecks.ReadAsync(_providers, snapshot, _logger, cancellationToken, listing).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var applied = await InTransactionAsync(async (c, tx) =>
        {
            var list = new List<(WithdrawalLedgerEntry, WithdrawalLedgerEntry, LedgerTransition)>();
            foreach (var read in reads)
            {
                var current = await LockedGetAsync(c, tx, read.Entry.Id, cancellationToken).ConfigureAwait(false);
                // Skip entries that moved meanwhile (another worker claimed them): the next re-check sees them as they are now.
                if (current is null || current.State != read.Entry.State || current.PendingClaim is not null) continue;
                var (updated, transition) = WithdrawalLedgerChecks.Apply(current, read.Found, now);
                if (transition == LedgerTransition.None && updated.LastKnown == current.LastKnown) continue;
                if (transition == LedgerTransition.Dropped) Log.Dropped(_logger, current.Id.ToString(), current.Owner.ToString());
                await WriteAsync(c, tx, current, updated, head, null, cancellationToken).ConfigureAwait(false);
                list.Add((current, updated, transition));
            }
            return list;
        }, cancellationToken).ConfigureAwait(false);
        return WithdrawalLedgerChecks.Report(reads.Count, applied, errors);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "{Store} withdrawal ledger migrated to schema version {Version}")]
        public static partial void Migrated(ILogger logger, string store, int version);

        [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Withdrawal {RequestId} of {Owner} is no longer on chain")]
        public static partial void Dropped(ILogger logger, string requestId, string owner);
    }
}
