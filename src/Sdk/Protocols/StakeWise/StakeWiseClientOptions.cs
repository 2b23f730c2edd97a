using LiquidStake.Ethereum;

namespace LiquidStake.Sdk.Protocols.StakeWise;

/// <summary>Settings of a <see cref="StakeWiseClient"/>.</summary>
public sealed record StakeWiseClientOptions
{
    /// <summary>The vault a stake without a vault argument goes to; null for the network's Genesis vault.</summary>
    public Address? DefaultVault { get; init; }

    /// <summary>
    /// The first block scanned for <c>VaultsRegistry.VaultAdded</c> events when listing vaults; null for the network
    /// profile's <see cref="StakeWiseAddresses.RegistryDeploymentBlock"/>.
    /// </summary>
    public ulong? VaultDiscoveryFromBlock { get; init; }

    /// <summary>Vaults listed in the directory even when no <c>VaultAdded</c> event names them (the Genesis vault always is).</summary>
    public IReadOnlyList<Address> KnownVaults { get; init; } = [];

    /// <summary>The APR window: reward updates and harvests within this span before the latest block are used. Default: seven days.</summary>
    public TimeSpan AprLookback { get; init; } = TimeSpan.FromDays(7);

    /// <summary>The block time used to turn <see cref="AprLookback"/> into a block range. Default: 12 seconds.</summary>
    public TimeSpan BlockTime { get; init; } = TimeSpan.FromSeconds(12);

    /// <summary>
    /// How long after entering the exit queue exited assets can be claimed (the vault's immutable
    /// <c>exitingAssetsClaimDelay</c>, not readable through its ABI): 15 hours for public vaults (v3-core
    /// <c>PUBLIC_VAULT_EXITED_ASSETS_CLAIM_DELAY</c>).
    /// </summary>
    public TimeSpan ExitedAssetsClaimDelay { get; init; } = TimeSpan.FromHours(15);

    /// <summary>
    /// How far ahead the osETH rate is projected when checking an exit against the LTV: osETH grows every second, so a
    /// position that fits exactly now can revert <c>LowLtv</c> a block later. Default: one hour (the v3-sdk's buffer for its max mint).
    /// </summary>
    public TimeSpan OsTokenRateMargin { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The referrer passed to <c>deposit</c> and <c>mintOsToken</c>; zero for none.</summary>
    public Address Referrer { get; init; } = Address.Zero;
}
