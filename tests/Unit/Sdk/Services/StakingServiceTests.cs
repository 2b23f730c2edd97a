using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Services;

namespace LiquidStake.UnitTests.Sdk.Services;

public class StakingServiceTests
{
    private static readonly BigInteger Eth = FakeProvider.OneEth;
    private static readonly Address Alice = FakeProvider.Addr(0xA11CE);

    [Fact]
    public async Task QuoteAll_returns_every_providers_quote_in_order_and_a_failure_does_not_hide_the_others()
    {
        var lido = new FakeProvider("lido");
        var rocket = new FakeProvider("rocketpool") { RateNum = 100, RateDen = 114, Failure = null };
        var broken = new FakeProvider("etherfi") { Failure = new InvalidOperationException("node down") };
        var service = new StakingService([lido, broken, rocket]);

        var results = await service.QuoteAllAsync(10 * Eth);

        Assert.Equal(["lido", "etherfi", "rocketpool"], results.Select(r => r.Protocol.Value));
        Assert.Equal(10 * Eth, results[0].Value!.ExpectedOut);
        Assert.True(results[0].Succeeded);
        Assert.False(results[1].Succeeded);
        Assert.Null(results[1].Value);
        Assert.Equal("node down", Assert.IsType<InvalidOperationException>(results[1].Error).Message);
        Assert.Equal(10 * Eth * 100 / 114, results[2].Value!.ExpectedOut);
        var thrown = Assert.Throws<ProviderFailedException>(() => results[1].GetValueOrThrow());
        Assert.Equal(new ProtocolId("etherfi"), thrown.Protocol);
    }

    [Fact]
    public async Task QuoteAll_asks_providers_concurrently()
    {
        var bothStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int started = 0;
        Task Gate(CancellationToken ct)
        {
            if (Interlocked.Increment(ref started) == 2) bothStarted.SetResult();
            return bothStarted.Task.WaitAsync(TimeSpan.FromSeconds(30), ct); // a sequential service would never get the second call
        }
        var a = new FakeProvider("a") { BeforeQuote = Gate };
        var b = new FakeProvider("b") { BeforeQuote = Gate };

        var results = await new StakingService([a, b]).QuoteAllAsync(Eth);

        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.Equal(2, started);
    }

    [Fact]
    public async Task QuoteAll_defaults_to_eth_stakers_and_honours_an_explicit_list()
    {
        var lido = new FakeProvider("lido");
        var eigen = new FakeRestakingProvider("eigenlayer", lido.Receipt);
        var service = new StakingService([lido, eigen]);

        var byDefault = await service.QuoteAllAsync(Eth);
        var explicitList = await service.QuoteAllAsync(Eth, [new ProtocolId("eigenlayer")]);

        Assert.Equal(["lido"], byDefault.Select(r => r.Protocol.Value));
        Assert.Equal(["eigenlayer"], explicitList.Select(r => r.Protocol.Value));
        var unknown = await Assert.ThrowsAsync<LiquidStakeArgumentException>(() => service.QuoteAllAsync(Eth, [new ProtocolId("nope")]));
        Assert.Equal("protocols", unknown.ParamName); // the caller's parameter, not the lookup's
        Assert.Equal("protocol", Assert.Throws<LiquidStakeArgumentException>(() => service.GetProvider(new ProtocolId("nope"))).ParamName);
        var route = await Assert.ThrowsAsync<LiquidStakeArgumentException>(() => service.ComposeStakePlanAsync(FakeProvider.Addr(7), Eth, [new ProtocolId("nope")]));
        Assert.Equal("route", route.ParamName);
        var holding = new Position(new ProtocolId("nope"), FakeProvider.Addr(7), lido.Receipt, Eth, null, Eth);
        Assert.Equal("holding", (await Assert.ThrowsAsync<LiquidStakeArgumentException>(() => service.GetExitRoutesAsync(holding))).ParamName);
        var zero = await Assert.ThrowsAsync<LiquidStakeArgumentException>(() => service.QuoteAllAsync(BigInteger.Zero));
        Assert.Equal("amount", zero.ParamName);
    }

    [Fact]
    public async Task QuoteAll_rethrows_the_callers_cancellation_instead_of_reporting_it()
    {
        using var cts = new CancellationTokenSource();
        var slow = new FakeProvider("slow") { BeforeQuote = ct => Task.Delay(Timeout.Infinite, ct) };
        var task = new StakingService([slow]).QuoteAllAsync(Eth, cancellationToken: cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
    }

    [Fact]
    public async Task QuoteAll_turns_a_provider_timeout_into_a_TimeoutException_result()
    {
        var slow = new FakeProvider("slow") { BeforeQuote = ct => Task.Delay(Timeout.Infinite, ct) };
        var fast = new FakeProvider("fast");
        var service = new StakingService([slow, fast], new StakingServiceOptions { ProviderTimeout = TimeSpan.FromMilliseconds(50) });

        var results = await service.QuoteAllAsync(Eth);

        Assert.IsType<TimeoutException>(results[0].Error);
        Assert.Equal(Eth, results[1].Value!.ExpectedOut);
    }

    [Fact]
    public void Duplicate_protocol_ids_are_refused()
    {
        var ex = Assert.Throws<LiquidStakeArgumentException>(() => new StakingService([new FakeProvider("lido"), new FakeProvider("lido")]));
        Assert.Equal("providers", ex.ParamName);
    }

    [Fact]
    public async Task ExitRoutes_put_the_queued_withdrawal_and_the_instant_redeem_side_by_side()
    {
        var etherfi = new FakeExitProvider("etherfi") { FeeBps = 30, Wait = TimeSpan.FromDays(7) };
        var holding = etherfi.MakePosition(Alice, 10 * Eth, 10 * Eth + Eth / 2);

        var routes = await new StakingService([etherfi]).GetExitRoutesAsync(holding, 4 * Eth);

        Assert.Equal(2, routes.Count);
        var queued = routes[0];
        Assert.Equal(ExitRouteKind.QueuedWithdrawal, queued.Kind);
        Assert.Equal((10 * Eth + Eth / 2) * 4 / 10, queued.ExpectedEthOut); // 4.2 ETH at the holding's rate
        Assert.Equal(BigInteger.Zero, queued.Fee);
        Assert.Equal(TimeSpan.FromDays(7), queued.EstimatedWait);
        Assert.True(queued.IsAvailable);
        Assert.Contains("claimable in about 7 days", queued.Description, StringComparison.Ordinal);

        var instant = routes[1];
        Assert.Equal(ExitRouteKind.InstantRedeem, instant.Kind);
        Assert.Equal(4 * Eth * 30 / 10_000, instant.Fee);
        Assert.Equal(4 * Eth - 4 * Eth * 30 / 10_000, instant.ExpectedEthOut);
        Assert.Equal(TimeSpan.Zero, instant.EstimatedWait);
        Assert.True(instant.IsAvailable);
        Assert.Equal("Instant redeem of 4 etherfiETH with Fake etherfi: 3.988 ETH now, fee 0.012 ETH (available now)", instant.Description);
    }

    [Fact]
    public async Task ExitRoutes_mark_unavailable_or_unknown_routes_instead_of_failing()
    {
        var paused = new FakeExitProvider("etherfi") { InstantPaused = true, WaitFailure = new InvalidOperationException("oracle stale") };
        var holding = paused.MakePosition(Alice, 2 * Eth, 2 * Eth);
        var routes = await new StakingService([paused]).GetExitRoutesAsync(holding);
        Assert.Null(routes[0].EstimatedWait);
        Assert.Contains("wait estimate failed: oracle stale", routes[0].Description, StringComparison.Ordinal);
        Assert.False(routes[1].IsAvailable);
        Assert.Contains("(paused)", routes[1].Description, StringComparison.Ordinal);

        var limited = new FakeExitProvider("etherfi") { InstantMaximum = Eth };
        var limitedRoutes = await new StakingService([limited]).GetExitRoutesAsync(limited.MakePosition(Alice, 2 * Eth, 2 * Eth));
        Assert.False(limitedRoutes[1].IsAvailable);
        Assert.Equal(Eth, limitedRoutes[1].Maximum);

        var noQuoter = new FakeProvider("rocketpool", StakingCapabilities.StakeEth | StakingCapabilities.InstantRedeem);
        var single = await new StakingService([noQuoter]).GetExitRoutesAsync(noQuoter.MakePosition(Alice, Eth, Eth));
        var route = Assert.Single(single);
        Assert.Equal(ExitRouteKind.InstantRedeem, route.Kind);
        Assert.False(route.IsAvailable);

        var queuedOnly = new FakeProvider("lido");
        var queuedRoute = Assert.Single(await new StakingService([queuedOnly]).GetExitRoutesAsync(queuedOnly.MakePosition(Alice, Eth, Eth)));
        Assert.Null(queuedRoute.EstimatedWait);
        Assert.EndsWith("wait unknown", queuedRoute.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExitRoutes_refuse_more_than_the_holding()
    {
        var lido = new FakeProvider("lido");
        var ex = await Assert.ThrowsAsync<LiquidStakeArgumentException>(() => new StakingService([lido]).GetExitRoutesAsync(lido.MakePosition(Alice, Eth, Eth), Eth + 1));
        Assert.Equal("amount", ex.ParamName);
    }

    [Fact]
    public async Task Portfolio_prefers_the_batch_reader_and_reads_others_per_account()
    {
        var batch = new FakeBatchProvider("lido");
        var single = new FakeProvider("rocketpool");
        var accounts = Enumerable.Range(1, 1000).Select(FakeProvider.Addr).ToArray();
        BigInteger expectedTotal = 0;
        foreach (var (account, i) in accounts.Select((a, i) => (a, i)))
        {
            batch.SetPositions(account, batch.MakePosition(account, i, 2 * i));
            if (i % 10 == 0)
            {
                single.SetPositions(account, single.MakePosition(account, Eth, Eth + i));
                expectedTotal += Eth + i;
            }
            expectedTotal += 2 * i;
        }

        var portfolio = await new StakingService([batch, single]).GetPortfolioAsync(accounts);

        Assert.Equal(1, batch.BatchCalls);
        Assert.Equal(0, batch.PositionCalls);
        Assert.Equal(1000, single.PositionCalls);
        Assert.True(portfolio.IsComplete);
        Assert.Equal(999 + 100, portfolio.Positions.Count); // account 0's zero lido balance is left out
        Assert.Equal(expectedTotal, portfolio.TotalEthValue);
        Assert.Equal(accounts[9], portfolio.Positions[9].Owner); // account 0 has one position, accounts 1-9 one each
        Assert.Equal(accounts[10], portfolio.Positions[10].Owner);
        Assert.Equal(["lido", "rocketpool"], portfolio.For(accounts[10]).Select(p => p.Protocol.Value));
    }

    [Fact]
    public async Task Portfolio_reports_a_failing_provider_and_keeps_the_others()
    {
        var ok = new FakeProvider("lido");
        ok.SetPositions(Alice, ok.MakePosition(Alice, Eth, Eth));
        var broken = new FakeProvider("etherfi") { Failure = new HttpRequestException("503") };

        var portfolio = await new StakingService([ok, broken]).GetPortfolioAsync(Alice);

        Assert.False(portfolio.IsComplete);
        var error = Assert.Single(portfolio.Errors);
        Assert.Equal("etherfi", error.Protocol.Value);
        Assert.IsType<HttpRequestException>(error.Error);
        Assert.Equal(Eth, Assert.Single(portfolio.Positions).Balance);
        Assert.Equal(Eth, portfolio.EthValueByProtocol()[new ProtocolId("lido")]);
    }

    [Fact]
    public async Task ComposeStakePlan_chains_stake_then_restake_in_order()
    {
        var lido = new FakeProvider("lido", receiptSymbol: "stETH", accounting: TokenAccounting.Rebasing);
        var eigen = new FakeRestakingProvider("eigenlayer", lido.Receipt);
        var service = new StakingService([lido, eigen]);

        var plan = await service.ComposeStakePlanAsync(Alice, 3 * Eth, [ProtocolId.Lido, ProtocolId.EigenLayer]);

        Assert.Equal(2, plan.Parts.Count);
        Assert.Equal([(Alice, 3 * Eth)], lido.PreparedStakes);
        var deposit = Assert.Single(eigen.Deposits);
        Assert.Equal(3 * Eth - 2, deposit.Amount); // 2 wei kept back for stETH's share rounding
        Assert.True(deposit.Funded);
        Assert.Equal(["Stake 3000000000000000000 wei with lido", "Approve 2999999999999999998 stETH", "Deposit 2999999999999999998 stETH into eigenlayer"],
            plan.Steps.Select(s => s.Description));
        var flat = plan.ToPreparedTransaction();
        Assert.Equal("lido+eigenlayer", flat.Protocol.Value);
        Assert.Equal(3, flat.Steps.Count);
        Assert.StartsWith("3 ETH → lido → eigenlayer: ", plan.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComposeStakePlan_refuses_a_protocol_that_does_not_take_the_token()
    {
        var lido = new FakeProvider("lido", receiptSymbol: "stETH", accounting: TokenAccounting.Rebasing);
        var rocket = new FakeProvider("rocketpool");
        var eigenForREth = new FakeRestakingProvider("eigenlayer", rocket.Receipt);
        var service = new StakingService([lido, rocket, eigenForREth]);

        var ex = await Assert.ThrowsAsync<LiquidStakeArgumentException>(() => service.ComposeStakePlanAsync(Alice, Eth, [ProtocolId.Lido, ProtocolId.EigenLayer]));
        Assert.Equal("route", ex.ParamName);
        Assert.Contains("'eigenlayer' does not accept stETH", ex.Message, StringComparison.Ordinal);
        var notEth = await Assert.ThrowsAsync<LiquidStakeArgumentException>(() => service.ComposeStakePlanAsync(Alice, Eth, [ProtocolId.EigenLayer]));
        Assert.Equal("route", notEth.ParamName);
    }

    [Fact]
    public async Task StakingPlan_Create_joins_descriptions_and_refuses_empty_plans()
    {
        var lido = new FakeProvider("lido");
        var part = await lido.PrepareStakeAsync(Alice, Eth);
        var plan = StakingPlan.Create([part, part]);
        Assert.Equal("Stake 1000000000000000000 wei with lido → Stake 1000000000000000000 wei with lido", plan.Description);
        Assert.Equal("lido", plan.ToPreparedTransaction().Protocol.Value);
        Assert.Throws<LiquidStakeArgumentException>(() => StakingPlan.Create([]));
    }
}
