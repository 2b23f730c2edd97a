using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Crypto;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.IntegrationTests.Support;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Contracts.Common;
using LiquidStake.Sdk.Contracts.RocketPool;
using LiquidStake.Sdk.Protocols.EigenLayer;
using LiquidStake.Sdk.Protocols.EtherFi;
using LiquidStake.Sdk.Protocols.Lido;
using LiquidStake.Sdk.Protocols.RocketPool;
using LiquidStake.Sdk.Services;

namespace LiquidStake.IntegrationTests.Services;

/// <summary>
/// The portfolio of many accounts across the four protocols: every provider reads through Multicall3 with its chunks in
/// one JSON-RPC batch, so the number of HTTP requests does not grow with the number of accounts.
/// </summary>
public sealed class PortfolioBatchDevnetTests(DevnetFixture fixture) : DevnetTest(fixture)
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    /// <summary>Counts the HTTP requests that leave the RPC client.</summary>
    private sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        /// <summary>Each request's JSON-RPC methods (a batch lists several), for the assertion messages.</summary>
        public System.Collections.Concurrent.ConcurrentQueue<string> Requests { get; } = new();

        public string Describe() => string.Join("; ", Requests);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            var methods = System.Text.RegularExpressions.Regex.Matches(body, "\"method\":\"([a-zA-Z_0-9]+)\"").Select(m => m.Groups[1].Value);
            Requests.Enqueue(string.Join(",", methods.GroupBy(m => m).Select(g => g.Count() == 1 ? g.Key : $"{g.Key}x{g.Count()}")));
            return await base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class CountedProviders : IDisposable
    {
        private readonly HttpClient _http;

        public CountedProviders(Uri rpcUrl)
        {
            Handler = new CountingHandler();
            _http = new HttpClient(Handler) { BaseAddress = rpcUrl };
            var rpc = new EthereumRpcClient(_http, new EthereumRpcClientOptions { Url = rpcUrl });
            var context = new LiquidStakeContext(rpc, NetworkProfile.Devnet);
            Lido = new LidoClient(context);
            RocketPool = new RocketPoolClient(context);
            EtherFi = new EtherFiClient(context);
            EigenLayer = new EigenLayerClient(context);
            Service = new StakingService([Lido, RocketPool, EtherFi, EigenLayer]);
        }

        public CountingHandler Handler { get; }

        public LidoClient Lido { get; }

        public RocketPoolClient RocketPool { get; }

        public EtherFiClient EtherFi { get; }

        public EigenLayerClient EigenLayer { get; }

        public StakingService Service { get; }

        public void Dispose()
        {
            _http.Dispose();
            Handler.Dispose();
        }
    }

    /// <summary><paramref name="count"/> distinct addresses that hold nothing, derived from a label.</summary>
    private static Address[] EmptyAccounts(int count) =>
        Enumerable.Range(0, count).Select(i => new Address(Keccak256.HashUtf8($"portfolio-account-{i}").AsSpan(12, 20))).ToArray();

    /// <summary>Gives <paramref name="signer"/> a position in every protocol, including stETH and rETH restaked in EigenLayer.</summary>
    private static async Task FundAsync(CountedProviders p, LiquidStake.Ethereum.Signing.ISigner signer)
    {
        await p.Lido.StakeAsync(signer, 5 * Ether);
        await p.RocketPool.DepositAsync(signer, 3 * Ether);
        await p.EtherFi.DepositAsync(signer, 2 * Ether);
        await p.EigenLayer.DepositAsync(signer, NetworkProfile.Devnet.Lido!.StEth, 2 * Ether);
        await p.EigenLayer.DepositAsync(signer, NetworkProfile.Devnet.RocketPool!.REth, Ether);
    }

    [DevnetFact]
    public async Task Portfolio_of_1000_accounts_across_four_protocols_takes_the_same_few_requests_as_10()
    {
        var holder = Node.Accounts[4];
        using (var setup = new CountedProviders(Node.RpcUrl)) await FundAsync(setup, holder);

        var thousand = EmptyAccounts(999).Prepend(holder.Address).ToArray();
        var ten = thousand[..10];

        using var small = new CountedProviders(Node.RpcUrl);
        var smallPortfolio = await small.Service.GetPortfolioAsync(ten);
        int smallRequests = small.Handler.Count;

        using var large = new CountedProviders(Node.RpcUrl);
        var portfolio = await large.Service.GetPortfolioAsync(thousand);
        int largeRequests = large.Handler.Count;

        Assert.Empty(portfolio.Errors);
        // Per provider: Lido 1, ether.fi 1, Rocket Pool 2 (RocketStorage resolution, then the read), EigenLayer 4
        // (deposits, shares and factors, underlying, rETH pricing) — 8 in all, whatever the number of accounts.
        Assert.True(largeRequests == 8, $"{largeRequests} requests: {large.Handler.Describe()}");
        Assert.True(smallRequests == largeRequests, $"10 accounts: {small.Handler.Describe()}; 1000 accounts: {large.Handler.Describe()}");
        Assert.Equal(smallPortfolio.Positions.Where(x => x.Owner == holder.Address), portfolio.Positions.Where(x => x.Owner == holder.Address));

        // Only the funded account holds anything; empty holdings are left out by default.
        Assert.All(portfolio.Positions, x => Assert.Equal(holder.Address, x.Owner));
        var held = portfolio.Positions.ToDictionary(x => x.Token.Symbol);
        Assert.Equal(["EL-rETH", "EL-stETH", "eETH", "rETH", "stETH"], held.Keys.Order(StringComparer.Ordinal));
    }

    [DevnetFact]
    public async Task Batch_positions_equal_single_account_reads_and_the_chain()
    {
        var holder = Node.Accounts[4];
        using var p = new CountedProviders(Node.RpcUrl);
        await FundAsync(p, holder);
        var accounts = new[] { holder.Address, Node.Accounts[5].Address, EmptyAccounts(1)[0] };

        foreach (IStakingProvider provider in p.Service.Providers)
        {
            var batch = await ((IBatchPositionReader)provider).GetPositionsAsync(accounts);
            Assert.Equal(accounts.Length, batch.Count);
            foreach (var account in accounts)
                Assert.Equal(await provider.GetPositionsAsync(account), batch[account]);
        }

        // Against the chain, to the wei.
        var stEth = new Erc20(NetworkProfile.Devnet.Lido!.StEth, Node.Rpc);
        var lido = await p.Lido.GetPositionsAsync(holder.Address);
        Assert.Equal(await stEth.BalanceOfAsync(holder.Address), lido.Single(x => x.Token.Symbol == "stETH").Balance);

        var rEthAddress = NetworkProfile.Devnet.RocketPool!.REth;
        var rEth = new RocketTokenREth(rEthAddress, Node.Rpc);
        var rp = (await p.RocketPool.GetPositionsAsync(holder.Address)).Single();
        Assert.Equal(await rEth.BalanceOfAsync(holder.Address), rp.Balance);
        Assert.Equal(await rEth.GetEthValueAsync(rp.Balance), rp.EthValue);

        var restaked = await p.EigenLayer.GetPositionsAsync(holder.Address);
        var rEthRestaked = restaked.Single(x => x.Token.Symbol == "EL-rETH");
        Assert.InRange(rEthRestaked.Balance, Ether - 1, Ether); // the strategy's virtual-share rounding costs at most 1 wei
        Assert.Equal(await rEth.GetEthValueAsync(rEthRestaked.Balance), rEthRestaked.EthValue);
        var stEthRestaked = restaked.Single(x => x.Token.Symbol == "EL-stETH");
        Assert.Equal(stEthRestaked.Balance, stEthRestaked.EthValue);
        var strategies = await p.EigenLayer.GetStrategyPositionsAsync(holder.Address);
        Assert.Equal(strategies.Select(s => s.DepositShares).Order(), restaked.Select(x => x.Shares!.Value).Order());
    }

    [DevnetFact]
    public async Task Empty_and_duplicate_account_lists_are_answered_without_error()
    {
        using var p = new CountedProviders(Node.RpcUrl);
        var none = await p.Service.GetPortfolioAsync(Array.Empty<Address>());
        Assert.Empty(none.Positions);
        Assert.Empty(none.Errors);

        var account = Node.Accounts[6].Address;
        foreach (IBatchPositionReader reader in p.Service.Providers.Cast<IBatchPositionReader>())
        {
            var twice = await reader.GetPositionsAsync([account, account]);
            Assert.Single(twice);
        }
    }
}
