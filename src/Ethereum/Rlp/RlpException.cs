namespace LiquidStake.Ethereum.Rlp;

/// <summary>RLP bytes are malformed, non-canonical or hostile (bad lengths, trailing bytes, too deep).</summary>
public class RlpException : EthereumFormatException
{
    public RlpException() { }

    public RlpException(string message) : base(message) { }

    public RlpException(string message, Exception? innerException) : base(message, innerException) { }
}
