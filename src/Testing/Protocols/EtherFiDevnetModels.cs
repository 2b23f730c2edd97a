using System.Numerics;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Sdk.Contracts.EtherFi;
using LiquidStake.Ethereum.Transactions;

namespace LiquidStake.Testing;

/// <summary>The RoleRegistry roles an ether.fi driver acts as (RoleRegistry.sol constants).</summary>
public enum EtherFiRole
{
    /// <summary><c>UPGRADE_TIMELOCK_ROLE</c> (10-day timelock): upgrades, <c>seizeInvalidRequest</c>.</summary>
    UpgradeTimelock,

    /// <summary><c>OPERATION_TIMELOCK_ROLE</c> (2-day timelock): redemption and rate-limit setters, <c>validateRequest</c>.</summary>
    OperatingTimelock,

    /// <summary><c>OPERATION_MULTISIG_ROLE</c>: <c>pause</c>/<c>unpause</c>, <c>unpauseUntil</c>, blacklist setters, withdraw bounds.</summary>
    OperatingMultisig,

    /// <summary><c>SUPER_GUARDIAN_ROLE</c>: timed pause of eETH and weETH.</summary>
    SuperGuardian,

    /// <summary><c>GUARDIAN_ROLE</c>: timed pauses, <c>invalidateRequest</c>, 3-day blacklisting.</summary>
    Guardian,
}

/// <summary>What a finalization by EtherFiAdmin did.</summary>
/// <param name="LastFinalizedRequestId">The last finalized request id afterwards.</param>
/// <param name="EthLocked">The nominal eETH sum of the newly finalized valid requests, locked from the pool.</param>
/// <param name="Receipts">The <c>finalizeRequests</c> and <c>addEthAmountLockedForWithdrawal</c> receipts (none when nothing was pending).</param>
public sealed record EtherFiFinalization(BigInteger LastFinalizedRequestId, BigInteger EthLocked, IReadOnlyList<TransactionReceipt> Receipts);

/// <summary>One oracle report delivered through the committee and EtherFiAdmin.</summary>
/// <param name="Report">The report as submitted (frame, rewards, fees, finalization).</param>
/// <param name="Submissions">The committee members' <c>submitReport</c> receipts, the last one publishing it.</param>
/// <param name="Execution">The <c>EtherFiAdmin.executeTasks</c> receipt.</param>
public sealed record EtherFiReport(OracleReport Report, IReadOnlyList<TransactionReceipt> Submissions, TransactionReceipt Execution);
