using System.Text.Json.Serialization;

namespace LiquidStake.Cli.Output;

// The --json shapes of the liquid staking commands (docs/cli-json.md). Amounts are base-unit decimal strings (JSON
// numbers lose precision past 2^53 in most parsers); counts, blocks and gas are numbers. Property order is the
// declaration order below; adding a property is a compatible change, renaming or removing one is not.

/// <summary>A token: symbol, address, decimals and how it accrues (Native, Rebasing, ExchangeRate, StrategyShares).</summary>
internal sealed record TokenJson(string Symbol, string Address, int Decimals, string Accounting);

/// <summary>An exchange rate, exact (numerator/denominator) and for display.</summary>
internal sealed record RateJson(string Base, string Quote, string Numerator, string Denominator, string QuotePerWholeBase, string Display);

/// <summary>A stake quote.</summary>
internal sealed record QuoteJson(string Protocol, TokenJson TokenIn, string AmountIn, TokenJson TokenOut, string ExpectedOut, string Fee,
    RateJson Rate, string? Minimum, string? Maximum, bool Paused, bool Allowed);

/// <summary>One line of <c>rates</c>; <c>aprPercent</c> is the SDK's full-precision percent as a string.</summary>
internal sealed record RatesRowJson(string Protocol, string Name, RateJson? Rate, string? AprPercent, string? AprNote, QuoteJson? Quote, string? Error);

/// <summary>A holding.</summary>
internal sealed record PositionJson(string Protocol, string Owner, TokenJson Token, string Balance, string? Shares, string EthValue);

/// <summary>A withdrawal request as read from the chain.</summary>
internal sealed record WithdrawalJson(string Id, string Protocol, string Owner, string Token, string AmountRequested, string? AmountClaimable,
    string Status, ulong? ClaimableAtBlock);

/// <summary>A ledger entry (<c>--ledger</c>).</summary>
internal sealed record LedgerEntryJson(string Id, string Protocol, string Owner, string State, string? AmountRequested, string? AmountClaimable,
    string? AmountClaimed, string? RequestTransaction, ulong? RequestBlock, string? ClaimTransaction, ulong? ClaimBlock, string? PendingClaim, string? Note);

/// <summary><c>withdraw claim --ledger</c>: one worker round.</summary>
internal sealed record LedgerClaimJson(int Claimed, int Recovered, int Failures, IReadOnlyList<LedgerEntryJson> Entries);

/// <summary>A step's simulation in a dry run.</summary>
internal sealed record StepSimulationJson(bool Succeeded, ulong GasUsed, string? Revert);

/// <summary>One step of a plan.</summary>
internal sealed record PlanStepJson(string Kind, string Description, string From, string? To, string Value, string Data, StepSimulationJson? Simulation);

/// <summary>The whole plan's preflight.</summary>
internal sealed record PreflightJson(bool Succeeded, string? Revert);

/// <summary>A <c>--dry-run</c> plan.</summary>
internal sealed record PlanJson(string Protocol, string Description, string From, IReadOnlyList<PlanStepJson> Steps, PreflightJson? Preflight);

/// <summary>A mined transaction of a sent plan.</summary>
internal sealed record SentTransactionJson(string Description, string Hash, ulong Block, ulong GasUsed);

/// <summary>A sent plan.</summary>
internal sealed record ExecutionJson(string Protocol, string Description, IReadOnlyList<SentTransactionJson> Transactions);

/// <summary>An EigenLayer operator (<c>delegate</c> without an operator).</summary>
internal sealed record OperatorJson(string Operator, string DelegationApprover, bool RequiresApproval, int OperatorSets);

/// <summary><c>stakewise vaults --json</c>: one vault of the directory (wei and shares as decimal strings; capacity null when unlimited).</summary>
internal sealed record StakeWiseVaultJson(string Vault, bool Genesis, string Admin, int FeePercentBasisPoints, string? Capacity, string TotalAssets, string TotalShares,
    string LtvPercent, bool LiquidationDisabled, bool HarvestRequired, string? AprPercent);

/// <summary>One protocol's part of an allocation; shares are fractions as decimal strings.</summary>
internal sealed record AllocationJson(string Protocol, string? Operator, string Amount, string? ShareBefore, string? ShareAfter, string Reason);

/// <summary><c>allocate</c>.</summary>
internal sealed record AllocationPlanJson(string Amount, string MaxShare, string Unallocated, IReadOnlyList<AllocationJson> Allocations, IReadOnlyList<string> Explanation);

/// <summary>A step of the demo.</summary>
internal sealed record DemoStepJson(string Protocol, string Action, string Transaction, ulong Block, string Detail);

/// <summary><c>demo --json</c>.</summary>
internal sealed record DemoJson(string RpcUrl, string Wallet, IReadOnlyList<string> Protocols, IReadOnlyList<QuoteJson> Quotes, IReadOnlyList<DemoStepJson> Steps,
    IReadOnlyList<PositionJson> Positions, IReadOnlyList<WithdrawalJson> Withdrawals, bool Finished);

/// <summary><c>devnet up --json</c>.</summary>
internal sealed record DevnetStartedJson(string RpcUrl, ulong ChainId, int Pid, bool Detached);

/// <summary><c>devnet down --json</c>.</summary>
internal sealed record DevnetStoppedJson(bool Stopped, int Pid);

/// <summary><c>devnet report</c> and <c>devnet finalize</c>: what the kit's driver sent, through the protocol's real entry points.</summary>
internal sealed record DevnetActionJson(string Protocol, string Action, string Transaction, ulong Block, string Detail);

/// <summary><c>devnet advance</c>: the head after moving time and blocks.</summary>
internal sealed record DevnetAdvancedJson(ulong Block, ulong Timestamp);

/// <summary>Source-generated serialization of every --json shape (no reflection: the CLI is Native AOT).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(IReadOnlyList<RatesRowJson>))]
[JsonSerializable(typeof(IReadOnlyList<StakeWiseVaultJson>))]
[JsonSerializable(typeof(QuoteJson))]
[JsonSerializable(typeof(IReadOnlyList<QuoteJson>))]
[JsonSerializable(typeof(IReadOnlyList<PositionJson>))]
[JsonSerializable(typeof(IReadOnlyList<WithdrawalJson>))]
[JsonSerializable(typeof(IReadOnlyList<LedgerEntryJson>))]
[JsonSerializable(typeof(LedgerClaimJson))]
[JsonSerializable(typeof(IReadOnlyList<PlanJson>))]
[JsonSerializable(typeof(IReadOnlyList<ExecutionJson>))]
[JsonSerializable(typeof(IReadOnlyList<OperatorJson>))]
[JsonSerializable(typeof(AllocationPlanJson))]
[JsonSerializable(typeof(DemoJson))]
[JsonSerializable(typeof(DevnetStartedJson))]
[JsonSerializable(typeof(DevnetStoppedJson))]
[JsonSerializable(typeof(DevnetActionJson))]
[JsonSerializable(typeof(DevnetAdvancedJson))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
