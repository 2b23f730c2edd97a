using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Abi;
using LiquidStake.Ethereum.Contracts;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Transactions;
using LiquidStake.IntegrationTests.Support;
using LiquidStake.Sdk.Contracts.StakeWise;
using LiquidStake.Testing;

namespace LiquidStake.IntegrationTests.Kit;

/// <summary>
/// The kit's StakeWise driver: reward updates signed by Keeper oracles over the real tree and harvested with
/// <c>updateState</c>, validator exits that move the exit queue, and the role holders read from the contracts.
/// Effects are checked with raw <c>eth_call</c> reads and plain arithmetic.
/// </summary>
public sealed class StakeWiseDriverTests(DevnetFixture fixture) : DevnetTest(fixture)
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);
    private static readonly Address Genesis = DevnetAddresses.StakeWise.GenesisVault;
    private static readonly Address OperatorA = DevnetAddresses.StakeWise.OperatorAVault;
    private static readonly Address OperatorB = DevnetAddresses.StakeWise.OperatorBVault;

    private StakeWiseDevnet Driver => Node.StakeWise;

    private async Task<BigInteger> CallUintAsync(Address contract, string signature, params object?[] arguments)
    {
        var data = await Node.Rpc.CallAsync(new TransactionRequest { To = contract, Data = DevnetNode.EncodeCall(signature, arguments) }, BlockParameter.Latest);
        return (BigInteger)AbiCodec.Decode([AbiType.Parse("uint256")], data)[0]!;
    }

    [Fact]
    public async Task A_non_owner_adding_an_oracle_gets_the_real_ownable_error()
    {
        var user = Node.Accounts[3];
        var ex = await Assert.ThrowsAnyAsync<ContractRevertException>(() =>
            Node.SendAsync(Driver.Keeper.PrepareAddOracle(user.Address) with { From = user.Address }, user));
        Assert.Equal(AbiCodec.EncodeCall(AbiSignature.Selector("OwnableUnauthorizedAccount(address)"), [AbiType.Parse("address")], [user.Address]), ex.RevertData);
        Assert.False(await Driver.Keeper.IsOracleAsync(user.Address));
    }

    [DevnetFact]
    public async Task Rewards_move_the_vaults_total_assets_by_exactly_the_reward_and_mint_the_fee_shares()
    {
        var reward = 7 * Ether + 12_345;
        var assetsBefore = await CallUintAsync(OperatorA, "totalAssets()");
        var sharesBefore = await CallUintAsync(OperatorA, "totalShares()");
        var feeRecipient = await Driver.Vault(OperatorA).FeeRecipientAsync();
        var feeSharesBefore = await CallUintAsync(OperatorA, "getShares(address)", feeRecipient);
        var feePercent = await CallUintAsync(OperatorA, "feePercent()");
        var genesisBefore = await CallUintAsync(Genesis, "totalAssets()");
        var balanceBefore = await Node.Rpc.GetBalanceAsync(OperatorA);
        var cumulativeBefore = (await Driver.Keeper.RewardsAsync(OperatorA)).Assets;
        var nonceBefore = await CallUintAsync(DevnetAddresses.StakeWise.Keeper, "rewardsNonce()");

        var update = await Driver.DeliverRewardsAsync(new Dictionary<Address, BigInteger> { [OperatorA] = reward });

        Assert.Equal(assetsBefore + reward, await CallUintAsync(OperatorA, "totalAssets()"));
        var fee = reward * feePercent / 10_000;
        var feeShares = fee * sharesBefore / (assetsBefore + reward - fee);
        Assert.Equal(sharesBefore + feeShares, await CallUintAsync(OperatorA, "totalShares()"));
        Assert.Equal(feeSharesBefore + feeShares, await CallUintAsync(OperatorA, "getShares(address)", feeRecipient));
        Assert.Equal(genesisBefore, await CallUintAsync(Genesis, "totalAssets()"));
        Assert.Equal(balanceBefore + reward, await Node.Rpc.GetBalanceAsync(OperatorA));
        Assert.Equal(nonceBefore + 1, await CallUintAsync(DevnetAddresses.StakeWise.Keeper, "rewardsNonce()"));
        Assert.Equal(update.Tree.Root, await Driver.Keeper.RewardsRootAsync());
        Assert.Equal(cumulativeBefore + reward, (await Driver.Keeper.RewardsAsync(OperatorA)).Assets);
        Assert.Equal(nonceBefore, update.Nonce);
        Assert.Equal((int)await Driver.Keeper.RewardsMinOraclesAsync(), update.Signers.Count);
        Assert.Equal(update.Signers.Order().ToArray(), update.Signers.ToArray());
        Assert.Equal(new[] { Genesis, OperatorA, OperatorB }.Order(), update.Harvests.Keys.Order());
        var harvested = update.Harvests[OperatorA].Logs.Single(l => l.Topics[0] == Keeper.HarvestedEventTopic);
        Assert.True(Keeper.TryDecodeHarvestedEvent(harvested, out var decoded));
        Assert.Equal(reward, decoded.TotalAssetsDelta);
        foreach (var vault in new[] { Genesis, OperatorA, OperatorB })
            Assert.False(await Driver.Keeper.IsHarvestRequiredAsync(vault));
    }

    [DevnetFact]
    public async Task Apr_rewards_over_a_period_follow_plain_arithmetic_and_other_vaults_can_harvest_later_with_the_exposed_proofs()
    {
        var last = (ulong)await Driver.Keeper.LastRewardsTimestampAsync();
        var assetsBefore = await CallUintAsync(Genesis, "totalAssets()");
        var bAssetsBefore = await CallUintAsync(OperatorB, "totalAssets()");

        var update = await Driver.DeliverRewardsAtAprAsync(new Dictionary<Address, int> { [Genesis] = 300, [OperatorB] = 250 }, TimeSpan.FromDays(2), harvestAllVaults: false);

        var at = (ulong)update.Params.UpdateTimestamp;
        Assert.True(at - last >= 2 * 86_400);
        Assert.Equal(assetsBefore + StakeWiseDevnet.ComputeReward(assetsBefore, 300, at - last), await CallUintAsync(Genesis, "totalAssets()"));
        Assert.Equal(bAssetsBefore + (bAssetsBefore * 250 * (at - last) / (new BigInteger(10_000) * 31_536_000)), await CallUintAsync(OperatorB, "totalAssets()"));
        Assert.DoesNotContain(OperatorA, update.Harvests.Keys);
        Assert.True(await Driver.Keeper.CanHarvestAsync(OperatorA));

        var aBefore = await CallUintAsync(OperatorA, "totalAssets()");
        await Driver.HarvestAsync(update, OperatorA);
        Assert.False(await Driver.Keeper.CanHarvestAsync(OperatorA));
        Assert.Equal(aBefore, await CallUintAsync(OperatorA, "totalAssets()"));
    }

    [DevnetFact]
    public async Task Kit_keys_that_are_not_oracles_are_added_by_the_real_keeper_owner()
    {
        var owner = await Driver.GetKeeperOwnerAsync();
        var kitKeys = StakeWiseDevnet.GetOracleKeyAddresses(3);
        foreach (var key in kitKeys)
            await Node.SendAsAsync(owner, Driver.Keeper.PrepareRemoveOracle(key), Ether);
        Assert.Equal(BigInteger.Zero, await Driver.Keeper.TotalOraclesAsync());

        var added = await Driver.EnsureOraclesAsync();

        var min = (int)await Driver.Keeper.RewardsMinOraclesAsync();
        Assert.Equal(min, added.Count);
        foreach (var key in kitKeys.Take(min)) Assert.True(await Driver.Keeper.IsOracleAsync(key));
        Assert.All(added, r => Assert.Contains(r.Logs, l => l.Topics[0] == Keeper.OracleAddedEventTopic));
        var update = await Driver.DeliverRewardsAsync(new Dictionary<Address, BigInteger> { [OperatorB] = Ether });
        Assert.True(update.Update.Succeeded);
    }

    [DevnetFact]
    public async Task Validator_exits_move_the_exit_queue_so_tickets_become_claimable()
    {
        // The devnet admin holds the Genesis vault's seed shares (about 30 000 ETH), far more than the vault's balance.
        var holder = Node.Admin;
        var vault = Driver.Vault(Genesis);
        await Driver.DeliverRewardsAsync(new Dictionary<Address, BigInteger>());
        var shares = await CallUintAsync(Genesis, "getShares(address)", holder.Address);
        var entered = await Node.SendAsync(vault.PrepareEnterExitQueue(shares, holder.Address) with { From = holder.Address }, holder);
        Assert.True(EthVault.TryDecodeExitQueueEnteredEvent(entered.Logs.Single(l => l.Topics[0] == EthVault.ExitQueueEnteredEventTopic), out var request));
        var requestedAt = await Node.GetBlockTimestampAsync(BlockParameter.AtNumber(entered.BlockNumber));

        // The first harvest pays out what the vault holds; then nothing is left for the rest of the queue.
        await Driver.DeliverRewardsAsync(new Dictionary<Address, BigInteger>());
        var index = await vault.GetExitQueueIndexAsync(request.PositionTicket);
        Assert.True(index >= 0);
        var first = await vault.CalculateExitedAssetsAsync(holder.Address, request.PositionTicket, requestedAt, index);
        Assert.True(first.LeftTickets > 0);
        var unclaimedBefore = (await vault.GetExitQueueDataAsync()).UnclaimedAssets;

        var exitAmount = 5_000 * Ether;
        var exit = await Driver.ExitValidatorsAsync(Genesis, exitAmount);

        Assert.Contains(Genesis, exit.RewardsUpdate.Harvests.Keys);
        Assert.Equal(unclaimedBefore + exitAmount, (await vault.GetExitQueueDataAsync()).UnclaimedAssets);
        var second = await vault.CalculateExitedAssetsAsync(holder.Address, request.PositionTicket, requestedAt, index);
        Assert.Equal(first.ExitedAssets + exitAmount, second.ExitedAssets);

        await Driver.PassExitClaimDelayAsync((ulong)requestedAt, StakeWiseDevnet.PublicVaultExitClaimDelay);
        var claimed = await Node.SendAsync(vault.PrepareClaimExitedAssets(request.PositionTicket, requestedAt, index) with { From = holder.Address }, holder);
        Assert.True(EthVault.TryDecodeExitedAssetsClaimedEvent(claimed.Logs.Single(l => l.Topics[0] == EthVault.ExitedAssetsClaimedEventTopic), out var paid));
        Assert.Equal(second.ExitedAssets, paid.WithdrawnAssets);
    }

    [DevnetFact]
    public async Task An_exit_larger_than_the_stake_at_the_validators_is_refused_before_anything_is_sent()
    {
        var staked = await Driver.GetStakedAsync(OperatorB);
        Assert.True(staked > 0);
        var head = await Node.Rpc.GetBlockNumberAsync();
        var ex = await Assert.ThrowsAsync<LiquidStakeArgumentException>(() => Driver.ExitValidatorsAsync(OperatorB, staked + 1));
        Assert.Equal("amount", ex.ParamName);
        Assert.Equal(head, await Node.Rpc.GetBlockNumberAsync());
    }

    [DevnetFact]
    public async Task Vault_admins_and_the_keeper_owner_come_from_the_contracts()
    {
        Assert.Equal(await Driver.Keeper.OwnerAsync(), await Driver.GetKeeperOwnerAsync());
        var admin = await Driver.GetVaultAdminAsync(OperatorA);
        Assert.Equal(await CallAddressAsync(OperatorA, "admin()"), admin);
        var receipt = await Driver.SendAsVaultAdminAsync(OperatorA, new TransactionRequest { To = OperatorA, Data = DevnetNode.EncodeCall("setMetadata(string)", ["kit"]) });
        Assert.Equal(admin, receipt.From);
    }

    private async Task<Address> CallAddressAsync(Address contract, string signature)
    {
        var data = await Node.Rpc.CallAsync(new TransactionRequest { To = contract, Data = DevnetNode.EncodeCall(signature, []) }, BlockParameter.Latest);
        return (Address)AbiCodec.Decode([AbiType.Parse("address")], data)[0]!;
    }
}
