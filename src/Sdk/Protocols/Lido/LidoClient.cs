using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Multicall;
using LiquidStake.Ethereum.Transactions;
using LiquidStake.Sdk.Contracts.Lido;
using LiquidStake.Sdk.Services;

using LiquidStake.Sdk.Withdrawals;

namespace LiquidStake.Sdk.Protocols.Lido;

/// <summary>
/// Lido on Ethereum: stake ETH for stETH (rebasing, share-based), wrap to wstETH, request withdrawals through the
/// unstETH queue and claim them. Every amount follows Lido's integer rounding (lido.md §3); reads go through Multicall3.
/// Immutable and thread-safe.
/// </summary>
public partial class LidoClient : IStakingProvider, IBatchPositionReader, IWithdrawalRequestReader, IWithdrawalBatchLister, IQueuedWithdrawalQuoter, IStakedEtherReader, IWithdrawalWaitEstimator
{
    private readonly LidoAddresses _addresses = null!;

    /// <summary>For mocking only.</summary>
    protected LidoClient()
    {
        Context = null!;
        Options = new LidoClientOptions();
        StEth = null!;
        WstEth = null!;
        WithdrawalQueue = null!;
        Executor = null!;
        StEthToken = null!;
        WstEthToken = null!;
        ReceiptTokens = [];
    }

    /// <summary>Creates a client on <paramref name="context"/>'s network.</summary>
    /// <exception cref="LiquidStakeArgumentException">The network has no Lido addresses and none were given.</exception>
    public LidoClient(LiquidStakeContext context, LidoClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        Options = options ?? new LidoClientOptions();
        _addresses = Options.Addresses ?? context.Network.Lido
            ?? throw new LiquidStakeArgumentException(nameof(context), $"the network '{context.Network.Name}' has no Lido deployment", "a network with Lido addresses");
        Context = context.WithRevertDecoders(
            data => StEth.TryDecodeError(data, out var e) ? e : null,
            data => WithdrawalQueueErc721.TryDecodeError(data, out var e) ? e : null,
            data => Contracts.Lido.WstEth.TryDecodeError(data, out var e) ? e : null);
        StEth = new StEth(_addresses.StEth, Context.Rpc);
        WstEth = new WstEth(_addresses.WstEth, Context.Rpc);
        WithdrawalQueue = new WithdrawalQueueErc721(_addresses.WithdrawalQueue, Context.Rpc);
        Executor = new PreparedTransactionExecutor(Context);
        StEthToken = new StakingToken("stETH", "Liquid staked Ether 2.0", _addresses.StEth, 18, TokenAccounting.Rebasing);
        WstEthToken = new StakingToken("wstETH", "Wrapped liquid staked Ether 2.0", _addresses.WstEth, 18, TokenAccounting.ExchangeRate);
        ReceiptTokens = [StEthToken, WstEthToken];
    }

    /// <summary>The context (with Lido's revert decoders registered).</summary>
    public virtual LiquidStakeContext Context { get; }

    /// <summary>The settings.</summary>
    public virtual LidoClientOptions Options { get; }

    /// <summary>The stETH (Lido) contract.</summary>
    public virtual StEth StEth { get; }

    /// <summary>The wstETH contract.</summary>
    public virtual WstEth WstEth { get; }

    /// <summary>The withdrawal queue (unstETH).</summary>
    public virtual WithdrawalQueueErc721 WithdrawalQueue { get; }

    /// <summary>Sends and simulates the prepared plans.</summary>
    public virtual PreparedTransactionExecutor Executor { get; }

    /// <inheritdoc/>
    public virtual ProtocolId Id => ProtocolId.Lido;

    /// <inheritdoc/>
    public virtual string DisplayName => "Lido";

    /// <inheritdoc/>
    public virtual StakingCapabilities Capabilities =>
        StakingCapabilities.StakeEth | StakingCapabilities.Wrap | StakingCapabilities.Unwrap | StakingCapabilities.QueuedWithdrawal | StakingCapabilities.Permit;

    /// <inheritdoc/>
    public virtual StakingToken StakeToken => StakingToken.Eth;

    /// <summary>stETH.</summary>
    public virtual StakingToken StEthToken { get; }

    /// <summary>wstETH.</summary>
    public virtual StakingToken WstEthToken { get; }

    /// <inheritdoc/>
    public virtual IReadOnlyList<StakingToken> ReceiptTokens { get; }

    private PreparedTransaction Plan(string description, IReadOnlyList<TransactionStep> steps) => new(Id, description, steps);

    private static TransactionStep Action(string description, TransactionRequest request) => new(TransactionStepKind.Action, description, request);

    private static string Eth(BigInteger wei) => EthUnits.FormatEther(wei);

    private static MulticallCall Call(Address target, byte[] data) => new(target, data);

    private async Task<IReadOnlyList<byte[]>> ReadAsync(CancellationToken cancellationToken, params MulticallCall[] calls) =>
        await BatchReads.ReadAsync(Context, calls, cancellationToken).ConfigureAwait(false);
}
