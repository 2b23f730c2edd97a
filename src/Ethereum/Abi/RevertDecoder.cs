using System.Globalization;
using System.Numerics;
using LiquidStake.Ethereum.Contracts;

namespace LiquidStake.Ethereum.Abi;

/// <summary>What kind of revert data was seen.</summary>
public enum RevertKind
{
    /// <summary>No revert data (<c>revert()</c>, <c>require(cond)</c> without message, out of gas, or an invalid opcode).</summary>
    Empty,

    /// <summary><c>Error(string)</c>: <c>require(cond, "message")</c> or <c>revert("message")</c>.</summary>
    ErrorString,

    /// <summary><c>Panic(uint256)</c>: a compiler-inserted check failed (overflow, division by zero, assert...).</summary>
    Panic,

    /// <summary>A custom error found in the known errors.</summary>
    Custom,

    /// <summary>Data that matches no known error, or a known selector with malformed arguments.</summary>
    Unknown,
}

/// <summary>Decoded revert data.</summary>
/// <param name="Kind">What kind of revert this is.</param>
/// <param name="Name"><c>Error</c>, <c>Panic</c>, the custom error's name, or empty for <see cref="RevertKind.Empty"/>/<see cref="RevertKind.Unknown"/>.</param>
/// <param name="Arguments">The decoded arguments (the message for Error, the code as BigInteger for Panic).</param>
/// <param name="Message">A human-readable explanation.</param>
public sealed record RevertReason(RevertKind Kind, string Name, IReadOnlyList<object?> Arguments, string Message)
{
    /// <summary>The 4-byte selector at the start of the data, or null when there were fewer than 4 bytes.</summary>
    public uint? Selector { get; init; }
}

/// <summary>Decodes revert data: <c>Error(string)</c>, <c>Panic(uint256)</c> and custom errors.</summary>
/// <remarks>Never throws for malformed data: a revert must always be reportable, so undecodable data gives <see cref="RevertKind.Unknown"/>.</remarks>
public static class RevertDecoder
{
    /// <summary>The selector of <c>Error(string)</c>.</summary>
    public const uint ErrorSelector = 0x08c379a0;

    /// <summary>The selector of <c>Panic(uint256)</c>.</summary>
    public const uint PanicSelector = 0x4e487b71;

    private static readonly AbiType[] StringArgument = [AbiType.StringType];
    private static readonly AbiType[] UInt256Argument = [AbiType.UInt256];

    /// <summary>Decodes <paramref name="revertData"/>, looking custom errors up in <paramref name="knownErrors"/>.</summary>
    public static RevertReason Decode(ReadOnlySpan<byte> revertData, IReadOnlyList<AbiError>? knownErrors = null)
    {
        if (revertData.IsEmpty) return new RevertReason(RevertKind.Empty, string.Empty, [], "execution reverted without data");
        if (revertData.Length < 4)
            return new RevertReason(RevertKind.Unknown, string.Empty, [], $"execution reverted with {revertData.Length} bytes of unrecognised data {Hex.Encode(revertData)}");
        uint selector = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(revertData);
        var arguments = revertData[4..];
        try
        {
            switch (selector)
            {
                case ErrorSelector:
                    {
                        var message = (string)AbiCodec.Decode(StringArgument, arguments)[0]!;
                        return new RevertReason(RevertKind.ErrorString, "Error", [message], message) { Selector = selector };
                    }
                case PanicSelector:
                    {
                        var code = (BigInteger)AbiCodec.Decode(UInt256Argument, arguments)[0]!;
                        string text = $"panic 0x{code.ToString("x2", CultureInfo.InvariantCulture).TrimStart('0').PadLeft(2, '0')}: {DescribePanic(code)}";
                        return new RevertReason(RevertKind.Panic, "Panic", [code], text) { Selector = selector };
                    }
            }
            if (knownErrors is not null)
            {
                foreach (var error in knownErrors)
                {
                    if (error.SelectorValue != selector) continue;
                    var values = AbiCodec.Decode(error.InputTypes, arguments);
                    return new RevertReason(RevertKind.Custom, error.Name, values, FormatCustom(error, values)) { Selector = selector };
                }
            }
        }
        catch (AbiDecodingException e)
        {
            return new RevertReason(RevertKind.Unknown, string.Empty, [], $"execution reverted with selector 0x{selector:x8} but its arguments are malformed: {e.Message}") { Selector = selector };
        }
        return new RevertReason(RevertKind.Unknown, string.Empty, [], $"execution reverted with unknown error selector 0x{selector:x8}") { Selector = selector };
    }

    /// <summary>Builds a <see cref="ContractRevertException"/> carrying the raw data and the decoded reason.</summary>
    public static ContractRevertException ToException(ReadOnlySpan<byte> revertData, IReadOnlyList<AbiError>? knownErrors = null, Exception? inner = null)
    {
        var reason = Decode(revertData, knownErrors);
        string message = reason.Kind switch
        {
            RevertKind.Empty => "Execution reverted without data.",
            RevertKind.ErrorString => $"Execution reverted: {reason.Message}",
            _ => $"Execution reverted: {reason.Message}.",
        };
        string? name = reason.Kind is RevertKind.Empty or RevertKind.Unknown ? null : reason.Name;
        return new ContractRevertException(message, revertData.ToArray(), name, reason.Arguments, inner);
    }

    /// <summary>What a Solidity panic code means.</summary>
    public static string DescribePanic(BigInteger code)
    {
        if (code.Sign < 0 || code > 0xFF) return "unknown panic code";
        return (int)code switch
        {
            0x00 => "generic compiler-inserted panic",
            0x01 => "assertion failed",
            0x11 => "arithmetic overflow or underflow",
            0x12 => "division or modulo by zero",
            0x21 => "conversion to an enum out of range",
            0x22 => "incorrectly encoded storage byte array",
            0x31 => "pop() on an empty array",
            0x32 => "array index out of bounds",
            0x41 => "too much memory allocated",
            0x51 => "call to a zero-initialized internal function pointer",
            _ => "unknown panic code",
        };
    }

    private static string FormatCustom(AbiError error, object?[] values)
    {
        var sb = new System.Text.StringBuilder(error.Name).Append('(');
        for (int i = 0; i < values.Length; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(FormatValue(values[i]));
        }
        return sb.Append(')').ToString();
    }

    private static string FormatValue(object? value) => value switch
    {
        null => "null",
        byte[] bytes => Hex.Encode(bytes),
        string s => "\"" + s + "\"",
        BigInteger b => b.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        object?[] list => "[" + string.Join(", ", Array.ConvertAll(list, FormatValue)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
