using System.Numerics;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Services;

namespace LiquidStake.UnitTests.Sdk.Services;

public sealed class OnChainStakeShareSourceTests
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    [Fact]
    public async Task Staked_ether_is_read_per_provider_overrides_win_and_a_failed_read_leaves_the_protocol_out()
    {
        var providers = new IStakingProvider[]
        {
            new FakeStakedProvider("lido", 9_000_000 * Ether),
            new FakeStakedProvider("rocketpool", 600_000 * Ether),
            new FakeStakedProvider("etherfi", null),
            new FakeStakedProvider("given", 1 * Ether),
            new FakeProvider("restaking"),
        };
        var source = new OnChainStakeShareSource(providers, new OnChainStakeShareSourceOptions
        {
            TotalStakedWei = 36_000_000 * Ether,
            Overrides = new Dictionary<ProtocolId, BigInteger> { [new ProtocolId("given")] = 360_000 * Ether },
        });

        var distribution = await source.GetDistributionAsync();

        Assert.Equal(0.25m, distribution.ShareOf(ProtocolId.Lido));
        Assert.Equal(600_000m / 36_000_000m, distribution.ShareOf(ProtocolId.RocketPool)!.Value, 11); // shares are truncated to 12 places
        Assert.Equal(0.01m, distribution.ShareOf(new ProtocolId("given")));
        Assert.Null(distribution.ShareOf(ProtocolId.EtherFi));
        Assert.Null(distribution.ShareOf(new ProtocolId("restaking")));
        Assert.Contains("unreadable: etherfi (node unreachable)", distribution.Source, StringComparison.Ordinal);
        Assert.Contains("given: given", distribution.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_or_non_positive_total_is_refused()
    {
        var ex = Assert.Throws<LiquidStakeArgumentException>(() => new OnChainStakeShareSource([], new OnChainStakeShareSourceOptions()));
        Assert.Equal(nameof(OnChainStakeShareSourceOptions.TotalStakedWei), ex.ParamName);
    }

    [Fact]
    public async Task A_protocol_staking_more_than_the_total_is_reported()
    {
        var source = new OnChainStakeShareSource([new FakeStakedProvider("lido", 2 * Ether)], new OnChainStakeShareSourceOptions { TotalStakedWei = Ether });
        var ex = await Assert.ThrowsAsync<LiquidStakeArgumentException>(() => source.GetDistributionAsync());
        Assert.Contains("'lido' alone has", ex.Message, StringComparison.Ordinal);
    }
}
