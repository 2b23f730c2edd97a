using LiquidStake.Ethereum.Rpc;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Storage;
using LiquidStake.Sdk.Withdrawals;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The registration every relational store shares: one ledger, registered as itself and as both ledger interfaces.</summary>
public static class RelationalLedgerRegistration
{
    /// <summary>
    /// Registers a <see cref="RelationalWithdrawalLedger"/> over the dialect <paramref name="dialect"/> builds, replacing
    /// the in-memory ledger <c>AddLiquidStake</c> registers, as <see cref="IWithdrawalLedger"/> and <see cref="IDurableWithdrawalLedger"/>.
    /// </summary>
    public static IServiceCollection AddRelationalWithdrawalLedger(this IServiceCollection services, Func<IServiceProvider, SqlDialect> dialect)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(dialect);
        services.RemoveAll<RelationalWithdrawalLedger>();
        services.AddSingleton(sp => new RelationalWithdrawalLedger(
            dialect(sp),
            sp.GetServices<IStakingProvider>(),
            sp.GetService<EthereumRpcClient>(),
            sp.GetService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger<RelationalWithdrawalLedger>()));
        services.Replace(ServiceDescriptor.Singleton<IWithdrawalLedger>(static sp => sp.GetRequiredService<RelationalWithdrawalLedger>()));
        services.Replace(ServiceDescriptor.Singleton<IDurableWithdrawalLedger>(static sp => sp.GetRequiredService<RelationalWithdrawalLedger>()));
        return services;
    }
}
