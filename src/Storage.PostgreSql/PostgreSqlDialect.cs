using System.Data.Common;
using System.Net.Sockets;
using LiquidStake.Sdk.Withdrawals;
using Npgsql;

namespace LiquidStake.Sdk.Storage.PostgreSql;

/// <summary>
/// PostgreSQL: several instances share one database; leases skip rows another worker holds (<c>FOR UPDATE SKIP LOCKED</c>),
/// rows read for an update are locked (<c>FOR UPDATE</c>), and migrations are serialized by an advisory lock.
/// </summary>
public sealed class PostgreSqlDialect : SqlDialect, IAsyncDisposable, IDisposable
{
    // An arbitrary constant that names "LiquidStake ledger migrations" among advisory locks.
    private const long MigrationLockKey = 0x4C53_4C45_4447_4552;
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _where;

    /// <summary>A dialect over <paramref name="dataSource"/> (its owner disposes it).</summary>
    public PostgreSqlDialect(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        var builder = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        // Host, port and database only: the password (and the rest of the connection string) never reaches a message or a log.
        _where = $"{builder.Host}:{builder.Port}/{builder.Database}";
    }

    /// <summary>A dialect over a connection string; the data source it builds is disposed with the dialect.</summary>
    /// <exception cref="LiquidStakeArgumentException">The connection string cannot be parsed (it is not echoed).</exception>
    public static PostgreSqlDialect FromConnectionString(string connectionString) =>
        new(ParseConnectionString(connectionString).Build()) { OwnsDataSource = true };

    /// <summary>Checks a connection string without connecting.</summary>
    /// <exception cref="LiquidStakeArgumentException">It is empty, malformed or has no host (it is not echoed).</exception>
    public static void ValidateConnectionString(string connectionString) => ParseConnectionString(connectionString);

    private static NpgsqlSlimDataSourceBuilder ParseConnectionString(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString)) throw new LiquidStakeArgumentException(nameof(connectionString), "is empty", "a PostgreSQL connection string");
        NpgsqlSlimDataSourceBuilder builder;
        try
        {
            builder = new NpgsqlSlimDataSourceBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            // The parser's message quotes the offending part, which may be the password: say only what is wrong.
            throw new LiquidStakeArgumentException(nameof(connectionString), "is not a valid PostgreSQL connection string (keywords such as Host, Port, Database, Username, Password)");
        }
        if (string.IsNullOrWhiteSpace(builder.ConnectionStringBuilder.Host))
            throw new LiquidStakeArgumentException(nameof(connectionString), "has no Host", "Host=…");
        return builder;
    }

    private bool OwnsDataSource { get; init; }

    /// <inheritdoc/>
    public override string Name => "PostgreSQL";

    /// <inheritdoc/>
    public override string BinaryType => "BYTEA";

    /// <inheritdoc/>
    public override string AutoIncrementKey => "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";

    /// <inheritdoc/>
    public override string SkipLockedClause => " FOR UPDATE SKIP LOCKED";

    /// <inheritdoc/>
    public override string RowLockClause => " FOR UPDATE";

    /// <inheritdoc/>
    public override string TableExistsSql => "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = @name";

    /// <inheritdoc/>
    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public override async Task LockMigrationsAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT pg_advisory_xact_lock({MigrationLockKey})";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override Task<bool> HoldsForeignDataAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.FromResult(false); // A shared database is normal here; the ledger's tables carry their own prefix and marker.

    /// <inheritdoc/>
    public override Exception? TranslateStartupError(Exception error) => error switch
    {
        PostgresException e => new LedgerStorageException($"The PostgreSQL ledger at {_where} refused the start-up (SQLSTATE {e.SqlState}: {e.MessageText}).", e),
        NpgsqlException { InnerException: SocketException or TimeoutException } e =>
            new LedgerStorageException($"The PostgreSQL ledger at {_where} cannot be reached: check the host, port and that the server runs.", e),
        NpgsqlException e => new LedgerStorageException($"The PostgreSQL ledger at {_where} cannot be used: {e.GetType().Name}.", e),
        SocketException e => new LedgerStorageException($"The PostgreSQL ledger at {_where} cannot be reached.", e),
        _ => null,
    };

    /// <inheritdoc/>
    public void Dispose()
    {
        if (OwnsDataSource) _dataSource.Dispose();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (OwnsDataSource) await _dataSource.DisposeAsync().ConfigureAwait(false);
    }
}
