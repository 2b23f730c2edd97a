using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Multicall;
using LiquidStake.Sdk.Contracts.StakeWise;

namespace LiquidStake.Sdk.Protocols.StakeWise;

// Positions: vault shares (valued net of the osETH minted against them) and osETH, for many accounts in one pass.

public partial class StakeWiseClient
{
    /// <inheritdoc/>
    public virtual async Task<IReadOnlyList<Position>> GetPositionsAsync(Address account, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(account);
        var all = await GetPositionsAsync([account], cancellationToken).ConfigureAwait(false);
        return all[account];
    }

    /// <summary>
    /// Every account's StakeWise holdings, in one Multicall3 pass after the vault list: one position per vault with shares
    /// (Balance = the shares' ETH value, Shares = vault shares, EthValue = that value minus the osETH minted against it, so
    /// that summing with the osETH position does not count the minted osETH twice), and the osETH balance (always listed)
    /// valued at the controller's rate. Shares in the exit queue are not included (see <see cref="GetExitRequestsAsync"/>).
    /// </summary>
    public virtual async Task<IReadOnlyDictionary<Address, IReadOnlyList<Position>>> GetPositionsAsync(IReadOnlyList<Address> accounts, CancellationToken cancellationToken = default)
    {
        var distinct = BatchReads.DistinctAccounts(accounts);
        if (distinct.Length == 0) return new Dictionary<Address, IReadOnlyList<Position>>();
        var vaults = await GetVaultAddressesAsync(cancellationToken).ConfigureAwait(false);
        var shared = new List<MulticallCall>
        {
            BatchReads.View(_addresses.OsTokenVaultController, OsTokenVaultController.EncodeTotalAssets()),
            BatchReads.View(_addresses.OsTokenVaultController, OsTokenVaultController.EncodeTotalShares()),
        };
        foreach (var v in vaults)
        {
            shared.Add(BatchReads.View(v, EthVault.EncodeTotalAssets()));
            shared.Add(BatchReads.View(v, EthVault.EncodeTotalShares()));
        }
        return await BatchReads.ReadPerAccountAsync<IReadOnlyList<Position>>(_context, shared, distinct,
            account =>
            {
                var own = new MulticallCall[1 + (2 * vaults.Count)];
                own[0] = BatchReads.View(_addresses.OsToken, OsToken.EncodeBalanceOf(account));
                for (int i = 0; i < vaults.Count; i++)
                {
                    own[1 + (2 * i)] = BatchReads.View(vaults[i], EthVault.EncodeGetShares(account));
                    own[2 + (2 * i)] = BatchReads.View(vaults[i], EthVault.EncodeOsTokenPositions(account));
                }
                return own;
            },
            (account, s, own) =>
            {
                var osAssets = OsTokenVaultController.DecodeTotalAssetsOutput(s[0]);
                var osShares = OsTokenVaultController.DecodeTotalSharesOutput(s[1]);
                var positions = new List<Position>();
                for (int i = 0; i < vaults.Count; i++)
                {
                    var shares = EthVault.DecodeGetSharesOutput(own[1 + (2 * i)]);
                    var minted = EthVault.DecodeOsTokenPositionsOutput(own[2 + (2 * i)]);
                    if (shares.IsZero && minted.IsZero) continue;
                    var assets = StakeWiseMath.ConvertToAssets(shares, EthVault.DecodeTotalAssetsOutput(s[2 + (2 * i)]), EthVault.DecodeTotalSharesOutput(s[3 + (2 * i)]));
                    var debt = StakeWiseMath.ConvertToAssets(minted, osAssets, osShares);
                    positions.Add(new Position(Id, account, VaultSharesToken(vaults[i]), assets, shares, assets - debt));
                }
                var osBalance = OsToken.DecodeBalanceOfOutput(own[0]);
                positions.Add(new Position(Id, account, OsEth, osBalance, null, StakeWiseMath.ConvertToAssets(osBalance, osAssets, osShares)));
                return positions;
            },
            cancellationToken).ConfigureAwait(false);
    }
}
