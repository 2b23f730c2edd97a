using System.CommandLine;
using System.Globalization;
using System.Numerics;
using LiquidStake.Cli.Output;
using LiquidStake.Cli.Infrastructure;
using LiquidStake.Cli.Keys;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Services;
using LiquidStake.Sdk.Withdrawals;
using Spectre.Console;

namespace LiquidStake.Cli.Commands;

/// <summary>
/// The staking commands over the SDK's public API: <c>rates</c>, <c>quote</c>, <c>position</c> (reads, <c>--json</c>),
/// and <c>stake</c>, <c>wrap</c>, <c>unwrap</c>, <c>withdraw request|list|claim</c>, <c>restake</c>, <c>delegate</c>
/// (writes, <c>--dry-run</c> prints the unsigned plan and its simulation), and <c>allocate</c> (the planner).
/// </summary>
internal sealed class ProtocolCommands : ICommandGroup
{
    public IEnumerable<Command> CreateCommands(CliContext context)
    {
        yield return Rates(context);
        yield return Quote(context);
        yield return PositionCommand(context);
        yield return Stake(context);
        yield return Wrap(context, unwrap: false);
        yield return Wrap(context, unwrap: true);
        yield return Withdraw(context);
        yield return Restake(context);
        yield return Delegate(context);
        yield return Allocate(context);
        yield return StakeWiseCommand(context);
    }

    // ------------------------------------------------------------------ StakeWise

    private static Command StakeWiseCommand(CliContext context)
    {
        var noApr = new Option<bool>("--no-apr") { Description = "Skip each vault's APR (which replays its harvests in the lookback window)" };
        var vaults = new Command("vaults", "The StakeWise vault directory: admin, fee, TVL, capacity, LTV and APR of every registered vault") { noApr };
        vaults.SetAction(async (parseResult, cancellationToken) =>
        {
            using var session = await StakingSession.OpenAsync(context, parseResult, cancellationToken).ConfigureAwait(false);
            var stakeWise = session.StakeWise ?? throw new CliUsageException($"stakewise is not deployed on {session.Network.Name}.");
            var list = await stakeWise.GetVaultsAsync(!parseResult.GetValue(noApr), cancellationToken).ConfigureAwait(false);
            if (context.IsJson(parseResult))
            {
                var json = list.Select(v => new StakeWiseVaultJson(v.Address.ToString(), v.IsGenesis, v.Admin.ToString(), v.FeePercent,
                    v.HasCapacity ? StakingOutput.Units(v.Capacity) : null, StakingOutput.Units(v.TotalAssets), StakingOutput.Units(v.TotalShares),
                    StakingOutput.Units(v.OsTokenConfig.LtvPercent), v.OsTokenConfig.LiquidationDisabled, v.IsHarvestRequired,
                    v.Apr?.Percent.ToString(CultureInfo.InvariantCulture))).ToArray();
                await StakingOutput.WriteJsonAsync(context, json, CliJsonContext.Default.IReadOnlyListStakeWiseVaultJson, cancellationToken).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            StakingOutput.StakeWiseVaultsTable(list, context.Units(parseResult)).Write(context.Console);
            return ExitCodes.Success;
        });
        return new Command("stakewise", "StakeWise V3: vaults and osETH") { vaults };
    }

    // ------------------------------------------------------------------ reads

    private static Command Rates(CliContext context)
    {
        var amount = new Option<string>("--amount") { Description = "Amount quoted for fee and limits (ETH, or the LST for EigenLayer)", DefaultValueFactory = _ => "1", HelpName = "AMOUNT" };
        var command = new Command("rates", "All providers side by side: exchange rate, APR, fee and limits") { amount };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var wei = StakingSession.ParseAmount(parseResult.GetValue(amount)!, "--amount");
            using var session = await StakingSession.OpenAsync(context, parseResult, cancellationToken).ConfigureAwait(false);
            var rows = await Task.WhenAll(session.Providers.Select(p => ReadRateAsync(p, wei, cancellationToken))).ConfigureAwait(false);
            if (context.IsJson(parseResult))
            {
                var json = rows.Select(row => new RatesRowJson(row.Provider.Id.Value, row.Provider.DisplayName,
                    row.Rate is { } r ? StakingOutput.Rate(r) : null, row.Apr?.Percent.ToString(CultureInfo.InvariantCulture), row.AprNote,
                    row.Quote is { } q ? StakingOutput.Quote(q) : null, row.Error)).ToArray();
                await StakingOutput.WriteJsonAsync(context, json, CliJsonContext.Default.IReadOnlyListRatesRowJson, cancellationToken).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            var units = context.Units(parseResult);
            var notes = new List<string>();
            foreach (var row in rows)
            {
                if (row.AprNote is not null) notes.Add($"{row.Provider.DisplayName} APR: {row.AprNote}");
                if (row.Error is not null) notes.Add($"{row.Provider.DisplayName}: {row.Error}");
            }
            StakingOutput.RatesTable($"Rates on {session.Network.Name} (fee and limits for {StakingOutput.Ether(wei, units)})",
                rows.Select(r => new StakingOutput.RateLine(r.Provider.DisplayName, r.Rate, r.Apr?.Percent, r.Quote)), units).Write(context.Console);
            foreach (var note in notes) await context.Out.WriteLineAsync(note).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private sealed record RateRow(IStakingProvider Provider, ExchangeRate? Rate, Apr? Apr, string? AprNote, StakeQuote? Quote, string? Error);

    private static async Task<RateRow> ReadRateAsync(IStakingProvider provider, BigInteger amount, CancellationToken cancellationToken)
    {
        ExchangeRate? rate = null;
        Apr? apr = null;
        string? aprNote = null;
        StakeQuote? quote = null;
        string? error = null;
        try
        {
            rate = await provider.GetExchangeRateAsync(cancellationToken).ConfigureAwait(false);
            quote = await provider.QuoteStakeAsync(amount, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is LiquidStakeException or HttpRequestException or NotSupportedException)
        {
            error = CliApp.OneLine(e);
        }
        try
        {
            apr = await provider.GetAprAsync(cancellationToken).ConfigureAwait(false);
            // EigenLayer's on-chain APR is its strategy token's own yield; what AVSs pay is not on chain.
            if (provider.Id == ProtocolId.EigenLayer) aprNote = "the restaked LST's own yield; AVS rewards (paid off chain) not included";
        }
        catch (Exception e) when (e is LiquidStakeException or NotSupportedException or InvalidOperationException)
        {
            // A chain without rate history (or a token whose protocol is not read) has no APR: say why instead of failing.
            aprNote = e is NotSupportedException ? "n/a (off-chain rewards)" : "n/a (" + CliApp.OneLine(e) + ")";
        }
        return new RateRow(provider, rate, apr, aprNote, quote, error);
    }

    private static Command Quote(CliContext context)
    {
        var protocol = new Argument<string>("PROTOCOL") { Description = "lido, rocketpool, etherfi, eigenlayer, or all" };
        var amount = new Argument<string>("AMOUNT") { Description = "Amount to stake, in ETH (for EigenLayer: the LST), e.g. 1.5" };
        var command = new Command("quote", "What staking AMOUNT would give now, with fee and limits") { protocol, amount };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            string name = parseResult.GetValue(protocol)!;
            bool all = string.Equals(name, "all", StringComparison.OrdinalIgnoreCase);
            if (!all) StakingSession.ParseProtocol(name);
            var wei = StakingSession.ParseAmount(parseResult.GetValue(amount)!);
            using var session = await StakingSession.OpenAsync(context, parseResult, cancellationToken).ConfigureAwait(false);
            var providers = all ? session.Providers : [session.Provider(name)];
            var quotes = await Task.WhenAll(providers.Select(p => p.QuoteStakeAsync(wei, cancellationToken))).ConfigureAwait(false);
            if (context.IsJson(parseResult))
            {
                if (all)
                    await StakingOutput.WriteJsonAsync(context, quotes.Select(StakingOutput.Quote).ToArray(), CliJsonContext.Default.IReadOnlyListQuoteJson, cancellationToken).ConfigureAwait(false);
                else
                    await StakingOutput.WriteJsonAsync(context, StakingOutput.Quote(quotes[0]), CliJsonContext.Default.QuoteJson, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                StakingOutput.QuotesTable(quotes, context.Units(parseResult)).Write(context.Console);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command PositionCommand(CliContext context)
    {
        var addresses = new Argument<string[]>("ADDRESS") { Description = "Accounts to read", Arity = ArgumentArity.OneOrMore };
        var protocol = new Option<string?>("--protocol") { Description = "Only this protocol", HelpName = "PROTOCOL" };
        var command = new Command("position", "Holdings of one or more accounts across every protocol") { addresses, protocol };
        command.Aliases.Add("positions");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var accounts = parseResult.GetValue(addresses)!.Select(a => StakingSession.ParseAddress(a)).ToArray();
            var only = parseResult.GetValue(protocol) is { } p ? StakingSession.ParseProtocol(p) : (ProtocolId?)null;
            using var session = await StakingSession.OpenAsync(context, parseResult, cancellationToken).ConfigureAwait(false);
            var providers = session.Providers.Where(x => only is null || x.Id == only).ToArray();
            if (providers.Length == 0) throw new CliUsageException($"{only} is not deployed on {session.Network.Name}.");
            var positions = new List<Position>();
            foreach (var account in accounts)
            {
                var perProvider = await Task.WhenAll(providers.Select(x => x.GetPositionsAsync(account, cancellationToken))).ConfigureAwait(false);
                positions.AddRange(perProvider.SelectMany(x => x));
            }
            if (context.IsJson(parseResult))
            {
                await StakingOutput.WriteJsonAsync(context, positions.Select(StakingOutput.Position).ToArray(), CliJsonContext.Default.IReadOnlyListPositionJson, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                StakingOutput.PositionsTable(positions, showOwner: accounts.Length > 1, unit: context.Units(parseResult)).Write(context.Console);
                var total = positions.Aggregate(BigInteger.Zero, (sum, x) => sum + x.EthValue);
                await context.Out.WriteLineAsync($"total value: {StakingOutput.Ether(total, context.Units(parseResult))}").ConfigureAwait(false);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    // ------------------------------------------------------------------ writes

    /// <summary>Options every write command shares: key sources, <c>--dry-run</c> and <c>--from</c> for keyless dry runs.</summary>
    private sealed class WriteOptions
    {
        public KeySourceOptions Keys { get; } = new();

        public Option<bool> DryRun { get; } = new("--dry-run") { Description = "Print the unsigned plan (to, data, value, description) and its simulation; send nothing" };

        public Option<string?> From { get; } = new("--from") { Description = "Account for --dry-run when no key is given", HelpName = "ADDRESS" };

        public void AddTo(Command command)
        {
            command.Options.Add(DryRun);
            command.Options.Add(From);
            Keys.AddTo(command);
        }
    }

    /// <summary>The account and (unless it is a keyless dry run) its signer.</summary>
    private sealed class Account(Address address, PrivateKeySigner? signer) : IDisposable
    {
        public Address Address { get; } = address;

        public PrivateKeySigner? Signer { get; } = signer;

        public void Dispose() => Signer?.Dispose();
    }

    private static async Task<Account> ResolveAccountAsync(CliContext context, ParseResult parseResult, WriteOptions options, CancellationToken cancellationToken)
    {
        bool dryRun = parseResult.GetValue(options.DryRun);
        string? from = parseResult.GetValue(options.From);
        if (from is not null && !dryRun) throw new CliUsageException("--from is only for --dry-run; sending needs a key (--private-key, --keystore or --mnemonic).");
        if (options.Keys.IsSpecified(parseResult, context.Environment))
        {
            var signer = await options.Keys.ResolveAsync(parseResult, context, null, cancellationToken).ConfigureAwait(false);
            if (from is not null && StakingSession.ParseAddress(from, "--from") != signer.Address)
            {
                signer.Dispose();
                throw new CliUsageException("--from does not match the key's address.");
            }
            return new Account(signer.Address, signer);
        }
        if (dryRun)
        {
            if (from is null) throw new CliUsageException("--dry-run needs --from ADDRESS or a key to know the sender.");
            return new Account(StakingSession.ParseAddress(from, "--from"), null);
        }
        // Throws the usual "a signer is needed" usage error.
        var required = await options.Keys.ResolveAsync(parseResult, context, null, cancellationToken).ConfigureAwait(false);
        return new Account(required.Address, required);
    }

    /// <summary>Builds one or more plans for the account, then dry-runs or sends them.</summary>
    private static void SetWriteAction(Command command, CliContext context, WriteOptions options,
        Action<ParseResult> validate,
        Func<ParseResult, StakingSession, Account, CancellationToken, Task<IReadOnlyList<PreparedTransaction>>> build,
        Func<ParseResult, StakingSession, Account, CancellationToken, Task<int?>>? instead = null)
    {
        options.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            validate(parseResult);
            using var account = await ResolveAccountAsync(context, parseResult, options, cancellationToken).ConfigureAwait(false);
            using var session = await StakingSession.OpenAsync(context, parseResult, cancellationToken).ConfigureAwait(false);
            // A command may handle the whole send itself (claim --ledger goes through the ledger's worker round).
            if (instead is not null && await instead(parseResult, session, account, cancellationToken).ConfigureAwait(false) is { } exitCode) return exitCode;
            var plans = await build(parseResult, session, account, cancellationToken).ConfigureAwait(false);
            return await RunPlansAsync(context, parseResult, session, plans, account, parseResult.GetValue(options.DryRun), cancellationToken).ConfigureAwait(false);
        });
    }

    private static async Task<int> RunPlansAsync(CliContext context, ParseResult parseResult, StakingSession session, IReadOnlyList<PreparedTransaction> plans,
        Account account, bool dryRun, CancellationToken cancellationToken)
    {
        bool json = context.IsJson(parseResult);
        var plansJson = new List<PlanJson>();
        var executionsJson = new List<ExecutionJson>();
        int code = ExitCodes.Success;
        foreach (var plan in plans)
        {
            if (dryRun)
            {
                var simulation = await session.Executor.SimulateAsync(plan, account.Address, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (!simulation.Succeeded) code = ExitCodes.Refused;
                if (json)
                {
                    plansJson.Add(StakingOutput.Plan(plan, account.Address, simulation));
                    continue;
                }
                StakingOutput.PlanTable(plan, simulation, context.Units(parseResult)).Write(context.Console);
                for (int i = 0; i < plan.Steps.Count; i++)
                    await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"step {i + 1} data: {Hex.Encode(plan.Steps[i].Request.Data.Span)}")).ConfigureAwait(false);
                await context.Out.WriteLineAsync(simulation.Succeeded
                    ? "preflight: ok (dry run, nothing sent)"
                    : "preflight: reverts: " + (simulation.FirstRevert is { } r ? CliApp.OneLine(r) : "unknown") + " (dry run, nothing sent)").ConfigureAwait(false);
                continue;
            }

            var signer = account.Signer ?? throw new CliUsageException("Sending needs a key (--private-key, --keystore or --mnemonic).");
            var execution = await context.WaitAsync(parseResult,
                string.Create(CultureInfo.InvariantCulture, $"{plan.Description}: sending {plan.Steps.Count} transaction(s), waiting for receipts"),
                _ => session.Executor.SendAsync(plan, signer, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (json)
            {
                executionsJson.Add(StakingOutput.Execution(execution));
                continue;
            }
            for (int i = 0; i < execution.Receipts.Count; i++)
            {
                var receipt = execution.Receipts[i];
                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{plan.Steps[i].Description}: {receipt.TransactionHash} (block {receipt.BlockNumber}, gas {receipt.GasUsed})")).ConfigureAwait(false);
            }
        }
        // A dry run prints plans; a send prints what was mined.
        if (json && dryRun) await StakingOutput.WriteJsonAsync(context, plansJson, CliJsonContext.Default.IReadOnlyListPlanJson, cancellationToken).ConfigureAwait(false);
        else if (json) await StakingOutput.WriteJsonAsync(context, executionsJson, CliJsonContext.Default.IReadOnlyListExecutionJson, cancellationToken).ConfigureAwait(false);
        return code;
    }

    private static Option<string?> LedgerOption() =>
        new("--ledger") { Description = "A backend's SQLite withdrawal ledger file (AddSqliteWithdrawalLedger): read and written like its worker does", HelpName = "PATH" };

    private static Argument<string> ProtocolArgument(string description) => new("PROTOCOL") { Description = description };

    private static Argument<string> AmountArgument(string description) => new("AMOUNT") { Description = description };

    private static Command Stake(CliContext context)
    {
        var protocol = ProtocolArgument("lido, rocketpool, etherfi (or eigenlayer: deposit stETH)");
        var amount = AmountArgument("ETH to stake, e.g. 1.5");
        var command = new Command("stake", "Stake ETH with a protocol for its liquid staking token") { protocol, amount };
        var options = new WriteOptions();
        SetWriteAction(command, context, options,
            p =>
            {
                StakingSession.ParseProtocol(p.GetValue(protocol)!);
                StakingSession.ParseAmount(p.GetValue(amount)!);
            },
            async (p, session, account, ct) =>
            {
                var provider = session.Provider(p.GetValue(protocol)!);
                var wei = StakingSession.ParseAmount(p.GetValue(amount)!);
                return [await provider.PrepareStakeAsync(account.Address, wei, ct).ConfigureAwait(false)];
            });
        return command;
    }

    private static Command Wrap(CliContext context, bool unwrap)
    {
        var protocol = ProtocolArgument("lido (stETH/wstETH) or etherfi (eETH/weETH)");
        var amount = AmountArgument(unwrap ? "Amount of the wrapped token (wstETH or weETH)" : "Amount of the rebasing token (stETH or eETH)");
        var command = unwrap
            ? new Command("unwrap", "Unwrap wstETH to stETH or weETH to eETH") { protocol, amount }
            : new Command("wrap", "Wrap stETH to wstETH or eETH to weETH (permit when the key can sign it)") { protocol, amount };
        var options = new WriteOptions();
        SetWriteAction(command, context, options,
            p =>
            {
                var id = StakingSession.ParseProtocol(p.GetValue(protocol)!);
                if (id != ProtocolId.Lido && id != ProtocolId.EtherFi) throw new CliUsageException($"{id} has no wrapped token; wrap and unwrap are for lido and etherfi.");
                StakingSession.ParseAmount(p.GetValue(amount)!);
            },
            async (p, session, account, ct) =>
            {
                var id = StakingSession.ParseProtocol(p.GetValue(protocol)!);
                var wei = StakingSession.ParseAmount(p.GetValue(amount)!);
                PreparedTransaction plan;
                if (id == ProtocolId.Lido)
                {
                    var lido = session.Lido ?? throw new CliUsageException($"lido is not deployed on {session.Network.Name}.");
                    plan = unwrap
                        ? await lido.PrepareUnwrapAsync(account.Address, wei, ct).ConfigureAwait(false)
                        : await lido.PrepareWrapAsync(account.Address, wei, account.Signer, cancellationToken: ct).ConfigureAwait(false);
                }
                else
                {
                    var etherFi = session.EtherFi ?? throw new CliUsageException($"etherfi is not deployed on {session.Network.Name}.");
                    plan = unwrap
                        ? await etherFi.PrepareUnwrapAsync(account.Address, wei, ct).ConfigureAwait(false)
                        : await etherFi.PrepareWrapAsync(account.Address, wei, account.Signer, ct).ConfigureAwait(false);
                }
                return [plan];
            });
        return command;
    }

    private static Command Withdraw(CliContext context)
    {
        var command = new Command("withdraw", "Queued withdrawals: request, list, claim");

        var protocol = ProtocolArgument("lido (stETH), etherfi (eETH) or eigenlayer (deposit shares of the stETH strategy)");
        var amount = AmountArgument("Amount of the receipt token to withdraw, e.g. 1.5");
        var request = new Command("request", "Request a withdrawal (an NFT for Lido and ether.fi, a queued withdrawal for EigenLayer)") { protocol, amount };
        var requestOptions = new WriteOptions();
        SetWriteAction(request, context, requestOptions,
            p =>
            {
                var id = StakingSession.ParseProtocol(p.GetValue(protocol)!);
                if (id == ProtocolId.RocketPool) throw new CliUsageException("rocketpool has no withdrawal queue: rETH is burned for ETH at once (limited by the deposit pool's collateral).");
                StakingSession.ParseAmount(p.GetValue(amount)!);
            },
            async (p, session, account, ct) =>
            {
                var provider = session.Provider(p.GetValue(protocol)!);
                var wei = StakingSession.ParseAmount(p.GetValue(amount)!);
                return [await provider.PrepareWithdrawalRequestAsync(account.Address, wei, ct).ConfigureAwait(false)];
            });
        command.Subcommands.Add(request);

        var owner = new Argument<string>("ADDRESS") { Description = "The account whose withdrawals to list" };
        var only = new Option<string?>("--protocol") { Description = "Only this protocol", HelpName = "PROTOCOL" };
        var listLedger = LedgerOption();
        var list = new Command("list", "List an account's withdrawal requests and their status (with --ledger: sync them into a backend's SQLite ledger and show its records)") { owner, only, listLedger };
        list.SetAction(async (parseResult, cancellationToken) =>
        {
            var address = StakingSession.ParseAddress(parseResult.GetValue(owner)!);
            var filter = parseResult.GetValue(only) is { } o ? StakingSession.ParseProtocol(o) : (ProtocolId?)null;
            using var session = await StakingSession.OpenAsync(context, parseResult, cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(listLedger) is { } ledgerPath)
            {
                var entries = await LedgerCommands.SyncAndListAsync(session, ledgerPath, address, filter, cancellationToken).ConfigureAwait(false);
                if (context.IsJson(parseResult))
                    await StakingOutput.WriteJsonAsync(context, entries.Select(LedgerCommands.Entry).ToArray(), CliJsonContext.Default.IReadOnlyListLedgerEntryJson, cancellationToken).ConfigureAwait(false);
                else
                    LedgerCommands.Table(entries).Write(context.Console);
                return ExitCodes.Success;
            }
            var requests = await ListWithdrawalsAsync(session, address, filter, cancellationToken).ConfigureAwait(false);
            if (context.IsJson(parseResult))
                await StakingOutput.WriteJsonAsync(context, requests.Select(StakingOutput.Withdrawal).ToArray(), CliJsonContext.Default.IReadOnlyListWithdrawalJson, cancellationToken).ConfigureAwait(false);
            else
                StakingOutput.WithdrawalsTable(requests, unit: context.Units(parseResult)).Write(context.Console);
            return ExitCodes.Success;
        });
        command.Subcommands.Add(list);

        var ids = new Argument<string[]>("ID") { Description = "Withdrawal ids as listed (lido:12, etherfi:3, eigenlayer:0x…); none claims every claimable one", Arity = ArgumentArity.ZeroOrMore };
        var claimLedger = LedgerOption();
        var wait = new Option<bool>("--wait") { Description = "Wait until the requests are claimable (a spinner on a terminal), then claim them" };
        var timeout = new Option<int>("--timeout") { Description = "With --wait: give up after this many seconds", DefaultValueFactory = _ => 3600, HelpName = "SECONDS" };
        var poll = new Option<int>("--poll") { Description = "With --wait: seconds between status reads", DefaultValueFactory = _ => 12, HelpName = "SECONDS" };
        var claim = new Command("claim", "Claim finalized withdrawals (complete EigenLayer withdrawals after the delay); with --ledger, claim every claimable one through a backend's SQLite ledger (leased, signed claim recorded before it is sent)") { ids, claimLedger, wait, timeout, poll };
        var claimOptions = new WriteOptions();
        SetWriteAction(claim, context, claimOptions,
            p =>
            {
                ParseIds(p.GetValue(ids) ?? []);
                if (p.GetValue(claimLedger) is not null && (p.GetValue(ids) is { Length: > 0 } || p.GetValue(claimOptions.DryRun)))
                    throw new CliUsageException("With --ledger, claim takes no ids and no --dry-run: it claims every claimable request of the account, as the backend's worker does.");
                if (p.GetValue(wait) && (p.GetValue(ids) is not { Length: > 0 } || p.GetValue(claimLedger) is not null))
                    throw new CliUsageException("--wait needs the ids to wait for (and no --ledger).");
                if (p.GetValue(timeout) <= 0) throw new CliUsageException($"--timeout {p.GetValue(timeout)} must be a positive number of seconds.");
                if (p.GetValue(poll) <= 0) throw new CliUsageException($"--poll {p.GetValue(poll)} must be a positive number of seconds.");
            },
            async (p, session, account, ct) =>
            {
                IReadOnlyList<WithdrawalId> parsed = ParseIds(p.GetValue(ids) ?? []);
                if (p.GetValue(wait))
                    await WaitUntilClaimableAsync(context, p, session, account.Address, parsed, TimeSpan.FromSeconds(p.GetValue(timeout)),
                        new WithdrawalWaitOptions { PollInterval = TimeSpan.FromSeconds(p.GetValue(poll)) }, ct).ConfigureAwait(false);
                if (parsed.Count == 0)
                {
                    var all = await ListWithdrawalsAsync(session, account.Address, null, ct).ConfigureAwait(false);
                    parsed = all.Where(w => w.Status == WithdrawalStatus.Claimable).Select(w => w.Id).ToArray();
                    if (parsed.Count == 0) throw new CliRefusedException($"{account.Address} has no claimable withdrawal.");
                }
                var plans = new List<PreparedTransaction>();
                foreach (var group in parsed.GroupBy(w => w.Protocol))
                    plans.Add(await session.Provider(group.Key.Value).PrepareClaimAsync(account.Address, group.ToArray(), ct).ConfigureAwait(false));
                return plans;
            },
            async (p, session, account, ct) =>
            {
                if (p.GetValue(claimLedger) is not { } ledgerPath) return null;
                var signer = account.Signer ?? throw new CliUsageException("Claiming needs a key (--private-key, --keystore or --mnemonic).");
                var (report, entries) = await LedgerCommands.ClaimAsync(session, ledgerPath, signer, ct).ConfigureAwait(false);
                if (context.IsJson(p))
                {
                    await StakingOutput.WriteJsonAsync(context, new LedgerClaimJson(report.Claimed, report.Recovered, report.Failures, entries.Select(LedgerCommands.Entry).ToArray()),
                        CliJsonContext.Default.LedgerClaimJson, ct).ConfigureAwait(false);
                }
                else
                {
                    await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"claimed {report.Claimed} request(s), recovered {report.Recovered} pending claim(s), {report.Failures} failure(s)")).ConfigureAwait(false);
                    LedgerCommands.Table(entries).Write(context.Console);
                }
                if (report.Failures > 0) return ExitCodes.Refused;
                if (report.Claimed == 0 && report.Recovered == 0) throw new CliRefusedException($"{signer.Address} has no claimable withdrawal in the ledger.");
                return ExitCodes.Success;
            });
        command.Subcommands.Add(claim);
        return command;
    }

    /// <summary>Waits for each request in turn (the spinner names the one waited for and its last status).</summary>
    private static async Task WaitUntilClaimableAsync(CliContext context, ParseResult parseResult, StakingSession session, Address owner,
        IReadOnlyList<WithdrawalId> ids, TimeSpan timeout, WithdrawalWaitOptions options, CancellationToken cancellationToken)
    {
        var deadline = session.Context.TimeProvider.GetUtcNow() + timeout;
        foreach (var id in ids)
        {
            var operation = new WithdrawalOperation(session.Provider(id.Protocol.Value), owner, id, session.Context.TimeProvider);
            var left = deadline - session.Context.TimeProvider.GetUtcNow();
            if (left <= TimeSpan.Zero) left = TimeSpan.FromMilliseconds(1);
            await context.WaitAsync(parseResult, $"waiting for {id} to become claimable",
                _ => operation.WaitUntilClaimableAsync(left, options, cancellationToken)).ConfigureAwait(false);
        }
    }

    private static List<WithdrawalId> ParseIds(IEnumerable<string> texts)
    {
        var result = new List<WithdrawalId>();
        foreach (var text in texts)
        {
            WithdrawalId id;
            try
            {
                id = WithdrawalId.Parse(text);
            }
            catch (LiquidStakeArgumentException e)
            {
                throw new CliUsageException($"'{text}' is not a withdrawal id such as lido:12 or eigenlayer:0x<64 hex digits>.", e);
            }
            var protocol = StakingSession.ParseProtocol(id.Protocol.Value);
            if (protocol == ProtocolId.RocketPool) throw new CliUsageException("rocketpool has no withdrawal queue, so there is nothing to claim.");
            result.Add(id with { Protocol = protocol });
        }
        return result;
    }

    internal static async Task<IReadOnlyList<WithdrawalRequest>> ListWithdrawalsAsync(StakingSession session, Address owner, ProtocolId? only, CancellationToken cancellationToken)
    {
        var providers = session.Providers.Where(p => p.Capabilities.HasFlag(StakingCapabilities.QueuedWithdrawal) && (only is null || p.Id == only)).ToArray();
        var lists = await Task.WhenAll(providers.Select(p => p.GetWithdrawalRequestsAsync(owner, cancellationToken))).ConfigureAwait(false);
        return lists.SelectMany(l => l).ToArray();
    }

    private static Command Restake(CliContext context)
    {
        var amount = AmountArgument("Amount of the LST to deposit, e.g. 1.5");
        var token = new Option<string>("--token") { Description = "The LST: stETH, rETH or a token address", DefaultValueFactory = _ => "stETH", HelpName = "TOKEN" };
        var command = new Command("restake", "Deposit an LST into its EigenLayer strategy (approval first when needed)") { amount, token };
        var options = new WriteOptions();
        SetWriteAction(command, context, options,
            p =>
            {
                StakingSession.ParseAmount(p.GetValue(amount)!);
                string t = p.GetValue(token)!;
                if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) StakingSession.ParseAddress(t, "--token");
                else if (!t.Equals("stETH", StringComparison.OrdinalIgnoreCase) && !t.Equals("rETH", StringComparison.OrdinalIgnoreCase))
                    throw new CliUsageException($"Unknown token '{t}': use stETH, rETH or a 0x token address.");
            },
            async (p, session, account, ct) =>
            {
                var eigen = session.EigenLayer ?? throw new CliUsageException($"eigenlayer is not deployed on {session.Network.Name}.");
                var wei = StakingSession.ParseAmount(p.GetValue(amount)!);
                var tokenAddress = ResolveToken(session.Network, p.GetValue(token)!);
                return [await eigen.PrepareDepositAsync(account.Address, tokenAddress, wei, ct).ConfigureAwait(false)];
            });
        return command;
    }

    private static Address ResolveToken(NetworkProfile network, string text)
    {
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) return StakingSession.ParseAddress(text, "--token");
        return text.Trim().ToUpperInvariant() switch
        {
            "STETH" => network.Lido?.StEth ?? throw new CliUsageException($"stETH is not deployed on {network.Name}."),
            "RETH" => network.RocketPool?.REth ?? throw new CliUsageException($"rETH is not deployed on {network.Name}."),
            _ => throw new CliUsageException($"Unknown token '{text}': use stETH, rETH or a 0x token address."),
        };
    }

    private static Command Delegate(CliContext context)
    {
        var operatorArgument = new Argument<string?>("OPERATOR") { Description = "The EigenLayer operator to delegate to; omit to list the operators", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("delegate", "Delegate restaked shares to an EigenLayer operator (or list operators)") { operatorArgument };
        var options = new WriteOptions();
        options.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            string? text = parseResult.GetValue(operatorArgument);
            if (text is null)
            {
                using var readSession = await StakingSession.OpenAsync(context, parseResult, cancellationToken).ConfigureAwait(false);
                var eigenLayer = readSession.EigenLayer ?? throw new CliUsageException($"eigenlayer is not deployed on {readSession.Network.Name}.");
                var operators = await eigenLayer.GetOperatorsAsync(cancellationToken).ConfigureAwait(false);
                if (context.IsJson(parseResult))
                {
                    await StakingOutput.WriteJsonAsync(context,
                        operators.Select(o => new OperatorJson(o.Operator.ToString(), o.DelegationApprover.ToString(), o.RequiresApproval, o.RegisteredSets.Count)).ToArray(),
                        CliJsonContext.Default.IReadOnlyListOperatorJson, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    StakingOutput.OperatorsTable(operators.Select(o => (o.Operator, o.RequiresApproval, o.RegisteredSets.Count))).Write(context.Console);
                }
                return ExitCodes.Success;
            }

            var operatorAddress = StakingSession.ParseAddress(text, "operator");
            using var account = await ResolveAccountAsync(context, parseResult, options, cancellationToken).ConfigureAwait(false);
            using var session = await StakingSession.OpenAsync(context, parseResult, cancellationToken).ConfigureAwait(false);
            var eigen = session.EigenLayer ?? throw new CliUsageException($"eigenlayer is not deployed on {session.Network.Name}.");
            var plan = await eigen.PrepareDelegateAsync(account.Address, operatorAddress, cancellationToken: cancellationToken).ConfigureAwait(false);
            return await RunPlansAsync(context, parseResult, session, [plan], account, parseResult.GetValue(options.DryRun), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    // ------------------------------------------------------------------ planning

    private static Command Allocate(CliContext context)
    {
        var amount = AmountArgument("ETH to split across the staking protocols, e.g. 32");
        var shares = new Option<string[]>("--share")
        {
            Description = "Share of all staked ETH per protocol, PROTOCOL=FRACTION (e.g. lido=0.24); repeat per protocol. Protocols without one are read on chain (their own staked ETH divided by --total-staked).",
            HelpName = "PROTOCOL=FRACTION",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var totalStaked = new Option<string>("--total-staked") { Description = "All ETH staked on the beacon chain, in ETH", Required = true, HelpName = "ETH" };
        var maxShare = new Option<string>("--max-share") { Description = "No protocol may exceed this share after the allocation", DefaultValueFactory = _ => AllocationPlanner.DefaultMaxShare.ToString(CultureInfo.InvariantCulture), HelpName = "FRACTION" };
        var exclude = new Option<string[]>("--exclude") { Description = "Protocols to leave out", HelpName = "PROTOCOL", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("allocate", "Split an amount across protocols without pushing any above the decentralization cap (plan only, nothing is sent)")
        {
            amount, shares, totalStaked, maxShare, exclude,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var wei = StakingSession.ParseAmount(parseResult.GetValue(amount)!);
            var total = StakingSession.ParseAmount(parseResult.GetValue(totalStaked)!, "--total-staked");
            var cap = ParseFraction(parseResult.GetValue(maxShare)!, "--max-share");
            var shareMap = new Dictionary<ProtocolId, decimal>();
            foreach (var text in parseResult.GetValue(shares) ?? [])
            {
                int eq = text.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0) throw new CliUsageException($"--share '{text}' is not PROTOCOL=FRACTION (e.g. lido=0.24).");
                shareMap[StakingSession.ParseProtocol(text[..eq])] = ParseFraction(text[(eq + 1)..], "--share");
            }
            var excluded = (parseResult.GetValue(exclude) ?? []).Select(StakingSession.ParseProtocol).ToArray();

            using var session = await StakingSession.OpenAsync(context, parseResult, cancellationToken).ConfigureAwait(false);
            var planner = new AllocationPlanner(session.Providers);
            // Shares given on the command line win; every other protocol's staked ETH is read from its own contracts.
            var given = StakeDistribution.FromShares(total, shareMap, source: "command line");
            var distribution = await new OnChainStakeShareSource(session.Providers, new OnChainStakeShareSourceOptions { TotalStakedWei = total, Overrides = given.StakedWei })
                .GetDistributionAsync(cancellationToken).ConfigureAwait(false);
            var plan = await planner.PlanAsync(new AllocationRequest
            {
                Amount = wei,
                MaxShare = cap,
                Excluded = excluded,
                Distribution = distribution,
            }, cancellationToken).ConfigureAwait(false);

            if (context.IsJson(parseResult))
            {
                await StakingOutput.WriteJsonAsync(context, new AllocationPlanJson(StakingOutput.Units(plan.Amount), plan.MaxShare.ToString(CultureInfo.InvariantCulture),
                    StakingOutput.Units(plan.Unallocated),
                    plan.Allocations.Select(a => new AllocationJson(a.Protocol.Value, a.Operator?.ToString(), StakingOutput.Units(a.Amount), a.ShareBefore?.ToString(CultureInfo.InvariantCulture),
                        a.ShareAfter?.ToString(CultureInfo.InvariantCulture), a.Reason)).ToArray(),
                    plan.Explanation.ToArray()), CliJsonContext.Default.AllocationPlanJson, cancellationToken).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            StakingOutput.AllocationTable($"Allocation of {StakingOutput.Ether(plan.Amount, context.Units(parseResult))} (cap {plan.MaxShare.ToString(CultureInfo.InvariantCulture)})",
                plan.Allocations.Select(a => (a.Label, a.Amount, a.ShareBefore, a.ShareAfter)), context.Units(parseResult)).Write(context.Console);
            // The planner's reasons are sentences; they read better as lines than squeezed into a column.
            foreach (var a in plan.Allocations) await context.Out.WriteLineAsync($"{a.Label}: {a.Reason}").ConfigureAwait(false);
            await context.Out.WriteLineAsync($"unallocated: {StakingOutput.Ether(plan.Unallocated, context.Units(parseResult))}").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static decimal ParseFraction(string text, string option)
    {
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value < 0m || value > 1m)
            throw new CliUsageException($"{option} '{text}' is not a fraction between 0 and 1 (e.g. 0.33).");
        return value;
    }
}
