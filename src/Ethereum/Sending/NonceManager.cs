using System.Collections.Concurrent;

namespace LiquidStake.Ethereum.Sending;

/// <summary>
/// Hands out nonces per (chain id, address) so that concurrent sends from one account get a gap-free sequence.
/// The first nonce comes from the node (<c>eth_getTransactionCount</c> at <c>pending</c>); later ones are counted locally.
/// A nonce whose transaction provably never reached the node (or was dropped by it) is given back and reused by the
/// next reservation; nonces of transactions in flight stay reserved, also across a <see cref="Resync"/>.
/// </summary>
/// <remarks>Share one instance per process (register it as a singleton). Thread-safe.</remarks>
public sealed class NonceManager
{
    private readonly ConcurrentDictionary<(ulong ChainId, Address Address), AccountState> _accounts = new();

    /// <summary>Reserves the next nonce of <paramref name="address"/> on <paramref name="chainId"/>.</summary>
    /// <param name="chainId">The chain.</param>
    /// <param name="address">The sender.</param>
    /// <param name="fetchPendingNonce">Asks the node for the pending nonce; called only when the account is not yet tracked (or after a reset).</param>
    /// <param name="cancellationToken">Cancels waiting for the account's lock or the node.</param>
    public async Task<NonceReservation> ReserveAsync(ulong chainId, Address address, Func<CancellationToken, Task<ulong>> fetchPendingNonce, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fetchPendingNonce);
        var state = _accounts.GetOrAdd((chainId, address), static _ => new AccountState());
        await state.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (state.Next is null || state.NeedsResync)
            {
                ulong pending = await fetchPendingNonce(cancellationToken).ConfigureAwait(false);
                // Move forward to the node's count, never back below a nonce handed out here: those may be in flight.
                state.Next = state.Next is { } handedOut && handedOut > pending ? handedOut : pending;
                state.Returned.RemoveWhere(n => n < pending);
                state.NeedsResync = false;
            }
            ulong nonce;
            if (state.Returned.Count > 0)
            {
                nonce = state.Returned.Min;
                state.Returned.Remove(nonce);
            }
            else
            {
                nonce = state.Next.Value;
                state.Next = nonce + 1;
            }
            return new NonceReservation(state, state.Generation, nonce);
        }
        finally
        {
            state.Lock.Release();
        }
    }

    /// <summary>
    /// Re-synchronises one account with the node (for example after it said "nonce too low" because another wallet
    /// used the account): the next reservation asks the node's pending nonce and moves forward to it, but never hands
    /// out again a nonce this manager reserved before — those transactions may be in flight.
    /// </summary>
    public void Resync(ulong chainId, Address address)
    {
        if (!_accounts.TryGetValue((chainId, address), out var state)) return;
        state.Lock.Wait();
        try
        {
            state.NeedsResync = true;
        }
        finally
        {
            state.Lock.Release();
        }
    }

    /// <summary>
    /// Gives back <paramref name="nonce"/> of a transaction that will never be mined (the node dropped it and the
    /// account's nonce has not passed it), so the next reservation reuses it and the transactions behind it can mine.
    /// </summary>
    public void Release(ulong chainId, Address address, ulong nonce)
    {
        if (!_accounts.TryGetValue((chainId, address), out var state)) return;
        Return(state, generation: null, nonce);
    }

    /// <summary>
    /// Forgets every tracked account: the next reservation asks the node again. Unlike <see cref="Resync"/> this may
    /// hand out nonces of transactions still in flight; use it only when nothing is being sent.
    /// </summary>
    public void Reset()
    {
        foreach (var key in _accounts.Keys) Reset(key.ChainId, key.Address);
    }

    /// <summary>Forgets one account (see <see cref="Reset()"/>: only when nothing is being sent from it).</summary>
    public void Reset(ulong chainId, Address address)
    {
        if (!_accounts.TryGetValue((chainId, address), out var state)) return;
        state.Lock.Wait();
        try
        {
            state.Next = null;
            state.Returned.Clear();
            state.Generation++;
        }
        finally
        {
            state.Lock.Release();
        }
    }

    internal static void Return(AccountState state, long? generation, ulong nonce)
    {
        state.Lock.Wait();
        try
        {
            // A reset since the reservation means the node is the source of truth again.
            if (generation is { } g && state.Generation != g || state.Next is not { } next) return;
            if (nonce + 1 == next)
            {
                next = nonce;
                while (next > 0 && state.Returned.Remove(next - 1)) next--;
                state.Next = next;
            }
            else if (nonce < next)
            {
                state.Returned.Add(nonce);
            }
        }
        finally
        {
            state.Lock.Release();
        }
    }

    internal sealed class AccountState
    {
        public SemaphoreSlim Lock { get; } = new(1, 1);

        public ulong? Next { get; set; }

        public SortedSet<ulong> Returned { get; } = [];

        public long Generation { get; set; }

        public bool NeedsResync { get; set; }
    }
}

/// <summary>A reserved nonce. Call <see cref="Commit"/> once the transaction was broadcast; disposing without a commit gives the nonce back.</summary>
public sealed class NonceReservation : IDisposable
{
    private readonly NonceManager.AccountState _state;
    private readonly long _generation;
    private int _done;

    internal NonceReservation(NonceManager.AccountState state, long generation, ulong nonce)
    {
        _state = state;
        _generation = generation;
        Nonce = nonce;
    }

    /// <summary>The reserved nonce.</summary>
    public ulong Nonce { get; }

    /// <summary>Marks the nonce as used (the transaction reached the node).</summary>
    public void Commit() => Interlocked.Exchange(ref _done, 1);

    /// <summary>Gives the nonce back unless it was committed.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _done, 1) == 0) NonceManager.Return(_state, _generation, Nonce);
    }
}
