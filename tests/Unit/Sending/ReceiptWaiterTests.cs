using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Sending;
using LiquidStake.Ethereum.Transactions;
using Microsoft.Extensions.Time.Testing;

namespace LiquidStake.UnitTests.Sending;

/// <summary>Receipt waiting against a mocked client (the client's members are virtual for this).</summary>
public sealed class ReceiptWaiterTests
{
    private static readonly Address From = Address.Parse("0x000000000000000000000000000000000000a11c");
    private static readonly Hash32 TxHash = H(0x77);

    private static Hash32 H(int b) => new(Enumerable.Repeat((byte)b, 32).ToArray());

    private static SentTransaction Sent(ulong nonce = 5) => new(TxHash, From, nonce, 1, new TransactionRequest { From = From, To = From }, 8);

    private sealed class ScriptedClient : EthereumRpcClient
    {
        public Func<int, TransactionReceipt?> Receipt { get; init; } = _ => null;
        public Func<int, ulong> Head { get; init; } = _ => 0;
        public Func<ulong, BlockHeader?> BlockAt { get; init; } = _ => null;
        public Func<Hash32, RpcTransaction?> Transaction { get; init; } = _ => null;
        public ulong MinedNonce { get; init; }
        public int ReceiptCalls;
        private int _headCalls;

        public override Task<TransactionReceipt?> GetTransactionReceiptAsync(Hash32 transactionHash, CancellationToken cancellationToken = default) =>
            Task.FromResult(transactionHash == TxHash ? Receipt(Interlocked.Increment(ref ReceiptCalls)) : null);

        public override Task<ulong> GetBlockNumberAsync(CancellationToken cancellationToken = default) => Task.FromResult(Head(Interlocked.Increment(ref _headCalls)));

        public override Task<BlockHeader?> GetBlockByNumberAsync(BlockParameter block = default, CancellationToken cancellationToken = default) => Task.FromResult(BlockAt(block.Number!.Value));

        public override Task<ulong> GetTransactionCountAsync(Address address, BlockParameter block = default, CancellationToken cancellationToken = default) => Task.FromResult(MinedNonce);

        public override Task<RpcTransaction?> GetTransactionByHashAsync(Hash32 transactionHash, CancellationToken cancellationToken = default) => Task.FromResult(Transaction(transactionHash));
    }

    private static TransactionReceipt ReceiptIn(ulong block, Hash32 blockHash) =>
        new() { TransactionHash = TxHash, BlockHash = blockHash, BlockNumber = block, Succeeded = true, From = From };

    private static BlockHeader Header(ulong number, Hash32 hash, params Hash32[] txs) =>
        new() { Number = number, Hash = hash, ParentHash = Hash32.Zero, Timestamp = number, TransactionHashes = txs };

    [Fact]
    public async Task A_receipt_whose_block_was_reorged_away_is_not_returned()
    {
        var orphan = H(0xa0);
        var canonical = H(0xc0);
        var client = new ScriptedClient
        {
            // First the node still reports the orphaned block; after the reorg the transaction is in block 11.
            Receipt = call => call <= 1 ? ReceiptIn(10, orphan) : ReceiptIn(11, canonical),
            Head = _ => 13,
            BlockAt = n => n == 10 ? Header(10, H(0xb0)) : Header(n, canonical),
        };
        var sender = new TransactionSender(client, options: new TransactionSenderOptions { PollingInterval = TimeSpan.FromMilliseconds(1) });

        var receipt = await sender.WaitForReceiptAsync(Sent(), confirmations: 3);

        Assert.Equal(canonical, receipt.BlockHash);
        Assert.Equal(11UL, receipt.BlockNumber);
    }

    [Fact]
    public async Task A_used_nonce_without_a_replacement_in_recent_blocks_is_reported_as_dropped()
    {
        var client = new ScriptedClient
        {
            MinedNonce = 6,
            Head = _ => 10,
            BlockAt = n => Header(n, H((int)n), H(0x10 + (int)n)),
            Transaction = h => new RpcTransaction { Hash = h, Nonce = 5, From = Address.Parse("0x000000000000000000000000000000000000b0b0") },
        };
        var sender = new TransactionSender(client, options: new TransactionSenderOptions { PollingInterval = TimeSpan.FromMilliseconds(1) });

        var ex = await Assert.ThrowsAsync<TransactionDroppedException>(() => sender.WaitForReceiptAsync(Sent(nonce: 5)));

        Assert.Equal(TxHash, ex.TransactionHash);
        Assert.Equal(5UL, ex.Nonce);
    }

    [Fact]
    public async Task Waiting_gives_up_after_the_timeout_measured_on_the_TimeProvider()
    {
        var time = new FakeTimeProvider();
        // Pending in the pool all along (the node knows it), just never mined.
        var client = new ScriptedClient { MinedNonce = 5, Head = _ => 10, Transaction = h => new RpcTransaction { Hash = h, Nonce = 5, From = From } };
        var sender = new TransactionSender(client, options: new TransactionSenderOptions
        {
            TimeProvider = time,
            PollingInterval = TimeSpan.FromSeconds(2),
            ReceiptTimeout = TimeSpan.FromSeconds(10),
        });

        var waiting = sender.WaitForReceiptAsync(Sent(nonce: 5));
        for (int i = 0; i < 200 && !waiting.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        var ex = await Assert.ThrowsAsync<TransactionWaitTimeoutException>(() => waiting);
        Assert.Equal(TxHash, ex.TransactionHash);
        Assert.InRange(client.ReceiptCalls, 5, 7); // one poll per 2 s of fake time over 10 s
    }

    [Fact]
    public async Task A_transaction_the_node_forgot_before_its_nonce_was_used_is_dropped_after_the_grace_period_and_its_nonce_given_back()
    {
        var time = new FakeTimeProvider();
        var nonces = new NonceManager();
        // The sender had reserved nonces 5 and 6 (6 is still in flight).
        var five = await nonces.ReserveAsync(1, From, _ => Task.FromResult(5UL));
        five.Commit();
        var six = await nonces.ReserveAsync(1, From, _ => Task.FromResult(5UL));
        six.Commit();
        var client = new ScriptedClient { MinedNonce = 5, Head = _ => 10 };
        var sender = new TransactionSender(client, nonces, new TransactionSenderOptions
        {
            TimeProvider = time,
            PollingInterval = TimeSpan.FromSeconds(1),
            DroppedGracePeriod = TimeSpan.FromSeconds(5),
            ReceiptTimeout = TimeSpan.FromMinutes(10),
        });

        var waiting = sender.WaitForReceiptAsync(Sent(nonce: 5) with { ChainId = 1 });
        for (int i = 0; i < 200 && !waiting.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        var ex = await Assert.ThrowsAsync<TransactionDroppedException>(() => waiting);
        Assert.True(ex.NonceReleased);
        Assert.InRange(client.ReceiptCalls, 5, 8); // about five polls of fake time, far from the 10-minute timeout
        var next = await nonces.ReserveAsync(1, From, _ => throw new InvalidOperationException("the node is not asked again"));
        Assert.Equal(5UL, next.Nonce);
        var after = await nonces.ReserveAsync(1, From, _ => throw new InvalidOperationException("the node is not asked again"));
        Assert.Equal(7UL, after.Nonce); // 6 stays reserved for the transaction in flight
    }

    [Fact]
    public async Task A_backend_that_briefly_does_not_show_the_pooled_transaction_is_not_mistaken_for_a_drop()
    {
        var time = new FakeTimeProvider();
        int lookups = 0;
        var client = new ScriptedClient
        {
            MinedNonce = 5,
            Head = _ => 12,
            // Unknown on the first three looks (within the grace period), known afterwards, mined on the tenth poll.
            Transaction = h => Interlocked.Increment(ref lookups) <= 3 ? null : new RpcTransaction { Hash = h, Nonce = 5, From = From },
            Receipt = call => call >= 10 ? ReceiptIn(11, H(0xc1)) : null,
            BlockAt = n => Header(n, H(0xc1)),
        };
        var sender = new TransactionSender(client, options: new TransactionSenderOptions
        {
            TimeProvider = time,
            PollingInterval = TimeSpan.FromSeconds(1),
            DroppedGracePeriod = TimeSpan.FromSeconds(5),
        });

        var waiting = sender.WaitForReceiptAsync(Sent(nonce: 5));
        for (int i = 0; i < 200 && !waiting.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        var receipt = await waiting;
        Assert.Equal(11UL, receipt.BlockNumber);
    }
}
