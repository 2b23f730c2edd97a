using System.CommandLine;
using Spectre.Console;

namespace LiquidStake.Cli.Infrastructure;

/// <summary>Everything a command needs from the host: output writers, a Spectre console over stdout,
/// the environment and the global options. One instance per <see cref="CliApp.RunAsync(string[], TextWriter, TextWriter, CancellationToken)"/> call.</summary>
public sealed class CliContext
{
    internal CliContext(TextWriter stdout, TextWriter stderr, CliEnvironment environment, GlobalOptions globalOptions)
    {
        Out = stdout;
        Error = stderr;
        Environment = environment;
        Global = globalOptions;
        if (environment.Terminal is { } terminal)
        {
            Console = terminal;
            IsInteractive = true;
        }
        else if (ReferenceEquals(stdout, System.Console.Out) && !System.Console.IsOutputRedirected)
        {
            // A person at a terminal: Spectre detects colours and width, and spinners may draw.
            Console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(System.Console.Out),
                Ansi = AnsiSupport.Detect,
                ColorSystem = ColorSystemSupport.Detect,
                Interactive = InteractionSupport.Yes,
            });
            IsInteractive = true;
        }
        else
        {
            // A pipe, a file or a test writer: plain text, 80 columns, no escape sequences, nothing animated.
            Console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(stdout),
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
            });
        }
    }

    /// <summary>True when output goes to a person's terminal (progress is drawn); false for pipes and files.</summary>
    public bool IsInteractive { get; }

    /// <summary>
    /// Runs <paramref name="work"/> while a spinner shows <paramref name="status"/> on an interactive terminal (the work may
    /// update the text through its argument). Without a terminal, or with <c>--json</c>, nothing is drawn: the output
    /// stays plain and only the command's result is printed.
    /// </summary>
    public Task<T> WaitAsync<T>(ParseResult parseResult, string status, Func<Action<string>, Task<T>> work) =>
        WaitAsync(IsJson(parseResult), status, work);

    /// <inheritdoc cref="WaitAsync{T}(ParseResult, string, Func{Action{string}, Task{T}})"/>
    public async Task<T> WaitAsync<T>(bool json, string status, Func<Action<string>, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!IsInteractive || json) return await work(_ => { }).ConfigureAwait(false);
        return await Console.Status().Spinner(Spinner.Known.Dots).StartAsync(Markup.Escape(status), context =>
        {
            // Drawn at once (not at the next animation tick), so even a short wait is seen and an update is never skipped.
            context.Refresh();
            return work(text =>
            {
                context.Status(Markup.Escape(text));
                context.Refresh();
            });
        }).ConfigureAwait(false);
    }

    /// <summary>Standard output: command results only.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error: diagnostics and errors.</summary>
    public TextWriter Error { get; }

    /// <summary>Spectre console writing to <see cref="Out"/> (tables, trees).</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Environment variables, standard input and prompts.</summary>
    public CliEnvironment Environment { get; }

    /// <summary>The global options (<c>--rpc-url</c>, <c>--network</c>, <c>--json</c>, <c>--verbose</c>).</summary>
    public GlobalOptions Global { get; }

    /// <summary>True when <c>--json</c> was given.</summary>
    public bool IsJson(ParseResult parseResult) => parseResult is not null && parseResult.GetValue(Global.Json);

    /// <summary>The unit chosen with <c>--units</c> (<see cref="EtherUnit.Auto"/> when absent).</summary>
    public EtherUnit Units(ParseResult parseResult) =>
        parseResult is null ? EtherUnit.Auto : EtherDisplay.Parse(parseResult.GetValue(Global.Units)) ?? EtherUnit.Auto;

    /// <summary>Asks for a secret without echoing it (Spectre secret prompt on the terminal, or the injected prompt).</summary>
    public async Task<string> PromptSecretAsync(string prompt, CancellationToken cancellationToken)
    {
        if (Environment.PasswordPrompt is { } injected) return await injected(prompt, cancellationToken).ConfigureAwait(false);
        if (System.Console.IsInputRedirected)
            throw new CliUsageException("A password is needed but there is no terminal to ask on; use --password-file.");
        // The prompt goes to the real terminal (stderr side), never to stdout, so piping results stays clean.
        var terminal = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Error) });
        return await new TextPrompt<string>(prompt).Secret().ShowAsync(terminal, cancellationToken).ConfigureAwait(false);
    }
}
