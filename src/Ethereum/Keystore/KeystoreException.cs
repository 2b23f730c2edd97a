namespace LiquidStake.Ethereum.Keystore;

/// <summary>A keystore file could not be decrypted: wrong password, corrupted or unsupported. Never contains key material.</summary>
public class KeystoreException : LiquidStakeException
{
    public KeystoreException() { }

    public KeystoreException(string message) : base(message) { }

    public KeystoreException(string message, Exception? innerException) : base(message, innerException) { }
}
