using System.Numerics;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Withdrawals;

namespace LiquidStake.LedgerTests;

/// <summary>
/// A claim whose block leaves the canonical chain (the chain is rolled back to before it and mined past its height)
/// goes back to Claimable with its signed bytes kept; the next round re-broadcasts those same bytes, so the request is
/// claimed once, by the transaction signed the first time.
/// </summary>
public sealed class ClaimReorgTests(LedgerDevnetFixture fixture) : WorkerLifecycleSuite(fixture)
{
    [Fact]
    public async Task A_reorged_claim_is_rebroadcast_with_the_same_signed_bytes()
    {
        var signer = Node.Accounts[8];
        WithdrawalLedgerEntry entry;
        await using (var services = StartBackend(signer))
        {
            await SendAsync(services, await Provider(services, ProtocolId.Lido).PrepareStakeAsync(signer.Address, 2 * Ether), signer);
            await SendAsync(services, await Provider(services, ProtocolId.Lido).PrepareWithdrawalRequestAsync(signer.Address, Ether), signer);
            await RoundAsync(services);
            entry = Assert.Single(await Ledger(services).ListAsync(signer.Address));
        }
        await Node.Lido.FinalizeWithdrawalsAsync(entry.Id.RequestId!.Value);
        var beforeClaim = await Node.SnapshotAsync();
        var ethBefore = await Node.Rpc.GetBalanceAsync(signer.Address);
        var nonceBefore = await Node.Rpc.GetTransactionCountAsync(signer.Address);

        await using var backend = StartBackend(signer);
        Assert.Equal(1, (await RoundAsync(backend)).Claimed);
        var claimed = (await Ledger(backend).GetAsync(entry.Id))!;
        var claimHash = claimed.ClaimTransactionHash!.Value;

        // Reorg: the claim's block is replaced by empty ones at the same height and above.
        await Node.RevertAsync(beforeClaim);
        await Node.MineAsync(3);
        Assert.Null(await Node.Rpc.GetTransactionReceiptAsync(claimHash));
        Assert.Equal(nonceBefore, await Node.Rpc.GetTransactionCountAsync(signer.Address));

        var round = await RoundAsync(backend);
        Assert.Equal(1, round.Reorged);
        Assert.Equal(1, round.Claimed);
        var history = await Ledger(backend).GetHistoryAsync(entry.Id);
        Assert.Contains(history, h => h.State == LedgerEntryState.Claimable && h.Note?.Contains("left the canonical chain", StringComparison.Ordinal) == true);

        var again = (await Ledger(backend).GetAsync(entry.Id))!;
        Assert.Equal(LedgerEntryState.Claimed, again.State);
        Assert.Equal(claimHash, again.ClaimTransactionHash); // the same signed transaction, not a new claim
        var receipt = (await Node.Rpc.GetTransactionReceiptAsync(claimHash))!;
        Assert.Equal(new BlockRef(receipt.BlockNumber, receipt.BlockHash), again.ClaimBlock);
        Assert.NotEqual(claimed.ClaimBlock, again.ClaimBlock);
        Assert.Equal(nonceBefore + 1, await Node.Rpc.GetTransactionCountAsync(signer.Address));
        Assert.Equal(ethBefore + claimed.AmountClaimed!.Value - receipt.GasUsed * receipt.EffectiveGasPrice, await Node.Rpc.GetBalanceAsync(signer.Address));
        Assert.Equal(0, (await RoundAsync(backend)).Claimed);
    }
}
