using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Abi;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Transactions;
using LiquidStake.IntegrationTests.Support;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Contracts.Common;
using LiquidStake.Sdk.Contracts.EigenLayer;
using LiquidStake.Sdk.Protocols.EigenLayer;
using LiquidStake.Sdk.Protocols.Lido;

namespace LiquidStake.IntegrationTests.EigenLayer;

/// <summary>EigenLayer client against the devnet replicas (mainnet addresses, chain id 1).</summary>
public sealed class EigenLayerDevnetTests(DevnetFixture fixture) : EigenLayerTestBase(fixture)
{
    private static readonly int[] ExpectedSetCounts = [2, 2, 3];

    private Task<TransactionReceipt> AdminAsync(Address to, byte[] data) =>
        Node.SendAsAdminAsync(new TransactionRequest { To = to, Data = data });

    [DevnetFact]
    public async Task The_apr_is_the_steth_strategys_share_growth_which_follows_each_lido_rebase()
    {
        var strategy = Strategy(StEthStrategy);
        var before = await strategy.SharesToUnderlyingViewAsync(Ether);
        var report = await Node.Lido.OracleReportAsync(aprBasisPoints: 400, elapsedSeconds: 86_400);
        var after = await strategy.SharesToUnderlyingViewAsync(Ether);
        var rebase = report.Logs.Select(l => LiquidStake.Sdk.Contracts.Lido.StEth.TryDecodeTokenRebasedEvent(l, out var e) ? e : null).Single(e => e is not null)!;

        // A share's stETH grows by the stETH share rate's ratio post/pre (up to the strategy's 1000-wei virtual offset).
        var lhs = after * rebase.PreTotalEther * rebase.PostTotalShares;
        var rhs = before * rebase.PostTotalEther * rebase.PreTotalShares;
        Assert.True(after > before);
        Assert.True(BigInteger.Abs(lhs - rhs) * BigInteger.Pow(10, 12) <= rhs, $"share growth {after}/{before} does not follow the rebase");

        var apr = await Client.GetAprAsync();
        var lido = await new LidoClient(Context).GetAprAsync();
        Assert.Equal(lido.Percent, apr.Percent);
        Assert.Equal(lido.DataPoints, apr.DataPoints);
        Assert.Contains("stETH strategy", apr.Method, StringComparison.Ordinal);
        Assert.Contains("not included", apr.Method, StringComparison.Ordinal);
    }

    [DevnetFact]
    public async Task StEth_restake_delegate_queue_complete_reconciles()
    {
        var steth = new Erc20(StEth, Rpc);
        var strategy = new StrategyBaseTvlLimits(StEthStrategy, Rpc);
        var dm = new DelegationManager(DelegationManagerAddress, Rpc);
        await GetStEthAsync(User, 10 * Ether);
        var amount = 5 * Ether;

        var totalBefore = await strategy.TotalSharesAsync();
        var deposit = await Client.DepositAsync(User, StEth, amount);
        var balanceAfter = await steth.BalanceOfAsync(StEthStrategy);
        // newShares = a * (T + 1000) / (B_after + 1000 - a) (eigenlayer.md §4.2), with the balance as actually received.
        Assert.Equal(amount * (totalBefore + 1000) / (balanceAfter + 1000 - amount), deposit.Shares);
        Assert.Equal(User.Address, deposit.Staker);
        Assert.Equal(StEthStrategy, deposit.Strategy);
        Assert.Equal(2, deposit.Execution.Receipts.Count); // exact approval, then the deposit
        Assert.Equal(deposit.Shares, await new StrategyManager(NetworkProfile.Devnet.EigenLayer!.StrategyManager, Rpc).StakerDepositSharesAsync(User.Address, StEthStrategy));

        var operators = await Client.GetOperatorsAsync();
        var open = operators.First(o => !o.RequiresApproval);
        var delegation = await Client.DelegateAsync(User, open.Operator);
        Assert.Equal(open.Operator, delegation.Operator);
        Assert.Equal(open.Operator, await dm.DelegatedToAsync(User.Address));

        var position = Assert.Single(await Client.GetStrategyPositionsAsync(User.Address));
        Assert.Equal(deposit.Shares, position.DepositShares);
        Assert.Equal(EigenLayerClient.ComputeWithdrawableShares(position.DepositShares, position.DepositScalingFactor, position.SlashingFactor), position.WithdrawableShares);
        Assert.Equal(await strategy.SharesToUnderlyingViewAsync(position.WithdrawableShares), position.Underlying);

        var queued = await Client.QueueWithdrawalAsync(User, StEthStrategy, deposit.Shares);
        var w = Assert.Single(queued.Withdrawals);
        Assert.Equal(new Hash32(await dm.CalculateWithdrawalRootAsync(w.Withdrawal)), w.Root);
        Assert.Equal(EigenLayerClient.ComputeWithdrawalRoot(w.Withdrawal), w.Root);
        Assert.Equal(User.Address, w.Withdrawal.Staker);
        Assert.Equal(User.Address, w.Withdrawal.Withdrawer);
        Assert.Equal(open.Operator, w.Withdrawal.DelegatedTo);
        Assert.Equal((BigInteger)queued.Execution.ActionReceipt.BlockNumber, w.Withdrawal.StartBlock);

        var listed = Assert.IsType<EigenLayerWithdrawalRequest>(Assert.Single(await Client.GetWithdrawalRequestsAsync(User.Address)));
        Assert.Equal(w.Root, listed.Root);
        // Records compare arrays by reference: compare the struct through its root and its arrays element-wise.
        Assert.Equal(w.Root, EigenLayerClient.ComputeWithdrawalRoot(listed.Withdrawal));
        Assert.Equal(w.Withdrawal.Strategies, listed.Withdrawal.Strategies);
        Assert.Equal(w.Withdrawal.ScaledShares, listed.Withdrawal.ScaledShares);
        Assert.Equal(WithdrawalStatus.Pending, listed.Status);
        var delay = (ulong)await Node.EigenLayer.DelegationManager.MinWithdrawalDelayBlocksAsync();
        Assert.Equal((ulong)w.Withdrawal.StartBlock + delay + 1, listed.ClaimableAtBlock);

        // Too early: refused pre-flight with the contract's error name, nothing sent.
        var nonce = await Rpc.GetTransactionCountAsync(User.Address, BlockParameter.Latest);
        var early = await Assert.ThrowsAsync<EigenLayerPreflightException>(() => Client.PrepareClaimAsync(User.Address, [listed.Id]));
        Assert.Equal("WithdrawalDelayNotElapsed", early.ErrorName);
        Assert.Equal("withdrawals", early.ParamName); // PrepareClaimAsync's own parameter
        Assert.Equal(nonce, await Rpc.GetTransactionCountAsync(User.Address, BlockParameter.Latest));

        await Node.EigenLayer.PassWithdrawalDelayAsync();
        var claimable = Assert.IsType<EigenLayerWithdrawalRequest>(Assert.Single(await Client.GetWithdrawalRequestsAsync(User.Address)));
        Assert.Equal(WithdrawalStatus.Claimable, claimable.Status);
        Assert.Equal((ulong)w.Withdrawal.StartBlock + delay + 1, claimable.ClaimableAtBlock);

        var expectedOut = await strategy.SharesToUnderlyingViewAsync(claimable.Shares[0]);
        var userBefore = await steth.BalanceOfAsync(User.Address);
        var completion = await Client.CompleteAsync(User, [claimable.Root]);
        Assert.Equal([claimable.Root], completion.CompletedRoots);
        var received = Assert.Single(completion.TokensReceived);
        Assert.Equal(StEth, received.Token);
        // stETH moves shares: the Transfer event reports the amount requested, rounded down through shares by at most 2 wei.
        Assert.InRange(expectedOut - received.Amount, BigInteger.Zero, new BigInteger(2));
        var userAfter = await steth.BalanceOfAsync(User.Address);
        Assert.InRange(userAfter - userBefore - expectedOut, new BigInteger(-2), BigInteger.Zero);
        Assert.Empty(await Client.GetWithdrawalRequestsAsync(User.Address));
    }

    [DevnetFact]
    public async Task Slashed_operator_reports_withdrawable_below_deposit_shares_with_the_exact_formula()
    {
        var operators = await Client.GetOperatorsAsync();
        // The seeded stakers of the devnet manifest; find one delegated to an operator allocated to a set holding stETH.
        var staker1 = Address.Parse("0x" + Convert.ToHexString(LiquidStake.Ethereum.Crypto.Keccak256.HashUtf8("liquidstake.devnet.eigenlayer.staker.1"))[^40..]);
        var before = (await Client.GetStrategyPositionsAsync(staker1)).Single(p => p.Strategy == StEthStrategy);
        Assert.False(before.IsSlashed);
        var op = operators.Single(o => o.Operator == before.Operator);
        var allocation = op.Allocations.First(a => a.Strategy == StEthStrategy && !a.CurrentMagnitude.IsZero);

        await Node.EigenLayer.SlashOperatorAsync(op.Operator, allocation.OperatorSet.Avs, (uint)allocation.OperatorSet.Id, StEthStrategy, Ether / 2);

        var after = (await Client.GetStrategyPositionsAsync(staker1)).Single(p => p.Strategy == StEthStrategy);
        var maxMagnitude = await new AllocationManager(AllocationManagerAddress, Rpc).GetMaxMagnitudeAsync(op.Operator, StEthStrategy);
        // slashedMagnitude = ceil(allocated * 0.5); maxMagnitude = 1e18 - slashedMagnitude.
        Assert.Equal(Ether - (allocation.CurrentMagnitude + 1) / 2, maxMagnitude);
        Assert.Equal(maxMagnitude, after.SlashingFactor);
        Assert.True(after.IsSlashed);
        Assert.Equal(before.DepositShares, after.DepositShares);
        Assert.Equal(after.DepositShares * after.DepositScalingFactor / Ether * maxMagnitude / Ether, after.WithdrawableShares);
        Assert.Equal(after.DepositShares - after.WithdrawableShares, after.SlashedShares);
    }

    [DevnetFact]
    public async Task Deposit_above_the_strategy_cap_is_refused_pre_flight()
    {
        await GetStEthAsync(User, 3 * Ether);
        await AdminAsync(StEthStrategy, StrategyBaseTvlLimits.EncodeSetTvlLimits(Ether, BigInteger.Pow(2, 256) - 1));
        var nonce = await Rpc.GetTransactionCountAsync(User.Address, BlockParameter.Latest);
        var ex = await Assert.ThrowsAsync<AmountAboveLimitException>(() => Client.PrepareStakeAsync(User.Address, 2 * Ether));
        Assert.Equal("maxPerDeposit", ex.LimitName);
        Assert.Equal(Ether, ex.Maximum);
        var quote = await Client.QuoteStakeAsync(2 * Ether);
        Assert.Equal(Ether, quote.Maximum);
        Assert.False(quote.IsAllowed);
        Assert.Equal(nonce, await Rpc.GetTransactionCountAsync(User.Address, BlockParameter.Latest));

        var balance = await new Erc20(StEth, Rpc).BalanceOfAsync(StEthStrategy);
        await AdminAsync(StEthStrategy, StrategyBaseTvlLimits.EncodeSetTvlLimits(10 * Ether, balance + Ether / 2));
        var total = await Assert.ThrowsAsync<AmountAboveLimitException>(() => Client.PrepareStakeAsync(User.Address, Ether));
        Assert.Equal("maxTotalDeposits", total.LimitName);
        Assert.Equal(Ether / 2, total.Maximum);
    }

    [DevnetFact]
    public async Task Operator_directory_lists_the_devnet_operators_with_their_avs_sets()
    {
        var operators = await Client.GetOperatorsAsync();
        Assert.Equal(3, operators.Count);
        Assert.Single(operators, o => o.RequiresApproval);
        Assert.Equal(Address.Parse("0xa0Ee7A142d267C1f36714E4a8F75612F20a79720"), operators.Single(o => o.RequiresApproval).DelegationApprover);
        var eigenDa = Address.Parse("0x70Fcf65B0f6906422Ff441b6d27F939371dFc4b9");
        // Operator A: EigenDA, AltLayer and RedStone set 0; B: EigenDA and RedStone set 1; C: AltLayer and RedStone set 0.
        Assert.Equal(ExpectedSetCounts, operators.Select(o => o.RegisteredSets.Count).Order());
        foreach (var o in operators)
        {
            Assert.Equal(o.RegisteredSets.Count, o.AllocatedSets.Count);
            Assert.All(o.Allocations, a => Assert.Contains(a.OperatorSet, o.AllocatedSets));
            var dm = new DelegationManager(DelegationManagerAddress, Rpc);
            Assert.Equal((await dm.GetOperatorSharesAsync(o.Operator, [StEthStrategy]))[0], o.SharesByStrategy[StEthStrategy]);
        }
        Assert.Equal(2, operators.Count(o => o.AllocatedSets.Any(s => s.Avs == eigenDa)));
    }
}
