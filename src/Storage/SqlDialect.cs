using System.Data.Common;

namespace LiquidStake.Sdk.Storage;

/// <summary>
/// What differs between the SQL databases the ledger runs on. Everything else (schema, queries, semantics) is shared
/// by <see cref="RelationalWithdrawalLedger"/>.
/// </summary>
public abstract class SqlDialect
{
    /// <summary>A short name for messages, for example "SQLite".</summary>
    public abstract string Name { get; }

    /// <summary>The column type of raw bytes.</summary>
    public abstract string BinaryType { get; }

    /// <summary>The column definition of an auto-incremented 64-bit primary key.</summary>
    public abstract string AutoIncrementKey { get; }

    /// <summary>Appended to the inner SELECT of a lease so concurrent workers skip rows another one is taking ("" where writes are serialized).</summary>
    public abstract string SkipLockedClause { get; }

    /// <summary>Appended to a SELECT that reads a row to update it in the same transaction ("" where writes are serialized).</summary>
    public abstract string RowLockClause { get; }

    /// <summary>A query with one parameter <c>@name</c> that counts tables of that name in the ledger's schema.</summary>
    public abstract string TableExistsSql { get; }

    /// <summary>Opens a connection (pooled by the provider).</summary>
    public abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Serializes migrations between processes inside <paramref name="transaction"/>.</summary>
    public abstract Task LockMigrationsAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>True when the database holds tables of another application and no ledger (a foreign file must not be written to).</summary>
    public abstract Task<bool> HoldsForeignDataAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>Turns a provider's failure to open or read the store into a <see cref="Withdrawals.LedgerStorageException"/> (or returns null to keep it).</summary>
    public abstract Exception? TranslateStartupError(Exception error);
}
