using System.Numerics;
using LiquidStake.Testing;
using LiquidStake.IntegrationTests.Support;
using LiquidStake.Sdk.Contracts.EigenLayer;
using LiquidStake.Sdk.Contracts.RocketPool;

namespace LiquidStake.IntegrationTests.Devnet;

public class ProtocolHelperTests(DevnetFixture fixture) : DevnetTest(fixture)
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    [Fact]
    public async Task Lido_oracle_report_grows_pooled_ether_by_the_documented_rewards()
    {
        var internalEther = await Node.Lido.GetInternalEtherAsync();
        var pooledBefore = await Node.Lido.StEth.GetTotalPooledEtherAsync();
        // the CL balance is reported in gwei: the APR amount floored to whole gwei
        var expected = internalEther * 350 * 86_400 / (10_000 * new BigInteger(31_536_000)) / 1_000_000_000 * 1_000_000_000;

        var receipt = await Node.Lido.OracleReportAsync(aprBasisPoints: 350, elapsedSeconds: 86_400);

        Assert.True(receipt.Succeeded);
        Assert.Equal(expected, LidoDevnet.ComputeRewards(internalEther, 350, 86_400));
        Assert.Equal(pooledBefore + expected, await Node.Lido.StEth.GetTotalPooledEtherAsync());
    }

    [Fact]
    public async Task Lido_negative_report_lowers_pooled_ether_by_the_loss()
    {
        var pooledBefore = await Node.Lido.StEth.GetTotalPooledEtherAsync();
        var sharesBefore = await Node.Lido.StEth.GetTotalSharesAsync();

        await Node.Lido.OracleReportWithClDeltaAsync(-100 * Ether, elapsedSeconds: 86_400);

        Assert.Equal(pooledBefore - (100 * Ether), await Node.Lido.StEth.GetTotalPooledEtherAsync());
        Assert.Equal(sharesBefore, await Node.Lido.StEth.GetTotalSharesAsync());
    }

    [Fact]
    public async Task RocketPool_set_balances_sets_the_exchange_rate_exactly()
    {
        var totalEth = 400_000 * Ether + 123;
        var supply = 340_000 * Ether + 7;

        await Node.RocketPool.SetBalancesAsync(totalEth, stakingEth: 390_000 * Ether, rethSupply: supply);

        Assert.Equal(totalEth, await Node.RocketPool.NetworkBalances.GetTotalEthBalanceAsync());
        Assert.Equal(supply, await Node.RocketPool.NetworkBalances.GetTotalREthSupplyAsync());
        Assert.Equal(Ether * totalEth / supply, await Node.RocketPool.REth.GetExchangeRateAsync());
    }

    [Fact]
    public async Task RocketPool_accrue_rewards_follows_the_documented_formula()
    {
        var totalEth = await Node.RocketPool.NetworkBalances.GetTotalEthBalanceAsync();
        var snapshotSupply = await Node.RocketPool.NetworkBalances.GetTotalREthSupplyAsync();
        var currentSupply = await Node.RocketPool.REth.TotalSupplyAsync();
        var rateBefore = await Node.RocketPool.REth.GetExchangeRateAsync();
        var expectedTotal = RocketPoolDevnet.ComputeAccruedTotalEth(totalEth, snapshotSupply, currentSupply, 300, 86_400);

        await Node.RocketPool.AccrueRewardsAsync(aprBasisPoints: 300, elapsedSeconds: 86_400);

        Assert.Equal(expectedTotal, await Node.RocketPool.NetworkBalances.GetTotalEthBalanceAsync());
        var rateAfter = await Node.RocketPool.REth.GetExchangeRateAsync();
        Assert.Equal(Ether * expectedTotal / currentSupply, rateAfter);
        Assert.True(rateAfter > rateBefore);
    }

    [Fact]
    public async Task RocketPool_collateral_and_deposit_settings_take_effect()
    {
        // Deposit-pool ETH arrives as rETH's excess collateral: rETH is topped up to its target plus the amount, then
        // depositExcessCollateral keeps balance * target / collateralRate (the real v1.0 formula, the rate floored) and
        // recycles the rest.
        var poolBefore = await Node.RocketPool.DepositPool.GetBalanceAsync();
        var networkSettings = new RocketDaoProtocolSettingsNetwork(await Node.RocketPool.ResolveAsync("rocketDAOProtocolSettingsNetwork"), Node.Rpc);
        var targetRate = await networkSettings.GetTargetRethCollateralRateAsync();
        var supplyValue = await Node.RocketPool.REth.GetEthValueAsync(await Node.RocketPool.REth.TotalSupplyAsync());
        var held = await Node.Rpc.GetBalanceAsync(Node.RocketPool.REth.Address);
        var funded = held + (7 * Ether) + BigInteger.Max(BigInteger.Zero, (supplyValue * targetRate / Ether) - held);
        var collateralRate = Ether * funded / supplyValue;
        await Node.RocketPool.AddDepositPoolBalanceAsync(7 * Ether);
        Assert.Equal(poolBefore + funded - (funded * targetRate / collateralRate), await Node.RocketPool.DepositPool.GetBalanceAsync());

        var collateralBefore = await Node.RocketPool.REth.GetTotalCollateralAsync();
        await Node.RocketPool.AddCollateralAsync(25 * Ether);
        Assert.Equal(collateralBefore + (25 * Ether), await Node.RocketPool.REth.GetTotalCollateralAsync());

        await Node.RocketPool.SetDepositSettingsAsync(enabled: false, minimumDeposit: Ether / 10, maximumDepositPoolSize: 1000 * Ether, depositFee: Ether / 1000);
        Assert.False(await Node.RocketPool.DepositSettings.GetDepositEnabledAsync());
        Assert.Equal(Ether / 10, await Node.RocketPool.DepositSettings.GetMinimumDepositAsync());
        Assert.Equal(1000 * Ether, await Node.RocketPool.DepositSettings.GetMaximumDepositPoolSizeAsync());
        Assert.Equal(Ether / 1000, await Node.RocketPool.DepositSettings.GetDepositFeeAsync());
    }

    [Fact]
    public async Task EtherFi_rebase_grows_the_pool_by_the_documented_rewards()
    {
        var pooled = await Node.EtherFi.LiquidityPool.GetTotalPooledEtherAsync();
        var rateBefore = await Node.EtherFi.WeEth.GetRateAsync();

        await Node.EtherFi.RebaseAsync(aprBasisPoints: 280, elapsedSeconds: 7 * 86_400);

        Assert.Equal(pooled + EtherFiDevnet.ComputeRewards(pooled, 280, 7 * 86_400), await Node.EtherFi.LiquidityPool.GetTotalPooledEtherAsync());
        Assert.True(await Node.EtherFi.WeEth.GetRateAsync() > rateBefore);
    }

    [Fact]
    public async Task EtherFi_finalize_makes_the_next_request_claimable()
    {
        var user = Node.Accounts[3].Address;
        await Node.EtherFi.MintEEthAsync(user, 3 * Ether);
        await Node.SendAsPreservingBalanceAsync(user, Node.EtherFi.EEth.PrepareApprove(DevnetAddresses.EtherFi.LiquidityPool, Ether));
        var next = await Node.EtherFi.WithdrawRequestNft.NextRequestIdAsync();
        await Node.SendAsPreservingBalanceAsync(user, Node.EtherFi.LiquidityPool.PrepareRequestWithdraw(user, Ether));
        Assert.False(await Node.EtherFi.WithdrawRequestNft.IsFinalizedAsync(next));
        var lockedBefore = await Node.EtherFi.WithdrawRequestNft.EthAmountLockedForWithdrawalAsync();

        var finalization = await Node.EtherFi.FinalizeRequestsAsync(next);

        Assert.Equal(next, await Node.EtherFi.WithdrawRequestNft.LastFinalizedRequestIdAsync());
        Assert.True(await Node.EtherFi.WithdrawRequestNft.IsFinalizedAsync(next));
        Assert.True(await Node.EtherFi.WithdrawRequestNft.GetClaimableAmountAsync(next) > 0);
        // EtherFiAdmin locks the nominal amounts of the newly finalized requests.
        Assert.Equal(lockedBefore + finalization.EthLocked, await Node.EtherFi.WithdrawRequestNft.EthAmountLockedForWithdrawalAsync());
        Assert.True(finalization.EthLocked >= Ether);
    }

    [Fact]
    public async Task EtherFi_refill_restores_the_redemption_bucket()
    {
        var eth = DevnetAddresses.EtherFi.EthAddress;
        var user = Node.Accounts[3].Address;
        await Node.EtherFi.MintEEthAsync(user, 20 * Ether);
        await Node.SendAsPreservingBalanceAsync(user, Node.EtherFi.EEth.PrepareApprove(DevnetAddresses.EtherFi.RedemptionManager, 10 * Ether));
        await Node.SendAsPreservingBalanceAsync(user, Node.EtherFi.RedemptionManager.PrepareRedeemEEth(10 * Ether, user, eth));
        var drained = (await Node.EtherFi.RedemptionManager.TokenToRedemptionInfoAsync(eth)).Limit;
        Assert.True(drained.Remaining < drained.Capacity);

        var advanced = await Node.EtherFi.RefillRedemptionBucketAsync();

        // The bucket refills with time only: the seconds it took at the refill rate bring it back to capacity.
        Assert.True(advanced > TimeSpan.Zero);
        var now = await Node.GetBlockTimestampAsync();
        var limit = (await Node.EtherFi.RedemptionManager.TokenToRedemptionInfoAsync(eth)).Limit;
        Assert.Equal(limit.Capacity, BigInteger.Min(limit.Capacity, limit.Remaining + ((now - limit.LastRefill) * limit.RefillRate)));
        Assert.True(drained.Remaining + ((now - drained.LastRefill - 1) * drained.RefillRate) < drained.Capacity, "one second less would not have been enough");
    }

    [DevnetFact]
    public async Task EigenLayer_slash_lowers_max_magnitude_by_the_slashed_allocation()
    {
        var el = Node.EigenLayer;
        var op = DevnetAddresses.EigenLayer.OperatorA;
        var strategy = DevnetAddresses.EigenLayer.StEthStrategy;
        var set = new OperatorSet(DevnetAddresses.EigenLayer.EigenDaAvs, 0);
        var allocated = (await el.AllocationManager.GetAllocationAsync(op, set, strategy)).CurrentMagnitude;
        var maxBefore = await el.AllocationManager.GetMaxMagnitudeAsync(op, strategy);
        var wad = EigenLayerDevnet.Wad / 4;
        var slashed = ((allocated * wad) + EigenLayerDevnet.Wad - 1) / EigenLayerDevnet.Wad;

        await el.SlashOperatorAsync(op, set.Avs, 0, strategy, wad);

        Assert.Equal(maxBefore - slashed, await el.AllocationManager.GetMaxMagnitudeAsync(op, strategy));
        Assert.Equal(allocated - slashed, (await el.AllocationManager.GetAllocationAsync(op, set, strategy)).CurrentMagnitude);
    }

    [Fact]
    public async Task EigenLayer_withdrawal_delay_is_passed_by_mining_the_immutable_delay()
    {
        var delay = (ulong)await Node.EigenLayer.DelegationManager.MinWithdrawalDelayBlocksAsync();
        Assert.InRange(delay, 1UL, 100_800UL);
        ulong start = await Node.Rpc.GetBlockNumberAsync();
        Assert.Equal(delay + 1, await Node.EigenLayer.PassWithdrawalDelayAsync());
        Assert.Equal(start + delay + 1, await Node.Rpc.GetBlockNumberAsync());
    }
}
