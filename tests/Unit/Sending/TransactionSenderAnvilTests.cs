using System.Numerics;
using LiquidStake.Testing;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Contracts;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Sending;
using LiquidStake.Ethereum.Transactions;
using LiquidStake.UnitTests.Rpc;

namespace LiquidStake.UnitTests.Sending;

public sealed class TransactionSenderAnvilTests(AnvilFixture fixture) : IClassFixture<AnvilFixture>
{
    private EthereumRpcClient Client => fixture.Client;

    private TransactionSender NewSender(TransactionSenderOptions? options = null) =>
        new(Client, new NonceManager(), options ?? new TransactionSenderOptions { PollingInterval = TimeSpan.FromMilliseconds(20) });

    [Fact]
    public async Task Plain_transfer_moves_the_exact_value_and_costs_exactly_gas_used_times_price()
    {
        using var signer = Contracts.Signer(0);
        var to = Address.Parse("0x000000000000000000000000000000000000a11c");
        var value = BigInteger.Parse("1234567890123456789", System.Globalization.CultureInfo.InvariantCulture);
        var senderBefore = await Client.GetBalanceAsync(signer.Address);
        var sender = NewSender();

        var sent = await sender.SendAsync(new TransactionRequest { To = to, Value = value }, signer);
        var receipt = await sender.WaitForReceiptAsync(sent);

        Assert.Equal(sent.Hash, receipt.TransactionHash);
        Assert.Equal(value, await Client.GetBalanceAsync(to));
        Assert.Equal(senderBefore - value - (receipt.GasUsed * receipt.EffectiveGasPrice), await Client.GetBalanceAsync(signer.Address));
        Assert.Equal(31337UL, sent.ChainId);
        Assert.Equal(25_200UL, sent.Request.Gas); // 21000 + 20 % headroom
        Assert.NotNull(sent.Request.MaxFeePerGas);
    }

    [Fact]
    public async Task Hundred_concurrent_sends_from_one_account_use_a_gap_free_nonce_sequence()
    {
        using var signer = Contracts.Signer(1);
        ulong start = await Client.GetTransactionCountAsync(signer.Address);
        var sender = NewSender();
        var to = Address.Parse("0x000000000000000000000000000000000000b0b1");

        // A caller that meets an unsettled broadcast waits for it (the documented way) rather than sending again.
        async Task<SentTransaction> SendAsync()
        {
            try
            {
                return await sender.SendAsync(new TransactionRequest { To = to, Value = 1 }, signer);
            }
            catch (TransactionOutcomeUnknownException ex)
            {
                return ex.Transaction!;
            }
        }

        var sends = Enumerable.Range(0, 100).Select(_ => Task.Run(SendAsync)).ToArray();
        var sent = await Task.WhenAll(sends);

        Assert.Equal(Enumerable.Range(0, 100).Select(i => start + (ulong)i), sent.Select(s => s.Nonce).Order());
        Assert.Equal(100, sent.Select(s => s.Hash).Distinct().Count());
        var receipts = await Task.WhenAll(sent.Select(s => sender.WaitForReceiptAsync(s)));
        Assert.All(receipts, r => Assert.True(r.Succeeded));
        Assert.Equal(start + 100, await Client.GetTransactionCountAsync(signer.Address, BlockParameter.Latest));
        Assert.Equal(100, await Client.GetBalanceAsync(to));
    }

    [Fact]
    public async Task Reverting_preflight_signs_and_sends_nothing()
    {
        await Contracts.InstallAsync(Client);
        using var signer = Contracts.Signer(2);
        var balance = await Client.GetBalanceAsync(signer.Address);
        ulong nonce = await Client.GetTransactionCountAsync(signer.Address);
        ulong head = await Client.GetBlockNumberAsync();
        var sender = NewSender();

        var ex = await Assert.ThrowsAsync<ContractRevertException>(() => sender.SendAsync(new TransactionRequest { To = Contracts.RevertAddress }, signer));

        Assert.Equal("Error", ex.ErrorName);
        Assert.Equal("nope", Assert.Single(ex.ErrorArguments));
        Assert.Equal(balance, await Client.GetBalanceAsync(signer.Address));
        Assert.Equal(nonce, await Client.GetTransactionCountAsync(signer.Address));
        Assert.Equal(head, await Client.GetBlockNumberAsync());
        // The next send gets the very nonce the refused one would have had.
        var next = await sender.SendAsync(new TransactionRequest { To = Contracts.Return42Address }, signer);
        Assert.Equal(nonce, next.Nonce);
    }

    [Fact]
    public async Task Chain_id_mismatch_is_refused_naming_both_ids()
    {
        using var signer = Contracts.Signer(3);
        ulong nonce = await Client.GetTransactionCountAsync(signer.Address);
        var sender = NewSender(new TransactionSenderOptions { ChainId = 1 });

        var ex = await Assert.ThrowsAsync<ChainIdMismatchException>(() => sender.SendAsync(new TransactionRequest { To = signer.Address, Value = 1 }, signer));

        Assert.Equal(1UL, ex.ExpectedChainId);
        Assert.Equal(31337UL, ex.NodeChainId);
        Assert.Contains("1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("31337", ex.Message, StringComparison.Ordinal);
        Assert.Equal(nonce, await Client.GetTransactionCountAsync(signer.Address));
        var perRequest = await Assert.ThrowsAsync<ChainIdMismatchException>(() => NewSender().SendAsync(new TransactionRequest { To = signer.Address, ChainId = 5 }, signer));
        Assert.Equal(5UL, perRequest.ExpectedChainId);
    }

    [Fact]
    public async Task Mined_revert_becomes_ContractRevertException_with_the_replayed_reason()
    {
        await Contracts.InstallAsync(Client);
        using var signer = Contracts.Signer(3);
        var sender = NewSender(new TransactionSenderOptions { Preflight = false, PollingInterval = TimeSpan.FromMilliseconds(20) });

        var sent = await sender.SendAsync(new TransactionRequest { To = Contracts.RevertAddress, Gas = 100_000 }, signer);
        var ex = await Assert.ThrowsAsync<ContractRevertException>(() => sender.WaitForReceiptAsync(sent));

        Assert.Equal("nope", Assert.Single(ex.ErrorArguments));
        Assert.Contains(sent.Hash.ToString(), ex.Message, StringComparison.Ordinal);
        var receipt = await Client.GetTransactionReceiptAsync(sent.Hash);
        Assert.False(receipt!.Succeeded);
    }

    [Fact]
    public async Task Waiting_for_three_confirmations_returns_only_after_two_more_blocks()
    {
        using var signer = Contracts.Signer(0);
        var sender = NewSender();
        var sent = await sender.SendAsync(new TransactionRequest { To = signer.Address, Value = 1 }, signer);
        var mined = await sender.WaitForReceiptAsync(sent);

        var waiting = sender.WaitForReceiptAsync(sent, confirmations: 3);
        await Client.RequestAsync("anvil_mine", [2]);
        var confirmed = await waiting.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(mined.BlockHash, confirmed.BlockHash);
        Assert.True(await Client.GetBlockNumberAsync() >= confirmed.BlockNumber + 2);
    }

    [Fact]
    public async Task Replaced_transaction_is_reported_with_the_replacing_hash()
    {
        await using var anvil = await AnvilProcess.StartAsync();
        using var client = Contracts.NewClient(anvil);
        using var signer = Contracts.Signer(0);
        var sender = new TransactionSender(client, new NonceManager(), new TransactionSenderOptions { PollingInterval = TimeSpan.FromMilliseconds(20) });
        await client.RequestAsync("evm_setAutomine", [false]);

        var original = await sender.SendAsync(new TransactionRequest { To = Address.Parse("0x0000000000000000000000000000000000000001"), Value = 1 }, signer);
        var replacement = await sender.SendAsync(new TransactionRequest
        {
            To = signer.Address,
            Nonce = original.Nonce,
            MaxFeePerGas = original.Request.MaxFeePerGas * 3,
            MaxPriorityFeePerGas = original.Request.MaxPriorityFeePerGas * 3,
        }, signer);
        await client.RequestAsync("evm_mine", []);

        var ex = await Assert.ThrowsAsync<TransactionReplacedException>(() => sender.WaitForReceiptAsync(original));

        Assert.Equal(original.Hash, ex.TransactionHash);
        Assert.Equal(replacement.Hash, ex.ReplacementHash);
        Assert.Equal(original.Nonce, ex.Nonce);
        Assert.Equal(replacement.Hash, ex.ReplacementReceipt!.TransactionHash);
        Assert.Null(await client.GetTransactionReceiptAsync(original.Hash));
        Assert.Equal(replacement.Hash, (await sender.WaitForReceiptAsync(replacement)).TransactionHash);
    }
}
