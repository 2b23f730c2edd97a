using LiquidStake.Sdk.Hosting;
using LiquidStake.Sdk.Storage;
using LiquidStake.Sdk.Storage.PostgreSql;
using LiquidStake.Sdk.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the withdrawal ledger's store from <see cref="WithdrawalLedgerOptions"/>.</summary>
public static class WithdrawalLedgerServiceCollectionExtensions
{
    /// <summary>
    /// Keeps the withdrawal ledger in the store <paramref name="configure"/> chooses (SQLite by default, or PostgreSQL).
    /// The options are validated when the host starts, with a message naming the option.
    /// </summary>
    public static ILiquidStakeBuilder AddWithdrawalLedger(this ILiquidStakeBuilder builder, Action<WithdrawalLedgerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<WithdrawalLedgerOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WithdrawalLedgerOptions>, WithdrawalLedgerOptionsValidator>());
        services.TryAddSingleton<SqlDialect>(static sp =>
        {
            var options = sp.GetRequiredService<IOptions<WithdrawalLedgerOptions>>().Value;
            return options.Store switch
            {
                WithdrawalLedgerStore.PostgreSql => PostgreSqlDialect.FromConnectionString(options.PostgreSqlConnectionString!),
                _ => new SqliteDialect(options.SqlitePath),
            };
        });
        services.AddRelationalWithdrawalLedger(static sp => sp.GetRequiredService<SqlDialect>());
        return builder;
    }
}

/// <summary>Checks <see cref="WithdrawalLedgerOptions"/> at start-up.</summary>
internal sealed class WithdrawalLedgerOptionsValidator : IValidateOptions<WithdrawalLedgerOptions>
{
    public ValidateOptionsResult Validate(string? name, WithdrawalLedgerOptions options)
    {
        switch (options.Store)
        {
            case WithdrawalLedgerStore.Sqlite:
                if (string.IsNullOrWhiteSpace(options.SqlitePath))
                    return ValidateOptionsResult.Fail("Withdrawal ledger option 'SqlitePath' is required for the SQLite store.");
                var directory = Path.GetDirectoryName(Path.GetFullPath(options.SqlitePath));
                if (directory is not null && !Directory.Exists(directory))
                    return ValidateOptionsResult.Fail($"Withdrawal ledger option 'SqlitePath': the directory '{directory}' does not exist.");
                return ValidateOptionsResult.Success;
            case WithdrawalLedgerStore.PostgreSql:
                if (string.IsNullOrWhiteSpace(options.PostgreSqlConnectionString))
                    return ValidateOptionsResult.Fail("Withdrawal ledger option 'PostgreSqlConnectionString' is required for the PostgreSQL store.");
                try
                {
                    PostgreSqlDialect.ValidateConnectionString(options.PostgreSqlConnectionString);
                }
                catch (LiquidStake.LiquidStakeArgumentException e)
                {
                    return ValidateOptionsResult.Fail($"Withdrawal ledger option 'PostgreSqlConnectionString' {e.Reason}.");
                }
                return ValidateOptionsResult.Success;
            default:
                return ValidateOptionsResult.Fail($"Withdrawal ledger option 'Store' is {options.Store}: use Sqlite or PostgreSql.");
        }
    }
}
