using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.HdWallet;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Ethereum.Transactions;
using LiquidStake.Sdk.Contracts.StakeWise;

namespace LiquidStake.Testing;

/// <summary>
/// StakeWise V3's off-chain actors on a devnet or a mainnet fork: the Keeper's oracles (reward updates signed over the
/// real EIP-712 message and Merkle tree, then vault harvests with <c>updateState</c>), the beacon chain (validator exits
/// whose ETH reaches the vault without a transaction) and the vault admins. Role holders come from the contracts:
/// <c>Keeper.owner()</c>, <c>Keeper.isOracle</c>, <c>rewardsMinOracles()</c>, <c>vault.admin()</c>. The oracle keys are
/// the kit's own (the test mnemonic from index <see cref="FirstOracleKeyIndex"/>); where they are not oracles yet (a
/// mainnet fork) the real Keeper owner is impersonated and adds them with the real <c>addOracle</c>, as the DAO would.
/// </summary>
public sealed partial class StakeWiseDevnet
{
    /// <summary>The mnemonic index of the kit's first oracle key (the devnet deploy registers indexes 10, 11 and 12).</summary>
    public const int FirstOracleKeyIndex = 10;

    /// <summary>The most oracles the Keeper accepts (<c>KeeperOracles._maxOracles</c>).</summary>
    public const int MaxOracles = 30;

    private static readonly BigInteger s_gasTopUp = BigInteger.Pow(10, 18);
    private readonly DevnetNode _node;

    internal StakeWiseDevnet(DevnetNode node)
    {
        _node = node;
        Keeper = new Keeper(DevnetAddresses.StakeWise.Keeper, node.Rpc);
        VaultsRegistry = new VaultsRegistry(DevnetAddresses.StakeWise.VaultsRegistry, node.Rpc);
        OsToken = new OsToken(DevnetAddresses.StakeWise.OsToken, node.Rpc);
        OsTokenVaultController = new OsTokenVaultController(DevnetAddresses.StakeWise.OsTokenVaultController, node.Rpc);
        OsTokenConfig = new OsTokenConfig(DevnetAddresses.StakeWise.OsTokenConfig, node.Rpc);
        PriceFeed = new PriceFeed(DevnetAddresses.StakeWise.PriceFeed, node.Rpc);
    }

    /// <summary>The Keeper (oracles, reward updates, harvests).</summary>
    public Keeper Keeper { get; }

    /// <summary>The vaults registry.</summary>
    public VaultsRegistry VaultsRegistry { get; }

    /// <summary>osETH.</summary>
    public OsToken OsToken { get; }

    /// <summary>The osETH vault controller.</summary>
    public OsTokenVaultController OsTokenVaultController { get; }

    /// <summary>The osETH config (per-vault LTV).</summary>
    public OsTokenConfig OsTokenConfig { get; }

    /// <summary>The osETH/ETH price feed.</summary>
    public PriceFeed PriceFeed { get; }

    /// <summary>A wrapper for the vault at <paramref name="vault"/>.</summary>
    public EthVault Vault(Address vault) => new(vault, _node.Rpc);

    /// <summary>
    /// Every vault the registry has added (its <c>VaultAdded</c> logs), in the order added, still registered
    /// (<c>vaults(addr)</c>).
    /// </summary>
    public async Task<IReadOnlyList<Address>> GetVaultsAsync(CancellationToken cancellationToken = default)
    {
        var logs = await _node.Rpc.GetLogsAsync(VaultsRegistry.CreateVaultAddedFilter(), BlockParameter.AtNumber(0), BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
        var vaults = new List<Address>();
        foreach (var log in logs)
        {
            if (!VaultsRegistry.TryDecodeVaultAddedEvent(log, out var added, VaultsRegistry.Address) || vaults.Contains(added.Vault)) continue;
            if (await VaultsRegistry.VaultsAsync(added.Vault, cancellationToken: cancellationToken).ConfigureAwait(false)) vaults.Add(added.Vault);
        }
        return vaults;
    }

    /// <summary>The Keeper's owner (the DAO on mainnet, the replicas' admin on the devnet): <c>Keeper.owner()</c>.</summary>
    public Task<Address> GetKeeperOwnerAsync(CancellationToken cancellationToken = default) =>
        Keeper.OwnerAsync(cancellationToken: cancellationToken);

    /// <summary>The admin of <paramref name="vault"/>: <c>vault.admin()</c>.</summary>
    public Task<Address> GetVaultAdminAsync(Address vault, CancellationToken cancellationToken = default) =>
        Vault(vault).AdminAsync(cancellationToken: cancellationToken);

    /// <summary>Sends <paramref name="request"/> as the admin of <paramref name="vault"/> (impersonated; topped up for gas when it has less than 1 ETH).</summary>
    public async Task<TransactionReceipt> SendAsVaultAdminAsync(Address vault, TransactionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await SendAsHolderAsync(await GetVaultAdminAsync(vault, cancellationToken).ConfigureAwait(false), request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The addresses of the kit's first <paramref name="count"/> oracle keys (test mnemonic from <see cref="FirstOracleKeyIndex"/>).</summary>
    public static IReadOnlyList<Address> GetOracleKeyAddresses(int count)
    {
        var keys = DeriveOracleKeys(count);
        try
        {
            return keys.Select(k => k.Address).ToArray();
        }
        finally
        {
            foreach (var key in keys) key.Dispose();
        }
    }

    /// <summary>
    /// Makes sure <c>rewardsMinOracles()</c> of the kit's oracle keys are Keeper oracles: each missing one is added by
    /// the Keeper owner (impersonated) through the real <c>addOracle</c>. Returns the <c>addOracle</c> receipts (none on
    /// the devnet, where the deploy registered them).
    /// </summary>
    /// <exception cref="LiquidStakeException">The Keeper needs no signatures (rewardsMinOracles 0), or adding the keys would exceed 30 oracles.</exception>
    public async Task<IReadOnlyList<TransactionReceipt>> EnsureOraclesAsync(CancellationToken cancellationToken = default)
    {
        int needed = await RequiredSignaturesAsync(cancellationToken).ConfigureAwait(false);
        var missing = new List<Address>();
        foreach (var oracle in GetOracleKeyAddresses(needed))
        {
            if (!await Keeper.IsOracleAsync(oracle, cancellationToken: cancellationToken).ConfigureAwait(false)) missing.Add(oracle);
        }
        if (missing.Count == 0) return [];
        var total = await Keeper.TotalOraclesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        if (total + missing.Count > MaxOracles)
            throw new LiquidStakeException($"The Keeper has {total} oracles; adding the kit's {missing.Count} keys would exceed its maximum of {MaxOracles}.");
        var owner = await GetKeeperOwnerAsync(cancellationToken).ConfigureAwait(false);
        var receipts = new List<TransactionReceipt>();
        foreach (var oracle in missing)
            receipts.Add(await SendAsHolderAsync(owner, Keeper.PrepareAddOracle(oracle), cancellationToken).ConfigureAwait(false));
        return receipts;
    }

    private async Task<int> RequiredSignaturesAsync(CancellationToken cancellationToken)
    {
        var min = await Keeper.RewardsMinOraclesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        if (min.Sign <= 0 || min > MaxOracles) throw new LiquidStakeException($"The Keeper's rewardsMinOracles is {min}; expected 1 to {MaxOracles}.");
        return (int)min;
    }

    private static PrivateKeySigner[] DeriveOracleKeys(int count)
    {
        if (count < 1 || count > MaxOracles) throw new LiquidStakeArgumentException(nameof(count), "is out of range", $"1 to {MaxOracles}");
        byte[] seed = Mnemonic.ToSeed(AnvilOptions.TestMnemonic);
        try
        {
            var keys = new PrivateKeySigner[count];
            for (int i = 0; i < count; i++) keys[i] = Bip44.DeriveSigner(seed, (uint)(FirstOracleKeyIndex + i));
            return keys;
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(seed);
        }
    }

    /// <summary>Sends as <paramref name="holder"/> (impersonated; topped up for gas only when it has less than 1 ETH).</summary>
    private async Task<TransactionReceipt> SendAsHolderAsync(Address holder, TransactionRequest request, CancellationToken cancellationToken)
    {
        var balance = await _node.Rpc.GetBalanceAsync(holder, cancellationToken: cancellationToken).ConfigureAwait(false);
        BigInteger? fund = balance < s_gasTopUp ? balance + s_gasTopUp : null;
        return await _node.SendAsAsync(holder, request, fund, cancellationToken).ConfigureAwait(false);
    }
}
