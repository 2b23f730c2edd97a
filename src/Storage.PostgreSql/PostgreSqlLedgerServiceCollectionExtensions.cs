using LiquidStake.Sdk.Storage.PostgreSql;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the PostgreSQL withdrawal ledger.</summary>
public static class PostgreSqlLedgerServiceCollectionExtensions
{
    /// <summary>
    /// Keeps the withdrawal ledger in PostgreSQL (schema created and migrated on first use) so several instances can
    /// share it: each request is leased by one worker at a time. The connection string may hold a password; it is never
    /// logged or put in an exception.
    /// </summary>
    /// <exception cref="LiquidStake.LiquidStakeArgumentException">The connection string is empty or malformed.</exception>
    public static ILiquidStakeBuilder AddPostgreSqlWithdrawalLedger(this ILiquidStakeBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        PostgreSqlDialect.ValidateConnectionString(connectionString);
        // Built by the container, which then disposes it (and its connection pool) with itself.
        builder.Services.AddSingleton(_ => PostgreSqlDialect.FromConnectionString(connectionString));
        builder.Services.AddRelationalWithdrawalLedger(static sp => sp.GetRequiredService<PostgreSqlDialect>());
        return builder;
    }
}
