namespace LiquidStake;

/// <summary>Base of every exception that LiquidStake throws on purpose.</summary>
/// <remarks>Messages never contain key material. Catch this type to handle any LiquidStake failure.</remarks>
public class LiquidStakeException : Exception
{
    /// <summary>Creates a <see cref="LiquidStakeException"/> with the default message.</summary>
    public LiquidStakeException() { }

    /// <summary>Creates a <see cref="LiquidStakeException"/> with a message.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    public LiquidStakeException(string message) : base(message) { }

    /// <summary>Creates a <see cref="LiquidStakeException"/> with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    /// <param name="innerException">The underlying failure, or null.</param>
    public LiquidStakeException(string message, Exception? innerException) : base(message, innerException) { }
}

/// <summary>An argument was refused before anything was signed or sent: it names the argument, the reason and the limit.</summary>
public class LiquidStakeArgumentException : LiquidStakeException
{
    /// <summary>Creates a <see cref="LiquidStakeArgumentException"/> with the default message.</summary>
    public LiquidStakeArgumentException() { }

    /// <summary>Creates a <see cref="LiquidStakeArgumentException"/> with a message.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    public LiquidStakeArgumentException(string message) : base(message) { }

    /// <summary>Creates a <see cref="LiquidStakeArgumentException"/> with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    /// <param name="innerException">The underlying failure, or null.</param>
    public LiquidStakeArgumentException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception naming the refused argument, the reason and the limit it broke.</summary>
    /// <param name="paramName">The caller's argument that was refused.</param>
    /// <param name="reason">Why it was refused, in words.</param>
    /// <param name="limit">The limit that was broken (for example "at least 100 wei"), or null.</param>
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
    /// <summary>Creates an <see cref="EthereumFormatException"/> with the default message.</summary>
    public EthereumFormatException() { }

    /// <summary>Creates an <see cref="EthereumFormatException"/> with a message.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    public EthereumFormatException(string message) : base(message) { }

    /// <summary>Creates an <see cref="EthereumFormatException"/> with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    /// <param name="innerException">The underlying failure, or null.</param>
    public EthereumFormatException(string message, Exception? innerException) : base(message, innerException) { }
}
