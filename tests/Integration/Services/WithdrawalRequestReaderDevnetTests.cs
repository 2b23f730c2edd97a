using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Signing;
using LiquidStake.IntegrationTests.Support;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Protocols.EtherFi;
using LiquidStake.Sdk.Protocols.Lido;
using LiquidStake.Sdk.Withdrawals;

namespace LiquidStake.IntegrationTests.Services;

/// <summary>
/// <see cref="IWithdrawalRequestReader"/> on Lido and ether.fi: a request read by id equals its entry in the owner's
/// listing, through pending, claimable and claimed; unknown ids and other owners read as null.
/// </summary>
public sealed class WithdrawalRequestReaderDevnetTests(DevnetFixture fixture) : DevnetTest(fixture)
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    private PrivateKeySigner User => Node.Accounts[1];

    private PrivateKeySigner Other => Node.Accounts[2];

    private async Task AssertSameAsListingAsync(IStakingProvider provider, WithdrawalId id, WithdrawalStatus expected)
    {
        var reader = (IWithdrawalRequestReader)provider;
        var byId = await reader.GetWithdrawalRequestAsync(User.Address, id);
        Assert.NotNull(byId);
        Assert.Equal(expected, byId.Status);
        var listed = (await provider.GetWithdrawalRequestsAsync(User.Address)).Single(r => r.Id == id);
        Assert.Equal(listed, byId);
    }

    [DevnetFact]
    public async Task Lido_request_by_id_equals_the_listing_then_reports_claimed()
    {
        var lido = new LidoClient(new LiquidStakeContext(Node.Rpc, NetworkProfile.Devnet));
        await lido.StakeAsync(User, 3 * Ether);
        var request = await lido.RequestWithdrawalAsync(User, Ether);
        var id = Assert.Single(request.RequestIds);

        await AssertSameAsListingAsync(lido, id, WithdrawalStatus.Pending);
        Assert.Null(await lido.GetWithdrawalRequestAsync(Other.Address, id));
        var next = WithdrawalId.ForRequest(ProtocolId.Lido, id.RequestId!.Value + 1);
        Assert.Null(await lido.GetWithdrawalRequestAsync(User.Address, next));
        Assert.Null(await lido.GetWithdrawalRequestAsync(User.Address, WithdrawalId.ForRequest(ProtocolId.Lido, BigInteger.Zero)));

        await Node.Lido.FinalizeWithdrawalsAsync(id.RequestId.Value);
        await AssertSameAsListingAsync(lido, id, WithdrawalStatus.Claimable);

        var claim = await lido.ClaimAsync(User, [id]);
        Assert.Equal(Ether, request.TotalStEth);
        var claimed = await lido.GetWithdrawalRequestAsync(User.Address, id);
        Assert.NotNull(claimed);
        Assert.Equal(WithdrawalStatus.Claimed, claimed.Status);
        Assert.Equal(request.Requests[0].AmountOfStEth, claimed.AmountRequested);
        Assert.Equal(BigInteger.Zero, claimed.AmountClaimable);
        Assert.True(claim.TotalEth.Sign > 0);
    }

    [DevnetFact]
    public async Task EtherFi_request_by_id_equals_the_listing_and_a_claimed_one_keeps_its_requested_amount()
    {
        var etherFi = new EtherFiClient(new LiquidStakeContext(Node.Rpc, NetworkProfile.Devnet));
        await etherFi.DepositAsync(User, 3 * Ether);
        var request = await etherFi.RequestWithdrawalAsync(User, Ether + 12345, usePermit: false);

        await AssertSameAsListingAsync(etherFi, request.Id, WithdrawalStatus.Pending);
        Assert.Null(await etherFi.GetWithdrawalRequestAsync(Other.Address, request.Id));
        var next = WithdrawalId.ForRequest(ProtocolId.EtherFi, request.RequestId + 1);
        Assert.Null(await etherFi.GetWithdrawalRequestAsync(User.Address, next));

        await Node.EtherFi.FinalizeRequestsAsync(request.RequestId);
        await AssertSameAsListingAsync(etherFi, request.Id, WithdrawalStatus.Claimable);

        await etherFi.ClaimAsync(User, [request.Id]);
        // The NFT is burned and getRequest zeroed; the amount comes from WithdrawRequestCreated.
        Assert.Equal(BigInteger.Zero, (await etherFi.GetWithdrawalStatusAsync(request.RequestId)).AmountOfEEth);
        await AssertSameAsListingAsync(etherFi, request.Id, WithdrawalStatus.Claimed);
        var claimed = await etherFi.GetWithdrawalRequestAsync(User.Address, request.Id);
        Assert.Equal(Ether + 12345, claimed!.AmountRequested);
        Assert.Null(await etherFi.GetWithdrawalRequestAsync(Other.Address, request.Id));
    }

    [Fact]
    public async Task Readers_refuse_an_id_of_another_protocol()
    {
        var context = new LiquidStakeContext(Node.Rpc, NetworkProfile.Devnet);
        var wrong = WithdrawalId.ForRequest(ProtocolId.EigenLayer, BigInteger.One);
        var lido = await Assert.ThrowsAsync<LiquidStakeArgumentException>(() => new LidoClient(context).GetWithdrawalRequestAsync(User.Address, wrong));
        Assert.Equal("id", lido.ParamName);
        var etherFi = await Assert.ThrowsAsync<LiquidStakeArgumentException>(() => new EtherFiClient(context).GetWithdrawalRequestAsync(User.Address, wrong));
        Assert.Equal("id", etherFi.ParamName);
    }
}
