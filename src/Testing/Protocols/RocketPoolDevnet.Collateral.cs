using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Transactions;
using LiquidStake.Sdk.Contracts.RocketPool;

namespace LiquidStake.Testing;

/// <summary>Collateral and rETH funding by the paths ETH really takes in and out of Rocket Pool.</summary>
public sealed partial class RocketPoolDevnet
{
    /// <summary>
    /// Adds <paramref name="wei"/> of ETH collateral held by rETH: a plain transfer to rETH's <c>receive()</c> (as rewards and
    /// top-ups arrive on mainnet), paid by a kit account funded for it.
    /// </summary>
    public Task<TransactionReceipt> AddCollateralAsync(BigInteger wei, CancellationToken cancellationToken = default)
    {
        if (wei.Sign <= 0) throw new LiquidStakeArgumentException(nameof(wei), "must be positive", "at least 1 wei");
        return _node.SendAsAsync(KitPayer, new TransactionRequest { To = REth.Address, Value = wei }, wei + Gas, cancellationToken);
    }

    /// <summary>
    /// Adds deposit-pool ETH without minting rETH, the way excess collateral reaches the pool: ETH to rETH (<paramref name="wei"/>
    /// plus any shortfall below the collateral target), then the real <c>depositExcessCollateral()</c>, which sends everything
    /// above the target to <c>recycleExcessCollateral</c>. The real target is <c>balance · targetRate / collateralRate</c>
    /// (floored), so the pool gains about <paramref name="wei"/> plus whatever rETH already held above its target, within
    /// that rounding; read the pool balance after the call for the exact figure.
    /// </summary>
    public async Task<TransactionReceipt> AddDepositPoolBalanceAsync(BigInteger wei, CancellationToken cancellationToken = default)
    {
        if (wei.Sign <= 0) throw new LiquidStakeArgumentException(nameof(wei), "must be positive", "at least 1 wei");
        var settings = await NetworkSettingsAsync(cancellationToken).ConfigureAwait(false);
        var targetRate = await settings.GetTargetRethCollateralRateAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var supply = await REth.TotalSupplyAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var supplyValue = await REth.GetEthValueAsync(supply, cancellationToken: cancellationToken).ConfigureAwait(false);
        var held = await _node.Rpc.GetBalanceAsync(REth.Address, cancellationToken: cancellationToken).ConfigureAwait(false);
        var shortfall = BigInteger.Max(BigInteger.Zero, (supplyValue * targetRate / Wad) - held);
        await AddCollateralAsync(wei + shortfall, cancellationToken).ConfigureAwait(false);
        return await _node.SendAsAsync(KitPayer, REth.PrepareDepositExcessCollateral(), Gas, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes <paramref name="wei"/> of collateral out the way it leaves on mainnet: <paramref name="holder"/> (impersonated,
    /// its ETH balance kept) burns <c>ceil(wei * S / T)</c> rETH, paid from rETH's balance first and then the deposit
    /// pool's excess. Returns the ETH the burn paid (<paramref name="wei"/>, or a wei or two more from rounding).
    /// </summary>
    public async Task<BigInteger> BurnCollateralAsync(Address holder, BigInteger wei, CancellationToken cancellationToken = default)
    {
        if (wei.Sign <= 0) throw new LiquidStakeArgumentException(nameof(wei), "must be positive", "at least 1 wei");
        var balances = new RocketNetworkBalances(await ResolveAsync("rocketNetworkBalances", cancellationToken).ConfigureAwait(false), _node.Rpc);
        var total = await balances.GetTotalEthBalanceAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var supply = await balances.GetTotalREthSupplyAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var reth = supply.IsZero ? wei : ((wei * supply) + total - 1) / total;
        var held = await REth.BalanceOfAsync(holder, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (reth.IsZero || reth > held) throw new LiquidStakeArgumentException(nameof(holder), $"holds {held} rETH wei, {reth} are needed", $"a holder of at least {reth} rETH wei");
        var paid = await REth.GetEthValueAsync(reth, cancellationToken: cancellationToken).ConfigureAwait(false);
        await _node.SendAsPreservingBalanceAsync(holder, REth.PrepareBurn(reth), cancellationToken).ConfigureAwait(false);
        return paid;
    }

    /// <summary>Gives <paramref name="recipient"/> rETH by depositing <paramref name="ethAmount"/> as it. Returns the rETH received.</summary>
    public async Task<BigInteger> MintREthAsync(Address recipient, BigInteger ethAmount, CancellationToken cancellationToken = default)
    {
        var before = await REth.BalanceOfAsync(recipient, cancellationToken: cancellationToken).ConfigureAwait(false);
        await _node.SendAsPreservingBalanceAsync(recipient, DepositPool.PrepareDeposit(ethAmount), cancellationToken).ConfigureAwait(false);
        var after = await REth.BalanceOfAsync(recipient, cancellationToken: cancellationToken).ConfigureAwait(false);
        return after - before;
    }
}
