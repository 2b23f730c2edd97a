using Microsoft.Extensions.Options;

namespace LiquidStake.Sdk.Hosting;

/// <summary>Checks <see cref="WithdrawalWorkerOptions"/> at start-up; each failure names the option.</summary>
internal sealed class WithdrawalWorkerOptionsValidator : IValidateOptions<WithdrawalWorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, WithdrawalWorkerOptions options)
    {
        var failures = new List<string>();
        if (options.PollingInterval <= TimeSpan.Zero) failures.Add("Withdrawal worker option 'PollingInterval' must be positive.");
        if (options.Confirmations < 1) failures.Add($"Withdrawal worker option 'Confirmations' must be at least 1, got {options.Confirmations}.");
        if (options.MaxClaimsPerRound < 1) failures.Add($"Withdrawal worker option 'MaxClaimsPerRound' must be at least 1, got {options.MaxClaimsPerRound}.");
        if (options.MaxRequestsPerTransaction < 1) failures.Add($"Withdrawal worker option 'MaxRequestsPerTransaction' must be at least 1, got {options.MaxRequestsPerTransaction}.");
        if (options.MaxFeePerGas is { Sign: <= 0 }) failures.Add("Withdrawal worker option 'MaxFeePerGas' must be positive when set.");
        if (options.LeaseDuration <= TimeSpan.Zero) failures.Add("Withdrawal worker option 'LeaseDuration' must be positive.");
        if (options.ReorgDepth < 0) failures.Add("Withdrawal worker option 'ReorgDepth' cannot be negative.");
        if (string.IsNullOrWhiteSpace(options.WorkerId)) failures.Add("Withdrawal worker option 'WorkerId' is empty.");
        if (options.HealthyRoundIntervals < 1) failures.Add("Withdrawal worker option 'HealthyRoundIntervals' must be at least 1.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
