using System.Numerics;
using LiquidStake.Ethereum;

namespace LiquidStake.Sdk.Protocols.EtherFi;

/// <summary>Settings of <see cref="EtherFiClient"/>.</summary>
public sealed record EtherFiClientOptions
{
    /// <summary>The referral address logged by deposits (<c>deposit(address)</c>); null uses <c>deposit()</c>.</summary>
    public Address? Referral { get; init; }

    /// <summary>The Blacklister; null reads it from <c>LiquidityPool.blacklister()</c>.</summary>
    public Address? Blacklister { get; init; }

    /// <summary>How long a signed permit stays valid, counted from the latest block's timestamp.</summary>
    public TimeSpan PermitValidity { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How many blocks back <see cref="EtherFiClient.GetAprAsync"/> looks for <c>Rebase</c> events (default about 7 days).</summary>
    public ulong AprLookbackBlocks { get; init; } = 7 * 7200;

    /// <summary>The first block searched for an account's withdrawal NFTs (the NFT is not enumerable).</summary>
    public ulong WithdrawalLogsFromBlock { get; init; }
}

/// <summary>The token an instant redemption takes.</summary>
public enum EtherFiRedeemToken
{
    /// <summary>eETH (amount in eETH).</summary>
    EEth,

    /// <summary>weETH (amount in weETH).</summary>
    WeEth,
}

/// <summary>One batched snapshot of the pool: share math inputs, bounds and pause flags.</summary>
/// <param name="TotalPooledEther">P.</param>
/// <param name="TotalShares">S.</param>
/// <param name="TotalValueInLp">ETH held by the pool (instant liquidity).</param>
/// <param name="MinWithdrawAmount">Smallest withdrawal request.</param>
/// <param name="MaxWithdrawAmount">Largest withdrawal request.</param>
/// <param name="BlockTimestamp">The timestamp the snapshot was read at.</param>
/// <param name="LiquidityPoolPaused">LiquidityPool paused (hard or timed).</param>
/// <param name="EEthPaused">eETH paused (blocks deposits, transfers, wraps and claims).</param>
/// <param name="WeEthPaused">weETH paused.</param>
/// <param name="WithdrawRequestNftPaused">WithdrawRequestNFT paused (blocks new requests).</param>
/// <param name="RedemptionManagerPaused">EtherFiRedemptionManager paused.</param>
public sealed record EtherFiPoolState(
    BigInteger TotalPooledEther,
    BigInteger TotalShares,
    BigInteger TotalValueInLp,
    BigInteger MinWithdrawAmount,
    BigInteger MaxWithdrawAmount,
    ulong BlockTimestamp,
    bool LiquidityPoolPaused,
    bool EEthPaused,
    bool WeEthPaused,
    bool WithdrawRequestNftPaused,
    bool RedemptionManagerPaused)
{
    /// <summary>weETH <c>getRate()</c>: floor(1e18 * P / S).</summary>
    public BigInteger WeEthRate => EtherFiMath.AmountForShare(EtherFiMath.ShareUnit, TotalPooledEther, TotalShares);
}

/// <summary>What depositing ETH gives now.</summary>
/// <param name="Amount">ETH deposited (wei).</param>
/// <param name="Shares">eETH shares minted: floor(d * S / P) with the pre-deposit pool.</param>
/// <param name="EEthAmount">Their eETH value after the deposit.</param>
/// <param name="WeEthAmount">weETH received through the DepositAdapter (ETH → weETH in one call).</param>
/// <param name="IsPaused">True when deposits are refused (LiquidityPool or eETH paused).</param>
public sealed record EtherFiDepositQuote(BigInteger Amount, BigInteger Shares, BigInteger EEthAmount, BigInteger WeEthAmount, bool IsPaused);

/// <summary>An instant-redemption quote, computed exactly as EtherFiRedemptionManager does.</summary>
/// <param name="Token">eETH or weETH.</param>
/// <param name="AmountIn">Amount of <paramref name="Token"/> redeemed.</param>
/// <param name="EEthAmount">Its eETH value (the amount the bucket and limits are checked against).</param>
/// <param name="Shares">The eETH shares redeemed.</param>
/// <param name="AmountOut">ETH paid to the receiver.</param>
/// <param name="FeeToTreasury">Fee part sent to the treasury (eETH).</param>
/// <param name="FeeToStakers">Fee part burned for stakers (eETH value).</param>
/// <param name="ExitFeeBps">The exit fee in basis points.</param>
/// <param name="TotalRedeemable">What can be redeemed now: min(bucket, liquidity above the low watermark).</param>
/// <param name="CanRedeem">The contract's <c>canRedeem</c> for this amount.</param>
/// <param name="IsPaused">True when the redemption manager (or a token it uses) is paused.</param>
public sealed record EtherFiRedemptionQuote(
    EtherFiRedeemToken Token,
    BigInteger AmountIn,
    BigInteger EEthAmount,
    BigInteger Shares,
    BigInteger AmountOut,
    BigInteger FeeToTreasury,
    BigInteger FeeToStakers,
    int ExitFeeBps,
    BigInteger TotalRedeemable,
    bool CanRedeem,
    bool IsPaused)
{
    /// <summary>The whole fee as the <c>Redeemed</c> event reports it.</summary>
    public BigInteger Fee => FeeToTreasury + FeeToStakers;
}

/// <summary>A withdrawal NFT as stored on chain, with its claim status.</summary>
/// <param name="RequestId">The NFT id.</param>
/// <param name="Owner">Current NFT owner; null when it does not exist (never minted or claimed).</param>
/// <param name="AmountOfEEth">Requested eETH (the payout cap).</param>
/// <param name="ShareOfEEth">Shares locked.</param>
/// <param name="IsValid">False when invalidated by a guardian (or gone).</param>
/// <param name="IsFinalized">id ≤ lastFinalizedRequestId.</param>
/// <param name="LastFinalizedRequestId">The queue's finalization point.</param>
/// <param name="Rate">The frozen rate (or the live amountPerShareCeil for legacy requests); null before finalization.</param>
/// <param name="ClaimableAmount">min(amountOfEEth, floor(shareOfEEth × rate / 1e18)) once finalized; null before.</param>
public sealed record EtherFiWithdrawalStatus(
    BigInteger RequestId,
    Address? Owner,
    BigInteger AmountOfEEth,
    BigInteger ShareOfEEth,
    bool IsValid,
    bool IsFinalized,
    BigInteger LastFinalizedRequestId,
    BigInteger? Rate,
    BigInteger? ClaimableAmount)
{
    /// <summary>True when the NFT exists.</summary>
    public bool Exists => Owner is not null;

    /// <summary>True when a claim would pay now.</summary>
    public bool IsClaimable => Exists && IsValid && IsFinalized;
}

/// <summary>The outcome of an ETH deposit, decoded from the receipt.</summary>
/// <param name="Execution">The sent plan and its receipts.</param>
/// <param name="EthDeposited">ETH paid (the Deposit / AdapterDeposit event).</param>
/// <param name="SharesMinted">eETH shares minted (TransferShares from address 0).</param>
/// <param name="EEthMinted">
/// eETH amount of the mint as the eETH Transfer event reports it: <c>amountForShare(shares)</c> priced after the mint
/// (new P and S), so usually a wei or two below the ETH paid, never the ETH paid itself.
/// </param>
/// <param name="WeEthReceived">weETH received (DepositAdapter path); zero for a plain deposit.</param>
public sealed record EtherFiDepositResult(PlanExecution Execution, BigInteger EthDeposited, BigInteger SharesMinted, BigInteger EEthMinted, BigInteger WeEthReceived);

/// <summary>The outcome of a wrap or unwrap, decoded from the receipt.</summary>
/// <param name="Execution">The sent plan and its receipts.</param>
/// <param name="EEthAmount">eETH in (wrap) or out (unwrap), as the eETH Transfer event reports it.</param>
/// <param name="WeEthAmount">weETH minted (wrap) or burned (unwrap).</param>
/// <param name="SharesMoved">eETH shares moved (TransferShares).</param>
public sealed record EtherFiWrapResult(PlanExecution Execution, BigInteger EEthAmount, BigInteger WeEthAmount, BigInteger SharesMoved);

/// <summary>The outcome of a withdrawal request, from the WithdrawRequestCreated event.</summary>
/// <param name="Execution">The sent plan and its receipts.</param>
/// <param name="Id">The NFT id as a provider-neutral withdrawal id.</param>
/// <param name="RequestId">The NFT id.</param>
/// <param name="AmountOfEEth">eETH requested.</param>
/// <param name="ShareOfEEth">Shares locked.</param>
/// <param name="Owner">NFT recipient.</param>
public sealed record EtherFiWithdrawalRequestResult(PlanExecution Execution, WithdrawalId Id, BigInteger RequestId, BigInteger AmountOfEEth, BigInteger ShareOfEEth, Address Owner);

/// <summary>One claimed request.</summary>
/// <param name="RequestId">The NFT id.</param>
/// <param name="EthPaid">ETH paid to the owner.</param>
/// <param name="SharesBurned">Shares burned.</param>
/// <param name="Owner">Who was paid.</param>
public sealed record EtherFiClaimedWithdrawal(BigInteger RequestId, BigInteger EthPaid, BigInteger SharesBurned, Address Owner);

/// <summary>The outcome of a claim, from the WithdrawRequestClaimed events.</summary>
/// <param name="Execution">The sent plan and its receipts.</param>
/// <param name="Claims">One entry per claimed NFT.</param>
public sealed record EtherFiClaimResult(PlanExecution Execution, IReadOnlyList<EtherFiClaimedWithdrawal> Claims)
{
    /// <summary>ETH paid in total.</summary>
    public BigInteger TotalEthPaid => Claims.Aggregate(BigInteger.Zero, (sum, c) => sum + c.EthPaid);
}

/// <summary>The outcome of an instant redemption.</summary>
/// <param name="Execution">The sent plan and its receipts.</param>
/// <param name="Token">What was redeemed.</param>
/// <param name="Receiver">Who received the ETH.</param>
/// <param name="RedemptionAmount">eETH value redeemed (Redeemed event).</param>
/// <param name="FeeToTreasury">Fee to the treasury (Redeemed event).</param>
/// <param name="FeeToStakers">Fee burned for stakers (Redeemed event).</param>
/// <param name="AmountOut">ETH paid to the receiver, recomputed from the pool state before the transaction's block (matches the event fees).</param>
public sealed record EtherFiRedeemResult(PlanExecution Execution, EtherFiRedeemToken Token, Address Receiver, BigInteger RedemptionAmount, BigInteger FeeToTreasury, BigInteger FeeToStakers, BigInteger AmountOut)
{
    /// <summary>The whole exit fee.</summary>
    public BigInteger Fee => FeeToTreasury + FeeToStakers;
}

/// <summary>The account is blacklisted by ether.fi's Blacklister until <see cref="Until"/>.</summary>
public class AccountBlacklistedException : StakingPreflightException
{
    /// <summary>Creates the exception.</summary>
    public AccountBlacklistedException() { }

    /// <summary>Creates the exception with a message.</summary>
    public AccountBlacklistedException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and cause.</summary>
    public AccountBlacklistedException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for an account.</summary>
    public AccountBlacklistedException(ProtocolId protocol, string paramName, Address account, BigInteger until)
        : base(protocol, paramName, $"{account} is blacklisted until unix time {until}", "an account that is not blacklisted")
    {
        Account = account;
        Until = until;
    }

    /// <summary>The blacklisted account.</summary>
    public Address Account { get; }

    /// <summary>Unix seconds until which it is blacklisted.</summary>
    public BigInteger Until { get; }
}

