namespace LiquidStake.Sdk.Storage;

/// <summary>The ledger's tables and their versioned migrations, written once for every dialect.</summary>
internal static class LedgerSchema
{
    /// <summary>What the <c>ls_schema</c> table's <c>app</c> key holds in a LiquidStake ledger.</summary>
    public const string ApplicationMarker = "liquidstake-withdrawal-ledger";

    /// <summary>The entries table.</summary>
    public const string Entries = "ls_withdrawal";

    /// <summary>The state history table.</summary>
    public const string History = "ls_withdrawal_history";

    /// <summary>The schema bookkeeping table.</summary>
    public const string Meta = "ls_schema";

    /// <summary>The columns every entry query selects, in the order <c>EntryRows</c> reads them.</summary>
    public const string EntryColumns =
        "id, protocol, owner, state, recorded_at, last_checked_at, request_tx, note, " +
        "lk_token_symbol, lk_token_name, lk_token_address, lk_token_decimals, lk_token_accounting, lk_amount_requested, " +
        "lk_amount_claimable, lk_status, lk_requested_at, lk_claimable_at_block, lk_estimated_at, " +
        "amount_claimed, claim_tx, request_block, request_block_hash, claim_block, claim_block_hash, " +
        "pending_tx, pending_from, pending_nonce, pending_raw, pending_at, lease_holder, lease_until";

    /// <summary>The migrations in order; migration i brings the schema from version i to i + 1. Never edit a shipped one: add the next.</summary>
    public static IReadOnlyList<Func<SqlDialect, string[]>> Migrations { get; } =
    [
        d =>
        [
            $"CREATE TABLE {Entries} (" +
            "id TEXT PRIMARY KEY, protocol TEXT NOT NULL, owner TEXT NOT NULL, state TEXT NOT NULL, " +
            "recorded_at BIGINT NOT NULL, last_checked_at BIGINT, request_tx TEXT, note TEXT, " +
            "lk_token_symbol TEXT, lk_token_name TEXT, lk_token_address TEXT, lk_token_decimals INTEGER, lk_token_accounting TEXT, " +
            "lk_amount_requested TEXT, lk_amount_claimable TEXT, lk_status TEXT, lk_requested_at BIGINT, lk_claimable_at_block BIGINT, lk_estimated_at BIGINT, " +
            "amount_claimed TEXT, claim_tx TEXT, request_block BIGINT, request_block_hash TEXT, claim_block BIGINT, claim_block_hash TEXT, " +
            $"pending_tx TEXT, pending_from TEXT, pending_nonce BIGINT, pending_raw {d.BinaryType}, pending_at BIGINT, " +
            "lease_holder TEXT, lease_until BIGINT)",
            $"CREATE INDEX ix_{Entries}_owner ON {Entries} (owner, protocol, state)",
            $"CREATE INDEX ix_{Entries}_state ON {Entries} (state, lease_until)",
            $"CREATE INDEX ix_{Entries}_pending ON {Entries} (pending_tx)",
            $"CREATE INDEX ix_{Entries}_claim ON {Entries} (claim_tx)",
            $"CREATE TABLE {History} (seq {d.AutoIncrementKey}, id TEXT NOT NULL, state TEXT NOT NULL, block_number BIGINT, at BIGINT NOT NULL, note TEXT)",
            $"CREATE INDEX ix_{History}_id ON {History} (id, seq)",
        ],
    ];

    /// <summary>The newest schema version this library writes.</summary>
    public static int CurrentVersion => Migrations.Count;
}
