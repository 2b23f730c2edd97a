using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Signing;
using LiquidStake.IntegrationTests.Support;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Contracts.Common;
using LiquidStake.Sdk.Protocols.EtherFi;
using LiquidStake.Sdk.Protocols.Lido;

namespace LiquidStake.IntegrationTests.Services;

/// <summary>
/// Permit or approve, chosen automatically: a permit where the token has one and the account is a key-holding EOA
/// (EIP-7702-delegated EOAs included), an exact approval for a contract wallet, which cannot sign an ECDSA permit.
/// </summary>
public sealed class PermitOrApproveDevnetTests(DevnetFixture fixture) : DevnetTest(fixture)
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    private static bool StartsWith(TransactionStep step, ReadOnlySpan<byte> selector) => step.Request.Data.Span[..4].SequenceEqual(selector);

    private async Task<PrivateKeySigner> FundedFreshAccountAsync()
    {
        var signer = PrivateKeySigner.CreateRandom();
        await Node.SetBalanceAsync(signer.Address, 10 * Ether);
        return signer;
    }

    [DevnetFact]
    public async Task Lido_wrap_uses_a_permit_for_an_eoa_and_an_approval_for_a_contract_wallet()
    {
        using var signer = await FundedFreshAccountAsync();
        var lido = new LidoClient(new LiquidStakeContext(Node.Rpc, NetworkProfile.Devnet));
        await lido.StakeAsync(signer, 2 * Ether);

        var asEoa = await lido.PrepareWrapAsync(signer.Address, Ether, signer);
        Assert.Equal(2, asEoa.Steps.Count);
        Assert.True(StartsWith(asEoa.Steps[0], Erc2612.PermitSelector), asEoa.Steps[0].Description);

        // EIP-7702: the EOA delegates to code but still signs with its key, so the permit stays.
        await Node.SetCodeAsync(signer.Address, [0xef, 0x01, 0x00, .. new byte[20]]);
        var asDelegated = await lido.PrepareWrapAsync(signer.Address, Ether, signer);
        Assert.True(StartsWith(asDelegated.Steps[0], Erc2612.PermitSelector));

        // A contract wallet at the address: an exact approval instead.
        await Node.SetCodeAsync(signer.Address, [0x60, 0x00, 0x60, 0x00, 0xf3]);
        var asContract = await lido.PrepareWrapAsync(signer.Address, Ether, signer);
        Assert.Equal(TransactionStepKind.Approval, asContract.Steps[0].Kind);
        Assert.True(StartsWith(asContract.Steps[0], Erc20.ApproveSelector), asContract.Steps[0].Description);
        Assert.Equal(signer.Address, asContract.Action.RequiredAllowance!.Owner);

        // Asking for a permit explicitly is still honoured (the caller knows its wallet).
        var forced = await lido.PrepareWrapAsync(signer.Address, Ether, signer, LidoApprovalMode.Permit);
        Assert.True(StartsWith(forced.Steps[0], Erc2612.PermitSelector));
    }

    [DevnetFact]
    public async Task EtherFi_wrap_signs_a_permit_for_an_eoa_and_approves_for_a_contract_wallet()
    {
        using var signer = await FundedFreshAccountAsync();
        var etherFi = new EtherFiClient(new LiquidStakeContext(Node.Rpc, NetworkProfile.Devnet));
        await etherFi.DepositAsync(signer, 2 * Ether);

        var asEoa = await etherFi.PrepareWrapAsync(signer.Address, Ether, signer);
        Assert.Single(asEoa.Steps); // wrapWithPermit carries the permit in the action itself
        Assert.Contains("permit", asEoa.Action.Description, StringComparison.Ordinal);

        await Node.SetCodeAsync(signer.Address, [0x60, 0x00, 0x60, 0x00, 0xf3]);
        var asContract = await etherFi.PrepareWrapAsync(signer.Address, Ether, signer);
        Assert.Equal(2, asContract.Steps.Count);
        Assert.True(StartsWith(asContract.Steps[0], Erc20.ApproveSelector));
        Assert.DoesNotContain("permit", asContract.Action.Description, StringComparison.Ordinal);
    }
}
