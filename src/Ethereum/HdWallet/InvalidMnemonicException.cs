namespace LiquidStake.Ethereum.HdWallet;

/// <summary>A mnemonic was refused: wrong word count, a word not in the list, or a bad checksum. The words are never echoed.</summary>
public class InvalidMnemonicException : LiquidStakeArgumentException
{
    public InvalidMnemonicException() { }

    public InvalidMnemonicException(string message) : base(message) { }

    public InvalidMnemonicException(string message, Exception? innerException) : base(message, innerException) { }

    public InvalidMnemonicException(string paramName, string reason) : base(paramName, reason) { }
}
