namespace LiquidStake.Ethereum.Abi;

/// <summary>ABI-encoded data is malformed or hostile (bad offsets or lengths, truncated words, dirty padding, invalid UTF-8).</summary>
public sealed class AbiDecodingException : EthereumFormatException
{
    /// <summary>Creates an <see cref="AbiDecodingException"/> with the default message.</summary>
    public AbiDecodingException() { }

    /// <summary>Creates an <see cref="AbiDecodingException"/> with a message.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    public AbiDecodingException(string message) : base(message) { }

    /// <summary>Creates an <see cref="AbiDecodingException"/> with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    /// <param name="innerException">The underlying failure, or null.</param>
    public AbiDecodingException(string message, Exception? innerException) : base(message, innerException) { }
}

/// <summary>A value cannot be ABI-encoded as the requested type; the message names the value, the type and the limit.</summary>
public sealed class AbiEncodingException : LiquidStakeArgumentException
{
    /// <summary>Creates an <see cref="AbiEncodingException"/> with the default message.</summary>
    public AbiEncodingException() { }

    /// <summary>Creates an <see cref="AbiEncodingException"/> with a message.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    public AbiEncodingException(string message) : base(message) { }

    /// <summary>Creates an <see cref="AbiEncodingException"/> with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    /// <param name="innerException">The underlying failure, or null.</param>
    public AbiEncodingException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception naming the refused argument, why it cannot be encoded and the limit.</summary>
    /// <param name="paramName">The caller's argument that holds the value.</param>
    /// <param name="reason">Why the value does not fit the ABI type, in words.</param>
    /// <param name="limit">The range or length the type allows, or null.</param>
    public AbiEncodingException(string paramName, string reason, string? limit) : base(paramName, reason, limit) { }
}
