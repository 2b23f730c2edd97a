using System.Runtime.CompilerServices;
using LiquidStake.Ethereum;

namespace LiquidStake.Sdk;

/// <summary>
/// The one pre-flight check of address arguments shared by every public <c>Prepare*</c>/<c>Quote*</c> entry point:
/// run first, before any read or signature, so a zero account or recipient is refused as the caller's argument instead of
/// surfacing later as "insufficient balance" or a simulated revert. The parameter name comes from the call site, so it
/// is always the public method's own parameter.
/// </summary>
internal static class AddressArguments
{
    /// <summary>Refuses <see cref="Address.Zero"/> (also <c>default(Address)</c>).</summary>
    public static void RequireNonZero(Address value, [CallerArgumentExpression(nameof(value))] string paramName = "")
    {
        if (value == Address.Zero) throw ZeroAddress(paramName);
    }

    /// <summary>Refuses <see cref="Address.Zero"/> when a value is given; null keeps its documented meaning (a default).</summary>
    public static void RequireNonZero(Address? value, [CallerArgumentExpression(nameof(value))] string paramName = "")
    {
        if (value is { } given && given == Address.Zero) throw ZeroAddress(paramName);
    }

    /// <summary>Refuses <see cref="Address.Zero"/> and <paramref name="forbidden"/>, an address the protocol itself rejects there.</summary>
    /// <param name="value">The caller's address.</param>
    /// <param name="forbidden">The address the protocol refuses (for example the token contract itself).</param>
    /// <param name="why">The protocol's rule, in words, naming its revert reason where it has one.</param>
    /// <param name="paramName">Filled in by the compiler with the caller's parameter name.</param>
    public static void RequireNonZeroAndNot(Address value, Address forbidden, string why, [CallerArgumentExpression(nameof(value))] string paramName = "")
    {
        RequireNonZero(value, paramName);
        if (value == forbidden) throw new LiquidStakeArgumentException(Name(paramName), $"{value} is refused: {why}", "another address");
    }

    // The call site's expression keeps a verbatim prefix (@operator); the parameter's name has none.
    private static string Name(string expression) => expression.TrimStart('@');

    private static LiquidStakeArgumentException ZeroAddress(string paramName) =>
        new(Name(paramName), "the zero address is not an account, recipient or contract (tokens sent there are lost)", "a non-zero address");
}
