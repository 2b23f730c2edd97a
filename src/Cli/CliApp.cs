using LiquidStake;
using System.CommandLine;
using System.Reflection;
using LiquidStake.Cli.Commands;
using LiquidStake.Cli.Infrastructure;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Contracts;
using LiquidStake.Ethereum.Sending;

namespace LiquidStake.Cli;

/// <summary>The <c>liquidstake</c> command line as a library: parse, run, map failures to one line and an exit code.
/// The process entry point and the tests both call <see cref="RunAsync(string[], TextWriter, TextWriter, CancellationToken)"/>.</summary>
public static class CliApp
{
    /// <summary>Runs the CLI with <paramref name="args"/>, writing results to <paramref name="stdout"/> and errors to <paramref name="stderr"/>.</summary>
    /// <returns>An exit code from <see cref="ExitCodes"/>.</returns>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken) =>
        RunAsync(args, stdout, stderr, new CliEnvironment(), cancellationToken);

    /// <summary>Runs the CLI with an explicit <paramref name="environment"/> (environment variables, standard input, password prompt).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CliEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(environment);

        var global = new GlobalOptions();
        var context = new CliContext(stdout, stderr, environment, global);
        var root = CreateRootCommand(context);
        // Response files (@file) are off: an argument such as "@handle" must reach the command as written.
        var parseResult = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        bool verbose = args.Contains("--verbose", StringComparer.Ordinal);

        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors) await stderr.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
            await stderr.WriteLineAsync($"Run '{Describe(parseResult)} --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
            return await parseResult.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            int code = ExitCodeFor(e, cancellationToken);
            await stderr.WriteLineAsync("error: " + OneLine(e)).ConfigureAwait(false);
            if (verbose) await stderr.WriteLineAsync(e.ToString()).ConfigureAwait(false);
            return code;
        }
        finally
        {
            await stdout.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>The command groups, in help order. New features (<c>stake</c>, <c>demo</c>, <c>devnet</c>) are added here.</summary>
    internal static IReadOnlyList<ICommandGroup> CreateCommandGroups() =>
    [
        new HashCommands(),
        new AbiCommands(),
        new AddressCommands(),
        new WalletCommands(),
        new TransactionCommands(),
        new ProtocolCommands(),
        new DemoCommand(),
        new DevnetCommands(),
    ];

    internal static RootCommand CreateRootCommand(CliContext context)
    {
        var root = new RootCommand("liquidstake: stake ETH with Lido, Rocket Pool, EigenLayer and ether.fi; cast-compatible Ethereum utilities.");
        context.Global.AddTo(root);
        foreach (var group in CreateCommandGroups())
        {
            foreach (var command in group.CreateCommands(context)) root.Subcommands.Add(command);
        }
        return root;
    }

    internal static int ExitCodeFor(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        CliUsageException => ExitCodes.Usage,
        CliRefusedException or ContractRevertException or ChainIdMismatchException or LiquidStake.Sdk.StakingPreflightException or LiquidStake.Sdk.ProtocolStateException => ExitCodes.Refused,
        OperationCanceledException when cancellationToken.IsCancellationRequested => ExitCodes.Failure,
        _ => ExitCodes.Failure,
    };

    /// <summary>The reason on one line: the exception's message (decoded revert for reverts), inner causes appended for wrapped failures.</summary>
    internal static string OneLine(Exception exception)
    {
        string message = exception switch
        {
            ContractRevertException revert => Revert(revert),
            OperationCanceledException => "cancelled",
            LiquidStakeException => exception.Message,
            IOException or UnauthorizedAccessException or HttpRequestException => exception.Message,
            _ => $"{exception.GetType().Name}: {exception.Message}",
        };
        if (exception is not LiquidStakeException && exception.InnerException is { } inner && !message.Contains(inner.Message, StringComparison.Ordinal))
            message += " (" + inner.Message + ")";
        return message.ReplaceLineEndings(" ").Trim();
    }

    private static string Revert(ContractRevertException revert) =>
        revert.Message.StartsWith("reverted", StringComparison.OrdinalIgnoreCase) || revert.Message.Contains("revert", StringComparison.OrdinalIgnoreCase)
            ? revert.Message
            : "reverted: " + revert.Message;

    private static string Describe(ParseResult parseResult)
    {
        var names = new List<string>();
        for (var result = parseResult.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            names.Add(result.Command.Name);
        names.Reverse();
        if (names.Count > 0) names[0] = "liquidstake";
        return string.Join(' ', names);
    }

    /// <summary>The tool's version (assembly informational version).</summary>
    internal static string Version =>
        typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
