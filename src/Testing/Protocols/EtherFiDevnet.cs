using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Sdk.Contracts.EtherFi;

namespace LiquidStake.Testing;

/// <summary>ether.fi on the devnet: typed wrappers, the replica's rebase/finalize/refill helpers and eETH/weETH minting.</summary>
public sealed class EtherFiDevnet
{
    private readonly DevnetNode _node;

    internal EtherFiDevnet(DevnetNode node)
    {
        _node = node;
        LiquidityPool = new LiquidityPool(DevnetAddresses.EtherFi.LiquidityPool, node.Rpc);
        EEth = new EEth(DevnetAddresses.EtherFi.EEth, node.Rpc);
        WeEth = new WeEth(DevnetAddresses.EtherFi.WeEth, node.Rpc);
        WithdrawRequestNft = new WithdrawRequestNft(DevnetAddresses.EtherFi.WithdrawRequestNft, node.Rpc);
        RedemptionManager = new EtherFiRedemptionManager(DevnetAddresses.EtherFi.RedemptionManager, node.Rpc);
    }

    /// <summary>The liquidity pool.</summary>
    public LiquidityPool LiquidityPool { get; }

    /// <summary>eETH.</summary>
    public EEth EEth { get; }

    /// <summary>weETH.</summary>
    public WeEth WeEth { get; }

    /// <summary>The withdrawal request NFT.</summary>
    public WithdrawRequestNft WithdrawRequestNft { get; }

    /// <summary>The instant-redemption manager.</summary>
    public EtherFiRedemptionManager RedemptionManager { get; }

    /// <summary>The rewards <see cref="RebaseAsync"/> books: <c>floor(P * apr * elapsed / (10000 * 31536000))</c>, P = total pooled ether.</summary>
    public static BigInteger ComputeRewards(BigInteger totalPooledEther, int aprBasisPoints, ulong elapsedSeconds) =>
        totalPooledEther * aprBasisPoints * elapsedSeconds / (10_000 * LidoDevnet.SecondsPerYear);

    /// <summary><c>devnetRebase</c>: grows the pool by <paramref name="aprBasisPoints"/> APR over <paramref name="elapsedSeconds"/> (no 0.25 % cap).</summary>
    public Task<TransactionReceipt> RebaseAsync(int aprBasisPoints, ulong elapsedSeconds, CancellationToken cancellationToken = default)
    {
        if (aprBasisPoints < 0) throw new LiquidStakeArgumentException(nameof(aprBasisPoints), "cannot be negative", "at least 0");
        return _node.CallReplicaAdminAsync(DevnetAddresses.EtherFi.LiquidityPool, "devnetRebase(uint256,uint256)",
            [new BigInteger(aprBasisPoints), new BigInteger(elapsedSeconds)], cancellationToken: cancellationToken);
    }

    /// <summary>
    /// <c>finalizeRequests(upToRequestId)</c> (the real entry, called as the devnet admin): freezes the rate for the batch
    /// and escrows its ETH, so the requests become claimable.
    /// </summary>
    public Task<TransactionReceipt> FinalizeRequestsAsync(BigInteger upToRequestId, CancellationToken cancellationToken = default)
    {
        _node.EnsureReplicas("finalizeRequests as the devnet admin");
        return _node.SendAsAdminAsync(WithdrawRequestNft.PrepareFinalizeRequests(upToRequestId), cancellationToken);
    }

    /// <summary><c>devnetRefillBucket</c>: refills the instant-redemption bucket of <paramref name="token"/> (default native ETH).</summary>
    public Task<TransactionReceipt> RefillRedemptionBucketAsync(Address? token = null, CancellationToken cancellationToken = default) =>
        _node.CallReplicaAdminAsync(DevnetAddresses.EtherFi.RedemptionManager, "devnetRefillBucket(address)",
            [token ?? DevnetAddresses.EtherFi.EthAddress], cancellationToken: cancellationToken);

    /// <summary>Gives <paramref name="recipient"/> eETH by depositing <paramref name="ethAmount"/> as it. Returns the eETH shares minted.</summary>
    public async Task<BigInteger> MintEEthAsync(Address recipient, BigInteger ethAmount, CancellationToken cancellationToken = default)
    {
        var before = await EEth.SharesAsync(recipient, cancellationToken: cancellationToken).ConfigureAwait(false);
        await _node.SendAsPreservingBalanceAsync(recipient, LiquidityPool.PrepareDeposit(ethAmount), cancellationToken).ConfigureAwait(false);
        var after = await EEth.SharesAsync(recipient, cancellationToken: cancellationToken).ConfigureAwait(false);
        return after - before;
    }

    /// <summary>Gives <paramref name="recipient"/> weETH by depositing <paramref name="ethAmount"/> and wrapping. Returns the weETH received.</summary>
    public async Task<BigInteger> MintWeEthAsync(Address recipient, BigInteger ethAmount, CancellationToken cancellationToken = default)
    {
        var before = await WeEth.BalanceOfAsync(recipient, cancellationToken: cancellationToken).ConfigureAwait(false);
        var eEthBefore = await EEth.BalanceOfAsync(recipient, cancellationToken: cancellationToken).ConfigureAwait(false);
        await MintEEthAsync(recipient, ethAmount, cancellationToken).ConfigureAwait(false);
        // Wrap only the new eETH, so eETH the recipient already held stays eETH.
        var eEth = await EEth.BalanceOfAsync(recipient, cancellationToken: cancellationToken).ConfigureAwait(false) - eEthBefore;
        await _node.SendAsPreservingBalanceAsync(recipient, EEth.PrepareApprove(DevnetAddresses.EtherFi.WeEth, eEth), cancellationToken).ConfigureAwait(false);
        await _node.SendAsPreservingBalanceAsync(recipient, WeEth.PrepareWrap(eEth), cancellationToken).ConfigureAwait(false);
        var after = await WeEth.BalanceOfAsync(recipient, cancellationToken: cancellationToken).ConfigureAwait(false);
        return after - before;
    }
}
