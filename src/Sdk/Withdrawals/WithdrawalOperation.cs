using LiquidStake.Ethereum;

namespace LiquidStake.Sdk.Withdrawals;

/// <summary>
/// A withdrawal as a resumable long-running operation: store <see cref="Id"/> (its text form) and the owner, rebuild
/// the operation later with <see cref="Resume"/>, poll it with <see cref="UpdateStatusAsync"/> or await
/// <see cref="WaitUntilClaimableAsync"/>, then <see cref="PrepareClaimAsync"/>. Thread-safe.
/// </summary>
public class WithdrawalOperation
{
    private readonly TimeProvider _timeProvider = TimeProvider.System;
    private WithdrawalRequest? _latest;

    /// <summary>For mocking only.</summary>
    protected WithdrawalOperation()
    {
        Provider = null!;
        Id = null!;
    }

    /// <summary>Creates an operation for a known request.</summary>
    /// <param name="provider">The provider of <paramref name="id"/>'s protocol.</param>
    /// <param name="owner">The account that can claim.</param>
    /// <param name="id">The request id.</param>
    /// <param name="timeProvider">The clock used for waiting; null for the system clock.</param>
    /// <param name="latest">The last known state, if any.</param>
    public WithdrawalOperation(IStakingProvider provider, Address owner, WithdrawalId id, TimeProvider? timeProvider = null, WithdrawalRequest? latest = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(id);
        if (provider.Id != id.Protocol)
            throw new LiquidStakeArgumentException(nameof(provider), $"the withdrawal {id} belongs to '{id.Protocol}', not to '{provider.Id}'", $"the {id.Protocol} provider");
        Provider = provider;
        Owner = owner;
        Id = id;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _latest = latest;
    }

    /// <summary>Rebuilds an operation from a stored id (<see cref="WithdrawalId.ToString"/>) and its owner.</summary>
    /// <param name="storedId">For example <c>lido:123</c> or <c>eigenlayer:0x…</c>.</param>
    /// <param name="owner">The account that can claim.</param>
    /// <param name="providers">The registered providers; the one of the id's protocol is used.</param>
    /// <param name="timeProvider">The clock used for waiting; null for the system clock.</param>
    /// <exception cref="LiquidStakeArgumentException">The id is malformed or no provider serves its protocol.</exception>
    public static WithdrawalOperation Resume(string storedId, Address owner, IEnumerable<IStakingProvider> providers, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(providers);
        var id = WithdrawalId.Parse(storedId, nameof(storedId));
        var provider = providers.FirstOrDefault(p => p.Id == id.Protocol)
            ?? throw new LiquidStakeArgumentException(nameof(storedId), $"no provider is registered for the protocol '{id.Protocol}' of {storedId}");
        return new WithdrawalOperation(provider, owner, id, timeProvider);
    }

    /// <summary>The provider that serves the request.</summary>
    public IStakingProvider Provider { get; }

    /// <summary>The account that can claim.</summary>
    public Address Owner { get; }

    /// <summary>The request id; its text form is what to store.</summary>
    public WithdrawalId Id { get; }

    /// <summary>The state read by the last update, or null before the first.</summary>
    public WithdrawalRequest? Latest => Volatile.Read(ref _latest);

    /// <summary>The last known status, or null before the first update.</summary>
    public WithdrawalStatus? Status => Latest?.Status;

    /// <summary>True once the request was seen claimable or claimed.</summary>
    public bool IsClaimable => Status is WithdrawalStatus.Claimable or WithdrawalStatus.Claimed;

    /// <summary>Reads the request's current state from the chain.</summary>
    /// <exception cref="WithdrawalNotFoundException">The chain does not know the request (never mined or removed by a reorg).</exception>
    public virtual async Task<WithdrawalRequest> UpdateStatusAsync(CancellationToken cancellationToken = default)
    {
        var request = await WithdrawalReads.FindAsync(Provider, Owner, Id, cancellationToken).ConfigureAwait(false)
            ?? throw new WithdrawalNotFoundException(Id, Owner);
        Volatile.Write(ref _latest, request);
        return request;
    }

    /// <summary>
    /// Polls until the request is claimable (or already claimed) and returns that state, giving up after
    /// <paramref name="timeout"/> (<see cref="Timeout.InfiniteTimeSpan"/> waits without a limit). Waits
    /// <see cref="WithdrawalWaitOptions.PollInterval"/> between reads, or less when the protocol's estimate says it becomes
    /// claimable sooner or the timeout is nearer. Delays use the operation's <see cref="TimeProvider"/>.
    /// </summary>
    /// <param name="timeout">How long to wait at most; positive, or <see cref="Timeout.InfiniteTimeSpan"/>.</param>
    /// <param name="options">The poll interval; null for <see cref="WithdrawalWaitOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="LiquidStakeArgumentException">The timeout or the poll interval is not positive.</exception>
    /// <exception cref="WithdrawalWaitTimeoutException">Still not claimable when the timeout passed; carries the last state.</exception>
    /// <exception cref="WithdrawalNotFoundException">The request disappeared.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public virtual async Task<WithdrawalRequest> WaitUntilClaimableAsync(TimeSpan timeout, WithdrawalWaitOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
            throw new LiquidStakeArgumentException(nameof(timeout), $"must be positive or Timeout.InfiniteTimeSpan, got {timeout}", "> 0");
        var interval = (options ?? WithdrawalWaitOptions.Default).PollInterval;
        if (interval <= TimeSpan.Zero)
            throw new LiquidStakeArgumentException($"{nameof(options)}.{nameof(WithdrawalWaitOptions.PollInterval)}", $"must be positive, got {interval}", "> 0");
        DateTimeOffset? deadline = timeout == Timeout.InfiniteTimeSpan ? null : _timeProvider.GetUtcNow() + timeout;
        while (true)
        {
            var request = await UpdateStatusAsync(cancellationToken).ConfigureAwait(false);
            if (request.Status is WithdrawalStatus.Claimable or WithdrawalStatus.Claimed) return request;
            var now = _timeProvider.GetUtcNow();
            var delay = interval;
            if (request.EstimatedClaimableAt is { } eta && eta - now > TimeSpan.Zero && eta - now < delay) delay = eta - now;
            if (deadline is { } end)
            {
                if (now >= end) throw new WithdrawalWaitTimeoutException(Id, timeout, request);
                // The last read happens at the deadline, so a request that became claimable just in time is not missed.
                if (end - now < delay) delay = end - now;
            }
            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Prepares the claim of this request.</summary>
    public virtual Task<PreparedTransaction> PrepareClaimAsync(CancellationToken cancellationToken = default) =>
        Provider.PrepareClaimAsync(Owner, [Id], cancellationToken);

    /// <inheritdoc/>
    public override string ToString() => $"{Id} ({Status?.ToString() ?? "not read yet"})";
}
