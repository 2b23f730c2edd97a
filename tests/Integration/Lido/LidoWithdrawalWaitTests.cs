using System.Numerics;
using LiquidStake.Testing;
using LiquidStake.IntegrationTests.Support;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Contracts.Lido;
using LiquidStake.Sdk.Services;

namespace LiquidStake.IntegrationTests.Lido;

/// <summary>
/// <see cref="IWithdrawalWaitEstimator"/> on Lido: the estimate is checked against a wait computed independently from the
/// replica HashConsensus (read at its known address, frames walked one by one) and the latest block's timestamp.
/// </summary>
public sealed class LidoWithdrawalWaitTests(DevnetFixture fixture) : LidoTestBase(fixture)
{
    private static readonly BigInteger MarginSeconds = 7680;

    private HashConsensus Consensus => new(DevnetAddresses.Lido.HashConsensus, Node.Rpc);

    /// <summary>The first ref slot at least the margin after the latest block, reached one frame at a time, minus that block's time.</summary>
    private async Task<TimeSpan> ExpectedWaitAsync()
    {
        var frame = await Consensus.GetCurrentFrameAsync();
        var config = await Consensus.GetFrameConfigAsync();
        var chain = await Consensus.GetChainConfigAsync();
        BigInteger now = await Node.GetBlockTimestampAsync();
        var refSlot = frame.RefSlot;
        while (chain.GenesisTime + refSlot * chain.SecondsPerSlot < now + MarginSeconds)
            refSlot += config.EpochsPerFrame * chain.SlotsPerEpoch;
        return TimeSpan.FromSeconds((long)(chain.GenesisTime + refSlot * chain.SecondsPerSlot - now));
    }

    /// <summary>The Unix time of the ref slot <paramref name="framesAhead"/> frames after the current one.</summary>
    private async Task<ulong> RefSlotTimeAsync(int framesAhead)
    {
        var frame = await Consensus.GetCurrentFrameAsync();
        var config = await Consensus.GetFrameConfigAsync();
        var chain = await Consensus.GetChainConfigAsync();
        return (ulong)(chain.GenesisTime + (frame.RefSlot + framesAhead * config.EpochsPerFrame * chain.SlotsPerEpoch) * chain.SecondsPerSlot);
    }

    private async Task<BigInteger> FreeBufferAsync() =>
        await Node.Lido.StEth.GetBufferedEtherAsync() - await Node.Lido.WithdrawalQueue.UnfinalizedStEthAsync();

    [Fact]
    public async Task Estimate_equals_the_wait_computed_from_hash_consensus_and_the_block_time()
    {
        // The replica's current ref slot sits on the documented grid: initialEpoch × slotsPerEpoch − 1 + k × frame.
        var frame = await Consensus.GetCurrentFrameAsync();
        var config = await Consensus.GetFrameConfigAsync();
        var chain = await Consensus.GetChainConfigAsync();
        Assert.Equal(BigInteger.Zero, (frame.RefSlot + 1 - config.InitialEpoch * chain.SlotsPerEpoch) % (config.EpochsPerFrame * chain.SlotsPerEpoch));

        var state = await Client.GetWithdrawalTimingStateAsync();
        Assert.Equal(DevnetAddresses.Lido.HashConsensus, state.HashConsensus);
        Assert.Equal(new BigInteger(await Node.GetBlockTimestampAsync()), state.Now);

        var wait = await Client.EstimateWithdrawalWaitAsync(Ether);
        var expected = await ExpectedWaitAsync();
        Assert.Equal(expected, wait);
        Assert.InRange(expected, TimeSpan.FromSeconds(7680), TimeSpan.FromSeconds(7680) + TimeSpan.FromSeconds((long)(config.EpochsPerFrame * chain.SlotsPerEpoch * chain.SecondsPerSlot)));
    }

    [Fact]
    public async Task A_pending_request_is_listed_with_the_time_of_the_report_that_can_finalize_it()
    {
        await Client.StakeAsync(User, 2 * Ether);
        var requested = await Client.RequestWithdrawalAsync(User, Ether);
        var id = requested.Requests[0].RequestId;
        BigInteger requestTime = await Node.GetBlockTimestampAsync();

        var listed = (await Client.GetWithdrawalRequestsAsync(User.Address)).Single(r => r.Id.RequestId == id);
        Assert.Equal(WithdrawalStatus.Pending, listed.Status);
        // The first ref slot at least the margin after the request's own block, walked frame by frame.
        var frame = await Consensus.GetCurrentFrameAsync();
        var config = await Consensus.GetFrameConfigAsync();
        var chain = await Consensus.GetChainConfigAsync();
        var refSlot = frame.RefSlot;
        while (chain.GenesisTime + refSlot * chain.SecondsPerSlot < requestTime + MarginSeconds) refSlot += config.EpochsPerFrame * chain.SlotsPerEpoch;
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds((long)(chain.GenesisTime + refSlot * chain.SecondsPerSlot)), listed.EstimatedClaimableAt);

        // Once finalized, the estimate is gone and the claimable amount is known.
        await Node.Lido.FinalizeWithdrawalsAsync(id);
        var finalized = (await Client.GetWithdrawalRequestsAsync(User.Address)).Single(r => r.Id.RequestId == id);
        Assert.Equal(WithdrawalStatus.Claimable, finalized.Status);
        Assert.Null(finalized.EstimatedClaimableAt);
    }

    [Fact]
    public async Task A_block_exactly_the_margin_before_a_ref_slot_makes_it_and_one_second_later_misses_it()
    {
        // Two frames ahead is always more than the margin away, so both timestamps are in the future.
        var target = await RefSlotTimeAsync(2);
        await Node.SetNextBlockTimestampAsync(target - 7680);
        await Node.MineAsync();
        Assert.Equal(TimeSpan.FromSeconds(7680), await Client.EstimateWithdrawalWaitAsync(Ether));
        Assert.Equal(await ExpectedWaitAsync(), await Client.EstimateWithdrawalWaitAsync(Ether));

        await Node.SetNextBlockTimestampAsync(target - 7679);
        await Node.MineAsync();
        var frameSeconds = (long)(await RefSlotTimeAsync(1) - await RefSlotTimeAsync(0));
        Assert.Equal(TimeSpan.FromSeconds(frameSeconds + 7679), await Client.EstimateWithdrawalWaitAsync(Ether));
        Assert.Equal(await ExpectedWaitAsync(), await Client.EstimateWithdrawalWaitAsync(Ether));
    }

    [Fact]
    public async Task Null_when_the_amount_exceeds_the_buffer_minus_the_unfinalized_steth()
    {
        // Put more stETH in the queue first, so the reserved part of the buffer grows by a known amount.
        var unfinalizedBefore = await Node.Lido.WithdrawalQueue.UnfinalizedStEthAsync();
        await Client.StakeAsync(User, 30 * Ether);
        await Client.RequestWithdrawalAsync(User, 25 * Ether);
        Assert.Equal(unfinalizedBefore + (25 * Ether), await Node.Lido.WithdrawalQueue.UnfinalizedStEthAsync());

        var free = await FreeBufferAsync();
        Assert.True(free.Sign > 0);
        Assert.Equal(await ExpectedWaitAsync(), await Client.EstimateWithdrawalWaitAsync(free));
        Assert.Null(await Client.EstimateWithdrawalWaitAsync(free + 1));
        await Assert.ThrowsAsync<AmountNotPositiveException>(() => Client.EstimateWithdrawalWaitAsync(BigInteger.Zero));
    }

    [Fact]
    public async Task Null_in_bunker_mode_and_while_the_queue_is_paused()
    {
        await Node.Lido.OracleReportWithClDeltaAsync(-Ether, 86_400);
        Assert.True(await Node.Lido.WithdrawalQueue.IsBunkerModeActiveAsync());
        Assert.Null(await Client.EstimateWithdrawalWaitAsync(Ether));

        // A rewarding report ends bunker mode; the estimate is back.
        await Node.Lido.OracleReportAsync(500, 86_400);
        Assert.False(await Node.Lido.WithdrawalQueue.IsBunkerModeActiveAsync());
        Assert.Equal(await ExpectedWaitAsync(), await Client.EstimateWithdrawalWaitAsync(Ether));

        await Node.Lido.PauseWithdrawalsAsync(TimeSpan.FromDays(1));
        Assert.True(await Node.Lido.WithdrawalQueue.IsPausedAsync());
        Assert.Null(await Client.EstimateWithdrawalWaitAsync(Ether));
    }

    [Fact]
    public async Task Exit_routes_of_an_steth_holding_report_the_wait_in_the_queued_route()
    {
        await Client.StakeAsync(User, 4 * Ether);
        var holding = (await Client.GetPositionsAsync(User.Address)).Single(p => p.Token.Address == Client.StEthToken.Address);
        var service = new StakingService([Client]);

        var routes = await service.GetExitRoutesAsync(holding);

        var queued = Assert.Single(routes, r => r.Kind == ExitRouteKind.QueuedWithdrawal);
        var expected = await ExpectedWaitAsync();
        Assert.Equal(expected, queued.EstimatedWait);
        Assert.Contains("claimable in about", queued.Description, StringComparison.Ordinal);
    }
}
