using System.Numerics;
using LiquidStake.Devnet;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Abi;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Ethereum.Transactions;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Contracts.Common;
using LiquidStake.Sdk.Contracts.EigenLayer;
using LiquidStake.Sdk.Contracts.Lido;
using LiquidStake.Sdk.Protocols.EigenLayer;

namespace LiquidStake.IntegrationTests.EigenLayer;

/// <summary>EigenLayer client against the devnet replicas (mainnet addresses, chain id 1).</summary>
public sealed class EigenLayerDevnetTests
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);
    private static readonly int[] ExpectedSetCounts = [2, 2, 3];
    private static readonly Address StEth = Address.Parse("0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84");
    private static readonly Address StEthStrategy = Address.Parse("0x93c4b944D05dfe6df7645A86cd2206016c51564D");
    private static readonly Address DelegationManagerAddress = Address.Parse("0x39053D51B77DC0d36036Fc1fCc8Cb819df8Ef37A");
    private static readonly Address AllocationManagerAddress = Address.Parse("0x948a420b8CC1d6BFd0B6087C2E7c344a2CD0bc39");
    // accounts[9] of the test mnemonic: the devnet admin (public test key).
    private const string AdminKey = "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6";

    private sealed class Devnet : IAsyncDisposable
    {
        public required AnvilProcess Anvil { get; init; }
        public required EthereumRpcClient Rpc { get; init; }
        public required LiquidStakeContext Context { get; init; }
        public required EigenLayerClient Client { get; init; }
        public required PrivateKeySigner User { get; init; }
        public required PrivateKeySigner Admin { get; init; }

        public async ValueTask DisposeAsync()
        {
            User.Dispose();
            Admin.Dispose();
            await Anvil.DisposeAsync();
        }
    }

    private static async Task<Devnet> StartAsync()
    {
        var root = AnvilProcess.FindRepositoryRoot();
        var anvil = await AnvilProcess.StartAsync(new AnvilOptions { ChainId = 1, LoadStatePath = Path.Combine(root, "chain", "out", "devnet-state.json") });
        var rpc = new EthereumRpcClient(new EthereumRpcClientOptions { Url = anvil.RpcUrl });
        var context = new LiquidStakeContext(rpc, NetworkProfile.Devnet);
        return new Devnet
        {
            Anvil = anvil,
            Rpc = rpc,
            Context = context,
            Client = new EigenLayerClient(context),
            User = PrivateKeySigner.FromHex(AnvilProcess.TestPrivateKeys[1]),
            Admin = PrivateKeySigner.FromHex(AdminKey),
        };
    }

    private static byte[] Call(string signature, string[] types, object?[] values) =>
        AbiCodec.EncodeCall(LiquidStake.Ethereum.Crypto.Keccak256.HashUtf8(signature).AsSpan(0, 4), types.Select(AbiType.Parse).ToArray(), values);

    private static Task<TransactionReceipt> AdminAsync(Devnet d, Address to, byte[] data) =>
        d.Context.Sender.SendAndWaitAsync(new TransactionRequest { From = d.Admin.Address, To = to, Data = data }, d.Admin);

    private static async Task<BigInteger> GetStEthAsync(Devnet d, BigInteger wei)
    {
        var steth = new StEth(StEth, d.Rpc);
        await d.Context.Sender.SendAndWaitAsync(steth.PrepareSubmit(Address.Zero, wei) with { From = d.User.Address }, d.User);
        return await new Erc20(StEth, d.Rpc).BalanceOfAsync(d.User.Address);
    }

    [Fact]
    public async Task StEth_restake_delegate_queue_complete_reconciles()
    {
        await using var d = await StartAsync();
        var steth = new Erc20(StEth, d.Rpc);
        var strategy = new StrategyBaseTvlLimits(StEthStrategy, d.Rpc);
        var dm = new DelegationManager(DelegationManagerAddress, d.Rpc);
        await GetStEthAsync(d, 10 * Ether);
        var amount = 5 * Ether;

        var totalBefore = await strategy.TotalSharesAsync();
        var deposit = await d.Client.DepositAsync(d.User, StEth, amount);
        var balanceAfter = await steth.BalanceOfAsync(StEthStrategy);
        // newShares = a * (T + 1000) / (B_after + 1000 - a) (eigenlayer.md §4.2), with the balance as actually received.
        Assert.Equal(amount * (totalBefore + 1000) / (balanceAfter + 1000 - amount), deposit.Shares);
        Assert.Equal(d.User.Address, deposit.Staker);
        Assert.Equal(StEthStrategy, deposit.Strategy);
        Assert.Equal(2, deposit.Execution.Receipts.Count); // exact approval, then the deposit
        Assert.Equal(deposit.Shares, await new StrategyManager(NetworkProfile.Devnet.EigenLayer!.StrategyManager, d.Rpc).StakerDepositSharesAsync(d.User.Address, StEthStrategy));

        var operators = await d.Client.GetOperatorsAsync();
        var open = operators.First(o => !o.RequiresApproval);
        var delegation = await d.Client.DelegateAsync(d.User, open.Operator);
        Assert.Equal(open.Operator, delegation.Operator);
        Assert.Equal(open.Operator, await dm.DelegatedToAsync(d.User.Address));

        var position = Assert.Single(await d.Client.GetStrategyPositionsAsync(d.User.Address));
        Assert.Equal(deposit.Shares, position.DepositShares);
        Assert.Equal(EigenLayerClient.ComputeWithdrawableShares(position.DepositShares, position.DepositScalingFactor, position.SlashingFactor), position.WithdrawableShares);
        Assert.Equal(await strategy.SharesToUnderlyingViewAsync(position.WithdrawableShares), position.Underlying);

        var queued = await d.Client.QueueWithdrawalAsync(d.User, StEthStrategy, deposit.Shares);
        var w = Assert.Single(queued.Withdrawals);
        Assert.Equal(new Hash32(await dm.CalculateWithdrawalRootAsync(w.Withdrawal)), w.Root);
        Assert.Equal(EigenLayerClient.ComputeWithdrawalRoot(w.Withdrawal), w.Root);
        Assert.Equal(d.User.Address, w.Withdrawal.Staker);
        Assert.Equal(d.User.Address, w.Withdrawal.Withdrawer);
        Assert.Equal(open.Operator, w.Withdrawal.DelegatedTo);
        Assert.Equal((BigInteger)queued.Execution.ActionReceipt.BlockNumber, w.Withdrawal.StartBlock);

        var listed = Assert.IsType<EigenLayerWithdrawalRequest>(Assert.Single(await d.Client.GetWithdrawalRequestsAsync(d.User.Address)));
        Assert.Equal(w.Root, listed.Root);
        Assert.Equal(w.Withdrawal, listed.Withdrawal);
        Assert.Equal(WithdrawalStatus.Pending, listed.Status);
        Assert.Equal((ulong)w.Withdrawal.StartBlock + 100800UL + 1, listed.ClaimableAtBlock);

        // Too early: refused pre-flight with the contract's error name, nothing sent.
        var nonce = await d.Rpc.GetTransactionCountAsync(d.User.Address, BlockParameter.Latest);
        var early = await Assert.ThrowsAsync<EigenLayerPreflightException>(() => d.Client.PrepareClaimAsync(d.User.Address, [listed.Id]));
        Assert.Equal("WithdrawalDelayNotElapsed", early.ErrorName);
        Assert.Equal(nonce, await d.Rpc.GetTransactionCountAsync(d.User.Address, BlockParameter.Latest));

        await AdminAsync(d, DelegationManagerAddress, Call("devnetSetMinWithdrawalDelayBlocks(uint32)", ["uint32"], [(BigInteger)5]));
        await d.Rpc.RequestAsync("anvil_mine", ["0x6"]);
        var claimable = Assert.IsType<EigenLayerWithdrawalRequest>(Assert.Single(await d.Client.GetWithdrawalRequestsAsync(d.User.Address)));
        Assert.Equal(WithdrawalStatus.Claimable, claimable.Status);
        Assert.Equal((ulong)w.Withdrawal.StartBlock + 5UL + 1, claimable.ClaimableAtBlock);

        var expectedOut = await strategy.SharesToUnderlyingViewAsync(claimable.Shares[0]);
        var userBefore = await steth.BalanceOfAsync(d.User.Address);
        var completion = await d.Client.CompleteAsync(d.User, [claimable.Root]);
        Assert.Equal([claimable.Root], completion.CompletedRoots);
        var received = Assert.Single(completion.TokensReceived);
        Assert.Equal(StEth, received.Token);
        // stETH moves shares: the Transfer event reports the amount requested, rounded down through shares by at most 2 wei.
        Assert.InRange(expectedOut - received.Amount, BigInteger.Zero, new BigInteger(2));
        var userAfter = await steth.BalanceOfAsync(d.User.Address);
        Assert.InRange(userAfter - userBefore - expectedOut, new BigInteger(-2), BigInteger.Zero);
        Assert.Empty(await d.Client.GetWithdrawalRequestsAsync(d.User.Address));
    }

    [Fact]
    public async Task Slashed_operator_reports_withdrawable_below_deposit_shares_with_the_exact_formula()
    {
        await using var d = await StartAsync();
        var operators = await d.Client.GetOperatorsAsync();
        // The seeded stakers of the devnet manifest; find one delegated to an operator allocated to a set holding stETH.
        var staker1 = Address.Parse("0x" + Convert.ToHexString(LiquidStake.Ethereum.Crypto.Keccak256.HashUtf8("liquidstake.devnet.eigenlayer.staker.1"))[^40..]);
        var before = (await d.Client.GetStrategyPositionsAsync(staker1)).Single(p => p.Strategy == StEthStrategy);
        Assert.False(before.IsSlashed);
        var op = operators.Single(o => o.Operator == before.Operator);
        var allocation = op.Allocations.First(a => a.Strategy == StEthStrategy && !a.CurrentMagnitude.IsZero);

        await AdminAsync(d, AllocationManagerAddress, Call("devnetSlashOperator(address,address,uint32,address,uint256)",
            ["address", "address", "uint32", "address", "uint256"], [op.Operator, allocation.OperatorSet.Avs, allocation.OperatorSet.Id, StEthStrategy, Ether / 2]));

        var after = (await d.Client.GetStrategyPositionsAsync(staker1)).Single(p => p.Strategy == StEthStrategy);
        var maxMagnitude = await new AllocationManager(AllocationManagerAddress, d.Rpc).GetMaxMagnitudeAsync(op.Operator, StEthStrategy);
        // slashedMagnitude = ceil(allocated * 0.5); maxMagnitude = 1e18 - slashedMagnitude.
        Assert.Equal(Ether - (allocation.CurrentMagnitude + 1) / 2, maxMagnitude);
        Assert.Equal(maxMagnitude, after.SlashingFactor);
        Assert.True(after.IsSlashed);
        Assert.Equal(before.DepositShares, after.DepositShares);
        Assert.Equal(after.DepositShares * after.DepositScalingFactor / Ether * maxMagnitude / Ether, after.WithdrawableShares);
        Assert.Equal(after.DepositShares - after.WithdrawableShares, after.SlashedShares);
    }

    [Fact]
    public async Task Deposit_above_the_strategy_cap_is_refused_pre_flight()
    {
        await using var d = await StartAsync();
        await GetStEthAsync(d, 3 * Ether);
        await AdminAsync(d, StEthStrategy, StrategyBaseTvlLimits.EncodeSetTvlLimits(Ether, BigInteger.Pow(2, 256) - 1));
        var nonce = await d.Rpc.GetTransactionCountAsync(d.User.Address, BlockParameter.Latest);
        var ex = await Assert.ThrowsAsync<AmountAboveLimitException>(() => d.Client.PrepareStakeAsync(d.User.Address, 2 * Ether));
        Assert.Equal("maxPerDeposit", ex.LimitName);
        Assert.Equal(Ether, ex.Maximum);
        var quote = await d.Client.QuoteStakeAsync(2 * Ether);
        Assert.Equal(Ether, quote.Maximum);
        Assert.False(quote.IsAllowed);
        Assert.Equal(nonce, await d.Rpc.GetTransactionCountAsync(d.User.Address, BlockParameter.Latest));

        var balance = await new Erc20(StEth, d.Rpc).BalanceOfAsync(StEthStrategy);
        await AdminAsync(d, StEthStrategy, StrategyBaseTvlLimits.EncodeSetTvlLimits(10 * Ether, balance + Ether / 2));
        var total = await Assert.ThrowsAsync<AmountAboveLimitException>(() => d.Client.PrepareStakeAsync(d.User.Address, Ether));
        Assert.Equal("maxTotalDeposits", total.LimitName);
        Assert.Equal(Ether / 2, total.Maximum);
    }

    [Fact]
    public async Task Operator_directory_lists_the_devnet_operators_with_their_avs_sets()
    {
        await using var d = await StartAsync();
        var operators = await d.Client.GetOperatorsAsync();
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
            var dm = new DelegationManager(DelegationManagerAddress, d.Rpc);
            Assert.Equal((await dm.GetOperatorSharesAsync(o.Operator, [StEthStrategy]))[0], o.SharesByStrategy[StEthStrategy]);
        }
        Assert.Equal(2, operators.Count(o => o.AllocatedSets.Any(s => s.Avs == eigenDa)));
    }
}
