namespace LiquidStake.Sdk.Withdrawals;

/// <summary>How <see cref="WithdrawalOperation.WaitUntilClaimableAsync"/> polls the chain.</summary>
public sealed record WithdrawalWaitOptions
{
    /// <summary>The defaults: a read every minute.</summary>
    public static WithdrawalWaitOptions Default { get; } = new();

    /// <summary>The longest time between two reads of the request (shorter when its estimate or the timeout is nearer); positive.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMinutes(1);
}
