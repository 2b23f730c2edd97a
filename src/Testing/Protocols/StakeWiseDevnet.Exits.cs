using System.Numerics;
using LiquidStake.Ethereum;

namespace LiquidStake.Testing;

// The beacon chain's job: validators exit and their ETH is swept to the vault (the withdrawal address) without a
// transaction. The exit queue then moves in the vault's next harvest (VaultState._updateExitQueue), which needs a
// reward update the vault has not harvested yet.
public sealed partial class StakeWiseDevnet
{
    /// <summary>
    /// Exits validators of <paramref name="vault"/> worth <paramref name="amount"/> wei: the ETH arrives in the vault's
    /// balance (<c>anvil_setBalance</c>, as the consensus-layer sweep does; a transfer would be a deposit), then a reward
    /// update that moves no rewards is delivered and the vault harvests it, which moves its exit queue: queued shares
    /// are burned for the ETH now available and a checkpoint makes those tickets claimable (after the vault's claim delay
    /// since each request). The ETH at the vault's validators is <c>totalAssets + unclaimedAssets - balance</c>.
    /// </summary>
    /// <exception cref="LiquidStakeArgumentException">The amount is not positive, exceeds the ETH at the vault's validators, or the vault is not registered.</exception>
    public async Task<StakeWiseValidatorExit> ExitValidatorsAsync(Address vault, BigInteger amount, CancellationToken cancellationToken = default)
    {
        if (amount.Sign <= 0) throw new LiquidStakeArgumentException(nameof(amount), "must be positive", "at least 1 wei");
        if (!await VaultsRegistry.VaultsAsync(vault, cancellationToken: cancellationToken).ConfigureAwait(false))
            throw new LiquidStakeArgumentException(nameof(vault), "is not a vault VaultsRegistry.vaults() knows", "a registered vault");
        var staked = await GetStakedAsync(vault, cancellationToken).ConfigureAwait(false);
        if (amount > staked)
            throw new LiquidStakeArgumentException(nameof(amount), $"is more than the {staked} wei at the vault's validators", $"at most {staked}");

        var balance = await _node.Rpc.GetBalanceAsync(vault, cancellationToken: cancellationToken).ConfigureAwait(false) + amount;
        await _node.SetBalanceAsync(vault, balance, cancellationToken).ConfigureAwait(false);
        var update = await DeliverRewardsAsync(new Dictionary<Address, BigInteger> { [vault] = BigInteger.Zero }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new StakeWiseValidatorExit(vault, amount, balance, update);
    }

    /// <summary>
    /// The ETH at <paramref name="vault"/>'s validators as the vault accounts it: <c>totalAssets + unclaimedAssets</c>
    /// minus the vault's ETH balance (zero when the balance covers it).
    /// </summary>
    public async Task<BigInteger> GetStakedAsync(Address vault, CancellationToken cancellationToken = default)
    {
        var contract = Vault(vault);
        var totalAssets = await contract.TotalAssetsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var queue = await contract.GetExitQueueDataAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var balance = await _node.Rpc.GetBalanceAsync(vault, cancellationToken: cancellationToken).ConfigureAwait(false);
        return BigInteger.Max(BigInteger.Zero, totalAssets + queue.UnclaimedAssets - balance);
    }

    /// <summary>
    /// Moves chain time to <paramref name="requestTimestamp"/> + <paramref name="claimDelay"/> when it is not there yet,
    /// so an exit request filed at that time passes the vault's <c>exitingAssetsClaimDelay</c> (15 hours for public
    /// vaults, not readable on chain). Returns the time advanced.
    /// </summary>
    public async Task<TimeSpan> PassExitClaimDelayAsync(ulong requestTimestamp, TimeSpan claimDelay, CancellationToken cancellationToken = default)
    {
        if (claimDelay < TimeSpan.Zero) throw new LiquidStakeArgumentException(nameof(claimDelay), "cannot be negative", "at least zero");
        var now = await _node.GetBlockTimestampAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        ulong target = requestTimestamp + (ulong)claimDelay.TotalSeconds;
        if (target <= now) return TimeSpan.Zero;
        await _node.SetNextBlockTimestampAsync(target, cancellationToken).ConfigureAwait(false);
        await _node.MineAsync(1, cancellationToken: cancellationToken).ConfigureAwait(false);
        return TimeSpan.FromSeconds(target - now);
    }

    /// <summary>The claim delay of public vaults (core <c>PUBLIC_VAULT_EXITED_ASSETS_CLAIM_DELAY</c>): 15 hours.</summary>
    public static readonly TimeSpan PublicVaultExitClaimDelay = TimeSpan.FromHours(15);
}
