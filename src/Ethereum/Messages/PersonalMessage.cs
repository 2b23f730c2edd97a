using System.Globalization;
using System.Text;

namespace LiquidStake.Ethereum.Messages;

/// <summary>EIP-191 version 0x45 (<c>personal_sign</c>): keccak256("\x19Ethereum Signed Message:\n" + length + message).</summary>
public static class PersonalMessage
{
    private const string Prefix = "\u0019Ethereum Signed Message:\n";

    /// <summary>The hash that <c>personal_sign</c> signs for <paramref name="message"/> bytes.</summary>
    public static Hash32 Hash(ReadOnlySpan<byte> message)
    {
        var header = Encoding.ASCII.GetBytes(Prefix + message.Length.ToString(CultureInfo.InvariantCulture));
        var digest = new Org.BouncyCastle.Crypto.Digests.KeccakDigest(256);
        digest.BlockUpdate(header);
        digest.BlockUpdate(message);
        Span<byte> hash = stackalloc byte[32];
        digest.DoFinal(hash);
        return new Hash32(hash);
    }

    /// <summary>The hash for the UTF-8 bytes of <paramref name="message"/>.</summary>
    public static Hash32 Hash(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Hash(Encoding.UTF8.GetBytes(message));
    }

    /// <summary>Recovers the address that signed <paramref name="message"/> with <c>personal_sign</c>.</summary>
    public static Address RecoverSigner(ReadOnlySpan<byte> message, Signing.Signature signature) =>
        Signing.Secp256k1.Recover(Hash(message), signature);
}
