using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Crypto;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Sending;
using LiquidStake.Ethereum.Signing;
using LiquidStake.IntegrationTests.Support;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Contracts.StakeWise;
using LiquidStake.Sdk.Protocols.StakeWise;
using LiquidStake.Testing;

namespace LiquidStake.IntegrationTests.StakeWise;

/// <summary>
/// The parts of the StakeWise life cycle that need the oracles and the consensus layer, driven by the kit's StakeWise
/// driver (<see cref="DevnetNode.StakeWise"/>): stake, mint, reward update, burn, exit and claim to the wei; an exit processed by a harvest after validators exit, the claim delay,
/// the claim; and a vault that fell two reward updates behind.
/// </summary>
public sealed class StakeWiseLifecycleTests(DevnetFixture fixture) : DevnetTest(fixture)
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);
    private static readonly Address OperatorA = new(Keccak256.HashUtf8("stakewise devnet vault operatorA").AsSpan(12));
    private static readonly Address OperatorB = new(Keccak256.HashUtf8("stakewise devnet vault operatorB").AsSpan(12));

    private EthereumRpcClient Rpc => Node.Rpc;

    private StakeWiseClient NewClient() => new(new LiquidStakeContext(
        Rpc,
        NetworkProfile.Devnet,
        new TransactionSender(Rpc, options: new TransactionSenderOptions { ChainId = 1, PollingInterval = TimeSpan.FromMilliseconds(20) })));

    private static PrivateKeySigner User(int i) => PrivateKeySigner.FromHex(AnvilProcess.TestPrivateKeys[i]);

    [DevnetFact]
    public async Task Stake_mint_reward_burn_exit_and_claim_reconcile_to_the_wei()
    {
        var client = NewClient();
        var user = User(3);
        var vault = new EthVault(OperatorA, Rpc);
        var controller = new OsTokenVaultController(NetworkProfile.Devnet.StakeWise!.OsTokenVaultController, Rpc);
        var osEth = new LiquidStake.Sdk.Contracts.Common.Erc20(NetworkProfile.Devnet.StakeWise!.OsToken, Rpc);

        // Stake: the Deposited shares are the user's shares.
        var staked = await client.StakeAsync(user, OperatorA, 8 * Ether);
        Assert.Equal(staked.Shares, await vault.GetSharesAsync(user.Address));
        Assert.Equal(8 * Ether, staked.Assets);

        // Mint 3 osETH shares: the position and the balance are exactly that.
        var minted = 3 * Ether;
        await client.Executor.SendAsync(await client.PrepareMintOsTokenAsync(user.Address, minted, OperatorA), user);
        var cumAtMint = await controller.CumulativeFeePerShareAsync();
        Assert.Equal(minted, await vault.OsTokenPositionsAsync(user.Address));
        Assert.Equal(minted, await osEth.BalanceOfAsync(user.Address));

        // A reward update of 0.05 ETH: totalAssets grows by it, and the vault fee is paid in shares on the new base.
        var assets0 = await vault.TotalAssetsAsync();
        var shares0 = await vault.TotalSharesAsync();
        var feePercent = await vault.FeePercentAsync();
        var reward = Ether / 20;
        await Node.StakeWise.DeliverRewardsAsync(new Dictionary<Address, BigInteger> { [OperatorA] = reward });
        Assert.Equal(assets0 + reward, await vault.TotalAssetsAsync());
        var feeAssets = reward * feePercent / 10_000;
        Assert.Equal(shares0 + feeAssets * shares0 / (assets0 + reward - feeAssets), await vault.TotalSharesAsync());

        // The position accrues the osETH treasury fee: shares * cumulativeFeePerShare(now) / cumulativeFeePerShare(at mint).
        var cumNow = await controller.CumulativeFeePerShareAsync();
        var owed = minted * cumNow / cumAtMint;
        Assert.Equal(owed, await vault.OsTokenPositionsAsync(user.Address));
        Assert.Equal(owed, (await client.GetOsTokenPositionAsync(user.Address, OperatorA)).MintedShares);

        // Burn what the user holds: the balance is zero and the position keeps only the accrued fee.
        await client.Executor.SendAsync(await client.PrepareBurnOsTokenAsync(user.Address, minted, OperatorA), user);
        var cumAtBurn = await controller.CumulativeFeePerShareAsync();
        Assert.Equal(BigInteger.Zero, await osEth.BalanceOfAsync(user.Address));
        Assert.Equal(minted * cumAtBurn / cumAtMint - minted, await vault.OsTokenPositionsAsync(user.Address));

        // Exit half the shares (the rest backs the accrued fee), validators exit, the claim delay passes, claim.
        var exitShares = staked.Shares / 2;
        await client.Executor.SendAsync(await client.PrepareEnterExitQueueAsync(user.Address, exitShares, OperatorA), user);
        var request = Assert.IsType<StakeWiseExitRequest>(Assert.Single(await client.GetWithdrawalRequestsAsync(user.Address)));
        Assert.Equal(exitShares, request.AmountRequested);
        Assert.Equal(staked.Shares - exitShares, await vault.GetSharesAsync(user.Address));
        await Node.StakeWise.ExitValidatorsAsync(OperatorA, 20 * Ether);
        await Node.StakeWise.PassExitClaimDelayAsync(request.Ticket.Timestamp, client.Options.ExitedAssetsClaimDelay);
        var claimable = Assert.IsType<StakeWiseExitRequest>(Assert.Single(await client.GetWithdrawalRequestsAsync(user.Address)));
        Assert.Equal(WithdrawalStatus.Claimable, claimable.Status);
        var raw = await vault.CalculateExitedAssetsAsync(user.Address, request.Ticket.PositionTicket, request.Ticket.Timestamp, claimable.ExitQueueIndex!.Value);
        Assert.Equal(exitShares, raw.ExitedTickets);
        Assert.Equal(raw.ExitedAssets, claimable.AmountClaimable);

        var before = await Rpc.GetBalanceAsync(user.Address);
        var receipt = (await client.Executor.SendAsync(await client.PrepareClaimAsync(user.Address, [claimable.Id]), user)).ActionReceipt;
        Assert.Equal(before + raw.ExitedAssets - (receipt.GasUsed * receipt.EffectiveGasPrice), await Rpc.GetBalanceAsync(user.Address));
        // Half the stake, priced after the harvest: more than half the deposit, by at most its share of the reward.
        Assert.InRange(raw.ExitedAssets, 4 * Ether - 2, 4 * Ether + reward);
        Assert.Equal(WithdrawalStatus.Claimed, Assert.Single(await client.GetWithdrawalRequestsAsync(user.Address)).Status);
    }

    [DevnetFact]
    public async Task Exit_is_processed_after_validators_exit_claimable_after_the_delay_and_claimed_to_the_wei()
    {
        var client = NewClient();
        var user = User(1);
        var staked = await client.StakeAsync(user, OperatorA, 10 * Ether);
        await client.Executor.SendAsync(await client.PrepareEnterExitQueueAsync(user.Address, staked.Shares, OperatorA), user);
        var pending = Assert.Single(await client.GetWithdrawalRequestsAsync(user.Address));
        Assert.Equal(WithdrawalStatus.Pending, pending.Status);
        Assert.Null(pending.AmountClaimable);
        var request = Assert.IsType<StakeWiseExitRequest>(pending);
        Assert.Null(request.ExitQueueIndex);
        Assert.Equal(staked.Shares, request.AmountRequested);

        await Node.StakeWise.ExitValidatorsAsync(OperatorA, 20 * Ether);

        var processed = Assert.IsType<StakeWiseExitRequest>(Assert.Single(await client.GetWithdrawalRequestsAsync(user.Address)));
        Assert.NotNull(processed.ExitQueueIndex);
        var vault = new EthVault(OperatorA, Rpc);
        Assert.Equal(await vault.GetExitQueueIndexAsync(request.Ticket.PositionTicket), processed.ExitQueueIndex);
        var raw = await vault.CalculateExitedAssetsAsync(user.Address, request.Ticket.PositionTicket, request.Ticket.Timestamp, processed.ExitQueueIndex!.Value);
        Assert.Equal(raw.ExitedAssets, processed.AmountClaimable);
        Assert.Equal(staked.Shares, raw.ExitedTickets);
        // The rewards delay (12 h) has passed, the claim delay (15 h) not yet: nothing is sent.
        Assert.Equal(WithdrawalStatus.Pending, processed.Status);
        var nonce = await Rpc.GetTransactionCountAsync(user.Address, BlockParameter.Latest);
        await Assert.ThrowsAsync<WithdrawalNotClaimableException>(() => client.PrepareClaimAsync(user.Address, [processed.Id]));
        Assert.Equal(nonce, await Rpc.GetTransactionCountAsync(user.Address, BlockParameter.Latest));

        await Node.StakeWise.PassExitClaimDelayAsync(request.Ticket.Timestamp, client.Options.ExitedAssetsClaimDelay);
        var claimable = Assert.Single(await client.GetWithdrawalRequestsAsync(user.Address));
        Assert.Equal(WithdrawalStatus.Claimable, claimable.Status);
        Assert.Equal(raw.ExitedAssets, claimable.AmountClaimable);

        var before = await Rpc.GetBalanceAsync(user.Address);
        var execution = await client.Executor.SendAsync(await client.PrepareClaimAsync(user.Address, [claimable.Id]), user);
        var receipt = execution.ActionReceipt;
        Assert.Equal(before + raw.ExitedAssets - (receipt.GasUsed * receipt.EffectiveGasPrice), await Rpc.GetBalanceAsync(user.Address));
        // The exit was priced at the vault's rate when the checkpoint was made: never more than was staked plus the harvests' rewards.
        Assert.InRange(raw.ExitedAssets, 10 * Ether - 2, 10 * Ether + Ether / 100);

        var claimed = Assert.Single(await client.GetWithdrawalRequestsAsync(user.Address));
        Assert.Equal(WithdrawalStatus.Claimed, claimed.Status);
        var again = await Assert.ThrowsAsync<WithdrawalNotClaimableException>(() => client.PrepareClaimAsync(user.Address, [claimed.Id]));
        Assert.Contains("already claimed", again.Message, StringComparison.Ordinal);
    }

    [DevnetFact]
    public async Task A_vault_two_reward_updates_behind_refuses_deposits_mints_and_exits_before_signing()
    {
        var client = NewClient();
        var user = User(2);
        await client.StakeAsync(user, OperatorA, 2 * Ether);
        // Two updates that only Operator B harvests: Operator A falls behind (nonce + 1 < rewardsNonce).
        await Node.StakeWise.DeliverRewardsAsync(new Dictionary<Address, BigInteger> { [OperatorB] = BigInteger.Zero }, harvestAllVaults: false);
        await Node.StakeWise.DeliverRewardsAsync(new Dictionary<Address, BigInteger> { [OperatorB] = BigInteger.Zero }, harvestAllVaults: false);
        Assert.True(await new EthVault(OperatorA, Rpc).IsStateUpdateRequiredAsync());

        var nonce = await Rpc.GetTransactionCountAsync(user.Address, BlockParameter.Latest);
        var stake = await Assert.ThrowsAsync<StakeWiseHarvestRequiredException>(() => client.PrepareStakeAsync(user.Address, OperatorA, Ether));
        Assert.Equal(OperatorA, stake.Vault);
        await Assert.ThrowsAsync<StakeWiseHarvestRequiredException>(() => client.PrepareMintOsTokenAsync(user.Address, Ether / 2, OperatorA));
        await Assert.ThrowsAsync<StakeWiseHarvestRequiredException>(() => client.PrepareEnterExitQueueAsync(user.Address, Ether, OperatorA));
        Assert.Equal(nonce, await Rpc.GetTransactionCountAsync(user.Address, BlockParameter.Latest));
        Assert.True((await client.QuoteStakeAsync(OperatorA, Ether)).IsPaused);
        // Operator B kept up and still takes deposits.
        await client.Executor.SendAsync(await client.PrepareStakeAsync(user.Address, OperatorB, Ether / 10), user);
    }
}
