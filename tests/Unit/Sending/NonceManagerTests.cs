using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Sending;

namespace LiquidStake.UnitTests.Sending;

public sealed class NonceManagerTests
{
    private static readonly Address Account = Address.Parse("0x000000000000000000000000000000000000a11c");

    private static Func<CancellationToken, Task<ulong>> Node(ulong pending, Action? onCall = null) => _ =>
    {
        onCall?.Invoke();
        return Task.FromResult(pending);
    };

    [Fact]
    public async Task Concurrent_reservations_are_gap_free_and_ask_the_node_once()
    {
        var manager = new NonceManager();
        int calls = 0;
        var reservations = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => manager.ReserveAsync(1, Account, Node(7, () => Interlocked.Increment(ref calls))))));
        Assert.Equal(Enumerable.Range(7, 100).Select(i => (ulong)i), reservations.Select(r => r.Nonce).Order());
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task A_released_last_nonce_is_rolled_back()
    {
        var manager = new NonceManager();
        using (var first = await manager.ReserveAsync(1, Account, Node(0))) first.Commit();
        using (await manager.ReserveAsync(1, Account, Node(0)))
        {
            // failed before broadcast: disposed without commit
        }
        using var next = await manager.ReserveAsync(1, Account, Node(0));
        Assert.Equal(1UL, next.Nonce);
    }

    [Fact]
    public async Task A_released_middle_nonce_is_reused_before_new_ones()
    {
        var manager = new NonceManager();
        var a = await manager.ReserveAsync(1, Account, Node(10));
        var b = await manager.ReserveAsync(1, Account, Node(10));
        var c = await manager.ReserveAsync(1, Account, Node(10));
        a.Commit();
        c.Commit();
        b.Dispose();
        var reused = await manager.ReserveAsync(1, Account, Node(10));
        var fresh = await manager.ReserveAsync(1, Account, Node(10));
        Assert.Equal([10UL, 11UL, 12UL, 11UL, 13UL], new[] { a.Nonce, b.Nonce, c.Nonce, reused.Nonce, fresh.Nonce });
    }

    [Fact]
    public async Task Accounts_and_chains_are_independent_and_reset_asks_the_node_again()
    {
        var manager = new NonceManager();
        var other = Address.Parse("0x000000000000000000000000000000000000b0b0");
        Assert.Equal(5UL, (await manager.ReserveAsync(1, Account, Node(5))).Nonce);
        Assert.Equal(50UL, (await manager.ReserveAsync(2, Account, Node(50))).Nonce);
        Assert.Equal(9UL, (await manager.ReserveAsync(1, other, Node(9))).Nonce);
        Assert.Equal(6UL, (await manager.ReserveAsync(1, Account, Node(99))).Nonce);

        var stale = await manager.ReserveAsync(1, Account, Node(99));
        manager.Reset(1, Account);
        stale.Dispose(); // a release from before the reset must not disturb the fresh count
        Assert.Equal(20UL, (await manager.ReserveAsync(1, Account, Node(20))).Nonce);
        Assert.Equal(21UL, (await manager.ReserveAsync(1, Account, Node(99))).Nonce);
        Assert.Equal(51UL, (await manager.ReserveAsync(2, Account, Node(99))).Nonce);
        manager.Reset();
        Assert.Equal(70UL, (await manager.ReserveAsync(2, Account, Node(70))).Nonce);
    }

    [Fact]
    public async Task Resync_moves_forward_to_the_node_but_never_reuses_a_nonce_in_flight()
    {
        var manager = new NonceManager();
        var inFlight = new List<NonceReservation>();
        for (int i = 0; i < 4; i++)
        {
            var r = await manager.ReserveAsync(1, Account, Node(5));
            r.Commit();
            inFlight.Add(r); // 5, 6, 7, 8 in flight; the node's pool shows only up to 6
        }
        manager.Resync(1, Account);
        Assert.Equal(9UL, (await manager.ReserveAsync(1, Account, Node(7))).Nonce);

        // Another wallet sent 20 transactions: the node is ahead, and the next reservation follows it.
        manager.Resync(1, Account);
        Assert.Equal(30UL, (await manager.ReserveAsync(1, Account, Node(30))).Nonce);
    }

    [Fact]
    public async Task Resync_forgets_given_back_nonces_the_node_has_passed_and_keeps_the_others()
    {
        var manager = new NonceManager();
        var r = new NonceReservation[5];
        for (int i = 0; i < 5; i++) r[i] = await manager.ReserveAsync(1, Account, Node(0));
        r[0].Commit();
        r[4].Commit();
        r[1].Dispose(); // 1 and 3 never reached the node
        r[2].Commit();
        r[3].Dispose();
        manager.Resync(1, Account);
        // The node counts 3 (another wallet filled nonce 1): 3 is still a hole of ours, 1 is gone.
        Assert.Equal(3UL, (await manager.ReserveAsync(1, Account, Node(3))).Nonce);
        Assert.Equal(5UL, (await manager.ReserveAsync(1, Account, Node(99))).Nonce);
    }

    [Fact]
    public async Task Release_of_a_dropped_nonce_hands_it_out_next_while_later_ones_stay_reserved()
    {
        var manager = new NonceManager();
        for (int i = 0; i < 3; i++) (await manager.ReserveAsync(1, Account, Node(40))).Commit();
        manager.Release(1, Account, 40);
        Assert.Equal(40UL, (await manager.ReserveAsync(1, Account, Node(99))).Nonce);
        Assert.Equal(43UL, (await manager.ReserveAsync(1, Account, Node(99))).Nonce);
        manager.Release(1, Account, 43); // the last one: the count simply steps back
        Assert.Equal(43UL, (await manager.ReserveAsync(1, Account, Node(99))).Nonce);
    }
}
