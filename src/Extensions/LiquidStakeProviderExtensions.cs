using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using LiquidStake;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Protocols.EigenLayer;
using LiquidStake.Sdk.Protocols.EtherFi;
using LiquidStake.Sdk.Protocols.Lido;
using LiquidStake.Sdk.Protocols.RocketPool;
using LiquidStake.Sdk.Protocols.StakeWise;
using LiquidStake.Sdk.Services;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The built-in protocols as one-liners on <see cref="ILiquidStakeBuilder"/>: <c>.AddLido().AddEtherFi()</c>; options are
/// immutable records configured with a with-expression, e.g. <c>.AddEigenLayer(o =&gt; o with { BlockTime = TimeSpan.FromSeconds(12) })</c>.
/// </summary>
public static class LiquidStakeProviderExtensions
{
    /// <summary>Registers <see cref="LidoClient"/> (stETH, wstETH, withdrawal queue) under <see cref="ProtocolId.Lido"/>.</summary>
    public static ILiquidStakeBuilder AddLido(this ILiquidStakeBuilder builder, Func<LidoClientOptions, LidoClientOptions>? configure = null) =>
        Add<LidoClient, LidoClientOptions>(builder, ProtocolId.Lido, configure);

    /// <summary>Registers <see cref="RocketPoolClient"/> (rETH) under <see cref="ProtocolId.RocketPool"/>.</summary>
    public static ILiquidStakeBuilder AddRocketPool(this ILiquidStakeBuilder builder, Func<RocketPoolClientOptions, RocketPoolClientOptions>? configure = null) =>
        Add<RocketPoolClient, RocketPoolClientOptions>(builder, ProtocolId.RocketPool, configure);

    /// <summary>Registers <see cref="EtherFiClient"/> (eETH, weETH, withdraw NFTs, instant redemption) under <see cref="ProtocolId.EtherFi"/>.</summary>
    public static ILiquidStakeBuilder AddEtherFi(this ILiquidStakeBuilder builder, Func<EtherFiClientOptions, EtherFiClientOptions>? configure = null) =>
        Add<EtherFiClient, EtherFiClientOptions>(builder, ProtocolId.EtherFi, configure);

    /// <summary>Registers <see cref="EigenLayerClient"/> (strategies, delegation, queued withdrawals) under <see cref="ProtocolId.EigenLayer"/>.</summary>
    public static ILiquidStakeBuilder AddEigenLayer(this ILiquidStakeBuilder builder, Func<EigenLayerClientOptions, EigenLayerClientOptions>? configure = null) =>
        Add<EigenLayerClient, EigenLayerClientOptions>(builder, ProtocolId.EigenLayer, configure);

    /// <summary>Registers <see cref="StakeWiseClient"/> (vaults, osETH, exit queue) under <see cref="ProtocolId.StakeWise"/>.</summary>
    public static ILiquidStakeBuilder AddStakeWise(this ILiquidStakeBuilder builder, Func<StakeWiseClientOptions, StakeWiseClientOptions>? configure = null) =>
        Add<StakeWiseClient, StakeWiseClientOptions>(builder, ProtocolId.StakeWise, configure);

    /// <summary>Registers all five built-in protocols with default options.</summary>
    public static ILiquidStakeBuilder AddAllProviders(this ILiquidStakeBuilder builder) =>
        builder.AddLido().AddRocketPool().AddEtherFi().AddEigenLayer().AddStakeWise();

    /// <summary>
    /// Feeds <see cref="AllocationPlanner"/> from the chain: each registered protocol's staked ETH
    /// (<see cref="IStakedEtherReader"/>) divided by <paramref name="totalStakedWei"/>, all ETH staked on the beacon chain
    /// (which the execution layer cannot tell exactly; take it from a beacon node). <paramref name="overrides"/> supplies
    /// figures for protocols without an on-chain reader.
    /// </summary>
    public static ILiquidStakeBuilder AddOnChainStakeShares(this ILiquidStakeBuilder builder, BigInteger totalStakedWei, IReadOnlyDictionary<ProtocolId, BigInteger>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new OnChainStakeShareSourceOptions { TotalStakedWei = totalStakedWei, Overrides = overrides ?? new Dictionary<ProtocolId, BigInteger>() };
        if (options.TotalStakedWei.Sign <= 0)
            throw new LiquidStakeArgumentException(nameof(totalStakedWei), $"all staked ETH must be positive, got {totalStakedWei}", "> 0 wei");
        builder.Services.AddSingleton<IStakeShareSource>(sp => new OnChainStakeShareSource(sp.GetServices<IStakingProvider>(), options, sp.GetService<TimeProvider>()));
        return builder;
    }

    // The options are immutable records, so configuration is a with-expression: .AddLido(o => o with { AprWindowDays = 30 }).
    private static ILiquidStakeBuilder Add<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TClient, TOptions>(ILiquidStakeBuilder builder, ProtocolId id, Func<TOptions, TOptions>? configure)
        where TClient : class, IStakingProvider
        where TOptions : class, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = configure is null ? new TOptions() : configure(new TOptions()) ?? throw new LiquidStakeArgumentException(nameof(configure), "returned no options", $"a {typeof(TOptions).Name}");
        builder.Services.AddSingleton(options);
        // The clients take (context, options); the factory picks that constructor explicitly.
        return builder.AddProvider(id, sp => ActivatorUtilities.CreateInstance<TClient>(sp, sp.GetRequiredService<LiquidStakeContext>(), options));
    }
}
