using LiquidStake.Sdk.Protocols.EtherFi;
using LiquidStake.Sdk.Protocols.Lido;
using LiquidStake.Sdk.Protocols.RocketPool;

namespace LiquidStake.Sdk.Protocols.EigenLayer;

// EigenLayer's APR: what the default strategy's shares earn on chain, which is the yield of the LST they hold.

public partial class EigenLayerClient
{
    /// <inheritdoc/>
    /// <remarks>
    /// A strategy share is a claim on the strategy's balance of its LST, so on chain it earns exactly what that LST earns:
    /// the stETH strategy's <c>sharesToUnderlyingView</c> grows with every Lido rebase, and rETH (and weETH/eETH) shares are
    /// worth more ETH as the token's rate rises. The APR is therefore the underlying LST's own APR, read from its protocol's
    /// history with that protocol's default options (Lido's SMA over <c>TokenRebased</c>, Rocket Pool's <c>BalancesUpdated</c>,
    /// ether.fi's <c>Rebase</c>). Restaking rewards that AVSs pay through RewardsCoordinator Merkle roots are computed off chain
    /// and are not included; the <see cref="Apr.Method"/> says so.
    /// </remarks>
    /// <exception cref="NotSupportedException">The default token is an LST whose protocol this SDK does not read (cbETH, ETHx...).</exception>
    public virtual async Task<Apr> GetAprAsync(CancellationToken cancellationToken = default)
    {
        var network = _context.Network;
        var token = StakeToken.Address;
        Apr underlying;
        if (network.Lido is { } lido && (lido.StEth == token || lido.WstEth == token))
            underlying = await new LidoClient(_context).GetAprAsync(cancellationToken).ConfigureAwait(false);
        else if (network.RocketPool?.REth == token)
            underlying = await new RocketPoolClient(_context).GetAprAsync(cancellationToken).ConfigureAwait(false);
        else if (network.EtherFi is { } etherFi && (etherFi.EEth == token || etherFi.WeEth == token))
            underlying = await new EtherFiClient(_context).GetAprAsync(cancellationToken).ConfigureAwait(false);
        else
            throw new NotSupportedException($"EigenLayer: the {StakeToken.Symbol} strategy's yield is that of {StakeToken.Symbol}, whose protocol this SDK does not read; restaking rewards are paid off chain through RewardsCoordinator Merkle roots.");
        return underlying with
        {
            Method = $"{StakeToken.Symbol} strategy: its shares earn what {StakeToken.Symbol} earns ({underlying.Method}); AVS rewards paid through RewardsCoordinator are off chain and not included",
        };
    }
}
