namespace LiquidStake.Cli.Infrastructure;

/// <summary>What the CLI takes from its surroundings: environment variables, standard input and the password prompt.
/// Tests replace these to run the whole CLI in-process without touching the real process state.</summary>
public sealed record CliEnvironment
{
    /// <summary>Reads an environment variable; defaults to the process environment.</summary>
    public Func<string, string?> GetVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Standard input for commands that read data from a pipe (<c>keccak</c> without an argument);
    /// null means the process standard input when it is redirected, and nothing otherwise.</summary>
    public TextReader? StandardInput { get; init; }

    /// <summary>Asks for a secret without echoing it; null means Spectre's secret prompt on the console.</summary>
    public Func<string, CancellationToken, Task<string>>? PasswordPrompt { get; init; }

    /// <summary>
    /// The interactive terminal to draw on (tables, progress spinners), or null to decide from the process: the real
    /// console when standard output is the console and not redirected, plain text otherwise. Tests pass Spectre's TestConsole.
    /// </summary>
    public Spectre.Console.IAnsiConsole? Terminal { get; init; }

    /// <summary>Clock for anything time-dependent.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Standard input to read from, or null when there is none (an interactive terminal).</summary>
    internal TextReader? ResolveStandardInput() =>
        StandardInput ?? (Console.IsInputRedirected ? Console.In : null);
}
