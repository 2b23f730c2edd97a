using System.Globalization;
using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Multicall;
using LiquidStake.Sdk.Contracts.StakeWise;

namespace LiquidStake.Sdk.Protocols.StakeWise;

// osETH: mint against vault shares within the LTV, burn, position and health.

public partial class StakeWiseClient
{
    private static readonly BigInteger Uint128Max = (BigInteger.One << 128) - 1;

    /// <summary>
    /// The account's osETH position in <paramref name="vault"/> (null: <see cref="DefaultVault"/>): shares staked, osETH
    /// minted (with the treasury fee), the most the LTV allows, LTV and health factor, in one Multicall3 pass.
    /// </summary>
    /// <exception cref="StakeWiseUnknownVaultException">The registry does not list the vault.</exception>
    public virtual async Task<StakeWiseOsTokenPosition> GetOsTokenPositionAsync(Address account, Address? vault = null, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(account);
        AddressArguments.RequireNonZero(vault);
        var (_, position, _) = await ReadAccountStateAsync(account, vault ?? DefaultVault, nameof(vault), cancellationToken).ConfigureAwait(false);
        return position;
    }

    /// <summary>
    /// Prepares <c>vault.mintOsToken(receiver, osTokenShares, referrer)</c> after the vault's checks: positive amount (at most
    /// uint128), chain, a registered and collateralized vault, no harvest required, and the LTV: the position after the
    /// mint must stay within <c>convertToShares(convertToAssets(stakedShares) * ltvPercent / 1e18)</c>
    /// (<see cref="StakeWiseLtvExceededException"/> otherwise, naming what can still be minted).
    /// </summary>
    /// <param name="account">The vault staker who mints.</param>
    /// <param name="osTokenShares">
    /// osETH shares (base units of osETH) to mint, or <see cref="StakeWiseMath.Uint256Max"/> for "up to the LTV", which the
    /// vault computes when the transaction runs (the osETH rate grows every second, so an exact maximum read now can be a
    /// few wei too many a block later).
    /// </param>
    /// <param name="vault">The vault; null for <see cref="DefaultVault"/>.</param>
    /// <param name="receiver">Who receives the osETH; null for <paramref name="account"/>.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public virtual async Task<PreparedTransaction> PrepareMintOsTokenAsync(Address account, BigInteger osTokenShares, Address? vault = null, Address? receiver = null, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(account);
        AddressArguments.RequireNonZero(vault);
        AddressArguments.RequireNonZero(receiver);
        if (osTokenShares.Sign <= 0) throw new AmountNotPositiveException(Id, nameof(osTokenShares), osTokenShares);
        bool max = osTokenShares == StakeWiseMath.Uint256Max;
        if (!max && osTokenShares > Uint128Max) throw new AmountAboveLimitException(Id, nameof(osTokenShares), osTokenShares, Uint128Max, "osETH shares", "uint128 position size");
        await _context.EnsureChainAsync(cancellationToken).ConfigureAwait(false);
        var target = vault ?? DefaultVault;
        var (info, position, _) = await ReadAccountStateAsync(account, target, nameof(vault), cancellationToken).ConfigureAwait(false);
        if (!info.IsCollateralized) throw new ProtocolStateException(Id, $"vault {target} is not collateralized yet (no validators), so it cannot mint osETH");
        if (info.IsHarvestRequired) throw new StakeWiseHarvestRequiredException(target);
        if (max ? position.MintableShares.IsZero : osTokenShares > position.MintableShares)
            throw new StakeWiseLtvExceededException(nameof(osTokenShares), target, osTokenShares, position.MintableShares, info.OsTokenConfig.LtvPercent);
        var request = Vault(target).PrepareMintOsToken(receiver ?? account, osTokenShares, Options.Referrer) with { From = account };
        var description = max
            ? string.Create(CultureInfo.InvariantCulture, $"Mint osETH up to the LTV (about {Describe(position.MintableShares)}) against StakeWise vault {target}")
            : string.Create(CultureInfo.InvariantCulture, $"Mint {Describe(osTokenShares)} osETH against StakeWise vault {target}");
        return new PreparedTransaction(Id, description, [new TransactionStep(TransactionStepKind.Action, description, request)]);
    }

    /// <summary>
    /// Prepares <c>vault.burnOsToken(osTokenShares)</c> after the checks: positive amount, chain, a registered vault, an
    /// open position (<c>InvalidPosition</c>), at most the position, and the osETH the account holds (the controller burns
    /// from the caller's balance; no approval is needed).
    /// </summary>
    /// <param name="account">The vault staker who burns.</param>
    /// <param name="osTokenShares">osETH shares to burn.</param>
    /// <param name="vault">The vault; null for <see cref="DefaultVault"/>.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public virtual async Task<PreparedTransaction> PrepareBurnOsTokenAsync(Address account, BigInteger osTokenShares, Address? vault = null, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(account);
        AddressArguments.RequireNonZero(vault);
        if (osTokenShares.Sign <= 0) throw new AmountNotPositiveException(Id, nameof(osTokenShares), osTokenShares);
        await _context.EnsureChainAsync(cancellationToken).ConfigureAwait(false);
        var target = vault ?? DefaultVault;
        var (_, position, osEthBalance) = await ReadAccountStateAsync(account, target, nameof(vault), cancellationToken).ConfigureAwait(false);
        if (position.MintedShares.IsZero)
            throw new StakingPreflightException(Id, nameof(osTokenShares), $"{account} has no osETH minted in vault {target} (the vault reverts InvalidPosition)", "an open osETH position");
        if (osTokenShares > position.MintedShares)
            throw new AmountAboveLimitException(Id, nameof(osTokenShares), osTokenShares, position.MintedShares, "osETH shares", $"osETH position in vault {target}");
        if (osEthBalance < osTokenShares) throw new InsufficientBalanceException(Id, nameof(osTokenShares), osTokenShares, osEthBalance, "osETH shares");
        var request = Vault(target).PrepareBurnOsToken(osTokenShares) with { From = account };
        var description = string.Create(CultureInfo.InvariantCulture, $"Burn {Describe(osTokenShares)} osETH in StakeWise vault {target}");
        return new PreparedTransaction(Id, description, [new TransactionStep(TransactionStepKind.Action, description, request)]);
    }

    /// <summary>The vault, the account's osETH position in it and its osETH balance, in one Multicall3 pass.</summary>
    private async Task<(StakeWiseVaultInfo Vault, StakeWiseOsTokenPosition Position, BigInteger OsEthBalance)> ReadAccountStateAsync(Address account, Address vault, string vaultParam, CancellationToken cancellationToken)
    {
        var (infos, r) = await ReadVaultsAsync([vault],
            [
                new MulticallCall(vault, EthVault.EncodeGetShares(account), false),
                new MulticallCall(vault, EthVault.EncodeOsTokenPositions(account), false),
                new MulticallCall(_addresses.OsTokenVaultController, OsTokenVaultController.EncodeTotalAssets(), false),
                new MulticallCall(_addresses.OsTokenVaultController, OsTokenVaultController.EncodeTotalShares(), false),
                new MulticallCall(_addresses.OsToken, OsToken.EncodeBalanceOf(account), false),
            ],
            vaultParam, cancellationToken).ConfigureAwait(false);
        var info = infos[0]!;
        var position = BuildPosition(info, account, EthVault.DecodeGetSharesOutput(r[0]), EthVault.DecodeOsTokenPositionsOutput(r[1]),
            OsTokenVaultController.DecodeTotalAssetsOutput(r[2]), OsTokenVaultController.DecodeTotalSharesOutput(r[3]));
        return (info, position, OsToken.DecodeBalanceOfOutput(r[4]));
    }

    private static StakeWiseOsTokenPosition BuildPosition(StakeWiseVaultInfo info, Address account, BigInteger shares, BigInteger minted, BigInteger osAssets, BigInteger osShares)
    {
        var staked = info.ConvertToAssets(shares);
        return new StakeWiseOsTokenPosition(info.Address, account, shares, staked, minted,
            StakeWiseMath.ConvertToAssets(minted, osAssets, osShares),
            StakeWiseMath.MaxOsTokenShares(staked, info.OsTokenConfig.LtvPercent, osAssets, osShares),
            info.OsTokenConfig);
    }
}
