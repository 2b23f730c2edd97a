namespace LiquidStake.Sdk.Hosting;

/// <summary>What one round of the worker did.</summary>
/// <param name="Head">The chain head the round started at.</param>
/// <param name="Added">New requests recorded from the chain.</param>
/// <param name="Changed">Entries whose state changed at the re-check.</param>
/// <param name="Claimed">Requests claimed (new claims and recovered ones).</param>
/// <param name="Recovered">Pending claims found after a restart and completed, re-broadcast or abandoned.</param>
/// <param name="Reorged">Claims or requests whose block left the canonical chain.</param>
/// <param name="Failures">Claim attempts that failed (logged; retried next round).</param>
public sealed record WithdrawalRoundReport(ulong Head, int Added, int Changed, int Claimed, int Recovered, int Reorged, int Failures);
