using System.Numerics;
using LiquidStake.Ethereum;

namespace LiquidStake.Sdk.Services;

/// <summary>
/// Optional: a provider that reads many accounts' positions in a few requests (for example through Multicall3).
/// <see cref="StakingService"/> prefers it over one <see cref="IStakingProvider.GetPositionsAsync"/> call per account.
/// </summary>
public interface IBatchPositionReader
{
    /// <summary>The positions of every account (an account without holdings maps to an empty list).</summary>
    Task<IReadOnlyDictionary<Address, IReadOnlyList<Position>>> GetPositionsAsync(IReadOnlyList<Address> accounts, CancellationToken cancellationToken = default);
}

/// <summary>What an instant redemption of a receipt token pays right now.</summary>
/// <param name="Protocol">The protocol.</param>
/// <param name="Token">The token redeemed.</param>
/// <param name="AmountIn">How much is redeemed, in token base units.</param>
/// <param name="EthOut">The wei paid out after the fee.</param>
/// <param name="Fee">The fee, in wei.</param>
/// <param name="Maximum">The most that can be redeemed right now (liquidity, rate limit), when bounded.</param>
/// <param name="IsPaused">True when instant redemption is closed.</param>
public sealed record InstantRedeemQuote(ProtocolId Protocol, StakingToken Token, BigInteger AmountIn, BigInteger EthOut, BigInteger Fee, BigInteger? Maximum, bool IsPaused)
{
    /// <summary>True when the amount fits and redemption is open.</summary>
    public bool IsAllowed => !IsPaused && (Maximum is null || AmountIn <= Maximum);
}

/// <summary>Optional: a provider with <see cref="StakingCapabilities.InstantRedeem"/> quotes and prepares instant exits.</summary>
public interface IInstantRedeemQuoter
{
    /// <summary>Quotes redeeming <paramref name="amount"/> of <paramref name="token"/> for ETH now.</summary>
    Task<InstantRedeemQuote> QuoteInstantRedeemAsync(StakingToken token, BigInteger amount, CancellationToken cancellationToken = default);

    /// <summary>Prepares the instant redemption (approval first when needed).</summary>
    Task<PreparedTransaction> PrepareInstantRedeemAsync(Address account, StakingToken token, BigInteger amount, CancellationToken cancellationToken = default);
}

/// <summary>Optional: a provider with <see cref="StakingCapabilities.QueuedWithdrawal"/> estimates how long a new request waits.</summary>
public interface IWithdrawalWaitEstimator
{
    /// <summary>
    /// How long a withdrawal worth <paramref name="amount"/> wei (stETH and eETH count 1:1 with ETH) requested now would
    /// wait until claimable; null when it cannot tell.
    /// </summary>
    Task<TimeSpan?> EstimateWithdrawalWaitAsync(BigInteger amount, CancellationToken cancellationToken = default);
}

/// <summary>
/// Optional: a provider with <see cref="StakingCapabilities.DepositToken"/> that takes ERC-20 tokens other than its
/// <see cref="IStakingProvider.StakeToken"/> (EigenLayer strategies take stETH, rETH...). Used to compose plans such as
/// ETH → stETH → EigenLayer.
/// </summary>
public interface ITokenDepositor
{
    /// <summary>The tokens it accepts.</summary>
    IReadOnlyList<StakingToken> DepositTokens { get; }

    /// <summary>Quotes depositing <paramref name="amount"/> of <paramref name="token"/>.</summary>
    Task<StakeQuote> QuoteDepositAsync(StakingToken token, BigInteger amount, CancellationToken cancellationToken = default);

    /// <summary>Prepares the deposit (approval first when needed).</summary>
    /// <param name="account">The depositor.</param>
    /// <param name="token">The token deposited.</param>
    /// <param name="amount">How much, in base units.</param>
    /// <param name="fundedByEarlierStep">
    /// True when the tokens are produced by an earlier step of the same plan (ETH → stETH → deposit): the balance and
    /// allowance cannot be read from the chain yet, so the balance check is skipped and the approval step always included.
    /// </param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    Task<PreparedTransaction> PrepareDepositAsync(Address account, StakingToken token, BigInteger amount, bool fundedByEarlierStep = false, CancellationToken cancellationToken = default);
}

/// <summary>
/// Optional: a provider with <see cref="StakingCapabilities.QueuedWithdrawal"/> that computes what a withdrawal request
/// of an amount would pay if finalized at today's rate, with the protocol's own splitting and rounding (Lido locks shares
/// rounded down, so a request can pay a wei under its nominal amount). <see cref="StakingService"/> prefers it over a
/// pro-rata share of the holding's ETH value.
/// </summary>
public interface IQueuedWithdrawalQuoter
{
    /// <summary>The wei a request of <paramref name="amount"/> of <paramref name="token"/> would pay when finalized at the current rate.</summary>
    Task<BigInteger> QuoteQueuedWithdrawalAsync(StakingToken token, BigInteger amount, CancellationToken cancellationToken = default);
}

/// <summary>
/// Optional: a provider that reads how much ETH the protocol has staked, as the protocol itself accounts it (Lido
/// <c>getTotalPooledEther</c>, Rocket Pool's network <c>getTotalETHBalance</c>, ether.fi <c>getTotalPooledEther</c>).
/// <see cref="OnChainStakeShareSource"/> turns these into the protocols' shares of all staked ETH.
/// </summary>
public interface IStakedEtherReader
{
    /// <summary>The protocol's staked (pooled) ETH, in wei.</summary>
    Task<BigInteger> GetStakedEtherAsync(CancellationToken cancellationToken = default);
}

/// <summary>One operator's stake within a protocol (a StakeWise vault).</summary>
/// <param name="Operator">The operator's address (the vault).</param>
/// <param name="StakedWei">The ETH it holds, in wei.</param>
/// <param name="Capacity">How much more it accepts now, when bounded.</param>
/// <param name="UnavailableReason">Why it takes no deposits now, or null.</param>
public sealed record OperatorStake(Address Operator, BigInteger StakedWei, BigInteger? Capacity, string? UnavailableReason);

/// <summary>
/// Optional: a provider whose stake sits with separate operators that a staker picks (StakeWise vaults). The
/// <see cref="AllocationPlanner"/> counts each operator on its own for concentration, so it can spread a stake across them.
/// </summary>
public interface IOperatorStakeReader
{
    /// <summary>Every operator a stake can go to, with its stake and limits.</summary>
    Task<IReadOnlyList<OperatorStake>> GetOperatorStakesAsync(CancellationToken cancellationToken = default);
}
