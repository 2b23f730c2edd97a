using System.Numerics;
using System.Text.Json;
using LiquidStake.Testing;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Transactions;
using LiquidStake.IntegrationTests.Support;

namespace LiquidStake.IntegrationTests.Devnet;

public class DevnetNodeTests(DevnetFixture fixture) : DevnetTest(fixture)
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    [Fact]
    public async Task Node_serves_chain_id_1_with_the_test_accounts_and_the_admin()
    {
        Assert.Equal(1UL, await Node.Rpc.GetChainIdAsync());
        Assert.Equal(1UL, Node.ChainId);
        Assert.Equal(10, Node.Accounts.Count);
        Assert.Equal(Address.Parse("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"), Node.Accounts[0].Address);
        Assert.Equal(Address.Parse("0xa0Ee7A142d267C1f36714E4a8F75612F20a79720"), Node.Admin.Address);
        Assert.True(File.Exists(Node.LogPath));
    }

    [DevnetFact]
    public async Task Every_replica_in_the_manifest_has_code_at_its_mainnet_address()
    {
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AnvilProcess.FindRepositoryRoot(), "chain", "out", "devnet.json")));
        var protocols = manifest.RootElement.GetProperty("protocols");
        var contracts = new List<(string Name, Address Address)>();
        foreach (var protocol in protocols.EnumerateObject())
        {
            foreach (var entry in protocol.Value.EnumerateObject())
            {
                // Treasury and ExistingHolders are plain accounts, not contracts.
                if (entry.Value.ValueKind == JsonValueKind.String && entry.Name is not ("Treasury" or "ExistingHolders"))
                    contracts.Add(($"{protocol.Name}.{entry.Name}", Address.Parse(entry.Value.GetString()!)));
            }
        }
        foreach (var strategy in protocols.GetProperty("eigenlayer").GetProperty("strategies").EnumerateObject())
            contracts.Add(($"eigenlayer.strategies.{strategy.Name}", Address.Parse(strategy.Value.GetString()!)));

        Assert.True(contracts.Count >= 40, $"only {contracts.Count} contracts in the manifest");
        foreach (var (name, address) in contracts)
        {
            var code = await Node.Rpc.GetCodeAsync(address);
            Assert.True(code.Length > 0, $"{name} at {address} has no code");
        }
    }

    [Fact]
    public async Task Address_constants_match_the_manifest()
    {
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AnvilProcess.FindRepositoryRoot(), "chain", "out", "devnet.json")));
        var p = manifest.RootElement.GetProperty("protocols");
        Address Get(string protocol, string name) => Address.Parse(p.GetProperty(protocol).GetProperty(name).GetString()!);
        Assert.Equal(Get("multicall", "Multicall3"), DevnetAddresses.Multicall3);
        Assert.Equal(Get("lido", "Lido"), DevnetAddresses.Lido.StEth);
        Assert.Equal(Get("lido", "WstETH"), DevnetAddresses.Lido.WstEth);
        Assert.Equal(Get("lido", "WithdrawalQueueERC721"), DevnetAddresses.Lido.WithdrawalQueue);
        Assert.Equal(Get("lido", "LidoLocator"), DevnetAddresses.Lido.LidoLocator);
        Assert.Equal(Get("lido", "WstETHReferralStaker"), DevnetAddresses.Lido.WstEthReferralStaker);
        Assert.Equal(Get("rocketpool", "RocketStorage"), DevnetAddresses.RocketPool.RocketStorage);
        Assert.Equal(Get("rocketpool", "RocketTokenRETH"), DevnetAddresses.RocketPool.REth);
        Assert.Equal(Get("rocketpool", "RocketDepositPool"), DevnetAddresses.RocketPool.DepositPool);
        Assert.Equal(Get("rocketpool", "RocketNetworkBalances"), DevnetAddresses.RocketPool.NetworkBalances);
        Assert.Equal(Get("rocketpool", "RocketDAOProtocolSettingsDeposit"), DevnetAddresses.RocketPool.DepositSettings);
        Assert.Equal(Get("rocketpool", "RocketDAOProtocolSettingsNetwork"), DevnetAddresses.RocketPool.NetworkSettings);
        Assert.Equal(Get("etherfi", "LiquidityPool"), DevnetAddresses.EtherFi.LiquidityPool);
        Assert.Equal(Get("etherfi", "EETH"), DevnetAddresses.EtherFi.EEth);
        Assert.Equal(Get("etherfi", "WeETH"), DevnetAddresses.EtherFi.WeEth);
        Assert.Equal(Get("etherfi", "WithdrawRequestNFT"), DevnetAddresses.EtherFi.WithdrawRequestNft);
        Assert.Equal(Get("etherfi", "EtherFiRedemptionManager"), DevnetAddresses.EtherFi.RedemptionManager);
        Assert.Equal(Get("eigenlayer", "StrategyManager"), DevnetAddresses.EigenLayer.StrategyManager);
        Assert.Equal(Get("eigenlayer", "DelegationManager"), DevnetAddresses.EigenLayer.DelegationManager);
        Assert.Equal(Get("eigenlayer", "AllocationManager"), DevnetAddresses.EigenLayer.AllocationManager);
        var el = p.GetProperty("eigenlayer");
        Assert.Equal(Address.Parse(el.GetProperty("strategies").GetProperty("stETH").GetString()!), DevnetAddresses.EigenLayer.StEthStrategy);
        Assert.Equal(Address.Parse(el.GetProperty("operators").GetProperty("A").GetProperty("address").GetString()!), DevnetAddresses.EigenLayer.OperatorA);
        Assert.Equal(Address.Parse(el.GetProperty("avs").GetProperty("EigenDA").GetString()!), DevnetAddresses.EigenLayer.EigenDaAvs);
        Assert.Equal(Address.Parse(manifest.RootElement.GetProperty("admin").GetString()!), Node.Admin.Address);
    }

    [Fact]
    public async Task Revert_restores_a_balance_changed_after_the_snapshot()
    {
        var account = Address.Parse("0x00000000000000000000000000000000000b0b01");
        await Node.SetBalanceAsync(account, 5 * Ether);
        string snapshot = await Node.SnapshotAsync();
        await Node.SetBalanceAsync(account, 7 * Ether);
        Assert.Equal(7 * Ether, await Node.Rpc.GetBalanceAsync(account));
        await Node.RevertAsync(snapshot);
        Assert.Equal(5 * Ether, await Node.Rpc.GetBalanceAsync(account));
    }

    [Fact]
    public async Task IsolatedAsync_discards_the_changes_of_its_action()
    {
        var account = Address.Parse("0x00000000000000000000000000000000000b0b02");
        await Node.IsolatedAsync(async () =>
        {
            await Node.SetBalanceAsync(account, Ether);
            Assert.Equal(Ether, await Node.Rpc.GetBalanceAsync(account));
        });
        Assert.Equal(BigInteger.Zero, await Node.Rpc.GetBalanceAsync(account));
    }

    [Fact]
    public async Task Impersonated_send_moves_exactly_the_value()
    {
        var whale = Address.Parse("0x00000000000000000000000000000000000b0b03");
        var recipient = Address.Parse("0x00000000000000000000000000000000000b0b04");
        var receipt = await Node.SendAsAsync(whale, new TransactionRequest { To = recipient, Value = 3 * Ether }, fund: 10 * Ether);
        Assert.True(receipt.Succeeded);
        Assert.Equal(whale, receipt.From);
        Assert.Equal(3 * Ether, await Node.Rpc.GetBalanceAsync(recipient));
    }

    [Fact]
    public async Task Mine_and_time_helpers_move_the_chain_exactly()
    {
        ulong start = await Node.Rpc.GetBlockNumberAsync();
        await Node.MineAsync(5);
        Assert.Equal(start + 5, await Node.Rpc.GetBlockNumberAsync());

        ulong now = await Node.GetBlockTimestampAsync();
        await Node.SetNextBlockTimestampAsync(now + 1000);
        await Node.MineAsync();
        Assert.Equal(now + 1000, await Node.GetBlockTimestampAsync());

        ulong later = await Node.IncreaseTimeAsync(TimeSpan.FromDays(1));
        Assert.True(later >= now + 1000 + 86_400, $"timestamp {later} did not advance by a day");
        Assert.Equal(later, await Node.GetBlockTimestampAsync(BlockParameter.Latest));
    }

    [Fact]
    public async Task Without_automine_a_transaction_waits_for_a_mined_block()
    {
        var recipient = Address.Parse("0x00000000000000000000000000000000000b0b05");
        await Node.SetAutomineAsync(false);
        try
        {
            var sent = await Node.Sender.SendAsync(new TransactionRequest { To = recipient, Value = Ether }, Node.Accounts[1]);
            Assert.Null(await Node.Rpc.GetTransactionReceiptAsync(sent.Hash));
            await Node.MineAsync();
            var receipt = await Node.Rpc.GetTransactionReceiptAsync(sent.Hash);
            Assert.NotNull(receipt);
            Assert.True(receipt.Succeeded);
            Assert.Equal(Ether, await Node.Rpc.GetBalanceAsync(recipient));
        }
        finally
        {
            await Node.SetAutomineAsync(true);
        }
    }

    [Fact]
    public async Task Minting_helpers_give_the_exact_protocol_amounts()
    {
        var holder = Address.Parse("0x00000000000000000000000000000000000b0b06");
        var expectedShares = await Node.Lido.StEth.GetSharesByPooledEthAsync(2 * Ether);
        Assert.Equal(expectedShares, await Node.Lido.MintStEthAsync(holder, 2 * Ether));
        Assert.Equal(expectedShares, await Node.Lido.StEth.SharesOfAsync(holder));
        Assert.Equal(BigInteger.Zero, await Node.Rpc.GetBalanceAsync(holder));

        var rethBefore = await Node.RocketPool.REth.BalanceOfAsync(holder);
        var minted = await Node.RocketPool.MintREthAsync(holder, Ether);
        Assert.True(minted > 0);
        Assert.Equal(rethBefore + minted, await Node.RocketPool.REth.BalanceOfAsync(holder));

        var weEth = await Node.EtherFi.MintWeEthAsync(holder, Ether);
        Assert.Equal(weEth, await Node.EtherFi.WeEth.BalanceOfAsync(holder));
        Assert.True(weEth > 0 && weEth < Ether, $"weETH {weEth} should be below 1 ETH at a rate above 1");

        var expectedWstEth = await Node.Lido.StEth.GetSharesByPooledEthAsync(Ether);
        var wstEth = await Node.Lido.MintWstEthAsync(holder, Ether);
        Assert.InRange(wstEth, expectedWstEth - 2, expectedWstEth);
        Assert.Equal(BigInteger.Zero, await Node.Rpc.GetBalanceAsync(holder));
    }
}
