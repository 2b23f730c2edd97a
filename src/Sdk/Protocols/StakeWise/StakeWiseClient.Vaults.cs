using System.Globalization;
using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Contracts;
using LiquidStake.Ethereum.Multicall;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Sdk.Contracts.StakeWise;

namespace LiquidStake.Sdk.Protocols.StakeWise;

// The vault directory: vaults from VaultsRegistry.VaultAdded (+ Genesis), their state in one Multicall3 pass, APR from harvests.

public partial class StakeWiseClient
{
    private const int CallsPerVault = 12;

    /// <summary>
    /// Every vault: the Genesis vault, <see cref="StakeWiseClientOptions.KnownVaults"/> and the vaults of
    /// <c>VaultsRegistry.VaultAdded</c> events (from <see cref="StakeWiseClientOptions.VaultDiscoveryFromBlock"/>), in that order.
    /// </summary>
    public virtual async Task<IReadOnlyList<Address>> GetVaultAddressesAsync(CancellationToken cancellationToken = default)
    {
        var vaults = new List<Address> { _addresses.GenesisVault };
        foreach (var known in Options.KnownVaults)
            if (!vaults.Contains(known)) vaults.Add(known);
        var registry = new VaultsRegistry(_addresses.VaultsRegistry, _context.Rpc);
        var from = Options.VaultDiscoveryFromBlock ?? _addresses.RegistryDeploymentBlock;
        var logs = await _context.Rpc.GetLogsAsync(registry.CreateVaultAddedFilter(), BlockParameter.AtNumber(from), BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
        foreach (var log in logs)
            if (!log.Removed && VaultsRegistry.TryDecodeVaultAddedEvent(log, out var e, _addresses.VaultsRegistry) && !vaults.Contains(e.Vault)) vaults.Add(e.Vault);
        return vaults;
    }

    /// <summary>
    /// The vault directory: every vault of <see cref="GetVaultAddressesAsync"/> that the registry still lists, with admin, fee,
    /// capacity, TVL, shares, exit queue, harvest state and osETH config read in one Multicall3 pass, and (with
    /// <paramref name="includeApr"/>) each vault's APR from its harvests (<see cref="GetVaultAprAsync"/>).
    /// </summary>
    public virtual async Task<IReadOnlyList<StakeWiseVaultInfo>> GetVaultsAsync(bool includeApr = true, CancellationToken cancellationToken = default)
    {
        var addresses = await GetVaultAddressesAsync(cancellationToken).ConfigureAwait(false);
        var (infos, _) = await ReadVaultsAsync(addresses, [], null, cancellationToken).ConfigureAwait(false);
        var listed = infos.Where(i => i is not null).Select(i => i!).ToArray();
        if (!includeApr) return listed;
        var aprs = await GetVaultAprsAsync(listed.Select(v => v.Address).ToArray(), cancellationToken).ConfigureAwait(false);
        return listed.Select(v => v with { Apr = aprs.TryGetValue(v.Address, out var a) ? a : null }).ToArray();
    }

    /// <summary>One vault's state (one Multicall3 pass) with its APR when <paramref name="includeApr"/>.</summary>
    /// <exception cref="StakeWiseUnknownVaultException">The registry does not list <paramref name="vault"/>.</exception>
    public virtual async Task<StakeWiseVaultInfo> GetVaultAsync(Address vault, bool includeApr = false, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(vault);
        var (infos, _) = await ReadVaultsAsync([vault], [], nameof(vault), cancellationToken).ConfigureAwait(false);
        var info = infos[0]!;
        if (!includeApr) return info;
        var aprs = await GetVaultAprsAsync([vault], cancellationToken).ConfigureAwait(false);
        return info with { Apr = aprs.TryGetValue(vault, out var a) ? a : null };
    }

    /// <summary>
    /// A vault's APR from its harvests: the share price <c>totalAssets / totalShares</c> right after the first and after the
    /// last Keeper <c>Harvested</c> event of the vault within <see cref="StakeWiseClientOptions.AprLookback"/>, and
    /// <c>(p2/p1 - 1) * 31536000 / Δt</c> between the two blocks' timestamps. Net of the vault fee (paid in new shares,
    /// which the price accounts for). The past prices need no archive node: they are replayed backwards from the current
    /// totals through the vault's events (<c>Deposited</c>, <c>Redeemed</c>, <c>CheckpointCreated</c>,
    /// <c>FeeSharesMinted</c>, <c>OsTokenRedeemed</c>, <c>OsTokenLiquidated</c>) and the harvests' <c>totalAssetsDelta</c>.
    /// Null when fewer than two harvests are in the window.
    /// </summary>
    /// <exception cref="StakeWiseUnknownVaultException">The registry does not list <paramref name="vault"/>.</exception>
    public virtual async Task<Apr?> GetVaultAprAsync(Address vault, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(vault);
        await ReadVaultsAsync([vault], [], nameof(vault), cancellationToken).ConfigureAwait(false);
        var aprs = await GetVaultAprsAsync([vault], cancellationToken).ConfigureAwait(false);
        return aprs.TryGetValue(vault, out var apr) ? apr : null;
    }

    /// <summary>The ETH staked across the directory's vaults (sum of <c>totalAssets</c>).</summary>
    public virtual async Task<BigInteger> GetStakedEtherAsync(CancellationToken cancellationToken = default)
    {
        var vaults = await GetVaultsAsync(false, cancellationToken).ConfigureAwait(false);
        return vaults.Aggregate(BigInteger.Zero, (sum, v) => sum + v.TotalAssets);
    }

    private async Task<IReadOnlyDictionary<Address, Apr>> GetVaultAprsAsync(Address[] vaults, CancellationToken cancellationToken)
    {
        var (fromBlock, latest) = await LookbackRangeAsync(cancellationToken).ConfigureAwait(false);
        var from = BlockParameter.AtNumber(fromBlock);
        var to = BlockParameter.AtNumber(latest);
        var keeper = new Keeper(_addresses.Keeper, _context.Rpc);
        var harvestTask = _context.Rpc.GetLogsAsync(keeper.CreateHarvestedFilter(), from, to, cancellationToken);
        var vaultFilter = new EventFilter
        {
            Addresses = vaults,
            Topics = [[EthVault.DepositedEventTopic, EthVault.RedeemedEventTopic, EthVault.CheckpointCreatedEventTopic, EthVault.FeeSharesMintedEventTopic,
                EthVault.OsTokenRedeemedEventTopic, EthVault.OsTokenLiquidatedEventTopic]],
        };
        var vaultTask = _context.Rpc.GetLogsAsync(vaultFilter, from, to, cancellationToken);
        var totals = new List<MulticallCall>();
        foreach (var v in vaults)
        {
            totals.Add(new MulticallCall(v, EthVault.EncodeTotalAssets(), false));
            totals.Add(new MulticallCall(v, EthVault.EncodeTotalShares(), false));
        }
        var totalsTask = _context.Multicall.AggregateAsync(totals, to, cancellationToken);
        var harvests = await harvestTask.ConfigureAwait(false);
        var vaultLogs = await vaultTask.ConfigureAwait(false);
        var current = await totalsTask.ConfigureAwait(false);

        var result = new Dictionary<Address, Apr>();
        var points = new List<(Address Vault, SharePricePoint First, SharePricePoint Last, int Harvests)>();
        for (int i = 0; i < vaults.Length; i++)
        {
            var v = vaults[i];
            var own = harvests.Where(l => !l.Removed && Keeper.TryDecodeHarvestedEvent(l, out var h, _addresses.Keeper) && h.Vault == v)
                .Concat(vaultLogs.Where(l => !l.Removed && l.Address == v))
                .OrderBy(l => l.BlockNumber).ThenBy(l => l.LogIndex).ToArray();
            var harvestTxs = own.Where(l => l.Address == _addresses.Keeper).Select(l => l.TransactionHash).ToArray();
            if (harvestTxs.Length < 2) continue;
            var replay = ReplaySharePrices(own, EthVault.DecodeTotalAssetsOutput(current[2 * i].ReturnData), EthVault.DecodeTotalSharesOutput(current[(2 * i) + 1].ReturnData),
                harvestTxs[0], harvestTxs[^1]);
            points.Add((v, replay.First, replay.Last, harvestTxs.Length));
        }
        var timestamps = await BlockTimestampsAsync(points.SelectMany(p => new[] { p.First.Block, p.Last.Block }).Distinct(), cancellationToken).ConfigureAwait(false);
        foreach (var (v, first, last, count) in points)
        {
            ulong t1 = timestamps[first.Block], t2 = timestamps[last.Block];
            var percent = StakeWiseMath.SharePriceAprPercent(first.Assets, first.Shares, last.Assets, last.Shares, (long)(t2 - t1));
            result[v] = new Apr(percent, DateTimeOffset.FromUnixTimeSeconds((long)t1), DateTimeOffset.FromUnixTimeSeconds((long)t2), count,
                string.Create(CultureInfo.InvariantCulture, $"vault share price (totalAssets/totalShares) after the first and the last of {count} harvests (blocks {first.Block} and {last.Block}), replayed from the vault's events: (p2/p1 - 1) * 31536000 / Δt(block timestamps)"));
        }
        return result;
    }

    private readonly record struct SharePricePoint(ulong Block, BigInteger Assets, BigInteger Shares);

    /// <summary>
    /// Walks the vault's events backwards from the current totals and records the totals right after the transactions
    /// <paramref name="firstTx"/> and <paramref name="lastTx"/> (each harvest's whole transaction: harvest, fee shares, exit checkpoint).
    /// </summary>
    private (SharePricePoint First, SharePricePoint Last) ReplaySharePrices(LogEntry[] ordered, BigInteger assets, BigInteger shares, Hash32? firstTx, Hash32? lastTx)
    {
        SharePricePoint? first = null, last = null;
        for (int i = ordered.Length - 1; i >= 0; i--)
        {
            var log = ordered[i];
            // Before undoing the last event of a transaction, the totals are those right after it.
            bool lastOfTx = i == ordered.Length - 1 || ordered[i + 1].TransactionHash != log.TransactionHash;
            if (lastOfTx && log.TransactionHash == lastTx && last is null) last = new SharePricePoint(log.BlockNumber ?? 0, assets, shares);
            if (lastOfTx && log.TransactionHash == firstTx && first is null) first = new SharePricePoint(log.BlockNumber ?? 0, assets, shares);
            if (Keeper.TryDecodeHarvestedEvent(log, out var h, _addresses.Keeper)) assets -= h.TotalAssetsDelta;
            else if (EthVault.TryDecodeDepositedEvent(log, out var d)) { assets -= d.Assets; shares -= d.Shares; }
            else if (EthVault.TryDecodeRedeemedEvent(log, out var r)) { assets += r.Assets; shares += r.Shares; }
            else if (EthVault.TryDecodeCheckpointCreatedEvent(log, out var c)) { assets += c.Assets; shares += c.Shares; }
            else if (EthVault.TryDecodeFeeSharesMintedEvent(log, out var f)) shares -= f.Shares;
            else if (EthVault.TryDecodeOsTokenRedeemedEvent(log, out var o)) { assets += o.Assets; shares += o.Shares; }
            else if (EthVault.TryDecodeOsTokenLiquidatedEvent(log, out var q)) { assets += q.ReceivedAssets; shares += q.Shares; }
        }
        return (first!.Value, last!.Value);
    }

    private async Task<(ulong From, ulong Latest)> LookbackRangeAsync(CancellationToken cancellationToken)
    {
        var latest = await _context.Rpc.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
        var blocks = (ulong)Math.Ceiling(Options.AprLookback.TotalSeconds / Math.Max(1, Options.BlockTime.TotalSeconds));
        return (latest > blocks ? latest - blocks : 0, latest);
    }

    /// <summary>
    /// Reads the state of <paramref name="vaults"/> and <paramref name="extra"/> calls in one Multicall3 pass. A vault the
    /// registry does not list maps to null, or throws <see cref="StakeWiseUnknownVaultException"/> naming
    /// <paramref name="paramName"/> when one is given. A failed extra call throws its decoded revert.
    /// </summary>
    private async Task<(StakeWiseVaultInfo?[] Vaults, byte[][] Extra)> ReadVaultsAsync(IReadOnlyList<Address> vaults, IReadOnlyList<MulticallCall> extra, string? paramName, CancellationToken cancellationToken)
    {
        var calls = new List<MulticallCall>((vaults.Count * CallsPerVault) + extra.Count);
        foreach (var v in vaults)
        {
            calls.Add(BatchReads.View(_addresses.VaultsRegistry, VaultsRegistry.EncodeVaults(v)));
            calls.Add(BatchReads.View(v, EthVault.EncodeAdmin()));
            calls.Add(BatchReads.View(v, EthVault.EncodeFeeRecipient()));
            calls.Add(BatchReads.View(v, EthVault.EncodeFeePercent()));
            calls.Add(BatchReads.View(v, EthVault.EncodeCapacity()));
            calls.Add(BatchReads.View(v, EthVault.EncodeTotalAssets()));
            calls.Add(BatchReads.View(v, EthVault.EncodeTotalShares()));
            calls.Add(BatchReads.View(v, EthVault.EncodeWithdrawableAssets()));
            calls.Add(BatchReads.View(v, EthVault.EncodeGetExitQueueData()));
            calls.Add(BatchReads.View(_addresses.Keeper, Keeper.EncodeIsHarvestRequired(v)));
            calls.Add(BatchReads.View(_addresses.Keeper, Keeper.EncodeIsCollateralized(v)));
            calls.Add(BatchReads.View(_addresses.OsTokenConfig, OsTokenConfig.EncodeGetConfig(v)));
        }
        calls.AddRange(extra);
        var r = await _context.Multicall.AggregateAsync(calls, BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
        var infos = new StakeWiseVaultInfo?[vaults.Count];
        for (int i = 0; i < vaults.Count; i++)
        {
            int b = i * CallsPerVault;
            bool registered = r[b].Success && VaultsRegistry.DecodeVaultsOutput(r[b].ReturnData);
            if (!registered)
            {
                if (paramName is not null) throw new StakeWiseUnknownVaultException(paramName, vaults[i], _addresses.VaultsRegistry);
                continue;
            }
            for (int k = b + 1; k < b + CallsPerVault; k++)
                if (!r[k].Success) throw _context.DecodeRevert(r[k].ReturnData);
            var queue = EthVault.DecodeGetExitQueueDataOutput(r[b + 8].ReturnData);
            var config = OsTokenConfig.DecodeGetConfigOutput(r[b + 11].ReturnData);
            infos[i] = new StakeWiseVaultInfo(
                vaults[i],
                vaults[i] == _addresses.GenesisVault,
                EthVault.DecodeAdminOutput(r[b + 1].ReturnData),
                EthVault.DecodeFeeRecipientOutput(r[b + 2].ReturnData),
                (int)EthVault.DecodeFeePercentOutput(r[b + 3].ReturnData),
                EthVault.DecodeCapacityOutput(r[b + 4].ReturnData),
                EthVault.DecodeTotalAssetsOutput(r[b + 5].ReturnData),
                EthVault.DecodeTotalSharesOutput(r[b + 6].ReturnData),
                EthVault.DecodeWithdrawableAssetsOutput(r[b + 7].ReturnData),
                queue.QueuedShares,
                queue.UnclaimedAssets,
                Keeper.DecodeIsCollateralizedOutput(r[b + 10].ReturnData),
                Keeper.DecodeIsHarvestRequiredOutput(r[b + 9].ReturnData),
                new StakeWiseOsTokenConfig(config.LtvPercent, config.LiqThresholdPercent, config.LiqBonusPercent),
                null);
        }
        var extraData = new byte[extra.Count][];
        for (int j = 0; j < extra.Count; j++)
        {
            var result = r[(vaults.Count * CallsPerVault) + j];
            if (!result.Success) throw _context.DecodeRevert(result.ReturnData);
            extraData[j] = result.ReturnData;
        }
        return (infos, extraData);
    }
}
