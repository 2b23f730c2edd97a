using System.Numerics;
using LiquidStake.Testing;
using LiquidStake.Testing.Protocols;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Contracts;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Sending;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Ethereum.Transactions;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Contracts.RocketPool;
using LiquidStake.Sdk.Protocols.RocketPool;
using LiquidStake.IntegrationTests.Support;

namespace LiquidStake.IntegrationTests.RocketPool;

/// <summary>The Rocket Pool client on the shared devnet (snapshot before, revert after each test).</summary>
public sealed class RocketPoolClientDevnetTests(DevnetFixture fixture) : DevnetTest(fixture)
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);
    private static readonly BigInteger Fee = 500_000_000_000_000;

    private EthereumRpcClient Rpc => Node.Rpc;

    private LiquidStakeContext NewContext() => new(
        Rpc,
        NetworkProfile.Devnet,
        new TransactionSender(Rpc, options: new TransactionSenderOptions { ChainId = 1, PollingInterval = TimeSpan.FromMilliseconds(20) }));

    private RocketPoolClient NewClient() => new(NewContext());

    private static PrivateKeySigner User(int i) => PrivateKeySigner.FromHex(AnvilProcess.TestPrivateKeys[i]);

    private static BigInteger ExpectedMint(BigInteger v, BigInteger t, BigInteger s) => (v - v * Fee / Ether) * s / t;

    private Task<BigInteger> RethBalanceAsync(Address a) => new RocketTokenREth(RocketPoolDevnetExtensions.REth, Rpc).BalanceOfAsync(a);

    // The oracle's last balances (total ETH, rETH supply): the rate every deposit and burn uses until the next submission.
    private async Task<(BigInteger TotalEth, BigInteger RethSupply)> ReportedTotalsAsync()
    {
        var balances = new RocketNetworkBalances(RocketPoolDevnetExtensions.NetworkBalances, Rpc);
        return (await balances.GetTotalEthBalanceAsync(), await balances.GetTotalREthSupplyAsync());
    }

    [Fact]
    public void Capabilities_say_stake_and_instant_redeem_only()
    {
        var client = NewClient();
        Assert.Equal(StakingCapabilities.StakeEth | StakingCapabilities.InstantRedeem, client.Capabilities);
        Assert.Equal(ProtocolId.RocketPool, client.Id);
        Assert.Equal("rETH", Assert.Single(client.ReceiptTokens).Symbol);
    }

    [DevnetFact]
    public async Task Deposit_mints_the_quoted_reth_and_balances_reconcile_to_the_wei()
    {
        var client = NewClient();
        var user = User(1);
        var amount = 10 * Ether;
        var (t0, s0) = await ReportedTotalsAsync();
        var quote = await client.QuoteStakeAsync(amount);
        var expected = ExpectedMint(amount, t0, s0);
        Assert.Equal(expected, quote.ExpectedOut);
        Assert.Equal(amount * Fee / Ether, quote.Fee);
        Assert.Equal(10_000_000_000_000_000, quote.Minimum);
        Assert.Equal(6_000_000 * Ether - 2500 * Ether, quote.Maximum);
        Assert.True(quote.IsAllowed);

        var ethBefore = await Rpc.GetBalanceAsync(user.Address);
        var result = await client.DepositAsync(user, amount);
        var ethAfter = await Rpc.GetBalanceAsync(user.Address);

        Assert.Equal(expected, result.RethMinted);
        Assert.Equal(amount, result.EthDeposited);
        Assert.Equal(amount * Fee / Ether, result.Fee);
        Assert.Equal(amount - amount * Fee / Ether, result.EthCredited);
        Assert.Equal(ethBefore - amount - result.Receipt.GasUsed * result.Receipt.EffectiveGasPrice, ethAfter);
        Assert.Equal(expected, await RethBalanceAsync(user.Address));

        var position = Assert.Single(await client.GetPositionsAsync(user.Address));
        Assert.Equal(expected, position.Balance);
        Assert.Equal(expected * t0 / s0, position.EthValue);
        Assert.Empty(await client.GetWithdrawalRequestsAsync(user.Address));
    }

    [DevnetFact]
    public async Task Rate_update_then_burn_pays_the_new_rate_and_apr_comes_from_the_history()
    {
        var client = NewClient();
        var user = User(2);
        var (t0, s0) = await ReportedTotalsAsync();
        var minted = (await client.DepositAsync(user, 5 * Ether)).RethMinted;

        // Independent model of the kit's daily report (300 bps, 1 day), delivered as oDAO votes.
        var s1 = s0 + minted;
        var baseT = t0 * s1 / s0;
        var t1 = baseT + baseT * 300 * 86400 / (10000 * BigInteger.Parse("31536000", System.Globalization.CultureInfo.InvariantCulture));
        await Rpc.RequestAsync("evm_increaseTime", [86400]);
        await Node.RocketPool.AccrueRewardsAsync(300, 86400);

        var rate = await client.GetExchangeRateAsync();
        Assert.Equal(t1, rate.Numerator);
        Assert.Equal(s1, rate.Denominator);
        Assert.Equal(Ether * t1 / s1, await new RocketTokenREth(RocketPoolDevnetExtensions.REth, Rpc).GetExchangeRateAsync());

        // The chain's history holds the earlier balance updates; this report is the last one, the one before it set t0/s0.
        var history = await client.GetRateHistoryAsync();
        Assert.True(history.Count >= 2);
        Assert.Equal(Ether * t0 / s0, history[^2].Rate);
        Assert.Equal(Ether * t1 / s1, history[^1].Rate);
        Assert.True(history[^1].SlotTimestamp - history[^2].SlotTimestamp >= 86400);

        // APR over the 7-day window: the oldest update at most 7 days before the last one, by plain arithmetic.
        var apr = await client.GetAprAsync();
        var firstIndex = 0;
        while (history[firstIndex].SlotTimestamp < history[^1].SlotTimestamp - 7 * 86400) firstIndex++;
        var first = history[firstIndex];
        var dt = history[^1].SlotTimestamp - first.SlotTimestamp;
        var expectedApr = (decimal)((history[^1].Rate - first.Rate) * 31_536_000 * 100 * Ether / (first.Rate * dt)) / 1_000_000_000_000_000_000m;
        Assert.Equal(expectedApr, apr.Percent);
        Assert.Equal(TimeSpan.FromSeconds(dt), apr.Window);
        Assert.Equal(history.Count - firstIndex, apr.DataPoints);
        Assert.InRange(apr.Percent, 1m, 6m);

        var expectedEth = minted * t1 / s1;
        var burnQuote = await client.QuoteBurnAsync(minted, user.Address);
        Assert.Equal(expectedEth, burnQuote.ExpectedEth);
        var before = await Rpc.GetBalanceAsync(user.Address);
        var burn = await client.InstantRedeemAsync(user, minted);
        var after = await Rpc.GetBalanceAsync(user.Address);
        Assert.Equal(minted, burn.RethBurned);
        Assert.Equal(expectedEth, burn.EthReceived);
        Assert.Equal(before + expectedEth - burn.Receipt.GasUsed * burn.Receipt.EffectiveGasPrice, after);
        Assert.Equal(BigInteger.Zero, await RethBalanceAsync(user.Address));
    }

    [DevnetFact]
    public async Task Every_deposit_preflight_error_is_typed_and_sends_nothing()
    {
        var client = NewClient();
        var user = User(3);
        var nonce = await Rpc.GetTransactionCountAsync(user.Address);
        var balance = await Rpc.GetBalanceAsync(user.Address);

        Assert.IsType<AmountNotPositiveException>(await Record.ExceptionAsync(() => client.PrepareStakeAsync(user.Address, 0)));
        Assert.IsType<AmountNotPositiveException>(await Record.ExceptionAsync(() => client.DepositAsync(user, -1)));
        var below = Assert.IsType<AmountBelowMinimumException>(await Record.ExceptionAsync(() => client.DepositAsync(user, Ether / 1000)));
        Assert.Equal(Ether / 100, below.Minimum);
        var poor = Assert.IsType<InsufficientBalanceException>(await Record.ExceptionAsync(() => client.DepositAsync(user, balance + 1)));
        Assert.Equal(balance, poor.Balance);

        await Node.RocketPool.SetDepositSettingsAsync(true, Ether / 100, 2600 * Ether, Fee);
        var capped = Assert.IsType<AmountAboveLimitException>(await Record.ExceptionAsync(() => client.DepositAsync(user, 101 * Ether)));
        Assert.Equal(100 * Ether, capped.Maximum);
        Assert.Contains("capacity", capped.LimitName, StringComparison.Ordinal);
        Assert.Equal(100 * Ether, (await client.QuoteStakeAsync(101 * Ether)).Maximum);

        await Node.RocketPool.SetDepositSettingsAsync(false, Ether / 100, 6_000_000 * Ether, Fee);
        Assert.IsType<ProtocolPausedException>(await Record.ExceptionAsync(() => client.DepositAsync(user, Ether)));
        Assert.True((await client.QuoteStakeAsync(Ether)).IsPaused);

        Assert.Equal(nonce, await Rpc.GetTransactionCountAsync(user.Address));
        Assert.Equal(balance, await Rpc.GetBalanceAsync(user.Address));
    }

    [DevnetFact]
    public async Task Burn_preflight_refuses_zero_above_balance_and_above_collateral()
    {
        var client = NewClient();
        var user = User(1);
        var minted = (await client.DepositAsync(user, 10 * Ether)).RethMinted;
        var nonce = await Rpc.GetTransactionCountAsync(user.Address);

        Assert.IsType<AmountNotPositiveException>(await Record.ExceptionAsync(() => client.PrepareBurnAsync(user.Address, 0)));
        var over = Assert.IsType<InsufficientBalanceException>(await Record.ExceptionAsync(() => client.BurnAsync(user, minted + 1)));
        Assert.Equal(minted, over.Balance);

        // Leave at most 1 ETH of collateral (rETH plus deposit pool): a large holder burns the rest, the real way out.
        var reth = new RocketTokenREth(RocketPoolDevnetExtensions.REth, Rpc);
        var collateral = await reth.GetTotalCollateralAsync();
        await Node.RocketPool.BurnCollateralAsync(Node.Admin.Address, collateral - Ether);
        var left = await reth.GetTotalCollateralAsync();
        Assert.InRange(left, Ether - 2, Ether);

        var limit = Assert.IsType<AmountAboveLimitException>(await Record.ExceptionAsync(() => client.BurnAsync(user, minted)));
        Assert.Equal(left, limit.Maximum);
        Assert.Contains("collateral", limit.LimitName, StringComparison.Ordinal);
        Assert.False((await client.QuoteBurnAsync(minted)).IsCovered);
        Assert.Equal(nonce, await Rpc.GetTransactionCountAsync(user.Address));
        Assert.Equal(minted, await RethBalanceAsync(user.Address));

        Assert.Throws<NotSupportedException>(() => { _ = client.PrepareWithdrawalRequestAsync(user.Address, 1); });
        Assert.Throws<NotSupportedException>(() => { _ = client.PrepareClaimAsync(user.Address, []); });
    }

    [Fact]
    public async Task A_plan_whose_chain_preflight_reverts_is_never_signed()
    {
        var context = NewContext();
        var client = new RocketPoolClient(context);
        var user = User(2);
        var plan = await client.PrepareStakeAsync(user.Address, Ether);
        await Node.RocketPool.SetDepositSettingsAsync(false, Ether / 100, 6_000_000 * Ether, Fee);
        var nonce = await Rpc.GetTransactionCountAsync(user.Address);
        var balance = await Rpc.GetBalanceAsync(user.Address);

        var ex = await Assert.ThrowsAnyAsync<ContractRevertException>(() => new PreparedTransactionExecutor(context).SendAsync(plan, user));
        Assert.Contains("Deposits into Rocket Pool are currently disabled", ex.Message, StringComparison.Ordinal);
        Assert.Equal(nonce, await Rpc.GetTransactionCountAsync(user.Address));
        Assert.Equal(balance, await Rpc.GetBalanceAsync(user.Address));
    }

    [DevnetFact]
    public async Task An_external_signer_gets_the_same_result()
    {
        var context = NewContext();
        var client = new RocketPoolClient(context);
        var external = new ExternalTestSigner(AnvilProcess.TestPrivateKeys[3]);
        var amount = 3 * Ether;
        var (t0, s0) = await ReportedTotalsAsync();
        var plan = await client.PrepareStakeAsync(external.Address, amount);
        var filled = await new PreparedTransactionExecutor(context).PrepareForExternalSignerAsync(plan, external.Address);
        var before = await Rpc.GetBalanceAsync(external.Address);

        var signed = external.Sign(Assert.Single(filled));
        var hash = await Rpc.SendRawTransactionAsync(signed.Raw);
        TransactionReceipt? receipt = null;
        for (int i = 0; receipt is null && i < 200; i++) { receipt = await Rpc.GetTransactionReceiptAsync(hash); if (receipt is null) await Task.Delay(20); }
        Assert.NotNull(receipt);
        var result = client.DecodeDepositResult(receipt, external.Address);

        Assert.Equal(ExpectedMint(amount, t0, s0), result.RethMinted);
        Assert.Equal(amount * Fee / Ether, result.Fee);
        Assert.Equal(before - amount - result.GasCost, await Rpc.GetBalanceAsync(external.Address));
        Assert.Equal(RocketPoolDevnetExtensions.DepositPool, receipt.To);
    }

    [DevnetFact]
    public async Task The_deposit_pool_address_comes_from_rocket_storage_and_follows_a_re_registration_after_refresh()
    {
        var client = NewClient();
        var user = User(1);
        var first = await client.GetContractsAsync();
        Assert.Equal(RocketPoolDevnetExtensions.DepositPool, first.DepositPool);
        Assert.Equal(RocketPoolDevnetExtensions.NetworkBalances, first.NetworkBalances);
        Assert.Equal(RocketPoolDevnetExtensions.DepositSettings, first.DepositSettings);

        // "Upgrade": the same code at a new address, registered under rocketDepositPool.
        var upgraded = Address.Parse("0x00000000000000000000000000000000000d3a01");
        var code = await Rpc.GetCodeAsync(RocketPoolDevnetExtensions.DepositPool);
        await Rpc.RequestAsync("anvil_setCode", [upgraded, code]);
        await Rpc.RocketPoolRegisterContractAsync("rocketDepositPool", upgraded, RocketPoolDevnetExtensions.DepositPool);

        Assert.Equal(RocketPoolDevnetExtensions.DepositPool, (await client.GetContractsAsync()).DepositPool); // still cached
        var refreshed = await client.RefreshContractsAsync();
        Assert.Equal(upgraded, refreshed.DepositPool);
        var plan = await client.PrepareStakeAsync(user.Address, Ether);
        Assert.Equal(upgraded, plan.Action.Request.To);
        Assert.Equal(RocketDepositPool.EncodeDeposit(), plan.Action.Request.Data.ToArray());

        // The old address is now outdated: a plan pointed at it reverts in simulation.
        var stale = plan with { Steps = [plan.Action with { Request = plan.Action.Request with { To = RocketPoolDevnetExtensions.DepositPool } }] };
        var simulation = await new PreparedTransactionExecutor(NewContext()).SimulateAsync(stale, user.Address);
        Assert.False(simulation.Succeeded);
        Assert.Contains("Invalid or outdated contract", simulation.FirstRevert!.Message, StringComparison.Ordinal);
    }

    /// <summary>A signer outside the SDK: holds its key and signs with TransactionCodec + Secp256k1.</summary>
    private sealed class ExternalTestSigner
    {
        private readonly byte[] _key;

        public ExternalTestSigner(string keyHex)
        {
            _key = Hex.Decode(keyHex);
            Address = Secp256k1.PublicKeyToAddress(Secp256k1.GetPublicKey(_key));
        }

        public Address Address { get; }

        public SignedTransaction Sign(TransactionRequest request)
        {
            var tx = UnsignedTransaction.FromRequest(request);
            var signature = Secp256k1.Sign(TransactionCodec.ComputeSigningHash(tx), _key);
            return TransactionCodec.Assemble(tx, signature);
        }
    }
}
