using System.Numerics;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Transactions;

namespace LiquidStake.Testing;

// The oracle's jobs, done as mainnet's EtherFiAdmin does them after a committee report (EtherFiAdmin.executeTasks):
// LiquidityPool.rebase(accruedRewards, protocolFees), WithdrawRequestNFT.finalizeRequests(lastId) and
// LiquidityPool.addEthAmountLockedForWithdrawal(nominal sum of the newly finalized valid requests).
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
        var last = await WithdrawRequestNft.LastFinalizedRequestIdAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var next = await WithdrawRequestNft.NextRequestIdAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var liquidity = await LiquidityPool.TotalValueInLpAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        BigInteger upTo = last, sum = 0;
        for (var id = last + 1; id < next; id++)
        {
            var request = await WithdrawRequestNft.GetRequestAsync(id, cancellationToken: cancellationToken).ConfigureAwait(false);
            var amount = request.IsValid ? request.AmountOfEEth : BigInteger.Zero;
            if (sum + amount > liquidity) break;
            sum += amount;
            upTo = id;
        }
        return await FinalizeRequestsAsync(upTo, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Delivers one oracle report now: rebases by <paramref name="aprBasisPoints"/> staker APR over
    /// <paramref name="elapsed"/> plus a 10 % protocol fee on top (minted to the fee recipient), then finalizes the
    /// pending requests the liquidity covers. Time does not move; the mainnet oracle reports once a day.
    /// </summary>
    public async Task<EtherFiReport> DeliverReportAsync(int aprBasisPoints, TimeSpan elapsed, CancellationToken cancellationToken = default)
    {
        if (aprBasisPoints < 0) throw new LiquidStakeArgumentException(nameof(aprBasisPoints), "cannot be negative", "at least 0");
        if (elapsed <= TimeSpan.Zero) throw new LiquidStakeArgumentException(nameof(elapsed), "must be positive", "more than zero");
        var pooled = await LiquidityPool.GetTotalPooledEtherAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var rewards = ComputeRewards(pooled, aprBasisPoints, (ulong)elapsed.TotalSeconds);
        if (rewards * 10_000 > pooled * MaxPositiveRebaseBasisPoints)
            throw new LiquidStakeArgumentException(nameof(aprBasisPoints), $"gives {rewards} wei over {elapsed}, above the 25 bps cap of one rebase", "a smaller APR or a shorter period");
        var fees = rewards / 9;
        var rebase = await RebaseByAmountAsync(rewards, fees, cancellationToken).ConfigureAwait(false);
        var finalization = await FinalizePendingRequestsAsync(cancellationToken).ConfigureAwait(false);
        return new EtherFiReport(rewards, fees, rebase, finalization);
    }
}
