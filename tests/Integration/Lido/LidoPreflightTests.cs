using System.Numerics;
using LiquidStake.Testing;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Contracts;
using LiquidStake.IntegrationTests.Support;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Protocols.Lido;

namespace LiquidStake.IntegrationTests.Lido;

public class LidoPreflightTests(DevnetFixture fixture) : LidoTestBase(fixture)
{
    [Fact]
    public async Task Zero_and_negative_amounts_are_refused_everywhere()
    {
        var user = User.Address;
        Assert.Equal("amount", (await Assert.ThrowsAsync<AmountNotPositiveException>(() => Client.PrepareStakeAsync(user, 0))).ParamName);
        await Assert.ThrowsAsync<AmountNotPositiveException>(() => Client.PrepareStakeAsync(user, -1));
        await Assert.ThrowsAsync<AmountNotPositiveException>(() => Client.QuoteStakeAsync(0));
        await Assert.ThrowsAsync<AmountNotPositiveException>(() => Client.PrepareWrapAsync(user, 0));
        await Assert.ThrowsAsync<AmountNotPositiveException>(() => Client.PrepareUnwrapAsync(user, 0));
        await Assert.ThrowsAsync<AmountNotPositiveException>(() => Client.PrepareWithdrawalRequestAsync(user, 0));
        await Assert.ThrowsAsync<AmountNotPositiveException>(() => Client.PrepareTransferSharesAsync(user, Node.Accounts[2].Address, 0));
    }

    [Fact]
    public async Task Amounts_above_the_balance_are_refused_with_the_balance_as_limit()
    {
        var user = User.Address;
        var eth = await EthBalanceAsync(user);
        var ex = await Assert.ThrowsAsync<InsufficientBalanceException>(() => Client.PrepareStakeAsync(user, eth + 1));
        Assert.Equal(eth, ex.Balance);
        Assert.Equal("amount", ex.ParamName);

        await Client.StakeAsync(User, Ether);
        var st = await Node.Lido.StEth.BalanceOfAsync(user);
        Assert.Equal(st, (await Assert.ThrowsAsync<InsufficientBalanceException>(() => Client.PrepareWrapAsync(user, st + 1))).Balance);
        Assert.Equal(st, (await Assert.ThrowsAsync<InsufficientBalanceException>(() => Client.PrepareWithdrawalRequestAsync(user, st + 1))).Balance);
        var wst = await WstAsync(user);
        Assert.Equal(wst, (await Assert.ThrowsAsync<InsufficientBalanceException>(() => Client.PrepareUnwrapAsync(user, wst + 1))).Balance);
        Assert.Equal(wst, (await Assert.ThrowsAsync<InsufficientBalanceException>(() => Client.PrepareWithdrawalRequestAsync(user, wst + 1, LidoWithdrawalToken.WstEth))).Balance);
    }

    [Fact]
    public async Task Stake_above_a_lowered_stake_limit_is_refused_with_the_limit()
    {
        await Node.Lido.SetStakingLimitAsync(5 * Ether, Ether / 10);
        var limit = await Client.GetStakeLimitAsync();
        Assert.True(limit.IsStakingLimitSet);
        Assert.Equal(5 * Ether, limit.MaxStakeLimit);
        Assert.Equal(await Node.Lido.StEth.GetCurrentStakeLimitAsync(), limit.CurrentStakeLimit);

        var ex = await Assert.ThrowsAsync<AmountAboveLimitException>(() => Client.PrepareStakeAsync(User.Address, limit.CurrentStakeLimit + 1));
        Assert.Equal(limit.CurrentStakeLimit, ex.Maximum);
        Assert.Equal("Lido stake limit", ex.LimitName);
        var quote = await Client.QuoteStakeAsync(limit.CurrentStakeLimit + 1);
        Assert.False(quote.IsAllowed);
        Assert.Equal(limit.CurrentStakeLimit, quote.Maximum);

        var ok = await Client.StakeAsync(User, limit.CurrentStakeLimit);
        Assert.Equal(limit.CurrentStakeLimit, ok.EthStaked);
    }

    [Fact]
    public async Task Paused_staking_is_refused_before_signing()
    {
        await Node.Lido.PauseStakingAsync();
        await Assert.ThrowsAsync<ProtocolPausedException>(() => Client.PrepareStakeAsync(User.Address, Ether));
        var quote = await Client.QuoteStakeAsync(Ether);
        Assert.True(quote.IsPaused);
        Assert.False(quote.IsAllowed);
    }

    [Fact]
    public async Task Paused_withdrawal_queue_is_refused()
    {
        await Client.StakeAsync(User, Ether);
        await Node.Lido.PauseWithdrawalsAsync(TimeSpan.FromHours(1));
        await Assert.ThrowsAsync<ProtocolPausedException>(() => Client.PrepareWithdrawalRequestAsync(User.Address, Ether / 2));
    }

    [Fact]
    public async Task Withdrawal_below_the_on_chain_minimum_is_refused()
    {
        await Client.StakeAsync(User, Ether);
        var ex = await Assert.ThrowsAsync<AmountBelowMinimumException>(() => Client.PrepareWithdrawalRequestAsync(User.Address, 99));
        Assert.Equal(await Node.Lido.WithdrawalQueue.MinStEthWithdrawalAmountAsync(), ex.Minimum);
        await Client.WrapAsync(User, Ether / 2, LidoApprovalMode.Approve);
        var limits = await Client.GetWithdrawalLimitsAsync();
        var wex = await Assert.ThrowsAsync<AmountBelowMinimumException>(() => Client.PrepareWithdrawalRequestAsync(User.Address, limits.MinWstEth - 1, LidoWithdrawalToken.WstEth));
        Assert.Equal(limits.MinWstEth, wex.Minimum);
    }

    [Fact]
    public async Task Wrong_chain_is_refused_before_anything_is_read_or_signed()
    {
        var wrong = new LidoClient(new LiquidStakeContext(Node.Rpc, NetworkProfile.Devnet with { ChainId = 5 }));
        var ex = await Assert.ThrowsAsync<WrongChainException>(() => wrong.PrepareStakeAsync(User.Address, Ether));
        Assert.Equal(5UL, ex.Expected);
        Assert.Equal(1UL, ex.Actual);
        await Assert.ThrowsAsync<WrongChainException>(() => wrong.PrepareWithdrawalRequestAsync(User.Address, Ether));
        await Assert.ThrowsAsync<WrongChainException>(() => wrong.StakeAsync(User, Ether));
    }

    [Fact]
    public async Task A_plan_whose_preflight_reverts_sends_nothing()
    {
        var user = User.Address;
        var plan = await Client.PrepareStakeAsync(user, Ether);
        await Node.Lido.PauseStakingAsync(); // the world changes after preparing
        var nonce = await Node.Rpc.GetTransactionCountAsync(user);
        var balance = await EthBalanceAsync(user);

        var ex = await Assert.ThrowsAnyAsync<ContractRevertException>(() => Client.Executor.SendAsync(plan, User));
        Assert.Contains("STAKING_PAUSED", ex.Message, StringComparison.Ordinal);
        Assert.Equal(nonce, await Node.Rpc.GetTransactionCountAsync(user));
        Assert.Equal(balance, await EthBalanceAsync(user));
    }

    [Fact]
    public async Task Claims_of_foreign_or_unknown_requests_are_refused()
    {
        await Client.StakeAsync(User, Ether);
        var req = await Client.RequestWithdrawalAsync(User, Ether / 2);
        await Node.Lido.FinalizeWithdrawalsAsync(req.Requests[0].RequestId);
        await Assert.ThrowsAsync<WithdrawalNotClaimableException>(() => Client.PrepareClaimAsync(Node.Accounts[2].Address, req.RequestIds));
        await Assert.ThrowsAsync<WithdrawalNotClaimableException>(() => Client.PrepareClaimAsync(User.Address, [WithdrawalId.ForRequest(ProtocolId.Lido, req.Requests[0].RequestId + 1000)]));
        await Assert.ThrowsAsync<LiquidStakeArgumentException>(() => Client.PrepareClaimAsync(User.Address, [WithdrawalId.ForRequest(ProtocolId.RocketPool, 1)]));
    }
}

public class LidoSignerEquivalenceTests(DevnetFixture fixture) : LidoTestBase(fixture)
{
    [Fact]
    public async Task Permit_and_approve_paths_give_the_same_wrap_and_request()
    {
        var user = User.Address;
        await Client.StakeAsync(User, 20 * Ether);
        var snapshot = await Node.SnapshotAsync();

        var approveWrap = await Client.WrapAsync(User, 5 * Ether, LidoApprovalMode.Approve);
        var approveReq = await Client.RequestWithdrawalAsync(User, 3 * Ether, LidoWithdrawalToken.StEth, LidoApprovalMode.Approve);
        var approveState = (await SharesAsync(user), await WstAsync(user), await Node.Lido.StEth.AllowanceAsync(user, DevnetAddresses.Lido.WstEth));
        Assert.Equal(2, approveWrap.Execution.Receipts.Count);
        Assert.Equal(2, approveReq.Execution.Receipts.Count);

        await Node.RevertAsync(snapshot);
        var fresh = new LidoClient(new LiquidStakeContext(Node.Rpc, NetworkProfile.Devnet));
        var permitWrap = await fresh.WrapAsync(User, 5 * Ether, LidoApprovalMode.Permit);
        var permitReq = await fresh.RequestWithdrawalAsync(User, 3 * Ether, LidoWithdrawalToken.StEth, LidoApprovalMode.Permit);
        var permitState = (await SharesAsync(user), await WstAsync(user), await Node.Lido.StEth.AllowanceAsync(user, DevnetAddresses.Lido.WstEth));
        Assert.Single(permitReq.Execution.Receipts);

        Assert.Equal(approveWrap.WstEthMinted, permitWrap.WstEthMinted);
        Assert.Equal(approveWrap.StEthWrapped, permitWrap.StEthWrapped);
        Assert.Equal(approveReq.Requests, permitReq.Requests);
        Assert.Equal(approveState, permitState);
        Assert.Equal(new BigInteger(2), await Node.Lido.StEth.NoncesAsync(user)); // two stETH permits: to wstETH and to the queue
    }

    [Fact]
    public async Task An_external_signer_gives_the_same_results_as_the_built_in_signer()
    {
        var external = new ExternalTestSigner(Hex.Decode(AnvilProcess.TestPrivateKeys[1]));
        Assert.Equal(User.Address, external.Address);
        var snapshot = await Node.SnapshotAsync();

        var a1 = await Client.StakeAsync(User, 3 * Ether + 7);
        var a2 = await Client.WrapAsync(User, Ether, LidoApprovalMode.Permit);
        var a3 = await Client.RequestWithdrawalAsync(User, Ether / 2, LidoWithdrawalToken.WstEth, LidoApprovalMode.Permit);
        var builtIn = (await SharesAsync(User.Address), await WstAsync(User.Address));

        await Node.RevertAsync(snapshot);
        var fresh = new LidoClient(new LiquidStakeContext(Node.Rpc, NetworkProfile.Devnet));
        var b1 = await fresh.StakeAsync(external, 3 * Ether + 7);
        var b2 = await fresh.WrapAsync(external, Ether, LidoApprovalMode.Permit);
        var b3 = await fresh.RequestWithdrawalAsync(external, Ether / 2, LidoWithdrawalToken.WstEth, LidoApprovalMode.Permit);

        Assert.Equal((a1.SharesMinted, a1.StEthMinted), (b1.SharesMinted, b1.StEthMinted));
        Assert.Equal((a2.WstEthMinted, a2.StEthWrapped), (b2.WstEthMinted, b2.StEthWrapped));
        Assert.Equal(a3.Requests, b3.Requests);
        Assert.Equal(builtIn, (await SharesAsync(User.Address), await WstAsync(User.Address)));
        Assert.Equal(4, external.TransactionsSigned); // stake, permit + wrap, request
        Assert.Equal(2, external.TypedDataSigned);
    }
}
