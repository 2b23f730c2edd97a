using LiquidStake.Ethereum;

namespace LiquidStake.Sdk.Withdrawals;

/// <summary>
/// Optional: a provider that reads one withdrawal request by its id (Lido <c>getWithdrawalStatus</c>, EigenLayer
/// <c>pendingWithdrawals(root)</c>) instead of listing all of the owner's requests. <see cref="WithdrawalOperation"/>
/// and <see cref="InMemoryWithdrawalLedger"/> prefer it.
/// </summary>
public interface IWithdrawalRequestReader
{
    /// <summary>The request, or null when the chain does not know it (never requested, or dropped by a reorg).</summary>
    Task<WithdrawalRequest?> GetWithdrawalRequestAsync(Address owner, WithdrawalId id, CancellationToken cancellationToken = default);
}

/// <summary>A withdrawal the chain does not know (any more): the request was never mined or a reorg removed it.</summary>
public class WithdrawalNotFoundException : LiquidStakeException
{
    /// <summary>Creates a <see cref="WithdrawalNotFoundException"/> with the default message.</summary>
    public WithdrawalNotFoundException() { }

    /// <summary>Creates a <see cref="WithdrawalNotFoundException"/> with a message.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    public WithdrawalNotFoundException(string message) : base(message) { }

    /// <summary>Creates a <see cref="WithdrawalNotFoundException"/> with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    /// <param name="innerException">The underlying failure, or null.</param>
    public WithdrawalNotFoundException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception naming the withdrawal and its owner.</summary>
    /// <param name="id">The withdrawal that was looked for.</param>
    /// <param name="owner">The account it was looked for under.</param>
    public WithdrawalNotFoundException(WithdrawalId id, Address owner)
        : base($"The withdrawal {id} of {owner} is not known to the chain (never mined, or removed by a reorg).")
    {
        Id = id;
        Owner = owner;
    }

    /// <summary>The id that was looked for.</summary>
    public WithdrawalId? Id { get; }

    /// <summary>The owner it was looked for under.</summary>
    public Address Owner { get; }
}

/// <summary>Reads one request through a provider, by id when it can and by listing the owner's requests otherwise.</summary>
internal static class WithdrawalReads
{
    public static async Task<WithdrawalRequest?> FindAsync(IStakingProvider provider, Address owner, WithdrawalId id, CancellationToken cancellationToken)
    {
        if (provider is IWithdrawalRequestReader reader)
            return await reader.GetWithdrawalRequestAsync(owner, id, cancellationToken).ConfigureAwait(false);
        var all = await provider.GetWithdrawalRequestsAsync(owner, cancellationToken).ConfigureAwait(false);
        return all.FirstOrDefault(r => r.Id == id);
    }
}
