namespace LiquidStake.Ethereum.Rlp;

/// <summary>RLP bytes are malformed, non-canonical or hostile (bad lengths, trailing bytes, too deep).</summary>
public class RlpException : EthereumFormatException
{
    /// <summary>Creates a <see cref="RlpException"/> with the default message.</summary>
    public RlpException() { }

    /// <summary>Creates a <see cref="RlpException"/> with a message.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    public RlpException(string message) : base(message) { }

    /// <summary>Creates a <see cref="RlpException"/> with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    /// <param name="innerException">The underlying failure, or null.</param>
    public RlpException(string message, Exception? innerException) : base(message, innerException) { }
}
