using LiquidStake.Ethereum;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Protocols.Lido;
using LiquidStake.Testing;

namespace LiquidStake.IntegrationTests.Kit;

/// <summary>
/// The README's "Fork testing" example, verbatim: a user's own test forks the chain named by the environment (the
/// devnet, a fork of it, or mainnet with ETH_RPC_URL), stakes, requests a withdrawal, lets the kit deliver the oracle
/// report that finalizes it (through the real HashConsensus/AccountingOracle path) and claims.
/// </summary>
public sealed class ForkTestingReadmeTests
{
    [Fact]
    public async Task Stake_request_report_and_claim_on_a_fork()
    {
        // README: fork testing (begin)
        await using var node = await DevnetNode.StartFromEnvironmentAsync(); // devnet, fork of it, or mainnet (ETH_RPC_URL)
        var user = node.Accounts[0];
        var lido = new LidoClient(new LiquidStakeContext(node.Rpc, NetworkProfile.Mainnet));

        await lido.StakeAsync(user, EthUnits.ParseEther("10"));
        var request = await lido.RequestWithdrawalAsync(user, EthUnits.ParseEther("4"));
        await node.Lido.FinalizeWithdrawalsAsync(request.Requests[^1].RequestId); // the oracle's daily job

        var claim = await lido.ClaimAsync(user, request.RequestIds);
        Assert.InRange(claim.TotalEth, request.TotalStEth - 2, request.TotalStEth); // paid by shares: at most 2 wei of rounding
        // README: fork testing (end)
    }
}
