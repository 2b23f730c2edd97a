using System.Diagnostics;

namespace LiquidStake.UnitTests.Cli;

/// <summary>Finds Foundry's cast 1.7.1 installed by chain/scripts/ensure-tools.sh and runs it.</summary>
public static class CastBinary
{
    private static readonly Lazy<string?> Located = new(Locate);

    public static string? Path => Located.Value;

    private static string? Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var modules = System.IO.Path.Combine(dir.FullName, "chain", "node_modules");
            if (!Directory.Exists(modules)) continue;
            // The native binary: the npm .bin wrapper is a node script that loses cast's exit code.
            var native = System.IO.Path.Combine(modules, "@foundry-rs", "cast-linux-amd64", "bin", "cast");
            if (File.Exists(native)) return native;
            var wrapper = System.IO.Path.Combine(modules, ".bin", "cast");
            return File.Exists(wrapper) ? wrapper : null;
        }
        return null;
    }

    public static async Task<CliRun> RunAsync(IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException("cast is not installed"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var name in new[] { "ETH_RPC_URL", "ETH_GAS_PRICE", "ETH_PRIORITY_GAS_PRICE", "ETH_GAS_LIMIT", "ETH_FROM", "CHAIN" })
            start.Environment.Remove(name);
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cast did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CliRun(process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>A theory that is skipped, with the reason, when the cast binary is not installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CastTheoryAttribute : TheoryAttribute
{
    public CastTheoryAttribute()
    {
        if (CastBinary.Path is null) Skip = "Foundry cast is not installed (run chain/scripts/ensure-tools.sh)";
    }
}

/// <summary>A fact that is skipped, with the reason, when the cast binary is not installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CastFactAttribute : FactAttribute
{
    public CastFactAttribute()
    {
        if (CastBinary.Path is null) Skip = "Foundry cast is not installed (run chain/scripts/ensure-tools.sh)";
    }
}
