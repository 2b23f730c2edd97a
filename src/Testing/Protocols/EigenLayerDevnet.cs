using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Sdk.Contracts.EigenLayer;

namespace LiquidStake.Testing;

/// <summary>EigenLayer driver: typed wrappers, passing the withdrawal delay by mining, slashing as the AVS, and mock-token minting.</summary>
public sealed class EigenLayerDevnet
{
    /// <summary>1e18: a full slash in <see cref="SlashOperatorAsync"/>.</summary>
    public static readonly BigInteger Wad = BigInteger.Pow(10, 18);

    private readonly DevnetNode _node;

    internal EigenLayerDevnet(DevnetNode node)
    {
        _node = node;
        StrategyManager = new StrategyManager(DevnetAddresses.EigenLayer.StrategyManager, node.Rpc);
        DelegationManager = new DelegationManager(DevnetAddresses.EigenLayer.DelegationManager, node.Rpc);
        AllocationManager = new AllocationManager(DevnetAddresses.EigenLayer.AllocationManager, node.Rpc);
    }

    /// <summary>The strategy manager (deposits).</summary>
    public StrategyManager StrategyManager { get; }

    /// <summary>The delegation manager (delegation, withdrawals).</summary>
    public DelegationManager DelegationManager { get; }

    /// <summary>The allocation manager (operator sets, magnitudes, slashing).</summary>
    public AllocationManager AllocationManager { get; }

    /// <summary>
    /// Mines <c>minWithdrawalDelayBlocks()</c> + 1 blocks, so a withdrawal queued before becomes completable. The delay is
    /// the DelegationManager's constructor immutable: testnet-like (50) on the devnet, 100 800 on mainnet, where mining
    /// that many blocks with <c>anvil_mine</c> takes far too long for a test (it slows down with the count). Returns the blocks mined.
    /// </summary>
    public async Task<ulong> PassWithdrawalDelayAsync(CancellationToken cancellationToken = default)
    {
        var delay = await DelegationManager.MinWithdrawalDelayBlocksAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        ulong blocks = (ulong)delay + 1;
        await _node.MineAsync(blocks, cancellationToken: cancellationToken).ConfigureAwait(false);
        return blocks;
    }

    /// <summary>
    /// Slashes <paramref name="wadToSlash"/> (1e18 = 100 %) of <paramref name="operatorAddress"/>'s magnitude allocated to
    /// (<paramref name="avs"/>, <paramref name="operatorSetId"/>) for <paramref name="strategy"/>, as the AVS does: the real
    /// <c>AllocationManager.slashOperator</c> sent as the operator set's slasher (<c>getSlasher</c>), impersonated.
    /// Max magnitude drops by <c>ceil(allocated * wad / 1e18)</c>.
    /// </summary>
    public async Task<TransactionReceipt> SlashOperatorAsync(Address operatorAddress, Address avs, uint operatorSetId, Address strategy, BigInteger wadToSlash, CancellationToken cancellationToken = default)
    {
        if (wadToSlash.Sign <= 0 || wadToSlash > Wad) throw new LiquidStakeArgumentException(nameof(wadToSlash), "must be in (0, 1e18]", "1..1e18");
        var set = new OperatorSet(avs, operatorSetId);
        var slasher = await AllocationManager.GetSlasherAsync(set, cancellationToken: cancellationToken).ConfigureAwait(false);
        var request = AllocationManager.PrepareSlashOperator(avs, new SlashingParams(operatorAddress, operatorSetId, [strategy], [wadToSlash], "LiquidStake fork kit slash"));
        return await _node.SendAsPreservingBalanceAsync(slasher, request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Mints a devnet mock LST (cbETH, ETHx, ... — see chain/out/devnet.json <c>tokens[*].mock</c>) to <paramref name="to"/>.</summary>
    public Task<TransactionReceipt> MintMockTokenAsync(Address token, Address to, BigInteger amount, CancellationToken cancellationToken = default) =>
        _node.CallReplicaAdminAsync(token, "mint(address,uint256)", [to, amount], cancellationToken: cancellationToken);
}
