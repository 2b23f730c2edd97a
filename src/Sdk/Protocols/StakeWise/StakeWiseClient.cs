using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Sdk.Contracts.StakeWise;
using LiquidStake.Sdk.Services;
using LiquidStake.Sdk.Withdrawals;

namespace LiquidStake.Sdk.Protocols.StakeWise;

/// <summary>
/// StakeWise V3: stake ETH in vaults (Genesis by default) for vault shares, mint osETH against them within the vault's
/// LTV, burn it, leave through the vault's exit queue and claim, read the vault directory, rates, APRs and positions.
/// Every write is checked first so that nothing is sent that the vault would revert. Immutable and thread-safe.
/// </summary>
public partial class StakeWiseClient : IStakingProvider, IBatchPositionReader, IWithdrawalRequestReader, IStakedEtherReader, IOperatorStakeReader
{
    private readonly LiquidStakeContext _context = null!;
    private readonly StakeWiseAddresses _addresses = null!;
    private readonly PreparedTransactionExecutor _executor = null!;

    /// <summary>For mocking only.</summary>
    protected StakeWiseClient() => Options = new StakeWiseClientOptions();

    /// <summary>Creates a client over a context whose network profile has StakeWise addresses.</summary>
    /// <exception cref="LiquidStakeArgumentException">The network profile has no StakeWise addresses.</exception>
    public StakeWiseClient(LiquidStakeContext context, StakeWiseClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        _addresses = context.Network.StakeWise
            ?? throw new LiquidStakeArgumentException(nameof(context), $"the network profile '{context.Network.Name}' has no StakeWise addresses");
        Options = options ?? new StakeWiseClientOptions();
        AddressArguments.RequireNonZero(Options.DefaultVault, nameof(options));
        _context = context.WithRevertDecoders(
            static data => EthVault.TryDecodeError(data, out var e) ? e : null,
            static data => Keeper.TryDecodeError(data, out var e) ? e : null,
            static data => OsTokenVaultController.TryDecodeError(data, out var e) ? e : null,
            static data => OsTokenConfig.TryDecodeError(data, out var e) ? e : null,
            static data => VaultsRegistry.TryDecodeError(data, out var e) ? e : null);
        _executor = new PreparedTransactionExecutor(_context);
        OsEth = new StakingToken("osETH", "Staked ETH (StakeWise osETH)", _addresses.OsToken, 18, TokenAccounting.ExchangeRate);
        DefaultVault = Options.DefaultVault ?? _addresses.GenesisVault;
    }

    /// <summary>The client's settings.</summary>
    public virtual StakeWiseClientOptions Options { get; }

    /// <summary>The network's StakeWise contracts.</summary>
    public virtual StakeWiseAddresses Addresses => _addresses;

    /// <summary>The vault the <see cref="IStakingProvider"/> members use (the Genesis vault unless configured).</summary>
    public virtual Address DefaultVault { get; }

    /// <summary>The context this client uses (with StakeWise's revert decoders).</summary>
    public virtual LiquidStakeContext Context => _context;

    /// <summary>The executor used by the convenience methods.</summary>
    public virtual PreparedTransactionExecutor Executor => _executor;

    /// <inheritdoc/>
    public virtual ProtocolId Id => ProtocolId.StakeWise;

    /// <inheritdoc/>
    public virtual string DisplayName => "StakeWise";

    /// <summary>Stake ETH into a vault; leave through the vault's exit queue.</summary>
    public virtual StakingCapabilities Capabilities => StakingCapabilities.StakeEth | StakingCapabilities.QueuedWithdrawal;

    /// <inheritdoc/>
    public virtual StakingToken StakeToken => StakingToken.Eth;

    /// <summary>osETH, minted against vault shares.</summary>
    public virtual StakingToken OsEth { get; } = null!;

    /// <summary>osETH and the default vault's shares (each vault has its own, non-transferable shares; see <see cref="VaultSharesToken"/>).</summary>
    public virtual IReadOnlyList<StakingToken> ReceiptTokens => [OsEth, VaultSharesToken(DefaultVault)];

    /// <summary>The shares of one vault, as a token: not an ERC-20, priced by the vault's <c>totalAssets / totalShares</c>.</summary>
    public virtual StakingToken VaultSharesToken(Address vault)
    {
        bool genesis = vault == _addresses.GenesisVault;
        var symbol = genesis ? "sw-genesis" : $"sw-{vault.ToString()[..10]}";
        var name = genesis ? "StakeWise Genesis vault shares" : $"StakeWise vault {vault} shares";
        return new StakingToken(symbol, name, vault, 18, TokenAccounting.ExchangeRate);
    }

    private EthVault Vault(Address vault) => new(vault, _context.Rpc);

    private static string Describe(BigInteger wei) => EthUnits.FormatEther(wei);
}
