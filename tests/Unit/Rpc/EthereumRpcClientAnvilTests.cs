using System.Numerics;
using LiquidStake.Testing;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Contracts;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Transactions;

namespace LiquidStake.UnitTests.Rpc;

public sealed class EthereumRpcClientAnvilTests(AnvilFixture fixture) : IClassFixture<AnvilFixture>
{
    private EthereumRpcClient Client => fixture.Client;

    /// <summary>
    /// The receipt once the node serves it. Anvil answers <c>eth_sendRawTransaction</c> before its auto-mined block is
    /// always readable; on a loaded machine the receipt can lag by a few milliseconds.
    /// </summary>
    private async Task<TransactionReceipt> MinedReceiptAsync(Hash32 hash)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            if (await Client.GetTransactionReceiptAsync(hash, timeout.Token) is { } receipt) return receipt;
            await Task.Delay(20, timeout.Token);
        }
    }

    [Fact]
    public async Task ChainId_is_the_one_anvil_was_started_with()
    {
        await using var anvil = await AnvilProcess.StartAsync(new AnvilOptions { ChainId = 4242 });
        using var client = Contracts.NewClient(anvil);
        Assert.Equal(4242UL, await client.GetChainIdAsync());
    }

    [Fact]
    public async Task BlockNumber_advances_by_the_mined_blocks()
    {
        ulong before = await Client.GetBlockNumberAsync();
        await Client.RequestAsync("anvil_mine", [3]);
        Assert.Equal(before + 3, await Client.GetBlockNumberAsync());
    }

    [Fact]
    public async Task Balance_of_an_untouched_test_account_is_ten_thousand_ether()
    {
        var address = Contracts.Signer(3).Address;
        Assert.Equal(10_000 * Contracts.OneEther, await Client.GetBalanceAsync(address, BlockParameter.Latest));
    }

    [Fact]
    public async Task Code_and_storage_read_back_what_was_set()
    {
        var address = Address.Parse("0x00000000000000000000000000000000000051a7");
        await Client.RequestAsync("anvil_setCode", [address, Contracts.Return42]);
        await Client.RequestAsync("anvil_setStorageAt", [address, "0x" + new string('0', 63) + "5", "0x" + new string('0', 62) + "ff"]);
        Assert.Equal(Contracts.Return42, await Client.GetCodeAsync(address));
        var slot = await Client.GetStorageAtAsync(address, 5);
        Assert.Equal(Hash32.Parse("0x" + new string('0', 62) + "ff"), slot);
        Assert.Equal(Hash32.Zero, await Client.GetStorageAtAsync(address, 6));
        Assert.Empty(await Client.GetCodeAsync(Address.Parse("0x00000000000000000000000000000000000051a8")));
    }

    [Fact]
    public async Task Call_returns_the_contract_output_and_state_overrides_apply()
    {
        await Contracts.InstallAsync(Client);
        var result = await Client.CallAsync(Contracts.Return42Address, ReadOnlyMemory<byte>.Empty, BlockParameter.Latest);
        Assert.Equal(new BigInteger(42), new BigInteger(result, isUnsigned: true, isBigEndian: true));
        Assert.Equal(32, result.Length);

        var empty = Address.Parse("0x000000000000000000000000000000000000beef");
        var overridden = await Client.CallAsync(
            new TransactionRequest { To = empty },
            BlockParameter.Latest,
            new Dictionary<Address, AccountOverride> { [empty] = new() { Code = Contracts.Return42 } });
        Assert.Equal(result, overridden);
        Assert.Empty(await Client.CallAsync(new TransactionRequest { To = empty }));
    }

    [Fact]
    public async Task Call_that_reverts_throws_ContractRevertException_with_the_decoded_reason()
    {
        await Contracts.InstallAsync(Client);
        var ex = await Assert.ThrowsAsync<ContractRevertException>(() => Client.CallAsync(Contracts.RevertAddress, ReadOnlyMemory<byte>.Empty, BlockParameter.Latest));
        Assert.Equal("Error", ex.ErrorName);
        Assert.Equal("nope", Assert.Single(ex.ErrorArguments));
        Assert.Equal(100, ex.RevertData.Length);
        var inner = Assert.IsType<RpcException>(ex.InnerException);
        Assert.Equal(3, inner.Code);
    }

    [Fact]
    public async Task EstimateGas_of_a_transfer_is_21000_and_of_a_revert_throws()
    {
        await Contracts.InstallAsync(Client);
        var from = Contracts.Signer(3).Address;
        Assert.Equal(21_000UL, await Client.EstimateGasAsync(new TransactionRequest { From = from, To = Contracts.Signer(2).Address, Value = 1 }));
        var ex = await Assert.ThrowsAsync<ContractRevertException>(() => Client.EstimateGasAsync(new TransactionRequest { From = from, To = Contracts.RevertAddress }));
        Assert.Equal("nope", Assert.Single(ex.ErrorArguments));
        // A balance override makes an otherwise unaffordable transfer estimable.
        var poor = Address.Parse("0x0000000000000000000000000000000000000b0b");
        Assert.Equal(21_000UL, await Client.EstimateGasAsync(
            new TransactionRequest { From = poor, To = from, Value = Contracts.OneEther },
            BlockParameter.Latest,
            new Dictionary<Address, AccountOverride> { [poor] = new() { Balance = 2 * Contracts.OneEther } }));
    }

    [Fact]
    public async Task FeeHistory_has_one_base_fee_more_than_blocks_and_matches_the_block_headers()
    {
        await Client.RequestAsync("anvil_mine", [4]);
        ulong head = await Client.GetBlockNumberAsync();
        var history = await Client.GetFeeHistoryAsync(3, BlockParameter.Latest, [50]);
        Assert.Equal(head - 2, history.OldestBlock);
        Assert.Equal(4, history.BaseFeePerGas.Count);
        Assert.Equal(3, history.Reward.Count);
        var block = await Client.GetBlockByNumberAsync(head - 1);
        Assert.NotNull(block);
        Assert.Equal(block.BaseFeePerGas, history.BaseFeePerGas[1]);
    }

    [Fact]
    public async Task Block_header_links_to_its_parent()
    {
        await Client.RequestAsync("anvil_mine", [2]);
        var latest = await Client.GetBlockByNumberAsync(BlockParameter.Latest);
        Assert.NotNull(latest);
        var parent = await Client.GetBlockByNumberAsync(latest.Number - 1);
        Assert.NotNull(parent);
        Assert.Equal(parent.Hash, latest.ParentHash);
        Assert.True(latest.Timestamp >= parent.Timestamp);
        Assert.NotNull(latest.BaseFeePerGas);
        Assert.Null(await Client.GetBlockByNumberAsync(latest.Number + 1000));
    }

    [Fact]
    public async Task SendRawTransaction_mines_and_the_receipt_and_transaction_describe_it()
    {
        using var signer = Contracts.Signer(0);
        var to = Address.Parse("0x0000000000000000000000000000000000001234");
        ulong nonce = await Client.GetTransactionCountAsync(signer.Address);
        var block = await Client.GetBlockByNumberAsync(BlockParameter.Latest);
        var unsigned = UnsignedTransaction.FromRequest(new TransactionRequest
        {
            ChainId = 31337, Nonce = nonce, Gas = 21_000, To = to, Value = 12345,
            MaxPriorityFeePerGas = 1_000_000_000, MaxFeePerGas = (block!.BaseFeePerGas!.Value * 2) + 1_000_000_000,
        });
        var signed = signer.SignTransaction(unsigned);

        var hash = await Client.SendRawTransactionAsync(signed.Raw);
        Assert.Equal(signed.Hash, hash);

        var receipt = await MinedReceiptAsync(hash);
        Assert.True(receipt.Succeeded);
        Assert.Equal(21_000UL, receipt.GasUsed);
        Assert.Equal(signer.Address, receipt.From);
        Assert.Equal(to, receipt.To);
        Assert.Empty(receipt.Logs);
        Assert.True(receipt.EffectiveGasPrice > 0);
        var minedIn = await Client.GetBlockByNumberAsync(receipt.BlockNumber);
        Assert.Equal(minedIn!.Hash, receipt.BlockHash);
        Assert.Contains(hash, minedIn.TransactionHashes);

        var tx = await Client.GetTransactionByHashAsync(hash);
        Assert.NotNull(tx);
        Assert.Equal(nonce, tx.Nonce);
        Assert.Equal(new BigInteger(12345), tx.Value);
        Assert.Equal(signer.Address, tx.From);
        Assert.Equal(2, tx.Type);
        Assert.Equal(12345, await Client.GetBalanceAsync(to));
        Assert.Null(await Client.GetTransactionReceiptAsync(Hash32.Parse("0x" + new string('1', 64))));
    }

    [Fact]
    public async Task GetLogs_filters_by_address_and_topic_and_keeps_block_order()
    {
        await Contracts.InstallAsync(Client);
        using var signer = Contracts.Signer(1);
        ulong from = await Client.GetBlockNumberAsync() + 1;
        var hashes = new List<Hash32>();
        var block = await Client.GetBlockByNumberAsync(BlockParameter.Latest);
        ulong nonce = await Client.GetTransactionCountAsync(signer.Address);
        for (int i = 0; i < 3; i++)
        {
            var signed = signer.SignTransaction(UnsignedTransaction.FromRequest(new TransactionRequest
            {
                ChainId = 31337, Nonce = nonce + (ulong)i, Gas = 50_000, To = Contracts.EmitterAddress,
                MaxPriorityFeePerGas = 1, MaxFeePerGas = block!.BaseFeePerGas!.Value * 3,
            }));
            hashes.Add(await Client.SendRawTransactionAsync(signed.Raw));
        }
        foreach (var h in hashes) await MinedReceiptAsync(h);
        ulong to = await Client.GetBlockNumberAsync();
        var filter = new EventFilter { Addresses = [Contracts.EmitterAddress], Topics = [[Contracts.LogTopic]] };

        var logs = await Client.GetLogsAsync(filter, from, to);

        Assert.Equal(hashes, logs.Select(l => l.TransactionHash!.Value).ToList());
        Assert.All(logs, l => Assert.Equal(Contracts.EmitterAddress, l.Address));
        Assert.All(logs, l => Assert.Equal(Contracts.LogTopic, Assert.Single(l.Topics)));
        var receipt = await Client.GetTransactionReceiptAsync(hashes[0]);
        Assert.Equal(logs[0], Assert.Single(receipt!.Logs), LogComparer.Instance);
        var none = await Client.GetLogsAsync(filter with { Topics = [[Hash32.Zero]] }, from, to);
        Assert.Empty(none);
    }

    [Fact]
    public async Task Batch_splits_by_max_size_and_reports_each_result_or_error()
    {
        await Contracts.InstallAsync(Client);
        using var client = Contracts.NewClient(fixture.Anvil, maxBatchSize: 7);
        var batch = client.CreateBatch();
        var balances = Enumerable.Range(0, 20).Select(i => batch.AddGetBalance(Address.Parse("0x" + (0x7000 + i).ToString("x40", System.Globalization.CultureInfo.InvariantCulture)))).ToArray();
        var call = batch.AddCall(new TransactionRequest { To = Contracts.Return42Address });
        var revert = batch.AddCall(new TransactionRequest { To = Contracts.RevertAddress });
        var number = batch.AddGetBlockNumber();
        Assert.Equal(23, batch.Count);

        await batch.SendAsync();

        Assert.All(balances, b => Assert.Equal(BigInteger.Zero, b.Result));
        Assert.Equal(42, (await call)[31]);
        var ex = await Assert.ThrowsAsync<ContractRevertException>(() => revert);
        Assert.Equal("nope", Assert.Single(ex.ErrorArguments));
        Assert.Equal(await client.GetBlockNumberAsync(), await number);
        Assert.Equal(0, batch.Count);
    }

    private sealed class LogComparer : IEqualityComparer<LogEntry>
    {
        public static readonly LogComparer Instance = new();

        public bool Equals(LogEntry? x, LogEntry? y) =>
            x is not null && y is not null && x.Address == y.Address && x.Topics.SequenceEqual(y.Topics) && x.Data.Span.SequenceEqual(y.Data.Span)
            && x.BlockHash == y.BlockHash && x.BlockNumber == y.BlockNumber && x.TransactionHash == y.TransactionHash && x.LogIndex == y.LogIndex;

        public int GetHashCode(LogEntry obj) => obj.Address.GetHashCode();
    }
}
