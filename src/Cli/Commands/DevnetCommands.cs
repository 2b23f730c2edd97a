using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using LiquidStake.Cli.Infrastructure;
using LiquidStake.Cli.Output;
using LiquidStake.Testing;
using LiquidStake.Ethereum.Rpc;

namespace LiquidStake.Cli.Commands;

/// <summary>
/// <c>devnet up</c> starts the LiquidStake devnet (Anvil with the protocol replicas, chain id 1) and prints its RPC URL:
/// in the foreground until Ctrl-C, or detached with a pid file under chain/out; <c>devnet down</c> stops the detached one.
/// </summary>
internal sealed class DevnetCommands : ICommandGroup
{
    public IEnumerable<Command> CreateCommands(CliContext context)
    {
        var devnet = new Command("devnet", "Run the local LiquidStake devnet (Anvil with the protocol replicas)");
        devnet.Subcommands.Add(Up(context));
        devnet.Subcommands.Add(Down(context));
        devnet.Subcommands.Add(DevnetDriverCommands.Report(context));
        devnet.Subcommands.Add(DevnetDriverCommands.Finalize(context));
        devnet.Subcommands.Add(DevnetDriverCommands.Advance(context));
        yield return devnet;
    }

    private static Command Up(CliContext context)
    {
        var port = new Option<int?>("--port", "-p") { Description = "Port to listen on (default: a free port)", HelpName = "PORT" };
        var detach = new Option<bool>("--detach", "-d") { Description = "Start in the background, write chain/out/devnet.pid and return" };
        var command = new Command("up", "Start the devnet and print its RPC URL (foreground until Ctrl-C unless --detach)") { port, detach };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            int? requested = parseResult.GetValue(port);
            if (requested is { } p && (p < 1 || p > 65535)) throw new CliUsageException($"--port {p} is not between 1 and 65535.");
            bool json = context.IsJson(parseResult);

            if (parseResult.GetValue(detach))
            {
                if (DevnetPidFile.TryRead() is { } running && IsAnvil(running.ProcessId))
                    throw new CliRefusedException($"A detached devnet is already running (pid {running.ProcessId}, {running.Url}); stop it with 'liquidstake devnet down'.");
                var started = await context.WaitAsync(json, "starting the devnet (Anvil with the protocol replicas)",
                    _ => StartDetachedAsync(requested, cancellationToken)).ConfigureAwait(false);
                await WriteStartedAsync(context, json, started.Url, started.ProcessId, detached: true).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            if (requested is null)
            {
                // The embedded devnet: the same node the tests and the demo use.
                await using var node = await context.WaitAsync(json, "starting the devnet (Anvil with the protocol replicas)",
                    _ => DevnetNode.StartAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
                await WriteStartedAsync(context, json, node.RpcUrl, node.ProcessId, detached: false).ConfigureAwait(false);
                await WaitForCancellationAsync(cancellationToken).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            using var process = await context.WaitAsync(json, "starting the devnet (Anvil with the protocol replicas)",
                _ => StartAnvilAsync(requested.Value, detached: false, cancellationToken)).ConfigureAwait(false);
            try
            {
                await WriteStartedAsync(context, json, UrlFor(requested.Value), process.Id, detached: false).ConfigureAwait(false);
                await WaitForCancellationAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Down(CliContext context)
    {
        var command = new Command("down", "Stop the devnet started with 'devnet up --detach'");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var running = DevnetPidFile.TryRead() ?? throw new CliRefusedException($"No detached devnet: {DevnetPidFile.Path} does not exist.");
            bool stopped = false;
            if (IsAnvil(running.ProcessId))
            {
                using var process = Process.GetProcessById(running.ProcessId);
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                stopped = true;
            }
            DevnetPidFile.Delete();
            string message = stopped
                ? string.Create(CultureInfo.InvariantCulture, $"devnet stopped (pid {running.ProcessId})")
                : string.Create(CultureInfo.InvariantCulture, $"devnet was not running (stale pid {running.ProcessId}); removed {DevnetPidFile.Path}");
            if (context.IsJson(parseResult))
                await StakingOutput.WriteJsonAsync(context, new DevnetStoppedJson(stopped, running.ProcessId), CliJsonContext.Default.DevnetStoppedJson, cancellationToken).ConfigureAwait(false);
            else
                await context.Out.WriteLineAsync(message).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WriteStartedAsync(CliContext context, bool json, Uri url, int processId, bool detached)
    {
        if (json)
        {
            await StakingOutput.WriteJsonAsync(context, new DevnetStartedJson(url.ToString(), DevnetNode.MainnetChainId, processId, detached),
                CliJsonContext.Default.DevnetStartedJson, CancellationToken.None).ConfigureAwait(false);
        }
        else
        {
            await context.Out.WriteLineAsync(url.ToString()).ConfigureAwait(false);
            await context.Error.WriteLineAsync(detached
                ? string.Create(CultureInfo.InvariantCulture, $"devnet running in the background (pid {processId}, chain id 1); stop it with 'liquidstake devnet down'")
                : "devnet running (chain id 1); press Ctrl-C to stop").ConfigureAwait(false);
        }
        await context.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private static async Task WaitForCancellationAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C: the normal way to stop a foreground devnet.
        }
    }

    private static Uri UrlFor(int port) => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));

    private static async Task<(Uri Url, int ProcessId)> StartDetachedAsync(int? requested, CancellationToken cancellationToken)
    {
        int port = requested ?? FreePort();
        using var process = await StartAnvilAsync(port, detached: true, cancellationToken).ConfigureAwait(false);
        var url = UrlFor(port);
        DevnetPidFile.Write(process.Id, url);
        return (url, process.Id);
    }

    /// <summary>
    /// Starts Anvil exactly as <see cref="DevnetNode.StartAsync"/> does (devnet state, chain id 1, prague, the test mnemonic's
    /// ten accounts) but on a chosen port. Detached, it runs under <c>nohup</c> with its output in a log file, so it outlives this process.
    /// </summary>
    private static async Task<Process> StartAnvilAsync(int port, bool detached, CancellationToken cancellationToken)
    {
        string state = await DevnetNode.EnsureStateAsync(cancellationToken).ConfigureAwait(false);
        string anvil = AnvilProcess.FindAnvilExecutable();
        string root = AnvilProcess.FindRepositoryRoot();
        string logDirectory = System.IO.Path.Combine(root, "chain", "out", "anvil-logs");
        Directory.CreateDirectory(logDirectory);
        string log = System.IO.Path.Combine(logDirectory, string.Create(CultureInfo.InvariantCulture, $"devnet-{port}.log"));
        string[] anvilArguments =
        [
            "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture),
            "--chain-id", DevnetNode.MainnetChainId.ToString(CultureInfo.InvariantCulture), "--mnemonic", AnvilOptions.TestMnemonic,
            "--hardfork", DevnetNode.Hardfork, "--load-state", state,
            "--accounts", DevnetNode.AccountCount.ToString(CultureInfo.InvariantCulture), "--balance", "10000",
        ];

        ProcessStartInfo info;
        if (detached)
        {
            // exec keeps the pid: the pid file names Anvil itself. nohup keeps it alive when the terminal closes.
            info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardInput = false };
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add("log=\"$1\"; shift; exec nohup \"$@\" >\"$log\" 2>&1 </dev/null");
            info.ArgumentList.Add("sh");
            info.ArgumentList.Add(log);
            info.ArgumentList.Add(anvil);
        }
        else
        {
            info = new ProcessStartInfo(anvil) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        }
        foreach (var argument in anvilArguments) info.ArgumentList.Add(argument);

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start Anvil.");
        if (!detached)
        {
            // Drain the output so Anvil never blocks on a full pipe.
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }
        try
        {
            await WaitUntilReadyAsync(UrlFor(port), process, log, cancellationToken).ConfigureAwait(false);
            return process;
        }
        catch
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    private static async Task WaitUntilReadyAsync(Uri url, Process process, string log, CancellationToken cancellationToken)
    {
        using var rpc = new EthereumRpcClient(new EthereumRpcClientOptions { Url = url });
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
                throw new CliRefusedException(string.Create(CultureInfo.InvariantCulture, $"Anvil exited with code {process.ExitCode} (is port {url.Port} taken?); see {log}."));
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attempt.CancelAfter(TimeSpan.FromSeconds(2));
                if (await rpc.GetChainIdAsync(attempt.Token).ConfigureAwait(false) == DevnetNode.MainnetChainId) return;
            }
            catch (Exception e) when (e is HttpRequestException or LiquidStakeException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Not listening yet.
            }
            if (watch.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException($"Anvil did not answer on {url} within 2 minutes; see {log}.");
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>True when <paramref name="processId"/> is a live Anvil (a stale pid may belong to another program by now).</summary>
    private static bool IsAnvil(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited && process.ProcessName.Contains("anvil", StringComparison.OrdinalIgnoreCase);
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}

/// <summary>chain/out/devnet.pid: the detached devnet's process id on the first line and its RPC URL on the second.</summary>
internal static class DevnetPidFile
{
    public static string Path => System.IO.Path.Combine(AnvilProcess.FindRepositoryRoot(), "chain", "out", "devnet.pid");

    public static void Write(int processId, Uri url)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        File.WriteAllText(Path, string.Create(CultureInfo.InvariantCulture, $"{processId}\n{url}\n"));
    }

    public static (int ProcessId, Uri Url)? TryRead()
    {
        string path;
        try
        {
            path = Path;
        }
        catch (InvalidOperationException)
        {
            return null; // Not run from a repository checkout.
        }
        if (!File.Exists(path)) return null;
        var lines = File.ReadAllLines(path);
        if (lines.Length < 2 || !int.TryParse(lines[0], NumberStyles.None, CultureInfo.InvariantCulture, out int pid) || !Uri.TryCreate(lines[1], UriKind.Absolute, out var url))
            return null;
        return (pid, url);
    }

    public static Uri? TryReadUrl() => TryRead()?.Url;

    public static void Delete()
    {
        if (File.Exists(Path)) File.Delete(Path);
    }
}
