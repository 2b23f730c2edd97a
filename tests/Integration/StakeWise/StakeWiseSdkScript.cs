using System.Diagnostics;
using System.Text.Json;
using LiquidStake.Ethereum;
using LiquidStake.Testing;

namespace LiquidStake.IntegrationTests.StakeWise;

/// <summary>
/// Runs tests/StakeWiseSdk/read-positions.mjs (the npm @stakewise/v3-sdk 2.0.2's on-chain reads) against a node and
/// returns its JSON. Installs the script's pinned packages (tests/StakeWiseSdk/ensure-deps.sh) when they are missing.
/// </summary>
internal static class StakeWiseSdkScript
{
    private static readonly SemaphoreSlim s_installLock = new(1, 1);

    public static async Task<JsonDocument> ReadAsync(Uri rpcUrl, IReadOnlyList<Address> vaults, IReadOnlyList<Address> accounts, CancellationToken cancellationToken = default)
    {
        string folder = Path.Combine(AnvilProcess.FindRepositoryRoot(), "tests", "StakeWiseSdk");
        await EnsureInstalledAsync(folder, cancellationToken);
        var arguments = new List<string> { "read-positions.mjs", "--rpc", rpcUrl.ToString() };
        foreach (var vault in vaults) arguments.AddRange(["--vault", vault.ToString()]);
        foreach (var account in accounts) arguments.AddRange(["--account", account.ToString()]);
        var (exitCode, stdout, stderr) = await RunAsync("node", arguments, folder, cancellationToken);
        if (exitCode != 0) throw new InvalidOperationException($"read-positions.mjs failed with exit code {exitCode}: {stderr}");
        return JsonDocument.Parse(stdout);
    }

    private static async Task EnsureInstalledAsync(string folder, CancellationToken cancellationToken)
    {
        await s_installLock.WaitAsync(cancellationToken);
        try
        {
            var (exitCode, stdout, stderr) = await RunAsync("bash", [Path.Combine(folder, "ensure-deps.sh")], folder, cancellationToken);
            if (exitCode != 0) throw new InvalidOperationException($"tests/StakeWiseSdk/ensure-deps.sh failed with exit code {exitCode}: {stdout}{stderr}");
        }
        finally
        {
            s_installLock.Release();
        }
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string program, IEnumerable<string> arguments, string folder, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = folder };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
