using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Crypto;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Sending;
using LiquidStake.Ethereum.Signing;
using LiquidStake.IntegrationTests.Support;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Protocols.StakeWise;
using LiquidStake.Testing;

namespace LiquidStake.IntegrationTests.StakeWise;

/// <summary>
/// The StakeWise client on the shared devnet (snapshot before, revert after each test). Expected values come from raw
/// eth_call reads (selectors hashed here, not the SDK's wrappers) and the contracts' arithmetic written out.
/// </summary>
public sealed class StakeWiseClientDevnetTests(DevnetFixture fixture) : DevnetTest(fixture)
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);
    private static readonly BigInteger Wad = Ether;
    private static readonly Address Genesis = Address.Parse("0xAC0F906E433d58FA868F936E8A43230473652885");
    private static readonly Address OperatorA = DevnetVault("operatorA");
    private static readonly Address OperatorB = DevnetVault("operatorB");
    private static readonly Address Controller = Address.Parse("0x2A261e60FB14586B474C208b1B7AC6D0f5000306");
    private static readonly Address OsEth = Address.Parse("0xf1C9acDc66974dFB6dEcB12aA385b9cD01190E38");
    private static readonly Address Keeper = Address.Parse("0x6B5815467da09DaA7DC83Db21c9239d98Bb487b5");

    private static readonly Address Empty = Address.Parse("0x000000000000000000000000000000000000Face");

    private EthereumRpcClient Rpc => Node.Rpc;

    // chain/deploy/stakewise.mjs devnetVaultAddress: the last 20 bytes of keccak256("stakewise devnet vault <name>").
    private static Address DevnetVault(string name) => new(Keccak256.HashUtf8($"stakewise devnet vault {name}").AsSpan(12));

    private StakeWiseClient NewClient(StakeWiseClientOptions? options = null) => new(new LiquidStakeContext(
        Rpc,
        NetworkProfile.Devnet,
        new TransactionSender(Rpc, options: new TransactionSenderOptions { ChainId = 1, PollingInterval = TimeSpan.FromMilliseconds(20) })), options);

    private static PrivateKeySigner User(int i) => PrivateKeySigner.FromHex(AnvilProcess.TestPrivateKeys[i]);

    private async Task<byte[]> RawCallAsync(Address to, string signature, params object[] args)
    {
        var data = new List<byte>(Keccak256.HashUtf8(signature)[..4]);
        foreach (var arg in args)
        {
            var word = new byte[32];
            if (arg is Address a) a.CopyTo(word.AsSpan(12));
            else
            {
                var v = ((BigInteger)arg).ToByteArray(isUnsigned: true, isBigEndian: true);
                v.CopyTo(word, 32 - v.Length);
            }
            data.AddRange(word);
        }
        return await Rpc.CallAsync(to, data.ToArray(), BlockParameter.Latest);
    }

    private async Task<BigInteger> UintAsync(Address to, string signature, params object[] args) =>
        Word(await RawCallAsync(to, signature, args), 0);

    private static BigInteger Word(byte[] data, int index) => new(data.AsSpan(index * 32, 32), isUnsigned: true, isBigEndian: true);

    private async Task<BigInteger> SignedAsync(Address to, string signature, params object[] args)
    {
        var data = await RawCallAsync(to, signature, args);
        return new BigInteger(data.AsSpan(0, 32), isUnsigned: false, isBigEndian: true);
    }

    private static BigInteger CeilDiv(BigInteger a, BigInteger b) => (a + b - 1) / b;

    [Fact]
    public void Identity_tokens_and_capabilities()
    {
        var client = NewClient();
        Assert.Equal(ProtocolId.StakeWise, client.Id);
        Assert.Equal(StakingCapabilities.StakeEth | StakingCapabilities.QueuedWithdrawal, client.Capabilities);
        Assert.Equal(Genesis, client.DefaultVault);
        Assert.Equal(["osETH", "sw-genesis"], client.ReceiptTokens.Select(t => t.Symbol));
        Assert.Equal(OsEth, client.OsEth.Address);
    }

    [DevnetFact]
    public async Task Directory_lists_the_three_vaults_with_their_deployed_fees_capacities_and_state()
    {
        var vaults = await NewClient().GetVaultsAsync();
        Assert.Equal([Genesis, OperatorA, OperatorB], vaults.Select(v => v.Address));
        Assert.Equal([1500, 500, 1000], vaults.Select(v => v.FeePercent));
        Assert.Equal([StakeWiseMath.Uint256Max, 10000 * Ether, 1000 * Ether], vaults.Select(v => v.Capacity));
        Assert.Equal([false, true, true], vaults.Select(v => v.HasCapacity));
        Assert.True(vaults[0].IsGenesis);
        Assert.Equal(3, vaults.Select(v => v.Admin).Distinct().Count());
        foreach (var v in vaults)
        {
            Assert.Equal(await UintAsync(v.Address, "totalAssets()"), v.TotalAssets);
            Assert.Equal(await UintAsync(v.Address, "totalShares()"), v.TotalShares);
            Assert.Equal(new Address((await RawCallAsync(v.Address, "admin()")).AsSpan(12, 20)), v.Admin);
            Assert.True(v.IsCollateralized);
            Assert.False(v.IsHarvestRequired);
            Assert.NotNull(v.Apr);
            Assert.True(v.Apr!.DataPoints >= 2);
        }
        // Default config 90 % / 92 %; the Genesis vault 99.99 % with liquidation disabled (chain/deploy/stakewise.mjs START).
        Assert.Equal(999_900_000_000_000_000, vaults[0].OsTokenConfig.LtvPercent);
        Assert.True(vaults[0].OsTokenConfig.LiquidationDisabled);
        Assert.Equal(900_000_000_000_000_000, vaults[1].OsTokenConfig.LtvPercent);
        Assert.Equal(920_000_000_000_000_000, vaults[2].OsTokenConfig.LiqThresholdPercent);
        // History: consensus APR 3.10 / 3.30 / 2.90 % of total assets, less the vault fee (15 / 5 / 10 %).
        Assert.InRange(vaults[0].Apr!.Percent, 2.55m, 2.72m);
        Assert.InRange(vaults[1].Apr!.Percent, 3.05m, 3.22m);
        Assert.InRange(vaults[2].Apr!.Percent, 2.53m, 2.69m);
    }

    [DevnetFact]
    public async Task Stake_in_the_default_vault_mints_the_quoted_shares_to_the_wei()
    {
        var client = NewClient();
        var user = User(1);
        var amount = 5 * Ether + 123;
        var ta = await UintAsync(Genesis, "totalAssets()");
        var ts = await UintAsync(Genesis, "totalShares()");
        var expected = CeilDiv(amount * ts, ta);
        var quote = await client.QuoteStakeAsync(amount);
        Assert.Equal(expected, quote.ExpectedOut);
        Assert.Null(quote.Maximum);
        Assert.True(quote.IsAllowed);
        var before = await UintAsync(Genesis, "getShares(address)", user.Address);

        var result = await client.StakeAsync(user, Genesis, amount);

        Assert.Equal(expected, result.Shares);
        Assert.Equal(amount, result.Assets);
        Assert.Equal(before + expected, await UintAsync(Genesis, "getShares(address)", user.Address));
        Assert.Equal(ta + amount, await UintAsync(Genesis, "totalAssets()"));
        var shares = before + expected;
        var position = Assert.Single(await client.GetPositionsAsync(user.Address), p => p.Token.Address == Genesis);
        Assert.Equal(shares, position.Shares);
        Assert.Equal(shares * (ta + amount) / (ts + expected), position.Balance);
    }

    [DevnetFact]
    public async Task Osteth_rate_and_apr_follow_the_controller_and_the_keeper_to_the_wei()
    {
        var client = NewClient();
        var rate = await client.GetExchangeRateAsync();
        Assert.Equal(await UintAsync(Controller, "totalAssets()"), rate.Numerator);
        Assert.Equal(await UintAsync(Controller, "totalShares()"), rate.Denominator);
        Assert.Equal(await UintAsync(Controller, "convertToAssets(uint256)", Ether), rate.ToQuote(Ether));

        var apr = await client.GetAprAsync();
        // The history keeps avgRewardPerSecond constant, so the time-weighted mean is the current value.
        var perSecond = await UintAsync(Controller, "avgRewardPerSecond()");
        var fee = await UintAsync(Controller, "feePercent()");
        var scaled = perSecond * 31_536_000 * 100 * (10_000 - fee) / 10_000;
        Assert.Equal((decimal)(scaled / Wad) + (decimal)(scaled % Wad) / 1e18m, apr.Percent);
        Assert.True(apr.DataPoints >= 10);
    }

    [DevnetFact]
    public async Task Mint_up_to_the_ltv_then_one_more_is_refused_burn_and_exit_with_osEth_minted_is_refused()
    {
        var client = NewClient();
        var user = User(2);
        await client.StakeAsync(user, OperatorA, 20 * Ether);
        var executor = client.Executor;

        await executor.SendAsync(await client.PrepareMintOsTokenAsync(user.Address, StakeWiseMath.Uint256Max, OperatorA), user);
        var position = await client.GetOsTokenPositionAsync(user.Address, OperatorA);
        Assert.Equal(await UintAsync(OperatorA, "osTokenPositions(address)", user.Address), position.MintedShares);
        Assert.Equal(position.MintedShares, await UintAsync(OsEth, "balanceOf(address)", user.Address));
        // The max at the mint's block: convertToShares(convertToAssets(shares) * 90 % / 1e18) with the controller's totals.
        var shares = await UintAsync(OperatorA, "getShares(address)", user.Address);
        var staked = shares * await UintAsync(OperatorA, "totalAssets()") / await UintAsync(OperatorA, "totalShares()");
        Assert.Equal(staked, position.StakedAssets);
        Assert.True(position.MintedShares > 17 * Ether && position.MintedShares <= position.MaxMintedShares + Ether / 1_000_000);
        Assert.NotNull(position.HealthFactor);
        Assert.True(position.HealthFactor > Wad);

        var nonce = await Rpc.GetTransactionCountAsync(user.Address, BlockParameter.Latest);
        var ltv = await Assert.ThrowsAsync<StakeWiseLtvExceededException>(() => client.PrepareMintOsTokenAsync(user.Address, Ether, OperatorA));
        Assert.Equal("osTokenShares", ltv.ParamName);
        Assert.Equal(OperatorA, ltv.Vault);
        var exit = await Assert.ThrowsAsync<StakeWiseOsTokenMintedException>(() => client.PrepareEnterExitQueueAsync(user.Address, shares, OperatorA));
        Assert.Equal("shares", exit.ParamName);
        Assert.True(exit.OsTokenSharesToBurn > 0 && exit.OsTokenSharesToBurn <= position.MintedShares);
        Assert.Equal(nonce, await Rpc.GetTransactionCountAsync(user.Address, BlockParameter.Latest));

        // Burn half: the position drops by exactly that (no controller state update in between).
        var half = position.MintedShares / 2;
        await executor.SendAsync(await client.PrepareBurnOsTokenAsync(user.Address, half, OperatorA), user);
        var afterBurn = await client.GetOsTokenPositionAsync(user.Address, OperatorA);
        Assert.Equal(position.MintedShares - half, afterBurn.MintedShares);
        Assert.Equal(position.MintedShares - half, await UintAsync(OsEth, "balanceOf(address)", user.Address));

        // The part of the stake the remaining osETH does not need can leave; all of it cannot.
        var partial = await Assert.ThrowsAsync<StakeWiseOsTokenMintedException>(() => client.PrepareEnterExitQueueAsync(user.Address, shares, OperatorA));
        Assert.True(partial.Maximum > 0 && partial.Maximum < shares);
        await executor.SendAsync(await client.PrepareEnterExitQueueAsync(user.Address, partial.Maximum, OperatorA), user);
        Assert.Equal(shares - partial.Maximum, await UintAsync(OperatorA, "getShares(address)", user.Address));

        // Burn the rest, then the rest of the stake exits.
        await executor.SendAsync(await client.PrepareBurnOsTokenAsync(user.Address, afterBurn.MintedShares, OperatorA), user);
        await executor.SendAsync(await client.PrepareEnterExitQueueAsync(user.Address, shares - partial.Maximum, OperatorA), user);
        Assert.Equal(BigInteger.Zero, await UintAsync(OperatorA, "getShares(address)", user.Address));

        var requests = await client.GetExitRequestsAsync(user.Address);
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal(WithdrawalStatus.Pending, r.Status));
        Assert.All(requests, r => Assert.Equal(OperatorA, r.Ticket.Vault));
        Assert.Equal([partial.Maximum, shares - partial.Maximum], requests.Select(r => r.AmountRequested));
        foreach (var r in requests)
        {
            Assert.Equal(BigInteger.MinusOne, await SignedAsync(OperatorA, "getExitQueueIndex(uint256)", r.Ticket.PositionTicket));
            Assert.Equal(r.Ticket, StakeWiseExitTicket.FromWithdrawalId(r.Id));
            Assert.Equal(r, await client.GetWithdrawalRequestAsync(user.Address, r.Id));
        }
        var notYet = await Assert.ThrowsAsync<WithdrawalNotClaimableException>(() => client.PrepareClaimAsync(user.Address, [requests[0].Id]));
        Assert.Equal("withdrawals", notYet.ParamName);
    }

    [DevnetFact]
    public async Task Capacity_unknown_vault_and_zero_amount_are_refused_with_nothing_sent()
    {
        var client = NewClient();
        var user = User(3);
        var nonce = await Rpc.GetTransactionCountAsync(user.Address, BlockParameter.Latest);
        var room = 1000 * Ether - await UintAsync(OperatorB, "totalAssets()");

        var capacity = await Assert.ThrowsAsync<StakeWiseVaultCapacityException>(() => client.PrepareStakeAsync(user.Address, OperatorB, room + 1));
        Assert.Equal("amount", capacity.ParamName);
        Assert.Equal(room, capacity.Maximum);
        Assert.Equal(OperatorB, capacity.Vault);
        var quote = await client.QuoteStakeAsync(OperatorB, room + 1);
        Assert.Equal(room, quote.Maximum);
        Assert.False(quote.IsAllowed);

        var stranger = Address.Parse("0x00000000000000000000000000000000DeaDBeef");
        var unknown = await Assert.ThrowsAsync<StakeWiseUnknownVaultException>(() => client.PrepareStakeAsync(user.Address, stranger, Ether));
        Assert.Equal("vault", unknown.ParamName);
        Assert.Equal(stranger, unknown.Vault);
        await Assert.ThrowsAsync<StakeWiseUnknownVaultException>(() => client.PrepareMintOsTokenAsync(user.Address, Ether, stranger));
        await Assert.ThrowsAsync<StakeWiseUnknownVaultException>(() => client.PrepareEnterExitQueueAsync(user.Address, Ether, stranger));
        await Assert.ThrowsAsync<StakeWiseUnknownVaultException>(() => client.GetVaultAsync(OsEth));

        await Assert.ThrowsAsync<AmountNotPositiveException>(() => client.PrepareStakeAsync(user.Address, BigInteger.Zero));
        await Assert.ThrowsAsync<InsufficientBalanceException>(() => client.PrepareEnterExitQueueAsync(user.Address, Ether, OperatorB));
        var burn = await Assert.ThrowsAsync<StakingPreflightException>(() => client.PrepareBurnOsTokenAsync(user.Address, Ether, OperatorB));
        Assert.Equal("osTokenShares", burn.ParamName);
        Assert.Equal(nonce, await Rpc.GetTransactionCountAsync(user.Address, BlockParameter.Latest));

        // The exact room left is accepted and fills the vault.
        await client.Executor.SendAsync(await client.PrepareStakeAsync(user.Address, OperatorB, room), user);
        Assert.Equal(1000 * Ether, await UintAsync(OperatorB, "totalAssets()"));
    }

    [DevnetFact]
    public async Task Batch_positions_value_vault_shares_net_of_minted_osEth()
    {
        var client = NewClient();
        var (a, b) = (User(0), User(1));
        await client.StakeAsync(a, OperatorA, 3 * Ether);
        await client.StakeAsync(b, Genesis, 2 * Ether);
        await client.Executor.SendAsync(await client.PrepareMintOsTokenAsync(b.Address, Ether, Genesis), b);

        var all = await client.GetPositionsAsync([a.Address, b.Address, Empty]);
        Assert.Equal(2, all[a.Address].Count);
        var vaultA = all[a.Address][0];
        Assert.Equal(OperatorA, vaultA.Token.Address);
        Assert.Equal(vaultA.Balance, vaultA.EthValue);
        var genesisB = Assert.Single(all[b.Address], p => p.Token.Address == Genesis);
        var osB = Assert.Single(all[b.Address], p => p.Token.Address == OsEth);
        Assert.Equal(Ether, osB.Balance);
        var debt = Ether * await UintAsync(Controller, "totalAssets()") / await UintAsync(Controller, "totalShares()");
        Assert.Equal(debt, osB.EthValue);
        Assert.Equal(genesisB.Balance - debt, genesisB.EthValue);
        var none = Assert.Single(all[Empty]);
        Assert.Equal(BigInteger.Zero, none.Balance);
        Assert.Equal(await client.GetStakedEtherAsync(),
            await UintAsync(Genesis, "totalAssets()") + await UintAsync(OperatorA, "totalAssets()") + await UintAsync(OperatorB, "totalAssets()"));
        Assert.Equal(BigInteger.Zero, await UintAsync(Keeper, "isHarvestRequired(address)", Genesis));
    }
}
