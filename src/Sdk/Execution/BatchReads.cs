using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Multicall;
using LiquidStake.Ethereum.Rpc;

namespace LiquidStake.Sdk;

/// <summary>
/// Many-account reads in one Multicall3 pass: a few shared calls (rates, totals) once, then the same short list of calls
/// per account. The context's Multicall3 client splits the calls into chunks and sends the chunks as one JSON-RPC batch,
/// so one pass is one HTTP request whatever the number of accounts.
/// </summary>
internal static class BatchReads
{
    /// <summary>
    /// Gas hint for one simple view (a balance or a few storage reads) inside <c>aggregate3</c>. Without a hint the chunker
    /// assumes a million gas per call and would cut a thousand balance reads into dozens of chunks.
    /// </summary>
    public const ulong SimpleViewGas = 60_000;

    /// <summary>A read that may fail inside the batch (its revert is decoded and thrown by <see cref="ReadAsync"/>), with a small gas hint.</summary>
    public static MulticallCall View(Address target, byte[] callData) => new(target, callData, AllowFailure: true, GasHint: SimpleViewGas);

    /// <summary>The accounts without duplicates, in first-seen order; refuses a null list.</summary>
    public static Address[] DistinctAccounts(IReadOnlyList<Address> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        return accounts.Distinct().ToArray();
    }

    /// <summary>Runs every call in one pass and returns the return data in order; a failed call throws its decoded revert.</summary>
    public static async Task<byte[][]> ReadAsync(LiquidStakeContext context, IReadOnlyList<MulticallCall> calls, CancellationToken cancellationToken)
    {
        if (calls.Count == 0) return [];
        var results = await context.Multicall.AggregateAsync(calls, BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
        var data = new byte[results.Count][];
        for (int i = 0; i < results.Count; i++)
        {
            if (!results[i].Success) throw context.DecodeRevert(results[i].ReturnData);
            data[i] = results[i].ReturnData;
        }
        return data;
    }

    /// <summary>
    /// Reads <paramref name="shared"/> once and <paramref name="perAccount"/>'s calls for every account (the same number
    /// for each) in one pass, and maps each account's results to its value.
    /// </summary>
    public static async Task<IReadOnlyDictionary<Address, T>> ReadPerAccountAsync<T>(
        LiquidStakeContext context,
        IReadOnlyList<MulticallCall> shared,
        IReadOnlyList<Address> accounts,
        Func<Address, MulticallCall[]> perAccount,
        Func<Address, IReadOnlyList<byte[]>, IReadOnlyList<byte[]>, T> map,
        CancellationToken cancellationToken)
    {
        var distinct = DistinctAccounts(accounts);
        if (distinct.Length == 0) return new Dictionary<Address, T>();
        var calls = new List<MulticallCall>(shared.Count + (distinct.Length * 4));
        calls.AddRange(shared);
        int perCount = -1;
        foreach (var account in distinct)
        {
            var own = perAccount(account);
            if (perCount >= 0 && own.Length != perCount)
                throw new InvalidOperationException("Every account must contribute the same number of calls to a batch read.");
            perCount = own.Length;
            calls.AddRange(own);
        }
        var data = await ReadAsync(context, calls, cancellationToken).ConfigureAwait(false);
        var sharedData = new ArraySegment<byte[]>(data, 0, shared.Count);
        var result = new Dictionary<Address, T>(distinct.Length);
        for (int i = 0; i < distinct.Length; i++)
            result[distinct[i]] = map(distinct[i], sharedData, new ArraySegment<byte[]>(data, shared.Count + (i * perCount), perCount));
        return result;
    }
}
