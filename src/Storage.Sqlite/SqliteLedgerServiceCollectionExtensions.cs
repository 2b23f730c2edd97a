using LiquidStake.Sdk.Storage.Sqlite;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the SQLite withdrawal ledger.</summary>
public static class SqliteLedgerServiceCollectionExtensions
{
    /// <summary>
    /// Keeps the withdrawal ledger in the SQLite file at <paramref name="path"/> (created, in WAL mode, with its schema,
    /// on first use) instead of memory: entries, claims and history survive restarts.
    /// </summary>
    public static ILiquidStakeBuilder AddSqliteWithdrawalLedger(this ILiquidStakeBuilder builder, string path)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var dialect = new SqliteDialect(path);
        builder.Services.AddRelationalWithdrawalLedger(_ => dialect);
        return builder;
    }
}
