using System.Numerics;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.IntegrationTests.Support;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Protocols.EigenLayer;
using LiquidStake.Sdk.Protocols.EtherFi;
using LiquidStake.Sdk.Protocols.Lido;
using LiquidStake.Sdk.Withdrawals;

namespace LiquidStake.IntegrationTests.Services;

/// <summary>
/// The withdrawal ledger across a chain reorganisation: the newest blocks are replaced by empty ones at the same height
/// (a snapshot taken before them is restored and the chain mined back up; Anvil's own <c>anvil_reorg</c> does not roll
/// back state on a forked node). Requests that vanished are marked Dropped, the ones still on chain stay as they were.
/// </summary>
public sealed class LedgerReorgDevnetTests(DevnetFixture fixture) : DevnetTest(fixture)
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    [DevnetFact]
    public async Task Requests_removed_by_a_reorg_are_marked_dropped_and_survivors_stay_pending()
    {
        var context = new LiquidStakeContext(Node.Rpc, NetworkProfile.Devnet);
        var lido = new LidoClient(context);
        var etherFi = new EtherFiClient(context);
        var eigenLayer = new EigenLayerClient(context);
        var ledger = new InMemoryWithdrawalLedger([lido, etherFi, eigenLayer]);
        var user = Node.Accounts[6];

        // A request that survives: mined well before the reorg depth.
        await etherFi.DepositAsync(user, 2 * Ether);
        var survivor = await etherFi.RequestWithdrawalAsync(user, Ether, usePermit: false);
        await Node.MineAsync(5);
        var forkPoint = await Node.Rpc.GetBlockNumberAsync();
        var beforeReorg = await Node.SnapshotAsync();

        // Requests the reorg will remove: a Lido NFT and an EigenLayer withdrawal root.
        await lido.StakeAsync(user, 3 * Ether);
        var lidoRequest = await lido.RequestWithdrawalAsync(user, Ether);
        await eigenLayer.DepositAsync(user, NetworkProfile.Devnet.Lido!.StEth, Ether);
        var position = Assert.Single(await eigenLayer.GetStrategyPositionsAsync(user.Address));
        var queued = await eigenLayer.QueueWithdrawalAsync(user, position.Strategy, position.DepositShares);

        var recorded = await ledger.SyncAsync(user.Address);
        Assert.Equal(3, recorded.Count);
        Assert.All(recorded, e => Assert.Equal(LedgerEntryState.Pending, e.State));

        // Replace every block after the fork point with an empty one: same height, different blocks.
        var head = await Node.Rpc.GetBlockNumberAsync();
        var replacedHash = (await Node.Rpc.GetBlockByNumberAsync(BlockParameter.AtNumber(head)))!.Hash;
        await Node.RevertAsync(beforeReorg);
        await Node.MineAsync(head - forkPoint);
        Assert.Equal(head, await Node.Rpc.GetBlockNumberAsync());
        Assert.NotEqual(replacedHash, (await Node.Rpc.GetBlockByNumberAsync(BlockParameter.AtNumber(head)))!.Hash);

        var report = await ledger.RecheckAsync();
        Assert.Empty(report.Errors);
        var lidoId = WithdrawalId.ForRequest(ProtocolId.Lido, lidoRequest.Requests[0].RequestId);
        var rootId = WithdrawalId.ForRoot(ProtocolId.EigenLayer, queued.Withdrawals[0].Root);
        Assert.Equal(LedgerEntryState.Dropped, (await ledger.GetAsync(lidoId))!.State);
        Assert.Equal(LedgerEntryState.Dropped, (await ledger.GetAsync(rootId))!.State);
        Assert.True((await ledger.GetAsync(rootId))!.NeedsAttention);
        var kept = await ledger.GetAsync(WithdrawalId.ForRequest(ProtocolId.EtherFi, survivor.RequestId));
        Assert.Equal(LedgerEntryState.Pending, kept!.State);
        Assert.Equal(2, report.Dropped.Count);
        Assert.Contains(report.Dropped, e => e.Id == lidoId);
        Assert.Contains(report.Dropped, e => e.Id == rootId);
    }
}
