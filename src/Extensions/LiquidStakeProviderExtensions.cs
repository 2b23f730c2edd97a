using LiquidStake.Sdk;
using LiquidStake.Sdk.Protocols.EigenLayer;
using LiquidStake.Sdk.Protocols.EtherFi;
using LiquidStake.Sdk.Protocols.Lido;
using LiquidStake.Sdk.Protocols.RocketPool;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The built-in protocols as one-liners on <see cref="ILiquidStakeBuilder"/>: <c>.AddLido().AddEtherFi()</c>.</summary>
public static class LiquidStakeProviderExtensions
{
    /// <summary>Registers <see cref="LidoClient"/> (stETH, wstETH, withdrawal queue) under <see cref="ProtocolId.Lido"/>.</summary>
    public static ILiquidStakeBuilder AddLido(this ILiquidStakeBuilder builder, Action<LidoClientOptions>? configure = null) =>
        Add<LidoClient, LidoClientOptions>(builder, ProtocolId.Lido, configure);

    /// <summary>Registers <see cref="RocketPoolClient"/> (rETH) under <see cref="ProtocolId.RocketPool"/>.</summary>
    public static ILiquidStakeBuilder AddRocketPool(this ILiquidStakeBuilder builder, Action<RocketPoolClientOptions>? configure = null) =>
        Add<RocketPoolClient, RocketPoolClientOptions>(builder, ProtocolId.RocketPool, configure);

    /// <summary>Registers <see cref="EtherFiClient"/> (eETH, weETH, withdraw NFTs, instant redemption) under <see cref="ProtocolId.EtherFi"/>.</summary>
    public static ILiquidStakeBuilder AddEtherFi(this ILiquidStakeBuilder builder, Action<EtherFiClientOptions>? configure = null) =>
        Add<EtherFiClient, EtherFiClientOptions>(builder, ProtocolId.EtherFi, configure);

    /// <summary>Registers <see cref="EigenLayerClient"/> (strategies, delegation, queued withdrawals) under <see cref="ProtocolId.EigenLayer"/>.</summary>
    public static ILiquidStakeBuilder AddEigenLayer(this ILiquidStakeBuilder builder, Action<EigenLayerClientOptions>? configure = null) =>
        Add<EigenLayerClient, EigenLayerClientOptions>(builder, ProtocolId.EigenLayer, configure);

    /// <summary>Registers all four built-in protocols with default options.</summary>
    public static ILiquidStakeBuilder AddAllProviders(this ILiquidStakeBuilder builder) =>
        builder.AddLido().AddRocketPool().AddEtherFi().AddEigenLayer();

    private static ILiquidStakeBuilder Add<TClient, TOptions>(ILiquidStakeBuilder builder, ProtocolId id, Action<TOptions>? configure)
        where TClient : class, IStakingProvider
        where TOptions : class, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new TOptions();
        configure?.Invoke(options);
        builder.Services.AddSingleton(options);
        // The clients take (context, options); the factory picks that constructor explicitly.
        return builder.AddProvider(id, sp => ActivatorUtilities.CreateInstance<TClient>(sp, sp.GetRequiredService<LiquidStakeContext>(), options));
    }
}
