using System.CommandLine;
using System.Globalization;
using System.Numerics;
using LiquidStake.Cli.Infrastructure;
using LiquidStake.Cli.Output;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Testing;

namespace LiquidStake.Cli.Commands;

/// <summary>
/// <c>devnet report|finalize|advance</c>: the off-chain actors' jobs from the shell, against a running chain
/// (<c>--rpc-url</c>: the devnet of <c>devnet up</c>, a fork of it, or a mainnet fork). Each one is the fork kit's driver,
/// which goes through the protocol's real role-gated entry points, so a person can move a withdrawal to claimable.
/// </summary>
internal static class DevnetDriverCommands
{
    private const ulong Day = 86_400;

    public static Command Report(CliContext context)
    {
        var protocol = new Argument<string>("protocol") { Description = "lido, rocketpool, etherfi or stakewise", DefaultValueFactory = _ => "lido" };
        protocol.AcceptOnlyFromAmong("lido", "rocketpool", "etherfi", "stakewise");
        var apr = new Option<int>("--apr") { Description = "Rewards as an APR in basis points (default 300 = 3 %)", DefaultValueFactory = _ => 300, HelpName = "BPS" };
        var days = new Option<int>("--days") { Description = "Days the report covers (Lido: at least this many frames after the last report; default 1)", DefaultValueFactory = _ => 1, HelpName = "N" };
        var finalize = new Option<string?>("--finalize-up-to") { Description = "Lido: also finalize withdrawal requests up to this id", HelpName = "ID" };
        var command = new Command("report", "Deliver an oracle report through the protocol's real path (Lido: HashConsensus + AccountingOracle; Rocket Pool: oDAO submitBalances; ether.fi: committee + EtherFiAdmin; StakeWise: Keeper oracles' updateRewards, then every vault's updateState)")
        {
            protocol, apr, days, finalize,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            string name = parseResult.GetValue(protocol)!;
            int bps = parseResult.GetValue(apr);
            int n = parseResult.GetValue(days);
            if (bps < 0 || bps > 10_000) throw new CliUsageException($"--apr {bps} is not between 0 and 10000 basis points.");
            if (n < 1 || n > 365) throw new CliUsageException($"--days {n} is not between 1 and 365.");
            BigInteger upTo = ParseId(parseResult.GetValue(finalize), "--finalize-up-to") ?? BigInteger.Zero;
            if (upTo.Sign > 0 && name != "lido") throw new CliUsageException("--finalize-up-to is for Lido; use 'devnet finalize etherfi ID' for ether.fi.");
            bool json = context.IsJson(parseResult);
            ulong seconds = (ulong)n * Day;

            await using var node = await ConnectAsync(context, parseResult, cancellationToken).ConfigureAwait(false);
            var result = await context.WaitAsync(json, $"delivering a {name} oracle report", async _ =>
            {
                switch (name)
                {
                    case "lido":
                        var internalEther = await node.Lido.GetInternalEtherAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                        var report = await node.Lido.ReportAsync(new LidoReportOptions
                        {
                            ClBalanceDeltaWei = LidoDevnet.ComputeRewards(internalEther, bps, seconds),
                            MinimumElapsedSeconds = seconds,
                            FinalizeUpToRequestId = upTo,
                        }, cancellationToken).ConfigureAwait(false);
                        return Action(name, "report", report.Receipt, string.Create(CultureInfo.InvariantCulture,
                            $"ref slot {report.RefSlot}, timeElapsed {report.TimeElapsed} s, CL +{report.ClBalanceDeltaWei} wei{(report.FinalizationBatches.Count > 0 ? $", finalized up to {report.FinalizationBatches[^1]}" : "")}"));
                    case "rocketpool":
                        var balances = await node.RocketPool.AccrueRewardsAsync(bps, seconds, cancellationToken).ConfigureAwait(false);
                        return Action(name, "report", balances, string.Create(CultureInfo.InvariantCulture, $"network balances for {bps} bps over {n} day(s), submitted by the oracle DAO"));
                    case "stakewise":
                        var vaults = await node.StakeWise.GetVaultsAsync(cancellationToken).ConfigureAwait(false);
                        var update = await node.StakeWise.DeliverRewardsAtAprAsync(vaults.ToDictionary(v => v, _ => bps), TimeSpan.FromSeconds(seconds),
                            cancellationToken: cancellationToken).ConfigureAwait(false);
                        return Action(name, "report", update.Update, string.Create(CultureInfo.InvariantCulture,
                            $"rewards root {Hex.Encode(update.Tree.Root)} signed by {update.Signers.Count} oracles, {update.Harvests.Count} vault(s) harvested at {bps} bps over at least {n} day(s)"));
                    default:
                        var etherFi = await node.EtherFi.DeliverReportAsync(bps, cancellationToken).ConfigureAwait(false);
                        return Action(name, "report", etherFi.Execution, string.Create(CultureInfo.InvariantCulture,
                            $"{etherFi.Submissions.Count} committee submissions, accrued rewards {etherFi.Report.AccruedRewards} wei"));
                }
            }).ConfigureAwait(false);
            await WriteAsync(context, json, result, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Finalize(CliContext context)
    {
        var protocol = new Argument<string>("protocol") { Description = "lido or etherfi" };
        protocol.AcceptOnlyFromAmong("lido", "etherfi");
        var id = new Argument<string>("id") { Description = "Finalize every request up to this id" };
        var command = new Command("finalize", "Finalize withdrawal requests up to an id as the protocol's oracle does (Lido: the next frame's report; ether.fi: EtherFiAdmin)") { protocol, id };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            string name = parseResult.GetValue(protocol)!;
            var upTo = ParseId(parseResult.GetValue(id), "id") ?? throw new CliUsageException("id is required.");
            bool json = context.IsJson(parseResult);
            await using var node = await ConnectAsync(context, parseResult, cancellationToken).ConfigureAwait(false);
            var result = await context.WaitAsync(json, $"finalizing {name} requests up to {upTo}", async _ =>
            {
                if (name == "lido")
                {
                    var receipt = await node.Lido.FinalizeWithdrawalsAsync(upTo, cancellationToken).ConfigureAwait(false);
                    return Action(name, "finalize", receipt, string.Create(CultureInfo.InvariantCulture, $"requests up to {upTo} finalized by an oracle report"));
                }
                var done = await node.EtherFi.FinalizeRequestsAsync(upTo, cancellationToken).ConfigureAwait(false);
                if (done.Receipts.Count == 0)
                    throw new CliRefusedException(string.Create(CultureInfo.InvariantCulture, $"ether.fi requests up to {upTo} are already finalized (last finalized: {done.LastFinalizedRequestId})."));
                return Action(name, "finalize", done.Receipts[^1], string.Create(CultureInfo.InvariantCulture, $"requests up to {done.LastFinalizedRequestId} finalized, {done.EthLocked} wei locked"));
            }).ConfigureAwait(false);
            await WriteAsync(context, json, result, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Advance(CliContext context)
    {
        var seconds = new Option<ulong>("--seconds") { Description = "Move chain time forward by this many seconds", HelpName = "S" };
        var blocks = new Option<ulong>("--blocks") { Description = "Mine this many blocks, 12 s apart (with --seconds the first one carries the time shift)", HelpName = "N" };
        var command = new Command("advance", "Move chain time and mine blocks (for example past EigenLayer's withdrawal delay)") { seconds, blocks };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            ulong s = parseResult.GetValue(seconds);
            ulong b = parseResult.GetValue(blocks);
            if (s == 0 && b == 0) throw new CliUsageException("Give --seconds, --blocks or both.");
            if (b > 100_000) throw new CliUsageException($"--blocks {b} is more than 100000 (Anvil slows down on very long runs).");
            bool json = context.IsJson(parseResult);
            await using var node = await ConnectAsync(context, parseResult, cancellationToken).ConfigureAwait(false);
            var head = await context.WaitAsync(json, "moving the chain forward", async _ =>
            {
                // The time shift lands in the first mined block (IncreaseTimeAsync mines it); the rest follow 12 s apart.
                ulong remaining = b;
                if (s > 0)
                {
                    await node.IncreaseTimeAsync(TimeSpan.FromSeconds(s), cancellationToken).ConfigureAwait(false);
                    remaining = b > 0 ? b - 1 : 0;
                }
                await node.MineAsync(remaining, 12UL, cancellationToken).ConfigureAwait(false);
                ulong number = await node.Rpc.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
                ulong timestamp = await node.GetBlockTimestampAsync(BlockParameter.AtNumber(number), cancellationToken).ConfigureAwait(false);
                return new DevnetAdvancedJson(number, timestamp);
            }).ConfigureAwait(false);
            if (json)
                await StakingOutput.WriteJsonAsync(context, head, CliJsonContext.Default.DevnetAdvancedJson, cancellationToken).ConfigureAwait(false);
            else
                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"block {head.Block}, time {DateTimeOffset.FromUnixTimeSeconds((long)head.Timestamp):u}")).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<DevnetNode> ConnectAsync(CliContext context, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var url = context.Global.ResolveRpcUrl(parseResult, context.Environment)
            ?? throw new CliUsageException("These commands drive a running chain: give --rpc-url (the URL 'liquidstake devnet up' printed) or set LIQUIDSTAKE_RPC_URL.");
        return await DevnetNode.ConnectAsync(url, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static BigInteger? ParseId(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id.Sign <= 0)
            throw new CliUsageException($"{name} '{text}' is not a request id (a positive whole number).");
        return id;
    }

    private static DevnetActionJson Action(string protocol, string action, TransactionReceipt receipt, string detail) =>
        new(protocol, action, receipt.TransactionHash.ToString(), receipt.BlockNumber, detail);

    private static async Task WriteAsync(CliContext context, bool json, DevnetActionJson result, CancellationToken cancellationToken)
    {
        if (json)
        {
            await StakingOutput.WriteJsonAsync(context, result, CliJsonContext.Default.DevnetActionJson, cancellationToken).ConfigureAwait(false);
            return;
        }
        await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{result.Protocol} {result.Action}: {result.Detail}")).ConfigureAwait(false);
        await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"transaction {result.Transaction} in block {result.Block}")).ConfigureAwait(false);
    }
}
