using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Sdk.Contracts.Lido;

namespace LiquidStake.Testing;

/// <summary>
/// Lido driver: typed wrappers, the oracle's jobs (reports, finalization) through the real HashConsensus and
/// AccountingOracle, the role holders' jobs (pauses, limits) through the real role-gated functions, and stETH/wstETH
/// minting. Every contract and role holder is found on-chain from LidoLocator, so the same calls work on the devnet,
/// a fork of it and a mainnet fork.
/// </summary>
public sealed partial class LidoDevnet
{
    /// <summary>Seconds per year in the reward formula of <see cref="ComputeRewards"/>.</summary>
    public static readonly BigInteger SecondsPerYear = 31_536_000;

    /// <summary>One gwei: the unit the oracle reports consensus-layer balances in.</summary>
    public static readonly BigInteger Gwei = 1_000_000_000;

    private readonly DevnetNode _node;

    internal LidoDevnet(DevnetNode node)
    {
        _node = node;
        StEth = new StEth(DevnetAddresses.Lido.StEth, node.Rpc);
        WstEth = new WstEth(DevnetAddresses.Lido.WstEth, node.Rpc);
        WithdrawalQueue = new WithdrawalQueueErc721(DevnetAddresses.Lido.WithdrawalQueue, node.Rpc);
        Locator = new LidoLocator(DevnetAddresses.Lido.LidoLocator, node.Rpc);
    }

    /// <summary>stETH (Lido).</summary>
    public StEth StEth { get; }

    /// <summary>wstETH.</summary>
    public WstEth WstEth { get; }

    /// <summary>The withdrawal queue (unstETH).</summary>
    public WithdrawalQueueErc721 WithdrawalQueue { get; }

    /// <summary>LidoLocator, where the driver finds the oracle, the vaults and the treasury.</summary>
    public LidoLocator Locator { get; }

    /// <summary>
    /// The CL rewards a <see cref="OracleReportAsync"/> books: <c>internalEther * apr * elapsed / (10000 * 31536000)</c>,
    /// floored, then floored to whole gwei (the oracle reports CL balances in gwei). The report adds them to the CL
    /// balance and mints the protocol fee as shares on top (<c>feeEther = rewards * fee / 10000</c>, floored).
    /// </summary>
    public static BigInteger ComputeRewards(BigInteger internalEther, int aprBasisPoints, ulong elapsedSeconds) =>
        internalEther * aprBasisPoints * elapsedSeconds / (10_000 * SecondsPerYear) / Gwei * Gwei;

    /// <summary>
    /// An oracle report through the real path (<see cref="ReportAsync"/>) whose CL rewards are
    /// <see cref="ComputeRewards"/>(internal ether now, <paramref name="aprBasisPoints"/>, <paramref name="elapsedSeconds"/>),
    /// for a frame at least <paramref name="elapsedSeconds"/> after the last report; when
    /// <paramref name="finalizeUpToRequestId"/> is above the last finalized id, requests up to it are finalized. Returns
    /// the <c>submitReportData</c> receipt.
    /// </summary>
    public async Task<TransactionReceipt> OracleReportAsync(int aprBasisPoints, ulong elapsedSeconds, BigInteger finalizeUpToRequestId = default, CancellationToken cancellationToken = default)
    {
        if (aprBasisPoints < 0) throw new LiquidStakeArgumentException(nameof(aprBasisPoints), "cannot be negative; use OracleReportWithClDeltaAsync for losses", "at least 0");
        if (finalizeUpToRequestId.Sign < 0) throw new LiquidStakeArgumentException(nameof(finalizeUpToRequestId), "cannot be negative", "at least 0");
        var internalEther = await GetInternalEtherAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var result = await ReportAsync(new LidoReportOptions
        {
            ClBalanceDeltaWei = ComputeRewards(internalEther, aprBasisPoints, elapsedSeconds),
            MinimumElapsedSeconds = elapsedSeconds,
            FinalizeUpToRequestId = finalizeUpToRequestId,
        }, cancellationToken).ConfigureAwait(false);
        return result.Receipt;
    }

    /// <summary>
    /// An oracle report (<see cref="ReportAsync"/>) that changes the CL balance by <paramref name="clBalanceDeltaWei"/>
    /// (negative = slashing/penalties: no fee, bunker mode on), for a frame at least <paramref name="elapsedSeconds"/>
    /// after the last report, finalizing up to <paramref name="finalizeUpToRequestId"/> as above.
    /// </summary>
    public async Task<TransactionReceipt> OracleReportWithClDeltaAsync(BigInteger clBalanceDeltaWei, ulong elapsedSeconds, BigInteger finalizeUpToRequestId = default, CancellationToken cancellationToken = default)
    {
        if (finalizeUpToRequestId.Sign < 0) throw new LiquidStakeArgumentException(nameof(finalizeUpToRequestId), "cannot be negative", "at least 0");
        var result = await ReportAsync(new LidoReportOptions
        {
            ClBalanceDeltaWei = clBalanceDeltaWei,
            MinimumElapsedSeconds = elapsedSeconds,
            FinalizeUpToRequestId = finalizeUpToRequestId,
        }, cancellationToken).ConfigureAwait(false);
        return result.Receipt;
    }

    /// <summary>Finalizes withdrawal requests up to <paramref name="requestId"/> with the next frame's report, booking no rewards.</summary>
    public async Task<TransactionReceipt> FinalizeWithdrawalsAsync(BigInteger requestId, CancellationToken cancellationToken = default)
    {
        if (requestId.Sign <= 0) throw new LiquidStakeArgumentException(nameof(requestId), "must be a request id", "at least 1");
        var result = await ReportAsync(new LidoReportOptions { FinalizeUpToRequestId = requestId }, cancellationToken).ConfigureAwait(false);
        return result.Receipt;
    }

    /// <summary>The pool's internal ether (total pooled ether minus external ether), the base of the reward formula.</summary>
    public async Task<BigInteger> GetInternalEtherAsync(BlockParameter? block = null, CancellationToken cancellationToken = default)
    {
        var total = await StEth.GetTotalPooledEtherAsync(block, cancellationToken).ConfigureAwait(false);
        var external = await StEth.GetExternalEtherAsync(block, cancellationToken).ConfigureAwait(false);
        return total - external;
    }

    /// <summary>
    /// Gives <paramref name="recipient"/> stETH by staking <paramref name="ethAmount"/> as it (funded and impersonated;
    /// works on a mainnet fork too). Returns the shares minted.
    /// </summary>
    public async Task<BigInteger> MintStEthAsync(Address recipient, BigInteger ethAmount, CancellationToken cancellationToken = default)
    {
        var before = await StEth.SharesOfAsync(recipient, cancellationToken: cancellationToken).ConfigureAwait(false);
        await _node.SendAsPreservingBalanceAsync(recipient, StEth.PrepareSubmit(default, ethAmount), cancellationToken).ConfigureAwait(false);
        var after = await StEth.SharesOfAsync(recipient, cancellationToken: cancellationToken).ConfigureAwait(false);
        return after - before;
    }

    /// <summary>Gives <paramref name="recipient"/> wstETH by staking <paramref name="ethAmount"/> and wrapping it. Returns the wstETH received.</summary>
    public async Task<BigInteger> MintWstEthAsync(Address recipient, BigInteger ethAmount, CancellationToken cancellationToken = default)
    {
        var before = await WstEth.BalanceOfAsync(recipient, cancellationToken: cancellationToken).ConfigureAwait(false);
        var stEthBefore = await StEth.BalanceOfAsync(recipient, cancellationToken: cancellationToken).ConfigureAwait(false);
        await MintStEthAsync(recipient, ethAmount, cancellationToken).ConfigureAwait(false);
        // Wrap only the new stETH, so stETH the recipient already held stays stETH.
        var stEth = await StEth.BalanceOfAsync(recipient, cancellationToken: cancellationToken).ConfigureAwait(false) - stEthBefore;
        await _node.SendAsPreservingBalanceAsync(recipient, StEth.PrepareApprove(DevnetAddresses.Lido.WstEth, stEth), cancellationToken).ConfigureAwait(false);
        await _node.SendAsPreservingBalanceAsync(recipient, WstEth.PrepareWrap(stEth), cancellationToken).ConfigureAwait(false);
        var after = await WstEth.BalanceOfAsync(recipient, cancellationToken: cancellationToken).ConfigureAwait(false);
        return after - before;
    }
}
