using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LiquidStake.Testing;

/// <summary>How to start an Anvil node.</summary>
public sealed record AnvilOptions
{
    /// <summary>The well-known test mnemonic whose accounts Anvil funds with 10 000 ETH each.</summary>
    public const string TestMnemonic = "test test test test test test test test test test test junk";

    /// <summary>Chain id (default 31337).</summary>
    public ulong ChainId { get; init; } = 31337;

    /// <summary>Mnemonic of the funded accounts.</summary>
    public string Mnemonic { get; init; } = TestMnemonic;

    /// <summary>A state file to load (<c>--load-state</c>), or null.</summary>
    public string? LoadStatePath { get; init; }

    /// <summary>More command-line arguments (for example <c>--no-mining</c>, <c>--block-time 1</c>).</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>How long to wait until <c>eth_chainId</c> answers.</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Folder for the log file; null puts it under the test output folder (<c>anvil-logs</c>).</summary>
    public string? LogDirectory { get; init; }

    /// <summary>The EVM hardfork (<c>--hardfork</c>, for example <c>prague</c>), or null for Anvil's default.</summary>
    public string? Hardfork { get; init; }

    /// <summary>A JSON-RPC endpoint to fork (<c>--fork-url</c>), or null for a fresh chain. It may carry an API key: it is never logged.</summary>
    public Uri? ForkUrl { get; init; }

    /// <summary>The block to fork at (<c>--fork-block-number</c>); null forks the latest block.</summary>
    public ulong? ForkBlockNumber { get; init; }
}

/// <summary>
/// A running Anvil (from chain/node_modules) on a free loopback port. Dispose it (await using) to kill the whole
/// process tree, also when a test fails. Its output goes to a log file under the test output.
/// </summary>
public sealed class AnvilProcess : IAsyncDisposable
{
    /// <summary>Private keys of the first accounts of <see cref="AnvilOptions.TestMnemonic"/> (public test keys, worthless on real chains).</summary>
    public static readonly IReadOnlyList<string> TestPrivateKeys =
    [
        "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
        "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
        "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
        "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
    ];

    private readonly Process _process;
    private readonly StreamWriter _log;
    private int _disposed;
    private volatile bool _exitedAfterDispose;

    private AnvilProcess(Process process, StreamWriter log, int port, string logPath, ulong chainId)
    {
        _process = process;
        _log = log;
        Port = port;
        LogPath = logPath;
        ChainId = chainId;
        RpcUrl = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        ProcessId = process.Id;
        // Safety net: a test host that exits without disposing (crash, Ctrl-C in a debugger) must not leave Anvil running.
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>The operating-system id of the Anvil process.</summary>
    public int ProcessId { get; }

    /// <summary>True once the Anvil process has exited (after <see cref="DisposeAsync"/> or a crash).</summary>
    public bool HasExited
    {
        get
        {
            try
            {
                return _exitedAfterDispose || _process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }
    }

    private void OnProcessExit(object? sender, EventArgs e)
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone or disposed.
        }
    }

    /// <summary>The HTTP JSON-RPC endpoint.</summary>
    public Uri RpcUrl { get; }

    /// <summary>The loopback port.</summary>
    public int Port { get; }

    /// <summary>The chain id the node was started with.</summary>
    public ulong ChainId { get; }

    /// <summary>Where the node's output is written.</summary>
    public string LogPath { get; }

    /// <summary>
    /// Finds the LiquidStake checkout (the folder with LiquidStake.Sdk.sln) by walking up from <paramref name="start"/>;
    /// without one, from <c>LIQUIDSTAKE_ROOT</c>, the working directory, then the binary's folder.
    /// </summary>
    /// <exception cref="InvalidOperationException">No checkout was found; the message says how to point at one.</exception>
    public static string FindRepositoryRoot(string? start = null)
    {
        // An installed tool or a user's test project lives outside the checkout: LIQUIDSTAKE_ROOT, then the working
        // directory, then the binary's own folder (a build inside the checkout).
        string?[] starts = start is not null
            ? [start]
            : [Environment.GetEnvironmentVariable("LIQUIDSTAKE_ROOT"), Environment.CurrentDirectory, AppContext.BaseDirectory];
        foreach (var from in starts)
        {
            if (string.IsNullOrWhiteSpace(from)) continue;
            for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "LiquidStake.Sdk.sln"))) return dir.FullName;
            }
        }
        throw new InvalidOperationException(
            $"No LiquidStake checkout was found above {string.Join(" or ", starts.Where(s => !string.IsNullOrWhiteSpace(s)))}: the devnet needs one (its chain/ folder " +
            "holds the replicas, the pinned Anvil and the state). Run from inside a checkout or set LIQUIDSTAKE_ROOT to it.");
    }

    /// <summary>The Anvil executable: the platform binary from chain/node_modules when present, else the npm shim.</summary>
    public static string FindAnvilExecutable()
    {
        string modules = Path.Combine(FindRepositoryRoot(), "chain", "node_modules");
        string platform = (OperatingSystem.IsWindows() ? "win32" : OperatingSystem.IsMacOS() ? "darwin" : "linux") + "-" +
            (System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "arm64" : "amd64");
        string native = Path.Combine(modules, "@foundry-rs", "anvil-" + platform, "bin", OperatingSystem.IsWindows() ? "anvil.exe" : "anvil");
        if (File.Exists(native)) return native;
        string shim = Path.Combine(modules, ".bin", OperatingSystem.IsWindows() ? "anvil.cmd" : "anvil");
        if (File.Exists(shim)) return shim;
        throw new FileNotFoundException($"Anvil was not found under {modules}; run 'npm ci' in chain/.");
    }

    /// <summary>Starts Anvil and waits until it answers <c>eth_chainId</c>.</summary>
    public static async Task<AnvilProcess> StartAsync(AnvilOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new AnvilOptions();
        string executable = FindAnvilExecutable();
        string logDir = options.LogDirectory ?? Path.Combine(AppContext.BaseDirectory, "anvil-logs");
        Directory.CreateDirectory(logDir);

        for (int attempt = 1; ; attempt++)
        {
            int port = FreePort();
            string logPath = Path.Combine(logDir, $"anvil-{port.ToString(CultureInfo.InvariantCulture)}-{DateTime.UtcNow:yyyyMMddHHmmssfff}.log");
            var info = new ProcessStartInfo(executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                CreateNoWindow = true,
            };
            info.ArgumentList.Add("--host");
            info.ArgumentList.Add("127.0.0.1");
            info.ArgumentList.Add("--port");
            info.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
            info.ArgumentList.Add("--chain-id");
            info.ArgumentList.Add(options.ChainId.ToString(CultureInfo.InvariantCulture));
            info.ArgumentList.Add("--mnemonic");
            info.ArgumentList.Add(options.Mnemonic);
            if (options.Hardfork is { } hardfork)
            {
                info.ArgumentList.Add("--hardfork");
                info.ArgumentList.Add(hardfork);
            }
            if (options.ForkUrl is { } forkUrl)
            {
                info.ArgumentList.Add("--fork-url");
                info.ArgumentList.Add(forkUrl.ToString());
                if (options.ForkBlockNumber is { } forkBlock)
                {
                    info.ArgumentList.Add("--fork-block-number");
                    info.ArgumentList.Add(forkBlock.ToString(CultureInfo.InvariantCulture));
                }
            }
            if (options.LoadStatePath is { } state)
            {
                info.ArgumentList.Add("--load-state");
                info.ArgumentList.Add(state);
            }
            foreach (var arg in options.ExtraArguments) info.ArgumentList.Add(arg);

            var log = new StreamWriter(logPath, append: false, Encoding.UTF8) { AutoFlush = true };
            var process = new Process { StartInfo = info, EnableRaisingEvents = true };
            process.OutputDataReceived += (_, e) => Write(log, e.Data);
            process.ErrorDataReceived += (_, e) => Write(log, e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var anvil = new AnvilProcess(process, log, port, logPath, options.ChainId);
            try
            {
                await anvil.WaitUntilReadyAsync(options.StartupTimeout, cancellationToken).ConfigureAwait(false);
                return anvil;
            }
            catch (Exception) when (attempt < 3 && !cancellationToken.IsCancellationRequested)
            {
                // Most likely the free port was taken between probing and binding: try another.
                await anvil.DisposeAsync().ConfigureAwait(false);
            }
            catch
            {
                await anvil.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null) return;
        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // The process printed after disposal began.
            }
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"Anvil exited with code {_process.ExitCode}; see {LogPath}.");
            try
            {
                using var content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}""", Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(RpcUrl, content, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Slow start.
            }
            if (deadline.Elapsed > timeout) throw new TimeoutException($"Anvil did not answer within {timeout}; see {LogPath}.");
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Kills the process tree and closes the log.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Gave up waiting; the kill was sent.
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            // HasExited must keep answering after disposal, so remember the outcome before releasing the handle.
            _exitedAfterDispose = true;
            _process.Dispose();
            lock (_log) _log.Dispose();
        }
    }
}
