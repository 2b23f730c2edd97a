using System.CommandLine;
using System.Globalization;
using System.Numerics;
using LiquidStake.Cli.Output;
using LiquidStake.Cli.Infrastructure;
using LiquidStake.Testing;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Sdk;
using Spectre.Console;

namespace LiquidStake.Cli.Commands;

/// <summary>
/// <c>demo</c>: starts the embedded devnet, creates a fresh funded wallet and walks through all five protocols with the
/// SDK's public API — quotes, stake, wrap, restake and delegate, withdrawals finalized with the devnet helpers and claimed,
/// an EigenLayer withdrawal queued and completed, a StakeWise vault stake with osETH minted and burned and an exit claimed. Non-interactive; <c>--json</c> prints a summary instead of tables.
/// </summary>
internal sealed class DemoCommand : ICommandGroup
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    public IEnumerable<Command> CreateCommands(CliContext context)
    {
        var command = new Command("demo", "Walk through Lido, Rocket Pool, ether.fi, EigenLayer and StakeWise on a throwaway local devnet");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var run = new DemoRun(context, context.IsJson(parseResult));
            return await run.ExecuteAsync(cancellationToken).ConfigureAwait(false);
        });
        yield return command;
    }

    private sealed class DemoRun(CliContext context, bool json)
    {
        private readonly List<DemoStepJson> _steps = [];
        private int _stepNumber;

        public async Task<int> ExecuteAsync(CancellationToken cancellationToken)
        {
            await using var node = await ProgressAsync("Starting the devnet (Anvil with the protocol replicas)",
                () => DevnetNode.StartAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
            using var wallet = PrivateKeySigner.CreateRandom();
            var me = wallet.Address;
            await node.SetBalanceAsync(me, 100 * Ether, cancellationToken).ConfigureAwait(false);
            await TextAsync($"devnet: {node.RpcUrl} (chain id {node.ChainId.ToString(CultureInfo.InvariantCulture)})").ConfigureAwait(false);
            await TextAsync($"wallet: {me} (fresh random key, funded with 100 ETH by the devnet)").ConfigureAwait(false);

            using var session = new StakingSession(node.Rpc, NetworkProfile.Devnet, node.Sender, context.Environment.TimeProvider);
            var lido = session.Lido;
            var rocketPool = session.RocketPool;
            var etherFi = session.EtherFi;
            var eigenLayer = session.EigenLayer;
            var stakeWise = session.StakeWise;

            // 1. Quotes side by side.
            var quotes = await ProgressAsync("Quoting 1 ETH with every provider",
                () => Task.WhenAll(DemoProviders(session).Select(p => p.QuoteStakeAsync(Ether, cancellationToken)))).ConfigureAwait(false);
            Show(StakingOutput.QuotesTable(quotes));

            // 2. Stake with each LST protocol, wrap where there is a wrapped token.
            if (lido is not null)
            {
                var staked = await ProgressAsync("Lido: stake 3 ETH for stETH", () => lido.StakeAsync(wallet, 3 * Ether, cancellationToken: cancellationToken)).ConfigureAwait(false);
                Record("lido", "stake", staked.Execution, $"{Fmt(staked.StEthMinted)} stETH minted ({Fmt(staked.SharesMinted)} shares)");
                var wrapped = await ProgressAsync("Lido: wrap 1 stETH to wstETH", () => lido.WrapAsync(wallet, Ether, cancellationToken: cancellationToken)).ConfigureAwait(false);
                Record("lido", "wrap", wrapped.Execution, $"{Fmt(wrapped.WstEthMinted)} wstETH");
            }
            if (rocketPool is not null)
            {
                var deposit = await ProgressAsync("Rocket Pool: deposit 1 ETH for rETH", () => rocketPool.DepositAsync(wallet, Ether, cancellationToken)).ConfigureAwait(false);
                Record("rocketpool", "deposit", deposit.Receipt, $"{Fmt(deposit.RethMinted)} rETH minted (fee {Fmt(deposit.Fee)} ETH)");
            }
            if (etherFi is not null)
            {
                var deposit = await ProgressAsync("ether.fi: deposit 2 ETH for eETH", () => etherFi.DepositAsync(wallet, 2 * Ether, cancellationToken)).ConfigureAwait(false);
                Record("etherfi", "deposit", deposit.Execution, $"{Fmt(deposit.EEthMinted)} eETH");
                var wrapped = await ProgressAsync("ether.fi: wrap 0.5 eETH to weETH", () => etherFi.WrapAsync(wallet, Ether / 2, cancellationToken: cancellationToken)).ConfigureAwait(false);
                Record("etherfi", "wrap", wrapped.Execution, $"{Fmt(wrapped.WeEthAmount)} weETH");
            }

            // 3. Restake stETH into EigenLayer and delegate to an operator that needs no approval.
            Address? strategy = null;
            if (eigenLayer is not null && lido is not null)
            {
                var stEth = session.Network.Lido!.StEth;
                var deposit = await ProgressAsync("EigenLayer: restake 1 stETH", () => eigenLayer.DepositAsync(wallet, stEth, Ether, cancellationToken)).ConfigureAwait(false);
                strategy = deposit.Strategy;
                Record("eigenlayer", "restake", deposit.Execution, $"{Fmt(deposit.Shares)} strategy shares in {deposit.Strategy}");
                var operators = await ProgressAsync("EigenLayer: reading the operator directory", () => eigenLayer.GetOperatorsAsync(cancellationToken)).ConfigureAwait(false);
                var open = operators.FirstOrDefault(o => !o.RequiresApproval)
                    ?? throw new CliRefusedException("The devnet has no EigenLayer operator open to delegation.");
                var delegation = await ProgressAsync($"EigenLayer: delegate to operator {open.Operator}", () => eigenLayer.DelegateAsync(wallet, open.Operator, cancellationToken: cancellationToken)).ConfigureAwait(false);
                Record("eigenlayer", "delegate", delegation.Execution, $"delegated to {delegation.Operator}");
            }

            // 3b. StakeWise: stake in the Genesis vault, mint osETH and burn it, exit through the vault's queue
            // (validators exit and the claim delay passes on the devnet), claim. It runs before the EigenLayer delay is
            // mined: a Keeper reward update right after that long anvil_mine reverted, which is not explained yet.
            if (stakeWise is not null)
            {
                var vault = stakeWise.DefaultVault;
                var staked = await ProgressAsync("StakeWise: stake 2 ETH in the Genesis vault", () => stakeWise.StakeAsync(wallet, vault, 2 * Ether, cancellationToken)).ConfigureAwait(false);
                Record("stakewise", "stake", staked.Receipt, $"{Fmt(staked.Shares)} vault shares");
                var mint = await ProgressAsync("StakeWise: mint 0.5 osETH against the stake",
                    async () => await stakeWise.Executor.SendAsync(await stakeWise.PrepareMintOsTokenAsync(me, Ether / 2, vault, cancellationToken: cancellationToken).ConfigureAwait(false), wallet, cancellationToken: cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
                Record("stakewise", "mint osETH", mint, "0.5 osETH minted");
                var burn = await ProgressAsync("StakeWise: burn the 0.5 osETH",
                    async () => await stakeWise.Executor.SendAsync(await stakeWise.PrepareBurnOsTokenAsync(me, Ether / 2, vault, cancellationToken: cancellationToken).ConfigureAwait(false), wallet, cancellationToken: cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
                Record("stakewise", "burn osETH", burn, "0.5 osETH burned");
                // Half the shares exit: the other half backs the treasury fee the position accrued between mint and burn.
                var exitShares = staked.Shares / 2;
                var exit = await ProgressAsync("StakeWise: enter the exit queue with half the vault shares",
                    async () => await stakeWise.Executor.SendAsync(await stakeWise.PrepareEnterExitQueueAsync(me, exitShares, vault, cancellationToken: cancellationToken).ConfigureAwait(false), wallet, cancellationToken: cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
                Record("stakewise", "enter exit queue", exit, $"{Fmt(exitShares)} vault shares queued");
                var request = (await stakeWise.GetExitRequestsAsync(me, vault, cancellationToken).ConfigureAwait(false)).Single();
                await ProgressAsync("StakeWise: validators exit and the vault's claim delay passes (devnet)", async () =>
                {
                    await node.StakeWise.ExitValidatorsAsync(vault, 2 * Ether, cancellationToken).ConfigureAwait(false);
                    return await node.StakeWise.PassExitClaimDelayAsync(request.Ticket.Timestamp, stakeWise.Options.ExitedAssetsClaimDelay, cancellationToken).ConfigureAwait(false);
                }).ConfigureAwait(false);
                var claimable = (await stakeWise.GetExitRequestsAsync(me, vault, cancellationToken).ConfigureAwait(false)).Single();
                var claim = await ProgressAsync("StakeWise: claim the exited ETH",
                    async () => await stakeWise.Executor.SendAsync(await stakeWise.PrepareClaimAsync(me, [claimable.Id], cancellationToken).ConfigureAwait(false), wallet, cancellationToken: cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
                Record("stakewise", "claim", claim, $"{Fmt(claimable.AmountClaimable ?? BigInteger.Zero)} ETH received");
            }

            var positions = await ReadPositionsAsync(session, me, cancellationToken).ConfigureAwait(false);
            Show(StakingOutput.PositionsTable(positions, "Positions after staking"));

            // 4. Withdrawals through the queues: request, finalize on the devnet, claim.
            var withdrawals = new List<WithdrawalId>();
            if (lido is not null)
            {
                var request = await ProgressAsync("Lido: request a withdrawal of 0.5 stETH", () => lido.RequestWithdrawalAsync(wallet, Ether / 2, cancellationToken: cancellationToken)).ConfigureAwait(false);
                var id = request.Requests[0].RequestId;
                withdrawals.Add(WithdrawalId.ForRequest(ProtocolId.Lido, id));
                Record("lido", "request withdrawal", request.Execution, $"request #{id.ToString(CultureInfo.InvariantCulture)}");
            }
            if (etherFi is not null)
            {
                var request = await ProgressAsync("ether.fi: request a withdrawal of 0.5 eETH", () => etherFi.RequestWithdrawalAsync(wallet, Ether / 2, cancellationToken: cancellationToken)).ConfigureAwait(false);
                withdrawals.Add(request.Id);
                Record("etherfi", "request withdrawal", request.Execution, $"request #{request.RequestId.ToString(CultureInfo.InvariantCulture)}");
            }
            Show(StakingOutput.WithdrawalsTable(await ProtocolCommands.ListWithdrawalsAsync(session, me, null, cancellationToken).ConfigureAwait(false), "Withdrawals requested"));

            await ProgressAsync("Finalizing the requests on the devnet (Lido oracle report, ether.fi finalizeRequests)", async () =>
            {
                foreach (var id in withdrawals)
                {
                    if (id.Protocol == ProtocolId.Lido) await node.Lido.FinalizeWithdrawalsAsync(id.RequestId!.Value, cancellationToken).ConfigureAwait(false);
                    else if (id.Protocol == ProtocolId.EtherFi) await node.EtherFi.FinalizeRequestsAsync(id.RequestId!.Value, cancellationToken).ConfigureAwait(false);
                }
                return true;
            }).ConfigureAwait(false);
            Show(StakingOutput.WithdrawalsTable(await ProtocolCommands.ListWithdrawalsAsync(session, me, null, cancellationToken).ConfigureAwait(false), "Withdrawals finalized"));

            foreach (var id in withdrawals)
            {
                if (id.Protocol == ProtocolId.Lido && lido is not null)
                {
                    var claim = await ProgressAsync($"Lido: claim {id}", () => lido.ClaimAsync(wallet, [id], cancellationToken)).ConfigureAwait(false);
                    Record("lido", "claim", claim.Execution, $"{Fmt(claim.Claims.Aggregate(BigInteger.Zero, (s, c) => s + c.AmountOfEth))} ETH received");
                }
                else if (id.Protocol == ProtocolId.EtherFi && etherFi is not null)
                {
                    var claim = await ProgressAsync($"ether.fi: claim {id}", () => etherFi.ClaimAsync(wallet, [id], cancellationToken)).ConfigureAwait(false);
                    Record("etherfi", "claim", claim.Execution, $"{Fmt(claim.Claims.Aggregate(BigInteger.Zero, (s, c) => s + c.EthPaid))} ETH received");
                }
            }

            // 5. EigenLayer: queue the restaked shares, pass the delay by mining, complete.
            if (eigenLayer is not null && strategy is { } strategyAddress)
            {
                var held = (await eigenLayer.GetStrategyPositionsAsync(me, cancellationToken).ConfigureAwait(false)).First(p => p.Strategy == strategyAddress);
                var queued = await ProgressAsync("EigenLayer: queue a withdrawal of all restaked shares",
                    () => eigenLayer.QueueWithdrawalAsync(wallet, strategyAddress, held.DepositShares, cancellationToken)).ConfigureAwait(false);
                var root = queued.Withdrawals[0].Root;
                Record("eigenlayer", "queue withdrawal", queued.Execution, $"root {root}");
                Show(StakingOutput.WithdrawalsTable(await eigenLayer.GetWithdrawalRequestsAsync(me, cancellationToken).ConfigureAwait(false), "EigenLayer withdrawal queued"));
                var mined = await ProgressAsync("EigenLayer: passing the withdrawal delay (mining blocks)", () => node.EigenLayer.PassWithdrawalDelayAsync(cancellationToken)).ConfigureAwait(false);
                await TextAsync($"mined {mined.ToString(CultureInfo.InvariantCulture)} blocks").ConfigureAwait(false);
                var completed = await ProgressAsync("EigenLayer: complete the withdrawal", () => eigenLayer.CompleteAsync(wallet, [root], cancellationToken)).ConfigureAwait(false);
                Record("eigenlayer", "complete withdrawal", completed.Execution,
                    string.Join(", ", completed.TokensReceived.Select(t => $"{Fmt(t.Amount)} of {t.Token}")) + " received");
            }

            var finalPositions = await ReadPositionsAsync(session, me, cancellationToken).ConfigureAwait(false);
            var finalWithdrawals = await ProtocolCommands.ListWithdrawalsAsync(session, me, null, cancellationToken).ConfigureAwait(false);
            Show(StakingOutput.PositionsTable(finalPositions, "Final positions"));
            Show(StakingOutput.WithdrawalsTable(finalWithdrawals, "Final withdrawal states"));

            var protocols = DemoProviders(session).Select(p => p.Id.Value).ToArray();
            if (json)
            {
                await StakingOutput.WriteJsonAsync(context, new DemoJson(node.RpcUrl.ToString(), me.ToString(), protocols, quotes.Select(StakingOutput.Quote).ToArray(),
                    _steps, finalPositions.Select(StakingOutput.Position).ToArray(), finalWithdrawals.Select(StakingOutput.Withdrawal).ToArray(), Finished: true),
                    CliJsonContext.Default.DemoJson, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"demo finished: {protocols.Length} protocols ({string.Join(", ", protocols)})")).ConfigureAwait(false);
            }
            return ExitCodes.Success;
        }

        private static async Task<IReadOnlyList<Position>> ReadPositionsAsync(StakingSession session, Address account, CancellationToken cancellationToken)
        {
            var lists = await Task.WhenAll(DemoProviders(session).Select(p => p.GetPositionsAsync(account, cancellationToken))).ConfigureAwait(false);
            return lists.SelectMany(l => l).ToArray();
        }

        private static IStakingProvider[] DemoProviders(StakingSession session) => session.Providers.ToArray();

        private static string Fmt(BigInteger value) => EthUnits.FormatEther(value);

        /// <summary>Runs one step, numbered, with a status spinner on interactive terminals and a line per step otherwise.</summary>
        private async Task<T> ProgressAsync<T>(string title, Func<Task<T>> action)
        {
            _stepNumber++;
            string line = string.Create(CultureInfo.InvariantCulture, $"[{_stepNumber}] {title}");
            if (json) return await action().ConfigureAwait(false);
            // The numbered line stays in the output; on a terminal a spinner shows while the step runs.
            await context.Out.WriteLineAsync(line).ConfigureAwait(false);
            return await context.WaitAsync(json, title, _ => action()).ConfigureAwait(false);
        }

        private void Record(string protocol, string action, PlanExecution execution, string detail) =>
            Record(protocol, action, execution.ActionReceipt, detail);

        private void Record(string protocol, string action, LiquidStake.Ethereum.Rpc.TransactionReceipt receipt, string detail)
        {
            _steps.Add(new DemoStepJson(protocol, action, receipt.TransactionHash.ToString(), receipt.BlockNumber, detail));
            if (!json) context.Out.WriteLine($"    {protocol} {action}: {detail} (tx {receipt.TransactionHash})");
        }

        private void Show(FittedTable table)
        {
            if (!json) table.Write(context.Console);
        }

        private async Task TextAsync(string line)
        {
            if (!json) await context.Out.WriteLineAsync(line).ConfigureAwait(false);
        }
    }
}
