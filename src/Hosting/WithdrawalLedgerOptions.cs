namespace LiquidStake.Sdk.Hosting;

/// <summary>Which durable store keeps the withdrawal ledger.</summary>
public enum WithdrawalLedgerStore
{
    /// <summary>One SQLite file (the embedded default).</summary>
    Sqlite,

    /// <summary>A PostgreSQL database that several instances share.</summary>
    PostgreSql,
}

/// <summary>
/// The ledger's store chosen by configuration (<c>AddWithdrawalLedger(o => …)</c>, or bound from a configuration
/// section). Validated when the host starts; the connection string is never echoed.
/// </summary>
public sealed class WithdrawalLedgerOptions
{
    /// <summary>The store. Default <see cref="WithdrawalLedgerStore.Sqlite"/>.</summary>
    public WithdrawalLedgerStore Store { get; set; } = WithdrawalLedgerStore.Sqlite;

    /// <summary>The SQLite file, for <see cref="WithdrawalLedgerStore.Sqlite"/>. Default <c>liquidstake-ledger.db</c> in the working directory.</summary>
    public string SqlitePath { get; set; } = "liquidstake-ledger.db";

    /// <summary>The Npgsql connection string, for <see cref="WithdrawalLedgerStore.PostgreSql"/>. It may hold a password.</summary>
    public string? PostgreSqlConnectionString { get; set; }
}
