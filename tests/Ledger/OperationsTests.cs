using System.Diagnostics.Metrics;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Hosting;
using LiquidStake.Sdk.Withdrawals;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LiquidStake.LedgerTests;

/// <summary>The worker's health check and metrics, and the store chosen by configuration.</summary>
public sealed class OperationsTests(LedgerDevnetFixture fixture) : WorkerLifecycleSuite(fixture)
{
    [Fact]
    public async Task Health_follows_the_rounds_and_metrics_count_the_claims()
    {
        var signer = Node.Accounts[1];
        await using var services = StartBackend(signer);
        var health = services.GetRequiredService<HealthCheckService>();
        var before = await health.CheckHealthAsync();
        Assert.Equal(HealthStatus.Degraded, before.Status);
        Assert.Contains("no withdrawal round completed recently", before.Entries[WithdrawalWorkerServiceCollectionExtensions.HealthCheckName].Description, StringComparison.Ordinal);

        var claimed = new List<(long Value, string? Protocol)>();
        var gauges = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == LiquidStake.Sdk.Services.SdkTelemetry.Name && instrument.Name.StartsWith("liquidstake.withdrawals.", StringComparison.Ordinal))
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var tagList = tags.ToArray();
            if (instrument.Name == WithdrawalWorkerTelemetry.ClaimedMetric)
                claimed.Add((value, tagList.FirstOrDefault(t => t.Key == "protocol").Value as string));
            if (instrument.Name == WithdrawalWorkerTelemetry.EntriesMetric)
                gauges[(string)tagList.Single(t => t.Key == "state").Value!] = value;
        });
        listener.Start();

        await SendAsync(services, await Provider(services, ProtocolId.Lido).PrepareStakeAsync(signer.Address, 2 * Ether), signer);
        await SendAsync(services, await Provider(services, ProtocolId.Lido).PrepareWithdrawalRequestAsync(signer.Address, Ether), signer);
        await RoundAsync(services);
        listener.RecordObservableInstruments();
        Assert.Equal(1, gauges["pending"]);
        var entry = Assert.Single(await Ledger(services).ListAsync(signer.Address));
        await Node.Lido.FinalizeWithdrawalsAsync(entry.Id.RequestId!.Value);
        await RoundAsync(services);
        listener.RecordObservableInstruments();

        Assert.Equal([(1L, "lido")], claimed);
        Assert.Equal(1, gauges["claimed"]);
        Assert.Equal(0, gauges["pending"]);
        Assert.Equal(0, gauges["pending_claim"]);
        var after = (await health.CheckHealthAsync()).Entries[WithdrawalWorkerServiceCollectionExtensions.HealthCheckName];
        Assert.Equal(HealthStatus.Healthy, after.Status);
        Assert.Equal(await Node.Rpc.GetBlockNumberAsync(), (ulong)after.Data["head"]);
        Assert.Equal(1L, after.Data["claimed"]);
    }

    [Fact]
    public async Task An_unreachable_rpc_endpoint_is_unhealthy()
    {
        var services = new ServiceCollection();
        services.AddLiquidStake(o =>
            {
                o.RpcUrl = "http://127.0.0.1:1";
                o.Network = "devnet";
            }, r => { r.MaxRetryAttempts = 1; r.BaseDelay = TimeSpan.FromMilliseconds(10); })
            .AddAllProviders()
            .AddSqliteWithdrawalLedger(LedgerPath)
            .AddWithdrawalWorker(_ => { });
        await using var provider = services.BuildServiceProvider();
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Contains("RPC endpoint does not answer", report.Entries[WithdrawalWorkerServiceCollectionExtensions.HealthCheckName].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_store_is_chosen_by_options_and_a_bad_choice_fails_the_start_naming_the_option()
    {
        const string secret = "pa55-not-in-messages";
        var pg = Host.CreateApplicationBuilder();
        pg.Services.AddLiquidStake(o =>
            {
                o.RpcUrl = Node.RpcUrl.ToString();
                o.Network = "devnet";
            })
            .AddAllProviders()
            .AddWithdrawalLedger(o =>
            {
                o.Store = WithdrawalLedgerStore.PostgreSql;
                o.PostgreSqlConnectionString = $"Host=127.0.0.1;Password={secret};Not A Keyword=1";
            });
        using (var host = pg.Build())
        {
            var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
            Assert.Contains("PostgreSqlConnectionString", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, error.ToString(), StringComparison.Ordinal);
        }

        var sqlite = Host.CreateApplicationBuilder();
        sqlite.Services.AddLiquidStake(o =>
            {
                o.RpcUrl = Node.RpcUrl.ToString();
                o.Network = "devnet";
            })
            .AddAllProviders()
            .AddWithdrawalLedger(o => o.SqlitePath = Path.Combine(Directory, "missing", "ledger.db"));
        using (var host = sqlite.Build())
        {
            var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
            Assert.Contains("SqlitePath", error.Message, StringComparison.Ordinal);
        }

        var good = new ServiceCollection();
        good.AddLiquidStake(o =>
            {
                o.RpcUrl = Node.RpcUrl.ToString();
                o.Network = "devnet";
            })
            .AddAllProviders()
            .AddWithdrawalLedger(o => o.SqlitePath = LedgerPath);
        await using var provider = good.BuildServiceProvider();
        var ledger = provider.GetRequiredService<IWithdrawalLedger>();
        Assert.IsType<LiquidStake.Sdk.Storage.RelationalWithdrawalLedger>(ledger);
        Assert.Same(ledger, provider.GetRequiredService<IDurableWithdrawalLedger>());
        await ((IDurableWithdrawalLedger)ledger).InitializeAsync();
        Assert.True(File.Exists(LedgerPath));
    }
}
