using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Contracts.Common;
using LiquidStake.Sdk.Hosting;
using LiquidStake.Sdk.Withdrawals;
using Microsoft.Extensions.DependencyInjection;

namespace LiquidStake.LedgerTests;

/// <summary>
/// Each queued protocol's withdrawal through the worker on the SQLite ledger, with the backend restarted (a new
/// container over the same file) between every step: request → sync → finalize (fork kit) → auto-claim → idle round.
/// The chain shows one claim transaction and the ETH received equals the claimable amount to the wei. Run on each store.
/// </summary>
public abstract class WorkerLifecycleSuite(LedgerDevnetFixture fixture) : LedgerDevnetTest(fixture)
{
    protected static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    protected Task LidoLifecycleAsync() =>
        RunLifecycleAsync(ProtocolId.Lido, Node.Accounts[4], async (services, signer) =>
        {
            await SendAsync(services, await Provider(services, ProtocolId.Lido).PrepareStakeAsync(signer.Address, 3 * Ether), signer);
            return await SendAsync(services, await Provider(services, ProtocolId.Lido).PrepareWithdrawalRequestAsync(signer.Address, Ether), signer);
        }, entry => Node.Lido.FinalizeWithdrawalsAsync(entry.Id.RequestId!.Value), paysEth: true);

    protected Task EtherFiLifecycleAsync() =>
        RunLifecycleAsync(ProtocolId.EtherFi, Node.Accounts[5], async (services, signer) =>
        {
            await SendAsync(services, await Provider(services, ProtocolId.EtherFi).PrepareStakeAsync(signer.Address, 3 * Ether), signer);
            return await SendAsync(services, await Provider(services, ProtocolId.EtherFi).PrepareWithdrawalRequestAsync(signer.Address, Ether), signer);
        }, entry => Node.EtherFi.FinalizeRequestsAsync(entry.Id.RequestId!.Value), paysEth: true);

    protected async Task EigenLayerLifecycleAsync()
    {
        await RunLifecycleAsync(ProtocolId.EigenLayer, Node.Accounts[6], async (services, signer) =>
        {
            await SendAsync(services, await Provider(services, ProtocolId.Lido).PrepareStakeAsync(signer.Address, 3 * Ether), signer);
            var eigen = Provider(services, ProtocolId.EigenLayer);
            await SendAsync(services, await eigen.PrepareStakeAsync(signer.Address, 2 * Ether), signer);
            var shares = Assert.Single(await eigen.GetPositionsAsync(signer.Address)).Shares!.Value;
            return await SendAsync(services, await eigen.PrepareWithdrawalRequestAsync(signer.Address, shares), signer);
        }, async _ => await Node.EigenLayer.PassWithdrawalDelayAsync(), paysEth: false);
    }

    private async Task RunLifecycleAsync(
        ProtocolId protocol, PrivateKeySigner signer, Func<ServiceProvider, PrivateKeySigner, Task<TransactionReceipt>> request,
        Func<WithdrawalLedgerEntry, Task> finalize, bool paysEth)
    {
        // 1. The backend requests and the worker records it; the backend notes its own request transaction.
        TransactionReceipt requestReceipt;
        WithdrawalLedgerEntry entry;
        await using (var services = StartBackend(signer))
        {
            requestReceipt = await request(services, signer);
            var round = await RoundAsync(services);
            Assert.Equal(1, round.Added);
            entry = Assert.Single(await Ledger(services).ListAsync(signer.Address, protocol));
            Assert.Equal(LedgerEntryState.Pending, entry.State);
            await Ledger(services).RecordAsync(entry.Id, signer.Address, null, requestReceipt.TransactionHash);
        }

        // 2. Restarted: the request's block is confirmed from its receipt; nothing to claim yet.
        await using (var services = StartBackend(signer))
        {
            var round = await RoundAsync(services);
            Assert.Equal(0, round.Added);
            Assert.Equal(0, round.Claimed);
            entry = (await Ledger(services).GetAsync(entry.Id))!;
            Assert.Equal(LedgerEntryState.Pending, entry.State);
            Assert.Equal(new BlockRef(requestReceipt.BlockNumber, requestReceipt.BlockHash), entry.RequestBlock);
        }

        // 3. The protocol's off-chain actor finalizes (fork kit), then a restarted backend claims.
        await finalize(entry);
        BigInteger claimable;
        TransactionReceipt claimReceipt;
        await using (var services = StartBackend(signer))
        {
            var ready = Assert.Single(await Provider(services, protocol).GetWithdrawalRequestsAsync(signer.Address), r => r.Id == entry.Id);
            Assert.Equal(WithdrawalStatus.Claimable, ready.Status);
            claimable = ready.AmountClaimable ?? ready.AmountRequested;
            var ethBefore = await Node.Rpc.GetBalanceAsync(signer.Address);
            var nonceBefore = await Node.Rpc.GetTransactionCountAsync(signer.Address);

            var round = await RoundAsync(services);
            Assert.Equal(1, round.Claimed);
            entry = (await Ledger(services).GetAsync(entry.Id))!;
            Assert.Equal(LedgerEntryState.Claimed, entry.State);
            Assert.Equal(requestReceipt.TransactionHash, entry.TransactionHash);
            Assert.NotNull(entry.ClaimTransactionHash);
            Assert.Equal(claimable, entry.AmountClaimed);
            claimReceipt = (await Node.Rpc.GetTransactionReceiptAsync(entry.ClaimTransactionHash!.Value))!;
            Assert.True(claimReceipt.Succeeded);
            Assert.Equal(new BlockRef(claimReceipt.BlockNumber, claimReceipt.BlockHash), entry.ClaimBlock);
            Assert.Equal(nonceBefore + 1, await Node.Rpc.GetTransactionCountAsync(signer.Address));
            var gas = claimReceipt.GasUsed * claimReceipt.EffectiveGasPrice;
            Assert.Equal(ethBefore + (paysEth ? claimable : BigInteger.Zero) - gas, await Node.Rpc.GetBalanceAsync(signer.Address));
            Assert.DoesNotContain(await Provider(services, protocol).GetWithdrawalRequestsAsync(signer.Address), r => r.Id == entry.Id && r.Status != WithdrawalStatus.Claimed);
        }

        // 4. Restarted again: nothing lost, nothing claimed twice.
        await using (var services = StartBackend(signer))
        {
            var nonce = await Node.Rpc.GetTransactionCountAsync(signer.Address);
            var round = await RoundAsync(services);
            Assert.Equal(0, round.Claimed);
            Assert.Equal(nonce, await Node.Rpc.GetTransactionCountAsync(signer.Address));
            var kept = (await Ledger(services).GetAsync(entry.Id))!;
            Assert.Equal(entry with { LastCheckedAt = kept.LastCheckedAt }, kept with { LastCheckedAt = kept.LastCheckedAt });
            var history = await Ledger(services).GetHistoryAsync(entry.Id);
            Assert.Equal([LedgerEntryState.Pending, LedgerEntryState.Claimable, LedgerEntryState.Claimed],
                history.Select(h => h.State).Distinct().ToArray());
            Assert.Equal(claimReceipt.BlockNumber, history[^1].BlockNumber);
        }
    }

    protected static IStakingProvider Provider(ServiceProvider services, ProtocolId id) => services.GetRequiredKeyedService<IStakingProvider>(id);

    protected static IDurableWithdrawalLedger Ledger(ServiceProvider services) => services.GetRequiredService<IDurableWithdrawalLedger>();

    protected static Task<WithdrawalRoundReport> RoundAsync(ServiceProvider services) => services.GetRequiredService<WithdrawalClaimProcessor>().RunRoundAsync();

    protected static async Task<TransactionReceipt> SendAsync(ServiceProvider services, PreparedTransaction plan, ISigner signer) =>
        (await services.GetRequiredService<PreparedTransactionExecutor>().SendAsync(plan, signer)).ActionReceipt;
}

/// <summary>The lifecycle on the embedded SQLite ledger.</summary>
public sealed class SqliteWorkerLifecycleTests(LedgerDevnetFixture fixture) : WorkerLifecycleSuite(fixture)
{
    [Fact]
    public Task Lido_request_finalize_autoclaim_across_restarts() => LidoLifecycleAsync();

    [Fact]
    public Task EtherFi_request_finalize_autoclaim_across_restarts() => EtherFiLifecycleAsync();

    [Fact]
    public Task EigenLayer_queue_delay_autocomplete_across_restarts() => EigenLayerLifecycleAsync();
}
