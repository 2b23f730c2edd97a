using Microsoft.Extensions.Logging;
using System.Net;
using System.Text;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Multicall;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Sending;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Services;
using LiquidStake.Sdk.Withdrawals;
using LiquidStake.UnitTests.Sdk.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LiquidStake.UnitTests.Extensions;

/// <summary>Stands in for a protocol client: built from the context, with optional client options.</summary>
public sealed class FakeLidoClient(LiquidStakeContext context, FakeClientOptions? options = null) : FakeProvider("lido")
{
    public LiquidStakeContext Context { get; } = context;
    public FakeClientOptions? Options { get; } = options;
}

public sealed class FakeRocketPoolClient(LiquidStakeContext context) : FakeProvider("rocketpool")
{
    public LiquidStakeContext Context { get; } = context;
}

public sealed class FakeClientOptions
{
    public int Referral { get; set; }
}

public class LiquidStakeServiceCollectionTests
{
    private static ServiceProvider Build(Action<LiquidStakeOptions> configure, Action<ILiquidStakeBuilder>? providers = null, Action<IServiceCollection>? before = null)
    {
        var services = new ServiceCollection();
        before?.Invoke(services);
        var builder = services.AddLiquidStake(configure, r => { r.BaseDelay = TimeSpan.FromMilliseconds(1); r.UseJitter = false; });
        providers?.Invoke(builder);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static void Devnet(LiquidStakeOptions o)
    {
        o.RpcUrl = "http://127.0.0.1:8545";
        o.Network = "devnet";
    }

    [Fact]
    public void On_chain_stake_shares_feed_the_allocation_planner_and_refuse_a_non_positive_total()
    {
        using var sp = Build(Devnet, b => b.AddProvider<FakeLidoClient>(ProtocolId.Lido).AddOnChainStakeShares(System.Numerics.BigInteger.Pow(10, 25)));
        Assert.IsType<OnChainStakeShareSource>(sp.GetRequiredService<IStakeShareSource>());
        Assert.NotNull(sp.GetRequiredService<AllocationPlanner>());

        var ex = Assert.Throws<LiquidStakeArgumentException>(() => new ServiceCollection().AddLiquidStake(Devnet).AddOnChainStakeShares(0));
        Assert.Equal("totalStakedWei", ex.ParamName);
    }

    [Fact]
    public void Protocol_options_are_configured_with_a_with_expression()
    {
        using var sp = Build(Devnet, b => b.AddLido(o => o with { AprWindowDays = 30 }).AddEigenLayer(o => o with { BlockTime = TimeSpan.FromSeconds(6) }));
        Assert.Equal(30, sp.GetRequiredService<LiquidStake.Sdk.Protocols.Lido.LidoClientOptions>().AprWindowDays);
        Assert.Equal(30, sp.GetRequiredService<LiquidStake.Sdk.Protocols.Lido.LidoClient>().Options.AprWindowDays);
        Assert.Equal(TimeSpan.FromSeconds(6), sp.GetRequiredService<LiquidStake.Sdk.Protocols.EigenLayer.EigenLayerClientOptions>().BlockTime);
    }

    [Fact]
    public void Resolves_the_whole_stack_as_singletons()
    {
        using var sp = Build(Devnet, b => b.AddProvider<FakeLidoClient>(ProtocolId.Lido).AddProvider<FakeRocketPoolClient>(ProtocolId.RocketPool));

        var rpc = sp.GetRequiredService<EthereumRpcClient>();
        var sender = sp.GetRequiredService<TransactionSender>();
        var context = sp.GetRequiredService<LiquidStakeContext>();
        Assert.Equal(new Uri("http://127.0.0.1:8545"), rpc.Options.Url);
        Assert.Equal(1UL, rpc.Options.ExpectedChainId);
        Assert.Same(sp.GetRequiredService<NonceManager>(), sender.NonceManager);
        Assert.Equal(1UL, sender.Options.ChainId);
        Assert.Equal(NetworkProfile.Devnet.Multicall3, sp.GetRequiredService<Multicall3Client>().Options.ContractAddress);
        Assert.Same(rpc, context.Rpc);
        Assert.Same(sender, context.Sender);
        Assert.Equal("devnet", context.Network.Name);
        Assert.Same(TimeProvider.System, context.TimeProvider);
        Assert.IsType<InstrumentedPreparedTransactionExecutor>(sp.GetRequiredService<PreparedTransactionExecutor>());
        Assert.IsType<InMemoryWithdrawalLedger>(sp.GetRequiredService<IWithdrawalLedger>());
        Assert.NotNull(sp.GetRequiredService<AllocationPlanner>());
        var service = sp.GetRequiredService<IStakingService>();
        Assert.Equal(["lido", "rocketpool"], service.Providers.Select(p => p.Id.Value));
        Assert.Same(service, sp.GetRequiredService<IStakingService>());
        Assert.Same(context, sp.GetRequiredService<FakeLidoClient>().Context);
    }

    [Fact]
    public void Providers_are_keyed_by_protocol_id_and_enumerable_as_one_instance_each()
    {
        using var sp = Build(Devnet, b => b.AddProvider<FakeLidoClient>(ProtocolId.Lido).AddProvider<FakeRocketPoolClient>(ProtocolId.RocketPool));

        var lido = sp.GetRequiredKeyedService<IStakingProvider>(ProtocolId.Lido);
        var rocket = sp.GetRequiredKeyedService<IStakingProvider>(ProtocolId.RocketPool);
        Assert.IsType<FakeLidoClient>(lido);
        Assert.IsType<FakeRocketPoolClient>(rocket);
        Assert.Same(lido, sp.GetRequiredService<FakeLidoClient>());
        Assert.Equal([lido, rocket], sp.GetServices<IStakingProvider>());
        Assert.Null(sp.GetKeyedService<IStakingProvider>(ProtocolId.EtherFi));
        Assert.Null(((FakeLidoClient)lido).Options);
    }

    [Fact]
    public void Provider_options_registered_in_the_container_reach_the_constructor()
    {
        var options = new FakeClientOptions { Referral = 7 };
        using var sp = Build(Devnet, b =>
        {
            b.Services.AddSingleton(options);
            b.AddProvider<FakeLidoClient>(ProtocolId.Lido);
        });
        Assert.Same(options, sp.GetRequiredService<FakeLidoClient>().Options);
    }

    [Fact]
    public void A_second_provider_for_the_same_id_is_refused()
    {
        var services = new ServiceCollection();
        var builder = services.AddLiquidStake(Devnet).AddProvider<FakeLidoClient>(ProtocolId.Lido);
        var ex = Assert.Throws<LiquidStakeArgumentException>(() => builder.AddProvider<FakeRocketPoolClient>(ProtocolId.Lido));
        Assert.Equal("id", ex.ParamName);
        Assert.Throws<InvalidOperationException>(() => services.AddLiquidStake(Devnet));
    }

    [Fact]
    public void A_provider_registered_under_another_id_fails_when_resolved()
    {
        using var sp = Build(Devnet, b => b.AddProvider<FakeRocketPoolClient>(ProtocolId.EtherFi));
        var ex = Assert.Throws<LiquidStakeException>(() => sp.GetRequiredKeyedService<IStakingProvider>(ProtocolId.EtherFi));
        Assert.Contains("registered as 'etherfi' but reports the protocol id 'rocketpool'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registrations_made_before_win_over_the_defaults()
    {
        var time = new FakeTimeProvider();
        var ledger = new InMemoryWithdrawalLedger([]);
        using var sp = Build(Devnet, before: s => s.AddSingleton<TimeProvider>(time).AddSingleton<IWithdrawalLedger>(ledger));
        Assert.Same(time, sp.GetRequiredService<LiquidStakeContext>().TimeProvider);
        Assert.Same(ledger, sp.GetRequiredService<IWithdrawalLedger>());
    }

    [Fact]
    public void Overrides_replace_profile_fields()
    {
        var multicall = Address.Parse("0x00000000000000000000000000000000000000aa");
        using var sp = Build(o =>
        {
            o.RpcUrl = "https://rpc.example";
            o.Network = "Hoodi";
            o.Overrides.ChainId = 31337;
            o.Overrides.Multicall3 = multicall;
            o.Overrides.Name = "fork";
        });
        var network = sp.GetRequiredService<NetworkProfile>();
        Assert.Equal("fork", network.Name);
        Assert.Equal(31337UL, network.ChainId);
        Assert.Equal(multicall, network.Multicall3);
        Assert.Equal(NetworkProfile.Hoodi.Lido, network.Lido);
        Assert.Equal(31337UL, sp.GetRequiredService<EthereumRpcClient>().Options.ExpectedChainId);
    }

    [Theory]
    [InlineData(null, "mainnet", "LiquidStake option 'RpcUrl' is required")]
    [InlineData("ftp://host/secret-api-key", "mainnet", "LiquidStake option 'RpcUrl' must be an absolute http:// or https:// URL.")]
    [InlineData("not a url", "mainnet", "LiquidStake option 'RpcUrl' must be an absolute http:// or https:// URL.")]
    [InlineData("https://rpc.example", "goerli", "LiquidStake option 'Network' is 'goerli', which is not a known network")]
    [InlineData("https://rpc.example", "", "LiquidStake option 'Network' is required")]
    public void Invalid_options_fail_at_startup_with_a_message_naming_the_option(string? url, string network, string expected)
    {
        using var sp = Build(o =>
        {
            o.RpcUrl = url;
            o.Network = network;
        });

        // What the host runs at start (ValidateOnStart).
        var startup = sp.GetRequiredService<IStartupValidator>();
        var ex = Assert.Throws<OptionsValidationException>(startup.Validate);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-api-key", ex.Message, StringComparison.Ordinal);
        // And resolving anything that needs the options fails the same way.
        Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<EthereumRpcClient>());
    }

    [Fact]
    public void Several_failures_are_reported_together()
    {
        using var sp = Build(o =>
        {
            o.RpcUrl = "https://rpc.example";
            o.Overrides.ChainId = 0;
            o.RpcMaxBatchSize = 0;
            o.Service.MaxConcurrentAccountReads = 0;
        });
        var ex = Assert.Throws<OptionsValidationException>(sp.GetRequiredService<IStartupValidator>().Validate);
        Assert.Equal(3, ex.Failures.Count());
        Assert.Contains("'Overrides.ChainId'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'RpcMaxBatchSize'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'Service.MaxConcurrentAccountReads'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rpc_headers_are_sent_with_every_request()
    {
        var stub = new StubRpcHandler();
        using var sp = Build(o => { Devnet(o); o.RpcHeaders["Authorization"] = "Bearer t0ken"; },
            b => b.Services.AddHttpClient(LiquidStakeServiceCollectionExtensions.RpcHttpClientName).ConfigurePrimaryHttpMessageHandler(() => stub));

        await sp.GetRequiredService<EthereumRpcClient>().GetChainIdAsync();

        Assert.Equal("Bearer t0ken", stub.LastAuthorization);
    }

    [Fact]
    public void Credentials_in_both_the_url_and_a_header_or_a_bad_header_fail_at_startup_without_echoing_values()
    {
        using var sp = Build(o =>
        {
            o.RpcUrl = "https://alice:hunter2@rpc.example/";
            o.RpcHeaders["Authorization"] = "Bearer s3cretvalue";
            o.RpcHeaders["Bad Name"] = "x";
        });
        var ex = Assert.Throws<OptionsValidationException>(sp.GetRequiredService<IStartupValidator>().Validate);
        Assert.Equal(2, ex.Failures.Count());
        Assert.Contains("'RpcHeaders' (Authorization)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not a valid HTTP token", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cretvalue", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_rpc_http_client_carries_the_resilience_pipeline_with_body_inspection_inside_it()
    {
        using var sp = Build(Devnet);
        var handler = sp.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(LiquidStakeServiceCollectionExtensions.RpcHttpClientName);

        var chain = new List<HttpMessageHandler>();
        for (HttpMessageHandler? h = handler; h is not null; h = (h as DelegatingHandler)?.InnerHandler) chain.Add(h);

        int resilience = chain.FindIndex(h => h is ResilienceHandler);
        int inspection = chain.FindIndex(h => h is JsonRpcBodyInspectionHandler);
        Assert.True(resilience >= 0, "resilience handler present");
        Assert.True(inspection > resilience, "body inspection runs inside the retries");
        var primary = Assert.IsType<SocketsHttpHandler>(chain[^1]);
        Assert.Equal(TimeSpan.FromMinutes(2), primary.PooledConnectionLifetime);
    }

    [Fact]
    public async Task Reads_through_the_registered_client_are_retried_by_the_pipeline()
    {
        var stub = new StubRpcHandler();
        using var sp = Build(Devnet, before: null, providers: b => b.Services.AddHttpClient(LiquidStakeServiceCollectionExtensions.RpcHttpClientName).ConfigurePrimaryHttpMessageHandler(() => stub));

        var chainId = await sp.GetRequiredService<EthereumRpcClient>().GetChainIdAsync();

        Assert.Equal(1UL, chainId);
        Assert.Equal(2, stub.Calls); // a 503, then the answer
    }

    [Fact]
    public async Task The_rpc_http_client_logs_no_url_path_query_or_userinfo_at_any_level()
    {
        const string Key = "k3yInThePath9f8e7d";
        const string QueryKey = "qu3ryS3cret";
        const string Password = "pa55w0rdUser";
        var logs = new CapturingLoggerProvider();
        var stub = new StubRpcHandler();
        using var sp = Build(
            o => { o.RpcUrl = $"http://alice:{Password}@127.0.0.1:8545/v3/{Key}?apikey={QueryKey}"; o.Network = "devnet"; },
            b => b.Services.AddHttpClient(LiquidStakeServiceCollectionExtensions.RpcHttpClientName).ConfigurePrimaryHttpMessageHandler(() => stub),
            s => s.AddLogging(l => l.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Trace).AddProvider(logs)));

        await sp.GetRequiredService<EthereumRpcClient>().GetChainIdAsync();

        Assert.Equal(2, stub.Calls); // the request went through the whole pipeline (a 503 retried)
        Assert.NotEmpty(logs.Entries); // the capture works: the resilience pipeline logged the retry
        foreach (var entry in logs.Entries)
            foreach (var secret in new[] { Key, QueryKey, Password, "/v3/" })
                Assert.DoesNotContain(secret, entry, StringComparison.Ordinal);
    }

    private sealed class CapturingLoggerProvider : Microsoft.Extensions.Logging.ILoggerProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _entries = new();

        public IReadOnlyCollection<string> Entries => _entries;

        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

        public void Dispose() { }

        private sealed class Logger(string category, System.Collections.Concurrent.ConcurrentQueue<string> entries) : Microsoft.Extensions.Logging.ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull
            {
                entries.Enqueue($"{category} scope: {state}");
                return null;
            }

            public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

            public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
                entries.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {structured} {exception}");
            }
        }
    }

    private sealed class StubRpcHandler : HttpMessageHandler
    {
        private int _calls;

        public int Calls => _calls;

        /// <summary>The Authorization header of the last request, as sent.</summary>
        public string? LastAuthorization { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            LastAuthorization = request.Headers.Authorization?.ToString();
            if (Interlocked.Increment(ref _calls) == 1) return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            using var json = System.Text.Json.JsonDocument.Parse(body);
            var id = json.RootElement.GetProperty("id").GetRawText();
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent($"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":\"0x1\"}}", Encoding.UTF8, "application/json"),
            };
        }
    }
}
