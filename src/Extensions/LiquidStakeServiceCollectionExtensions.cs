using LiquidStake.Ethereum.Multicall;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Sending;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Services;
using LiquidStake.Sdk.Withdrawals;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds LiquidStake to a service collection.</summary>
public static class LiquidStakeServiceCollectionExtensions
{
    /// <summary>The name of the HttpClient (IHttpClientFactory) that carries the RPC traffic.</summary>
    public const string RpcHttpClientName = "LiquidStake.Rpc";

    /// <summary>
    /// Registers the RPC client (named HttpClient with the RPC resilience pipeline), nonce manager, transaction sender,
    /// Multicall3, <see cref="LiquidStakeContext"/>, <see cref="PreparedTransactionExecutor"/> (traced under
    /// <see cref="SdkTelemetry.Name"/>), <see cref="IStakingService"/>, <see cref="IWithdrawalLedger"/> (in memory unless
    /// one is registered), <see cref="AllocationPlanner"/> and <see cref="TimeProvider.System"/> (unless one is
    /// registered). Options are validated when the host starts. Add providers on the returned builder.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the endpoint, network and overrides.</param>
    /// <param name="configureResilience">Adjusts retries and timeouts of the RPC HttpClient.</param>
    public static ILiquidStakeBuilder AddLiquidStake(this IServiceCollection services, Action<LiquidStakeOptions> configure, Action<EthereumRpcResilienceOptions>? configureResilience = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        var registry = services.FirstOrDefault(d => d.ServiceType == typeof(ProviderRegistry) && !d.IsKeyedService)?.ImplementationInstance as ProviderRegistry;
        if (registry is not null)
            throw new InvalidOperationException("AddLiquidStake was already called on this service collection; configure it once and add providers on the returned builder.");
        registry = new ProviderRegistry();
        services.AddSingleton(registry);

        services.AddOptions<LiquidStakeOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LiquidStakeOptions>, LiquidStakeOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.AddHttpClient(RpcHttpClientName)
            // The framework's default handler loggers write the full request URL, and an RPC URL path or query
            // often carries the provider's API key; the RPC client logs what it needs without them.
            .RemoveAllLoggers()
            // The RPC client is a singleton that keeps its HttpClient, so the handler recycles connections to see DNS
            // changes; it also keeps the URL's path and query out of .NET's own HTTP telemetry (url.full and the rest).
            .ConfigurePrimaryHttpMessageHandler(static sp => RpcEndpointRedaction.CreatePrimaryHandler(
                new Uri(sp.GetRequiredService<IOptions<LiquidStakeOptions>>().Value.RpcUrl!, UriKind.Absolute)))
            .ConfigureHttpClient(static (sp, client) =>
            {
                foreach (var (name, value) in sp.GetRequiredService<IOptions<LiquidStakeOptions>>().Value.RpcHeaders)
                    client.DefaultRequestHeaders.TryAddWithoutValidation(name, value);
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .AddEthereumRpcResilience(configureResilience);

        services.TryAddSingleton(static sp => sp.GetRequiredService<IOptions<LiquidStakeOptions>>().Value.ResolveNetwork());
        services.TryAddSingleton<NonceManager>();
        services.TryAddSingleton(static sp =>
        {
            var options = sp.GetRequiredService<IOptions<LiquidStakeOptions>>().Value;
            var network = sp.GetRequiredService<NetworkProfile>();
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(RpcHttpClientName);
            var rpcOptions = new EthereumRpcClientOptions
            {
                Url = new Uri(options.RpcUrl!, UriKind.Absolute),
                MaxBatchSize = options.RpcMaxBatchSize,
                ExpectedChainId = network.ChainId,
                TimeProvider = sp.GetRequiredService<TimeProvider>(),
            };
            return new EthereumRpcClient(http, rpcOptions, sp.GetService<ILogger<EthereumRpcClient>>());
        });
        services.TryAddSingleton(static sp =>
        {
            var options = sp.GetRequiredService<IOptions<LiquidStakeOptions>>().Value;
            var senderOptions = new TransactionSenderOptions();
            options.ConfigureSender?.Invoke(senderOptions);
            senderOptions.ChainId = sp.GetRequiredService<NetworkProfile>().ChainId;
            senderOptions.TimeProvider = sp.GetRequiredService<TimeProvider>();
            return new TransactionSender(sp.GetRequiredService<EthereumRpcClient>(), sp.GetRequiredService<NonceManager>(), senderOptions, sp.GetService<ILogger<TransactionSender>>());
        });
        services.TryAddSingleton(static sp => new Multicall3Client(
            sp.GetRequiredService<EthereumRpcClient>(),
            new Multicall3Options { ContractAddress = sp.GetRequiredService<NetworkProfile>().Multicall3, SendChunksAsOneBatch = true }));
        services.TryAddSingleton(static sp => new LiquidStakeContext(
            sp.GetRequiredService<EthereumRpcClient>(),
            sp.GetRequiredService<NetworkProfile>(),
            sp.GetRequiredService<TransactionSender>(),
            sp.GetRequiredService<Multicall3Client>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton<PreparedTransactionExecutor>(static sp => new InstrumentedPreparedTransactionExecutor(sp.GetRequiredService<LiquidStakeContext>()));
        services.TryAddSingleton<IStakingService>(static sp => new StakingService(
            sp.GetServices<IStakingProvider>(),
            sp.GetRequiredService<IOptions<LiquidStakeOptions>>().Value.Service,
            sp.GetService<ILogger<StakingService>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IWithdrawalLedger>(static sp => new InMemoryWithdrawalLedger(
            sp.GetServices<IStakingProvider>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<InMemoryWithdrawalLedger>>()));
        services.TryAddSingleton(static sp => new AllocationPlanner(
            sp.GetServices<IStakingProvider>(), sp.GetService<IStakeShareSource>(), sp.GetService<ILogger<AllocationPlanner>>()));

        return new LiquidStakeBuilder(services, registry);
    }

    /// <summary>The protocol ids registered on one service collection (to refuse duplicates).</summary>
    internal sealed class ProviderRegistry
    {
        private readonly HashSet<ProtocolId> _ids = [];
        private readonly Lock _gate = new();

        public bool TryAdd(ProtocolId id)
        {
            lock (_gate) return _ids.Add(id);
        }
    }
}
