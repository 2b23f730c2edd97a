using System.Diagnostics;
using System.Text;
using LiquidStake.Cli;
using LiquidStake.Cli.Infrastructure;

namespace LiquidStake.UnitTests.Cli;

/// <summary>Result of one in-process CLI run.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr);

/// <summary>
/// Runs the whole CLI with captured output and a controlled environment: in-process (the JIT build), or, when
/// <c>LIQUIDSTAKE_CLI_BINARY</c> names an executable (the Native AOT <c>liquidstake</c>), as a child process of it.
/// </summary>
public static class CliHarness
{
    /// <summary>The variable that points the suite at a published binary instead of the in-process CLI.</summary>
    public const string BinaryVariable = "LIQUIDSTAKE_CLI_BINARY";

    // What the CLI reads through CliEnvironment: in-process it sees only the test's variables, so a child must not
    // inherit these from the test runner either.
    private static readonly string[] s_cliVariables = ["LIQUIDSTAKE_RPC_URL", "ETH_RPC_URL", "LIQUIDSTAKE_PRIVATE_KEY", BinaryVariable];

    public const string AnvilKey0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    public const string AnvilAddress0 = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    public const string TestMnemonic = "test test test test test test test test test test test junk";

    public static Task<CliRun> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), null, null, args);

    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string> variables, string? stdin, Func<string, CancellationToken, Task<string>>? prompt, params string[] args)
    {
        string? binary = Environment.GetEnvironmentVariable(BinaryVariable);
        // A child process has no terminal to answer a password prompt on, so prompt tests stay in-process.
        if (!string.IsNullOrEmpty(binary) && prompt is null) return await RunProcessAsync(binary, variables, stdin, args);
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

    private static async Task<CliRun> RunProcessAsync(string binary, IReadOnlyDictionary<string, string> variables, string? stdin, string[] args)
    {
        if (!File.Exists(binary)) throw new FileNotFoundException($"{BinaryVariable} names {binary}, which does not exist.", binary);
        var info = new ProcessStartInfo(binary)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string arg in args) info.ArgumentList.Add(arg);
        foreach (string name in s_cliVariables) info.Environment.Remove(name);
        foreach (var (name, value) in variables) info.Environment[name] = value;

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{binary} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(stdin ?? string.Empty);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return new CliRun(process.ExitCode, await stdout, await stderr);
    }
}
