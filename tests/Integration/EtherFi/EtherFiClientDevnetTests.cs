using LiquidStake.Sdk.Withdrawals;
using System.Numerics;
using LiquidStake.Testing;
using LiquidStake.IntegrationTests.Support;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Contracts;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Contracts.EtherFi;
using LiquidStake.Sdk.Protocols.EtherFi;

namespace LiquidStake.IntegrationTests.EtherFi;

public sealed class EtherFiClientDevnetTests(DevnetFixture fixture) : EtherFiDevnetTestBase(fixture)
{
    // Formulas of etherfi.md §4-§5.5, written out here independently of EtherFiMath.
    private static BigInteger Floor(BigInteger a, BigInteger b) => a / b;
    private static BigInteger Ceil(BigInteger a, BigInteger b) => (a + b - 1) / b;

    [Fact]
    public async Task Deposit_mints_floor_shares_and_reconciles_eth_to_the_wei()
    {
        var (p, s) = await PoolAsync();
        var d = Ether * 3 / 2;
        var ethBefore = await EthBalanceAsync(User.Address);

        var quote = await Client.QuoteDepositAsync(d);
        var result = await Client.DepositAsync(User, d);

        var expectedShares = Floor(d * s, p);
        var expectedBalance = Floor(expectedShares * (p + d), s + expectedShares);
        Assert.Equal(expectedShares, quote.Shares);
        Assert.Equal(expectedBalance, quote.EEthAmount);
        Assert.Equal(d, result.EthDeposited);
        Assert.Equal(expectedShares, result.SharesMinted);
        // The mint's Transfer value is priced after S grew (mainnet EETH.mintShares): the quoted balance, not floor(shares*(P+d)/S).
        Assert.Equal(expectedBalance, result.EEthMinted);
        Assert.NotEqual(Floor(expectedShares * (p + d), s), result.EEthMinted);
        Assert.Equal(expectedShares, await SharesAsync(User.Address));
        Assert.Equal(expectedBalance, await EEthBalanceAsync(User.Address));
        Assert.Equal(ethBefore - d - GasCost(result.Execution), await EthBalanceAsync(User.Address));
        Assert.Single(result.Execution.Receipts);

        var positions = await Client.GetPositionsAsync(User.Address);
        var eEth = positions.Single(x => x.Token.Symbol == "eETH");
        Assert.Equal(expectedBalance, eEth.Balance);
        Assert.Equal(expectedShares, eEth.Shares);
        Assert.Equal(expectedBalance, eEth.EthValue);
        Assert.Equal(BigInteger.Zero, positions.Single(x => x.Token.Symbol == "weETH").Balance);
    }

    [Fact]
    public async Task Deposit_for_weEth_through_the_adapter_gives_the_quoted_weEth()
    {
        var (p, s) = await PoolAsync();
        var d = 2 * Ether;
        var ethBefore = await EthBalanceAsync(User.Address);
        var result = await Client.DepositForWeEthAsync(User, d);

        var shares = Floor(d * s, p);
        var eEth = Floor(shares * (p + d), s + shares);
        var weEth = Floor(eEth * (s + shares), p + d);
        Assert.Equal(weEth, result.WeEthReceived);
        Assert.Equal(eEth, result.EEthMinted); // the adapter's mint, priced after the mint
        Assert.Equal(d, result.EthDeposited);
        Assert.Equal(weEth, await WeEthBalanceAsync(User.Address));
        Assert.Equal(ethBefore - d - GasCost(result.Execution), await EthBalanceAsync(User.Address));
    }

    [Fact]
    public async Task Full_lifecycle_deposit_wrap_unwrap_request_finalize_claim()
    {
        await Client.DepositAsync(User, 10 * Ether);

        // wrap 5 eETH (approve path): weETH = floor(x*S/P)
        var (p, s) = await PoolAsync();
        var wrapPlan = await Client.PrepareWrapAsync(User.Address, 5 * Ether);
        Assert.Equal([TransactionStepKind.Approval, TransactionStepKind.Action], wrapPlan.Steps.Select(x => x.Kind));
        var wrap = await Client.WrapAsync(User, 5 * Ether, usePermit: false);
        var expectedWeEth = Floor(5 * Ether * s, p);
        Assert.Equal(expectedWeEth, wrap.WeEthAmount);
        Assert.Equal(5 * Ether, wrap.EEthAmount);
        Assert.Equal(expectedWeEth, await WeEthBalanceAsync(User.Address));
        var weEthPosition = (await Client.GetPositionsAsync(User.Address)).Single(x => x.Token.Symbol == "weETH");
        Assert.Equal(Floor(expectedWeEth * p, s), weEthPosition.EthValue);

        // unwrap half: eETH = floor(w*P/S)
        var half = expectedWeEth / 2;
        var sharesBefore = await SharesAsync(User.Address);
        var unwrap = await Client.UnwrapAsync(User, half);
        var expectedEEth = Floor(half * p, s);
        Assert.Equal(expectedEEth, unwrap.EEthAmount);
        Assert.Equal(half, unwrap.WeEthAmount);
        Assert.Equal(sharesBefore + Floor(expectedEEth * s, p), await SharesAsync(User.Address));
        Assert.Equal(expectedWeEth - half, await WeEthBalanceAsync(User.Address));

        // request 2 eETH
        var nextId = await Client.WithdrawRequestNft.NextRequestIdAsync();
        var request = await Client.RequestWithdrawalAsync(User, 2 * Ether, usePermit: false);
        Assert.Equal(nextId, request.RequestId);
        Assert.Equal(2 * Ether, request.AmountOfEEth);
        Assert.Equal(Floor(2 * Ether * s, p), request.ShareOfEEth);
        Assert.Equal(User.Address, request.Owner);
        Assert.Equal(User.Address, await Client.WithdrawRequestNft.OwnerOfAsync(request.RequestId));
        var pending = await Client.GetWithdrawalStatusAsync(request.RequestId);
        Assert.False(pending.IsFinalized);
        Assert.Null(pending.ClaimableAmount);
        Assert.Equal(WithdrawalStatus.Pending, (await Client.GetWithdrawalRequestsAsync(User.Address)).Single().Status);
        await Assert.ThrowsAsync<WithdrawalNotClaimableException>(() => Client.PrepareClaimAsync(User.Address, [request.Id]));

        // finalize: rate = ceil(1e18*P/S); claimable = min(amount, floor(share*rate/1e18))
        var (pf, sf) = await PoolAsync();
        await Devnet.FinalizeRequestsAsync(request.RequestId);
        var rate = Ceil(Ether * pf, sf);
        var expectedClaim = BigInteger.Min(2 * Ether, Floor(request.ShareOfEEth * rate, Ether));
        var final = await Client.GetWithdrawalStatusAsync(request.RequestId);
        Assert.True(final.IsClaimable);
        Assert.Equal(rate, final.Rate);
        Assert.Equal(expectedClaim, final.ClaimableAmount);
        Assert.Equal(expectedClaim, await Client.WithdrawRequestNft.GetClaimableAmountAsync(request.RequestId));
        var listed = (await Client.GetWithdrawalRequestsAsync(User.Address)).Single();
        Assert.Equal(WithdrawalStatus.Claimable, listed.Status);
        Assert.Equal(expectedClaim, listed.AmountClaimable);

        var ethBefore = await EthBalanceAsync(User.Address);
        var claim = await Client.ClaimAsync(User, [request.Id]);
        var claimed = Assert.Single(claim.Claims);
        Assert.Equal(request.RequestId, claimed.RequestId);
        Assert.Equal(expectedClaim, claimed.EthPaid);
        Assert.Equal(request.ShareOfEEth, claimed.SharesBurned);
        Assert.Equal(ethBefore + expectedClaim - GasCost(claim.Execution), await EthBalanceAsync(User.Address));
        Assert.Equal(WithdrawalStatus.Claimed, (await Client.GetWithdrawalRequestsAsync(User.Address)).Single().Status);
        await Assert.ThrowsAsync<WithdrawalNotClaimableException>(() => Client.PrepareClaimAsync(User.Address, [request.Id]));
    }

    [Fact]
    public async Task Listing_many_owners_at_once_follows_transfers_and_claims()
    {
        await Client.DepositAsync(User, 5 * Ether);
        await Client.DepositAsync(Other, 5 * Ether);
        var kept = await Client.RequestWithdrawalAsync(User, Ether);
        var given = await Client.RequestWithdrawalAsync(User, Ether / 2);
        var claimed = await Client.RequestWithdrawalAsync(Other, Ether / 4);
        await Node.SendAsync(Devnet.WithdrawRequestNft.PrepareTransferFrom(User.Address, Other.Address, given.RequestId), User);
        await Devnet.FinalizeRequestsAsync(claimed.RequestId);
        await Client.ClaimAsync(Other, [claimed.Id]);
        var nobody = Node.Accounts[7].Address;

        var listed = await ((IWithdrawalBatchLister)Client).GetWithdrawalRequestsAsync([User.Address, Other.Address, nobody]);

        // User still holds one NFT; Other received one and claimed its own (burned, shown as Claimed at its request amount).
        Assert.Equal([kept.RequestId], listed[User.Address].Select(r => r.Id.RequestId!.Value));
        var others = listed[Other.Address].ToDictionary(r => r.Id.RequestId!.Value);
        Assert.Equal(new[] { given.RequestId, claimed.RequestId }.Order(), others.Keys.Order());
        Assert.Equal(WithdrawalStatus.Claimable, others[given.RequestId].Status);
        Assert.Equal(WithdrawalStatus.Claimed, others[claimed.RequestId].Status);
        Assert.Equal(Ether / 4, others[claimed.RequestId].AmountRequested);
        Assert.Empty(listed[nobody]);
        foreach (var owner in new[] { User.Address, Other.Address })
            Assert.Equal(await Client.GetWithdrawalRequestsAsync(owner), listed[owner]);
    }

    [Fact]
    public async Task Batch_claim_pays_every_request()
    {
        await Client.DepositAsync(User, 5 * Ether);
        var a = await Client.RequestWithdrawalAsync(User, Ether);
        var b = await Client.RequestWithdrawalAsync(User, Ether / 2);
        await Devnet.FinalizeRequestsAsync(b.RequestId);
        var statuses = await Client.GetWithdrawalStatusesAsync([a.RequestId, b.RequestId]);
        var plan = await Client.PrepareClaimAsync(User.Address, [a.Id, b.Id]);
        Assert.Equal(WithdrawRequestNft.EncodeBatchClaimWithdraw([a.RequestId, b.RequestId]), plan.Action.Request.Data.ToArray());
        var ethBefore = await EthBalanceAsync(User.Address);
        var claim = await Client.ClaimAsync(User, [a.Id, b.Id]);
        Assert.Equal([a.RequestId, b.RequestId], claim.Claims.Select(c => c.RequestId));
        Assert.Equal(statuses[0].ClaimableAmount!.Value + statuses[1].ClaimableAmount!.Value, claim.TotalEthPaid);
        Assert.Equal(ethBefore + claim.TotalEthPaid - GasCost(claim.Execution), await EthBalanceAsync(User.Address));
    }

    [Theory]
    [InlineData(EtherFiRedeemToken.EEth)]
    [InlineData(EtherFiRedeemToken.WeEth)]
    public async Task Instant_redeem_pays_the_exact_amount_and_fee(EtherFiRedeemToken token)
    {
        await Client.DepositAsync(User, 100 * Ether);
        if (token == EtherFiRedeemToken.WeEth) await Client.WrapAsync(User, 60 * Ether);
        var amount = token == EtherFiRedeemToken.EEth ? 50 * Ether : 40 * Ether;

        var (p, s) = await PoolAsync();
        var info = await Client.RedemptionManager.TokenToRedemptionInfoAsync(EtherFiClient.EthOutputToken);
        var fee = info.ExitFeeInBps;
        var split = info.ExitFeeSplitToTreasuryInBps;
        var eEthAmount = token == EtherFiRedeemToken.EEth ? amount : Floor(amount * p, s);
        var shares = Floor(eEthAmount * s, p);
        var toReceiver = Floor(Floor(shares * (10_000 - fee), 10_000) * p, s);
        var feeShares = shares - Ceil(toReceiver * s, p);
        var treasuryShares = Floor(feeShares * split, 10_000);
        var feeToTreasury = Floor(treasuryShares * p, s);
        var feeToStakers = Floor((feeShares - treasuryShares) * p, s);

        var quote = await Client.QuoteRedeemAsync(token, amount);
        Assert.Equal(30, quote.ExitFeeBps);
        Assert.Equal(eEthAmount, quote.EEthAmount);
        Assert.Equal(toReceiver, quote.AmountOut);
        Assert.Equal(feeToTreasury, quote.FeeToTreasury);
        Assert.Equal(feeToStakers, quote.FeeToStakers);
        Assert.True(quote.CanRedeem);
        Assert.Equal(await Client.RedemptionManager.TotalRedeemableAmountAsync(EtherFiClient.EthOutputToken), quote.TotalRedeemable);

        var ethBefore = await EthBalanceAsync(User.Address);
        var result = await Client.RedeemAsync(User, token, amount);
        Assert.Single(result.Execution.Receipts); // permit, no approval transaction
        Assert.Equal(eEthAmount, result.RedemptionAmount);
        Assert.Equal(feeToTreasury, result.FeeToTreasury);
        Assert.Equal(feeToStakers, result.FeeToStakers);
        Assert.Equal(feeToTreasury + feeToStakers, result.Fee);
        Assert.Equal(toReceiver, result.AmountOut);
        Assert.Equal(User.Address, result.Receiver);
        Assert.Equal(ethBefore + toReceiver - GasCost(result.Execution), await EthBalanceAsync(User.Address));
    }

    [Fact]
    public async Task Rebase_changes_positions_by_the_formula()
    {
        await Client.DepositAsync(User, 20 * Ether);
        await Client.WrapAsync(User, 8 * Ether);
        var shares = await SharesAsync(User.Address);
        var weEth = await WeEthBalanceAsync(User.Address);
        var (p, s) = await PoolAsync();

        await Devnet.RebaseAsync(500, 7 * 86_400); // 500 bps over 7 days stays under the 25 bps cap of one rebase
        var rewards = Floor(p * 500 * 7 * 86_400, 10_000 * 31_536_000L);
        var p2 = p + rewards;
        Assert.Equal((p2, s), await PoolAsync());

        var positions = await Client.GetPositionsAsync(User.Address);
        var eEth = positions.Single(x => x.Token.Symbol == "eETH");
        Assert.Equal(Floor(p2 * shares, s), eEth.Balance);
        Assert.Equal(shares, eEth.Shares);
        var we = positions.Single(x => x.Token.Symbol == "weETH");
        Assert.Equal(weEth, we.Balance);
        Assert.Equal(Floor(weEth * p2, s), we.EthValue);
        var rate = await Client.GetExchangeRateAsync();
        Assert.Equal(await Client.GetWeEthRateAsync(), rate.ToQuote(Ether));
        Assert.Equal(Floor(Ether * p2, s), rate.ToQuote(Ether));
    }

    [Fact]
    public async Task Apr_is_computed_from_rebase_events_over_the_window()
    {
        // The look-back covers exactly the two rebases below (the chain may have older ones in its history).
        var first = await Devnet.RebaseAsync(300, 86_400);
        var (p1, s1) = await PoolAsync();
        var t1 = await Node.GetBlockTimestampAsync(BlockParameter.AtNumber(first.BlockNumber));
        await Node.IncreaseTimeAsync(TimeSpan.FromDays(1));
        var second = await Devnet.RebaseAsync(300, 86_400);
        var (p2, s2) = await PoolAsync();
        var t2 = await Node.GetBlockTimestampAsync(BlockParameter.AtNumber(second.BlockNumber));

        var apr = await NewClient(new EtherFiClientOptions { AprLookbackBlocks = second.BlockNumber - first.BlockNumber }).GetAprAsync();
        Assert.Equal(2, apr.DataPoints);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds((long)t1), apr.From);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds((long)t2), apr.To);
        var expectedScaled = (p2 * s1 - p1 * s2) * 31_536_000 * 100 * 1_000_000_000_000 / (p1 * s2 * (t2 - t1));
        Assert.Equal((decimal)expectedScaled / 1_000_000_000_000m, apr.Percent);
        Assert.InRange(apr.Percent, 2.9m, 3.0m);
    }

    [DevnetFact]
    public async Task Permit_and_approve_paths_give_the_same_result()
    {
        await Client.DepositAsync(User, 10 * Ether);
        var snapshot = await SnapshotAsync();

        var permitPlan = await Client.PrepareWrapAsync(User.Address, 3 * Ether, User);
        Assert.Single(permitPlan.Steps);
        Assert.Equal(WeEth.WrapWithPermitSelector.ToArray(), permitPlan.Action.Request.Data[..4].ToArray());
        var permitWrap = await Client.WrapAsync(User, 3 * Ether, usePermit: true);
        var permitRequest = await Client.RequestWithdrawalAsync(User, 2 * Ether, usePermit: true);
        Assert.Single(permitRequest.Execution.Receipts);
        var permitState = (await SharesAsync(User.Address), await WeEthBalanceAsync(User.Address));

        await RevertAsync(snapshot);
        var approveWrap = await Client.WrapAsync(User, 3 * Ether, usePermit: false);
        var approveRequest = await Client.RequestWithdrawalAsync(User, 2 * Ether, usePermit: false);
        Assert.Equal(2, approveRequest.Execution.Receipts.Count);
        var approveState = (await SharesAsync(User.Address), await WeEthBalanceAsync(User.Address));

        Assert.Equal(permitWrap.WeEthAmount, approveWrap.WeEthAmount);
        Assert.Equal(permitWrap.SharesMoved, approveWrap.SharesMoved);
        Assert.Equal(permitRequest.RequestId, approveRequest.RequestId);
        Assert.Equal(permitRequest.ShareOfEEth, approveRequest.ShareOfEEth);
        Assert.Equal(permitState, approveState);
    }

    [DevnetFact]
    public async Task External_signer_gives_the_same_result_as_the_private_key_signer()
    {
        var external = new ExternalTestSigner(LiquidStake.Testing.AnvilProcess.TestPrivateKeys[1]);
        Assert.Equal(User.Address, external.Address);
        var snapshot = await SnapshotAsync();

        var d1 = await Client.DepositAsync(User, 4 * Ether);
        var w1 = await Client.WrapAsync(User, 2 * Ether);
        var r1 = await Client.RedeemAsync(User, EtherFiRedeemToken.WeEth, w1.WeEthAmount / 2);

        await RevertAsync(snapshot);
        var d2 = await Client.DepositAsync(external, 4 * Ether);
        var w2 = await Client.WrapAsync(external, 2 * Ether); // cannot sign typed data: approve + wrap
        Assert.Equal(2, w2.Execution.Receipts.Count);
        var r2 = await Client.RedeemAsync(external, EtherFiRedeemToken.WeEth, w2.WeEthAmount / 2);
        Assert.Equal(5, external.SignedTransactions);

        Assert.Equal(d1.SharesMinted, d2.SharesMinted);
        Assert.Equal(w1.WeEthAmount, w2.WeEthAmount);
        Assert.Equal(r1.AmountOut, r2.AmountOut);
        Assert.Equal(r1.Fee, r2.Fee);
    }

    [Fact]
    public async Task Preflight_refuses_zero_and_negative_amounts()
    {
        await Assert.ThrowsAsync<AmountNotPositiveException>(() => Client.PrepareDepositAsync(User.Address, BigInteger.Zero));
        await Assert.ThrowsAsync<AmountNotPositiveException>(() => Client.PrepareWrapAsync(User.Address, BigInteger.MinusOne));
        await Assert.ThrowsAsync<AmountNotPositiveException>(() => Client.PrepareUnwrapAsync(User.Address, BigInteger.Zero));
        await Assert.ThrowsAsync<AmountNotPositiveException>(() => Client.PrepareWithdrawalRequestAsync(User.Address, BigInteger.Zero));
        var ex = await Assert.ThrowsAsync<AmountNotPositiveException>(() => Client.PrepareRedeemAsync(User.Address, EtherFiRedeemToken.EEth, BigInteger.Zero));
        Assert.Equal("amount", ex.ParamName);
    }

    [Fact]
    public async Task Preflight_refuses_amounts_above_the_balance()
    {
        var eth = await EthBalanceAsync(User.Address);
        var ex = await Assert.ThrowsAsync<InsufficientBalanceException>(() => Client.PrepareDepositAsync(User.Address, eth + 1));
        Assert.Equal(eth, ex.Balance);
        await Client.DepositAsync(User, Ether);
        var eEth = await EEthBalanceAsync(User.Address);
        Assert.Equal(eEth, (await Assert.ThrowsAsync<InsufficientBalanceException>(() => Client.PrepareWrapAsync(User.Address, eEth + 1))).Balance);
        Assert.Equal(BigInteger.Zero, (await Assert.ThrowsAsync<InsufficientBalanceException>(() => Client.PrepareUnwrapAsync(User.Address, 1))).Balance);
        await Assert.ThrowsAsync<InsufficientBalanceException>(() => Client.PrepareWithdrawalRequestAsync(User.Address, eEth + 1));
        await Assert.ThrowsAsync<InsufficientBalanceException>(() => Client.PrepareRedeemAsync(User.Address, EtherFiRedeemToken.WeEth, 1));
    }

    [Fact]
    public async Task Preflight_enforces_the_withdrawal_minimum_and_maximum()
    {
        var state = await Client.GetPoolStateAsync();
        Assert.Equal(await Client.LiquidityPool.MinWithdrawAmountAsync(), state.MinWithdrawAmount);
        Assert.Equal(await Client.LiquidityPool.MaxWithdrawAmountAsync(), state.MaxWithdrawAmount);
        await Client.DepositAsync(User, state.MaxWithdrawAmount + 2 * Ether);

        var below = await Assert.ThrowsAsync<AmountBelowMinimumException>(() => Client.PrepareWithdrawalRequestAsync(User.Address, state.MinWithdrawAmount - 1));
        Assert.Equal(state.MinWithdrawAmount, below.Minimum);
        var above = await Assert.ThrowsAsync<AmountAboveLimitException>(() => Client.PrepareWithdrawalRequestAsync(User.Address, state.MaxWithdrawAmount + 1));
        Assert.Equal(state.MaxWithdrawAmount, above.Maximum);
        Assert.Equal("maximum withdrawal request", above.LimitName);
        // the bounds themselves are accepted
        Assert.Equal(state.MinWithdrawAmount, (await Client.RequestWithdrawalAsync(User, state.MinWithdrawAmount)).AmountOfEEth);
    }

    [DevnetFact]
    public async Task Preflight_refuses_redemptions_above_the_bucket_and_below_the_watermark()
    {
        await Client.DepositAsync(User, 2_100 * Ether);
        var quote = await Client.QuoteRedeemAsync(EtherFiRedeemToken.EEth, 2_001 * Ether);
        Assert.False(quote.CanRedeem);
        var bucket = await Assert.ThrowsAsync<AmountAboveLimitException>(() => Client.PrepareRedeemAsync(User.Address, EtherFiRedeemToken.EEth, 2_001 * Ether));
        Assert.Contains("bucket", bucket.LimitName, StringComparison.Ordinal);
        Assert.Equal(quote.TotalRedeemable, bucket.Maximum);

        await Devnet.SetLowWatermarkBpsAsync(500); // 5% of TVL exceeds the pool's liquid ETH
        var watermark = await Assert.ThrowsAsync<AmountAboveLimitException>(() => Client.PrepareRedeemAsync(User.Address, EtherFiRedeemToken.EEth, Ether));
        Assert.Contains("low watermark", watermark.LimitName, StringComparison.Ordinal);
        Assert.Equal(BigInteger.Zero, watermark.Maximum);
    }

    [Fact]
    public async Task Preflight_refuses_a_paused_pool()
    {
        await Client.DepositAsync(User, 2 * Ether);
        await Devnet.PauseAsync(DevnetAddresses.EtherFi.LiquidityPool);
        Assert.True((await Client.GetPoolStateAsync()).LiquidityPoolPaused);
        Assert.True((await Client.QuoteStakeAsync(Ether)).IsPaused);
        await Assert.ThrowsAsync<ProtocolPausedException>(() => Client.PrepareDepositAsync(User.Address, Ether));
        await Assert.ThrowsAsync<ProtocolPausedException>(() => Client.PrepareWithdrawalRequestAsync(User.Address, Ether));
        await Devnet.UnpauseAsync(DevnetAddresses.EtherFi.LiquidityPool);
        await Devnet.PauseAsync(DevnetAddresses.EtherFi.RedemptionManager);
        await Assert.ThrowsAsync<ProtocolPausedException>(() => Client.PrepareRedeemAsync(User.Address, EtherFiRedeemToken.EEth, Ether));
    }

    [Fact]
    public async Task Preflight_refuses_a_blacklisted_account()
    {
        await Client.DepositAsync(User, 2 * Ether);
        var blacklisting = await Devnet.BlacklistForAsync(User.Address, TimeSpan.FromDays(1));
        var until = await Node.GetBlockTimestampAsync(BlockParameter.AtNumber(blacklisting.BlockNumber)) + 86_400;
        var ex = await Assert.ThrowsAsync<AccountBlacklistedException>(() => Client.PrepareDepositAsync(User.Address, Ether));
        Assert.Equal(User.Address, ex.Account);
        Assert.Equal(new BigInteger(until), ex.Until);
        await Assert.ThrowsAsync<AccountBlacklistedException>(() => Client.PrepareWrapAsync(User.Address, Ether));
        await Assert.ThrowsAsync<AccountBlacklistedException>(() => Client.PrepareRedeemAsync(User.Address, EtherFiRedeemToken.EEth, Ether));
        // a blacklisted recipient of the NFT is refused too
        await Client.DepositAsync(Other, 2 * Ether);
        await Assert.ThrowsAsync<AccountBlacklistedException>(() => Client.PrepareWithdrawalRequestAsync(Other.Address, Ether, User.Address, null));
    }

    [Fact]
    public async Task A_reverting_preflight_sends_nothing()
    {
        var plan = await Client.PrepareDepositAsync(User.Address, Ether);
        await Devnet.PauseAsync(DevnetAddresses.EtherFi.LiquidityPool);
        var balance = await EthBalanceAsync(User.Address);
        var nonce = await Rpc.GetTransactionCountAsync(User.Address, BlockParameter.Latest);

        var ex = await Assert.ThrowsAsync<ContractErrorException<ContractPausedError>>(() => Client.Executor.SendAsync(plan, User));
        Assert.Equal("ContractPaused", ex.ErrorName);
        Assert.Equal(balance, await EthBalanceAsync(User.Address));
        Assert.Equal(nonce, await Rpc.GetTransactionCountAsync(User.Address, BlockParameter.Latest));
    }

    [Fact]
    public async Task Simulation_of_an_approval_plan_sees_the_approval()
    {
        await Client.DepositAsync(User, 3 * Ether);
        var plan = await Client.PrepareRedeemAsync(User.Address, EtherFiRedeemToken.EEth, Ether);
        Assert.Equal(2, plan.Steps.Count);
        Assert.Equal(TransactionStepKind.Approval, plan.Steps[0].Kind);
        var simulation = await Client.Executor.SimulateAsync(plan);
        Assert.True(simulation.Succeeded);
        Assert.Contains(simulation.Steps[1].Logs, l => EtherFiRedemptionManager.TryDecodeRedeemedEvent(l, out _));
    }
}

public sealed class EtherFiReferralAndQuoteDevnetTests(DevnetFixture fixture) : EtherFiDevnetTestBase(fixture)
{
    [Fact]
    public async Task Referral_deposit_uses_deposit_address_and_logs_the_referral()
    {
        var referral = LiquidStake.Ethereum.Address.Parse("0x00000000000000000000000000000000000fe7f1");
        var client = new EtherFiClient(Client.Context, new EtherFiClientOptions { Referral = referral });
        var plan = await client.PrepareDepositAsync(User.Address, Ether);
        Assert.Equal(LiquidityPool.EncodeDeposit(referral), plan.Action.Request.Data.ToArray());
        Assert.Equal(Ether, plan.Action.Request.Value);
        var result = await client.DepositAsync(User, Ether);
        var deposit = result.Execution.ActionReceipt.Logs
            .Select(l => LiquidityPool.TryDecodeDepositEvent(l, out var e) ? e : null).Single(e => e is not null)!;
        Assert.Equal(referral, deposit.Referral);
        Assert.Equal(User.Address, deposit.Sender);
        Assert.Equal(BigInteger.One, deposit.Source); // SourceOfFunds.EETH

        var plain = await Client.PrepareDepositAsync(User.Address, Ether);
        Assert.Equal(LiquidityPool.EncodeDeposit(), plain.Action.Request.Data.ToArray());
    }

    [Fact]
    public async Task Stake_quote_reports_the_smallest_deposit_that_mints_a_share()
    {
        var (p, s) = await PoolAsync();
        var quote = await Client.QuoteStakeAsync(Ether);
        Assert.Equal(ProtocolId.EtherFi, quote.Protocol);
        Assert.Equal((p + s - 1) / s, quote.Minimum);
        Assert.True(quote.IsAllowed);
        var tooSmall = await Assert.ThrowsAsync<AmountBelowMinimumException>(() => Client.PrepareDepositAsync(User.Address, quote.Minimum!.Value - 1));
        Assert.Equal(quote.Minimum, tooSmall.Minimum);
        Assert.Equal(BigInteger.One, (await Client.DepositAsync(User, quote.Minimum!.Value)).SharesMinted);
    }

    [Fact]
    public Task Provider_surface_describes_ether_fi() => ProviderSurface.CheckAsync(Client, User.Address);
}

/// <summary>Checks ether.fi through IStakingProvider only.</summary>
public static class ProviderSurface
{
    /// <summary>Through the interface only, as DI consumers see it.</summary>
    public static async Task CheckAsync(IStakingProvider provider, LiquidStake.Ethereum.Address user)
    {
        Assert.Equal(ProtocolId.EtherFi, provider.Id);
        Assert.Equal(StakingCapabilities.StakeEth | StakingCapabilities.Wrap | StakingCapabilities.Unwrap | StakingCapabilities.QueuedWithdrawal
            | StakingCapabilities.InstantRedeem | StakingCapabilities.Permit, provider.Capabilities);
        Assert.Equal(["eETH", "weETH"], provider.ReceiptTokens.Select(t => t.Symbol));
        Assert.Equal(DevnetAddresses.EtherFi.EEth, provider.ReceiptTokens[0].Address);
        Assert.Equal(TokenAccounting.Rebasing, provider.ReceiptTokens[0].Accounting);
        Assert.Equal(TokenAccounting.ExchangeRate, provider.ReceiptTokens[1].Accounting);
        var plan = await provider.PrepareStakeAsync(user, BigInteger.Pow(10, 18));
        Assert.StartsWith("Stake 1 ETH with ether.fi", plan.Description, StringComparison.Ordinal);
    }
}
