using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Withdrawals;
using Microsoft.Extensions.DependencyInjection;

namespace LiquidStake.LedgerTests;

/// <summary>
/// A worker process SIGKILLed after signing a claim, after broadcasting it, and after its receipt but before the
/// ledger stored it; a new process then finishes the job. Two Lido requests claimed in one batch: the chain shows one
/// claim transaction (the one signed before the kill), and the ETH received is the claimable amount to the wei.
/// </summary>
public sealed class CrashRecoveryTests(LedgerDevnetFixture fixture) : LedgerDevnetTest(fixture)
{
    private const int AccountIndex = 7;
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    [Theory]
    [InlineData("signed")]
    [InlineData("broadcast")]
    [InlineData("mined")]
    public async Task A_worker_killed_mid_claim_is_finished_by_the_next_one_with_the_same_transaction(string crashPoint)
    {
        var signer = Node.Accounts[AccountIndex];
        WithdrawalLedgerEntry[] entries;
        BigInteger claimable;
        await using (var services = StartBackend(signer: null))
        {
            var lido = services.GetRequiredKeyedService<IStakingProvider>(ProtocolId.Lido);
            var executor = services.GetRequiredService<PreparedTransactionExecutor>();
            await executor.SendAsync(await lido.PrepareStakeAsync(signer.Address, 3 * Ether), signer);
            await executor.SendAsync(await lido.PrepareWithdrawalRequestAsync(signer.Address, Ether), signer);
            await executor.SendAsync(await lido.PrepareWithdrawalRequestAsync(signer.Address, Ether / 2), signer);
            // The backend records its requests; the worker processes (without a signer here) only follow them.
            entries = (await services.GetRequiredService<IDurableWithdrawalLedger>().SyncAsync(signer.Address)).ToArray();
            Assert.Equal(2, entries.Length);
            await Node.Lido.FinalizeWithdrawalsAsync(entries.Max(e => e.Id.RequestId!.Value));
            var ready = await lido.GetWithdrawalRequestsAsync(signer.Address);
            Assert.All(ready, r => Assert.Equal(WithdrawalStatus.Claimable, r.Status));
            claimable = ready.Aggregate(BigInteger.Zero, (s, r) => s + r.AmountClaimable!.Value);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var ethBefore = await Node.Rpc.GetBalanceAsync(signer.Address);
        var nonceBefore = await Node.Rpc.GetTransactionCountAsync(signer.Address);

        string signedHash;
        await using (var first = WorkerProcess.Start(Node.RpcUrl, LedgerPath, AccountIndex, crashPoint))
        {
            var at = await first.WaitForLineAsync($"AT {crashPoint} ");
            signedHash = at.Split(' ')[2];
            await first.KillAsync();
        }
        var broadcastBeforeKill = crashPoint != "signed";
        Assert.Equal(broadcastBeforeKill ? nonceBefore + 1 : nonceBefore, await Node.Rpc.GetTransactionCountAsync(signer.Address));

        await using (var second = WorkerProcess.Start(Node.RpcUrl, LedgerPath, AccountIndex, "none"))
        {
            Assert.Equal("ROUND claimed=2 recovered=1 failures=0", await second.WaitForLineAsync("ROUND "));
            Assert.Equal(0, await second.WaitForExitAsync());
        }

        // Exactly one transaction from the owner since the kill-free state, the one signed before the kill.
        Assert.Equal(nonceBefore + 1, await Node.Rpc.GetTransactionCountAsync(signer.Address));
        var receipt = (await Node.Rpc.GetTransactionReceiptAsync(Hash32.Parse(signedHash)))!;
        Assert.True(receipt.Succeeded);
        Assert.Equal(ethBefore + claimable - receipt.GasUsed * receipt.EffectiveGasPrice, await Node.Rpc.GetBalanceAsync(signer.Address));

        await using (var services = StartBackend(signer: null))
        {
            var ledger = services.GetRequiredService<IDurableWithdrawalLedger>();
            foreach (var entry in entries)
            {
                var stored = (await ledger.GetAsync(entry.Id))!;
                Assert.Equal(LedgerEntryState.Claimed, stored.State);
                Assert.Equal(receipt.TransactionHash, stored.ClaimTransactionHash);
                Assert.Equal(new BlockRef(receipt.BlockNumber, receipt.BlockHash), stored.ClaimBlock);
            }
            Assert.Equal(claimable, (await ledger.ListAsync(signer.Address)).Aggregate(BigInteger.Zero, (s, e) => s + e.AmountClaimed!.Value));
            Assert.Equal(0, (await ledger.GetStatisticsAsync()).PendingClaims);
        }
    }
}
