using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Sending;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Ethereum.Transactions;
using LiquidStake.IntegrationTests.Support;

namespace LiquidStake.IntegrationTests.Services;

/// <summary>EIP-7702 set-code transactions built and signed by the SDK, checked by the node that executes them (prague).</summary>
public sealed class SetCodeTransactionDevnetTests(DevnetFixture fixture) : DevnetTest(fixture)
{
    private static readonly Address Delegate = Address.Parse("0x00000000000000000000000000000000000c0de5");

    private async Task<UnsignedTransaction> SetCodeTransactionAsync(Address sender, Address to, IReadOnlyList<Authorization> authorizations)
    {
        var rpc = Node.Rpc;
        var head = await rpc.GetBlockByNumberAsync(BlockParameter.Latest);
        var tip = await rpc.GetMaxPriorityFeePerGasAsync();
        return new UnsignedTransaction
        {
            Type = TransactionType.SetCode,
            ChainId = await rpc.GetChainIdAsync(),
            Nonce = await rpc.GetTransactionCountAsync(sender, BlockParameter.Pending),
            Gas = 200_000,
            To = to,
            MaxPriorityFeePerGas = tip,
            MaxFeePerGas = head!.BaseFeePerGas!.Value * 2 + tip,
            AuthorizationList = authorizations,
        };
    }

    private async Task<SignedTransaction> SendAsync(PrivateKeySigner sender, UnsignedTransaction transaction)
    {
        var signed = sender.SignTransaction(transaction);
        ulong block = await Node.Rpc.GetBlockNumberAsync();
        Assert.Equal(signed.Hash, await Node.Rpc.SendRawTransactionAsync(signed.Raw));
        // The node mines on its own schedule: wait the way the sending pipeline does.
        var request = new TransactionRequest { From = sender.Address, To = transaction.To, Gas = transaction.Gas, Data = transaction.Data };
        var receipt = await Node.Sender.WaitForReceiptAsync(new SentTransaction(signed.Hash, sender.Address, transaction.Nonce, transaction.ChainId!.Value, request, block));
        Assert.True(receipt.Succeeded);
        Assert.Equal(4, receipt.Type);
        Assert.Equal(sender.Address, receipt.From);
        return signed;
    }

    [Fact]
    public async Task Sponsored_and_self_sponsored_delegations_set_and_clear_the_authority_code()
    {
        var sponsor = Node.Accounts[3];
        using var authority = PrivateKeySigner.CreateRandom();
        var chainId = await Node.Rpc.GetChainIdAsync();

        // A sponsor pays for the authority's delegation: the authorization carries the authority's current nonce.
        var authorization = authority.SignAuthorization(chainId, Delegate, await Node.Rpc.GetTransactionCountAsync(authority.Address));
        Assert.Equal(authority.Address, authorization.RecoverAuthority());
        var sponsored = await SendAsync(sponsor, await SetCodeTransactionAsync(sponsor.Address, authority.Address, [authorization]));
        Assert.Equal([0xef, 0x01, 0x00, .. Delegate.ToArray()], await Node.Rpc.GetCodeAsync(authority.Address));
        var mined = await Node.Rpc.GetTransactionByHashAsync(sponsored.Hash);
        Assert.Equal(4, mined!.Type);
        Assert.Equal(1UL, await Node.Rpc.GetTransactionCountAsync(authority.Address)); // the authorization bumped it

        // A self-sponsored clearing: the authority sends, so its authorization must carry the transaction's nonce + 1;
        // chain id 0 makes it valid on any chain; the zero address removes the delegation.
        var funded = Node.Accounts[4];
        var selfNonce = await Node.Rpc.GetTransactionCountAsync(funded.Address);
        var setCode = funded.SignAuthorization(0, Delegate, selfNonce + 1);
        await SendAsync(funded, await SetCodeTransactionAsync(funded.Address, funded.Address, [setCode]));
        Assert.Equal([0xef, 0x01, 0x00, .. Delegate.ToArray()], await Node.Rpc.GetCodeAsync(funded.Address));
        var clear = funded.SignAuthorization(chainId, Address.Zero, selfNonce + 3);
        var cleared = await SendAsync(funded, await SetCodeTransactionAsync(funded.Address, funded.Address, [clear]));
        Assert.Empty(await Node.Rpc.GetCodeAsync(funded.Address));
        Assert.Equal(selfNonce + 4, await Node.Rpc.GetTransactionCountAsync(funded.Address));

        // The node's copy decodes back to what was signed.
        var stored = await Node.Rpc.RequestAsync("eth_getRawTransactionByHash", [cleared.Hash.ToString()]);
        var decoded = TransactionCodec.Decode(stored.GetString()!);
        Assert.Equal(cleared.RawHex, decoded.RawHex);
        Assert.Equal(funded.Address, decoded.From);
        Assert.Equal([clear], decoded.Transaction.AuthorizationList);
    }
}
