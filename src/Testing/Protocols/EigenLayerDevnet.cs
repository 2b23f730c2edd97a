using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Sdk.Contracts.EigenLayer;

namespace LiquidStake.Testing;

/// <summary>EigenLayer on the devnet: typed wrappers, the withdrawal delay, operator slashing and mock-token minting.</summary>
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

    /// <summary><c>devnetSetMinWithdrawalDelayBlocks</c>: shortens the mainnet 100 800-block delay (it applies to queued withdrawals too).</summary>
    public Task<TransactionReceipt> SetMinWithdrawalDelayBlocksAsync(uint blocks, CancellationToken cancellationToken = default) =>
        _node.CallReplicaAdminAsync(DevnetAddresses.EigenLayer.DelegationManager, "devnetSetMinWithdrawalDelayBlocks(uint32)", [blocks], cancellationToken: cancellationToken);

    /// <summary>
    /// Mines the current <c>minWithdrawalDelayBlocks</c> (+1) so a withdrawal queued before becomes completable. Set a short
    /// delay first with <see cref="SetMinWithdrawalDelayBlocksAsync"/>: Anvil mines 100 800 blocks only slowly. Returns the blocks mined.
    /// </summary>
    public async Task<ulong> PassWithdrawalDelayAsync(CancellationToken cancellationToken = default)
    {
        var delay = await DelegationManager.MinWithdrawalDelayBlocksAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        ulong blocks = (ulong)delay + 1;
        await _node.MineAsync(blocks, cancellationToken: cancellationToken).ConfigureAwait(false);
        return blocks;
    }

    /// <summary>
    /// <c>devnetSlashOperator</c>: slashes <paramref name="wadToSlash"/> (1e18 = 100 %) of <paramref name="operatorAddress"/>'s
    /// magnitude allocated to (<paramref name="avs"/>, <paramref name="operatorSetId"/>) for <paramref name="strategy"/>;
    /// max magnitude drops by <c>ceil(allocated * wad / 1e18)</c>.
    /// </summary>
    public Task<TransactionReceipt> SlashOperatorAsync(Address operatorAddress, Address avs, uint operatorSetId, Address strategy, BigInteger wadToSlash, CancellationToken cancellationToken = default)
    {
        if (wadToSlash.Sign <= 0 || wadToSlash > Wad) throw new LiquidStakeArgumentException(nameof(wadToSlash), "must be in (0, 1e18]", "1..1e18");
        return _node.CallReplicaAdminAsync(DevnetAddresses.EigenLayer.AllocationManager, "devnetSlashOperator(address,address,uint32,address,uint256)",
            [operatorAddress, avs, operatorSetId, strategy, wadToSlash], cancellationToken: cancellationToken);
    }

    /// <summary>Mints a devnet mock LST (cbETH, ETHx, ... — see chain/out/devnet.json <c>tokens[*].mock</c>) to <paramref name="to"/>.</summary>
    public Task<TransactionReceipt> MintMockTokenAsync(Address token, Address to, BigInteger amount, CancellationToken cancellationToken = default) =>
        _node.CallReplicaAdminAsync(token, "mint(address,uint256)", [to, amount], cancellationToken: cancellationToken);
}
