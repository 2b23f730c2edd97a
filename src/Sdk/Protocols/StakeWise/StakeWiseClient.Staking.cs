using System.Globalization;
using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Multicall;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Sdk.Contracts.Common;
using LiquidStake.Sdk.Contracts.StakeWise;

namespace LiquidStake.Sdk.Protocols.StakeWise;

// Deposits: ETH into a vault for vault shares.

public partial class StakeWiseClient
{
    /// <inheritdoc/>
    /// <remarks>Into <see cref="DefaultVault"/>; see <see cref="QuoteStakeAsync(Address, BigInteger, CancellationToken)"/>.</remarks>
    public virtual Task<StakeQuote> QuoteStakeAsync(BigInteger amount, CancellationToken cancellationToken = default) =>
        QuoteStakeAsync(DefaultVault, amount, cancellationToken);

    /// <summary>
    /// Quotes a deposit of <paramref name="amount"/> wei into <paramref name="vault"/>: shares minted
    /// <c>ceil(amount * totalShares / totalAssets)</c>, no deposit fee (the vault fee is taken from rewards), Maximum = the room
    /// left under the capacity, paused while the vault needs a harvest.
    /// </summary>
    /// <exception cref="StakeWiseUnknownVaultException">The registry does not list <paramref name="vault"/>.</exception>
    public virtual async Task<StakeQuote> QuoteStakeAsync(Address vault, BigInteger amount, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(vault);
        var info = await GetVaultAsync(vault, false, cancellationToken).ConfigureAwait(false);
        var shares = amount.Sign > 0 ? info.SharesForDeposit(amount) : BigInteger.Zero;
        return new StakeQuote(Id, StakingToken.Eth, amount, VaultSharesToken(vault), shares, BigInteger.Zero, VaultRate(info),
            BigInteger.One, info.HasCapacity ? info.AvailableCapacity : null, info.IsHarvestRequired);
    }

    /// <inheritdoc/>
    /// <remarks>Into <see cref="DefaultVault"/>; see <see cref="PrepareStakeAsync(Address, Address, BigInteger, Address?, CancellationToken)"/>.</remarks>
    public virtual Task<PreparedTransaction> PrepareStakeAsync(Address account, BigInteger amount, CancellationToken cancellationToken = default) =>
        PrepareStakeAsync(account, DefaultVault, amount, null, cancellationToken);

    /// <summary>
    /// Prepares <c>vault.deposit(receiver, referrer)</c> with <paramref name="amount"/> wei after the checks the vault makes,
    /// in its order: positive amount, chain, a registered vault, no harvest required (<c>NotHarvested</c>), the capacity
    /// (<c>CapacityExceeded</c>), then the payer's ETH balance.
    /// </summary>
    /// <param name="account">Who pays.</param>
    /// <param name="vault">The vault.</param>
    /// <param name="amount">Wei to stake.</param>
    /// <param name="receiver">Who gets the shares; null for <paramref name="account"/>.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <exception cref="StakeWiseUnknownVaultException">The registry does not list <paramref name="vault"/>.</exception>
    /// <exception cref="StakeWiseHarvestRequiredException">The vault must harvest first.</exception>
    /// <exception cref="StakeWiseVaultCapacityException">The deposit does not fit under the capacity.</exception>
    public virtual async Task<PreparedTransaction> PrepareStakeAsync(Address account, Address vault, BigInteger amount, Address? receiver = null, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(account);
        AddressArguments.RequireNonZero(vault);
        AddressArguments.RequireNonZero(receiver);
        if (amount.Sign <= 0) throw new AmountNotPositiveException(Id, nameof(amount), amount);
        await _context.EnsureChainAsync(cancellationToken).ConfigureAwait(false);
        var (infos, extra) = await ReadVaultsAsync([vault], [new MulticallCall(_context.Network.Multicall3, Multicall3.EncodeGetEthBalance(account), false)], nameof(vault), cancellationToken).ConfigureAwait(false);
        var info = infos[0]!;
        if (info.IsHarvestRequired) throw new StakeWiseHarvestRequiredException(vault);
        if (info.TotalAssets + amount > info.Capacity) throw new StakeWiseVaultCapacityException(nameof(amount), vault, amount, info.AvailableCapacity);
        var balance = Multicall3.DecodeGetEthBalanceOutput(extra[0]);
        if (balance < amount) throw new InsufficientBalanceException(Id, nameof(amount), amount, balance, "wei");
        var request = Vault(vault).PrepareDeposit(receiver ?? account, Options.Referrer, amount) with { From = account };
        var description = string.Create(CultureInfo.InvariantCulture, $"Stake {Describe(amount)} ETH in StakeWise vault {vault} for about {Describe(info.SharesForDeposit(amount))} vault shares");
        return new PreparedTransaction(Id, description, [new TransactionStep(TransactionStepKind.Action, description, request)]);
    }

    /// <summary>Stakes <paramref name="amount"/> wei in <paramref name="vault"/> with <paramref name="signer"/> and decodes the shares from the receipt.</summary>
    public virtual async Task<StakeWiseDepositResult> StakeAsync(ISigner signer, Address vault, BigInteger amount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var plan = await PrepareStakeAsync(signer.Address, vault, amount, null, cancellationToken).ConfigureAwait(false);
        var execution = await _executor.SendAsync(plan, signer, cancellationToken: cancellationToken).ConfigureAwait(false);
        return DecodeDepositResult(execution.ActionReceipt, vault);
    }

    /// <summary>Decodes the vault's <c>Deposited</c> event from a receipt.</summary>
    /// <exception cref="EthereumFormatException">The receipt has no <c>Deposited</c> event of the vault.</exception>
    public virtual StakeWiseDepositResult DecodeDepositResult(TransactionReceipt receipt, Address vault)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        foreach (var log in receipt.Logs)
            if (EthVault.TryDecodeDepositedEvent(log, out var e, vault)) return new StakeWiseDepositResult(receipt, vault, e.Assets, e.Shares);
        throw new EthereumFormatException($"receipt {receipt.TransactionHash} has no Deposited event of StakeWise vault {vault}");
    }

    /// <summary>Vault shares → ETH as the exact fraction <c>totalAssets / totalShares</c> (1/1 for an empty vault).</summary>
    private ExchangeRate VaultRate(StakeWiseVaultInfo info) =>
        info.TotalShares.IsZero
            ? new ExchangeRate(VaultSharesToken(info.Address), StakingToken.Eth, BigInteger.One, BigInteger.One)
            : new ExchangeRate(VaultSharesToken(info.Address), StakingToken.Eth, info.TotalAssets, info.TotalShares);
}
