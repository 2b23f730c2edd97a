using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Sdk.Contracts.Lido;

namespace LiquidStake.Testing;

/// <summary>Lido on the devnet: typed wrappers, the replica's oracle report helpers and stETH/wstETH minting.</summary>
public sealed class LidoDevnet
{
    /// <summary>Seconds per year in the replica's reward formula.</summary>
    public static readonly BigInteger SecondsPerYear = 31_536_000;

    private readonly DevnetNode _node;

    internal LidoDevnet(DevnetNode node)
    {
        _node = node;
        StEth = new StEth(DevnetAddresses.Lido.StEth, node.Rpc);
        WstEth = new WstEth(DevnetAddresses.Lido.WstEth, node.Rpc);
        WithdrawalQueue = new WithdrawalQueueErc721(DevnetAddresses.Lido.WithdrawalQueue, node.Rpc);
    }

    /// <summary>stETH (Lido).</summary>
    public StEth StEth { get; }

    /// <summary>wstETH.</summary>
    public WstEth WstEth { get; }

    /// <summary>The withdrawal queue (unstETH).</summary>
    public WithdrawalQueueErc721 WithdrawalQueue { get; }

    /// <summary>
    /// The rewards a <see cref="OracleReportAsync"/> books: <c>internalEther * apr * elapsed / (10000 * 31536000)</c>, floored
    /// (chain/deploy/lido.mjs).
    /// </summary>
    public static BigInteger ComputeRewards(BigInteger internalEther, int aprBasisPoints, ulong elapsedSeconds) =>
        internalEther * aprBasisPoints * elapsedSeconds / (10_000 * SecondsPerYear);

    /// <summary>
    /// <c>devnetOracleReport</c>: accrues <paramref name="aprBasisPoints"/> APR over <paramref name="elapsedSeconds"/> (10 %
    /// fee shares to the treasury) and, when <paramref name="finalizeUpToRequestId"/> is above the last finalized id,
    /// finalizes withdrawal requests up to it. 0 rebases only.
    /// </summary>
    public Task<TransactionReceipt> OracleReportAsync(int aprBasisPoints, ulong elapsedSeconds, BigInteger finalizeUpToRequestId = default, CancellationToken cancellationToken = default)
    {
        if (aprBasisPoints < 0) throw new LiquidStakeArgumentException(nameof(aprBasisPoints), "cannot be negative; use OracleReportWithClDeltaAsync for losses", "at least 0");
        return _node.CallReplicaAdminAsync(DevnetAddresses.Lido.StEth, "devnetOracleReport(uint256,uint256,uint256)",
            [new BigInteger(aprBasisPoints), new BigInteger(elapsedSeconds), finalizeUpToRequestId], cancellationToken: cancellationToken);
    }

    /// <summary>
    /// <c>devnetOracleReportWithClDelta</c>: changes the consensus-layer balance by <paramref name="clBalanceDeltaWei"/>
    /// (negative = slashing: no fee, bunker mode on), then finalizes up to <paramref name="finalizeUpToRequestId"/> as above.
    /// </summary>
    public Task<TransactionReceipt> OracleReportWithClDeltaAsync(BigInteger clBalanceDeltaWei, ulong elapsedSeconds, BigInteger finalizeUpToRequestId = default, CancellationToken cancellationToken = default) =>
        _node.CallReplicaAdminAsync(DevnetAddresses.Lido.StEth, "devnetOracleReportWithClDelta(int256,uint256,uint256)",
            [clBalanceDeltaWei, new BigInteger(elapsedSeconds), finalizeUpToRequestId], cancellationToken: cancellationToken);

    /// <summary>Finalizes withdrawal requests up to <paramref name="requestId"/> with a report that books no rewards.</summary>
    public Task<TransactionReceipt> FinalizeWithdrawalsAsync(BigInteger requestId, CancellationToken cancellationToken = default) =>
        OracleReportAsync(0, 0, requestId, cancellationToken);

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
