using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rpc;

namespace LiquidStake.Sdk.Protocols.Lido;

/// <summary>Which token a Lido withdrawal request is paid in.</summary>
public enum LidoWithdrawalToken
{
    /// <summary>stETH (<c>requestWithdrawals</c>).</summary>
    StEth,

    /// <summary>wstETH (<c>requestWithdrawalsWstETH</c>); the per-request bounds apply to the unwrapped stETH amount.</summary>
    WstEth,
}

/// <summary>How a write that needs a token allowance gets it.</summary>
public enum LidoApprovalMode
{
    /// <summary>An EIP-2612 permit when a signer is at hand, else an exact <c>approve</c> step.</summary>
    Auto,

    /// <summary>Always an exact <c>approve</c> step (when the allowance is short).</summary>
    Approve,

    /// <summary>Always a signed permit (requires a signer).</summary>
    Permit,
}

/// <summary>Lido's stake limit (lido.md §5).</summary>
/// <param name="IsStakingPaused">True when <c>submit</c> reverts "STAKING_PAUSED".</param>
/// <param name="IsStakingLimitSet">True when a limit is configured.</param>
/// <param name="CurrentStakeLimit">The most ETH one <c>submit</c> accepts now (2^256−1 when unlimited, 0 when paused).</param>
/// <param name="MaxStakeLimit">The cap the limit regrows to.</param>
/// <param name="MaxStakeLimitGrowthBlocks">Blocks to regrow from zero to the cap.</param>
public sealed record LidoStakeLimitInfo(bool IsStakingPaused, bool IsStakingLimitSet, BigInteger CurrentStakeLimit, BigInteger MaxStakeLimit, BigInteger MaxStakeLimitGrowthBlocks);

/// <summary>The per-request bounds of the withdrawal queue, read on chain, in stETH and in wstETH.</summary>
/// <param name="MinStEth">MIN_STETH_WITHDRAWAL_AMOUNT.</param>
/// <param name="MaxStEth">MAX_STETH_WITHDRAWAL_AMOUNT.</param>
/// <param name="MinWstEth">The smallest wstETH amount whose unwrapped stETH is at least <paramref name="MinStEth"/> (ceil).</param>
/// <param name="MaxWstEth">The largest wstETH amount whose unwrapped stETH is at most <paramref name="MaxStEth"/> (floor).</param>
public sealed record LidoWithdrawalLimits(BigInteger MinStEth, BigInteger MaxStEth, BigInteger MinWstEth, BigInteger MaxWstEth)
{
    /// <summary>The bounds for <paramref name="token"/>.</summary>
    public (BigInteger Min, BigInteger Max) For(LidoWithdrawalToken token) => token == LidoWithdrawalToken.StEth ? (MinStEth, MaxStEth) : (MinWstEth, MaxWstEth);

    /// <summary>
    /// Derives the wstETH bounds from the stETH ones at <paramref name="rate"/>. The queue checks floor(w × ether / shares), so
    /// the smallest accepted w is ceil(min × shares / ether) and the largest safe one floor(max × shares / ether).
    /// </summary>
    public static LidoWithdrawalLimits FromRate(LidoShareRate rate, BigInteger minStEth, BigInteger maxStEth)
    {
        var minWst = BigInteger.DivRem(minStEth * rate.InternalShares, rate.InternalEther, out var remainder);
        if (!remainder.IsZero) minWst += 1;
        return new LidoWithdrawalLimits(minStEth, maxStEth, minWst, rate.GetSharesByPooledEth(maxStEth));
    }
}

/// <summary>A stake quote with Lido's exact share accounting.</summary>
/// <param name="Quote">The common quote (ExpectedOut is the stETH the mint's Transfer event reports).</param>
/// <param name="ExpectedShares">Shares <c>submit</c> mints: floor(amount × shares / ether).</param>
/// <param name="ExpectedStEth">stETH worth of those shares right after the mint (the Transfer event value).</param>
/// <param name="Rate">The share rate the quote was computed on.</param>
/// <param name="StakeLimit">The stake limit at quote time.</param>
public sealed record LidoStakeQuote(StakeQuote Quote, BigInteger ExpectedShares, BigInteger ExpectedStEth, LidoShareRate Rate, LidoStakeLimitInfo StakeLimit);

/// <summary>What a send produced on chain: the receipts and the gas paid.</summary>
/// <param name="Execution">The receipts, one per step.</param>
public abstract record LidoTransactionResult(PlanExecution Execution)
{
    /// <summary>The action's transaction hash.</summary>
    public Hash32 TransactionHash => Execution.ActionReceipt.TransactionHash;

    /// <summary>ETH paid for gas over every step (gasUsed × effectiveGasPrice summed).</summary>
    public BigInteger GasCost => Execution.Receipts.Aggregate(BigInteger.Zero, (sum, r) => sum + (r.GasUsed * r.EffectiveGasPrice));
}

/// <summary>The outcome of a stake, decoded from the <c>Submitted</c>, <c>Transfer</c> and <c>TransferShares</c> events.</summary>
/// <param name="Execution">The receipts.</param>
/// <param name="Sender">Who staked.</param>
/// <param name="EthStaked">ETH sent (Submitted.amount).</param>
/// <param name="Referral">The referral recorded.</param>
/// <param name="SharesMinted">Shares minted (TransferShares.sharesValue).</param>
/// <param name="StEthMinted">stETH minted (Transfer.value), possibly 1 wei below <paramref name="EthStaked"/>.</param>
public sealed record StakeResult(PlanExecution Execution, Address Sender, BigInteger EthStaked, Address Referral, BigInteger SharesMinted, BigInteger StEthMinted) : LidoTransactionResult(Execution);

/// <summary>The outcome of a wrap, from the wstETH mint and the stETH TransferShares to wstETH.</summary>
/// <param name="Execution">The receipts.</param>
/// <param name="StEthWrapped">stETH pulled (the stETH Transfer value).</param>
/// <param name="SharesWrapped">Shares moved into wstETH.</param>
/// <param name="WstEthMinted">wstETH minted.</param>
public sealed record WrapResult(PlanExecution Execution, BigInteger StEthWrapped, BigInteger SharesWrapped, BigInteger WstEthMinted) : LidoTransactionResult(Execution);

/// <summary>The outcome of an unwrap.</summary>
/// <param name="Execution">The receipts.</param>
/// <param name="WstEthBurned">wstETH burned.</param>
/// <param name="StEthReceived">stETH sent back (the stETH Transfer value).</param>
/// <param name="SharesReceived">Shares sent back (can be one below the wstETH burned).</param>
public sealed record UnwrapResult(PlanExecution Execution, BigInteger WstEthBurned, BigInteger StEthReceived, BigInteger SharesReceived) : LidoTransactionResult(Execution);

/// <summary>A share transfer's outcome.</summary>
/// <param name="Execution">The receipts.</param>
/// <param name="Recipient">Who received.</param>
/// <param name="Shares">Shares moved.</param>
/// <param name="StEth">stETH moved (Transfer value).</param>
public sealed record TransferSharesResult(PlanExecution Execution, Address Recipient, BigInteger Shares, BigInteger StEth) : LidoTransactionResult(Execution);

/// <summary>One request created, from its <c>WithdrawalRequested</c> event.</summary>
/// <param name="RequestId">The NFT id.</param>
/// <param name="Requestor">Who paid the tokens.</param>
/// <param name="Owner">Who can claim.</param>
/// <param name="AmountOfStEth">Nominal stETH locked.</param>
/// <param name="AmountOfShares">Shares locked.</param>
public sealed record LidoWithdrawalRequested(BigInteger RequestId, Address Requestor, Address Owner, BigInteger AmountOfStEth, BigInteger AmountOfShares)
{
    /// <summary>The SDK-wide id.</summary>
    public WithdrawalId Id => WithdrawalId.ForRequest(ProtocolId.Lido, RequestId);
}

/// <summary>The outcome of a withdrawal request (possibly split into several).</summary>
/// <param name="Execution">The receipts.</param>
/// <param name="Requests">One per request, in id order.</param>
public sealed record WithdrawalRequestResult(PlanExecution Execution, IReadOnlyList<LidoWithdrawalRequested> Requests) : LidoTransactionResult(Execution)
{
    /// <summary>The ids of the requests.</summary>
    public IReadOnlyList<WithdrawalId> RequestIds => Requests.Select(r => r.Id).ToArray();

    /// <summary>Sum of the nominal stETH locked.</summary>
    public BigInteger TotalStEth => Requests.Aggregate(BigInteger.Zero, (s, r) => s + r.AmountOfStEth);
}

/// <summary>One claimed request, from its <c>WithdrawalClaimed</c> event.</summary>
/// <param name="RequestId">The NFT id.</param>
/// <param name="Owner">The owner.</param>
/// <param name="Receiver">Who got the ETH.</param>
/// <param name="AmountOfEth">ETH paid.</param>
public sealed record LidoWithdrawalClaimed(BigInteger RequestId, Address Owner, Address Receiver, BigInteger AmountOfEth);

/// <summary>The outcome of a claim.</summary>
/// <param name="Execution">The receipts.</param>
/// <param name="Claims">One per request.</param>
public sealed record ClaimResult(PlanExecution Execution, IReadOnlyList<LidoWithdrawalClaimed> Claims) : LidoTransactionResult(Execution)
{
    /// <summary>ETH received over all claims.</summary>
    public BigInteger TotalEth => Claims.Aggregate(BigInteger.Zero, (s, c) => s + c.AmountOfEth);
}

/// <summary>A Lido withdrawal request read back from the queue, with the nominal shares and the checkpoint hint.</summary>
public sealed record LidoWithdrawalRequest(
    WithdrawalId Id,
    Address Owner,
    StakingToken Token,
    BigInteger AmountRequested,
    BigInteger? AmountClaimable,
    WithdrawalStatus Status,
    DateTimeOffset? RequestedAt,
    BigInteger AmountOfShares,
    BigInteger CheckpointHint)
    : WithdrawalRequest(Id, Owner, Token, AmountRequested, AmountClaimable, Status, RequestedAt, null, null);

/// <summary>One <c>TokenRebased</c> event with where it was found.</summary>
/// <param name="BlockNumber">The block.</param>
/// <param name="ReportTimestamp">The report's ref-slot time.</param>
/// <param name="TimeElapsed">Seconds since the previous report.</param>
/// <param name="PreTotalShares">Shares before.</param>
/// <param name="PreTotalEther">Ether before.</param>
/// <param name="PostTotalShares">Shares after.</param>
/// <param name="PostTotalEther">Ether after.</param>
/// <param name="SharesMintedAsFees">Fee shares.</param>
public sealed record LidoRebase(ulong BlockNumber, BigInteger ReportTimestamp, BigInteger TimeElapsed, BigInteger PreTotalShares, BigInteger PreTotalEther, BigInteger PostTotalShares, BigInteger PostTotalEther, BigInteger SharesMintedAsFees)
{
    internal static LidoRebase From(LogEntry log, Contracts.Lido.TokenRebasedEvent e) =>
        new(log.BlockNumber ?? 0, e.ReportTimestamp, e.TimeElapsed, e.PreTotalShares, e.PreTotalEther, e.PostTotalShares, e.PostTotalEther, e.SharesMintedAsFees);
}
