using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Signing;
using LiquidStake.IntegrationTests.Support;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Protocols.EigenLayer;
using LiquidStake.Sdk.Protocols.EtherFi;
using LiquidStake.Sdk.Protocols.Lido;
using LiquidStake.Sdk.Protocols.RocketPool;
using Microsoft.Extensions.DependencyInjection;

namespace LiquidStake.IntegrationTests.Services;

/// <summary>
/// Issue 11 item 6: a public method that delegates to another one reports errors under its own parameter names (not the
/// inner method's), and a refusal caused by protocol state is a <see cref="ProtocolStateException"/>, not an argument error.
/// </summary>
public sealed class CallerArgumentNamesDevnetTests(DevnetFixture fixture) : DevnetTest(fixture)
{
    private static readonly Address Empty = PrivateKeySigner.CreateRandom().Address;

    [Fact]
    public async Task Delegating_methods_blame_their_own_parameters()
    {
        await using var services = DevnetServices.Build(Node);
        var lido = services.GetRequiredService<LidoClient>();
        var rocketPool = services.GetRequiredService<RocketPoolClient>();
        var eigenLayer = services.GetRequiredService<EigenLayerClient>();

        // Wrap-all of an account without stETH: the caller gave no 'shares'; the account holds nothing.
        Assert.Equal("account", (await Assert.ThrowsAsync<InsufficientBalanceException>(() => lido.PrepareWrapAllAsync(Empty))).ParamName);
        Assert.Equal("account", (await Assert.ThrowsAsync<InsufficientBalanceException>(() => lido.PrepareTransferAllStEthAsync(Empty, Node.Accounts[1].Address))).ParamName);
        // The IInstantRedeemQuoter route names 'amount', as its signature does, not PrepareBurnAsync's 'rethAmount'.
        var reth = rocketPool.ReceiptTokens[0];
        Assert.Equal("amount", (await Assert.ThrowsAsync<InsufficientBalanceException>(() => rocketPool.PrepareInstantRedeemAsync(Empty, reth, EthUnits.ParseEther("1")))).ParamName);
        Assert.Equal("rethAmount", (await Assert.ThrowsAsync<InsufficientBalanceException>(() => rocketPool.PrepareBurnAsync(Empty, EthUnits.ParseEther("1")))).ParamName);
        // IStakingProvider's withdrawal request and claim on EigenLayer: 'amount' and 'withdrawals', not 'strategy'/'depositShares'/'roots'.
        var noShares = await Assert.ThrowsAsync<EigenLayerPreflightException>(() => eigenLayer.PrepareWithdrawalRequestAsync(Empty, EthUnits.ParseEther("1")));
        Assert.Equal(("StrategyNotFound", "amount"), (noShares.ErrorName, noShares.ParamName));
        var unknownRoot = WithdrawalId.ForRoot(ProtocolId.EigenLayer, Hash32.Parse("0x" + new string('7', 64)));
        var notQueued = await Assert.ThrowsAsync<EigenLayerPreflightException>(() => eigenLayer.PrepareClaimAsync(Empty, [unknownRoot]));
        Assert.Equal(("WithdrawalNotQueued", "withdrawals"), (notQueued.ErrorName, notQueued.ParamName));
        var direct = await Assert.ThrowsAsync<EigenLayerPreflightException>(() => eigenLayer.PrepareCompleteAsync(Empty, [unknownRoot.WithdrawalRoot!.Value]));
        Assert.Equal("roots", direct.ParamName);
    }

    [Fact]
    public async Task Delegation_state_is_a_protocol_state_exception_with_the_contract_error()
    {
        await using var services = DevnetServices.Build(Node);
        var eigenLayer = services.GetRequiredService<EigenLayerClient>();

        var notDelegated = await Assert.ThrowsAsync<EigenLayerStateException>(() => eigenLayer.PrepareUndelegateAsync(Empty));
        Assert.IsAssignableFrom<ProtocolStateException>(notDelegated);
        Assert.Equal("NotActivelyDelegated", notDelegated.ErrorName);
        Assert.Equal(ProtocolId.EigenLayer, notDelegated.Protocol);
    }

    [Fact]
    public async Task Too_few_rate_events_for_an_apr_is_a_protocol_state_not_an_argument()
    {
        await using var services = DevnetServices.Build(Node);
        var context = services.GetRequiredService<LiquidStakeContext>();
        await Node.MineAsync(3); // the last block holds no rebase or balance update

        var etherFi = new EtherFiClient(context, new EtherFiClientOptions { AprLookbackBlocks = 1 });
        var rocketPool = new RocketPoolClient(context, new RocketPoolClientOptions { AprLookbackBlocks = 1 });
        Assert.Equal(ProtocolId.EtherFi, (await Assert.ThrowsAsync<ProtocolStateException>(() => etherFi.GetAprAsync())).Protocol);
        Assert.Equal(ProtocolId.RocketPool, (await Assert.ThrowsAsync<ProtocolStateException>(() => rocketPool.GetAprAsync())).Protocol);
    }
}
