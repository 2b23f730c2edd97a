using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Contracts;
using LiquidStake.Ethereum.Signing;
using LiquidStake.IntegrationTests.Support;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Contracts.Common;
using LiquidStake.Sdk.Protocols.EtherFi;
using LiquidStake.Sdk.Protocols.Lido;

namespace LiquidStake.IntegrationTests.Services;

/// <summary>
/// The executor's own pre-flight, common to every protocol: allowances a step spends, the whole plan simulated before
/// the first signature, and gas estimated for an address that holds nothing.
/// </summary>
public sealed class ExecutorPreflightDevnetTests(DevnetFixture fixture) : DevnetTest(fixture)
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    private LiquidStakeContext NewContext() => new(Node.Rpc, NetworkProfile.Devnet);

    private async Task<(ulong Nonce, BigInteger Eth)> StateOfAsync(Address account) =>
        (await Node.Rpc.GetTransactionCountAsync(account), await Node.Rpc.GetBalanceAsync(account));

    [DevnetFact]
    public async Task A_plan_sent_without_its_approval_is_refused_with_the_missing_allowance_and_sends_nothing()
    {
        var context = NewContext();
        var lido = new LidoClient(context);
        var user = Node.Accounts[2];
        await lido.StakeAsync(user, 3 * Ether);

        var plan = await lido.PrepareWrapAsync(user.Address, 2 * Ether, approvalMode: LidoApprovalMode.Approve);
        Assert.Equal(TransactionStepKind.Approval, plan.Steps[0].Kind);
        var withoutApproval = plan with { Steps = [plan.Action] };
        var before = await StateOfAsync(user.Address);

        var ex = await Assert.ThrowsAsync<InsufficientAllowanceException>(() => lido.Executor.SendAsync(withoutApproval, user));
        Assert.Equal(BigInteger.Zero, ex.Available);
        Assert.Equal(NetworkProfile.Devnet.Lido!.WstEth, ex.Requirement!.Spender);
        Assert.Equal(NetworkProfile.Devnet.Lido!.StEth, ex.Requirement.Token);
        Assert.Equal(2 * Ether, ex.Requirement.Amount);
        Assert.Equal("plan", ex.ParamName);
        Assert.Contains("stETH", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, await StateOfAsync(user.Address));

        // Handing the same plan to an external signer is refused the same way.
        await Assert.ThrowsAsync<InsufficientAllowanceException>(() => lido.Executor.PrepareForExternalSignerAsync(withoutApproval, user.Address));

        // With its approval step the plan goes through, and the approval is counted before the action.
        var execution = await lido.Executor.SendAsync(plan, user);
        Assert.Equal(2, execution.Receipts.Count);
    }

    [DevnetFact]
    public async Task An_allowance_spent_since_the_plan_was_prepared_is_noticed_before_signing()
    {
        var context = NewContext();
        var etherFi = new EtherFiClient(context);
        var user = Node.Accounts[2];
        await etherFi.DepositAsync(user, 3 * Ether);
        var eEth = new Erc20(NetworkProfile.Devnet.EtherFi!.EEth, Node.Rpc);
        await Node.SendAsync(eEth.PrepareApprove(NetworkProfile.Devnet.EtherFi.WeEth, Ether) with { From = user.Address }, user);

        // Prepared while the allowance covers it: no approval step.
        var plan = await etherFi.PrepareWrapAsync(user.Address, Ether);
        Assert.Single(plan.Steps);
        Assert.NotNull(plan.Action.RequiredAllowance);

        // The allowance is lowered before sending.
        await Node.SendAsync(eEth.PrepareApprove(NetworkProfile.Devnet.EtherFi.WeEth, Ether / 2) with { From = user.Address }, user);
        var before = await StateOfAsync(user.Address);
        var ex = await Assert.ThrowsAsync<InsufficientAllowanceException>(() => etherFi.Executor.SendAsync(plan, user));
        Assert.Equal(Ether / 2, ex.Available);
        Assert.Equal(before, await StateOfAsync(user.Address));
    }

    [DevnetFact]
    public async Task A_plan_whose_action_would_revert_sends_not_even_its_approval()
    {
        var context = NewContext();
        var lido = new LidoClient(context);
        var user = Node.Accounts[2];
        await lido.StakeAsync(user, 3 * Ether);
        var plan = await lido.PrepareWrapAsync(user.Address, 2 * Ether, approvalMode: LidoApprovalMode.Approve);
        Assert.Equal(2, plan.Steps.Count);

        // The stETH leaves the account after the plan was prepared: the wrap would revert, the approval alone would not.
        await lido.TransferAllStEthAsync(user, Node.Accounts[3].Address);
        var before = await StateOfAsync(user.Address);
        var stEth = new Erc20(NetworkProfile.Devnet.Lido!.StEth, Node.Rpc);

        var ex = await Assert.ThrowsAnyAsync<ContractRevertException>(() => lido.Executor.SendAsync(plan, user));
        Assert.NotNull(ex.Message);
        Assert.Equal(before, await StateOfAsync(user.Address));
        Assert.Equal(BigInteger.Zero, await stEth.AllowanceAsync(user.Address, NetworkProfile.Devnet.Lido.WstEth));
    }

    [DevnetFact]
    public async Task Gas_is_estimated_for_an_unfunded_address_through_a_balance_override_and_suffices()
    {
        var context = NewContext();
        var lido = new LidoClient(context);
        using var fresh = PrivateKeySigner.CreateRandom();
        Assert.Equal(BigInteger.Zero, await Node.Rpc.GetBalanceAsync(fresh.Address));

        // The plan is prepared for a funded account, then estimated as the empty one with 5 ETH assumed.
        var plan = await lido.PrepareStakeAsync(Node.Accounts[2].Address, Ether);
        var gas = await lido.Executor.EstimateGasAsync(plan, fresh.Address, assumeBalance: 5 * Ether);
        Assert.Single(gas);
        Assert.InRange(gas[0], 21_001UL, 1_000_000UL);

        // Without the override the same simulation is refused: the address cannot pay the value.
        var ex = await Assert.ThrowsAsync<InsufficientBalanceException>(() => lido.Executor.SimulateAsync(plan, fresh.Address));
        Assert.Equal(BigInteger.Zero, ex.Balance);
        Assert.Equal(BigInteger.Zero, await Node.Rpc.GetBalanceAsync(fresh.Address));

        // Funded for real, the estimate is enough gas for the stake.
        await Node.SetBalanceAsync(fresh.Address, 2 * Ether);
        var receipt = await Node.SendAsync(plan.Action.Request with { From = fresh.Address, Gas = gas[0] }, fresh);
        Assert.True(receipt.Succeeded);
        Assert.True(receipt.GasUsed <= gas[0]);
    }
}
