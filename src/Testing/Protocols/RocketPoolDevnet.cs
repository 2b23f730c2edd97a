using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Sdk.Contracts.RocketPool;

namespace LiquidStake.Testing;

/// <summary>Rocket Pool on the devnet: typed wrappers, the replica's balances/settings/collateral helpers and rETH minting.</summary>
public sealed class RocketPoolDevnet
{
    private readonly DevnetNode _node;

    internal RocketPoolDevnet(DevnetNode node)
    {
        _node = node;
        REth = new RocketTokenREth(DevnetAddresses.RocketPool.REth, node.Rpc);
        DepositPool = new RocketDepositPool(DevnetAddresses.RocketPool.DepositPool, node.Rpc);
        NetworkBalances = new RocketNetworkBalances(DevnetAddresses.RocketPool.NetworkBalances, node.Rpc);
        DepositSettings = new RocketDaoProtocolSettingsDeposit(DevnetAddresses.RocketPool.DepositSettings, node.Rpc);
        Storage = new RocketStorage(DevnetAddresses.RocketPool.RocketStorage, node.Rpc);
    }

    /// <summary>rETH.</summary>
    public RocketTokenREth REth { get; }

    /// <summary>The deposit pool.</summary>
    public RocketDepositPool DepositPool { get; }

    /// <summary>The network balances (the oracle snapshot behind the rETH rate).</summary>
    public RocketNetworkBalances NetworkBalances { get; }

    /// <summary>The deposit settings.</summary>
    public RocketDaoProtocolSettingsDeposit DepositSettings { get; }

    /// <summary>The address registry.</summary>
    public RocketStorage Storage { get; }

    /// <summary>
    /// <c>devnetSetBalances</c>: sets the oracle snapshot; the rETH rate becomes <c>floor(1e18 * totalEth / rethSupply)</c>.
    /// <paramref name="block"/> 0 uses the previous block.
    /// </summary>
    public Task<TransactionReceipt> SetBalancesAsync(BigInteger totalEth, BigInteger stakingEth, BigInteger rethSupply, BigInteger block = default, CancellationToken cancellationToken = default) =>
        _node.CallReplicaAdminAsync(DevnetAddresses.RocketPool.NetworkBalances, "devnetSetBalances(uint256,uint256,uint256,uint256)",
            [block, totalEth, stakingEth, rethSupply], cancellationToken: cancellationToken);

    /// <summary>
    /// <c>devnetAccrueRewards</c>: a daily-report style update accruing <paramref name="aprBasisPoints"/> over
    /// <paramref name="elapsedSeconds"/>; see <see cref="ComputeAccruedTotalEth"/>.
    /// </summary>
    public Task<TransactionReceipt> AccrueRewardsAsync(int aprBasisPoints, ulong elapsedSeconds, CancellationToken cancellationToken = default)
    {
        if (aprBasisPoints < 0) throw new LiquidStakeArgumentException(nameof(aprBasisPoints), "cannot be negative", "at least 0");
        return _node.CallReplicaAdminAsync(DevnetAddresses.RocketPool.NetworkBalances, "devnetAccrueRewards(uint256,uint256)",
            [new BigInteger(aprBasisPoints), new BigInteger(elapsedSeconds)], cancellationToken: cancellationToken);
    }

    /// <summary>
    /// The total ETH after <see cref="AccrueRewardsAsync"/> (chain/deploy/rocketpool.mjs): <c>T1 = floor(T * S' / S)</c> with
    /// S' the current rETH supply, then <c>T1 + floor(T1 * apr * elapsed / (10000 * 31536000))</c>.
    /// </summary>
    public static BigInteger ComputeAccruedTotalEth(BigInteger totalEth, BigInteger snapshotSupply, BigInteger currentSupply, int aprBasisPoints, ulong elapsedSeconds)
    {
        var t1 = totalEth * currentSupply / snapshotSupply;
        return t1 + (t1 * aprBasisPoints * elapsedSeconds / (10_000 * LidoDevnet.SecondsPerYear));
    }

    /// <summary><c>devnetSetDepositSettings</c>: deposits enabled, minimum deposit, maximum pool size and fee (1e18 = 100 %).</summary>
    public Task<TransactionReceipt> SetDepositSettingsAsync(bool enabled, BigInteger minimumDeposit, BigInteger maximumDepositPoolSize, BigInteger depositFee, CancellationToken cancellationToken = default) =>
        _node.CallReplicaAdminAsync(DevnetAddresses.RocketPool.DepositSettings, "devnetSetDepositSettings(bool,uint256,uint256,uint256)",
            [enabled, minimumDeposit, maximumDepositPoolSize, depositFee], cancellationToken: cancellationToken);

    /// <summary><c>devnetSetDepositSettingUint</c> (e.g. <c>deposit.assign.maximum</c>).</summary>
    public Task<TransactionReceipt> SetDepositSettingAsync(string path, BigInteger value, CancellationToken cancellationToken = default) =>
        _node.CallReplicaAdminAsync(DevnetAddresses.RocketPool.DepositSettings, "devnetSetDepositSettingUint(string,uint256)", [path, value], cancellationToken: cancellationToken);

    /// <summary><c>devnetSetDepositSettingBool</c> (e.g. <c>deposit.assign.enabled</c>).</summary>
    public Task<TransactionReceipt> SetDepositSettingAsync(string path, bool value, CancellationToken cancellationToken = default) =>
        _node.CallReplicaAdminAsync(DevnetAddresses.RocketPool.DepositSettings, "devnetSetDepositSettingBool(string,bool)", [path, value], cancellationToken: cancellationToken);

    /// <summary><c>devnetSetNetworkSettingUint</c> (e.g. <c>network.reth.collateral.target</c>).</summary>
    public Task<TransactionReceipt> SetNetworkSettingAsync(string path, BigInteger value, CancellationToken cancellationToken = default) =>
        _node.CallReplicaAdminAsync(DevnetAddresses.RocketPool.NetworkSettings, "devnetSetNetworkSettingUint(string,uint256)", [path, value], cancellationToken: cancellationToken);

    /// <summary><c>devnetAddCollateral</c>: <paramref name="wei"/> of ETH collateral held by rETH (for burns).</summary>
    public Task<TransactionReceipt> AddCollateralAsync(BigInteger wei, CancellationToken cancellationToken = default) =>
        _node.CallReplicaAdminAsync(DevnetAddresses.RocketPool.REth, "devnetAddCollateral()", [], wei, cancellationToken);

    /// <summary><c>devnetRemoveCollateral</c>: moves rETH-held ETH to the admin (to hit burn limits).</summary>
    public Task<TransactionReceipt> RemoveCollateralAsync(BigInteger wei, CancellationToken cancellationToken = default) =>
        _node.CallReplicaAdminAsync(DevnetAddresses.RocketPool.REth, "devnetRemoveCollateral(uint256)", [wei], cancellationToken: cancellationToken);

    /// <summary><c>devnetAddPoolBalance</c>: adds deposit-pool ETH without minting rETH.</summary>
    public Task<TransactionReceipt> AddDepositPoolBalanceAsync(BigInteger wei, CancellationToken cancellationToken = default) =>
        _node.CallReplicaAdminAsync(DevnetAddresses.RocketPool.DepositPool, "devnetAddPoolBalance()", [], wei, cancellationToken);

    /// <summary>Gives <paramref name="recipient"/> rETH by depositing <paramref name="ethAmount"/> as it. Returns the rETH received.</summary>
    public async Task<BigInteger> MintREthAsync(Address recipient, BigInteger ethAmount, CancellationToken cancellationToken = default)
    {
        var before = await REth.BalanceOfAsync(recipient, cancellationToken: cancellationToken).ConfigureAwait(false);
        await _node.SendAsPreservingBalanceAsync(recipient, DepositPool.PrepareDeposit(ethAmount), cancellationToken).ConfigureAwait(false);
        var after = await REth.BalanceOfAsync(recipient, cancellationToken: cancellationToken).ConfigureAwait(false);
        return after - before;
    }
}
