namespace LiquidStake.Sdk.Services;

/// <summary>
/// One provider's answer in a side-by-side call: either a value or the error that provider raised. One provider's
/// failure never hides the answers of the others.
/// </summary>
/// <typeparam name="T">The answer type.</typeparam>
/// <param name="Protocol">The provider that answered.</param>
/// <param name="Value">The answer, when the call succeeded.</param>
/// <param name="Error">The failure, when it did not.</param>
public sealed record ProviderResult<T>(ProtocolId Protocol, T? Value, Exception? Error)
{
    /// <summary>True when the provider answered.</summary>
    public bool Succeeded => Error is null;

    /// <summary>The value, or the provider's exception rethrown.</summary>
    public T GetValueOrThrow() =>
        Error is null ? Value! : throw new ProviderFailedException(Protocol, Error);
}

/// <summary>Factory methods for <see cref="ProviderResult{T}"/>.</summary>
public static class ProviderResult
{
    /// <summary>A successful answer.</summary>
    public static ProviderResult<T> Success<T>(ProtocolId protocol, T value) => new(protocol, value, null);

    /// <summary>A failed answer.</summary>
    public static ProviderResult<T> Failure<T>(ProtocolId protocol, Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(protocol, default, error);
    }
}

/// <summary>A provider failed during a side-by-side call; the inner exception is the provider's own.</summary>
public class ProviderFailedException : LiquidStakeException
{
    /// <summary>Creates a <see cref="ProviderFailedException"/> with the default message.</summary>
    public ProviderFailedException() { }

    /// <summary>Creates a <see cref="ProviderFailedException"/> with a message.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    public ProviderFailedException(string message) : base(message) { }

    /// <summary>Creates a <see cref="ProviderFailedException"/> with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, in words (never key material).</param>
    /// <param name="innerException">The underlying failure, or null.</param>
    public ProviderFailedException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for a provider that failed; the message is the protocol and the inner message.</summary>
    /// <param name="protocol">The provider that failed.</param>
    /// <param name="innerException">The provider's own exception.</param>
    public ProviderFailedException(ProtocolId protocol, Exception innerException)
        : base($"{protocol}: {innerException?.Message}", innerException) => Protocol = protocol;

    /// <summary>The provider that failed.</summary>
    public ProtocolId Protocol { get; }
}
