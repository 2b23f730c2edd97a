using System.CommandLine;
using System.Globalization;
using System.Numerics;
using LiquidStake.Cli.Infrastructure;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Sending;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Protocols.EigenLayer;
using LiquidStake.Sdk.Protocols.EtherFi;
using LiquidStake.Sdk.Protocols.Lido;
using LiquidStake.Sdk.Protocols.RocketPool;
using LiquidStake.Sdk.Protocols.StakeWise;

namespace LiquidStake.Cli.Commands;

/// <summary>
/// One connection to a chain for the protocol commands: the RPC client, the SDK context for the resolved network and
/// the four protocol clients (those the network has addresses for).
/// </summary>
internal sealed class StakingSession : IDisposable
{
    private readonly EthereumRpcClient? _ownedRpc;

    /// <summary>Builds a session over an existing client (the demo's devnet); the caller keeps ownership of it.</summary>
    public StakingSession(EthereumRpcClient rpc, NetworkProfile network, TransactionSender? sender, TimeProvider timeProvider)
        : this(rpc, network, sender, timeProvider, owned: false)
    {
    }

    private StakingSession(EthereumRpcClient rpc, NetworkProfile network, TransactionSender? sender, TimeProvider timeProvider, bool owned)
    {
        _ownedRpc = owned ? rpc : null;
        Rpc = rpc;
        Context = new LiquidStakeContext(rpc, network, sender, timeProvider: timeProvider);
        Lido = network.Lido is null ? null : new LidoClient(Context);
        RocketPool = network.RocketPool is null ? null : new RocketPoolClient(Context);
        EtherFi = network.EtherFi is null ? null : new EtherFiClient(Context);
        EigenLayer = network.EigenLayer is null ? null : new EigenLayerClient(Context);
        StakeWise = network.StakeWise is null ? null : new StakeWiseClient(Context);
        Providers = new IStakingProvider?[] { Lido, RocketPool, EtherFi, EigenLayer, StakeWise }.OfType<IStakingProvider>().ToArray();
        Executor = new PreparedTransactionExecutor(Context);
    }

    public EthereumRpcClient Rpc { get; }

    public LiquidStakeContext Context { get; }

    public NetworkProfile Network => Context.Network;

    public LidoClient? Lido { get; }

    public RocketPoolClient? RocketPool { get; }

    public EtherFiClient? EtherFi { get; }

    public EigenLayerClient? EigenLayer { get; }

    /// <summary>StakeWise (vaults, osETH, exit queue), or null where it is not deployed.</summary>
    public StakeWiseClient? StakeWise { get; }

    /// <summary>The providers available on this network, in the order Lido, Rocket Pool, ether.fi, EigenLayer, StakeWise.</summary>
    public IReadOnlyList<IStakingProvider> Providers { get; }

    /// <summary>Simulates and sends plans.</summary>
    public PreparedTransactionExecutor Executor { get; }

    /// <summary>
    /// Opens a session from the global options: <c>--rpc-url</c> (or the environment), else the detached devnet's URL when
    /// <c>--network devnet</c> is given. The network is <c>--network</c>, or guessed from the node's chain id.
    /// </summary>
    public static async Task<StakingSession> OpenAsync(CliContext context, ParseResult parseResult, CancellationToken cancellationToken)
    {
        string? networkName = parseResult.GetValue(context.Global.Network);
        var url = context.Global.ResolveRpcUrl(parseResult, context.Environment);
        if (url is null && string.Equals(networkName, "devnet", StringComparison.OrdinalIgnoreCase))
            url = DevnetPidFile.TryReadUrl();
        if (url is null)
            throw new CliUsageException("This command needs a node: give --rpc-url (or set LIQUIDSTAKE_RPC_URL), or start one with 'liquidstake devnet up --detach' and pass --network devnet.");

        var rpc = new EthereumRpcClient(new EthereumRpcClientOptions { Url = url, TimeProvider = context.Environment.TimeProvider });
        try
        {
            NetworkProfile network;
            if (networkName is not null)
            {
                network = NetworkProfile.FromName(networkName);
            }
            else
            {
                ulong chainId = await rpc.GetChainIdAsync(cancellationToken).ConfigureAwait(false);
                network = chainId switch
                {
                    1 => NetworkProfile.Mainnet,
                    560048 => NetworkProfile.Hoodi,
                    _ => throw new CliUsageException(string.Create(CultureInfo.InvariantCulture,
                        $"The node serves chain {chainId}, which has no built-in network profile; give --network.")),
                };
            }
            return new StakingSession(rpc, network, sender: null, context.Environment.TimeProvider, owned: true);
        }
        catch
        {
            rpc.Dispose();
            throw;
        }
    }

    /// <summary>The provider for a protocol name as typed on the command line (lido, rocketpool, etherfi, eigenlayer, stakewise and aliases).</summary>
    public IStakingProvider Provider(string name)
    {
        var id = ParseProtocol(name);
        return Providers.FirstOrDefault(p => p.Id == id)
            ?? throw new CliUsageException($"{id} is not deployed on {Network.Name}.");
    }

    /// <summary>Maps a typed protocol name to its id.</summary>
    public static ProtocolId ParseProtocol(string name)
    {
        string normalized = (name ?? string.Empty).Trim().ToUpperInvariant().Replace(".", string.Empty, StringComparison.Ordinal)
            .Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);
        return normalized switch
        {
            "LIDO" or "STETH" or "WSTETH" => ProtocolId.Lido,
            "ROCKETPOOL" or "RP" or "RETH" => ProtocolId.RocketPool,
            "ETHERFI" or "EETH" or "WEETH" => ProtocolId.EtherFi,
            "EIGENLAYER" or "EIGEN" or "EL" => ProtocolId.EigenLayer,
            "STAKEWISE" or "SW" or "OSETH" => ProtocolId.StakeWise,
            _ => throw new CliUsageException($"Unknown protocol '{name}': use lido, rocketpool, etherfi, eigenlayer or stakewise."),
        };
    }

    /// <summary>Parses an amount of a token with 18 decimals ("1.5" is 1.5e18 base units); never goes through floating point.</summary>
    public static BigInteger ParseAmount(string text, string what = "amount", bool allowZero = false)
    {
        BigInteger value;
        try
        {
            value = EthUnits.ParseEther((text ?? string.Empty).Trim());
        }
        catch (LiquidStakeArgumentException e)
        {
            throw new CliUsageException($"The {what} '{text}' is not a decimal number of ETH with at most 18 decimals (for example 1.5).", e);
        }
        if (value.Sign < 0 || (!allowZero && value.IsZero)) throw new CliUsageException($"The {what} must be greater than zero, got '{text}'.");
        return value;
    }

    /// <summary>Parses a 0x address (any case; a mixed-case address must have a valid checksum).</summary>
    public static Address ParseAddress(string text, string what = "address")
    {
        try
        {
            return Address.Parse((text ?? string.Empty).Trim());
        }
        catch (LiquidStakeException e)
        {
            throw new CliUsageException($"The {what} '{text}' is not a valid 0x address.", e);
        }
    }

    public void Dispose() => _ownedRpc?.Dispose();
}
