using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Signing;
using LiquidStake.IntegrationTests.Support;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Contracts.Common;
using LiquidStake.Sdk.Protocols.EtherFi;
using LiquidStake.Sdk.Protocols.Lido;
using LiquidStake.Sdk.Protocols.RocketPool;
using LiquidStake.Sdk.Services;
using LiquidStake.Sdk.Withdrawals;
using Microsoft.Extensions.DependencyInjection;

namespace LiquidStake.IntegrationTests.DependencyInjection;

/// <summary>
/// Each protocol's whole lifecycle through what <c>AddLiquidStake().AddAllProviders()</c> registers: the keyed provider,
/// the executor, the staking service, the withdrawal ledger and resumable withdrawal operations. ETH and token balances
/// reconcile to the wei (gas included) with each protocol's documented rounding.
/// </summary>
public sealed class ProviderLifecycleDiTests(DevnetFixture fixture) : DevnetTest(fixture)
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    private ServiceProvider BuildServices() => DevnetServices.Build(Node);

    /// <summary>Tracks an account's ETH through plan executions: every wei is either moved on purpose or paid as gas.</summary>
    private sealed class EthLedger(EthereumRpcClient rpc, Address account)
    {
        public BigInteger Gas { get; private set; }

        public BigInteger Start { get; private set; }

        public async Task StartAsync() => Start = await rpc.GetBalanceAsync(account);

        public PlanExecution Paid(PlanExecution execution)
        {
            foreach (var r in execution.Receipts) Gas += r.GasUsed * r.EffectiveGasPrice;
            return execution;
        }

        public async Task AssertMovedAsync(BigInteger expectedDelta) =>
            Assert.Equal(Start + expectedDelta - Gas, await rpc.GetBalanceAsync(account));
    }

    private static async Task<(PlanExecution Execution, WithdrawalLedgerEntry Entry)> RequestAndRecordAsync(
        ServiceProvider services, IStakingProvider provider, PrivateKeySigner signer, BigInteger amount, EthLedger eth)
    {
        var executor = services.GetRequiredService<PreparedTransactionExecutor>();
        var ledger = services.GetRequiredService<IWithdrawalLedger>();
        var execution = eth.Paid(await executor.SendAsync(await provider.PrepareWithdrawalRequestAsync(signer.Address, amount), signer));
        var added = await ledger.SyncAsync(signer.Address);
        var entry = Assert.Single(added);
        Assert.Equal(provider.Id, entry.Protocol);
        Assert.Equal(WithdrawalStatus.Pending, entry.LastKnown!.Status);
        Assert.Single(await ledger.ListPendingAsync(signer.Address));
        Assert.Empty(await ledger.ListClaimableAsync(signer.Address));
        return (execution, entry);
    }

    /// <summary>Rebuilds the operation from the stored id (as a restarted app would), waits until claimable, claims.</summary>
    private static async Task<(WithdrawalRequest Before, PlanExecution Claim)> ResumeAndClaimAsync(ServiceProvider services, WithdrawalLedgerEntry entry, PrivateKeySigner signer, EthLedger eth)
    {
        var service = services.GetRequiredService<IStakingService>();
        var ledger = services.GetRequiredService<IWithdrawalLedger>();
        var operation = service.ResumeWithdrawal(entry.Id.ToString(), signer.Address);
        var ready = await operation.WaitUntilClaimableAsync(TimeSpan.FromMinutes(2), new WithdrawalWaitOptions { PollInterval = TimeSpan.FromMilliseconds(50) });
        Assert.Equal(WithdrawalStatus.Claimable, ready.Status);
        await ledger.RecheckAsync();
        Assert.Single(await ledger.ListClaimableAsync(signer.Address));

        var executor = services.GetRequiredService<PreparedTransactionExecutor>();
        var claim = eth.Paid(await executor.SendAsync(await operation.PrepareClaimAsync(), signer));
        var after = await operation.UpdateStatusAsync();
        Assert.Equal(WithdrawalStatus.Claimed, after.Status);
        return (ready, claim);
    }

    [DevnetFact]
    public async Task Lido_quote_stake_wrap_unwrap_request_finalize_claim_through_di()
    {
        await using var services = BuildServices();
        var provider = services.GetRequiredKeyedService<IStakingProvider>(ProtocolId.Lido);
        var lido = services.GetRequiredService<LidoClient>();
        var executor = services.GetRequiredService<PreparedTransactionExecutor>();
        var signer = Node.Accounts[5];
        var eth = new EthLedger(Node.Rpc, signer.Address);
        await eth.StartAsync();

        var quote = await provider.QuoteStakeAsync(4 * Ether);
        Assert.True(quote.IsAllowed);
        eth.Paid(await executor.SendAsync(await provider.PrepareStakeAsync(signer.Address, 4 * Ether), signer));
        var stEth = (await provider.GetPositionsAsync(signer.Address)).Single(p => p.Token.Symbol == "stETH");
        Assert.Equal(quote.ExpectedOut, stEth.Balance);

        // Wrap by shares: every share moves (no stETH dust) and wstETH mints one per share.
        var shares = stEth.Shares!.Value;
        var wrapped = eth.Paid(await executor.SendAsync(await lido.PrepareWrapSharesAsync(signer.Address, shares), signer));
        Assert.Equal(2, wrapped.Receipts.Count); // exact approval, then the wrap
        var afterWrap = await provider.GetPositionsAsync(signer.Address);
        Assert.Equal(BigInteger.Zero, afterWrap.Single(p => p.Token.Symbol == "stETH").Shares);
        var wst = afterWrap.Single(p => p.Token.Symbol == "wstETH");
        Assert.Equal(shares, wst.Balance);
        // Unwrap pays getPooledEthByShares(wst) stETH, which stETH's transfer turns back into shares rounding down: at most one share is lost.
        eth.Paid(await executor.SendAsync(await lido.PrepareUnwrapAsync(signer.Address, wst.Balance), signer));
        Assert.InRange((await provider.GetPositionsAsync(signer.Address)).Single(p => p.Token.Symbol == "stETH").Shares!.Value, shares - 1, shares);

        var balance = (await provider.GetPositionsAsync(signer.Address)).Single(p => p.Token.Symbol == "stETH").Balance;
        var (_, entry) = await RequestAndRecordAsync(services, provider, signer, balance, eth);
        await Node.Lido.FinalizeWithdrawalsAsync(entry.Id.RequestId!.Value);
        var (ready, _) = await ResumeAndClaimAsync(services, entry, signer, eth);

        // stETH is share-based: the request locks the shares' stETH value and the claim pays it (rounded down).
        Assert.InRange(ready.AmountClaimable!.Value, balance - 2, balance);
        await eth.AssertMovedAsync(-4 * Ether + ready.AmountClaimable.Value);
    }

    [DevnetFact]
    public async Task EtherFi_quote_stake_wrap_unwrap_request_finalize_claim_through_di()
    {
        await using var services = BuildServices();
        var provider = services.GetRequiredKeyedService<IStakingProvider>(ProtocolId.EtherFi);
        var etherFi = services.GetRequiredService<EtherFiClient>();
        var executor = services.GetRequiredService<PreparedTransactionExecutor>();
        var signer = Node.Accounts[5];
        var eth = new EthLedger(Node.Rpc, signer.Address);
        await eth.StartAsync();

        var quote = await provider.QuoteStakeAsync(3 * Ether);
        eth.Paid(await executor.SendAsync(await provider.PrepareStakeAsync(signer.Address, 3 * Ether), signer));
        var eEth = (await provider.GetPositionsAsync(signer.Address)).Single(p => p.Token.Symbol == "eETH");
        Assert.Equal(quote.ExpectedOut, eEth.Balance);

        eth.Paid(await executor.SendAsync(await etherFi.PrepareWrapAsync(signer.Address, Ether), signer));
        var weEth = (await provider.GetPositionsAsync(signer.Address)).Single(p => p.Token.Symbol == "weETH");
        Assert.True(weEth.Balance > 0);
        eth.Paid(await executor.SendAsync(await etherFi.PrepareUnwrapAsync(signer.Address, weEth.Balance), signer));
        Assert.Equal(BigInteger.Zero, (await provider.GetPositionsAsync(signer.Address)).Single(p => p.Token.Symbol == "weETH").Balance);

        var balance = (await provider.GetPositionsAsync(signer.Address)).Single(p => p.Token.Symbol == "eETH").Balance;
        Assert.InRange(balance, 3 * Ether - 2, 3 * Ether); // share rounding of the wrap round trip
        var (_, entry) = await RequestAndRecordAsync(services, provider, signer, balance, eth);
        await Node.EtherFi.FinalizeRequestsAsync(entry.Id.RequestId!.Value);
        var (ready, _) = await ResumeAndClaimAsync(services, entry, signer, eth);

        Assert.Equal(balance, entry.LastKnown!.AmountRequested);
        Assert.InRange(ready.AmountClaimable!.Value, balance - 2, balance);
        await eth.AssertMovedAsync(-3 * Ether + ready.AmountClaimable.Value);
    }

    [DevnetFact]
    public async Task RocketPool_quote_stake_position_burn_through_di()
    {
        await using var services = BuildServices();
        var provider = services.GetRequiredKeyedService<IStakingProvider>(ProtocolId.RocketPool);
        var rocketPool = services.GetRequiredService<RocketPoolClient>();
        var executor = services.GetRequiredService<PreparedTransactionExecutor>();
        var signer = Node.Accounts[5];
        var eth = new EthLedger(Node.Rpc, signer.Address);
        await eth.StartAsync();

        var quote = await provider.QuoteStakeAsync(2 * Ether);
        eth.Paid(await executor.SendAsync(await provider.PrepareStakeAsync(signer.Address, 2 * Ether), signer));
        var rEth = (await provider.GetPositionsAsync(signer.Address)).Single();
        Assert.Equal(quote.ExpectedOut, rEth.Balance);

        // rETH has no queue: the exit is a burn against the protocol's collateral, paying getEthValue exactly.
        var burnQuote = await rocketPool.QuoteBurnAsync(rEth.Balance, signer.Address);
        Assert.Equal(rEth.EthValue, burnQuote.ExpectedEth);
        eth.Paid(await executor.SendAsync(await rocketPool.PrepareBurnAsync(signer.Address, rEth.Balance), signer));
        Assert.Equal(BigInteger.Zero, (await provider.GetPositionsAsync(signer.Address)).Single().Balance);
        await eth.AssertMovedAsync(-2 * Ether + burnQuote.ExpectedEth);
    }

    [DevnetFact]
    public async Task EigenLayer_restake_queue_complete_through_di()
    {
        await using var services = BuildServices();
        var lido = services.GetRequiredKeyedService<IStakingProvider>(ProtocolId.Lido);
        var provider = services.GetRequiredKeyedService<IStakingProvider>(ProtocolId.EigenLayer);
        var executor = services.GetRequiredService<PreparedTransactionExecutor>();
        var signer = Node.Accounts[5];
        var stEth = new Erc20(NetworkProfile.Devnet.Lido!.StEth, Node.Rpc);

        await executor.SendAsync(await lido.PrepareStakeAsync(signer.Address, 3 * Ether), signer);
        var held = await stEth.BalanceOfAsync(signer.Address);
        var amount = 2 * Ether;
        var quote = await provider.QuoteStakeAsync(amount);
        Assert.Equal(provider.StakeToken.Address, NetworkProfile.Devnet.Lido.StEth);
        var deposit = await executor.SendAsync(await provider.PrepareStakeAsync(signer.Address, amount), signer);
        Assert.Equal(2, deposit.Receipts.Count); // exact approval to the StrategyManager, then depositIntoStrategy
        var position = Assert.Single(await provider.GetPositionsAsync(signer.Address));
        Assert.Equal(quote.ExpectedOut, position.Shares);
        Assert.InRange(position.Balance, amount - 2, amount); // stETH moves by shares and the strategy rounds down
        Assert.InRange(await stEth.BalanceOfAsync(signer.Address), held - amount, held - amount + 2);

        var ledgerEth = new EthLedger(Node.Rpc, signer.Address);
        await ledgerEth.StartAsync();
        var (_, entry) = await RequestAndRecordAsync(services, provider, signer, position.Shares!.Value, ledgerEth);
        Assert.NotNull(entry.Id.WithdrawalRoot);
        await Node.EigenLayer.PassWithdrawalDelayAsync();
        var before = await stEth.BalanceOfAsync(signer.Address);
        await ResumeAndClaimAsync(services, entry, signer, ledgerEth);

        // Completed as tokens: the stETH comes back (less stETH's own 1-2 wei share rounding); only gas was paid in ETH.
        Assert.InRange(await stEth.BalanceOfAsync(signer.Address), before + position.Balance - 2, before + position.Balance);
        Assert.Empty(await provider.GetPositionsAsync(signer.Address));
        await ledgerEth.AssertMovedAsync(BigInteger.Zero);
    }
}
