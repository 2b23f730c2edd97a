using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Sdk.Services;

namespace LiquidStake.Sdk.Protocols.StakeWise;

// StakeWise as an IStakingProvider: withdrawals are exit-queue tickets of the default vault.

public partial class StakeWiseClient
{
    /// <inheritdoc/>
    /// <remarks><paramref name="amount"/> is in vault shares of <see cref="DefaultVault"/>; see <see cref="PrepareEnterExitQueueAsync"/>.</remarks>
    public virtual Task<PreparedTransaction> PrepareWithdrawalRequestAsync(Address account, BigInteger amount, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(account);
        return EnterExitQueueCoreAsync(account, amount, DefaultVault, account, nameof(amount), nameof(account), cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>Exit-queue tickets in every vault of the directory (<see cref="GetExitRequestsAsync"/>).</remarks>
    public virtual async Task<IReadOnlyList<WithdrawalRequest>> GetWithdrawalRequestsAsync(Address account, CancellationToken cancellationToken = default) =>
        await GetExitRequestsAsync(account, null, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public virtual Task<PreparedTransaction> PrepareClaimAsync(Address account, IReadOnlyList<WithdrawalId> withdrawals, CancellationToken cancellationToken = default) =>
        PrepareClaimExitedAssetsAsync(account, withdrawals, cancellationToken);

    /// <summary>One exit-queue request of <paramref name="owner"/> by id (its vault only), or null when the chain has no such ticket.</summary>
    public virtual async Task<WithdrawalRequest?> GetWithdrawalRequestAsync(Address owner, WithdrawalId id, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(owner);
        var ticket = StakeWiseExitTicket.FromWithdrawalId(id, nameof(id));
        var requests = await GetExitRequestsAsync(owner, ticket.Vault, cancellationToken).ConfigureAwait(false);
        return requests.FirstOrDefault(r => r.Ticket == ticket);
    }

    /// <summary>
    /// The vaults as operators for <see cref="AllocationPlanner"/>: each vault's <c>totalAssets</c>, the room left under its
    /// capacity, and "must be harvested first" for a vault behind on reward updates.
    /// </summary>
    public virtual async Task<IReadOnlyList<OperatorStake>> GetOperatorStakesAsync(CancellationToken cancellationToken = default)
    {
        var vaults = await GetVaultsAsync(false, cancellationToken).ConfigureAwait(false);
        return vaults.Select(v => new OperatorStake(v.Address, v.TotalAssets, v.HasCapacity ? v.AvailableCapacity : null,
            v.IsHarvestRequired ? "the vault must be harvested before it takes deposits" : null)).ToArray();
    }
}
