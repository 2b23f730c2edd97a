using System.Globalization;
using LiquidStake.Cli.Output;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Hosting;
using LiquidStake.Sdk.Storage;
using LiquidStake.Sdk.Storage.Sqlite;
using LiquidStake.Sdk.Withdrawals;
using Microsoft.Extensions.Options;
using LiquidStake.Cli.Infrastructure;

namespace LiquidStake.Cli.Commands;

/// <summary>
/// <c>withdraw list|claim --ledger PATH</c>: the same SQLite ledger a backend's worker writes, so a person can see what
/// it did and claim through the same leases and signed-claim records (never a second claim next to a running worker).
/// </summary>
internal static class LedgerCommands
{
    public static RelationalWithdrawalLedger Open(StakingSession session, string path) =>
        new(new SqliteDialect(path), session.Providers, session.Rpc, session.Context.TimeProvider);

    /// <summary>Syncs the owner's requests into the ledger, re-checks it, and returns the owner's entries.</summary>
    public static async Task<IReadOnlyList<WithdrawalLedgerEntry>> SyncAndListAsync(StakingSession session, string path, Address owner, ProtocolId? only, CancellationToken cancellationToken)
    {
        var ledger = Open(session, path);
        await ledger.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await ledger.SyncAsync(owner, cancellationToken).ConfigureAwait(false);
        await ledger.RecheckAsync(cancellationToken).ConfigureAwait(false);
        return await ledger.ListAsync(owner, only, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One worker round for <paramref name="signer"/>'s account: claims every claimable request under a lease, recording each signed claim first.</summary>
    public static async Task<(WithdrawalRoundReport Report, IReadOnlyList<WithdrawalLedgerEntry> Entries)> ClaimAsync(StakingSession session, string path, ISigner signer, CancellationToken cancellationToken)
    {
        var ledger = Open(session, path);
        await ledger.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var options = new WithdrawalWorkerOptions { WorkerId = string.Create(CultureInfo.InvariantCulture, $"cli:{Environment.MachineName}:{Environment.ProcessId}") };
        options.AddSigner(signer);
        using var telemetry = new WithdrawalWorkerTelemetry();
        var processor = new WithdrawalClaimProcessor(ledger, session.Providers, session.Rpc, session.Context.Sender, Options.Create(options), telemetry, timeProvider: session.Context.TimeProvider);
        var report = await processor.RunRoundAsync(cancellationToken).ConfigureAwait(false);
        return (report, await ledger.ListAsync(signer.Address, null, null, cancellationToken).ConfigureAwait(false));
    }

    public static LedgerEntryJson Entry(WithdrawalLedgerEntry e) => new(e.Id.ToString(), e.Protocol.Value, e.Owner.ToString(), e.State.ToString(),
        e.LastKnown?.AmountRequested.ToString(CultureInfo.InvariantCulture), e.LastKnown?.AmountClaimable?.ToString(CultureInfo.InvariantCulture),
        e.AmountClaimed?.ToString(CultureInfo.InvariantCulture), e.TransactionHash?.ToString(), e.RequestBlock?.Number, e.ClaimTransactionHash?.ToString(),
        e.ClaimBlock?.Number, e.PendingClaim is { } p && e.ClaimTransactionHash is null ? p.Hash.ToString() : null, e.Note);

    /// <summary><c>withdraw list|claim --ledger</c>: Id (head…tail when narrow), State, Requested, Note always; then Claimed (1),
    /// Claim tx (2), Request tx (3).</summary>
    public static FittedTable Table(IEnumerable<WithdrawalLedgerEntry> entries)
    {
        var table = new FittedTable("Withdrawal ledger").Column("Id").Column("State").Column("Requested")
            .Column("Claimed", 1).Column("Request tx", 3).Column("Claim tx", 2).Column("Note", wrap: true);
        foreach (var e in entries)
        {
            table.Row(FittedCell.Identifier(e.Id.ToString(), 12, 6), new(e.State.ToString()),
                new(e.LastKnown is { } k ? EthUnits.FormatUnits(k.AmountRequested, k.Token.Decimals) : "-"),
                new(e.AmountClaimed is { } c ? EthUnits.FormatUnits(c, e.LastKnown?.Token.Decimals ?? 18) : "-"),
                FittedCell.Identifier(e.TransactionHash?.ToString() ?? "-", 10, 6),
                e.ClaimTransactionHash is { } claim ? FittedCell.Identifier(claim.ToString(), 10, 6)
                    : e.PendingClaim is { } p ? FittedCell.Identifier("pending " + p.Hash, 18, 6) : new("-"),
                new(e.Note ?? string.Empty));
        }
        return table;
    }
}
