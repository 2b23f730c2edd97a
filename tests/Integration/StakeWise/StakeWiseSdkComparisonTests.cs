using System.Globalization;
using System.Numerics;
using System.Text.Json;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Signing;
using LiquidStake.IntegrationTests.Support;
using LiquidStake.Sdk.Contracts.StakeWise;
using LiquidStake.Testing;

namespace LiquidStake.IntegrationTests.StakeWise;

/// <summary>
/// The independent check (issue 13): the npm <c>@stakewise/v3-sdk</c> 2.0.2 reads a devnet through its own ABIs and
/// arithmetic (tests/StakeWiseSdk/read-positions.mjs), and its answers are compared with ours, read with raw
/// <c>eth_call</c>s through the generated wrappers. The chain is moved first through the kit's real paths: a deposit,
/// an osETH mint, two exit requests, a reward update two days later that the vaults harvest (which moves the queue).
/// </summary>
public sealed class StakeWiseSdkComparisonTests(DevnetFixture fixture) : DevnetTest(fixture)
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);
    private static readonly Address[] Vaults = [DevnetAddresses.StakeWise.GenesisVault, DevnetAddresses.StakeWise.OperatorAVault, DevnetAddresses.StakeWise.OperatorBVault];

    private PrivateKeySigner User => Node.Accounts[4];

    private StakeWiseDevnet Driver => Node.StakeWise;

    /// <summary>The moved chain: the user's two exit tickets (the first processed and more than a day old) and their timestamps.</summary>
    private sealed record Arranged(BigInteger Ticket1, ulong Timestamp1, BigInteger Shares1, BigInteger Ticket2, BigInteger Shares2);

    private async Task<Arranged> ArrangeAsync()
    {
        var vault = Driver.Vault(DevnetAddresses.StakeWise.OperatorAVault);
        await Node.SendAsync(vault.PrepareDeposit(User.Address, Address.Zero, 20 * Ether) with { From = User.Address }, User);
        var shares = await vault.GetSharesAsync(User.Address);
        var ltv = (await Driver.OsTokenConfig.GetConfigAsync(vault.Address)).LtvPercent;
        var max = await Driver.OsTokenVaultController.ConvertToSharesAsync(await vault.ConvertToAssetsAsync(shares) * ltv / Ether);
        await Node.SendAsync(vault.PrepareMintOsToken(User.Address, max / 2, Address.Zero) with { From = User.Address }, User);

        var (ticket1, at1) = await EnterAsync(vault, shares / 10);
        await Driver.DeliverRewardsAtAprAsync(new Dictionary<Address, int> { [vault.Address] = 400 }, TimeSpan.FromDays(2));
        var (ticket2, _) = await EnterAsync(vault, shares / 20);
        return new Arranged(ticket1, at1, shares / 10, ticket2, shares / 20);
    }

    private async Task<(BigInteger Ticket, ulong Timestamp)> EnterAsync(EthVault vault, BigInteger shares)
    {
        var receipt = await Node.SendAsync(vault.PrepareEnterExitQueue(shares, User.Address) with { From = User.Address }, User);
        Assert.True(EthVault.TryDecodeExitQueueEnteredEvent(receipt.Logs.Single(l => l.Topics[0] == EthVault.ExitQueueEnteredEventTopic), out var entered));
        return (entered.PositionTicket, await Node.GetBlockTimestampAsync(LiquidStake.Ethereum.Rpc.BlockParameter.AtNumber(receipt.BlockNumber)));
    }

    [DevnetFact]
    public async Task The_stakewise_sdk_reads_the_same_vaults_stakes_osETH_positions_exit_queue_and_rate_as_raw_calls()
    {
        var arranged = await ArrangeAsync();
        using var sdk = await StakeWiseSdkScript.ReadAsync(Node.RpcUrl, Vaults, [User.Address, Node.Admin.Address]);
        var root = sdk.RootElement;
        Assert.Equal(await Node.Rpc.GetBlockNumberAsync(), root.GetProperty("block").GetUInt64());

        var controller = Driver.OsTokenVaultController;
        var os = root.GetProperty("osToken");
        Assert.Equal(await Driver.PriceFeed.LatestAnswerAsync(), ParseDecimal18(os.GetProperty("rate").GetString()!));
        Assert.Equal(await controller.ConvertToSharesAsync(Ether), Big(os, "oneEthInShares"));
        Assert.Equal(await controller.ConvertToAssetsAsync(Ether), Big(os, "oneShareInAssets"));
        var avgRewardPerSecond = await controller.AvgRewardPerSecondAsync();
        Assert.Equal(avgRewardPerSecond, Big(os, "avgRewardPerSecond"));

        var vaults = root.GetProperty("vaults").EnumerateArray().ToArray();
        Assert.Equal(Vaults.Length, vaults.Length);
        foreach (var (address, data) in Vaults.Zip(vaults))
        {
            var vault = Driver.Vault(address);
            Assert.Equal(address, Address.Parse(data.GetProperty("address").GetString()!));
            Assert.Equal(await vault.VersionAsync(), Big(data, "version"));
            Assert.Equal(await vault.AdminAsync(), Address.Parse(data.GetProperty("admin").GetString()!));
            Assert.Equal(Hex.Encode(await vault.VaultIdAsync()), data.GetProperty("vaultId").GetString());
            Assert.Equal(await vault.ConvertToAssetsAsync(Ether), Big(data, "oneShareInAssets"));
            var config = await Driver.OsTokenConfig.GetConfigAsync(address);
            Assert.Equal(config.LtvPercent, Big(data, "ltvPercent"));
            Assert.Equal(config.LiqThresholdPercent, Big(data, "thresholdPercent"));

            foreach (var account in data.GetProperty("accounts").EnumerateArray())
            {
                var user = Address.Parse(account.GetProperty("address").GetString()!);
                var shares = await vault.GetSharesAsync(user);
                var assets = await vault.ConvertToAssetsAsync(shares);
                Assert.Equal(shares, Big(account, "stakedShares"));
                Assert.Equal(assets, Big(account, "stakedAssets"));
                var minted = await vault.OsTokenPositionsAsync(user);
                var mintedAssets = await controller.ConvertToAssetsAsync(minted);
                Assert.Equal(minted, Big(account, "mintedShares"));
                Assert.Equal(mintedAssets, Big(account, "mintedAssets"));

                // The vault's own limit (VaultOsToken._calcMaxOsTokenShares) less what is minted; the SDK keeps one
                // hour of osETH rewards in hand below it (its getMaxMint), so it may answer less, never more.
                var contractMax = BigInteger.Max(BigInteger.Zero, await controller.ConvertToSharesAsync(assets * config.LtvPercent / Ether) - minted);
                var sdkMax = Big(account, "maxMintShares");
                Assert.True(sdkMax <= contractMax, $"{address}/{user}: SDK max mint {sdkMax} above the vault's {contractMax}");
                var hourOfRewards = await controller.ConvertToSharesAsync((assets * config.LtvPercent / Ether * avgRewardPerSecond * 3600 / Ether) + 1);
                Assert.True(contractMax - sdkMax <= hourOfRewards + 2, $"{address}/{user}: SDK max mint {sdkMax} vs the vault's {contractMax}");

                var queue = account.GetProperty("exitQueue");
                bool isUser = user == User.Address && address == DevnetAddresses.StakeWise.OperatorAVault;
                if (!isUser)
                {
                    Assert.Equal(BigInteger.Zero, Big(queue, "total"));
                    Assert.Empty(queue.GetProperty("positions").EnumerateArray());
                    continue;
                }
                var index = await vault.GetExitQueueIndexAsync(arranged.Ticket1);
                Assert.True(index >= 0);
                Assert.Equal(BigInteger.MinusOne, await vault.GetExitQueueIndexAsync(arranged.Ticket2));
                var exited = await vault.CalculateExitedAssetsAsync(user, arranged.Ticket1, arranged.Timestamp1, index);
                Assert.True(exited.ExitedAssets > 0);
                Assert.Equal(exited.ExitedAssets, Big(queue, "withdrawable"));
                var leftShares = arranged.Shares1 - exited.ExitedTickets + arranged.Shares2;
                Assert.Equal(exited.ExitedAssets + await vault.ConvertToAssetsAsync(leftShares), Big(queue, "total"));
                var position = Assert.Single(queue.GetProperty("positions").EnumerateArray().ToArray());
                Assert.Equal(arranged.Ticket1, Big(position, "positionTicket"));
                Assert.Equal(new BigInteger(arranged.Timestamp1), Big(position, "timestamp"));
                Assert.Equal(index, Big(position, "exitQueueIndex"));
            }
        }
    }

    private static BigInteger Big(JsonElement element, string property)
    {
        var value = element.GetProperty(property);
        return BigInteger.Parse(value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
    }

    /// <summary>"1.0506…" (the SDK's osETH rate, latestAnswer / 1e18 as a decimal string) back to 1e18-scaled wei.</summary>
    private static BigInteger ParseDecimal18(string text)
    {
        var parts = text.Split('.');
        var fraction = parts.Length > 1 ? parts[1] : "";
        Assert.True(fraction.Length <= 18, text);
        return (BigInteger.Parse(parts[0], CultureInfo.InvariantCulture) * Ether) + (fraction.Length == 0 ? 0 : BigInteger.Parse(fraction.PadRight(18, '0'), CultureInfo.InvariantCulture));
    }
}
