using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Transactions;
using LiquidStake.Testing;

namespace LiquidStake.IntegrationTests.Kit;

/// <summary>
/// The kit's strict mode (issue 15): on a fork of the devnet whose JSON-RPC client refuses every replica-only
/// <c>devnet…</c> function, every driver still does its job, because each one goes through the entry points mainnet has.
/// </summary>
public sealed class StrictModeKitTests : IAsyncLifetime
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);
    private DevnetNode _node = null!;

    public async Task InitializeAsync() =>
        _node = await DevnetNode.StartForkOfDevnetAsync(new DevnetNodeOptions { StrictRealPaths = true });

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task A_replica_only_function_is_refused_before_it_reaches_the_node()
    {
        Assert.True(_node.StrictRealPaths);
        var artifacts = ReplicaBackdoorGuard.LoadReplicaOnlySelectors(Path.Combine(AnvilProcess.FindRepositoryRoot(), "chain", "out", "artifacts"));
        Assert.NotEmpty(artifacts);
        var (selector, signature) = artifacts.First();
        ulong head = await _node.Rpc.GetBlockNumberAsync();
        byte[] data = [(byte)(selector >> 24), (byte)(selector >> 16), (byte)(selector >> 8), (byte)selector];

        var ex = await Assert.ThrowsAsync<ReplicaBackdoorCalledException>(() =>
            _node.Rpc.CallAsync(new TransactionRequest { To = DevnetAddresses.Lido.StEth, Data = data }, BlockParameter.Latest));

        Assert.Equal(signature, ex.Signature);
        Assert.Equal(head, await _node.Rpc.GetBlockNumberAsync());
    }

    [Fact]
    public async Task The_etherfi_driver_rebases_finalizes_and_refills_through_real_paths_only()
    {
        var user = _node.Accounts[5];
        await _node.EtherFi.MintEEthAsync(user.Address, 3 * Ether);
        var report = await _node.EtherFi.DeliverReportAsync(400);
        Assert.NotNull(report);
        await _node.EtherFi.FinalizePendingRequestsAsync();
        await _node.EtherFi.RefillRedemptionBucketAsync();
    }

    [Fact]
    public async Task The_lido_driver_reports_finalizes_and_pauses_through_real_paths_only()
    {
        var user = _node.Accounts[6];
        await _node.Lido.MintStEthAsync(user.Address, 5 * Ether);
        var receipt = await _node.Lido.OracleReportAsync(500, 86_400);
        Assert.True(receipt.Succeeded);
        await _node.Lido.OracleReportWithClDeltaAsync(-Ether, 86_400);
        await _node.Lido.PauseStakingAsync();
        await _node.Lido.ResumeStakingAsync();
        await _node.Lido.SetStakingLimitAsync(150_000 * Ether, 10 * Ether);
        await _node.Lido.RemoveStakingLimitAsync();
        await _node.Lido.PauseWithdrawalsAsync(TimeSpan.FromDays(1));
        await _node.Lido.ResumeWithdrawalsAsync();
    }

    [Fact]
    public async Task The_rocketpool_driver_votes_balances_changes_settings_and_moves_collateral_through_real_paths_only()
    {
        var receipt = await _node.RocketPool.AccrueRewardsAsync(350, 86_400);
        Assert.True(receipt.Succeeded);
        await _node.RocketPool.SetDepositSettingAsync("deposit.enabled", true);
        await _node.RocketPool.AddDepositPoolBalanceAsync(Ether);
        await _node.RocketPool.MintREthAsync(_node.Accounts[7].Address, 2 * Ether);
    }

    [Fact]
    public async Task The_eigenlayer_driver_slashes_and_passes_the_withdrawal_delay_through_real_paths_only()
    {
        var op = DevnetAddresses.EigenLayer.OperatorA;
        var set = new LiquidStake.Sdk.Contracts.EigenLayer.OperatorSet(DevnetAddresses.EigenLayer.EigenDaAvs, 0);
        var strategy = DevnetAddresses.EigenLayer.StEthStrategy;
        var maxBefore = await _node.EigenLayer.AllocationManager.GetMaxMagnitudeAsync(op, strategy);
        await _node.EigenLayer.SlashOperatorAsync(op, set.Avs, 0, strategy, EigenLayerDevnet.Wad / 10);
        Assert.True(await _node.EigenLayer.AllocationManager.GetMaxMagnitudeAsync(op, strategy) < maxBefore);
        ulong head = await _node.Rpc.GetBlockNumberAsync();
        await _node.EigenLayer.PassWithdrawalDelayAsync();
        Assert.True(await _node.Rpc.GetBlockNumberAsync() > head);
    }

    [Fact]
    public async Task The_stakewise_driver_delivers_rewards_harvests_and_exits_validators_through_real_paths_only()
    {
        var vault = DevnetAddresses.StakeWise.OperatorAVault;
        var update = await _node.StakeWise.DeliverRewardsAtAprAsync(new Dictionary<Address, int> { [vault] = 320 }, TimeSpan.FromDays(1));
        Assert.Contains(vault, update.Harvests.Keys);
        var exit = await _node.StakeWise.ExitValidatorsAsync(vault, 10 * Ether);
        Assert.Contains(vault, exit.RewardsUpdate.Harvests.Keys);
        await _node.StakeWise.SendAsVaultAdminAsync(vault, new TransactionRequest { To = vault, Data = DevnetNode.EncodeCall("setMetadata(string)", ["strict"]) });
    }
}
