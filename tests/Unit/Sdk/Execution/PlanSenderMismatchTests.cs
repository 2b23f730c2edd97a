using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Ethereum.Transactions;
using LiquidStake.Sdk;

namespace LiquidStake.UnitTests.Sdk.Execution;

public class PlanSenderMismatchTests
{
    [Fact]
    public async Task A_plan_prepared_for_another_account_is_refused_naming_both_before_any_rpc_or_signature()
    {
        // The endpoint is unreachable: reaching the node (chain check, allowance, simulation) would be a transport error instead.
        using var rpc = new EthereumRpcClient(new EthereumRpcClientOptions { Url = new Uri("http://127.0.0.1:9") });
        var executor = new PreparedTransactionExecutor(new LiquidStakeContext(rpc, NetworkProfile.Mainnet));
        using var signer = PrivateKeySigner.CreateRandom();
        var owner = Address.Parse("0x1234567890123456789012345678901234567890");
        var target = Address.Parse("0x00000000000000000000000000000000000000aa");
        var plan = new PreparedTransaction(ProtocolId.Lido, "stake", [
            new TransactionStep(TransactionStepKind.Action, "Stake 1 ETH", new TransactionRequest { From = owner, To = target, Value = 1 }),
        ]);

        var ex = await Assert.ThrowsAsync<PlanSenderMismatchException>(() => executor.SendAsync(plan, signer));

        Assert.Equal(owner, ex.PreparedFor);
        Assert.Equal(signer.Address, ex.Signer);
        Assert.Contains(owner.ToString(), ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(signer.Address.ToString(), ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Stake 1 ETH", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Re_targeting_is_explicit_and_goes_on_to_the_node_checks()
    {
        using var rpc = new EthereumRpcClient(new EthereumRpcClientOptions { Url = new Uri("http://127.0.0.1:9"), Resilience = new() { MaxRetryAttempts = 1, BaseDelay = TimeSpan.FromMilliseconds(1) } });
        var executor = new PreparedTransactionExecutor(new LiquidStakeContext(rpc, NetworkProfile.Mainnet));
        using var signer = PrivateKeySigner.CreateRandom();
        var owner = Address.Parse("0x1234567890123456789012345678901234567890");
        var plan = new PreparedTransaction(ProtocolId.Lido, "stake", [
            new TransactionStep(TransactionStepKind.Action, "Stake 1 ETH", new TransactionRequest { From = owner, To = owner, Value = 1 }),
        ]);

        // Not refused as a mismatch: the re-targeted plan proceeds to the node's checks (here: the endpoint is down).
        var ex = await Assert.ThrowsAnyAsync<LiquidStakeException>(() => executor.SendRetargetedAsync(plan, signer));
        Assert.IsNotType<PlanSenderMismatchException>(ex);
    }
}
