using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Abi;
using LiquidStake.Ethereum.Contracts;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.IntegrationTests.Support;
using LiquidStake.Sdk.Contracts.EtherFi;
using LiquidStake.Testing;

namespace LiquidStake.IntegrationTests.EtherFi;

/// <summary>The kit's ether.fi driver: role holders from the protocol's own getters, real entry points, real effects.</summary>
public sealed class EtherFiDriverTests(DevnetFixture fixture) : EtherFiDevnetTestBase(fixture)
{
    [Fact]
    public async Task Role_holders_come_from_the_registry_and_EtherFiAdmin_from_the_pool()
    {
        var registry = await Devnet.GetRoleRegistryAsync();
        Assert.Equal(await Client.LiquidityPool.RoleRegistryAsync(), registry.Address);
        foreach (var (role, id) in new[]
        {
            (EtherFiRole.OperatingMultisig, await registry.OperationMultisigRoleAsync()),
            (EtherFiRole.OperatingTimelock, await registry.OperationTimelockRoleAsync()),
            (EtherFiRole.Guardian, await registry.GuardianRoleAsync()),
            (EtherFiRole.SuperGuardian, await registry.SuperGuardianRoleAsync()),
            (EtherFiRole.UpgradeTimelock, await registry.UpgradeTimelockRoleAsync()),
        })
        {
            var holder = await Devnet.GetRoleHolderAsync(role);
            Assert.True(await registry.HasRoleAsync(id, holder), role.ToString());
            Assert.False(await registry.HasRoleAsync(id, User.Address), role.ToString());
        }
        Assert.Equal(await Client.WithdrawRequestNft.EtherFiAdminAsync(), await Devnet.GetEtherFiAdminAsync());
    }

    [Fact]
    public async Task A_user_calling_the_entry_points_the_driver_uses_gets_the_real_reverts()
    {
        var last = await Client.WithdrawRequestNft.LastFinalizedRequestIdAsync();
        await AssertRevertsWithAsync("IncorrectCaller()", Client.LiquidityPool.PrepareRebase(Ether, 0));
        await AssertRevertsWithAsync("IncorrectCaller()", Client.WithdrawRequestNft.PrepareFinalizeRequests(last));
        await AssertRevertsWithAsync("IncorrectCaller()", Client.LiquidityPool.PrepareAddEthAmountLockedForWithdrawal(Ether));
        await AssertRevertsWithAsync("OnlyOperatingMultisig()", Client.LiquidityPool.PreparePause());
        await AssertRevertsWithAsync("OnlyGuardian()", Client.LiquidityPool.PreparePauseUntil());
        await AssertRevertsWithAsync("OnlyOperatingTimelock()", Client.RedemptionManager.PrepareSetLowWatermarkInBpsOfTvl(500, DevnetAddresses.EtherFi.EthAddress));
        var blacklister = await Devnet.GetBlacklisterAsync();
        await AssertRevertsWithAsync("OnlyGuardian()", blacklister.PrepareBlacklistUserUntil(Other.Address));
    }

    private async Task AssertRevertsWithAsync(string error, LiquidStake.Ethereum.Transactions.TransactionRequest request)
    {
        var ex = await Assert.ThrowsAnyAsync<ContractRevertException>(() => Node.SendAsync(request with { From = User.Address }, User));
        Assert.Equal(AbiSignature.Selector(error), ex.RevertData.AsSpan(0, 4).ToArray());
    }

    [Fact]
    public async Task A_report_goes_through_the_committee_and_EtherFiAdmin_with_the_fee_on_top_and_finalizes_what_liquidity_covers()
    {
        await Client.DepositAsync(User, 5 * Ether);
        var request = await Client.RequestWithdrawalAsync(User, 2 * Ether, usePermit: false);
        var (p, s) = await PoolAsync();
        var feeRecipient = await Client.LiquidityPool.FeeRecipientAsync();
        var feeSharesBefore = await SharesAsync(feeRecipient);
        var admin = new EtherFiAdmin(await Devnet.GetEtherFiAdminAsync(), Rpc);
        var oracle = new EtherFiOracle(await admin.EtherFiOracleAsync(), Rpc);
        var lastHandled = await admin.LastHandledReportRefSlotAsync();

        var delivered = await Devnet.DeliverReportAsync(290);

        var report = delivered.Report;
        Assert.Equal(lastHandled + 1, report.RefSlotFrom);
        var elapsed = (report.RefSlotTo - lastHandled) * 12;
        var rewards = BigInteger.Min(p * 290 * elapsed / (10_000 * new BigInteger(31_536_000)), p * 25 / 10_000);
        Assert.Equal(rewards, report.AccruedRewards);
        Assert.Equal(rewards / 9, report.ProtocolFees);
        Assert.Equal(await oracle.QuorumSizeAsync(), delivered.Submissions.Count);
        Assert.True(await oracle.IsConsensusReachedAsync(await oracle.GenerateReportHashAsync(report)));
        Assert.Equal(report.RefSlotTo, await admin.LastHandledReportRefSlotAsync());
        var feeShares = report.ProtocolFees * s / (p + rewards);
        Assert.Equal((p + rewards + report.ProtocolFees, s + feeShares), await PoolAsync());
        Assert.Equal(feeSharesBefore + feeShares, await SharesAsync(feeRecipient));
        Assert.Equal(request.RequestId, report.LastFinalizedWithdrawalRequestId);
        Assert.True((await Client.GetWithdrawalStatusAsync(request.RequestId)).IsClaimable);
    }

    [Fact]
    public async Task Timed_pause_blacklist_and_unblacklist_go_through_the_role_holders()
    {
        var receipt = await Devnet.PauseUntilAsync(DevnetAddresses.EtherFi.LiquidityPool);
        var at = await Node.GetBlockTimestampAsync(BlockParameter.AtNumber(receipt.BlockNumber));
        Assert.Equal(at + await Client.LiquidityPool.PauseUntilDurationAsync(), await Client.LiquidityPool.PausedUntilAsync());
        Assert.True((await Client.GetPoolStateAsync()).LiquidityPoolPaused);
        await Devnet.UnpauseUntilAsync(DevnetAddresses.EtherFi.LiquidityPool);
        Assert.Equal(BigInteger.Zero, await Client.LiquidityPool.PausedUntilAsync());

        var blacklister = await Devnet.GetBlacklisterAsync();
        var listed = await Devnet.BlacklistAsync(Other.Address);
        var listedAt = await Node.GetBlockTimestampAsync(BlockParameter.AtNumber(listed.BlockNumber));
        Assert.Equal(listedAt + (3 * 86_400), await blacklister.BlacklistedUntilAsync(Other.Address));
        await Devnet.UnblacklistAsync(Other.Address);
        Assert.Equal(BigInteger.Zero, await blacklister.BlacklistedUntilAsync(Other.Address));
    }
}
