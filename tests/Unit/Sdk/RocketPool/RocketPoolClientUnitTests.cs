using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Contracts;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Protocols.RocketPool;

namespace LiquidStake.UnitTests.Sdk.RocketPool;

public class RocketPoolClientUnitTests
{
    private static readonly Address Storage = Address.Parse("0x1d8f8f00cfa6758d7bE78336684788Fb0ee0Fa46");
    private static readonly Address REth = Address.Parse("0xae78736Cd615f374D3085123A210448E74Fc6393");

    /// <summary>Answers RocketStorage.getAddress(key) from a table and records the keys asked.</summary>
    private sealed class FakeStorageCaller(Dictionary<string, Address> byKey) : IContractCaller
    {
        public List<(Address To, string Data)> Calls { get; } = [];

        public Task<byte[]> CallAsync(Address to, ReadOnlyMemory<byte> data, BlockParameter block, CancellationToken cancellationToken = default)
        {
            lock (Calls) Calls.Add((to, Hex.Encode(data.Span)));
            var key = Hex.Encode(data.Span[4..36]);
            var result = new byte[32];
            if (byKey.TryGetValue(key, out var a)) a.ToArray().CopyTo(result, 12);
            return Task.FromResult(result);
        }
    }

    [Theory]
    [InlineData("rocketDepositPool", "0x65dd923ddfc8d8ae6088f80077201d2403cbd565f0ba25e09841e2799ec90bb2")]
    [InlineData("rocketNetworkBalances", "0x7630e125f1c009e5fc974f6dae77c6d5b1802979b36e6d7145463c21782af01e")]
    [InlineData("rocketDAOProtocolSettingsDeposit", "0x876d8a498b5341a6b5897a8239bfb0347e2b8d81fe9401d355c1e4b0ecebedaa")]
    [InlineData("rocketTokenRETH", "0xe3744443225bff7cc22028be036b80de58057d65a3fdca0a3df329f525e31ccc")]
    public void Contract_address_key_matches_the_notes(string name, string key) =>
        Assert.Equal(key, Hex.Encode(RocketPoolContractResolver.ContractAddressKey(name)));

    [Fact]
    public async Task Resolver_reads_every_address_from_rocket_storage_by_name()
    {
        var pool = Address.Parse("0x00000000000000000000000000000000000000a1");
        var balances = Address.Parse("0x00000000000000000000000000000000000000a2");
        var settings = Address.Parse("0x00000000000000000000000000000000000000a3");
        var caller = new FakeStorageCaller(new()
        {
            ["0x65dd923ddfc8d8ae6088f80077201d2403cbd565f0ba25e09841e2799ec90bb2"] = pool,
            ["0x7630e125f1c009e5fc974f6dae77c6d5b1802979b36e6d7145463c21782af01e"] = balances,
            ["0x876d8a498b5341a6b5897a8239bfb0347e2b8d81fe9401d355c1e4b0ecebedaa"] = settings,
        });
        var resolved = await new RocketPoolContractResolver(caller, new RocketPoolAddresses(Storage, REth)).ResolveAllAsync();
        Assert.Equal(pool, resolved.DepositPool);
        Assert.Equal(balances, resolved.NetworkBalances);
        Assert.Equal(settings, resolved.DepositSettings);
        Assert.Equal(REth, resolved.REth);
        Assert.Equal(3, caller.Calls.Count);
        Assert.All(caller.Calls, c => Assert.Equal(Storage, c.To));
        Assert.All(caller.Calls, c => Assert.StartsWith("0x21f8a721", c.Data, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Resolver_refuses_an_unregistered_name()
    {
        var resolver = new RocketPoolContractResolver(new FakeStorageCaller([]), new RocketPoolAddresses(Storage, REth));
        var ex = await Assert.ThrowsAsync<LiquidStakeException>(() => resolver.ResolveAsync("rocketDepositPool"));
        Assert.Contains("rocketDepositPool", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deposit_and_burn_math_follows_the_documented_formulas()
    {
        var t = BigInteger.Parse("390000000000000000123456789", System.Globalization.CultureInfo.InvariantCulture);
        var s = BigInteger.Parse("338000000000000000987654321", System.Globalization.CultureInfo.InvariantCulture);
        var v = BigInteger.Pow(10, 19);
        BigInteger fee = 500_000_000_000_000;
        Assert.Equal(5_000_000_000_000_000, RocketPoolClient.ComputeDepositFee(v, fee));
        var expected = (v - 5_000_000_000_000_000) * s / t;
        var minted = RocketPoolClient.ComputeRethMinted(v, fee, t, s);
        Assert.Equal(expected, minted);
        Assert.Equal(minted * t / s, RocketPoolClient.ComputeEthValue(minted, t, s));
        Assert.True(RocketPoolClient.ComputeEthValue(minted, t, s) < v - 5_000_000_000_000_000);
        Assert.Equal(v, RocketPoolClient.ComputeRethMinted(v, 0, 0, 0)); // S == 0: 1:1
        Assert.Throws<LiquidStakeException>(() => RocketPoolClient.ComputeRethMinted(v, fee, 0, s));
    }

    [Fact]
    public void Apr_is_the_simple_annualised_rate_change()
    {
        BigInteger r1 = 1_000_000_000_000_000_000;
        BigInteger r2 = 1_000_100_000_000_000_000; // +0.01 % in one day
        Assert.Equal(3.65m, RocketPoolClient.ComputeAprPercent(r1, r2, 86400));
        Assert.Equal(-3.65m, RocketPoolClient.ComputeAprPercent(r1, r1 - (r2 - r1), 86400));
        Assert.Throws<LiquidStakeException>(() => RocketPoolClient.ComputeAprPercent(r1, r2, 0));
    }
}
