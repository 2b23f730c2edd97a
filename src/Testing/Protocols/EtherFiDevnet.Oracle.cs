using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Sdk.Contracts.EtherFi;

namespace LiquidStake.Testing;

// The oracle's jobs. DeliverReportAsync takes the full path (committee submitReport to quorum, then
// EtherFiAdmin.executeTasks with its checks). The other methods act as EtherFiAdmin itself at once, calling what
// executeTasks calls: LiquidityPool.rebase(accruedRewards, protocolFees), WithdrawRequestNFT.finalizeRequests(lastId)
// and LiquidityPool.addEthAmountLockedForWithdrawal(nominal sum of the newly finalized valid requests).
public sealed partial class EtherFiDevnet
{
    /// <summary>A single rebase may raise the pool by at most this many basis points (<c>MAX_POSITIVE_REBASE_BPS</c>).</summary>
    public const int MaxPositiveRebaseBasisPoints = 25;

    /// <summary>The rewards <see cref="RebaseAsync"/> books: <c>floor(P * apr * elapsed / (10000 * 31536000))</c>, P = total pooled ether.</summary>
    public static BigInteger ComputeRewards(BigInteger totalPooledEther, int aprBasisPoints, ulong elapsedSeconds) =>
        totalPooledEther * aprBasisPoints * elapsedSeconds / (10_000 * LidoDevnet.SecondsPerYear);

    /// <summary>
    /// Rebases as EtherFiAdmin by the rewards of <paramref name="aprBasisPoints"/> APR over <paramref name="elapsedSeconds"/>
    /// (<see cref="ComputeRewards"/>), without a protocol fee. Does not move time.
    /// </summary>
    /// <exception cref="LiquidStakeArgumentException">The rewards exceed the pool's 0.25 % cap per rebase.</exception>
    public async Task<TransactionReceipt> RebaseAsync(int aprBasisPoints, ulong elapsedSeconds, CancellationToken cancellationToken = default)
    {
        if (aprBasisPoints < 0) throw new LiquidStakeArgumentException(nameof(aprBasisPoints), "cannot be negative", "at least 0");
        var pooled = await LiquidityPool.GetTotalPooledEtherAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var rewards = ComputeRewards(pooled, aprBasisPoints, elapsedSeconds);
        if (rewards * 10_000 > pooled * MaxPositiveRebaseBasisPoints)
            throw new LiquidStakeArgumentException(nameof(aprBasisPoints), $"gives {rewards} wei over {elapsedSeconds} s, above the 25 bps cap of one rebase", "a smaller APR or a shorter period");
        return await RebaseByAmountAsync(rewards, BigInteger.Zero, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>LiquidityPool.rebase(accruedRewards, protocolFees)</c> as EtherFiAdmin: the pool grows by
    /// <paramref name="accruedRewards"/> (negative for a slashing), then <paramref name="protocolFees"/> is minted to the
    /// fee recipient as a deposit on top.
    /// </summary>
    public async Task<TransactionReceipt> RebaseByAmountAsync(BigInteger accruedRewards, BigInteger protocolFees, CancellationToken cancellationToken = default)
    {
        if (protocolFees.Sign < 0) throw new LiquidStakeArgumentException(nameof(protocolFees), "cannot be negative", "at least 0");
        var admin = await GetEtherFiAdminAsync(cancellationToken).ConfigureAwait(false);
        return await SendAsHolderAsync(admin, LiquidityPool.PrepareRebase(accruedRewards, protocolFees), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Finalizes every request up to <paramref name="upToRequestId"/> as EtherFiAdmin does: <c>finalizeRequests</c>, then
    /// <c>addEthAmountLockedForWithdrawal</c> with the nominal sum of the newly finalized valid requests. A no-op when
    /// the id is already finalized.
    /// </summary>
    public async Task<EtherFiFinalization> FinalizeRequestsAsync(BigInteger upToRequestId, CancellationToken cancellationToken = default)
    {
        var last = await WithdrawRequestNft.LastFinalizedRequestIdAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var next = await WithdrawRequestNft.NextRequestIdAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        if (upToRequestId >= next)
            throw new LiquidStakeArgumentException(nameof(upToRequestId), $"is not a request yet (next id is {next})", $"at most {next - 1}");
        if (upToRequestId <= last) return new EtherFiFinalization(last, BigInteger.Zero, []);
        BigInteger sum = 0;
        for (var id = last + 1; id <= upToRequestId; id++)
        {
            var request = await WithdrawRequestNft.GetRequestAsync(id, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (request.IsValid) sum += request.AmountOfEEth;
        }
        var admin = await GetEtherFiAdminAsync(cancellationToken).ConfigureAwait(false);
        var receipts = new List<TransactionReceipt>
        {
            await SendAsHolderAsync(admin, WithdrawRequestNft.PrepareFinalizeRequests(upToRequestId), cancellationToken).ConfigureAwait(false),
        };
        if (sum.Sign > 0)
            receipts.Add(await SendAsHolderAsync(admin, LiquidityPool.PrepareAddEthAmountLockedForWithdrawal(sum), cancellationToken).ConfigureAwait(false));
        return new EtherFiFinalization(upToRequestId, sum, receipts);
    }

    /// <summary>
    /// Finalizes the pending requests in id order as far as the pool's liquidity (<c>totalValueInLp</c>) covers their
    /// nominal amounts, as the oracle's report does.
    /// </summary>
    public async Task<EtherFiFinalization> FinalizePendingRequestsAsync(CancellationToken cancellationToken = default)
    {
        var liquidity = await LiquidityPool.TotalValueInLpAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var (upTo, _) = await CoverPendingAsync(liquidity, int.MaxValue, cancellationToken).ConfigureAwait(false);
        return await FinalizeRequestsAsync(upTo, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Delivers the oracle's next report through the real path: the committee members (found from the oracle's
    /// <c>CommitteeMemberAdded</c> events, still registered and enabled) each <c>submitReport</c> the report for the next
    /// frame until the quorum publishes it, then <c>EtherFiAdmin.executeTasks</c> runs it with its checks. The report
    /// carries <paramref name="aprBasisPoints"/> staker APR over the frame (capped at 25 bps of the pool) plus a 10 %
    /// protocol fee on top, and finalizes the pending requests in id order as far as the pool's liquidity and the daily
    /// cap cover their nominal amounts. Like the committee, it waits for the frame's last epoch to be finalized: chain
    /// time moves forward to that point when needed (the mainnet oracle reports once a day).
    /// </summary>
    public async Task<EtherFiReport> DeliverReportAsync(int aprBasisPoints, CancellationToken cancellationToken = default)
    {
        if (aprBasisPoints < 0) throw new LiquidStakeArgumentException(nameof(aprBasisPoints), "cannot be negative", "at least 0");
        var admin = new EtherFiAdmin(await GetEtherFiAdminAsync(cancellationToken).ConfigureAwait(false), _node.Rpc);
        var oracle = new EtherFiOracle(await admin.EtherFiOracleAsync(cancellationToken: cancellationToken).ConfigureAwait(false), _node.Rpc);

        await WaitForFinalizedFrameAsync(oracle, cancellationToken).ConfigureAwait(false);
        await _node.MineAsync(1, cancellationToken: cancellationToken).ConfigureAwait(false);
        var members = await GetCommitteeAsync(oracle, cancellationToken).ConfigureAwait(false);
        var quorum = (int)await oracle.QuorumSizeAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        if (members.Count < quorum) throw new LiquidStakeException($"The ether.fi oracle has {members.Count} active committee members for a quorum of {quorum}.");

        var stamp = await oracle.BlockStampForNextReportAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var latest = (await _node.Rpc.GetBlockByNumberAsync(BlockParameter.Latest, cancellationToken).ConfigureAwait(false))!.Number;
        var lastExecution = await admin.LastAdminExecutionBlockAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var refBlockTo = BigInteger.Max(new BigInteger(latest) - 1, lastExecution + 1);
        var lastHandled = await admin.LastHandledReportRefSlotAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var elapsed = (stamp.SlotTo - lastHandled) * SecondsPerSlot;

        var pooled = await LiquidityPool.GetTotalPooledEtherAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var rewards = BigInteger.Min(pooled * aprBasisPoints * elapsed / (10_000 * LidoDevnet.SecondsPerYear), pooled * MaxPositiveRebaseBasisPoints / 10_000);
        var fees = rewards / 9;
        var perDay = await admin.MaxFinalizedWithdrawalAmountPerDayAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var maxPerReport = await admin.MaxNumberOfRequestsToFinalizePerReportAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var liquidity = await LiquidityPool.TotalValueInLpAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var (upTo, sum) = await CoverPendingAsync(BigInteger.Min(liquidity, perDay * elapsed / 86_400), maxPerReport, cancellationToken).ConfigureAwait(false);

        var report = new OracleReport(await oracle.ConsensusVersionAsync(cancellationToken: cancellationToken).ConfigureAwait(false),
            stamp.SlotFrom, stamp.SlotTo, stamp.BlockFrom, refBlockTo, rewards, fees, [], upTo, sum);
        var submissions = new List<TransactionReceipt>();
        foreach (var member in members.Take(quorum))
            submissions.Add(await SendAsHolderAsync(member, oracle.PrepareSubmitReport(report), cancellationToken).ConfigureAwait(false));
        var wait = await admin.PostReportWaitTimeInSlotsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        if (wait > 0) await _node.IncreaseTimeAsync(TimeSpan.FromSeconds((double)(wait * SecondsPerSlot)), cancellationToken).ConfigureAwait(false);
        var executed = await SendAsHolderAsync(members[0], admin.PrepareExecuteTasks(report), cancellationToken).ConfigureAwait(false);
        return new EtherFiReport(report, submissions, executed);
    }

    private const int SecondsPerSlot = 12;
    private const int SlotsPerEpoch = 32;

    /// <summary>Moves time until the last epoch of the frame the committee reports on is finalized (epoch + 2 &lt; current epoch).</summary>
    private async Task WaitForFinalizedFrameAsync(EtherFiOracle oracle, CancellationToken cancellationToken)
    {
        while (true)
        {
            var slotTo = await oracle.SlotForNextReportAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var now = await _node.GetBlockTimestampAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var current = await oracle.ComputeSlotAtTimestampAsync(now, cancellationToken: cancellationToken).ConfigureAwait(false);
            var finalAt = ((slotTo / SlotsPerEpoch) + 3) * SlotsPerEpoch;
            if (current >= finalAt) return;
            await _node.IncreaseTimeAsync(TimeSpan.FromSeconds((double)((finalAt - current) * SecondsPerSlot)), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The oracle's active committee: members added (CommitteeMemberAdded logs) and still registered and enabled.</summary>
    private async Task<IReadOnlyList<Address>> GetCommitteeAsync(EtherFiOracle oracle, CancellationToken cancellationToken)
    {
        var logs = await _node.Rpc.GetLogsAsync(oracle.CreateCommitteeMemberAddedFilter(), BlockParameter.AtNumber(0), BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
        var members = new List<Address>();
        foreach (var log in logs)
        {
            if (!EtherFiOracle.TryDecodeCommitteeMemberAddedEvent(log, out var added, oracle.Address) || members.Contains(added.Member)) continue;
            var state = await oracle.CommitteeMemberStatesAsync(added.Member, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (state.Registered && state.Enabled) members.Add(added.Member);
        }
        return members;
    }

    /// <summary>The last pending request id (and the nominal sum up to it) that <paramref name="maxAmount"/> covers, in id order.</summary>
    private async Task<(BigInteger UpTo, BigInteger Sum)> CoverPendingAsync(BigInteger maxAmount, BigInteger maxRequests, CancellationToken cancellationToken)
    {
        var last = await WithdrawRequestNft.LastFinalizedRequestIdAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var next = await WithdrawRequestNft.NextRequestIdAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        BigInteger upTo = last, sum = 0;
        for (var id = last + 1; id < next && id - last <= maxRequests; id++)
        {
            var request = await WithdrawRequestNft.GetRequestAsync(id, cancellationToken: cancellationToken).ConfigureAwait(false);
            var amount = request.IsValid ? request.AmountOfEEth : BigInteger.Zero;
            if (sum + amount > maxAmount) break;
            sum += amount;
            upTo = id;
        }
        return (upTo, sum);
    }
}
