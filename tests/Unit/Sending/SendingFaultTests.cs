using System.Net;
using System.Numerics;
using System.Text.Json;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Sending;
using LiquidStake.Ethereum.Transactions;
using LiquidStake.Testing;
using LiquidStake.UnitTests.Rpc;

namespace LiquidStake.UnitTests.Sending;

/// <summary>
/// Sends through a fault-injecting proxy in front of a real Anvil (issue 11, items 1–3). Every test checks the chain:
/// balances to the wei, the account's nonce, and how many times each signed transaction reached the node.
/// </summary>
public sealed class SendingFaultTests
{
    private static readonly BigInteger Value = BigInteger.Parse("1000000000000000007", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>One Anvil per test, the proxy in front of it, a client through the proxy and one straight to the node.</summary>
    private sealed class Rig : IAsyncDisposable
    {
        private AnvilProcess _anvil = null!;

        public FaultProxy Proxy { get; private set; } = null!;

        public EthereumRpcClient Client { get; private set; } = null!;

        public EthereumRpcClient Direct { get; private set; } = null!;

        public LiquidStake.Ethereum.Signing.PrivateKeySigner Signer { get; private set; } = null!;

        public static async Task<Rig> StartAsync(int signer, TimeSpan? attemptTimeout = null)
        {
            var rig = new Rig { _anvil = await AnvilProcess.StartAsync() };
            rig.Proxy = new FaultProxy(rig._anvil.RpcUrl);
            rig.Client = new EthereumRpcClient(new EthereumRpcClientOptions
            {
                Url = rig.Proxy.Url,
                Resilience = new EthereumRpcResilienceOptions
                {
                    BaseDelay = TimeSpan.FromMilliseconds(10),
                    AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(15),
                    UseJitter = false,
                },
            });
            rig.Direct = Contracts.NewClient(rig._anvil);
            rig.Signer = Contracts.Signer(signer);
            return rig;
        }

        public async ValueTask DisposeAsync()
        {
            Signer.Dispose();
            Direct.Dispose();
            Client.Dispose();
            await Proxy.DisposeAsync();
            await _anvil.DisposeAsync();
        }
    }

    private static TransactionSender SenderOver(EthereumRpcClient client, TransactionSenderOptions? options = null) =>
        new(client, new NonceManager(), options ?? new TransactionSenderOptions { PollingInterval = TimeSpan.FromMilliseconds(20), DroppedGracePeriod = TimeSpan.FromMilliseconds(300) });

    private static Address Recipient(int n) => Address.Parse("0x00000000000000000000000000000000000f" + n.ToString("x4", System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData(AnswerFault.BadGateway)]
    [InlineData(AnswerFault.Reset)]
    [InlineData(AnswerFault.Truncate)]
    public async Task Lost_answer_on_a_lagging_node_is_settled_by_the_hash_and_moves_the_money_once(AnswerFault fault)
    {
        await using var rig = await Rig.StartAsync(0);
        var (proxy, client, direct, signer) = (rig.Proxy, rig.Client, rig.Direct, rig.Signer);
        var to = Recipient(1);
        var before = await direct.GetBalanceAsync(signer.Address);

        // The first broadcast reaches the node (automine: it is mined at once) and its answer is lost; the first
        // look-up of the hash hits a backend that lags and says "unknown", so the client re-sends the same bytes and
        // the node refuses them for their nonce.
        int broadcasts = 0, lookups = 0;
        proxy.Policy = r => r.Method switch
        {
            "eth_sendRawTransaction" => Interlocked.Increment(ref broadcasts) == 1 ? ProxyAction.ForwardThenFail(fault) : ProxyAction.Forward,
            "eth_getTransactionByHash" when Interlocked.Increment(ref lookups) == 1 => ProxyAction.AnswerResult("null"),
            _ => ProxyAction.Forward,
        };
        var sender = SenderOver(client);

        var sent = await sender.SendAsync(new TransactionRequest { To = to, Value = Value }, signer);
        var receipt = await sender.WaitForReceiptAsync(sent);

        Assert.True(receipt.Succeeded);
        Assert.Equal(2, proxy.TimesReachedNode(sent.Hash));
        Assert.Equal(Value, await direct.GetBalanceAsync(to));
        Assert.Equal(before - Value - (receipt.GasUsed * receipt.EffectiveGasPrice), await direct.GetBalanceAsync(signer.Address));
        Assert.Equal(1UL, await direct.GetTransactionCountAsync(signer.Address, BlockParameter.Latest));
    }

    [Fact]
    public async Task Lost_answer_while_the_node_keeps_lagging_throws_a_typed_exception_with_the_hash_and_bytes_and_waiting_finds_the_one_transfer()
    {
        await using var rig = await Rig.StartAsync(1);
        var (proxy, client, direct, signer) = (rig.Proxy, rig.Client, rig.Direct, rig.Signer);
        var to = Recipient(2);
        bool lagging = true;
        int broadcasts = 0;
        proxy.Policy = r => r.Method switch
        {
            "eth_sendRawTransaction" => Interlocked.Increment(ref broadcasts) == 1 ? ProxyAction.ForwardThenFail(AnswerFault.BadGateway) : ProxyAction.Forward,
            "eth_getTransactionByHash" or "eth_getTransactionReceipt" when Volatile.Read(ref lagging) => ProxyAction.AnswerResult("null"),
            _ => ProxyAction.Forward,
        };
        var sender = SenderOver(client);

        var ex = await Assert.ThrowsAsync<TransactionOutcomeUnknownException>(() => sender.SendAsync(new TransactionRequest { To = to, Value = Value }, signer));

        var unknown = ex.Transaction!;
        Assert.Equal(unknown.Hash, Keccak(unknown.SignedTransaction));
        Assert.Equal(0UL, unknown.Nonce);
        Assert.Equal(unknown.Hash, Assert.IsType<BroadcastOutcomeUnknownException>(ex.InnerException).TransactionHash);
        Assert.Contains(unknown.Hash.ToString(), ex.Message, StringComparison.Ordinal);
        // The caller waits instead of staking again; once the backend catches up the one transfer is found.
        Volatile.Write(ref lagging, false);
        var receipt = await sender.WaitForReceiptAsync(unknown);
        Assert.Equal(unknown.Hash, receipt.TransactionHash);
        Assert.Equal(Value, await direct.GetBalanceAsync(to));
        Assert.Equal(1UL, await direct.GetTransactionCountAsync(signer.Address, BlockParameter.Latest));
        // The nonce stayed taken: the next send does not reuse it.
        var next = await sender.SendAsync(new TransactionRequest { To = to, Value = 1 }, signer);
        Assert.Equal(1UL, next.Nonce);
    }

    [Fact]
    public async Task Broadcast_refused_before_the_node_gives_the_nonce_back_and_says_sending_again_is_safe()
    {
        await using var rig = await Rig.StartAsync(2);
        var (proxy, client, direct, signer) = (rig.Proxy, rig.Client, rig.Direct, rig.Signer);
        var to = Recipient(3);
        proxy.Policy = r => r.Method == "eth_sendRawTransaction" ? ProxyAction.Refuse(HttpStatusCode.TooManyRequests) : ProxyAction.Forward;
        var sender = SenderOver(client);

        var ex = await Assert.ThrowsAsync<TransactionNotBroadcastException>(() => sender.SendAsync(new TransactionRequest { To = to, Value = Value }, signer));

        Assert.Empty(proxy.ReachedNode);
        Assert.Equal(2, proxy.Refused); // the first attempt and one re-broadcast
        Assert.Contains(ex.TransactionHash.ToString(), ex.Message, StringComparison.Ordinal);
        proxy.Policy = _ => ProxyAction.Forward;
        var sent = await sender.SendAsync(new TransactionRequest { To = to, Value = Value }, signer);
        Assert.Equal(0UL, sent.Nonce);
        Assert.True((await sender.WaitForReceiptAsync(sent)).Succeeded);
        Assert.Equal(Value, await direct.GetBalanceAsync(to));
    }

    [Fact]
    public async Task Thirty_concurrent_sends_with_fifteen_percent_of_broadcasts_refused_all_mine_without_a_gap()
    {
        await using var rig = await Rig.StartAsync(3);
        var (proxy, client, direct, signer) = (rig.Proxy, rig.Client, rig.Direct, rig.Signer);
        var to = Recipient(4);
        ulong start = await direct.GetTransactionCountAsync(signer.Address);

        // A seeded 15 % of the signed transactions are refused before the node on their first two attempts (the
        // broadcast and its re-broadcast), so they provably never reached it.
        var random = new Random(1511);
        var decided = new System.Collections.Concurrent.ConcurrentDictionary<Hash32, bool>();
        var attempts = new System.Collections.Concurrent.ConcurrentDictionary<Hash32, int>();
        proxy.Policy = r =>
        {
            if (r.RawTransactionHash is not { } hash) return ProxyAction.Forward;
            bool refuse = decided.GetOrAdd(hash, _ => { lock (random) return random.NextDouble() < 0.15; });
            int attempt = attempts.AddOrUpdate(hash, 1, (_, n) => n + 1);
            return refuse && attempt <= 2 ? ProxyAction.Refuse(HttpStatusCode.TooManyRequests) : ProxyAction.Forward;
        };
        var sender = SenderOver(client);
        int notBroadcast = 0;

        async Task<SentTransaction> SendUntilBroadcastAsync()
        {
            while (true)
            {
                try
                {
                    return await sender.SendAsync(new TransactionRequest { To = to, Value = 1 }, signer);
                }
                catch (TransactionNotBroadcastException)
                {
                    Interlocked.Increment(ref notBroadcast); // safe to send again: nothing reached the node
                }
            }
        }

        var sent = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Task.Run(SendUntilBroadcastAsync)));
        var receipts = await Task.WhenAll(sent.Select(s => sender.WaitForReceiptAsync(s)));

        Assert.True(notBroadcast > 0, "the seed refuses some broadcasts");
        Assert.All(receipts, r => Assert.True(r.Succeeded));
        Assert.Equal(Enumerable.Range(0, 30).Select(i => start + (ulong)i), sent.Select(s => s.Nonce).Order());
        Assert.Equal(start + 30, await direct.GetTransactionCountAsync(signer.Address, BlockParameter.Latest));
        Assert.Equal(30, await direct.GetBalanceAsync(to));
        Assert.All(sent, s => Assert.Equal(1, proxy.TimesReachedNode(s.Hash)));
        Assert.Equal(30, proxy.ReachedNode.Count);
        await AssertPoolEmptyAsync(direct);
    }

    [Fact]
    public async Task Dropped_transactions_are_reported_early_and_the_next_sends_reuse_their_nonces()
    {
        await using var rig = await Rig.StartAsync(0);
        var (proxy, client, direct, signer) = (rig.Proxy, rig.Client, rig.Direct, rig.Signer);
        var to = Recipient(5);
        await direct.RequestAsync("evm_setAutomine", [false]);
        var sender = SenderOver(client, new TransactionSenderOptions
        {
            PollingInterval = TimeSpan.FromMilliseconds(20),
            DroppedGracePeriod = TimeSpan.FromMilliseconds(300),
            ReceiptTimeout = TimeSpan.FromMinutes(10),
        });

        var first = await sender.SendAsync(new TransactionRequest { To = to, Value = Value }, signer);
        var second = await sender.SendAsync(new TransactionRequest { To = to, Value = 2 }, signer);
        // Anvil evicts the transaction and the ones that depend on it (nonce 1 can no longer mine without nonce 0).
        await direct.RequestAsync("anvil_dropTransaction", [first.Hash.ToString()]);

        var dropped = await Assert.ThrowsAsync<TransactionDroppedException>(() => sender.WaitForReceiptAsync(first));
        Assert.True(dropped.NonceReleased);
        Assert.Equal(first.Nonce, dropped.Nonce);
        Assert.True((await Assert.ThrowsAsync<TransactionDroppedException>(() => sender.WaitForReceiptAsync(second))).NonceReleased);

        // The next sends fill nonces 0 and 1 again instead of queueing at 2 behind a hole forever.
        var refill = await sender.SendAsync(new TransactionRequest { To = to, Value = 3 }, signer);
        var refill2 = await sender.SendAsync(new TransactionRequest { To = to, Value = 4 }, signer);
        Assert.Equal([first.Nonce, second.Nonce], new[] { refill.Nonce, refill2.Nonce });
        await direct.RequestAsync("evm_mine", []);
        Assert.True((await sender.WaitForReceiptAsync(refill)).Succeeded);
        Assert.True((await sender.WaitForReceiptAsync(refill2)).Succeeded);
        Assert.Equal(new BigInteger(7), await direct.GetBalanceAsync(to));
        Assert.Equal(2UL, await direct.GetTransactionCountAsync(signer.Address, BlockParameter.Latest));
        Assert.Equal(1, proxy.TimesReachedNode(first.Hash));
        await AssertPoolEmptyAsync(direct);
    }

    [Fact]
    public async Task A_dropped_transaction_is_rebroadcast_with_the_same_bytes_when_asked()
    {
        await using var rig = await Rig.StartAsync(0);
        var (proxy, client, direct, signer) = (rig.Proxy, rig.Client, rig.Direct, rig.Signer);
        var to = Recipient(6);
        await direct.RequestAsync("evm_setAutomine", [false]);
        var sender = SenderOver(client, new TransactionSenderOptions
        {
            PollingInterval = TimeSpan.FromMilliseconds(20),
            DroppedGracePeriod = TimeSpan.FromMilliseconds(300),
            RebroadcastDropped = true,
        });

        var sent = await sender.SendAsync(new TransactionRequest { To = to, Value = Value }, signer);
        await direct.RequestAsync("anvil_dropTransaction", [sent.Hash.ToString()]);
        await direct.RequestAsync("evm_setAutomine", [true]); // the re-broadcast is mined at once

        var receipt = await sender.WaitForReceiptAsync(sent);

        Assert.Equal(sent.Hash, receipt.TransactionHash);
        Assert.Equal(2, proxy.TimesReachedNode(sent.Hash));
        Assert.Equal(Value, await direct.GetBalanceAsync(to));
        Assert.Equal(1UL, await direct.GetTransactionCountAsync(signer.Address, BlockParameter.Latest));
    }

    [Fact]
    public async Task A_broadcast_whose_answer_hangs_past_the_attempt_timeout_is_found_by_its_hash_and_not_sent_twice()
    {
        await using var rig = await Rig.StartAsync(0, attemptTimeout: TimeSpan.FromSeconds(2));
        var (proxy, client, direct, signer) = (rig.Proxy, rig.Client, rig.Direct, rig.Signer);
        var to = Recipient(7);
        proxy.Policy = r => r.Method == "eth_sendRawTransaction" ? ProxyAction.ForwardThenFail(AnswerFault.Hang) : ProxyAction.Forward;
        var sender = SenderOver(client);

        var sent = await sender.SendAsync(new TransactionRequest { To = to, Value = Value }, signer);

        Assert.True((await sender.WaitForReceiptAsync(sent)).Succeeded);
        Assert.Equal(1, proxy.TimesReachedNode(sent.Hash));
        Assert.Equal(Value, await direct.GetBalanceAsync(to));
    }

    private static Hash32 Keccak(ReadOnlyMemory<byte> bytes) => LiquidStake.Ethereum.Crypto.Keccak256.ComputeHash32(bytes.Span);

    private static async Task AssertPoolEmptyAsync(EthereumRpcClient direct)
    {
        var status = await direct.RequestAsync("txpool_status", []);
        Assert.Equal("0x0", status.GetProperty("pending").GetString());
        Assert.Equal("0x0", status.GetProperty("queued").GetString());
    }
}
