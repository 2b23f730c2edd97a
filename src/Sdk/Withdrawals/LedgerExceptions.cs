namespace LiquidStake.Sdk.Withdrawals;

/// <summary>The ledger's store cannot be used: unreachable, corrupt, foreign or from a newer version. Thrown at start-up.</summary>
public class LedgerStorageException : LiquidStakeException
{
    /// <summary>Creates the exception.</summary>
    public LedgerStorageException() { }

    /// <summary>Creates the exception with a message.</summary>
    public LedgerStorageException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public LedgerStorageException(string message, Exception? innerException) : base(message, innerException) { }
}

/// <summary>The database holds something else than a LiquidStake ledger, or a ledger of a schema this version does not know.</summary>
public class LedgerSchemaException : LedgerStorageException
{
    /// <summary>Creates the exception.</summary>
    public LedgerSchemaException() { }

    /// <summary>Creates the exception with a message.</summary>
    public LedgerSchemaException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public LedgerSchemaException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for a schema version.</summary>
    public LedgerSchemaException(string message, int foundVersion, int supportedVersion) : base(message)
    {
        FoundVersion = foundVersion;
        SupportedVersion = supportedVersion;
    }

    /// <summary>The schema version found in the database, when it is a ledger.</summary>
    public int? FoundVersion { get; }

    /// <summary>The newest schema version this library knows.</summary>
    public int? SupportedVersion { get; }
}

/// <summary>A worker tried to write under a lease it no longer holds (it expired and another worker took it). Nothing was written.</summary>
public class LedgerLeaseLostException : LiquidStakeException
{
    /// <summary>Creates the exception.</summary>
    public LedgerLeaseLostException() { }

    /// <summary>Creates the exception with a message.</summary>
    public LedgerLeaseLostException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public LedgerLeaseLostException(string message, Exception? innerException) : base(message, innerException) { }
}
