using System.Globalization;
using System.Text.Json.Nodes;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Hosting;
using LiquidStake.Sdk.Storage;
using LiquidStake.Sdk.Storage.Sqlite;
using LiquidStake.Sdk.Withdrawals;
using Microsoft.Extensions.Options;
using Spectre.Console;

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

    public static JsonObject Entry(WithdrawalLedgerEntry e) => new()
    {
        ["id"] = e.Id.ToString(),
        ["protocol"] = e.Protocol.Value,
        ["owner"] = e.Owner.ToString(),
        ["state"] = e.State.ToString(),
        ["amountRequested"] = e.LastKnown?.AmountRequested.ToString(CultureInfo.InvariantCulture),
        ["amountClaimable"] = e.LastKnown?.AmountClaimable?.ToString(CultureInfo.InvariantCulture),
        ["amountClaimed"] = e.AmountClaimed?.ToString(CultureInfo.InvariantCulture),
        ["requestTransaction"] = e.TransactionHash?.ToString(),
        ["requestBlock"] = e.RequestBlock?.Number,
        ["claimTransaction"] = e.ClaimTransactionHash?.ToString(),
        ["claimBlock"] = e.ClaimBlock?.Number,
        ["pendingClaim"] = e.PendingClaim is { } p && e.ClaimTransactionHash is null ? p.Hash.ToString() : null,
        ["note"] = e.Note,
    };

    public static Table Table(IEnumerable<WithdrawalLedgerEntry> entries)
    {
        var table = new Table().Title("Withdrawal ledger").AddColumns("Id", "State", "Requested", "Claimed", "Request tx", "Claim tx", "Note");
        foreach (var e in entries)
        {
            table.AddRow(Markup.Escape(Short(e.Id.ToString())), e.State.ToString(),
                e.LastKnown is { } k ? EthUnits.FormatUnits(k.AmountRequested, k.Token.Decimals) : "-",
                e.AmountClaimed is { } c ? EthUnits.FormatUnits(c, e.LastKnown?.Token.Decimals ?? 18) : "-",
                Short(e.TransactionHash?.ToString() ?? "-"),
                Short(e.ClaimTransactionHash?.ToString() ?? (e.PendingClaim is { } p ? "pending " + p.Hash : "-")),
                Markup.Escape(e.Note ?? string.Empty));
        }
        return table;
    }

    private static string Short(string text) => text.Length > 24 ? string.Concat(text.AsSpan(0, 12), "…", text.AsSpan(text.Length - 6)) : text;
}
