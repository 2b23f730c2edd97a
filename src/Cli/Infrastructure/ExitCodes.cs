namespace LiquidStake.Cli.Infrastructure;

/// <summary>Process exit codes with a fixed meaning, so scripts can branch on them.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The command failed (bad data, RPC failure, I/O error).</summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong: unknown command or option, missing or malformed argument.</summary>
    public const int Usage = 2;

    /// <summary>A contract call reverted, or a preflight check refused to send (e.g. wrong chain).</summary>
    public const int Refused = 3;
}
