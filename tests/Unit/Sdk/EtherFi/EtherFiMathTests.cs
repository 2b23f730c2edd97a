using System.Globalization;
using System.Numerics;
using System.Text.Json;
using CsCheck;
using LiquidStake.Ethereum;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Protocols.EtherFi;

namespace LiquidStake.UnitTests.Sdk.EtherFi;

public class EtherFiMathTests
{
    private static readonly BigInteger E18 = BigInteger.Pow(10, 18);

    public static TheoryData<int> CaseIndexes()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < Cases.Value.Count; i++) data.Add(i);
        return data;
    }

    private static readonly Lazy<IReadOnlyList<JsonElement>> Cases = new(() =>
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "vectors", "etherfi.json")));
        return doc.RootElement.GetProperty("cases").EnumerateArray().Select(e => e.Clone()).ToArray();
    });

    private static BigInteger Big(JsonElement e, string name) => BigInteger.Parse(e.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(CaseIndexes))]
    public void Matches_the_independent_js_vectors(int index)
    {
        var c = Cases.Value[index];
        var p = Big(c, "pooledEther");
        var s = Big(c, "totalShares");
        var a = Big(c, "amount");
        Assert.Equal(Big(c, "sharesForAmount"), EtherFiMath.SharesForAmount(a, p, s));
        Assert.Equal(Big(c, "sharesForWithdrawalAmount"), EtherFiMath.SharesForWithdrawalAmount(a, p, s));
        Assert.Equal(Big(c, "amountForShare"), EtherFiMath.AmountForShare(a, p, s));
        Assert.Equal(Big(c, "amountPerShareCeil"), EtherFiMath.AmountPerShareCeil(p, s));
        var (shares, eEth) = EtherFiMath.Deposit(a, p, s);
        Assert.Equal(Big(c, "depositShares"), shares);
        Assert.Equal(Big(c, "depositEEth"), eEth);
        Assert.Equal(Big(c, "adapterWeEth"), EtherFiMath.DepositForWeEth(a, p, s));
        Assert.Equal(Big(c, "claimable"), EtherFiMath.ClaimableAmount(a, EtherFiMath.SharesForAmount(a, p, s), EtherFiMath.AmountPerShareCeil(p, s)));
        var split = EtherFiMath.Redemption(EtherFiMath.SharesForAmount(a, p, s), c.GetProperty("exitFeeBps").GetInt32(), c.GetProperty("treasurySplitBps").GetInt32(), p, s);
        Assert.Equal(Big(c, "redeemToReceiver"), split.ToReceiver);
        Assert.Equal(Big(c, "redeemSharesBurned"), split.SharesBurnedForPayout);
        Assert.Equal(Big(c, "redeemFeeToTreasury"), split.FeeToTreasury);
        Assert.Equal(Big(c, "redeemFeeToStakers"), split.FeeToStakers);
    }

    [Fact]
    public void Hand_computed_example_follows_the_notes()
    {
        // P = 3, S = 2 (rate 1.5): 10 wei -> floor(20/3) = 6 shares; ceil -> 7; 10 shares -> 15 wei.
        Assert.Equal(new BigInteger(6), EtherFiMath.SharesForAmount(10, 3, 2));
        Assert.Equal(new BigInteger(7), EtherFiMath.SharesForWithdrawalAmount(10, 3, 2));
        Assert.Equal(new BigInteger(15), EtherFiMath.AmountForShare(10, 3, 2));
        Assert.Equal(E18 * 3 / 2, EtherFiMath.AmountPerShareCeil(3, 2));
        Assert.Equal(new BigInteger(333_333_333_333_333_334), EtherFiMath.AmountPerShareCeil(1, 3));
        // empty pool: the first deposit mints 1:1, and the zero-pool views return 0
        Assert.Equal((new BigInteger(5), new BigInteger(5)), EtherFiMath.Deposit(5, 0, 0));
        Assert.Equal(BigInteger.Zero, EtherFiMath.SharesForAmount(5, 0, 0));
        Assert.Equal(BigInteger.Zero, EtherFiMath.AmountForShare(5, 0, 0));
        // claim caps at the requested amount
        Assert.Equal(new BigInteger(100), EtherFiMath.ClaimableAmount(100, 90, E18 * 2));
        Assert.Equal(new BigInteger(90), EtherFiMath.ClaimableAmount(100, 90, E18));
    }

    [Fact]
    public void Redemption_at_30_bps_with_a_10_percent_treasury_split()
    {
        // P = S: 1000 shares -> 997 to the receiver, 3 fee shares, floor(0.3) = 0 to treasury, 3 burned.
        var split = EtherFiMath.Redemption(1000, 30, 1000, E18, E18);
        Assert.Equal(new BigInteger(997), split.ToReceiver);
        Assert.Equal(new BigInteger(997), split.SharesBurnedForPayout);
        Assert.Equal(BigInteger.Zero, split.FeeToTreasury);
        Assert.Equal(new BigInteger(3), split.FeeToStakers);
        Assert.Equal(new BigInteger(3), split.Fee);
        var large = EtherFiMath.Redemption(100 * E18, 30, 1000, E18, E18);
        Assert.Equal(E18 * 997 / 10, large.ToReceiver);
        Assert.Equal(E18 * 3 / 100, large.FeeToTreasury);
        Assert.Equal(E18 * 27 / 100, large.FeeToStakers);
    }

    [Fact]
    public void Bucket_units_round_up()
    {
        Assert.Equal(BigInteger.Zero, EtherFiMath.ToBucketUnits(0));
        Assert.Equal(BigInteger.One, EtherFiMath.ToBucketUnits(1));
        Assert.Equal(BigInteger.One, EtherFiMath.ToBucketUnits(BigInteger.Pow(10, 12)));
        Assert.Equal(new BigInteger(2), EtherFiMath.ToBucketUnits(BigInteger.Pow(10, 12) + 1));
    }

    [Fact]
    public void Apr_of_one_day_at_a_known_growth()
    {
        // rate grows by 1/36500 in a day -> 1 % a year
        var apr = EtherFiMath.AprPercent(36_500 * E18, 36_500 * E18, 36_501 * E18, 36_500 * E18, 86_400);
        Assert.Equal(1m, apr);
        Assert.Equal(0m, EtherFiMath.AprPercent(E18, E18, 2 * E18, E18, 0));
        Assert.Equal(-1m, EtherFiMath.AprPercent(36_500 * E18, 36_500 * E18, 36_499 * E18, 36_500 * E18, 86_400));
    }

    private static readonly Gen<(BigInteger P, BigInteger S, BigInteger A)> PoolAndAmount =
        Gen.Select(Gen.ULong[1, ulong.MaxValue], Gen.Int[0, 2000], Gen.ULong[0, ulong.MaxValue])
            .Select(t => (P: new BigInteger(t.Item1) * 1_000_003, S: new BigInteger(t.Item1) * 1_000_003 * (10_000 - t.Item2) / 10_000 + 1, A: new BigInteger(t.Item3)));

    [Fact]
    public void Floor_and_ceil_shares_differ_by_at_most_one_and_round_trips_never_create_value()
    {
        PoolAndAmount.Sample(t =>
        {
            var floor = EtherFiMath.SharesForAmount(t.A, t.P, t.S);
            var ceil = EtherFiMath.SharesForWithdrawalAmount(t.A, t.P, t.S);
            Assert.InRange(ceil - floor, BigInteger.Zero, BigInteger.One);
            Assert.True(EtherFiMath.AmountForShare(floor, t.P, t.S) <= t.A);
            Assert.True(EtherFiMath.AmountForShare(ceil, t.P, t.S) + 2 >= t.A || t.S > t.P);
        });
    }

    [Fact]
    public void Redemption_never_pays_more_than_the_redeemed_value_and_the_fee_covers_the_rest()
    {
        Gen.Select(PoolAndAmount, Gen.Int[0, 500], Gen.Int[0, 10_000]).Sample(t =>
        {
            var ((p, s, a), fee, split) = t;
            var shares = EtherFiMath.SharesForAmount(a, p, s);
            var r = EtherFiMath.Redemption(shares, fee, split, p, s);
            Assert.True(r.ToReceiver <= EtherFiMath.AmountForShare(shares, p, s));
            Assert.True(r.SharesBurnedForPayout <= shares);
            Assert.True(r.FeeToTreasury.Sign >= 0 && r.FeeToStakers.Sign >= 0);
            Assert.True(r.ToReceiver + r.Fee <= EtherFiMath.AmountForShare(shares, p, s) + 2);
        });
    }

    [Fact]
    public void Withdrawal_status_and_quote_helpers()
    {
        var owner = Address.Parse("0x00000000000000000000000000000000e7f1e7f1");
        var claimable = new EtherFiWithdrawalStatus(7, owner, 10, 9, true, true, 7, E18, 9);
        Assert.True(claimable.IsClaimable);
        Assert.False((claimable with { IsValid = false }).IsClaimable);
        Assert.False((claimable with { Owner = null }).IsClaimable);
        Assert.False((claimable with { IsFinalized = false }).IsClaimable);
        var quote = new EtherFiRedemptionQuote(EtherFiRedeemToken.EEth, 100, 100, 90, 97, 1, 2, 30, 1000, true, false);
        Assert.Equal(new BigInteger(3), quote.Fee);
        var state = new EtherFiPoolState(3 * E18, 2 * E18, 0, 0, 0, 0, false, false, false, false, false);
        Assert.Equal(E18 * 3 / 2, state.WeEthRate);
    }

    [Fact]
    public void Preflight_exceptions_name_the_argument_and_limit()
    {
        var account = Address.Parse("0x00000000000000000000000000000000e7f1e7f1");
        var blacklisted = new AccountBlacklistedException(ProtocolId.EtherFi, "account", account, 12345);
        Assert.Equal("account", blacklisted.ParamName);
        Assert.Equal(account, blacklisted.Account);
        Assert.Equal(new BigInteger(12345), blacklisted.Until);
        Assert.Contains("12345", blacklisted.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<StakingPreflightException>(blacklisted);
        var notClaimable = new WithdrawalNotClaimableException(ProtocolId.EtherFi, 42, "not finalized yet");
        Assert.Equal(new BigInteger(42), notClaimable.RequestId);
        Assert.Equal("withdrawals", notClaimable.ParamName);
        Assert.Contains("request 42", notClaimable.Message, StringComparison.Ordinal);
    }
}
