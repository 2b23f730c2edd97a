using System.Numerics;
using LiquidStake.Testing;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Signing;
using LiquidStake.IntegrationTests.Support;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Contracts.Common;
using LiquidStake.Sdk.Contracts.EigenLayer;
using LiquidStake.Sdk.Protocols.EigenLayer;
using LiquidStake.Sdk.Protocols.Lido;
using LiquidStake.Sdk.Protocols.RocketPool;
using LiquidStake.Sdk.Services;
using ExternalTestSigner = LiquidStake.IntegrationTests.Lido.ExternalTestSigner;

namespace LiquidStake.IntegrationTests.EigenLayer;

/// <summary>Restaking end to end through the public API: rETH, composed ETH → stETH → EigenLayer, external signers, pre-flight refusals.</summary>
public sealed class EigenLayerRestakeTests(DevnetFixture fixture) : EigenLayerTestBase(fixture)
{
    [DevnetFact]
    public async Task REth_deposit_restake_delegate_queue_complete_reconciles_to_the_wei()
    {
        var reth = Token(REth);
        var strategy = Strategy(REthStrategy);
        var minted = (await new RocketPoolClient(Context).DepositAsync(User, 4 * Ether)).RethMinted;
        Assert.True(minted.Sign > 0);
        Assert.Equal(minted, await reth.BalanceOfAsync(User.Address));

        // rETH moves exactly: the quote (underlyingToSharesView) is the shares minted, to the wei.
        var rethToken = Assert.Single(Client.DepositTokens, t => t.Address == REth);
        Assert.Equal("rETH", rethToken.Symbol);
        var quote = await Client.QuoteDepositAsync(rethToken, minted);
        Assert.Equal(REthStrategy, quote.TokenOut.Address);
        var totalBefore = await strategy.TotalSharesAsync();
        var balanceBefore = await reth.BalanceOfAsync(REthStrategy);
        var deposit = await Client.DepositAsync(User, REth, minted);
        Assert.Equal(minted * (totalBefore + 1000) / (balanceBefore + 1000), deposit.Shares);
        Assert.Equal(quote.ExpectedOut, deposit.Shares);
        Assert.Equal(REthStrategy, deposit.Strategy);
        Assert.Equal(balanceBefore + minted, await reth.BalanceOfAsync(REthStrategy));
        Assert.Equal(BigInteger.Zero, await reth.BalanceOfAsync(User.Address));

        var op = await OpenOperatorAsync();
        await Client.DelegateAsync(User, op);
        var operatorSharesBefore = (await Delegation.GetOperatorSharesAsync(op, [REthStrategy]))[0];

        var queued = Assert.Single((await Client.QueueWithdrawalAsync(User, REthStrategy, deposit.Shares)).Withdrawals);
        Assert.Equal(operatorSharesBefore - deposit.Shares, (await Delegation.GetOperatorSharesAsync(op, [REthStrategy]))[0]);
        Assert.Equal([deposit.Shares], queued.WithdrawableShares);

        await Node.EigenLayer.PassWithdrawalDelayAsync();
        var request = Assert.IsType<EigenLayerWithdrawalRequest>(await Client.GetWithdrawalRequestAsync(User.Address, WithdrawalId.ForRoot(ProtocolId.EigenLayer, queued.Root)));
        Assert.Equal(WithdrawalStatus.Claimable, request.Status);
        Assert.Equal([deposit.Shares], request.Shares);

        var expectedOut = await strategy.SharesToUnderlyingViewAsync(deposit.Shares);
        var completion = await Client.CompleteAsync(User, [queued.Root]);
        Assert.Equal([queued.Root], completion.CompletedRoots);
        var received = Assert.Single(completion.TokensReceived);
        Assert.Equal(REth, received.Token);
        Assert.Equal(expectedOut, received.Amount);
        Assert.Equal(expectedOut, await reth.BalanceOfAsync(User.Address));
        Assert.Equal(balanceBefore + minted - expectedOut, await reth.BalanceOfAsync(REthStrategy));
        Assert.Equal(totalBefore, await strategy.TotalSharesAsync());
        // Virtual shares and assets round the exit down: at most 1 wei of rETH is left in the strategy.
        Assert.InRange(minted - expectedOut, BigInteger.Zero, BigInteger.One);
        // Completed withdrawals are deleted on chain; their events still show them as claimed.
        var claimed = await Client.GetWithdrawalRequestAsync(User.Address, WithdrawalId.ForRoot(ProtocolId.EigenLayer, queued.Root));
        Assert.Equal(WithdrawalStatus.Claimed, claimed!.Status);
        Assert.Equal("EL-rETH", claimed.Token.Symbol);
    }

    private sealed record LifecycleOutcome(BigInteger StEthStaked, BigInteger Shares, Hash32 Root, Withdrawal Withdrawal, BigInteger Received, BigInteger FinalStEth);

    private async Task<LifecycleOutcome> RunStEthLifecycleAsync(ISigner signer)
    {
        // A fresh context per run: the nonce cache must not survive the snapshot revert between runs.
        var context = new LiquidStakeContext(Node.Rpc, NetworkProfile.Devnet);
        var client = new EigenLayerClient(context);
        var staked = await GetStEthAsync(signer, 6 * Ether, context);
        var deposit = await client.DepositAsync(signer, StEth, 5 * Ether);
        var op = (await client.GetOperatorsAsync()).First(o => !o.RequiresApproval).Operator;
        await client.DelegateAsync(signer, op);
        var queued = Assert.Single((await client.QueueWithdrawalAsync(signer, StEthStrategy, deposit.Shares)).Withdrawals);
        await Node.EigenLayer.PassWithdrawalDelayAsync();
        var completion = await client.CompleteAsync(signer, [queued.Root]);
        return new LifecycleOutcome(staked, deposit.Shares, queued.Root, queued.Withdrawal, Assert.Single(completion.TokensReceived).Amount,
            await Token(StEth).BalanceOfAsync(signer.Address));
    }

    [DevnetFact]
    public async Task External_signer_runs_the_stEth_lifecycle_with_the_same_shares_roots_and_amounts()
    {
        var snapshot = await Node.SnapshotAsync();
        var withKey = await RunStEthLifecycleAsync(User);
        await Node.RevertAsync(snapshot);

        var external = new ExternalTestSigner(Hex.Decode(AnvilProcess.TestPrivateKeys[1]));
        Assert.Equal(User.Address, external.Address);
        var withExternal = await RunStEthLifecycleAsync(external);

        // stake, approve, deposit, delegate, queue, complete: six transactions signed outside the SDK.
        Assert.Equal(6, external.TransactionsSigned);
        Assert.Equal(withKey.StEthStaked, withExternal.StEthStaked);
        Assert.Equal(withKey.Shares, withExternal.Shares);
        Assert.Equal(withKey.Root, withExternal.Root);
        Assert.Equal(withKey.Withdrawal.StartBlock, withExternal.Withdrawal.StartBlock);
        Assert.Equal(withKey.Withdrawal.Nonce, withExternal.Withdrawal.Nonce);
        Assert.Equal(withKey.Withdrawal.ScaledShares, withExternal.Withdrawal.ScaledShares);
        Assert.Equal(withKey.Received, withExternal.Received);
        Assert.Equal(withKey.FinalStEth, withExternal.FinalStEth);
    }

    [DevnetFact]
    public async Task Eth_to_stEth_to_EigenLayer_composes_simulates_and_mints_the_quoted_shares()
    {
        var lido = new LidoClient(Context);
        var service = new StakingService([lido, Client]);
        var amount = 3 * Ether;
        var lidoQuote = await lido.QuoteStakeAsync(amount);
        // The service hands the next step the stETH quoted minus its rebasing margin (stETH transfers may deliver 1–2 wei less).
        var carried = lidoQuote.ExpectedOut - new StakingServiceOptions().RebasingTransferMargin;
        var stEthToken = Assert.Single(Client.DepositTokens, t => t.Address == StEth);
        Assert.Equal("stETH", stEthToken.Symbol);
        var elQuote = await Client.QuoteDepositAsync(stEthToken, carried);

        var plan = await service.ComposeStakePlanAsync(User.Address, amount, [ProtocolId.Lido, ProtocolId.EigenLayer]);
        Assert.Equal(2, plan.Parts.Count);
        // The user holds no stETH yet: the EigenLayer part skipped the balance check and approves exactly the carried amount.
        var elPart = plan.Parts[1];
        Assert.Equal(2, elPart.Steps.Count);
        Assert.Equal(TransactionStepKind.Approval, elPart.Steps[0].Kind);
        Assert.Equal((Address?)StEth, elPart.Steps[0].Request.To);
        Assert.Equal(Erc20.EncodeApprove(StrategyManagerAddress, carried), elPart.Steps[0].Request.Data.ToArray());

        var prepared = plan.ToPreparedTransaction();
        var nonce = await NonceAsync(User.Address);
        var simulation = await Client.Executor.SimulateAsync(prepared, User.Address);
        Assert.True(simulation.Succeeded, simulation.FirstRevert?.Message);
        Assert.Equal(nonce, await NonceAsync(User.Address));

        var totalBefore = await Strategy(StEthStrategy).TotalSharesAsync();
        var execution = await Client.Executor.SendAsync(prepared, User);
        Assert.Equal(prepared.Steps.Count, execution.Receipts.Count);
        var deposit = Client.DecodeDeposit(execution);
        var balanceAfter = await Token(StEth).BalanceOfAsync(StEthStrategy);

        Assert.Equal(User.Address, deposit.Staker);
        Assert.Equal(deposit.Shares, await StrategyManager.StakerDepositSharesAsync(User.Address, StEthStrategy));
        // The chain: newShares = a * (T + 1000) / (B_after + 1000 - a), with B_after the stETH the strategy actually holds.
        Assert.Equal(carried * (totalBefore + 1000) / (balanceAfter + 1000 - carried), deposit.Shares);
        // The quote: underlyingToSharesView before the plan ran. The transfer's 1–2 wei stETH shortfall (and the Lido stake's
        // rounding of the strategy's stETH balance) can move the denominator by a few wei, i.e. the shares by at most 1.
        Assert.InRange(deposit.Shares - elQuote.ExpectedOut, BigInteger.Zero, BigInteger.One);
        // What is left of the Lido stake is the margin, give or take the share rounding of two stETH moves.
        Assert.InRange(await Token(StEth).BalanceOfAsync(User.Address), BigInteger.Zero, new BigInteger(3));
    }

    [DevnetFact]
    public async Task Restaking_more_than_the_balance_is_refused_pre_flight_naming_token_and_account()
    {
        var balance = await GetStEthAsync(User, 2 * Ether);
        var nonce = await NonceAsync(User.Address);
        var ex = await Assert.ThrowsAsync<InsufficientBalanceException>(() => Client.PrepareDepositAsync(User.Address, StEth, balance + 1));
        Assert.Equal(balance, ex.Balance);
        Assert.Equal("amount", ex.ParamName);
        Assert.Equal($"Invalid argument 'amount': {ProtocolId.EigenLayer}: {User.Address} holds {balance} wei of stETH, less than {balance + 1} wei of stETH (limit: at most {balance} wei of stETH).", ex.Message);
        Assert.DoesNotContain("held by", ex.Message, StringComparison.Ordinal);

        // cbETH is named from its mainnet address (the devnet mock sits there too).
        var cbEth = Assert.Single(Client.DepositTokens, t => t.Symbol == "cbETH").Address;
        Assert.Equal(Address.Parse("0xBe9895146f7AF43049ca1c1AE358B0541Ea49704"), cbEth);
        var cb = await Assert.ThrowsAsync<InsufficientBalanceException>(() => Client.PrepareDepositAsync(User.Address, cbEth, Ether));
        Assert.Contains($"{User.Address} holds 0 wei of cbETH", cb.Message, StringComparison.Ordinal);

        // The signed-deposit path checks the payer, and names the payer.
        var staker = Node.Accounts[2];
        var stakerNonce = await NonceAsync(staker.Address);
        var signed = await Assert.ThrowsAsync<InsufficientBalanceException>(() =>
            Client.PrepareDepositWithSignatureAsync(User.Address, staker, StEth, balance + 1, DateTimeOffset.UtcNow.AddHours(1)));
        Assert.StartsWith($"Invalid argument 'amount': {ProtocolId.EigenLayer}: {User.Address} holds {balance} wei of stETH", signed.Message, StringComparison.Ordinal);

        Assert.Equal(nonce, await NonceAsync(User.Address));
        Assert.Equal(stakerNonce, await NonceAsync(staker.Address));
        Assert.Equal(BigInteger.Zero, await StrategyManager.StakerDepositSharesAsync(User.Address, StEthStrategy));
    }

    [DevnetFact]
    public async Task Missing_allowance_is_covered_by_an_exact_approval_and_the_bare_deposit_is_refused_in_simulation()
    {
        var balance = await GetStEthAsync(User, 2 * Ether);
        var amount = balance / 2;
        var nonce = await NonceAsync(User.Address);

        var plan = await Client.PrepareDepositAsync(User.Address, StEth, amount);
        Assert.Equal(2, plan.Steps.Count);
        Assert.Equal(TransactionStepKind.Approval, plan.Steps[0].Kind);
        Assert.Equal(Erc20.EncodeApprove(StrategyManagerAddress, amount), plan.Steps[0].Request.Data.ToArray());
        Assert.Contains("stETH", plan.Steps[0].Description, StringComparison.Ordinal);

        // Without the approval the deposit would revert on chain: the simulation reports it, nothing is sent.
        var bare = new PreparedTransaction(ProtocolId.EigenLayer, plan.Description, [plan.Action]);
        var refused = await Client.Executor.SimulateAsync(bare, User.Address);
        Assert.False(refused.Succeeded);
        Assert.NotNull(refused.FirstRevert);
        var full = await Client.Executor.SimulateAsync(plan, User.Address);
        Assert.True(full.Succeeded, full.FirstRevert?.Message);
        Assert.Equal(nonce, await NonceAsync(User.Address));

        // A partial allowance is still short: the plan approves the exact amount again; a sufficient one needs no approval.
        await Node.SendAsync(Token(StEth).PrepareApprove(StrategyManagerAddress, amount - 1) with { From = User.Address }, User);
        var partial = await new EigenLayerClient(new LiquidStakeContext(Node.Rpc, NetworkProfile.Devnet)).PrepareDepositAsync(User.Address, StEth, amount);
        Assert.Equal(2, partial.Steps.Count);
        await Node.SendAsync(Token(StEth).PrepareApprove(StrategyManagerAddress, amount) with { From = User.Address }, User);
        var enough = await new EigenLayerClient(new LiquidStakeContext(Node.Rpc, NetworkProfile.Devnet)).PrepareDepositAsync(User.Address, StEth, amount);
        Assert.Equal(TransactionStepKind.Action, Assert.Single(enough.Steps).Kind);

        // Funded by an earlier step: the approval is always there, and the balance is not checked.
        var funded = await Client.PrepareDepositAsync(User.Address, Client.DepositTokens.Single(t => t.Address == StEth), balance * 10, fundedByEarlierStep: true);
        Assert.Equal(2, funded.Steps.Count);
        Assert.Equal(Erc20.EncodeApprove(StrategyManagerAddress, balance * 10), funded.Steps[0].Request.Data.ToArray());
    }

    [DevnetFact]
    public async Task Withdrawal_reader_and_wait_estimator_follow_the_delay()
    {
        var now = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var client = new EigenLayerClient(new LiquidStakeContext(Node.Rpc, NetworkProfile.Devnet, timeProvider: new FixedTimeProvider(now)));
        var estimator = Assert.IsAssignableFrom<IWithdrawalWaitEstimator>(client);
        var delay = (ulong)await Delegation.MinWithdrawalDelayBlocksAsync();
        Assert.Equal(TimeSpan.FromSeconds(12 * (delay + 1)), await estimator.EstimateWithdrawalWaitAsync(Ether));
        await Assert.ThrowsAsync<AmountNotPositiveException>(() => estimator.EstimateWithdrawalWaitAsync(BigInteger.Zero));

        await GetStEthAsync(User, 2 * Ether);
        var deposit = await client.DepositAsync(User, StEth, Ether);
        var queued = Assert.Single((await client.QueueWithdrawalAsync(User, StEthStrategy, deposit.Shares / 2)).Withdrawals);
        var id = WithdrawalId.ForRoot(ProtocolId.EigenLayer, queued.Root);

        var pending = Assert.IsType<EigenLayerWithdrawalRequest>(await client.GetWithdrawalRequestAsync(User.Address, id));
        var listed = Assert.Single(await client.GetQueuedWithdrawalsAsync(User.Address));
        var head = await Rpc.GetBlockNumberAsync();
        Assert.Equal(id, pending.Id);
        Assert.Equal(WithdrawalStatus.Pending, pending.Status);
        Assert.Equal((ulong)queued.Withdrawal.StartBlock + delay + 1, pending.ClaimableAtBlock);
        Assert.Equal(now + TimeSpan.FromSeconds(12 * (double)(pending.ClaimableAtBlock!.Value - head - 1)), pending.EstimatedClaimableAt);
        Assert.Equal(listed.Root, pending.Root);
        Assert.Equal(listed.Shares, pending.Shares);
        Assert.Equal(deposit.Shares / 2, pending.AmountRequested);
        Assert.Equal(User.Address, pending.Owner);

        // Another owner, an unknown root, another protocol's id.
        Assert.Null(await client.GetWithdrawalRequestAsync(Node.Accounts[2].Address, id));
        Assert.Null(await client.GetWithdrawalRequestAsync(User.Address, WithdrawalId.ForRoot(ProtocolId.EigenLayer, new Hash32(LiquidStake.Ethereum.Crypto.Keccak256.HashUtf8("no such withdrawal")))));
        await Assert.ThrowsAsync<LiquidStakeArgumentException>(() => client.GetWithdrawalRequestAsync(User.Address, WithdrawalId.ForRequest(ProtocolId.Lido, 7)));

        Assert.Equal(TimeSpan.FromSeconds(12 * (delay + 1)), await estimator.EstimateWithdrawalWaitAsync(Ether));
        await Node.EigenLayer.PassWithdrawalDelayAsync();
        var claimable = Assert.IsType<EigenLayerWithdrawalRequest>(await client.GetWithdrawalRequestAsync(User.Address, id));
        Assert.Equal(WithdrawalStatus.Claimable, claimable.Status);
        Assert.Null(claimable.EstimatedClaimableAt);
        Assert.Equal((ulong)queued.Withdrawal.StartBlock + delay + 1, claimable.ClaimableAtBlock);

        await client.CompleteAsync(User, [queued.Root]);
        var claimed = Assert.IsType<EigenLayerWithdrawalRequest>(await client.GetWithdrawalRequestAsync(User.Address, id));
        Assert.Equal(WithdrawalStatus.Claimed, claimed.Status);
        Assert.Equal(claimable.Root, claimed.Root);
        Assert.Equal(claimable.Withdrawal.StartBlock, claimed.Withdrawal.StartBlock);
        Assert.Equal(claimable.AmountRequested, claimed.AmountRequested);
        // Another staker does not see it, and a root never queued is unknown.
        Assert.Null(await client.GetWithdrawalRequestAsync(Node.Accounts[3].Address, id));
        Assert.Null(await client.GetWithdrawalRequestAsync(User.Address, WithdrawalId.ForRoot(ProtocolId.EigenLayer, new Hash32(new byte[32]))));
    }
}
