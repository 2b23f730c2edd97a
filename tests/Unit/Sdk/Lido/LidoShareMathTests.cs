using System.Numerics;
using CsCheck;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Protocols.Lido;
using static LiquidStake.UnitTests.Sdk.Lido.Num;

namespace LiquidStake.UnitTests.Sdk.Lido;

internal static class Num
{
    public static BigInteger N(string text) => BigInteger.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}

public class LidoShareMathTests
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    // lido.md §3.4: the illustrative state and its worked results.
    private static readonly LidoShareRate Example = new(N("9400000123456789012345678"), N("7650000987654321098765432"));

    [Fact]
    public void Worked_example_conversions_match_the_notes()
    {
        Assert.Equal(N("1228758027433805703"), Example.GetPooledEthByShares(Ether));
        Assert.Equal(N("1228758027433805703"), Example.StEthPerToken);
        Assert.Equal(N("813829881615052884"), Example.GetSharesByPooledEth(Ether));
        Assert.Equal(N("100472823986491844"), Example.GetSharesByPooledEth(N("123456789012345678")));
    }

    [Fact]
    public void Submit_of_32_eth_mints_the_documented_shares_and_transfer_value()
    {
        var (shares, stEth) = Example.Submit(32 * Ether);
        Assert.Equal(N("26042556211681692297"), shares);
        Assert.Equal(N("31999999999999999999"), stEth);
    }

    [Fact]
    public void Wrap_and_unwrap_of_10_steth_match_the_notes()
    {
        var wst = Example.GetSharesByPooledEth(10 * Ether);
        Assert.Equal(N("8138298816150528842"), wst);
        Assert.Equal(N("9999999999999999998"), Example.GetPooledEthByShares(wst));
        Assert.Equal(N("8138298816150528841"), Example.GetSharesByPooledEth(Example.GetPooledEthByShares(wst)));
    }

    [Fact]
    public void Round_up_of_a_fraction_is_one_above_floor()
    {
        var rate = new LidoShareRate(300, 200);
        Assert.Equal(new BigInteger(4), rate.GetPooledEthByShares(3));
        Assert.Equal(new BigInteger(5), rate.GetPooledEthBySharesRoundUp(3));
        Assert.Equal(new BigInteger(6), rate.GetPooledEthBySharesRoundUp(4));
    }

    [Fact]
    public void From_totals_subtracts_external_shares_and_ether()
    {
        var rate = LidoShareRate.FromTotals(1000, 800, 80, 100);
        Assert.Equal(new LidoShareRate(900, 720), rate);
        Assert.Throws<LiquidStake.EthereumFormatException>(() => LidoShareRate.FromTotals(100, 80, 80, 0));
    }

    [Fact]
    public void Share_rate_has_1e27_precision()
    {
        Assert.Equal(Example.InternalEther * BigInteger.Pow(10, 27) / Example.InternalShares, Example.ShareRate27);
    }

    private static readonly Gen<(BigInteger Ether, BigInteger Shares, BigInteger Amount)> States =
        Gen.Select(Gen.ULong[1, ulong.MaxValue], Gen.UInt[1, 1_000_000], Gen.ULong[1, ulong.MaxValue / 4], (s, boost, amount) =>
        {
            BigInteger shares = s;
            BigInteger ether = shares + (shares * boost / 1_000_000); // share rate in [1, 2)
            return (ether, shares, (BigInteger)amount);
        });

    [Fact]
    public void Round_up_is_floor_or_floor_plus_one() =>
        States.Sample(t =>
        {
            var rate = new LidoShareRate(t.Ether, t.Shares);
            var diff = rate.GetPooledEthBySharesRoundUp(t.Amount) - rate.GetPooledEthByShares(t.Amount);
            var exact = (t.Amount * t.Ether % t.Shares).IsZero;
            return diff == (exact ? 0 : 1);
        });

    [Fact]
    public void Amount_moving_exact_shares_moves_exactly_those_shares_and_is_minimal() =>
        States.Sample(t =>
        {
            var rate = new LidoShareRate(t.Ether, t.Shares);
            var amount = rate.StEthAmountMovingExactShares(t.Amount);
            return amount is { } x && rate.GetSharesByPooledEth(x) == t.Amount && rate.GetSharesByPooledEth(x - 1) < t.Amount;
        });

    [Fact]
    public void Submit_transfer_value_is_at_most_the_eth_sent_and_at_most_two_wei_below() =>
        States.Sample(t =>
        {
            var rate = new LidoShareRate(t.Ether, t.Shares);
            var (shares, stEth) = rate.Submit(t.Amount);
            return shares == t.Amount * t.Shares / t.Ether && stEth <= t.Amount && t.Amount - stEth <= 2;
        });

    [Fact]
    public void Withdrawal_limits_for_wsteth_are_tight()
    {
        var limits = LidoWithdrawalLimits.FromRate(Example, 100, 1000 * Ether);
        Assert.True(Example.GetPooledEthByShares(limits.MinWstEth) >= 100);
        Assert.True(Example.GetPooledEthByShares(limits.MinWstEth - 1) < 100);
        Assert.True(Example.GetPooledEthByShares(limits.MaxWstEth) <= 1000 * Ether);
        Assert.Equal(Example.GetSharesByPooledEth(1000 * Ether), limits.MaxWstEth);
        Assert.Equal((new BigInteger(100), 1000 * Ether), limits.For(LidoWithdrawalToken.StEth));
        Assert.Equal((limits.MinWstEth, limits.MaxWstEth), limits.For(LidoWithdrawalToken.WstEth));
    }

    [Theory]
    [InlineData(10, 9)] // shares floor(10·2/3) = 6, request rate 1.67e27 > 1.5e27: the claim is 6 · 1.5 = 9
    [InlineData(9, 9)] // shares 6, request rate exactly 1.5e27: the nominal amount is paid
    [InlineData(1, 0)] // no share is locked for 1 wei at this rate: nothing to claim
    public void A_request_claims_its_nominal_amount_unless_its_share_rounding_beats_the_rate(int requested, int claimed)
    {
        var rate = new LidoShareRate(3, 2);
        Assert.Equal(new BigInteger(claimed), rate.ClaimForRequest(requested));
    }

    [Fact]
    public void A_claim_never_exceeds_the_request_nor_falls_below_the_locked_shares_value()
    {
        Gen.Select(Gen.Long[1, long.MaxValue / 4], Gen.Long[1, long.MaxValue / 4], Gen.Long[1, long.MaxValue / 8]).Sample((ether, shares, amount) =>
        {
            var rate = new LidoShareRate(BigInteger.Pow(10, 9) * ether, shares);
            var claim = rate.ClaimForRequest(amount);
            var locked = rate.GetSharesByPooledEth(amount);
            return claim <= amount && (locked.IsZero || claim >= locked * rate.ShareRate27 / LidoShareRate.E27);
        });
    }
}

public class LidoWithdrawalSplitterTests
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);
    private static readonly BigInteger Max = 1000 * Ether;
    private static readonly BigInteger Min = 100;

    [Fact]
    public void Amount_up_to_max_is_one_request()
    {
        Assert.Equal([Max], LidoWithdrawalSplitter.Split(Max, Min, Max));
        Assert.Equal([Min], LidoWithdrawalSplitter.Split(Min, Min, Max));
        Assert.Equal([3 * Ether], LidoWithdrawalSplitter.Split(3 * Ether, Min, Max));
    }

    [Fact]
    public void Amount_above_max_is_full_requests_plus_remainder()
    {
        Assert.Equal([Max, Max, 100 * Ether], LidoWithdrawalSplitter.Split(2100 * Ether, Min, Max));
        Assert.Equal([Max, Max], LidoWithdrawalSplitter.Split(2 * Max, Min, Max));
    }

    [Fact]
    public void Remainder_below_min_is_topped_up_from_the_previous_request()
    {
        Assert.Equal([Max, Max - 50, Min], LidoWithdrawalSplitter.Split((2 * Max) + 50, Min, Max));
        Assert.Equal([Max - 99, Min], LidoWithdrawalSplitter.Split(Max + 1, Min, Max));
    }

    [Fact]
    public void Zero_negative_and_below_min_are_refused_with_typed_exceptions()
    {
        Assert.Throws<AmountNotPositiveException>(() => LidoWithdrawalSplitter.Split(0, Min, Max));
        Assert.Throws<AmountNotPositiveException>(() => LidoWithdrawalSplitter.Split(-5, Min, Max));
        var ex = Assert.Throws<AmountBelowMinimumException>(() => LidoWithdrawalSplitter.Split(99, Min, Max));
        Assert.Equal(Min, ex.Minimum);
        Assert.Equal("amount", ex.ParamName);
    }

    [Fact]
    public void Inconsistent_bounds_are_refused()
    {
        Assert.Throws<LiquidStake.LiquidStakeArgumentException>(() => LidoWithdrawalSplitter.Split(10, 0, 100));
        Assert.Throws<LiquidStake.LiquidStakeArgumentException>(() => LidoWithdrawalSplitter.Split(10, 60, 100));
    }

    [Fact]
    public void Every_split_sums_to_the_amount_within_bounds_with_the_fewest_requests() =>
        Gen.Select(Gen.ULong[100, ulong.MaxValue], Gen.UInt[0, 50], (low, high) => ((BigInteger)high * ulong.MaxValue) + low)
            .Sample(amount =>
            {
                var parts = LidoWithdrawalSplitter.Split(amount, Min, Max);
                var fewest = (amount + Max - 1) / Max;
                return parts.Aggregate(BigInteger.Zero, (s, p) => s + p) == amount
                    && parts.All(p => p >= Min && p <= Max)
                    && parts.Count == fewest;
            });
}

public class LidoAprMathTests
{
    // lido-ethereum-sdk statistics/__tests__/stats.test.ts vectors (lido.md §8.2).
    [Theory]
    [InlineData("4608", "380434172050725886214426", "381568992239135809181277", "380434280124073199943710", "381570076199165808306368", "1.7497")]
    [InlineData("950400", "8066681860242338824295513", "9263068471084128020814862", "8015162922459393384526309", "9214558073511239726258077", "3.8393")]
    [InlineData("12009600", "352884611916239405037988", "411807460465253736065963", "941217337772777324482426", "1117524237432571389949096", "4.5775")]
    public void Sdk_vectors(string elapsed, string preShares, string preEther, string postShares, string postEther, string expected)
    {
        var apr = LidoAprMath.AprPercent(N(preEther), N(preShares), N(postEther), N(postShares), N(elapsed));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), apr);
    }

    [Fact]
    public void Sma_uses_pre_of_first_post_of_last_and_the_combined_time()
    {
        var first = new LidoRebase(10, 1_000_000, 86_400, 1000, 1100, 1000, 1101, 0);
        var last = new LidoRebase(20, 1_172_800, 86_400, 1000, 1102, 1000, 1103, 0);
        var apr = LidoClient.AprFrom([first, first with { BlockNumber = 15 }, last], "test");
        var expected = LidoAprMath.AprPercent(1100, 1000, 1103, 1000, 86_400 + 172_800);
        Assert.Equal(expected, apr.Percent);
        Assert.Equal(3, apr.DataPoints);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_000_000 - 86_400), apr.From);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_172_800), apr.To);
        Assert.Equal(TimeSpan.FromSeconds(86_400 + 172_800), apr.Window);
    }

    [Fact]
    public void Zero_time_is_refused() =>
        Assert.Throws<LiquidStake.LiquidStakeArgumentException>(() => LidoAprMath.AprPercent(1, 1, 1, 1, 0));
}
