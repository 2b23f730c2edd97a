using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Sdk.Contracts.StakeWise;

namespace LiquidStake.Testing;

/// <summary>One reward update delivered through <c>Keeper.updateRewards</c>, with the tree the oracles signed.</summary>
/// <param name="Tree">The signed tree: every vault's leaf and proof (harvest other vaults with <see cref="GetHarvestParams"/>).</param>
/// <param name="Params">The <c>updateRewards</c> argument as sent (root, avgRewardPerSecond, timestamp, IPFS hash, signatures).</param>
/// <param name="Nonce">The Keeper's <c>rewardsNonce</c> the oracles signed (it is one higher afterwards).</param>
/// <param name="Signers">The oracle addresses that signed, in ascending order.</param>
/// <param name="Update">The <c>updateRewards</c> receipt.</param>
/// <param name="Harvests">The <c>updateState</c> receipts of the vaults harvested with it, by vault.</param>
public sealed record StakeWiseRewardsUpdate(
    StakeWiseRewardsTree Tree,
    RewardsUpdateParams Params,
    BigInteger Nonce,
    IReadOnlyList<Address> Signers,
    TransactionReceipt Update,
    IReadOnlyDictionary<Address, TransactionReceipt> Harvests)
{
    /// <summary>The <c>updateState(harvestParams)</c> argument of <paramref name="vault"/> for this update.</summary>
    /// <exception cref="LiquidStakeArgumentException">The vault is not in the tree.</exception>
    public HarvestParams GetHarvestParams(Address vault) => Tree.GetHarvestParams(vault);
}

/// <summary>What <see cref="StakeWiseDevnet.ExitValidatorsAsync"/> did.</summary>
/// <param name="Vault">The vault.</param>
/// <param name="Amount">The ETH that reached the vault's balance (the consensus-layer withdrawal sweep).</param>
/// <param name="VaultBalance">The vault's ETH balance after the sweep, before the harvest.</param>
/// <param name="RewardsUpdate">The reward update and harvest that moved the exit queue.</param>
public sealed record StakeWiseValidatorExit(Address Vault, BigInteger Amount, BigInteger VaultBalance, StakeWiseRewardsUpdate RewardsUpdate);
