using LiquidStake.Ethereum.Rpc;
using LiquidStake.Sdk.Withdrawals;

namespace LiquidStake.Sdk.Hosting;

/// <summary>
/// Sees each claim at the points that matter for crash safety (audit trails, alerting, fault-injection tests). Register
/// any number in DI; they run in order, and a claim waits for them.
/// </summary>
public interface IWithdrawalClaimObserver
{
    /// <summary>The claim is signed and recorded in the ledger; it has not been broadcast.</summary>
    ValueTask OnSignedAsync(PendingClaim claim, IReadOnlyList<WithdrawalId> ids, CancellationToken cancellationToken);

    /// <summary>The node accepted the claim.</summary>
    ValueTask OnBroadcastAsync(PendingClaim claim, IReadOnlyList<WithdrawalId> ids, CancellationToken cancellationToken);

    /// <summary>The claim is mined with enough confirmations; the ledger has not recorded it yet.</summary>
    ValueTask OnMinedAsync(PendingClaim claim, TransactionReceipt receipt, IReadOnlyList<WithdrawalId> ids, CancellationToken cancellationToken);
}
