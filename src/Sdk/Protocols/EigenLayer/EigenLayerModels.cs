using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Sdk.Contracts.EigenLayer;

namespace LiquidStake.Sdk.Protocols.EigenLayer;

/// <summary>Settings of <see cref="EigenLayerClient"/>.</summary>
public sealed record EigenLayerClientOptions
{
    /// <summary>The LST the <see cref="IStakingProvider"/> surface restakes; null means stETH of the network's Lido profile.</summary>
    public Address? DefaultToken { get; init; }

    /// <summary>Operators to list in the directory in addition to those discovered from <c>OperatorRegistered</c> events.</summary>
    public IReadOnlyList<Address> KnownOperators { get; init; } = [];

    /// <summary>The first block scanned for <c>OperatorRegistered</c> events; null disables on-chain discovery.</summary>
    public ulong? OperatorDiscoveryFromBlock { get; init; } = 0;

    /// <summary>
    /// The time per block used to turn block delays into waits: 12 s, the post-merge slot time (assumes no missed slots;
    /// on mainnet a few percent of slots are missed, so real waits run slightly longer).
    /// </summary>
    public TimeSpan BlockTime { get; init; } = TimeSpan.FromSeconds(12);

    /// <summary>
    /// How far back <see cref="EigenLayerClient.GetWithdrawalRequestAsync"/> looks for the queue and completion events of
    /// a root that is no longer pending (EigenLayer deletes completed withdrawals, so only the events tell "completed"
    /// from "never queued"). Default 302 400 blocks: three times the mainnet delay of 100 800 blocks, about six weeks.
    /// </summary>
    public ulong CompletedWithdrawalLookbackBlocks { get; init; } = 302_400;
}

/// <summary>
/// One restaking position in one strategy. <see cref="WithdrawableShares"/> is the slashing-aware figure
/// (<c>getWithdrawableShares</c>), which equals <c>mulWad(mulWad(DepositShares, DepositScalingFactor), SlashingFactor)</c>.
/// </summary>
/// <param name="Strategy">The strategy.</param>
/// <param name="Token">Its underlying token.</param>
/// <param name="DepositShares">Deposit shares (StrategyManager; never changed by slashing).</param>
/// <param name="WithdrawableShares">Withdrawable shares after slashing.</param>
/// <param name="Underlying">The underlying token amount of the withdrawable shares (<c>sharesToUnderlyingView</c>).</param>
/// <param name="DepositScalingFactor">The staker's deposit scaling factor (WAD).</param>
/// <param name="SlashingFactor">The operator's max magnitude for the strategy (WAD; 1e18 when not delegated).</param>
/// <param name="Operator">The operator the staker is delegated to, or <see cref="Address.Zero"/>.</param>
public sealed record StrategyPosition(
    Address Strategy,
    Address Token,
    BigInteger DepositShares,
    BigInteger WithdrawableShares,
    BigInteger Underlying,
    BigInteger DepositScalingFactor,
    BigInteger SlashingFactor,
    Address Operator)
{
    /// <summary>True when slashing left fewer withdrawable shares than deposit shares.</summary>
    public bool IsSlashed => WithdrawableShares < DepositShares;

    /// <summary>The shares lost to slashing (deposit minus withdrawable, never negative).</summary>
    public BigInteger SlashedShares => BigInteger.Max(BigInteger.Zero, DepositShares - WithdrawableShares);
}

/// <summary>An EigenLayer queued withdrawal: the generic request plus the exact struct completion needs.</summary>
public record EigenLayerWithdrawalRequest(
    WithdrawalId Id,
    Address Owner,
    StakingToken Token,
    BigInteger AmountRequested,
    BigInteger? AmountClaimable,
    WithdrawalStatus Status,
    DateTimeOffset? RequestedAt,
    ulong? ClaimableAtBlock,
    DateTimeOffset? EstimatedClaimableAt,
    Hash32 Root,
    Withdrawal Withdrawal,
    IReadOnlyList<BigInteger> Shares)
    : WithdrawalRequest(Id, Owner, Token, AmountRequested, AmountClaimable, Status, RequestedAt, ClaimableAtBlock, EstimatedClaimableAt);

/// <summary>A withdrawal queued by a transaction, from <c>SlashingWithdrawalQueued</c>.</summary>
/// <param name="Root">The withdrawal root.</param>
/// <param name="Withdrawal">The full struct.</param>
/// <param name="WithdrawableShares">Withdrawable shares per strategy at queue time.</param>
public sealed record QueuedWithdrawal(Hash32 Root, Withdrawal Withdrawal, IReadOnlyList<BigInteger> WithdrawableShares);

/// <summary>The outcome of a deposit into a strategy.</summary>
public sealed record EigenLayerDepositResult(PlanExecution Execution, Address Staker, Address Strategy, BigInteger Shares);

/// <summary>The outcome of delegateTo or undelegate.</summary>
public sealed record DelegationResult(PlanExecution Execution, Address Staker, Address Operator, bool Delegated, IReadOnlyList<QueuedWithdrawal> QueuedWithdrawals);

/// <summary>The outcome of queueWithdrawals.</summary>
public sealed record QueueResult(PlanExecution Execution, IReadOnlyList<QueuedWithdrawal> Withdrawals);

/// <summary>A token amount paid out to the staker.</summary>
public sealed record TokenReceived(Address Token, BigInteger Amount);

/// <summary>The outcome of completing withdrawals as tokens.</summary>
public sealed record CompletionResult(PlanExecution Execution, IReadOnlyList<Hash32> CompletedRoots, IReadOnlyList<TokenReceived> TokensReceived);

/// <summary>An operator's allocation to one AVS operator set for one strategy.</summary>
public sealed record OperatorSetAllocation(OperatorSet OperatorSet, Address Strategy, BigInteger CurrentMagnitude, BigInteger PendingDiff, BigInteger EffectBlock);

/// <summary>An operator in the directory.</summary>
/// <param name="Operator">The operator address.</param>
/// <param name="DelegationApprover">Its delegation approver, or zero when anyone may delegate.</param>
/// <param name="SharesByStrategy">Delegated shares per strategy (<c>getOperatorShares</c>).</param>
/// <param name="RegisteredSets">Operator sets it is registered for.</param>
/// <param name="AllocatedSets">Operator sets it has allocated magnitude to.</param>
/// <param name="Allocations">Allocations per (set, strategy) with non-zero magnitude.</param>
public sealed record OperatorInfo(
    Address Operator,
    Address DelegationApprover,
    IReadOnlyDictionary<Address, BigInteger> SharesByStrategy,
    IReadOnlyList<OperatorSet> RegisteredSets,
    IReadOnlyList<OperatorSet> AllocatedSets,
    IReadOnlyList<OperatorSetAllocation> Allocations)
{
    /// <summary>True when delegating needs an approver signature.</summary>
    public bool RequiresApproval => DelegationApprover != Address.Zero;
}

/// <summary>An EigenLayer rule refused an operation before anything was signed; <see cref="ErrorName"/> is the contract error that would have reverted.</summary>
public class EigenLayerPreflightException : StakingPreflightException
{
    /// <summary>Creates the exception.</summary>
    public EigenLayerPreflightException() { }

    /// <summary>Creates the exception.</summary>
    public EigenLayerPreflightException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public EigenLayerPreflightException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception naming the contract error.</summary>
    public EigenLayerPreflightException(string errorName, string paramName, string reason, string? limit = null)
        : base(ProtocolId.EigenLayer, paramName, $"{errorName}: {reason}", limit) => ErrorName = errorName;

    /// <summary>The contract's error name, for example <c>WithdrawalDelayNotElapsed</c>.</summary>
    public string? ErrorName { get; }
}

/// <summary>
/// EigenLayer's state refuses the operation (for example the staker is already delegated, or not delegated): not a
/// bad argument, so it is a <see cref="ProtocolStateException"/>; the contract's error name is kept.
/// </summary>
public class EigenLayerStateException : ProtocolStateException
{
    /// <summary>Creates the exception.</summary>
    public EigenLayerStateException() { }

    /// <summary>Creates the exception.</summary>
    public EigenLayerStateException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public EigenLayerStateException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception naming the contract error and the state that refused the operation.</summary>
    /// <param name="errorName">The contract's error name, for example <c>ActivelyDelegated</c>.</param>
    /// <param name="reason">The state, in words.</param>
    public EigenLayerStateException(string errorName, string reason) : base(ProtocolId.EigenLayer, $"{errorName}: {reason}") => ErrorName = errorName;

    /// <summary>The contract's error name.</summary>
    public string? ErrorName { get; }
}
