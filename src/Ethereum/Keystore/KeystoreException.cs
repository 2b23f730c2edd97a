namespace LiquidStake.Ethereum.Keystore;

/// <summary>A keystore file could not be decrypted: wrong password, corrupted or unsupported. Never contains key material.</summary>
public class KeystoreException : LiquidStakeException
{
    /// <summary>Creates a <see cref="KeystoreException"/> with the default message.</summary>
    public KeystoreException() { }

    /// <summary>Creates a <see cref="KeystoreException"/> with a message.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    public KeystoreException(string message) : base(message) { }

    /// <summary>Creates a <see cref="KeystoreException"/> with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    /// <param name="innerException">The underlying failure, or null.</param>
    public KeystoreException(string message, Exception? innerException) : base(message, innerException) { }
}
