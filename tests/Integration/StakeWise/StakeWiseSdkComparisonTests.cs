using System.Globalization;
using System.Numerics;
using System.Text.Json;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Sending;
using LiquidStake.Ethereum.Signing;
using LiquidStake.IntegrationTests.Support;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Contracts.StakeWise;
using LiquidStake.Sdk.Protocols.StakeWise;
using LiquidStake.Testing;

namespace LiquidStake.IntegrationTests.StakeWise;

/// <summary>
/// The independent check (issue 13): the npm <c>@stakewise/v3-sdk</c> 2.0.2 reads a devnet through its own ABIs and
/// arithmetic (tests/StakeWiseSdk/read-positions.mjs), and its answers are compared with ours: the
/// <see cref="StakeWiseClient"/>'s (raw wrapper reads where the client has no such read). The chain is moved first through the kit's real paths: a deposit,
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

    private StakeWiseClient NewClient() => new(new LiquidStakeContext(
        Node.Rpc,
        NetworkProfile.Devnet,
        new TransactionSender(Node.Rpc, options: new TransactionSenderOptions { ChainId = 1, PollingInterval = TimeSpan.FromMilliseconds(20) })));

    [DevnetFact]
    public async Task The_stakewise_sdk_and_our_client_read_the_same_vaults_stakes_osETH_positions_exit_queue_and_rate()
    {
        var arranged = await ArrangeAsync();
        using var sdk = await StakeWiseSdkScript.ReadAsync(Node.RpcUrl, Vaults, [User.Address, Node.Admin.Address]);
        var client = NewClient();
        var root = sdk.RootElement;
        Assert.Equal(await Node.Rpc.GetBlockNumberAsync(), root.GetProperty("block").GetUInt64());

        // osETH: the SDK reads PriceFeed.latestAnswer and the controller; ours is the controller's exact fraction.
        var os = root.GetProperty("osToken");
        var rate = await client.GetExchangeRateAsync();
        Assert.Equal(ParseDecimal18(os.GetProperty("rate").GetString()!), rate.ToQuote(Ether));
        Assert.Equal(rate.ToQuote(Ether), Big(os, "oneShareInAssets"));
        Assert.Equal(rate.ToBase(Ether), Big(os, "oneEthInShares"));
        var controller = Driver.OsTokenVaultController;
        var avgRewardPerSecond = await controller.AvgRewardPerSecondAsync();
        Assert.Equal(avgRewardPerSecond, Big(os, "avgRewardPerSecond"));

        var vaults = root.GetProperty("vaults").EnumerateArray().ToArray();
        Assert.Equal(Vaults.Length, vaults.Length);
        foreach (var (address, data) in Vaults.Zip(vaults))
        {
            var info = await client.GetVaultAsync(address);
            Assert.Equal(address, Address.Parse(data.GetProperty("address").GetString()!));
            Assert.Equal(info.Admin, Address.Parse(data.GetProperty("admin").GetString()!));
            Assert.Equal(info.ConvertToAssets(Ether), Big(data, "oneShareInAssets"));
            Assert.Equal(info.OsTokenConfig.LtvPercent, Big(data, "ltvPercent"));
            Assert.Equal(info.OsTokenConfig.LiqThresholdPercent, Big(data, "thresholdPercent"));
            Assert.Equal(address == DevnetAddresses.StakeWise.GenesisVault, info.IsGenesis);
            // What the client does not expose, against raw reads.
            var vault = Driver.Vault(address);
            Assert.Equal(await vault.VersionAsync(), Big(data, "version"));
            Assert.Equal(Hex.Encode(await vault.VaultIdAsync()), data.GetProperty("vaultId").GetString());

            foreach (var account in data.GetProperty("accounts").EnumerateArray())
            {
                var user = Address.Parse(account.GetProperty("address").GetString()!);
                var position = await client.GetOsTokenPositionAsync(user, address);
                Assert.Equal(position.StakedShares, Big(account, "stakedShares"));
                Assert.Equal(position.StakedAssets, Big(account, "stakedAssets"));
                Assert.Equal(position.MintedShares, Big(account, "mintedShares"));
                Assert.Equal(position.MintedAssets, Big(account, "mintedAssets"));

                // Ours is the vault's own limit (VaultOsToken._calcMaxOsTokenShares) less what is minted; the SDK keeps
                // one hour of osETH rewards in hand below it (its getMaxMint), so it may answer less, never more.
                var sdkMax = Big(account, "maxMintShares");
                Assert.True(sdkMax <= position.MintableShares, $"{address}/{user}: SDK max mint {sdkMax} above ours {position.MintableShares}");
                var ltvAssets = position.StakedAssets * position.Config.LtvPercent / Ether;
                var hourOfRewards = await controller.ConvertToSharesAsync((ltvAssets * avgRewardPerSecond * 3600 / Ether) + 1);
                Assert.True(position.MintableShares - sdkMax <= hourOfRewards + 2, $"{address}/{user}: SDK max mint {sdkMax} vs ours {position.MintableShares}");

                // The SDK's exit queue: processed requests older than a day are "positions" paying their exited assets
                // ("withdrawable"); everything else still queued counts at convertToAssets of its shares.
                var queue = account.GetProperty("exitQueue");
                var now = await Node.GetBlockTimestampAsync();
                var requests = (await client.GetExitRequestsAsync(user, address)).Where(r => r.Status != WithdrawalStatus.Claimed).ToArray();
                var settled = requests.Where(r => r.ExitQueueIndex is not null && now - r.Ticket.Timestamp > 86_400).ToArray();
                var withdrawable = settled.Aggregate(BigInteger.Zero, (sum, r) => sum + (r.AmountClaimable ?? 0));
                var queuedShares = requests.Aggregate(BigInteger.Zero, (sum, r) => sum + r.AmountRequested) - settled.Aggregate(BigInteger.Zero, (sum, r) => sum + r.ExitedTickets);
                Assert.Equal(withdrawable, Big(queue, "withdrawable"));
                Assert.Equal(withdrawable + (queuedShares.IsZero ? 0 : info.ConvertToAssets(queuedShares)), Big(queue, "total"));
                var sdkPositions = queue.GetProperty("positions").EnumerateArray().ToArray();
                Assert.Equal(settled.Length, sdkPositions.Length);
                foreach (var (ours, theirs) in settled.Zip(sdkPositions))
                {
                    Assert.Equal(ours.Ticket.PositionTicket, Big(theirs, "positionTicket"));
                    Assert.Equal(new BigInteger(ours.Ticket.Timestamp), Big(theirs, "timestamp"));
                    Assert.Equal(ours.ExitQueueIndex, Big(theirs, "exitQueueIndex"));
                }
                if (user != User.Address || address != DevnetAddresses.StakeWise.OperatorAVault)
                {
                    Assert.Empty(requests);
                    continue;
                }
                // The arranged requests: the first processed, claimable and settled; the second still queued.
                Assert.Equal(2, requests.Length);
                var first = Assert.Single(settled);
                Assert.Equal(arranged.Ticket1, first.Ticket.PositionTicket);
                Assert.Equal(arranged.Timestamp1, first.Ticket.Timestamp);
                Assert.Equal(WithdrawalStatus.Claimable, first.Status);
                Assert.True(first.AmountClaimable > 0);
                var second = requests.Single(r => r.Ticket.PositionTicket == arranged.Ticket2);
                Assert.Equal(WithdrawalStatus.Pending, second.Status);
                Assert.Equal(arranged.Shares2, second.AmountRequested);
                Assert.Equal(arranged.Shares1, first.AmountRequested);
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
