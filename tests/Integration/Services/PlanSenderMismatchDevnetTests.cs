using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.IntegrationTests.Support;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Protocols.Lido;

namespace LiquidStake.IntegrationTests.Services;

/// <summary>
/// A plan prepared (balances and allowances checked) for one account and handed to another account's signer
/// (issue 11, item 4): refused before signing, or re-targeted and re-checked only on the explicit opt-in.
/// Lido staking is a real path, so this runs on a real mainnet fork too.
/// </summary>
public sealed class PlanSenderMismatchDevnetTests(DevnetFixture fixture) : DevnetTest(fixture)
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    private async Task<(ulong Nonce, BigInteger Eth, BigInteger Shares)> StateOfAsync(LidoClient lido, Address account) =>
        (await Node.Rpc.GetTransactionCountAsync(account), await Node.Rpc.GetBalanceAsync(account), await lido.StEth.SharesOfAsync(account));

    [Fact]
    public async Task A_plan_for_another_account_is_refused_naming_both_and_nothing_moves()
    {
        var lido = new LidoClient(new LiquidStakeContext(Node.Rpc, NetworkProfile.Devnet));
        var preparedFor = Node.Accounts[3].Address;
        var signer = Node.Accounts[4];
        var plan = await lido.PrepareStakeAsync(preparedFor, 2 * Ether);
        var forBefore = await StateOfAsync(lido, preparedFor);
        var signerBefore = await StateOfAsync(lido, signer.Address);

        var ex = await Assert.ThrowsAsync<PlanSenderMismatchException>(() => lido.Executor.SendAsync(plan, signer));

        Assert.Equal(preparedFor, ex.PreparedFor);
        Assert.Equal(signer.Address, ex.Signer);
        Assert.Contains(preparedFor.ToString(), ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(signer.Address.ToString(), ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(forBefore, await StateOfAsync(lido, preparedFor));
        Assert.Equal(signerBefore, await StateOfAsync(lido, signer.Address));
    }

    [Fact]
    public async Task The_explicit_retarget_sends_from_the_signer_who_alone_receives_the_shares()
    {
        var lido = new LidoClient(new LiquidStakeContext(Node.Rpc, NetworkProfile.Devnet));
        var preparedFor = Node.Accounts[3].Address;
        var signer = Node.Accounts[4];
        var plan = await lido.PrepareStakeAsync(preparedFor, 2 * Ether);
        var forBefore = await StateOfAsync(lido, preparedFor);
        var signerBefore = await StateOfAsync(lido, signer.Address);
        var expectedShares = await lido.StEth.GetSharesByPooledEthAsync(2 * Ether);

        var execution = await lido.Executor.SendRetargetedAsync(plan, signer);

        var receipt = Assert.Single(execution.Receipts);
        Assert.Equal(signer.Address, receipt.From);
        var signerAfter = await StateOfAsync(lido, signer.Address);
        Assert.Equal(signerBefore.Nonce + 1, signerAfter.Nonce);
        Assert.Equal(signerBefore.Eth - (2 * Ether) - (receipt.GasUsed * receipt.EffectiveGasPrice), signerAfter.Eth);
        Assert.Equal(signerBefore.Shares + expectedShares, signerAfter.Shares);
        Assert.Equal(forBefore, await StateOfAsync(lido, preparedFor));
    }
}
