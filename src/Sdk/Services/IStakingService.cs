using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Sdk.Withdrawals;

namespace LiquidStake.Sdk.Services;

/// <summary>
/// Every registered <see cref="IStakingProvider"/> side by side: quotes for one amount, exit routes for a holding, a
/// portfolio over many accounts, and plans that chain providers (ETH → stETH → EigenLayer).
/// </summary>
public interface IStakingService
{
    /// <summary>The providers, in registration order.</summary>
    IReadOnlyList<IStakingProvider> Providers { get; }

    /// <summary>The provider of <paramref name="protocol"/>.</summary>
    /// <exception cref="LiquidStakeArgumentException">No provider is registered for it.</exception>
    IStakingProvider GetProvider(ProtocolId protocol);

    /// <summary>
    /// Quotes <paramref name="amount"/> with every provider concurrently (by default the providers that stake ETH;
    /// or exactly <paramref name="protocols"/>). Each result carries the quote or that provider's error.
    /// </summary>
    Task<IReadOnlyList<ProviderResult<StakeQuote>>> QuoteAllAsync(BigInteger amount, IReadOnlyCollection<ProtocolId>? protocols = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The ways out of <paramref name="holding"/> (queued withdrawal with a wait estimate, instant redemption with its
    /// fee), per the capabilities of the holding's provider. <paramref name="amount"/> defaults to the whole balance.
    /// </summary>
    Task<IReadOnlyList<ExitRoute>> GetExitRoutesAsync(Position holding, BigInteger? amount = null, CancellationToken cancellationToken = default);

    /// <summary>The holdings of <paramref name="account"/> across every provider.</summary>
    Task<Portfolio> GetPortfolioAsync(Address account, CancellationToken cancellationToken = default);

    /// <summary>The holdings of many accounts across every provider; providers implementing <see cref="IBatchPositionReader"/> are asked once for all.</summary>
    Task<Portfolio> GetPortfolioAsync(IReadOnlyList<Address> accounts, CancellationToken cancellationToken = default);

    /// <summary>
    /// Chains providers into one ordered plan: stakes <paramref name="amount"/> wei with <c>route[0]</c>, then deposits
    /// the quoted output with <c>route[1]</c>, and so on (for example [lido, eigenlayer]).
    /// </summary>
    Task<StakingPlan> ComposeStakePlanAsync(Address account, BigInteger amount, IReadOnlyList<ProtocolId> route, CancellationToken cancellationToken = default);

    /// <summary>Rebuilds a withdrawal from its stored id (<see cref="WithdrawalId.ToString"/>) and owner, to poll, await and claim it.</summary>
    WithdrawalOperation ResumeWithdrawal(string storedId, Address owner);
}
