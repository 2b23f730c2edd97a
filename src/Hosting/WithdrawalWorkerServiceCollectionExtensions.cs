using LiquidStake.Sdk.Hosting;
using LiquidStake.Sdk.Withdrawals;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the withdrawal worker.</summary>
public static class WithdrawalWorkerServiceCollectionExtensions
{
    /// <summary>The name of the worker's health check.</summary>
    public const string HealthCheckName = "liquidstake-withdrawals";

    /// <summary>
    /// Adds the hosted withdrawal worker, its health check (<see cref="HealthCheckName"/>) and metrics. Needs a durable
    /// ledger: <c>.AddSqliteWithdrawalLedger(path)</c> or <c>.AddPostgreSqlWithdrawalLedger(connectionString)</c>; the host
    /// refuses to start without one, and with a store that cannot be opened.
    /// </summary>
    public static ILiquidStakeBuilder AddWithdrawalWorker(this ILiquidStakeBuilder builder, Action<WithdrawalWorkerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<WithdrawalWorkerOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WithdrawalWorkerOptions>, WithdrawalWorkerOptionsValidator>());
        services.TryAddSingleton<WithdrawalWorkerTelemetry>();
        services.TryAddSingleton(static sp => new WithdrawalClaimProcessor(
            sp.GetService<IDurableWithdrawalLedger>() ?? throw new LiquidStake.Sdk.Withdrawals.LedgerStorageException(
                "The withdrawal worker needs a durable ledger: add .AddSqliteWithdrawalLedger(path) or .AddPostgreSqlWithdrawalLedger(connectionString)."),
            sp.GetServices<LiquidStake.Sdk.IStakingProvider>(),
            sp.GetRequiredService<LiquidStake.Ethereum.Rpc.EthereumRpcClient>(),
            sp.GetRequiredService<LiquidStake.Ethereum.Sending.TransactionSender>(),
            sp.GetRequiredService<IOptions<WithdrawalWorkerOptions>>(),
            sp.GetRequiredService<WithdrawalWorkerTelemetry>(),
            sp.GetServices<IWithdrawalClaimObserver>(),
            sp.GetService<TimeProvider>(),
            sp.GetService<Logging.ILogger<WithdrawalClaimProcessor>>()));
        services.AddHostedService(static sp => new WithdrawalWorker(
            sp.GetRequiredService<WithdrawalClaimProcessor>(),
            sp.GetRequiredService<WithdrawalClaimProcessor>().Ledger,
            sp.GetRequiredService<IOptions<WithdrawalWorkerOptions>>(),
            sp.GetService<TimeProvider>(),
            sp.GetService<Logging.ILogger<WithdrawalWorker>>()));
        services.AddHealthChecks().Add(new HealthCheckRegistration(HealthCheckName,
            static sp => new WithdrawalWorkerHealthCheck(sp.GetRequiredService<WithdrawalClaimProcessor>(), sp.GetRequiredService<LiquidStake.Ethereum.Rpc.EthereumRpcClient>(),
                sp.GetRequiredService<IOptions<WithdrawalWorkerOptions>>(), sp.GetService<TimeProvider>()),
            HealthStatus.Unhealthy, ["liquidstake", "withdrawals"]));
        return builder;
    }
}
