using System.Data.Common;
using LiquidStake.Sdk.Withdrawals;
using Microsoft.Data.Sqlite;

namespace LiquidStake.Sdk.Storage.Sqlite;

/// <summary>SQLite: one file, WAL journal (readers never wait for the writer), writes serialized by <c>BEGIN IMMEDIATE</c>.</summary>
public sealed class SqliteDialect : SqlDialect
{
    private const int NotADatabase = 26;
    private const int Corrupt = 11;
    private const int CannotOpen = 14;
    private readonly string _connectionString;

    /// <summary>A dialect over the file at <paramref name="path"/> (created when missing).</summary>
    /// <param name="path">The ledger file.</param>
    /// <param name="busyTimeout">How long a write waits for another writer of the same file. Default 30 s.</param>
    public SqliteDialect(string path, TimeSpan? busyTimeout = null)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new LiquidStakeArgumentException(nameof(path), "is empty", "the path of the ledger file");
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling((busyTimeout ?? TimeSpan.FromSeconds(30)).TotalSeconds),
        }.ToString();
    }

    /// <summary>The full path of the ledger file.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public override string Name => "SQLite";

    /// <inheritdoc/>
    public override string BinaryType => "BLOB";

    /// <inheritdoc/>
    public override string AutoIncrementKey => "INTEGER PRIMARY KEY AUTOINCREMENT";

    /// <inheritdoc/>
    public override string SkipLockedClause => string.Empty;

    /// <inheritdoc/>
    public override string RowLockClause => string.Empty;

    /// <inheritdoc/>
    public override string TableExistsSql => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @name";

    /// <inheritdoc/>
    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var pragma = connection.CreateCommand();
            // WAL is a property of the file (set once, kept). synchronous=FULL: a commit that returned is on disk, which the signed-claim record before a broadcast relies on.
            pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc/>
    public override Task LockMigrationsAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask; // BEGIN IMMEDIATE already holds the file's write lock.

    /// <inheritdoc/>
    public override async Task<bool> HoldsForeignDataAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <inheritdoc/>
    public override Exception? TranslateStartupError(Exception error) => error switch
    {
        SqliteException { SqliteErrorCode: NotADatabase or Corrupt } e =>
            new LedgerStorageException($"The ledger file '{Path}' is not a SQLite database or is damaged (SQLite error {e.SqliteErrorCode}); restore it from a backup or point the ledger at another file.", e),
        SqliteException { SqliteErrorCode: CannotOpen } e =>
            new LedgerStorageException($"The ledger file '{Path}' cannot be opened: check that its directory exists and is writable.", e),
        SqliteException e => new LedgerStorageException($"The SQLite ledger '{Path}' cannot be used: {e.Message}", e),
        _ => null,
    };
}
