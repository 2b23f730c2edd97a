using LiquidStake.Cli;
using LiquidStake.Cli.Infrastructure;

namespace LiquidStake.UnitTests.Cli;

/// <summary>Result of one in-process CLI run.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs the whole CLI in-process with captured output and a controlled environment.</summary>
public static class CliHarness
{
    public const string AnvilKey0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    public const string AnvilAddress0 = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    public const string TestMnemonic = "test test test test test test test test test test test junk";

    public static Task<CliRun> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), null, null, args);

    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string> variables, string? stdin, Func<string, CancellationToken, Task<string>>? prompt, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var environment = new CliEnvironment
        {
            GetVariable = name => variables.TryGetValue(name, out var value) ? value : null,
            StandardInput = new StringReader(stdin ?? string.Empty),
            PasswordPrompt = prompt ?? ((_, _) => throw new InvalidOperationException("no password prompt expected in this test")),
        };
        int code = await CliApp.RunAsync(args, stdout, stderr, environment, CancellationToken.None);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }
}
