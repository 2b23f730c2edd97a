using LiquidStake;
using LiquidStake.Ethereum;

namespace LiquidStake.Cli.Infrastructure;

/// <summary>The command line is well-formed for the parser but its values do not make sense (exit code 2).</summary>
public sealed class CliUsageException : LiquidStakeException
{
    public CliUsageException() { }

    public CliUsageException(string message) : base(message) { }

    public CliUsageException(string message, Exception? innerException) : base(message, innerException) { }
}

/// <summary>A command refused to act after a preflight check (exit code 3).</summary>
public sealed class CliRefusedException : LiquidStakeException
{
    public CliRefusedException() { }

    public CliRefusedException(string message) : base(message) { }

    public CliRefusedException(string message, Exception? innerException) : base(message, innerException) { }
}
