using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Signing;
using LiquidStake.IntegrationTests.Support;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Contracts.Common;
using LiquidStake.Sdk.Contracts.EigenLayer;
using LiquidStake.Sdk.Protocols.EigenLayer;
using LiquidStake.Sdk.Protocols.Lido;

namespace LiquidStake.IntegrationTests.EigenLayer;

/// <summary>EigenLayer tests on the shared devnet: a fresh context and client per test (nonce caches never survive a revert).</summary>
public abstract class EigenLayerTestBase(DevnetFixture fixture) : DevnetTest(fixture)
{
    protected static readonly BigInteger Ether = BigInteger.Pow(10, 18);
    protected static readonly Address StEth = NetworkProfile.Devnet.Lido!.StEth;
    protected static readonly Address REth = NetworkProfile.Devnet.RocketPool!.REth;
    protected static readonly Address StEthStrategy = NetworkProfile.Devnet.EigenLayer!.StrategiesByToken[StEth];
    protected static readonly Address REthStrategy = NetworkProfile.Devnet.EigenLayer!.StrategiesByToken[REth];
    protected static readonly Address StrategyManagerAddress = NetworkProfile.Devnet.EigenLayer!.StrategyManager;
    protected static readonly Address DelegationManagerAddress = NetworkProfile.Devnet.EigenLayer!.DelegationManager;
    protected static readonly Address AllocationManagerAddress = NetworkProfile.Devnet.EigenLayer!.AllocationManager;

    private EigenLayerClient? _client;
    private LiquidStakeContext? _context;

    protected LiquidStakeContext Context => _context ??= new LiquidStakeContext(Node.Rpc, NetworkProfile.Devnet);

    protected EigenLayerClient Client => _client ??= new EigenLayerClient(Context);

    protected EthereumRpcClient Rpc => Node.Rpc;

    protected PrivateKeySigner User => Node.Accounts[1];

    protected Erc20 Token(Address token) => new(token, Rpc);

    protected StrategyBaseTvlLimits Strategy(Address strategy) => new(strategy, Rpc);

    protected DelegationManager Delegation => new(DelegationManagerAddress, Rpc);

    protected StrategyManager StrategyManager => new(StrategyManagerAddress, Rpc);

    /// <summary>Stakes <paramref name="wei"/> with Lido for <paramref name="signer"/> and returns its stETH balance.</summary>
    protected async Task<BigInteger> GetStEthAsync(ISigner signer, BigInteger wei, LiquidStakeContext? context = null)
    {
        await new LidoClient(context ?? Context).StakeAsync(signer, wei);
        return await Token(StEth).BalanceOfAsync(signer.Address);
    }

    protected Task<ulong> NonceAsync(Address account) => Rpc.GetTransactionCountAsync(account, BlockParameter.Latest);

    /// <summary>A deadline in the future for both the wall clock (the SDK's pre-flight) and the chain's timestamp.</summary>
    protected async Task<DateTimeOffset> FutureDeadlineAsync(TimeSpan ahead)
    {
        var chain = DateTimeOffset.FromUnixTimeSeconds((long)await Node.GetBlockTimestampAsync());
        var wall = DateTimeOffset.UtcNow;
        return (chain > wall ? chain : wall) + ahead;
    }

    /// <summary>The first devnet operator anyone may delegate to.</summary>
    protected async Task<Address> OpenOperatorAsync() => (await Client.GetOperatorsAsync()).First(o => !o.RequiresApproval).Operator;
}

/// <summary>A clock fixed at one instant, for deterministic estimates.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
