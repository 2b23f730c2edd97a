using System.Numerics;
using LiquidStake.Ethereum;

namespace LiquidStake.Sdk;

/// <summary>
/// One staking protocol behind a common surface: quotes, positions, rates, and prepared transactions for staking,
/// withdrawing and claiming. Protocol-specific features stay on the typed clients (<c>LidoClient</c>,
/// <c>RocketPoolClient</c>, <c>EtherFiClient</c>, <c>EigenLayerClient</c>) that implement this interface.
/// </summary>
/// <remarks>
/// Check <see cref="Capabilities"/> before calling an optional operation; an operation the provider does not
/// support throws <see cref="NotSupportedException"/>. Every write is returned as a <see cref="PreparedTransaction"/>
/// that the caller simulates, sends or hands to an external signer. Implementations are immutable and thread-safe.
/// </remarks>
public interface IStakingProvider
{
    /// <summary>The protocol id (also the DI key).</summary>
    ProtocolId Id { get; }

    /// <summary>A display name, for example "Rocket Pool".</summary>
    string DisplayName { get; }

    /// <summary>What this provider can do.</summary>
    StakingCapabilities Capabilities { get; }

    /// <summary>The token a stake is paid in (ETH for the LST protocols; for EigenLayer the LSTs it accepts are listed by its client).</summary>
    StakingToken StakeToken { get; }

    /// <summary>The tokens this provider issues or accounts in (stETH and wstETH; rETH; eETH and weETH; strategy shares).</summary>
    IReadOnlyList<StakingToken> ReceiptTokens { get; }

    /// <summary>Quotes staking <paramref name="amount"/> base units of <see cref="StakeToken"/> now, with fees and limits.</summary>
    Task<StakeQuote> QuoteStakeAsync(BigInteger amount, CancellationToken cancellationToken = default);

    /// <summary>Prepares the stake (with its approval step when one is needed). Pre-flight checks throw <see cref="LiquidStakeArgumentException"/> subclasses naming the limit.</summary>
    Task<PreparedTransaction> PrepareStakeAsync(Address account, BigInteger amount, CancellationToken cancellationToken = default);

    /// <summary>The current exchange rate of the main receipt token against ETH.</summary>
    Task<ExchangeRate> GetExchangeRateAsync(CancellationToken cancellationToken = default);

    /// <summary>The recent APR, computed from on-chain history.</summary>
    Task<Apr> GetAprAsync(CancellationToken cancellationToken = default);

    /// <summary>The account's holdings of this provider's tokens.</summary>
    Task<IReadOnlyList<Position>> GetPositionsAsync(Address account, CancellationToken cancellationToken = default);

    /// <summary>Prepares a withdrawal request of <paramref name="amount"/> of the main receipt token (queue-based protocols).</summary>
    Task<PreparedTransaction> PrepareWithdrawalRequestAsync(Address account, BigInteger amount, CancellationToken cancellationToken = default);

    /// <summary>The account's withdrawal requests with their current status.</summary>
    Task<IReadOnlyList<WithdrawalRequest>> GetWithdrawalRequestsAsync(Address account, CancellationToken cancellationToken = default);

    /// <summary>Prepares the claim (or completion) of the given claimable withdrawals.</summary>
    Task<PreparedTransaction> PrepareClaimAsync(Address account, IReadOnlyList<WithdrawalId> withdrawals, CancellationToken cancellationToken = default);
}
