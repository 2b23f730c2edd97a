using System.Data.Common;
using System.Globalization;
using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Sdk.Withdrawals;

namespace LiquidStake.Sdk.Storage;

/// <summary>Maps <see cref="WithdrawalLedgerEntry"/> to the columns of <see cref="LedgerSchema.EntryColumns"/> and back.</summary>
internal static class EntryRows
{
    /// <summary>The columns besides <c>id</c>, in the order of <see cref="LedgerSchema.EntryColumns"/>.</summary>
    private static readonly string[] ValueColumns = LedgerSchema.EntryColumns.Split(", ")[1..];

    public static readonly string InsertSql =
        $"INSERT INTO {LedgerSchema.Entries} ({LedgerSchema.EntryColumns}) VALUES (@id, {string.Join(", ", ValueColumns.Select(c => "@" + c))})";

    public static readonly string UpdateSql =
        $"UPDATE {LedgerSchema.Entries} SET {string.Join(", ", ValueColumns.Select(c => $"{c} = @{c}"))} WHERE id = @id";

    public static long Millis(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static KeyValuePair<string, object?>[] Parameters(WithdrawalLedgerEntry e)
    {
        var k = e.LastKnown;
        object?[] values =
        [
            e.Id.ToString(), e.Protocol.Value, e.Owner.ToString(), e.State.ToString(), Millis(e.RecordedAt), e.LastCheckedAt is { } c ? Millis(c) : null,
            e.TransactionHash?.ToString(), e.Note,
            k?.Token.Symbol, k?.Token.Name, k?.Token.Address.ToString(), k?.Token.Decimals, k?.Token.Accounting.ToString(),
            k?.AmountRequested.ToString(CultureInfo.InvariantCulture), k?.AmountClaimable?.ToString(CultureInfo.InvariantCulture), k?.Status.ToString(),
            k?.RequestedAt is { } ra ? Millis(ra) : null, k?.ClaimableAtBlock is { } cb ? checked((long)cb) : null, k?.EstimatedClaimableAt is { } ea ? Millis(ea) : null,
            e.AmountClaimed?.ToString(CultureInfo.InvariantCulture), e.ClaimTransactionHash?.ToString(),
            e.RequestBlock is { } rb ? checked((long)rb.Number) : null, e.RequestBlock?.Hash.ToString(),
            e.ClaimBlock is { } clb ? checked((long)clb.Number) : null, e.ClaimBlock?.Hash.ToString(),
            e.PendingClaim?.Hash.ToString(), e.PendingClaim?.From.ToString(), e.PendingClaim is { } pn ? checked((long)pn.Nonce) : null,
            e.PendingClaim?.Raw.ToArray(), e.PendingClaim is { } pa ? Millis(pa.SignedAt) : null,
            e.LeaseHolder, e.LeaseUntil is { } lu ? Millis(lu) : null,
        ];
        var names = LedgerSchema.EntryColumns.Split(", ");
        return names.Select((n, i) => new KeyValuePair<string, object?>("@" + n, values[i])).ToArray();
    }

    public static WithdrawalLedgerEntry Read(DbDataReader r)
    {
        var id = WithdrawalId.Parse(r.GetString(0));
        var owner = Address.Parse(r.GetString(2));
        WithdrawalRequest? lastKnown = null;
        if (!r.IsDBNull(15))
        {
            var token = new StakingToken(r.GetString(8), r.GetString(9), Address.Parse(r.GetString(10)), Convert.ToInt32(r.GetValue(11), CultureInfo.InvariantCulture),
                Enum.Parse<TokenAccounting>(r.GetString(12)));
            lastKnown = new WithdrawalRequest(id, owner, token, Big(r, 13)!.Value, Big(r, 14), Enum.Parse<WithdrawalStatus>(r.GetString(15)),
                Time(r, 16), ULong(r, 17), Time(r, 18));
        }
        PendingClaim? pending = r.IsDBNull(25) ? null : new PendingClaim(
            Hash32.Parse(r.GetString(25)), Address.Parse(r.GetString(26)), ULong(r, 27)!.Value, (byte[])r.GetValue(28), Time(r, 29)!.Value);
        return new WithdrawalLedgerEntry(
            id, owner, Enum.Parse<LedgerEntryState>(r.GetString(3)), lastKnown, Time(r, 4)!.Value, Time(r, 5),
            HashOrNull(r, 6), r.IsDBNull(7) ? null : r.GetString(7),
            Big(r, 19), HashOrNull(r, 20), Block(r, 21, 22), Block(r, 23, 24), pending,
            r.IsDBNull(30) ? null : r.GetString(30), Time(r, 31));
    }

    private static BigInteger? Big(DbDataReader r, int i) => r.IsDBNull(i) ? null : BigInteger.Parse(r.GetString(i), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private static long? Long(DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);

    private static ulong? ULong(DbDataReader r, int i) => Long(r, i) is { } v ? checked((ulong)v) : null;

    private static DateTimeOffset? Time(DbDataReader r, int i) => Long(r, i) is { } v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;

    private static Hash32? HashOrNull(DbDataReader r, int i) => r.IsDBNull(i) ? null : Hash32.Parse(r.GetString(i));

    private static BlockRef? Block(DbDataReader r, int number, int hash) =>
        r.IsDBNull(number) || r.IsDBNull(hash) ? null : new BlockRef(ULong(r, number)!.Value, Hash32.Parse(r.GetString(hash)));
}
