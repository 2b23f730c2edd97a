using System.Numerics;
using LiquidStake.IntegrationTests.Support;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Withdrawals;

namespace LiquidStake.IntegrationTests.Lido;

public class LidoWithdrawalListingTests(DevnetFixture fixture) : LidoTestBase(fixture)
{
    // fidelity.md Lido row 1: the real findCheckpointHints reverts for any id after an unfinalized one, so an owner
    // with two pending requests behind a finalized one must still list, with hints only for the finalized id.
    [Fact]
    public async Task Listing_with_several_pending_requests_asks_hints_only_for_finalized_ids()
    {
        var user = User.Address;
        await Client.StakeAsync(User, 10 * Ether);
        var result = Client.DecodeWithdrawalRequests(await Client.Executor.SendAsync(await Client.PrepareWithdrawalRequestAsync(user, Ether), User));
        var first = result.Requests.Single().RequestId;
        await Node.Lido.FinalizeWithdrawalsAsync(first);
        for (int i = 0; i < 2; i++)
            await Client.Executor.SendAsync(await Client.PrepareWithdrawalRequestAsync(user, Ether), User);
        var ids = new[] { first, first + 1, first + 2 };

        // The replica reverts like the real queue when asked for hints across unfinalized ids.
        var last = await Node.Lido.WithdrawalQueue.GetLastCheckpointIndexAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => Node.Lido.WithdrawalQueue.FindCheckpointHintsAsync(ids, BigInteger.One, last));

        var listed = (await Client.GetWithdrawalRequestsAsync(user)).Where(r => ids.Contains(r.Id.RequestId!.Value)).ToArray();
        Assert.Equal([WithdrawalStatus.Claimable, WithdrawalStatus.Pending, WithdrawalStatus.Pending], listed.Select(r => r.Status));
        var hints = await Client.GetCheckpointHintsAsync(ids);
        Assert.Equal((await Node.Lido.WithdrawalQueue.FindCheckpointHintsAsync([first], BigInteger.One, last))[0], hints[0]);
        Assert.True(hints[0] > 0);
        Assert.Equal([BigInteger.Zero, BigInteger.Zero], hints.Skip(1));
        var claimable = (await Node.Lido.WithdrawalQueue.GetClaimableEtherAsync([first], [hints[0]]))[0];
        Assert.Equal(claimable, listed[0].AmountClaimable);
    }

    [Fact]
    public async Task Batch_listing_of_many_owners_equals_each_owners_own_listing()
    {
        var owners = new[] { Node.Accounts[1], Node.Accounts[2], Node.Accounts[3] };
        foreach (var owner in owners.Take(2))
        {
            await Client.StakeAsync(owner, 5 * Ether);
            await Client.Executor.SendAsync(await Client.PrepareWithdrawalRequestAsync(owner.Address, Ether), owner);
            await Client.Executor.SendAsync(await Client.PrepareWithdrawalRequestAsync(owner.Address, 2 * Ether), owner);
        }
        var batch = await ((IWithdrawalBatchLister)Client).GetWithdrawalRequestsAsync(owners.Select(o => o.Address).ToArray());
        Assert.Equal(owners.Length, batch.Count);
        foreach (var owner in owners)
        {
            Assert.Equal(await Client.GetWithdrawalRequestsAsync(owner.Address), batch[owner.Address]);
            Assert.All(batch[owner.Address], r => Assert.Equal(owner.Address, r.Owner));
        }
        Assert.True(batch[owners[0].Address].Count >= 2);
    }
}
