using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Contracts;
using LiquidStake.IntegrationTests.Support;
using LiquidStake.Sdk.Contracts.Lido;
using LiquidStake.Sdk.Protocols.Lido;
using LiquidStake.Testing;

namespace LiquidStake.IntegrationTests.Lido;

/// <summary>The Lido driver's real paths: the oracle report with its inputs, finalization past the buffer, role holders.</summary>
public class LidoDriverTests(DevnetFixture fixture) : LidoTestBase(fixture)
{
    [Fact]
    public async Task A_report_books_cl_and_el_rewards_with_the_fee_and_the_ref_slot_timing()
    {
        var before = await ReadRateAsync();
        var oracle = new AccountingOracle(await Node.Lido.Locator.AccountingOracleAsync(), Node.Rpc);
        var consensus = new HashConsensus(await oracle.GetConsensusContractAsync(), Node.Rpc);
        var frame = await consensus.GetFrameConfigAsync();
        var chain = await consensus.GetChainConfigAsync();
        var lastRef = await oracle.GetLastProcessingRefSlotAsync();

        var result = await Node.Lido.ReportAsync(new LidoReportOptions { ClBalanceDeltaWei = 5 * Ether, ElRewardsWei = 2 * Ether, MinimumElapsedSeconds = 86_400 });

        var rebased = result.Receipt.Logs.Select(l => StEth.TryDecodeTokenRebasedEvent(l, out var e) ? e : null).Single(e => e is not null)!;
        Assert.Equal(result.RefSlot, await oracle.GetLastProcessingRefSlotAsync());
        Assert.Equal(BigInteger.Zero, (result.RefSlot - lastRef) % (frame.EpochsPerFrame * chain.SlotsPerEpoch));
        Assert.Equal(chain.GenesisTime + (result.RefSlot * chain.SecondsPerSlot), rebased.ReportTimestamp);
        Assert.Equal((result.RefSlot - lastRef) * chain.SecondsPerSlot, rebased.TimeElapsed);
        Assert.Equal(new BigInteger(result.TimeElapsed), rebased.TimeElapsed);
        Assert.True(result.TimeElapsed >= 86_400);
        Assert.Equal(5 * Ether, result.ClBalanceDeltaWei);

        // Accounting: fee on CL + EL rewards, fee ether floored, shares that own exactly it
        var rewards = 7 * Ether;
        var feeEther = rewards * await Node.Lido.StEth.GetFeeAsync() / 10_000;
        var postEther = before.InternalEther + rewards;
        var feeShares = feeEther * before.InternalShares / (postEther - feeEther);
        Assert.Equal(feeShares, rebased.SharesMintedAsFees);
        Assert.Equal(new LidoShareRate(postEther, before.InternalShares + feeShares), await ReadRateAsync());
    }

    [DevnetFact]
    public async Task Finalizing_past_the_buffer_sweeps_the_shortfall_from_the_validators_through_the_withdrawal_vault()
    {
        // The devnet's "all other stETH holders" account queues more than the buffer holds.
        var holder = Address.Parse("0xDC24316b9AE028F1497c275EB9192a3Ea0f67022");
        var queue = Node.Lido.WithdrawalQueue;
        var buffer = await Node.Lido.StEth.GetBufferedEtherAsync();
        var count = (int)((buffer - await queue.UnfinalizedStEthAsync()) / (1000 * Ether)) + 2;
        await Node.SendAsPreservingBalanceAsync(holder, Node.Lido.StEth.PrepareApprove(queue.Address, count * 1000 * Ether));
        await Node.SendAsPreservingBalanceAsync(holder, queue.PrepareRequestWithdrawals(Enumerable.Repeat(1000 * Ether, count).ToArray(), holder));
        var last = await queue.GetLastRequestIdAsync();
        var pooledBefore = await Node.Lido.StEth.GetTotalPooledEtherAsync();
        var statsBefore = await Node.Lido.StEth.GetBalanceStatsAsync();

        var result = await Node.Lido.ReportAsync(new LidoReportOptions { FinalizeUpToRequestId = last });

        var finalized = result.Receipt.Logs.Select(l => WithdrawalQueueErc721.TryDecodeWithdrawalsFinalizedEvent(l, out var e) ? e : null).Single(e => e is not null)!;
        Assert.Equal(last, finalized.To);
        Assert.Equal(last, await queue.GetLastFinalizedRequestIdAsync());
        Assert.True(result.WithdrawalsWei > 0);
        Assert.True(finalized.AmountOfEthLocked > buffer);
        // no rewards: the pool shrinks by exactly the ether locked; the CL balance by exactly the ether swept
        Assert.Equal(BigInteger.Zero, result.ClBalanceDeltaWei);
        Assert.Equal(pooledBefore - finalized.AmountOfEthLocked, await Node.Lido.StEth.GetTotalPooledEtherAsync());
        var statsAfter = await Node.Lido.StEth.GetBalanceStatsAsync();
        Assert.Equal(statsBefore.ClValidatorsBalanceAtLastReport - result.WithdrawalsWei, statsAfter.ClValidatorsBalanceAtLastReport);
        Assert.Equal(buffer + result.WithdrawalsWei - finalized.AmountOfEthLocked, await Node.Lido.StEth.GetBufferedEtherAsync());
    }

    [Fact]
    public async Task Staking_and_queue_pauses_and_limits_go_through_the_role_holders()
    {
        var stEth = Node.Lido.StEth;
        await Node.Lido.PauseStakingAsync();
        Assert.True(await stEth.IsStakingPausedAsync());
        var refused = await Assert.ThrowsAsync<ContractRevertException>(() => Node.SendAsync(stEth.PrepareResumeStaking(), User));
        Assert.Contains("APP_AUTH_FAILED", refused.Message, StringComparison.Ordinal);
        await Node.Lido.ResumeStakingAsync();
        Assert.False(await stEth.IsStakingPausedAsync());

        await Node.Lido.SetStakingLimitAsync(10 * Ether, Ether);
        var limit = await stEth.GetStakeLimitFullInfoAsync();
        Assert.Equal((true, 10 * Ether, new BigInteger(10)), (limit.IsStakingLimitSet, limit.MaxStakeLimit, limit.MaxStakeLimitGrowthBlocks));
        await Node.Lido.RemoveStakingLimitAsync();
        Assert.False((await stEth.GetStakeLimitFullInfoAsync()).IsStakingLimitSet);

        await Node.Lido.PauseWithdrawalsAsync(TimeSpan.FromHours(1));
        Assert.True(await Node.Lido.WithdrawalQueue.IsPausedAsync());
        await Node.Lido.ResumeWithdrawalsAsync();
        Assert.False(await Node.Lido.WithdrawalQueue.IsPausedAsync());

        var zero = await Assert.ThrowsAsync<LiquidStakeArgumentException>(() => Node.Lido.SetStakingLimitAsync(BigInteger.Zero, BigInteger.Zero));
        Assert.Equal("maxStakeLimit", zero.ParamName);
    }
}
