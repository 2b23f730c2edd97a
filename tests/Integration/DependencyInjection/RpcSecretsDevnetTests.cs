using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Signing;
using LiquidStake.IntegrationTests.Support;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Services;
using LiquidStake.Sdk.Withdrawals;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiquidStake.IntegrationTests.DependencyInjection;

/// <summary>
/// Issue 11 item 8: a host built with <c>AddLiquidStake</c> against a keyed endpoint (API key in the URL path and
/// query, plus a bearer header or user:password in the URL) runs a whole Lido lifecycle, with retries and failures, and
/// nothing it logs, traces, measures or throws carries a secret.
/// </summary>
public sealed class RpcSecretsDevnetTests(DevnetFixture fixture) : DevnetTest(fixture)
{
    private const string KeyedPath = "/v3/SECRETKEY123?apikey=QSECRET";
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    public enum Credentials { BearerHeader, UrlUserInfo }

    [DevnetTheory]
    [InlineData(Credentials.BearerHeader)]
    [InlineData(Credentials.UrlUserInfo)]
    public async Task A_full_lifecycle_through_a_keyed_endpoint_leaks_no_secret_to_logs_traces_metrics_or_exceptions(Credentials credentials)
    {
        var keyHex = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        using var signer = PrivateKeySigner.FromHex(keyHex);
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("user:PASSWORD"));
        var authorization = credentials == Credentials.BearerHeader ? "Bearer BEARERSECRET" : "Basic " + basic;
        string[] secrets = ["SECRETKEY123", "QSECRET", "PASSWORD", "BEARERSECRET", basic, keyHex];

        // Reads 2 and 7 fail once with 503, so the resilience pipeline retries (and logs) on the keyed URL.
        await using var proxy = new CredentialCheckingRpcProxy(Node.RpcUrl, KeyedPath, authorization, new HashSet<int> { 2, 7 });
        var url = credentials == Credentials.BearerHeader
            ? $"http://127.0.0.1:{proxy.Port}{KeyedPath}"
            : $"http://user:PASSWORD@127.0.0.1:{proxy.Port}{KeyedPath}";

        using var capture = new TelemetryCapture();
        await Node.SetBalanceAsync(signer.Address, 10 * Ether);
        await using (var services = BuildHost(url, credentials == Credentials.BearerHeader ? authorization : null, capture))
        {
            await RunLidoLifecycleAsync(services, signer);

            // A refused pre-flight and an unreachable endpoint: their exception texts are captured too.
            var lido = services.GetRequiredKeyedService<IStakingProvider>(ProtocolId.Lido);
            await Assert.ThrowsAsync<InsufficientBalanceException>(() => lido.PrepareStakeAsync(signer.Address, 1000 * Ether));
            await proxy.DisposeAsync();
            var rpc = services.GetRequiredService<EthereumRpcClient>();
            var down = await Assert.ThrowsAsync<RpcTransportException>(() => rpc.GetBlockNumberAsync());
            capture.Note("caught " + down);
        }

        Assert.Equal(0, proxy.Refused);
        var records = capture.Records;
        // The capture saw the framework's and the SDK's telemetry, so an absence below means something.
        Assert.Contains(records, r => r.StartsWith("activity System.Net.Http/System.Net.Http.HttpRequestOut", StringComparison.Ordinal) && (r.Contains($"url.full=http://127.0.0.1:{proxy.Port}/,", StringComparison.Ordinal) || r.Contains($"url.full=http://127.0.0.1:{proxy.Port}/]", StringComparison.Ordinal)));
        Assert.Contains(records, r => r.StartsWith("activity LiquidStake.Rpc/", StringComparison.Ordinal) && r.Contains("server.address=127.0.0.1", StringComparison.Ordinal));
        Assert.Contains(records, r => r.StartsWith("metric System.Net.Http/http.client.request.duration", StringComparison.Ordinal));
        Assert.Contains(records, r => r.StartsWith("log", StringComparison.Ordinal) && r.Contains("Broadcast transaction", StringComparison.Ordinal));
        Assert.Contains(records, r => r.StartsWith("log", StringComparison.Ordinal) && r.Contains("Polly", StringComparison.Ordinal));
        Assert.Contains(records, r => r.StartsWith("exception", StringComparison.Ordinal) && r.Contains("InsufficientBalance", StringComparison.Ordinal));

        var leaks = records.Where(r => secrets.Any(s => r.Contains(s, StringComparison.OrdinalIgnoreCase))).Take(10).ToArray();
        Assert.True(leaks.Length == 0, "secrets reached telemetry:" + Environment.NewLine + string.Join(Environment.NewLine, leaks));
    }

    private static ServiceProvider BuildHost(string url, string? bearer, TelemetryCapture capture)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddProvider(capture));
        services.AddLiquidStake(o =>
            {
                o.RpcUrl = url;
                o.Network = "devnet";
                if (bearer is not null) o.RpcHeaders["Authorization"] = bearer;
            }, r =>
            {
                r.BaseDelay = TimeSpan.FromMilliseconds(1);
                r.UseJitter = false;
            })
            .AddAllProviders();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private async Task RunLidoLifecycleAsync(ServiceProvider services, PrivateKeySigner signer)
    {
        var provider = services.GetRequiredKeyedService<IStakingProvider>(ProtocolId.Lido);
        var executor = services.GetRequiredService<PreparedTransactionExecutor>();
        var service = services.GetRequiredService<IStakingService>();
        var ledger = services.GetRequiredService<IWithdrawalLedger>();

        await executor.SendAsync(await provider.PrepareStakeAsync(signer.Address, 2 * Ether), signer);
        var stEth = (await provider.GetPositionsAsync(signer.Address)).Single(p => p.Token.Symbol == "stETH");
        await executor.SendAsync(await provider.PrepareWithdrawalRequestAsync(signer.Address, stEth.Balance), signer);
        var entry = Assert.Single(await ledger.SyncAsync(signer.Address));
        await Node.Lido.FinalizeWithdrawalsAsync(entry.Id.RequestId!.Value);

        var operation = service.ResumeWithdrawal(entry.Id.ToString(), signer.Address);
        await operation.WaitUntilClaimableAsync(TimeSpan.FromMinutes(2), new WithdrawalWaitOptions { PollInterval = TimeSpan.FromMilliseconds(20) });
        await executor.SendAsync(await operation.PrepareClaimAsync(), signer);
        Assert.Equal(WithdrawalStatus.Claimed, (await operation.UpdateStatusAsync()).Status);
        await service.GetPortfolioAsync(signer.Address);
    }
}
