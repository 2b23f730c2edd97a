using System.Numerics;
using LiquidStake.Ethereum;

namespace LiquidStake.Sdk.Protocols.Lido;

/// <summary>
/// The accounting oracle's report grid as HashConsensus describes it (lido.md §7): ref slots lie
/// <see cref="SlotsPerFrame"/> apart (<c>initialEpoch × slotsPerEpoch − 1 + k × epochsPerFrame × slotsPerEpoch</c>), and
/// a ref slot's time is <c>genesisTime + refSlot × secondsPerSlot</c>.
/// </summary>
/// <param name="CurrentRefSlot">The ref slot of the current frame (<c>getCurrentFrame().refSlot</c>), the anchor of the grid.</param>
/// <param name="EpochsPerFrame"><c>getFrameConfig().epochsPerFrame</c> (225 on mainnet: one day).</param>
/// <param name="SlotsPerEpoch"><c>getChainConfig().slotsPerEpoch</c> (32).</param>
/// <param name="SecondsPerSlot"><c>getChainConfig().secondsPerSlot</c> (12).</param>
/// <param name="GenesisTime"><c>getChainConfig().genesisTime</c>, Unix seconds (1606824023 on mainnet).</param>
public sealed record LidoOracleFrames(BigInteger CurrentRefSlot, BigInteger EpochsPerFrame, BigInteger SlotsPerEpoch, BigInteger SecondsPerSlot, BigInteger GenesisTime)
{
    /// <summary>Slots between two consecutive ref slots: <c>epochsPerFrame × slotsPerEpoch</c>.</summary>
    public BigInteger SlotsPerFrame => EpochsPerFrame * SlotsPerEpoch;

    /// <summary>The Unix time of a slot: <c>genesisTime + slot × secondsPerSlot</c>.</summary>
    public BigInteger SlotTimestamp(BigInteger slot) => GenesisTime + slot * SecondsPerSlot;

    /// <summary>
    /// The earliest ref slot of the grid, at or after the current frame's, whose time is at least <paramref name="timestamp"/>:
    /// <c>currentRefSlot + k × slotsPerFrame</c> with the smallest <c>k ≥ 0</c> that reaches it.
    /// </summary>
    /// <exception cref="EthereumFormatException">HashConsensus reported a zero or negative frame length or slot time.</exception>
    public BigInteger FirstRefSlotAtOrAfter(BigInteger timestamp)
    {
        if (EpochsPerFrame.Sign <= 0 || SlotsPerEpoch.Sign <= 0 || SecondsPerSlot.Sign <= 0)
            throw new EthereumFormatException($"HashConsensus reported an unusable frame (epochsPerFrame {EpochsPerFrame}, slotsPerEpoch {SlotsPerEpoch}, secondsPerSlot {SecondsPerSlot}).");
        var behind = timestamp - SlotTimestamp(CurrentRefSlot);
        if (behind.Sign <= 0) return CurrentRefSlot;
        var frameSeconds = SlotsPerFrame * SecondsPerSlot;
        var frames = BigInteger.DivRem(behind, frameSeconds, out var remainder);
        if (!remainder.IsZero) frames += 1;
        return CurrentRefSlot + frames * SlotsPerFrame;
    }
}

/// <summary>What the chain says about a new Lido withdrawal's wait: the oracle's frames, the queue's liquidity and state, and the time.</summary>
/// <param name="HashConsensus">The accounting oracle's HashConsensus, resolved through LidoLocator → AccountingOracle.</param>
/// <param name="Frames">The report grid.</param>
/// <param name="Now">The latest block's timestamp, Unix seconds (the time a request sent now is assumed to carry).</param>
/// <param name="BufferedEther">Lido's <c>getBufferedEther()</c>, wei.</param>
/// <param name="UnfinalizedStEth">The queue's <c>unfinalizedStETH()</c>: stETH of the requests already waiting, wei.</param>
/// <param name="IsBunkerModeActive">The queue's <c>isBunkerModeActive()</c>.</param>
/// <param name="IsPaused">The queue's <c>isPaused()</c> (no request and no finalization while paused).</param>
public sealed record LidoWithdrawalTimingState(
    Address HashConsensus,
    LidoOracleFrames Frames,
    BigInteger Now,
    BigInteger BufferedEther,
    BigInteger UnfinalizedStEth,
    bool IsBunkerModeActive,
    bool IsPaused)
{
    /// <summary>The buffered ether not already owed to waiting requests (negative when the buffer is short of them).</summary>
    public BigInteger FreeBufferedEther => BufferedEther - UnfinalizedStEth;
}

/// <summary>
/// Pure arithmetic of a Lido withdrawal's wait (lido.md §6.1, §7): a request made at time <c>t</c> can be finalized by the
/// first oracle report whose ref-slot time is at least <c>t + REQUEST_TIMESTAMP_MARGIN</c>, when there is ether to pay it.
/// </summary>
public static class LidoWithdrawalTiming
{
    /// <summary>Mainnet's <c>REQUEST_TIMESTAMP_MARGIN</c> (OracleReportSanityChecker; lidofinance/scripts config_mainnet.py): 7680 s.</summary>
    public static readonly TimeSpan MainnetRequestTimestampMargin = TimeSpan.FromSeconds(7680);

    /// <summary>
    /// True when the buffer pays the requests already waiting and <paramref name="amount"/> more:
    /// <c>bufferedEther ≥ unfinalizedStETH + amount</c>.
    /// </summary>
    public static bool BufferCovers(BigInteger bufferedEther, BigInteger unfinalizedStEth, BigInteger amount) =>
        bufferedEther >= unfinalizedStEth + amount;

    /// <summary>
    /// The first ref slot that can finalize a request made at <paramref name="requestTimestamp"/>: the earliest one whose
    /// time is at least <c>requestTimestamp + margin</c>.
    /// </summary>
    public static BigInteger FirstFinalizingRefSlot(LidoOracleFrames frames, BigInteger requestTimestamp, TimeSpan margin)
    {
        ArgumentNullException.ThrowIfNull(frames);
        return frames.FirstRefSlotAtOrAfter(requestTimestamp + MarginSeconds(margin));
    }

    /// <summary>
    /// The wait of a withdrawal of <paramref name="amount"/> stETH requested at <see cref="LidoWithdrawalTimingState.Now"/>:
    /// the time from now to the first finalizing ref slot. Null when the chain cannot tell: the queue is paused, bunker
    /// mode is on, or the buffer does not cover the waiting requests plus the amount (the rest comes from validator
    /// exits, which the chain does not schedule). The result leaves out the delay between the ref slot and the oracle's
    /// report transaction.
    /// </summary>
    public static TimeSpan? EstimateWait(LidoWithdrawalTimingState state, BigInteger amount, TimeSpan margin)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.IsPaused || state.IsBunkerModeActive) return null;
        if (!BufferCovers(state.BufferedEther, state.UnfinalizedStEth, amount)) return null;
        var refSlot = FirstFinalizingRefSlot(state.Frames, state.Now, margin);
        var seconds = state.Frames.SlotTimestamp(refSlot) - state.Now;
        return TimeSpan.FromSeconds((long)seconds);
    }

    private static BigInteger MarginSeconds(TimeSpan margin)
    {
        if (margin < TimeSpan.Zero) throw new LiquidStakeArgumentException(nameof(margin), $"the request timestamp margin cannot be negative, got {margin}", "at least zero");
        return new BigInteger((long)Math.Ceiling(margin.TotalSeconds));
    }
}
