using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Messages;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Sdk.Contracts.StakeWise;

namespace LiquidStake.Testing;

// The oracles' job: a reward update through Keeper.updateRewards (rewardsMinOracles EIP-712 signatures sorted by
// signer, over the Merkle root of every vault's cumulative rewards), then the vaults' updateState(harvestParams).
public sealed partial class StakeWiseDevnet
{
    /// <summary>The IPFS hash the kit's reward updates carry (the oracles publish the tree there on mainnet).</summary>
    public const string KitRewardsIpfsHash = "liquidstake-kit";

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<TypedDataField>> s_rewardsTypes = new Dictionary<string, IReadOnlyList<TypedDataField>>
    {
        ["KeeperRewards"] =
        [
            new("rewardsRoot", "bytes32"),
            new("rewardsIpfsHash", "string"),
            new("avgRewardPerSecond", "uint256"),
            new("updateTimestamp", "uint64"),
            new("nonce", "uint64"),
        ],
    };

    /// <summary>
    /// The consensus reward <see cref="DeliverRewardsAtAprAsync"/> gives a vault: <c>floor(totalAssets * apr * elapsed /
    /// (10000 * 31536000))</c>.
    /// </summary>
    public static BigInteger ComputeReward(BigInteger totalAssets, int aprBasisPoints, ulong elapsedSeconds) =>
        totalAssets * aprBasisPoints * elapsedSeconds / (10_000 * LidoDevnet.SecondsPerYear);

    /// <summary>
    /// Delivers a reward update as the oracles do. Chain time moves past <c>lastRewardsTimestamp + rewardsDelay</c> when
    /// needed; <paramref name="rewards"/> gives each named vault's new consensus reward since its last harvest (wei,
    /// negative for penalties), added to its cumulative <c>Keeper.rewards(vault)</c>; every other registered vault keeps
    /// its cumulative reward in the tree, and every leaf carries the vault's cumulative <c>unlockedMevRewards</c>, so
    /// no MEV moves. With <paramref name="sweepToVaults"/> a positive reward also reaches the vault's balance, as the
    /// consensus-layer withdrawal sweep does. The tree is signed by <c>rewardsMinOracles</c> kit oracles (added by the
    /// Keeper owner when missing), sent to <c>Keeper.updateRewards</c>, and then every vault that <c>canHarvest</c>
    /// (with <paramref name="harvestAllVaults"/> false, only the named ones) is harvested with <c>updateState</c>.
    /// </summary>
    /// <param name="rewards">New consensus reward per vault (wei); may be empty (an update that moves no rewards).</param>
    /// <param name="avgRewardPerSecond">The osETH reward rate to set; null keeps the controller's current one.</param>
    /// <param name="sweepToVaults">Whether positive rewards also reach the vaults' ETH balances.</param>
    /// <param name="harvestAllVaults">Whether every harvestable vault in the tree is harvested, or only the named ones.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <exception cref="LiquidStakeArgumentException">A named vault is not registered, or the rate is negative.</exception>
    public async Task<StakeWiseRewardsUpdate> DeliverRewardsAsync(IReadOnlyDictionary<Address, BigInteger> rewards, BigInteger? avgRewardPerSecond = null,
        bool sweepToVaults = true, bool harvestAllVaults = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rewards);
        if (avgRewardPerSecond is { Sign: < 0 }) throw new LiquidStakeArgumentException(nameof(avgRewardPerSecond), "cannot be negative", "at least 0");
        foreach (var vault in rewards.Keys)
        {
            if (!await VaultsRegistry.VaultsAsync(vault, cancellationToken: cancellationToken).ConfigureAwait(false))
                throw new LiquidStakeArgumentException(nameof(rewards), $"names {vault}, which VaultsRegistry.vaults() does not know", "registered vaults only");
        }
        await AdvancePastRewardsDelayAsync(null, cancellationToken).ConfigureAwait(false);
        return await UpdateAndHarvestAsync(rewards, avgRewardPerSecond, sweepToVaults, harvestAllVaults ? null : rewards.Keys.ToHashSet(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <see cref="DeliverRewardsAsync"/> with each named vault earning <paramref name="aprBasisPoints"/> on its
    /// <c>totalAssets</c> since the last reward update (<see cref="ComputeReward"/>). Chain time moves to the later of
    /// <c>lastRewardsTimestamp + rewardsDelay + 1</c> and now + <paramref name="period"/> (when given).
    /// </summary>
    /// <exception cref="LiquidStakeArgumentException">A negative APR or period, or a vault that is not registered.</exception>
    public async Task<StakeWiseRewardsUpdate> DeliverRewardsAtAprAsync(IReadOnlyDictionary<Address, int> aprBasisPoints, TimeSpan? period = null,
        BigInteger? avgRewardPerSecond = null, bool sweepToVaults = true, bool harvestAllVaults = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aprBasisPoints);
        if (period < TimeSpan.Zero) throw new LiquidStakeArgumentException(nameof(period), "cannot be negative", "at least zero");
        foreach (var (vault, apr) in aprBasisPoints)
        {
            if (apr < 0) throw new LiquidStakeArgumentException(nameof(aprBasisPoints), $"gives {vault} a negative APR ({apr} bps)", "at least 0");
            if (!await VaultsRegistry.VaultsAsync(vault, cancellationToken: cancellationToken).ConfigureAwait(false))
                throw new LiquidStakeArgumentException(nameof(aprBasisPoints), $"names {vault}, which VaultsRegistry.vaults() does not know", "registered vaults only");
        }
        await AdvancePastRewardsDelayAsync(period, cancellationToken).ConfigureAwait(false);
        var now = await _node.GetBlockTimestampAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var last = (ulong)await Keeper.LastRewardsTimestampAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var rewards = new Dictionary<Address, BigInteger>();
        foreach (var (vault, apr) in aprBasisPoints)
            rewards[vault] = ComputeReward(await Vault(vault).TotalAssetsAsync(cancellationToken: cancellationToken).ConfigureAwait(false), apr, now - last);
        return await UpdateAndHarvestAsync(rewards, avgRewardPerSecond, sweepToVaults, harvestAllVaults ? null : rewards.Keys.ToHashSet(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>vault.updateState(harvestParams)</c> with <paramref name="vault"/>'s leaf of <paramref name="update"/> (valid
    /// while its root is the Keeper's current or previous one). Anyone may send it; the kit sends from its first oracle key.
    /// </summary>
    /// <exception cref="LiquidStakeArgumentException">The vault is not in the update's tree.</exception>
    public async Task<TransactionReceipt> HarvestAsync(StakeWiseRewardsUpdate update, Address vault, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        var request = Vault(vault).PrepareUpdateState(update.GetHarvestParams(vault));
        return await _node.SendAsPreservingBalanceAsync(GetOracleKeyAddresses(1)[0], request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Moves chain time so that <c>Keeper.canUpdateRewards()</c> holds (<c>lastRewardsTimestamp + rewardsDelay &lt; now</c>)
    /// and at least <paramref name="period"/> has passed from now; returns the time advanced (zero when nothing was needed).
    /// </summary>
    public async Task<TimeSpan> AdvancePastRewardsDelayAsync(TimeSpan? period = null, CancellationToken cancellationToken = default)
    {
        var now = await _node.GetBlockTimestampAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var last = (ulong)await Keeper.LastRewardsTimestampAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var delay = (ulong)await Keeper.RewardsDelayAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        ulong target = Math.Max(last + delay + 1, now + (ulong)(period ?? TimeSpan.Zero).TotalSeconds);
        // The next block is mined at or after target; a pinned timestamp keeps the elapsed time exact (wall-clock time
        // that passed since the last block does not leak in).
        if (target <= now) return TimeSpan.Zero;
        await _node.SetNextBlockTimestampAsync(target, cancellationToken).ConfigureAwait(false);
        await _node.MineAsync(1, cancellationToken: cancellationToken).ConfigureAwait(false);
        return TimeSpan.FromSeconds(target - now);
    }

    private async Task<StakeWiseRewardsUpdate> UpdateAndHarvestAsync(IReadOnlyDictionary<Address, BigInteger> rewards, BigInteger? avgRewardPerSecond,
        bool sweepToVaults, HashSet<Address>? harvestOnly, CancellationToken cancellationToken)
    {
        await EnsureOraclesAsync(cancellationToken).ConfigureAwait(false);
        var vaults = (await GetVaultsAsync(cancellationToken).ConfigureAwait(false)).ToList();
        foreach (var vault in rewards.Keys)
        {
            if (!vaults.Contains(vault)) vaults.Add(vault);
        }
        var leaves = new List<StakeWiseRewardLeaf>(vaults.Count);
        foreach (var vault in vaults)
        {
            var cumulative = (await Keeper.RewardsAsync(vault, cancellationToken: cancellationToken).ConfigureAwait(false)).Assets;
            var mev = (await Keeper.UnlockedMevRewardsAsync(vault, cancellationToken: cancellationToken).ConfigureAwait(false)).Assets;
            leaves.Add(new StakeWiseRewardLeaf(vault, cumulative + rewards.GetValueOrDefault(vault), mev));
        }
        var tree = new StakeWiseRewardsTree(leaves);

        if (sweepToVaults)
        {
            foreach (var (vault, reward) in rewards)
            {
                if (reward.Sign <= 0) continue;
                var balance = await _node.Rpc.GetBalanceAsync(vault, cancellationToken: cancellationToken).ConfigureAwait(false);
                await _node.SetBalanceAsync(vault, balance + reward, cancellationToken).ConfigureAwait(false);
            }
        }

        var rate = avgRewardPerSecond ?? await OsTokenVaultController.AvgRewardPerSecondAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var nonce = await Keeper.RewardsNonceAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var timestamp = await _node.GetBlockTimestampAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var (signatures, signers) = Sign(tree.Root, rate, timestamp, nonce, await RequiredSignaturesAsync(cancellationToken).ConfigureAwait(false));
        var parameters = new RewardsUpdateParams(tree.Root, rate, timestamp, KitRewardsIpfsHash, signatures);
        var updated = await _node.SendAsPreservingBalanceAsync(signers[0], Keeper.PrepareUpdateRewards(parameters), cancellationToken).ConfigureAwait(false);

        var harvests = new Dictionary<Address, TransactionReceipt>();
        foreach (var vault in vaults)
        {
            if (harvestOnly is not null && !harvestOnly.Contains(vault)) continue;
            if (!await Keeper.CanHarvestAsync(vault, cancellationToken: cancellationToken).ConfigureAwait(false)) continue;
            harvests[vault] = await _node.SendAsPreservingBalanceAsync(signers[0], Vault(vault).PrepareUpdateState(tree.GetHarvestParams(vault)), cancellationToken).ConfigureAwait(false);
        }
        return new StakeWiseRewardsUpdate(tree, parameters, nonce, signers, updated, harvests);
    }

    /// <summary>The EIP-712 digest this chain's Keeper verifies for a reward update (see the static overload).</summary>
    public Hash32 ComputeRewardsDigest(byte[] rewardsRoot, BigInteger avgRewardPerSecond, ulong updateTimestamp, BigInteger nonce, string rewardsIpfsHash = KitRewardsIpfsHash) =>
        ComputeRewardsDigest(_node.ChainId, Keeper.Address, rewardsRoot, avgRewardPerSecond, updateTimestamp, nonce, rewardsIpfsHash);

    /// <summary>
    /// The EIP-712 digest the Keeper verifies for a reward update: domain <c>("KeeperOracles", "1", chainId, keeper)</c>,
    /// struct <c>KeeperRewards(bytes32 rewardsRoot,string rewardsIpfsHash,uint256 avgRewardPerSecond,uint64 updateTimestamp,uint64 nonce)</c>.
    /// </summary>
    public static Hash32 ComputeRewardsDigest(ulong chainId, Address keeper, byte[] rewardsRoot, BigInteger avgRewardPerSecond, ulong updateTimestamp, BigInteger nonce, string rewardsIpfsHash = KitRewardsIpfsHash)
    {
        ArgumentNullException.ThrowIfNull(rewardsRoot);
        ArgumentNullException.ThrowIfNull(rewardsIpfsHash);
        return Eip712.Hash(new TypedData
        {
            Domain = new TypedDataDomain { Name = "KeeperOracles", Version = "1", ChainId = chainId, VerifyingContract = keeper },
            Types = s_rewardsTypes,
            PrimaryType = "KeeperRewards",
            Message = new Dictionary<string, object?>
            {
                ["rewardsRoot"] = rewardsRoot,
                ["rewardsIpfsHash"] = rewardsIpfsHash,
                ["avgRewardPerSecond"] = avgRewardPerSecond,
                ["updateTimestamp"] = new BigInteger(updateTimestamp),
                ["nonce"] = nonce,
            },
        });
    }

    /// <summary>The first <paramref name="count"/> kit oracle keys sign; signatures are concatenated in ascending signer order.</summary>
    private (byte[] Signatures, IReadOnlyList<Address> Signers) Sign(byte[] root, BigInteger rate, ulong timestamp, BigInteger nonce, int count)
    {
        var digest = ComputeRewardsDigest(root, rate, timestamp, nonce);
        var keys = DeriveOracleKeys(count);
        try
        {
            var ordered = keys.OrderBy(k => k.Address).ToArray();
            var signatures = new byte[ordered.Length * 65];
            for (int i = 0; i < ordered.Length; i++)
            {
                Signature signature = ordered[i].SignHash(digest);
                signature.WriteTo(signatures.AsSpan(i * 65, 65));
            }
            return (signatures, ordered.Select(k => k.Address).ToArray());
        }
        finally
        {
            foreach (var key in keys) key.Dispose();
        }
    }
}
