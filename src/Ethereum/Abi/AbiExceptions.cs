namespace LiquidStake.Ethereum.Abi;

/// <summary>ABI-encoded data is malformed or hostile (bad offsets or lengths, truncated words, dirty padding, invalid UTF-8).</summary>
public sealed class AbiDecodingException : EthereumFormatException
{
    public AbiDecodingException() { }

    public AbiDecodingException(string message) : base(message) { }

    public AbiDecodingException(string message, Exception? innerException) : base(message, innerException) { }
}

/// <summary>A value cannot be ABI-encoded as the requested type; the message names the value, the type and the limit.</summary>
public sealed class AbiEncodingException : LiquidStakeArgumentException
{
    public AbiEncodingException() { }

    public AbiEncodingException(string message) : base(message) { }

    public AbiEncodingException(string message, Exception? innerException) : base(message, innerException) { }

    public AbiEncodingException(string paramName, string reason, string? limit) : base(paramName, reason, limit) { }
}
