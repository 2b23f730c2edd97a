using System.Diagnostics;
using System.Globalization;
using System.Text;
using LiquidStake.Cli;
using LiquidStake.Cli.Infrastructure;
using LiquidStake.Testing;
using Spectre.Console.Testing;

namespace LiquidStake.UnitTests.Cli;

/// <summary>Progress is drawn only on a terminal: Spectre's TestConsole stands in for one; a StringWriter is a pipe.</summary>
public sealed class WaitDisplayTests
{
    private static CliContext Context(TextWriter stdout, Spectre.Console.IAnsiConsole? terminal) =>
        new(stdout, TextWriter.Null, new CliEnvironment { Terminal = terminal, GetVariable = _ => null }, new GlobalOptions());

    [Fact]
    public async Task A_terminal_shows_the_status_and_its_updates()
    {
        var terminal = new TestConsole().Interactive().Width(100);
        var context = Context(TextWriter.Null, terminal);
        Assert.True(context.IsInteractive);
        int result = await context.WaitAsync(json: false, "waiting for lido:7 to become claimable", update =>
        {
            update("lido:7 is Claimable");
            return Task.FromResult(42);
        });
        Assert.Equal(42, result);
        Assert.Contains("waiting for lido:7 to become claimable", terminal.Output, StringComparison.Ordinal);
        Assert.Contains("lido:7 is Claimable", terminal.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_on_a_terminal_draws_nothing()
    {
        var terminal = new TestConsole().Interactive();
        var context = Context(TextWriter.Null, terminal);
        await context.WaitAsync(json: true, "waiting", update =>
        {
            update("still waiting");
            return Task.FromResult(0);
        });
        Assert.Equal(string.Empty, terminal.Output);
    }

    [Fact]
    public async Task A_pipe_gets_no_progress_at_all()
    {
        using var stdout = new StringWriter();
        var context = Context(stdout, terminal: null);
        Assert.False(context.IsInteractive);
        await context.WaitAsync(json: false, "sending", update =>
        {
            update("still sending");
            return Task.FromResult(0);
        });
        Assert.Equal(string.Empty, stdout.ToString());
    }
}

/// <summary>The whole CLI on a devnet, once drawing on a (test) terminal and once as a child process whose output is redirected.</summary>
public sealed class TerminalOutputTests(JsonShapeDevnetFixture devnet) : IClassFixture<JsonShapeDevnetFixture>
{
    private const int AccountIndex = 7;

    private static string[] Key => ["--mnemonic", CliHarness.TestMnemonic, "--mnemonic-index", AccountIndex.ToString(CultureInfo.InvariantCulture)];

    private string Url => devnet.Node.RpcUrl.ToString();

    [Fact]
    public async Task A_send_on_a_terminal_shows_progress_and_a_fitted_table()
    {
        var terminal = new TestConsole().Interactive().Width(200);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var environment = new CliEnvironment { Terminal = terminal, GetVariable = _ => null, StandardInput = new StringReader(string.Empty) };

        int code = await CliApp.RunAsync(["--rpc-url", Url, "stake", "lido", "1", .. Key], stdout, stderr, environment, CancellationToken.None);
        Assert.True(code == ExitCodes.Success, stderr.ToString());
        Assert.Contains("sending 1 transaction(s), waiting for receipts", terminal.Output, StringComparison.Ordinal);
        Assert.Contains("(block ", stdout.ToString(), StringComparison.Ordinal);

        var narrow = new TestConsole().Interactive().Width(80);
        code = await CliApp.RunAsync(["--rpc-url", Url, "quote", "all", "1"], stdout, stderr, environment with { Terminal = narrow }, CancellationToken.None);
        Assert.True(code == ExitCodes.Success, stderr.ToString());
        // The quotes table is drawn on the terminal at its width (80): the limits are left out and named.
        Assert.Contains("not shown at this width", narrow.Output, StringComparison.Ordinal);
        Assert.All(narrow.Output.Split('\n'), line => Assert.True(line.TrimEnd('\r').Length <= 80, line));
    }

    [Fact]
    public async Task Redirected_output_has_no_escape_sequences_and_no_spinner()
    {
        // A send (waits for a receipt), a table and a wait that returns at once: plain text only, nothing animated.
        foreach (var args in new[]
        {
            new[] { "stake", "lido", "2" }.Concat(Key).ToArray(),
            ["rates"],
            ["position", DevnetNode.DeriveTestAccounts()[AccountIndex].Address.ToString()],
        })
        {
            var (code, stdout, stderr) = await RunChildAsync(["--rpc-url", Url, .. args]);
            Assert.True(code == ExitCodes.Success, $"{string.Join(' ', args)}: {stderr}");
            Assert.NotEqual(string.Empty, stdout);
            Assert.DoesNotContain('\u001b', stdout);
            Assert.DoesNotContain('\u001b', stderr);
            Assert.DoesNotContain("sending", stdout, StringComparison.Ordinal);
            // Nothing redraws a line: no carriage return without a newline after it.
            Assert.DoesNotContain("\r", stdout.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    /// <summary>The CLI as its own process (the native binary when the suite is pointed at one), stdout and stderr redirected to pipes.</summary>
    private static async Task<(int Code, string Stdout, string Stderr)> RunChildAsync(string[] args)
    {
        string? binary = Environment.GetEnvironmentVariable(CliHarness.BinaryVariable);
        var info = string.IsNullOrEmpty(binary) ? new ProcessStartInfo("dotnet") : new ProcessStartInfo(binary);
        if (string.IsNullOrEmpty(binary)) info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "liquidstake.dll"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = true;
        info.UseShellExecute = false;
        info.StandardOutputEncoding = Encoding.UTF8;
        info.StandardErrorEncoding = Encoding.UTF8;
        foreach (var name in new[] { "LIQUIDSTAKE_RPC_URL", "ETH_RPC_URL", "LIQUIDSTAKE_PRIVATE_KEY" }) info.Environment.Remove(name);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("the CLI did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
