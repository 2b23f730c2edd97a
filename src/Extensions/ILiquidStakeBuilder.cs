using System.Diagnostics.CodeAnalysis;
using LiquidStake;
using LiquidStake.Sdk;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds staking providers after <c>AddLiquidStake</c>; protocol packages add one-liners such as <c>.AddLido()</c> on top of <see cref="AddProvider{TProvider}(ProtocolId)"/>.</summary>
public interface ILiquidStakeBuilder
{
    /// <summary>The service collection.</summary>
    IServiceCollection Services { get; }

    /// <summary>
    /// Registers <typeparamref name="TProvider"/> as a singleton, as the keyed <see cref="IStakingProvider"/> under
    /// <paramref name="id"/>, and in <c>IEnumerable&lt;IStakingProvider&gt;</c>. It is built with
    /// <see cref="ActivatorUtilities"/>: constructor parameters come from the container (the
    /// <see cref="LiquidStakeContext"/>, and its options type if registered), optional ones fall back to their defaults.
    /// </summary>
    /// <exception cref="LiquidStakeArgumentException">A provider is already registered for <paramref name="id"/>.</exception>
    ILiquidStakeBuilder AddProvider<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TProvider>(ProtocolId id) where TProvider : class, IStakingProvider;

    /// <summary>Like <see cref="AddProvider{TProvider}(ProtocolId)"/>, built by <paramref name="factory"/>.</summary>
    ILiquidStakeBuilder AddProvider<TProvider>(ProtocolId id, Func<IServiceProvider, TProvider> factory) where TProvider : class, IStakingProvider;
}

internal sealed class LiquidStakeBuilder(IServiceCollection services, LiquidStakeServiceCollectionExtensions.ProviderRegistry registry) : ILiquidStakeBuilder
{
    public IServiceCollection Services { get; } = services;

    public ILiquidStakeBuilder AddProvider<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TProvider>(ProtocolId id) where TProvider : class, IStakingProvider =>
        AddProvider(id, static sp => ActivatorUtilities.CreateInstance<TProvider>(sp));

    public ILiquidStakeBuilder AddProvider<TProvider>(ProtocolId id, Func<IServiceProvider, TProvider> factory) where TProvider : class, IStakingProvider
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (string.IsNullOrWhiteSpace(id.Value)) throw new LiquidStakeArgumentException(nameof(id), "the protocol id is empty");
        if (!registry.TryAdd(id)) throw new LiquidStakeArgumentException(nameof(id), $"a provider for '{id}' is already registered", "one provider per protocol id");

        // One instance per protocol id, shared by the concrete type, the keyed interface and the enumerable.
        Services.AddKeyedSingleton<TProvider>(id, (sp, _) => factory(sp));
        Services.AddKeyedSingleton<IStakingProvider>(id, (sp, key) =>
        {
            var provider = sp.GetRequiredKeyedService<TProvider>(key);
            if (provider.Id != id)
                throw new LiquidStakeException($"The provider {typeof(TProvider).Name} was registered as '{id}' but reports the protocol id '{provider.Id}'.");
            return provider;
        });
        Services.AddSingleton<IStakingProvider>(sp => sp.GetRequiredKeyedService<IStakingProvider>(id));
        Services.AddSingleton<TProvider>(sp => sp.GetRequiredKeyedService<TProvider>(id));
        return this;
    }
}
