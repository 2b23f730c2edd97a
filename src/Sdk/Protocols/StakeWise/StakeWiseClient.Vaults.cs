using System.Globalization;
using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Multicall;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Sdk.Contracts.Common;
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
    /// A vault's APR from its harvests: the first and the last Keeper <c>Harvested</c> event of the vault within
    /// <see cref="StakeWiseClientOptions.AprLookback"/>, the share price <c>totalAssets / totalShares</c> read at each of
    /// those blocks, and <c>(p2/p1 - 1) * 31536000 / Δt</c> between the blocks' timestamps. Net of the vault fee (the fee
    /// is paid in new shares, which lowers the price rise). Null when fewer than two harvests are in the window.
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

    private async Task<IReadOnlyDictionary<Address, Apr>> GetVaultAprsAsync(IReadOnlyList<Address> vaults, CancellationToken cancellationToken)
    {
        var (fromBlock, latest) = await LookbackRangeAsync(cancellationToken).ConfigureAwait(false);
        var keeper = new Keeper(_addresses.Keeper, _context.Rpc);
        var logs = await _context.Rpc.GetLogsAsync(keeper.CreateHarvestedFilter(), BlockParameter.AtNumber(fromBlock), BlockParameter.AtNumber(latest), cancellationToken).ConfigureAwait(false);
        var blocksByVault = new Dictionary<Address, List<ulong>>();
        foreach (var log in logs)
        {
            if (log.Removed || log.BlockNumber is not { } block || !Keeper.TryDecodeHarvestedEvent(log, out var e, _addresses.Keeper) || !vaults.Contains(e.Vault)) continue;
            if (!blocksByVault.TryGetValue(e.Vault, out var list)) blocksByVault[e.Vault] = list = [];
            list.Add(block);
        }
        var work = blocksByVault.Where(kv => kv.Value.Count >= 2).Select(async kv =>
        {
            ulong first = kv.Value[0], last = kv.Value[^1];
            var p1 = await ReadSharePriceAtAsync(kv.Key, first, cancellationToken).ConfigureAwait(false);
            var p2 = await ReadSharePriceAtAsync(kv.Key, last, cancellationToken).ConfigureAwait(false);
            var percent = StakeWiseMath.SharePriceAprPercent(p1.Assets, p1.Shares, p2.Assets, p2.Shares, (long)(p2.Timestamp - p1.Timestamp));
            return (kv.Key, new Apr(percent, DateTimeOffset.FromUnixTimeSeconds((long)p1.Timestamp), DateTimeOffset.FromUnixTimeSeconds((long)p2.Timestamp), kv.Value.Count,
                string.Create(CultureInfo.InvariantCulture, $"vault share price (totalAssets/totalShares) after the Keeper Harvested events at blocks {first} and {last}: (p2/p1 - 1) * 31536000 / Δt(block timestamps)")));
        });
        var results = await Task.WhenAll(work).ConfigureAwait(false);
        return results.ToDictionary(r => r.Key, r => r.Item2);
    }

    private async Task<(BigInteger Assets, BigInteger Shares, ulong Timestamp)> ReadSharePriceAtAsync(Address vault, ulong block, CancellationToken cancellationToken)
    {
        var r = await _context.Multicall.AggregateAsync(
            [
                new MulticallCall(vault, EthVault.EncodeTotalAssets(), false),
                new MulticallCall(vault, EthVault.EncodeTotalShares(), false),
                new MulticallCall(_context.Network.Multicall3, Multicall3.EncodeGetCurrentBlockTimestamp(), false),
            ],
            BlockParameter.AtNumber(block), cancellationToken).ConfigureAwait(false);
        return (EthVault.DecodeTotalAssetsOutput(r[0].ReturnData), EthVault.DecodeTotalSharesOutput(r[1].ReturnData), (ulong)Multicall3.DecodeGetCurrentBlockTimestampOutput(r[2].ReturnData));
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
