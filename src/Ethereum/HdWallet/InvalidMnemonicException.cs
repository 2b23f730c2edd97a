namespace LiquidStake.Ethereum.HdWallet;

/// <summary>A mnemonic was refused: wrong word count, a word not in the list, or a bad checksum. The words are never echoed.</summary>
public class InvalidMnemonicException : LiquidStakeArgumentException
{
    /// <summary>Creates an <see cref="InvalidMnemonicException"/> with the default message.</summary>
    public InvalidMnemonicException() { }

    /// <summary>Creates an <see cref="InvalidMnemonicException"/> with a message.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    public InvalidMnemonicException(string message) : base(message) { }

    /// <summary>Creates an <see cref="InvalidMnemonicException"/> with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    /// <param name="innerException">The underlying failure, or null.</param>
    public InvalidMnemonicException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception naming the refused argument and the reason; the words themselves are never included.</summary>
    /// <param name="paramName">The caller's argument that holds the mnemonic.</param>
    /// <param name="reason">What is wrong with it (word count, unknown word, checksum).</param>
    public InvalidMnemonicException(string paramName, string reason) : base(paramName, reason) { }
}
