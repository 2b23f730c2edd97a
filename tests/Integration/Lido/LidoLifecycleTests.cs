using System.Numerics;
using LiquidStake.Testing;
using LiquidStake.Ethereum;
using LiquidStake.IntegrationTests.Support;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Contracts.Lido;
using LiquidStake.Sdk.Protocols.Lido;

namespace LiquidStake.IntegrationTests.Lido;

public class LidoLifecycleTests(DevnetFixture fixture) : LidoTestBase(fixture)
{
    [Fact]
    public async Task Quote_stake_position_wrap_unwrap_request_finalize_claim_reconcile_to_the_wei()
    {
        var user = User.Address;
        var amount = 10 * Ether + 123_456_789;

        // quote: exact shares and stETH from the formula on independently read totals
        var rate0 = await ReadRateAsync();
        var expectedShares = amount * rate0.InternalShares / rate0.InternalEther;
        var expectedStEth = expectedShares * (rate0.InternalEther + amount) / (rate0.InternalShares + expectedShares);
        var quote = await Client.QuoteStakeDetailedAsync(amount);
        Assert.Equal(expectedShares, quote.ExpectedShares);
        Assert.Equal(expectedStEth, quote.Quote.ExpectedOut);
        Assert.True(quote.Quote.IsAllowed);
        Assert.Equal(await Node.Lido.StEth.GetCurrentStakeLimitAsync(), quote.Quote.Maximum);

        // stake
        var eth0 = await EthBalanceAsync(user);
        var shares0 = await SharesAsync(user);
        var stake = await Client.StakeAsync(User, amount);
        Assert.Equal(expectedShares, stake.SharesMinted);
        Assert.Equal(expectedStEth, stake.StEthMinted);
        Assert.Equal(amount, stake.EthStaked);
        Assert.Equal(user, stake.Sender);
        Assert.Equal(Address.Zero, stake.Referral);
        Assert.Equal(eth0 - amount - stake.GasCost, await EthBalanceAsync(user));
        Assert.Equal(shares0 + expectedShares, await SharesAsync(user));

        // position
        var rate1 = await ReadRateAsync();
        Assert.Equal(rate0.AfterSubmit(amount, expectedShares), rate1);
        var positions = await Client.GetPositionsAsync(user);
        var st = positions.Single(p => p.Token.Symbol == "stETH");
        Assert.Equal(shares0 + expectedShares, st.Shares);
        Assert.Equal((shares0 + expectedShares) * rate1.InternalEther / rate1.InternalShares, st.Balance);
        Assert.Equal(st.Balance, st.EthValue);
        Assert.Equal(await Node.Lido.StEth.BalanceOfAsync(user), st.Balance);

        // wrap 4 stETH (approve path: no signer)
        var wrapAmount = 4 * Ether;
        var wst0 = await WstAsync(user);
        var eth1 = await EthBalanceAsync(user);
        var wrapPlan = await Client.PrepareWrapAsync(user, wrapAmount, permitSigner: null);
        Assert.Equal([TransactionStepKind.Approval, TransactionStepKind.Action], wrapPlan.Steps.Select(s => s.Kind));
        var wrap = Client.DecodeWrap(await Client.Executor.SendAsync(wrapPlan, User));
        var wrapShares = wrapAmount * rate1.InternalShares / rate1.InternalEther;
        Assert.Equal(wrapShares, wrap.WstEthMinted);
        Assert.Equal(wrapShares, wrap.SharesWrapped);
        Assert.Equal(wst0 + wrapShares, await WstAsync(user));
        Assert.Equal(shares0 + expectedShares - wrapShares, await SharesAsync(user));
        Assert.Equal(eth1 - wrap.GasCost, await EthBalanceAsync(user));
        var wstPos = (await Client.GetPositionsAsync(user)).Single(p => p.Token.Symbol == "wstETH");
        Assert.Equal(wst0 + wrapShares, wstPos.Balance);
        Assert.Equal((wst0 + wrapShares) * rate1.InternalEther / rate1.InternalShares, wstPos.EthValue);

        // unwrap 1.5 wstETH
        var unwrapAmount = 3 * Ether / 2;
        var sharesBeforeUnwrap = await SharesAsync(user);
        var unwrap = await Client.UnwrapAsync(User, unwrapAmount);
        var unwrapStEth = unwrapAmount * rate1.InternalEther / rate1.InternalShares;
        Assert.Equal(unwrapAmount, unwrap.WstEthBurned);
        Assert.Equal(unwrapStEth, unwrap.StEthReceived);
        Assert.Equal(unwrapStEth * rate1.InternalShares / rate1.InternalEther, unwrap.SharesReceived);
        Assert.Equal(sharesBeforeUnwrap + unwrap.SharesReceived, await SharesAsync(user));
        Assert.Equal(wst0 + wrapShares - unwrapAmount, await WstAsync(user));

        // request in stETH (approve) and in wstETH (permit, signed by the user)
        var stRequest = 3 * Ether;
        var reqSt = Client.DecodeWithdrawalRequests(await Client.Executor.SendAsync(
            await Client.PrepareWithdrawalRequestAsync(user, stRequest, LidoWithdrawalToken.StEth, null, LidoApprovalMode.Approve), User));
        var r1 = Assert.Single(reqSt.Requests);
        Assert.Equal(stRequest, r1.AmountOfStEth);
        Assert.Equal(stRequest * rate1.InternalShares / rate1.InternalEther, r1.AmountOfShares);
        Assert.Equal(user, r1.Owner);
        Assert.Equal(user, r1.Requestor);

        var wstRequest = Ether;
        var reqWst = await Client.RequestWithdrawalAsync(User, wstRequest, LidoWithdrawalToken.WstEth, LidoApprovalMode.Permit);
        Assert.Single(reqWst.Execution.Receipts); // permit rides in the request transaction
        var r2 = Assert.Single(reqWst.Requests);
        Assert.Equal(wstRequest * rate1.InternalEther / rate1.InternalShares, r2.AmountOfStEth);
        Assert.Equal(r1.RequestId + 1, r2.RequestId);

        var pending = await Client.GetWithdrawalRequestsAsync(user);
        Assert.Equal([r1.RequestId, r2.RequestId], pending.Select(p => p.Id.RequestId!.Value));
        Assert.All(pending, p => Assert.Equal(WithdrawalStatus.Pending, p.Status));
        Assert.All(pending, p => Assert.Null(p.AmountClaimable));
        await Assert.ThrowsAsync<WithdrawalNotClaimableException>(() => Client.PrepareClaimAsync(user, reqSt.RequestIds));

        // finalize with the devnet oracle, then claim both with hints
        var maxShareRate = (await ReadRateAsync()).ShareRate27; // a report with no rewards finalizes at the current rate
        await Node.Lido.FinalizeWithdrawalsAsync(r2.RequestId);
        var claimable = await Client.GetWithdrawalRequestsAsync(user);
        Assert.All(claimable, p => Assert.Equal(WithdrawalStatus.Claimable, p.Status));
        var claim1 = ExpectedClaim(r1, maxShareRate);
        var claim2 = ExpectedClaim(r2, maxShareRate);
        Assert.Equal(claim1, claimable[0].AmountClaimable);
        Assert.Equal(claim2, claimable[1].AmountClaimable);
        Assert.All(claimable.Cast<LidoWithdrawalRequest>(), p => Assert.True(p.CheckpointHint > 0));

        var eth2 = await EthBalanceAsync(user);
        var claim = await Client.ClaimAsync(User, [.. reqWst.RequestIds, .. reqSt.RequestIds]); // unsorted on purpose
        Assert.Equal([r1.RequestId, r2.RequestId], claim.Claims.Select(c => c.RequestId));
        Assert.Equal([claim1, claim2], claim.Claims.Select(c => c.AmountOfEth));
        Assert.Equal(claim1 + claim2, claim.TotalEth);
        Assert.All(claim.Claims, c => Assert.Equal(user, c.Receiver));
        Assert.Equal(eth2 + claim.TotalEth - claim.GasCost, await EthBalanceAsync(user));
        Assert.Empty(await Client.GetWithdrawalRequestsAsync(user));
        var after = await Client.GetWithdrawalStatusAsync([r1.RequestId, r2.RequestId]);
        Assert.All(after, p => Assert.Equal(WithdrawalStatus.Claimed, p.Status));
        await Assert.ThrowsAsync<WithdrawalNotClaimableException>(() => Client.PrepareClaimAsync(user, reqSt.RequestIds));
    }

    [Fact]
    public async Task An_amount_above_max_is_split_and_the_last_finalized_request_claims()
    {
        var user = User.Address;
        await Client.StakeAsync(User, 2500 * Ether);
        var limits = await Client.GetWithdrawalLimitsAsync();
        Assert.Equal(new BigInteger(100), limits.MinStEth);
        Assert.Equal(1000 * Ether, limits.MaxStEth);
        var amount = (2 * limits.MaxStEth) + 50; // remainder below MIN: topped up from the second request

        var plan = await Client.PrepareWithdrawalRequestAsync(user, amount);
        Assert.Equal(2, plan.Steps.Count);
        var result = Client.DecodeWithdrawalRequests(await Client.Executor.SendAsync(plan, User));
        Assert.Equal([limits.MaxStEth, limits.MaxStEth - 50, limits.MinStEth], result.Requests.Select(r => r.AmountOfStEth));
        Assert.Equal(amount, result.TotalStEth);
        var ids = result.Requests.Select(r => r.RequestId).ToArray();
        Assert.Equal([ids[0], ids[0] + 1, ids[0] + 2], ids);

        // finalize only up to the middle one: it is the last finalized request
        var maxShareRate = (await ReadRateAsync()).ShareRate27;
        await Node.Lido.FinalizeWithdrawalsAsync(ids[1]);
        Assert.Equal(ids[1], await Node.Lido.WithdrawalQueue.GetLastFinalizedRequestIdAsync());
        var statuses = await Client.GetWithdrawalStatusAsync(ids);
        Assert.Equal([WithdrawalStatus.Claimable, WithdrawalStatus.Claimable, WithdrawalStatus.Pending], statuses.Select(s => s.Status));
        Assert.Equal(BigInteger.Zero, statuses[2].CheckpointHint);

        var eth0 = await EthBalanceAsync(user);
        var claim = await Client.ClaimAsync(User, [result.RequestIds[1]]);
        var c = Assert.Single(claim.Claims);
        Assert.Equal(ids[1], c.RequestId);
        Assert.Equal(ExpectedClaim(result.Requests[1], maxShareRate), c.AmountOfEth);
        Assert.Equal(statuses[1].AmountClaimable, c.AmountOfEth);
        Assert.Equal(eth0 + c.AmountOfEth - claim.GasCost, await EthBalanceAsync(user));
    }

    /// <summary>lido.md §6.2: the nominal stETH, unless the request's own rate is above the batch's maxShareRate (then shares × rate).</summary>
    private static BigInteger ExpectedClaim(LidoWithdrawalRequested r, BigInteger maxShareRate)
    {
        var requestRate = r.AmountOfStEth * LidoShareRate.E27 / r.AmountOfShares;
        return requestRate > maxShareRate ? r.AmountOfShares * maxShareRate / LidoShareRate.E27 : r.AmountOfStEth;
    }

    [Fact]
    public async Task A_rebase_changes_the_position_exactly_by_the_report_formula()
    {
        var user = User.Address;
        await Client.StakeAsync(User, 50 * Ether);
        await Client.WrapAsync(User, 20 * Ether, LidoApprovalMode.Approve);
        var shares = await SharesAsync(user);
        var wst = await WstAsync(user);
        var before = await ReadRateAsync();

        await Node.Lido.OracleReportAsync(aprBasisPoints: 400, elapsedSeconds: 86_400);

        // Accounting: rewards on internal ether (whole gwei); fee ether floored first, then the shares that own it
        var rewards = LidoDevnet.ComputeRewards(before.InternalEther, 400, 86_400);
        var postEther = before.InternalEther + rewards;
        var feeEther = rewards * await Node.Lido.StEth.GetFeeAsync() / 10_000;
        var feeShares = feeEther * before.InternalShares / (postEther - feeEther);
        var expected = new LidoShareRate(postEther, before.InternalShares + feeShares);
        Assert.Equal(expected, await ReadRateAsync());

        var positions = await Client.GetPositionsAsync(user);
        var st = positions.Single(p => p.Token.Symbol == "stETH");
        var ws = positions.Single(p => p.Token.Symbol == "wstETH");
        Assert.Equal(shares, st.Shares);
        Assert.Equal(shares * postEther / (before.InternalShares + feeShares), st.Balance);
        Assert.Equal(wst, ws.Balance);
        Assert.Equal(wst * postEther / (before.InternalShares + feeShares), ws.EthValue);

        var rate = await Client.GetWstEthExchangeRateAsync();
        Assert.Equal(await Node.Lido.WstEth.StEthPerTokenAsync(), rate.QuotePerWholeBase);
        Assert.Equal(await Node.Lido.WstEth.GetStEthByWstEthAsync(wst), rate.ToQuote(wst));
    }

    [Fact]
    public async Task Apr_reproduces_the_sdk_formula_on_the_devnet_rebases()
    {
        var first = await Node.Lido.OracleReportAsync(aprBasisPoints: 300, elapsedSeconds: 86_400);
        await Node.IncreaseTimeAsync(TimeSpan.FromDays(1));
        var second = await Node.Lido.OracleReportAsync(aprBasisPoints: 500, elapsedSeconds: 86_400);
        var e1 = first.Logs.Select(l => StEth.TryDecodeTokenRebasedEvent(l, out var e) ? e : null).Single(e => e is not null)!;
        var e2 = second.Logs.Select(l => StEth.TryDecodeTokenRebasedEvent(l, out var e) ? e : null).Single(e => e is not null)!;

        static decimal Formula(BigInteger preE, BigInteger preS, BigInteger postE, BigInteger postS, BigInteger elapsed)
        {
            var e27 = BigInteger.Pow(10, 27);
            var pre = preE * e27 / preS;
            var post = postE * e27 / postS;
            var user = 31_536_000 * ((post - pre) * 1_000_000) / pre / elapsed;
            return (decimal)user * 100 / 1_000_000;
        }

        var last = await Client.GetLastAprAsync();
        Assert.Equal(Formula(e2.PreTotalEther, e2.PreTotalShares, e2.PostTotalEther, e2.PostTotalShares, e2.TimeElapsed), last.Percent);
        Assert.Equal(1, last.DataPoints);
        Assert.InRange(last.Percent, 4.4m, 4.6m); // 500 bp less the 10 % fee

        // The SMA window: rebases within AprWindowDays * BlocksPerDay blocks of the newest (the built history holds earlier ones).
        var options = new LidoClientOptions();
        var newestBlock = second.BlockNumber;
        var windowStart = newestBlock - (ulong)(options.AprWindowDays * options.BlocksPerDay);
        var all = (await Client.GetRebasesAsync(0, await Node.Rpc.GetBlockNumberAsync())).Where(r => r.BlockNumber >= windowStart).ToArray();
        var firstInWindow = all[0];
        var sma = await Client.GetAprAsync();
        var elapsed = firstInWindow.TimeElapsed + (e2.ReportTimestamp - firstInWindow.ReportTimestamp);
        Assert.Equal(Formula(firstInWindow.PreTotalEther, firstInWindow.PreTotalShares, e2.PostTotalEther, e2.PostTotalShares, elapsed), sma.Percent);
        Assert.Equal(all.Length, sma.DataPoints);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds((long)e2.ReportTimestamp), sma.To);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds((long)(firstInWindow.ReportTimestamp - firstInWindow.TimeElapsed)), sma.From);
        Assert.Contains(e1.ReportTimestamp, all.Select(r => r.ReportTimestamp));
    }

    [Fact]
    public async Task Share_based_max_operations_leave_no_dust()
    {
        var user = User.Address;
        var other = Node.Accounts[2].Address;
        await Client.StakeAsync(User, 7 * Ether + 1);
        var shares = await SharesAsync(user);

        var transfer = await Client.TransferAllStEthAsync(User, other);
        Assert.Equal(shares, transfer.Shares);
        Assert.Equal(BigInteger.Zero, await SharesAsync(user));

        var signer2 = Node.Accounts[2];
        var shares2 = await SharesAsync(other);
        var wst2 = await WstAsync(other);
        var wrap = await Client.WrapAllAsync(signer2, LidoApprovalMode.Approve);
        Assert.Equal(shares2, wrap.WstEthMinted);
        Assert.Equal(shares2, wrap.SharesWrapped);
        Assert.Equal(BigInteger.Zero, await SharesAsync(other));
        Assert.Equal(BigInteger.Zero, await Node.Lido.StEth.BalanceOfAsync(other));
        Assert.Equal(wst2 + shares2, await WstAsync(other));
    }

    [Fact]
    public async Task Stake_with_a_referral_records_it_and_the_plan_describes_the_stake()
    {
        var referral = Node.Accounts[3].Address;
        var plan = await Client.PrepareStakeAsync(User.Address, 3 * Ether / 2, referral);
        Assert.Equal("Stake 1.5 ETH with Lido for stETH", plan.Description);
        var step = Assert.Single(plan.Steps);
        Assert.Equal(3 * Ether / 2, step.Request.Value);
        Assert.Equal(DevnetAddresses.Lido.StEth, step.Request.To);
        var result = Client.DecodeStake(await Client.Executor.SendAsync(plan, User));
        Assert.Equal(referral, result.Referral);
        Assert.Equal(3 * Ether / 2, result.EthStaked);
    }

    [Fact]
    public void Client_describes_itself()
    {
        Assert.Equal(ProtocolId.Lido, Client.Id);
        Assert.Equal(StakingCapabilities.StakeEth | StakingCapabilities.Wrap | StakingCapabilities.Unwrap | StakingCapabilities.QueuedWithdrawal | StakingCapabilities.Permit, Client.Capabilities);
        Assert.Equal(["stETH", "wstETH"], Client.ReceiptTokens.Select(t => t.Symbol));
        Assert.Equal(TokenAccounting.Rebasing, Client.ReceiptTokens[0].Accounting);
        Assert.Equal(DevnetAddresses.Lido.WstEth, Client.ReceiptTokens[1].Address);
    }
}
