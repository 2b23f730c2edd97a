namespace LiquidStake;

/// <summary>Base of every exception that LiquidStake throws on purpose.</summary>
/// <remarks>Messages never contain key material. Catch this type to handle any LiquidStake failure.</remarks>
public class LiquidStakeException : Exception
{
    public LiquidStakeException() { }

    public LiquidStakeException(string message) : base(message) { }

    public LiquidStakeException(string message, Exception? innerException) : base(message, innerException) { }
}

/// <summary>An argument was refused before anything was signed or sent: it names the argument, the reason and the limit.</summary>
public class LiquidStakeArgumentException : LiquidStakeException
{
    public LiquidStakeArgumentException() { }

    public LiquidStakeArgumentException(string message) : base(message) { }

    public LiquidStakeArgumentException(string message, Exception? innerException) : base(message, innerException) { }

    public LiquidStakeArgumentException(string paramName, string reason, string? limit = null)
        : base(FormatMessage(paramName, reason, limit))
    {
        ParamName = paramName;
        Reason = reason;
        Limit = limit;
    }

    /// <summary>The name of the argument that was refused.</summary>
    public string? ParamName { get; }

    /// <summary>Why it was refused, in words.</summary>
    public string? Reason { get; }

    /// <summary>The limit that was broken, when there is one (for example "at least 100 wei").</summary>
    public string? Limit { get; }

    private static string FormatMessage(string paramName, string reason, string? limit) =>
        limit is null ? $"Invalid argument '{paramName}': {reason}." : $"Invalid argument '{paramName}': {reason} (limit: {limit}).";
}

/// <summary>Bytes or text could not be decoded (hex, RLP, ABI, raw transactions, JSON): the data is malformed or hostile.</summary>
public class EthereumFormatException : LiquidStakeException
{
    public EthereumFormatException() { }

    public EthereumFormatException(string message) : base(message) { }

    public EthereumFormatException(string message, Exception? innerException) : base(message, innerException) { }
}
