using System.Numerics;
using LiquidStake.Testing;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Signing;
using LiquidStake.IntegrationTests.Support;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Contracts.EtherFi;
using LiquidStake.Sdk.Contracts.RocketPool;
using LiquidStake.Sdk.Protocols.EtherFi;
using LiquidStake.Sdk.Protocols.Lido;
using LiquidStake.Sdk.Protocols.RocketPool;
using LiquidStake.Sdk.Services;

namespace LiquidStake.IntegrationTests.Services;

/// <summary>
/// <see cref="StakingService.GetExitRoutesAsync"/> over the three providers: each route's ETH out and fee are compared, to
/// the wei, with what executing that route pays on the devnet.
/// </summary>
public sealed class ExitRoutesDevnetTests(DevnetFixture fixture) : DevnetTest(fixture)
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    private PrivateKeySigner User => Node.Accounts[1];

    private (LidoClient Lido, RocketPoolClient RocketPool, EtherFiClient EtherFi, StakingService Service, LiquidStakeContext Context) NewStack()
    {
        var context = new LiquidStakeContext(Node.Rpc, NetworkProfile.Devnet);
        var lido = new LidoClient(context);
        var rocketPool = new RocketPoolClient(context);
        var etherFi = new EtherFiClient(context);
        return (lido, rocketPool, etherFi, new StakingService([lido, rocketPool, etherFi]), context);
    }

    private static BigInteger GasCost(PlanExecution execution) =>
        execution.Receipts.Aggregate(BigInteger.Zero, (sum, r) => sum + r.GasUsed * r.EffectiveGasPrice);

    private Task<BigInteger> EthBalanceAsync(Address account) => Node.Rpc.GetBalanceAsync(account, BlockParameter.Latest);

    /// <summary>Executes the route's instant redemption through <see cref="IInstantRedeemQuoter"/> and returns the ETH the account received net of gas, and the plan's execution.</summary>
    private async Task<(BigInteger EthReceived, PlanExecution Execution)> ExecuteInstantAsync(IInstantRedeemQuoter quoter, LiquidStakeContext context, StakingToken token, BigInteger amount)
    {
        var before = await EthBalanceAsync(User.Address);
        var plan = await quoter.PrepareInstantRedeemAsync(User.Address, token, amount);
        var execution = await new PreparedTransactionExecutor(context).SendAsync(plan, User);
        var after = await EthBalanceAsync(User.Address);
        return (after - before + GasCost(execution), execution);
    }

    [DevnetFact]
    public async Task StEth_holding_has_a_queued_route_whose_claim_pays_its_estimate_less_share_rounding()
    {
        var (lido, _, _, service, _) = NewStack();
        await lido.StakeAsync(User, 4 * Ether);
        var holding = (await lido.GetPositionsAsync(User.Address)).Single(p => p.Token.Address == lido.StEthToken.Address);

        var routes = await service.GetExitRoutesAsync(holding);

        var queued = Assert.Single(routes); // Lido has no instant redemption
        Assert.Equal(ExitRouteKind.QueuedWithdrawal, queued.Kind);
        Assert.Equal(holding.Balance, queued.Amount);
        Assert.InRange(queued.ExpectedEthOut, holding.EthValue - 2, holding.EthValue); // Lido's quote applies its share rounding
        Assert.Equal(BigInteger.Zero, queued.Fee);
        Assert.True(queued.IsAvailable);

        // Execute: request the whole holding, finalize at the unchanged rate, claim.
        var request = await lido.RequestWithdrawalAsync(User, queued.Amount);
        var lockedShares = request.Requests.Aggregate(BigInteger.Zero, (sum, r) => sum + r.AmountOfShares);
        var valueOfLockedShares = await lido.GetPooledEthBySharesAsync(lockedShares);
        await Node.Lido.FinalizeWithdrawalsAsync(request.Requests[^1].RequestId);
        var claim = await lido.ClaimAsync(User, request.RequestIds);

        // The claim pays the locked shares at the finalization rate (lido.md §6.2), which Lido's queued-withdrawal quote
        // computes the same way: the route says exactly what the claim pays.
        Assert.Equal(valueOfLockedShares, claim.TotalEth);
        Assert.Equal(queued.ExpectedEthOut, claim.TotalEth);
    }

    [DevnetFact]
    public async Task REth_holding_has_an_instant_burn_route_that_pays_exactly_its_quote()
    {
        var (_, rocketPool, _, service, context) = NewStack();
        await rocketPool.DepositAsync(User, 3 * Ether);
        var holding = (await rocketPool.GetPositionsAsync(User.Address)).Single();

        var routes = await service.GetExitRoutesAsync(holding);

        var instant = Assert.Single(routes); // rETH has no queue
        Assert.Equal(ExitRouteKind.InstantRedeem, instant.Kind);
        Assert.Equal(holding.Balance, instant.Amount);
        Assert.Equal(BigInteger.Zero, instant.Fee);
        Assert.Equal(TimeSpan.Zero, instant.EstimatedWait);
        Assert.True(instant.IsAvailable, instant.Description);

        // Maximum = the collateral in rETH: the largest r with floor(r*T/S) <= collateral.
        var collateral = await Node.RocketPool.REth.GetTotalCollateralAsync();
        var t = await Node.RocketPool.NetworkBalances.GetTotalEthBalanceAsync();
        var s = await Node.RocketPool.NetworkBalances.GetTotalREthSupplyAsync();
        var max = Assert.NotNull(instant.Maximum);
        Assert.True(max * t / s <= collateral);
        Assert.True((max + 1) * t / s > collateral);
        Assert.True(holding.Balance <= max);

        var (received, execution) = await ExecuteInstantAsync(rocketPool, context, holding.Token, instant.Amount);
        Assert.Equal(instant.ExpectedEthOut, received);
        var burned = rocketPool.DecodeBurnResult(execution.ActionReceipt, User.Address);
        Assert.Equal(instant.ExpectedEthOut, burned.EthReceived);
        Assert.Equal(BigInteger.Zero, await Node.RocketPool.REth.BalanceOfAsync(User.Address));
    }

    [DevnetFact]
    public async Task REth_quote_above_the_collateral_is_not_allowed()
    {
        var (_, rocketPool, _, _, _) = NewStack();
        var collateral = await Node.RocketPool.REth.GetTotalCollateralAsync();
        var probe = await rocketPool.QuoteInstantRedeemAsync(rocketPool.REth, Ether);
        var max = Assert.NotNull(probe.Maximum);

        var atMax = await rocketPool.QuoteInstantRedeemAsync(rocketPool.REth, max);
        var aboveMax = await rocketPool.QuoteInstantRedeemAsync(rocketPool.REth, max + 1);

        Assert.True(atMax.IsAllowed);
        Assert.True(atMax.EthOut <= collateral);
        Assert.False(aboveMax.IsAllowed);
        Assert.True(aboveMax.EthOut > collateral);
    }

    [DevnetFact]
    public async Task EEth_holding_has_queued_and_instant_routes_that_pay_what_they_quote()
    {
        var (_, _, etherFi, service, _) = NewStack();
        await etherFi.DepositAsync(User, 6 * Ether);
        var holding = (await etherFi.GetPositionsAsync(User.Address)).Single(p => p.Token.Address == etherFi.EEthToken.Address);

        var routes = await service.GetExitRoutesAsync(holding);

        Assert.Equal(2, routes.Count);
        var queued = routes.Single(r => r.Kind == ExitRouteKind.QueuedWithdrawal);
        var instant = routes.Single(r => r.Kind == ExitRouteKind.InstantRedeem);
        Assert.Equal(holding.EthValue, queued.ExpectedEthOut);
        Assert.Equal(BigInteger.Zero, queued.Fee);
        Assert.True(instant.IsAvailable, instant.Description);
        Assert.True(instant.Fee.Sign > 0, "the devnet has a 30 bps exit fee");
        var redeemable = await Node.EtherFi.RedemptionManager.TotalRedeemableAmountAsync(EtherFiClient.EthOutputToken);
        Assert.Equal(redeemable, instant.Maximum);
        Assert.True(await Node.EtherFi.RedemptionManager.CanRedeemAsync(redeemable, EtherFiClient.EthOutputToken));
        Assert.False(await Node.EtherFi.RedemptionManager.CanRedeemAsync(redeemable + 1, EtherFiClient.EthOutputToken));

        // Instant: the ETH received and the Redeemed event's fee equal the route.
        await Node.IsolatedAsync(async () =>
        {
            var context = new LiquidStakeContext(Node.Rpc, NetworkProfile.Devnet);
            var (received, execution) = await ExecuteInstantAsync(new EtherFiClient(context), context, holding.Token, instant.Amount);
            Assert.Equal(instant.ExpectedEthOut, received);
            var redeemed = execution.ActionReceipt.Logs
                .Select(l => EtherFiRedemptionManager.TryDecodeRedeemedEvent(l, out var e) ? e : null).Single(e => e is not null)!;
            Assert.Equal(instant.Fee, redeemed.FeeAmountToTreasury + redeemed.FeeAmountToStakers);
            Assert.Equal(instant.Amount, redeemed.RedemptionAmount);
        });

        // Queued: request, finalize, claim: the claim pays the route's expected ETH.
        var fresh = new EtherFiClient(new LiquidStakeContext(Node.Rpc, NetworkProfile.Devnet));
        var request = await fresh.RequestWithdrawalAsync(User, queued.Amount, usePermit: false);
        await Node.EtherFi.FinalizeRequestsAsync(request.RequestId);
        var claim = await fresh.ClaimAsync(User, [request.Id]);
        Assert.Equal(queued.ExpectedEthOut, Assert.Single(claim.Claims).EthPaid);
    }

    [DevnetFact]
    public async Task WeEth_holding_has_an_instant_route_that_pays_what_it_quotes()
    {
        var (_, _, etherFi, service, _) = NewStack();
        await etherFi.DepositForWeEthAsync(User, 5 * Ether);
        var holding = (await etherFi.GetPositionsAsync(User.Address)).Single(p => p.Token.Address == etherFi.WeEthToken.Address);
        Assert.True(holding.Balance.Sign > 0);

        var routes = await service.GetExitRoutesAsync(holding);

        Assert.Equal(2, routes.Count);
        var queued = routes.Single(r => r.Kind == ExitRouteKind.QueuedWithdrawal);
        Assert.Equal(holding.EthValue, queued.ExpectedEthOut);
        var instant = routes.Single(r => r.Kind == ExitRouteKind.InstantRedeem);
        Assert.True(instant.IsAvailable, instant.Description);
        Assert.Equal(holding.Balance, instant.Amount);

        // Maximum in weETH: the largest w whose eETH value amountForShare(w) fits totalRedeemableAmount.
        var redeemable = await Node.EtherFi.RedemptionManager.TotalRedeemableAmountAsync(EtherFiClient.EthOutputToken);
        var max = Assert.NotNull(instant.Maximum);
        Assert.True(await Node.EtherFi.LiquidityPool.AmountForShareAsync(max) <= redeemable);
        Assert.True(await Node.EtherFi.LiquidityPool.AmountForShareAsync(max + 1) > redeemable);

        var context = new LiquidStakeContext(Node.Rpc, NetworkProfile.Devnet);
        var (received, execution) = await ExecuteInstantAsync(new EtherFiClient(context), context, holding.Token, instant.Amount);
        Assert.Equal(instant.ExpectedEthOut, received);
        var redeemed = execution.ActionReceipt.Logs
            .Select(l => EtherFiRedemptionManager.TryDecodeRedeemedEvent(l, out var e) ? e : null).Single(e => e is not null)!;
        Assert.Equal(instant.Fee, redeemed.FeeAmountToTreasury + redeemed.FeeAmountToStakers);
        Assert.Equal(BigInteger.Zero, await Node.EtherFi.WeEth.BalanceOfAsync(User.Address));
    }

    [Fact]
    public async Task Instant_quoters_refuse_a_token_that_is_not_theirs_before_any_read()
    {
        var (lido, rocketPool, etherFi, _, _) = NewStack();

        var rp = await Assert.ThrowsAsync<LiquidStakeArgumentException>(() => rocketPool.QuoteInstantRedeemAsync(lido.StEthToken, Ether));
        Assert.Equal("token", rp.ParamName);
        Assert.Contains("rETH", rp.Limit, StringComparison.Ordinal);
        var ef = await Assert.ThrowsAsync<LiquidStakeArgumentException>(() => etherFi.PrepareInstantRedeemAsync(User.Address, rocketPool.REth, Ether));
        Assert.Equal("token", ef.ParamName);
        Assert.Contains("weETH", ef.Limit, StringComparison.Ordinal);
        await Assert.ThrowsAsync<AmountNotPositiveException>(() => etherFi.QuoteInstantRedeemAsync(etherFi.EEthToken, BigInteger.Zero));
    }
}
