using System.Numerics;
using LiquidStake.Ethereum;

namespace LiquidStake.Sdk.Protocols.StakeWise;

/// <summary>The address is not a StakeWise vault: <c>VaultsRegistry.vaults(address)</c> is false.</summary>
public class StakeWiseUnknownVaultException : StakingPreflightException
{
    /// <summary>Creates the exception without a message.</summary>
    public StakeWiseUnknownVaultException() { }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public StakeWiseUnknownVaultException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public StakeWiseUnknownVaultException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for an address the registry does not know.</summary>
    /// <param name="paramName">The caller's argument that holds the address.</param>
    /// <param name="vault">The refused address.</param>
    /// <param name="registry">The registry that was asked.</param>
    public StakeWiseUnknownVaultException(string paramName, Address vault, Address registry)
        : base(ProtocolId.StakeWise, paramName, $"{vault} is not a vault registered in the VaultsRegistry {registry}", "a vault with VaultsRegistry.vaults(address) = true")
        => Vault = vault;

    /// <summary>The refused address.</summary>
    public Address Vault { get; }
}

/// <summary>A deposit would take the vault above its capacity (<c>CapacityExceeded</c>).</summary>
public class StakeWiseVaultCapacityException : AmountAboveLimitException
{
    /// <summary>Creates the exception without a message.</summary>
    public StakeWiseVaultCapacityException() { }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public StakeWiseVaultCapacityException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public StakeWiseVaultCapacityException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for a deposit above the room left in the vault.</summary>
    /// <param name="paramName">The caller's amount argument.</param>
    /// <param name="vault">The vault.</param>
    /// <param name="amount">The deposit, in wei.</param>
    /// <param name="available">The room left: <c>capacity - totalAssets</c>, in wei.</param>
    public StakeWiseVaultCapacityException(string paramName, Address vault, BigInteger amount, BigInteger available)
        : base(ProtocolId.StakeWise, paramName, amount, available, "wei", $"room left in vault {vault} (capacity - totalAssets)") => Vault = vault;

    /// <summary>The vault.</summary>
    public Address Vault { get; }
}

/// <summary>A mint would take the osETH position above the vault's LTV (<c>LowLtv</c>).</summary>
public class StakeWiseLtvExceededException : AmountAboveLimitException
{
    /// <summary>Creates the exception without a message.</summary>
    public StakeWiseLtvExceededException() { }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public StakeWiseLtvExceededException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public StakeWiseLtvExceededException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for a mint above what the stake allows.</summary>
    /// <param name="paramName">The caller's osETH shares argument.</param>
    /// <param name="vault">The vault.</param>
    /// <param name="osTokenShares">The requested osETH shares.</param>
    /// <param name="mintable">The most that may be minted now, in osETH shares.</param>
    /// <param name="ltvPercent">The vault's LTV (1e18 = 100 %).</param>
    public StakeWiseLtvExceededException(string paramName, Address vault, BigInteger osTokenShares, BigInteger mintable, BigInteger ltvPercent)
        : base(ProtocolId.StakeWise, paramName, osTokenShares, mintable, "osETH shares", $"osETH mintable within the LTV of {EthUnits.FormatUnits(ltvPercent * 100, 18)} % in vault {vault}")
    {
        Vault = vault;
        LtvPercent = ltvPercent;
    }

    /// <summary>The vault.</summary>
    public Address Vault { get; }

    /// <summary>The vault's LTV (1e18 = 100 %).</summary>
    public BigInteger LtvPercent { get; }
}

/// <summary>
/// Exiting these shares would leave the minted osETH above the LTV of the remaining stake (the vault reverts <c>LowLtv</c>):
/// burn osETH first (<see cref="OsTokenSharesToBurn"/>) or exit at most <see cref="AmountAboveLimitException.Maximum"/> shares.
/// </summary>
public class StakeWiseOsTokenMintedException : AmountAboveLimitException
{
    /// <summary>Creates the exception without a message.</summary>
    public StakeWiseOsTokenMintedException() { }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public StakeWiseOsTokenMintedException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public StakeWiseOsTokenMintedException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for an exit that the minted osETH blocks.</summary>
    /// <param name="paramName">The caller's shares argument.</param>
    /// <param name="vault">The vault.</param>
    /// <param name="shares">The shares asked to exit.</param>
    /// <param name="maxExitable">The most shares that can exit with the osETH minted now.</param>
    /// <param name="mintedShares">The osETH shares minted against the vault stake.</param>
    /// <param name="osTokenSharesToBurn">osETH shares to burn first so that the whole exit fits.</param>
    public StakeWiseOsTokenMintedException(string paramName, Address vault, BigInteger shares, BigInteger maxExitable, BigInteger mintedShares, BigInteger osTokenSharesToBurn)
        : base(ProtocolId.StakeWise, paramName, shares, maxExitable, "vault shares",
            $"vault shares that can exit from {vault} while {mintedShares} osETH shares stay minted (burn at least {osTokenSharesToBurn} osETH shares first)")
    {
        Vault = vault;
        MintedShares = mintedShares;
        OsTokenSharesToBurn = osTokenSharesToBurn;
    }

    /// <summary>The vault.</summary>
    public Address Vault { get; }

    /// <summary>The osETH shares minted against the stake.</summary>
    public BigInteger MintedShares { get; }

    /// <summary>osETH shares to burn so the requested exit fits the LTV.</summary>
    public BigInteger OsTokenSharesToBurn { get; }
}

/// <summary>
/// The vault must harvest first (<c>isStateUpdateRequired</c>: more than one reward update behind): deposits, mints and exits
/// revert <c>NotHarvested</c> until someone calls <c>updateState</c> with the harvest parameters from the StakeWise oracles.
/// </summary>
public class StakeWiseHarvestRequiredException : ProtocolStateException
{
    /// <summary>Creates the exception without a message.</summary>
    public StakeWiseHarvestRequiredException() { }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public StakeWiseHarvestRequiredException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public StakeWiseHarvestRequiredException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for a vault that needs a harvest.</summary>
    /// <param name="vault">The vault.</param>
    public StakeWiseHarvestRequiredException(Address vault)
        : base(ProtocolId.StakeWise, $"vault {vault} must be harvested first (Keeper.isHarvestRequired): call updateState with the oracles' harvest parameters, then retry")
        => Vault = vault;

    /// <summary>The vault.</summary>
    public Address Vault { get; }
}
