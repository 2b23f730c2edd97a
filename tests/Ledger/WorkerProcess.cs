using System.Diagnostics;

namespace LiquidStake.LedgerTests;

/// <summary>The crash-test worker (tests/WorkerHost) as a real child process: started with <c>dotnet</c>, read line by line, SIGKILLed.</summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private static readonly TimeSpan LineTimeout = TimeSpan.FromMinutes(2);
    private readonly Process _process;
    private readonly List<string> _lines = [];

    private WorkerProcess(Process process) => _process = process;

    public IReadOnlyList<string> Lines => _lines;

    public static string DllPath
    {
        get
        {
            // tests/Ledger/bin/<Configuration>/net10.0/ → tests/WorkerHost/bin/<Configuration>/net10.0/
            var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = here.Parent!.Name;
            var path = Path.GetFullPath(Path.Combine(here.FullName, "..", "..", "..", "..", "WorkerHost", "bin", configuration, here.Name, "LiquidStake.WorkerHost.dll"));
            return File.Exists(path) ? path : throw new FileNotFoundException($"The worker host is not built: {path}");
        }
    }

    public static WorkerProcess Start(Uri rpcUrl, string ledgerPath, int accountIndex, string crashPoint)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { DllPath, rpcUrl.ToString(), ledgerPath, accountIndex.ToString(System.Globalization.CultureInfo.InvariantCulture), crashPoint })
            info.ArgumentList.Add(a);
        return new WorkerProcess(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    /// <summary>Reads lines until one starts with <paramref name="prefix"/>; fails when the process ends first.</summary>
    public async Task<string> WaitForLineAsync(string prefix)
    {
        using var timeout = new CancellationTokenSource(LineTimeout);
        while (true)
        {
            var line = await _process.StandardOutput.ReadLineAsync(timeout.Token);
            if (line is null)
            {
                await _process.WaitForExitAsync(timeout.Token);
                throw new InvalidOperationException($"The worker exited ({_process.ExitCode}) before '{prefix}'. Output:\n{string.Join('\n', _lines)}\n{await _process.StandardError.ReadToEndAsync(timeout.Token)}");
            }
            _lines.Add(line);
            if (line.StartsWith(prefix, StringComparison.Ordinal)) return line;
        }
    }

    /// <summary>kill -9: no finally blocks, no flushes, no disposal.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(LineTimeout);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await KillAsync();
        _process.Dispose();
    }
}
