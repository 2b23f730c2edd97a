using System.Numerics;
using CsCheck;
using LiquidStake.Ethereum;
using LiquidStake.Sdk.Protocols.Lido;

namespace LiquidStake.UnitTests.Sdk.Lido;

public class LidoWithdrawalTimingTests
{
    // Mainnet chain config (lido.md §7) with the devnet's initial epoch 201600 and one-day frames:
    // R0 = 201600 × 32 − 1 = 6451199, at 1606824023 + 6451199 × 12 = 1684238411; frames are 7200 slots = 86400 s apart.
    private const long T0 = 1_684_238_411;
    private static readonly BigInteger R0 = 6_451_199;
    private static readonly LidoOracleFrames Mainnet = new(R0, 225, 32, 12, 1_606_824_023);
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(7680);

    private static LidoWithdrawalTimingState State(long now, BigInteger? buffered = null, BigInteger? unfinalized = null, bool bunker = false, bool paused = false) =>
        new(Address.Zero, Mainnet, now, buffered ?? 100, unfinalized ?? 40, bunker, paused);

    [Fact]
    public void Grid_has_one_day_frames_and_the_anchor_ref_slot_time()
    {
        Assert.Equal(new BigInteger(7200), Mainnet.SlotsPerFrame);
        Assert.Equal(new BigInteger(T0), Mainnet.SlotTimestamp(R0));
        Assert.Equal(new BigInteger(T0 + 86_400), Mainnet.SlotTimestamp(R0 + 7200));
    }

    [Theory]
    [InlineData(T0 - 1, 6_451_199)] // before the anchor: the anchor itself
    [InlineData(T0, 6_451_199)] // exactly the anchor's time
    [InlineData(T0 + 1, 6_458_399)] // one second later: the next frame
    [InlineData(T0 + 86_400, 6_458_399)] // exactly the next ref slot's time
    [InlineData(T0 + 86_401, 6_465_599)] // just past it: two frames on
    public void First_ref_slot_at_or_after_a_time(long timestamp, long expected) =>
        Assert.Equal(new BigInteger(expected), Mainnet.FirstRefSlotAtOrAfter(timestamp));

    [Theory]
    [InlineData(1_000, 85_400)] // T0 + 1000 + 7680 = T0 + 8680 -> ref slot at T0 + 86400
    [InlineData(78_720, 7_680)] // exactly the margin before the next ref slot: still makes it
    [InlineData(78_721, 94_079)] // one second too late: the ref slot after (T0 + 172800 − (T0 + 78721))
    [InlineData(-10_000, 10_000)] // anchor still ahead (before the initial epoch): T0 − 2320 reaches R0
    public void Wait_is_the_first_ref_slot_a_margin_ahead_minus_now(long secondsAfterAnchor, long expectedSeconds)
    {
        var wait = LidoWithdrawalTiming.EstimateWait(State(T0 + secondsAfterAnchor), 60, Margin);
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), wait);
    }

    [Fact]
    public void First_finalizing_ref_slot_applies_the_margin()
    {
        Assert.Equal(R0 + 7200, LidoWithdrawalTiming.FirstFinalizingRefSlot(Mainnet, T0 + 78_720, Margin));
        Assert.Equal(R0 + 14_400, LidoWithdrawalTiming.FirstFinalizingRefSlot(Mainnet, T0 + 78_721, Margin));
        Assert.Equal(R0 + 7200, LidoWithdrawalTiming.FirstFinalizingRefSlot(Mainnet, T0 + 86_400, TimeSpan.Zero));
    }

    [Fact]
    public void Buffer_must_cover_the_waiting_steth_plus_the_amount()
    {
        Assert.True(LidoWithdrawalTiming.BufferCovers(100, 40, 60));
        Assert.False(LidoWithdrawalTiming.BufferCovers(100, 40, 61));
        Assert.False(LidoWithdrawalTiming.BufferCovers(30, 40, 1));
        Assert.NotNull(LidoWithdrawalTiming.EstimateWait(State(T0 + 1000), 60, Margin));
        Assert.Null(LidoWithdrawalTiming.EstimateWait(State(T0 + 1000), 61, Margin));
        Assert.Null(LidoWithdrawalTiming.EstimateWait(State(T0 + 1000, buffered: 30), 1, Margin));
        Assert.Equal(new BigInteger(60), State(T0).FreeBufferedEther);
    }

    [Fact]
    public void Bunker_mode_or_a_paused_queue_gives_no_estimate()
    {
        Assert.Null(LidoWithdrawalTiming.EstimateWait(State(T0 + 1000, bunker: true), 1, Margin));
        Assert.Null(LidoWithdrawalTiming.EstimateWait(State(T0 + 1000, paused: true), 1, Margin));
    }

    [Fact]
    public void Unusable_frame_config_is_a_format_error()
    {
        var broken = Mainnet with { EpochsPerFrame = 0 };
        Assert.Throws<EthereumFormatException>(() => broken.FirstRefSlotAtOrAfter(T0 + 1));
    }

    [Fact]
    public void Negative_margin_is_refused_with_its_name()
    {
        var e = Assert.Throws<LiquidStakeArgumentException>(() => LidoWithdrawalTiming.EstimateWait(State(T0), 1, TimeSpan.FromSeconds(-1)));
        Assert.Contains("margin", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wait_lands_on_the_grid_at_least_a_margin_and_less_than_a_frame_beyond_it() =>
        Gen.Select(Gen.Long[0, 10_000_000_000], Gen.Int[1, 400], Gen.Int[0, 100_000], (offset, epochsPerFrame, marginSeconds) => (offset, epochsPerFrame, marginSeconds))
            .Sample(t =>
            {
                var frames = Mainnet with { EpochsPerFrame = t.epochsPerFrame };
                var now = T0 + t.offset;
                var state = new LidoWithdrawalTimingState(Address.Zero, frames, now, 1, 0, false, false);
                var wait = (long)LidoWithdrawalTiming.EstimateWait(state, 1, TimeSpan.FromSeconds(t.marginSeconds))!.Value.TotalSeconds;
                var frameSeconds = (long)(frames.SlotsPerFrame * 12);
                return wait >= t.marginSeconds && wait - t.marginSeconds < frameSeconds && (now + wait - T0) % frameSeconds == 0;
            });
}
