using System.Globalization;
using System.Numerics;
using System.Text.Json;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Messages;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Contracts.EigenLayer;
using LiquidStake.Sdk.Protocols.EigenLayer;

namespace LiquidStake.UnitTests.Sdk.EigenLayer;

/// <summary>EigenLayer logic that needs no chain, checked against vectors computed with viem (tests/vectors/gen-eigenlayer.mjs).</summary>
public class EigenLayerPureTests
{
    private static readonly Lazy<JsonElement> Vectors = new(() =>
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "vectors", "eigenlayer.json")));
        return doc.RootElement.Clone();
    });

    private static JsonElement Case(string set, int index) => Vectors.Value.GetProperty(set)[index];

    private static TheoryData<int> Indexes(string set)
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < Vectors.Value.GetProperty(set).GetArrayLength(); i++) data.Add(i);
        return data;
    }

    public static TheoryData<int> WithdrawalCases() => Indexes("withdrawals");

    public static TheoryData<int> DepositCases() => Indexes("deposits");

    public static TheoryData<int> ApprovalCases() => Indexes("approvals");

    private static string Str(JsonElement e, string name) => e.GetProperty(name).GetString()!;

    private static Address Addr(JsonElement e, string name) => Address.Parse(Str(e, name));

    private static BigInteger Big(JsonElement e, string name) => BigInteger.Parse(Str(e, name), CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(WithdrawalCases))]
    public void Withdrawal_root_matches_viem(int index)
    {
        var c = Case("withdrawals", index);
        var w = new Withdrawal(
            Addr(c, "staker"), Addr(c, "delegatedTo"), Addr(c, "withdrawer"), Big(c, "nonce"), c.GetProperty("startBlock").GetUInt32(),
            c.GetProperty("strategies").EnumerateArray().Select(s => Address.Parse(s.GetString()!)).ToArray(),
            c.GetProperty("scaledShares").EnumerateArray().Select(s => BigInteger.Parse(s.GetString()!, CultureInfo.InvariantCulture)).ToArray());
        Assert.Equal(Hash32.Parse(Str(c, "root")), EigenLayerClient.ComputeWithdrawalRoot(w));
    }

    [Fact]
    public void Withdrawal_root_changes_with_every_field()
    {
        var w = new Withdrawal(Address.Parse("0x1111111111111111111111111111111111111111"), Address.Zero, Address.Parse("0x1111111111111111111111111111111111111111"),
            5, 100, [Address.Parse("0x93c4b944D05dfe6df7645A86cd2206016c51564D")], [BigInteger.Pow(10, 18)]);
        var root = EigenLayerClient.ComputeWithdrawalRoot(w);
        Assert.NotEqual(root, EigenLayerClient.ComputeWithdrawalRoot(w with { Nonce = 6 }));
        Assert.NotEqual(root, EigenLayerClient.ComputeWithdrawalRoot(w with { StartBlock = 101 }));
        Assert.NotEqual(root, EigenLayerClient.ComputeWithdrawalRoot(w with { ScaledShares = [BigInteger.Pow(10, 18) + 1] }));
        Assert.NotEqual(root, EigenLayerClient.ComputeWithdrawalRoot(w with { DelegatedTo = w.Staker }));
    }

    [Theory]
    [MemberData(nameof(DepositCases))]
    public void Deposit_typed_data_digest_matches_viem(int index)
    {
        var c = Case("deposits", index);
        var typed = EigenLayerClient.CreateDepositTypedData(c.GetProperty("chainId").GetUInt64(), Addr(c, "verifyingContract"), Str(c, "version"),
            Addr(c, "staker"), Addr(c, "strategy"), Addr(c, "token"), Big(c, "amount"), Big(c, "nonce"), Big(c, "expiry"));
        Assert.Equal("Deposit", typed.PrimaryType);
        Assert.Equal(Hash32.Parse(Str(c, "digest")), Eip712.Hash(typed));
    }

    [Theory]
    [MemberData(nameof(ApprovalCases))]
    public void Delegation_approval_typed_data_digest_matches_viem(int index)
    {
        var c = Case("approvals", index);
        var typed = EigenLayerClient.CreateDelegationApprovalTypedData(c.GetProperty("chainId").GetUInt64(), Addr(c, "verifyingContract"), Str(c, "version"),
            Addr(c, "delegationApprover"), Addr(c, "staker"), Addr(c, "operator"), Hash32.Parse(Str(c, "salt")), Big(c, "expiry"));
        Assert.Equal("DelegationApproval", typed.PrimaryType);
        Assert.Equal(Hash32.Parse(Str(c, "digest")), Eip712.Hash(typed));
    }

    [Fact]
    public void Spec_vectors_are_the_first_cases()
    {
        // eigenlayer.md §7: the mainnet digests.
        Assert.Equal("0xa0cd237415c4657243faabca175b6c8d559eec619bf9879ab816e955f6a4e760", Str(Case("deposits", 0), "digest"));
        Assert.Equal("0x62ebdb856fefecf318774ffb727ee62beef46d1270814a134e98ed86df057c8c", Str(Case("approvals", 0), "digest"));
        Assert.Equal(NetworkProfile.Mainnet.EigenLayer!.StrategyManager, Addr(Case("deposits", 0), "verifyingContract"));
        Assert.Equal(NetworkProfile.Mainnet.EigenLayer!.DelegationManager, Addr(Case("approvals", 0), "verifyingContract"));
    }

    [Theory]
    [InlineData("1.9.0", "1")]
    [InlineData("10.2.1", "10")]
    [InlineData("v1.4.0", "v1")]
    [InlineData("2", "2")]
    [InlineData("", "1")]
    public void Domain_version_is_the_major_part(string version, string expected) =>
        Assert.Equal(expected, EigenLayerClient.DomainVersion(version));

    [Theory]
    [InlineData(100UL, 100800UL, 100901UL)]
    [InlineData(0UL, 0UL, 1UL)]
    [InlineData(23_000_000UL, 5UL, 23_000_006UL)]
    public void Claimable_block_is_start_plus_delay_plus_one(ulong start, ulong delay, ulong expected) =>
        Assert.Equal(expected, EigenLayerClient.ComputeClaimableBlock(start, delay));

    [Theory]
    [InlineData(106UL, 100UL, 5UL)] // head 100: the next transaction is in 101; 106 is 5 blocks after that
    [InlineData(106UL, 104UL, 1UL)]
    [InlineData(106UL, 105UL, 0UL)] // the next block is 106: completable now
    [InlineData(106UL, 200UL, 0UL)]
    public void Blocks_until_claimable_counts_from_the_next_block(ulong claimableAt, ulong head, ulong expected) =>
        Assert.Equal(expected, EigenLayerClient.ComputeBlocksUntilClaimable(claimableAt, head));

    [Fact]
    public void Claimable_block_overflow_is_refused() =>
        Assert.Throws<OverflowException>(() => EigenLayerClient.ComputeClaimableBlock(ulong.MaxValue, 1));

    [Fact]
    public void Wait_is_delay_plus_one_blocks_of_twelve_seconds()
    {
        var slot = new EigenLayerClientOptions().BlockTime;
        Assert.Equal(TimeSpan.FromSeconds(12), slot);
        Assert.Equal(TimeSpan.FromSeconds(12 * 100801), EigenLayerClient.EstimateWait(100800, slot));
        Assert.Equal(TimeSpan.FromSeconds(12), EigenLayerClient.EstimateWait(0, slot));
        Assert.Equal(TimeSpan.FromSeconds(30), EigenLayerClient.EstimateWait(4, TimeSpan.FromSeconds(6)));
    }

    [Fact]
    public void Withdrawable_shares_apply_both_factors_with_floor()
    {
        var wad = BigInteger.Pow(10, 18);
        Assert.Equal(wad, EigenLayerClient.ComputeWithdrawableShares(wad, wad, wad));
        // 3 * 0.5 = 1 (floor), then * 0.5 = 0.
        Assert.Equal(BigInteger.Zero, EigenLayerClient.ComputeWithdrawableShares(3, wad / 2, wad / 2));
        Assert.Equal(new BigInteger(7) * wad / 4, EigenLayerClient.ComputeWithdrawableShares(7 * wad, wad / 2, wad / 2));
    }

    [Fact]
    public void Deposit_tokens_are_the_profile_strategy_tokens_with_their_symbols()
    {
        using var rpc = new EthereumRpcClient(new EthereumRpcClientOptions { Url = new Uri("http://127.0.0.1:9") });
        var client = new EigenLayerClient(new LiquidStakeContext(rpc, NetworkProfile.Mainnet));
        var mainnet = NetworkProfile.Mainnet;
        Assert.Equal(mainnet.EigenLayer!.StrategiesByToken.Keys.Order(), client.DepositTokens.Select(t => t.Address).Order());
        Assert.Equal(["ETHx", "cbETH", "rETH", "stETH"], client.DepositTokens.Select(t => t.Symbol).Order(StringComparer.Ordinal));
        var steth = client.DepositTokens.Single(t => t.Symbol == "stETH");
        Assert.Equal(mainnet.Lido!.StEth, steth.Address);
        Assert.Equal(TokenAccounting.Rebasing, steth.Accounting);
        Assert.Equal(mainnet.RocketPool!.REth, client.DepositTokens.Single(t => t.Symbol == "rETH").Address);
        Assert.All(client.DepositTokens.Where(t => t.Symbol != "stETH"), t => Assert.Equal(TokenAccounting.ExchangeRate, t.Accounting));
        Assert.Equal(steth, client.StakeToken);

        // A custom default token outside the known set is named by its address.
        var custom = Address.Parse("0x1234567890123456789012345678901234567890");
        var other = new EigenLayerClient(new LiquidStakeContext(rpc, NetworkProfile.Mainnet), new EigenLayerClientOptions { DefaultToken = custom });
        Assert.Equal("LST-0x12345678", other.StakeToken.Symbol);
        Assert.Equal(custom, other.StakeToken.Address);

        // On another chain the mainnet cbETH address is not assumed to be cbETH.
        var cbEth = Address.Parse("0xBe9895146f7AF43049ca1c1AE358B0541Ea49704");
        var elsewhere = new EigenLayerClient(new LiquidStakeContext(rpc, NetworkProfile.Mainnet with { ChainId = 5 }));
        Assert.StartsWith("LST-", elsewhere.DepositTokens.Single(t => t.Address == cbEth).Symbol, StringComparison.Ordinal);
    }

    [Fact]
    public void A_network_without_EigenLayer_is_refused()
    {
        using var rpc = new EthereumRpcClient(new EthereumRpcClientOptions { Url = new Uri("http://127.0.0.1:9") });
        var ex = Assert.Throws<LiquidStakeArgumentException>(() => new EigenLayerClient(new LiquidStakeContext(rpc, NetworkProfile.Hoodi)));
        Assert.Equal("context", ex.ParamName);
    }
}
