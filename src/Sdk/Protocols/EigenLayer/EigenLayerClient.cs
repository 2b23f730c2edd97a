using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Sdk.Contracts.EigenLayer;
using LiquidStake.Sdk.Services;
using LiquidStake.Sdk.Withdrawals;

namespace LiquidStake.Sdk.Protocols.EigenLayer;

/// <summary>
/// EigenLayer restaking for stakers: deposit LSTs into strategies, delegate to operators, queue and complete
/// withdrawals, read slashing-aware positions and the operator directory. Immutable and thread-safe.
/// </summary>
public partial class EigenLayerClient : IStakingProvider, IBatchPositionReader, ITokenDepositor, IWithdrawalRequestReader, IWithdrawalWaitEstimator, IWithdrawalBatchLister
{
    private static readonly BigInteger Wad = BigInteger.Pow(10, 18);

    // Mainnet LSTs whose strategies eigenlayer.md §1.2 lists, for naming the tokens of the network profile's strategy map.

    private static readonly Address CbEthMainnet = Address.Parse("0xBe9895146f7AF43049ca1c1AE358B0541Ea49704");

    private static readonly Address EthxMainnet = Address.Parse("0xA35b1B31Ce002FBF2058D22F30f95D405200A15b");

    private readonly LiquidStakeContext _context = null!;

    private readonly EigenLayerAddresses _addresses = null!;

    private readonly EigenLayerClientOptions _options = null!;

    private readonly PreparedTransactionExecutor _executor = null!;

    /// <summary>For mocking only.</summary>
    protected EigenLayerClient() { }

    /// <summary>Creates a client over a context whose network profile has EigenLayer addresses.</summary>
    public EigenLayerClient(LiquidStakeContext context, EigenLayerClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        _addresses = context.Network.EigenLayer ?? throw new LiquidStakeArgumentException(nameof(context), $"network '{context.Network.Name}' has no EigenLayer addresses");
        _context = context.WithRevertDecoders(
            DecodeWith(DelegationManager.TryDecodeError), DecodeWith(StrategyManager.TryDecodeError),
            DecodeWith(StrategyBaseTvlLimits.TryDecodeError), DecodeWith(AllocationManager.TryDecodeError), DecodeWith(StrategyFactory.TryDecodeError));
        _options = options ?? new EigenLayerClientOptions();
        _executor = new PreparedTransactionExecutor(_context);
        DepositTokens = _addresses.StrategiesByToken.Keys.Select(t => DescribeToken(context.Network, t)).ToArray();
        var defaultToken = _options.DefaultToken ?? context.Network.Lido?.StEth
            ?? (_addresses.StrategiesByToken.Count > 0 ? _addresses.StrategiesByToken.Keys.First()
                : throw new LiquidStakeArgumentException(nameof(options), $"network '{context.Network.Name}' has neither Lido stETH nor a strategy token; set {nameof(EigenLayerClientOptions.DefaultToken)}"));
        StakeToken = DescribeToken(context.Network, defaultToken);
        StrategySharesToken = new StakingToken($"EL-{StakeToken.Symbol}", $"EigenLayer {StakeToken.Symbol} strategy shares", _addresses.StrategiesByToken.TryGetValue(defaultToken, out var s) ? s : Address.Zero, 18, TokenAccounting.StrategyShares);
    }

    /// <summary>
    /// Names a token of the strategy map: stETH and rETH from the network's Lido and Rocket Pool addresses, cbETH and
    /// ETHx by their mainnet addresses; any other token as "LST-0x1234abcd" (exchange-rate accounting assumed).
    /// </summary>
    private static StakingToken DescribeToken(NetworkProfile network, Address token)
    {
        if (network.Lido?.StEth == token) return new StakingToken("stETH", "Liquid staked Ether 2.0", token, 18, TokenAccounting.Rebasing);
        if (network.RocketPool?.REth == token) return new StakingToken("rETH", "Rocket Pool ETH", token, 18, TokenAccounting.ExchangeRate);
        if (network.ChainId == 1 && token == CbEthMainnet) return new StakingToken("cbETH", "Coinbase Wrapped Staked ETH", token, 18, TokenAccounting.ExchangeRate);
        if (network.ChainId == 1 && token == EthxMainnet) return new StakingToken("ETHx", "Stader ETHx", token, 18, TokenAccounting.ExchangeRate);
        return new StakingToken($"LST-{token.ToString()[..10]}", $"Liquid staking token {token}", token, 18, TokenAccounting.ExchangeRate);
    }

    /// <summary>"stETH" for a known deposit token, "token 0x…" otherwise: how messages name a token.</summary>
    private string TokenLabel(Address token) => DepositTokens.FirstOrDefault(t => t.Address == token) is { } known ? known.Symbol : $"token {token}";

    private delegate bool TryDecode(ReadOnlySpan<byte> data, out Ethereum.Contracts.ContractRevertException? exception);

    private static RevertDataDecoder DecodeWith(TryDecode decoder) => data => decoder(data, out var ex) ? ex : null;

    /// <inheritdoc/>
    public virtual ProtocolId Id => ProtocolId.EigenLayer;

    /// <inheritdoc/>
    public virtual string DisplayName => "EigenLayer";

    /// <inheritdoc/>
    public virtual StakingCapabilities Capabilities => StakingCapabilities.DepositToken | StakingCapabilities.QueuedWithdrawal | StakingCapabilities.Delegation;

    /// <inheritdoc/>
    public virtual StakingToken StakeToken { get; } = null!;

    /// <summary>The strategy shares of the default LST's strategy.</summary>
    public virtual StakingToken StrategySharesToken { get; } = null!;

    /// <inheritdoc/>
    public virtual IReadOnlyList<StakingToken> ReceiptTokens => [StrategySharesToken];

    /// <inheritdoc/>
    /// <remarks>The tokens of the network profile's <see cref="EigenLayerAddresses.StrategiesByToken"/> (stETH, rETH, cbETH, ETHx on mainnet).</remarks>
    public virtual IReadOnlyList<StakingToken> DepositTokens { get; } = [];

    /// <summary>The context this client uses (with EigenLayer's revert decoders).</summary>
    public virtual LiquidStakeContext Context => _context;

    /// <summary>The executor used by the convenience methods.</summary>
    public virtual PreparedTransactionExecutor Executor => _executor;

    private DelegationManager Delegation => new(_addresses.DelegationManager, _context.Rpc);

    private StrategyManager Strategies => new(_addresses.StrategyManager, _context.Rpc);

    private AllocationManager Allocations => new(_addresses.AllocationManager, _context.Rpc);

    /// <summary>The strategy for <paramref name="token"/>: the network profile's map, else <c>StrategyFactory.deployedStrategies(token)</c>.</summary>
    /// <exception cref="EigenLayerPreflightException">No strategy exists for the token.</exception>
    public virtual async Task<Address> GetStrategyAsync(Address token, CancellationToken cancellationToken = default)
    {
        if (_addresses.StrategiesByToken.TryGetValue(token, out var known)) return known;
        var deployed = await new StrategyFactory(_addresses.StrategyFactory, _context.Rpc).DeployedStrategiesAsync(token, null, cancellationToken).ConfigureAwait(false);
        if (deployed == Address.Zero) throw new EigenLayerPreflightException("StrategyNotWhitelisted", nameof(token), $"no EigenLayer strategy exists for token {token}");
        return deployed;
    }
}
