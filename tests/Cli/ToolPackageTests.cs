using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using LiquidStake.Testing;

namespace LiquidStake.UnitTests.Cli;

/// <summary>
/// The dotnet tool's framework-dependent fallback: the <c>any</c> package (<c>LiquidStake.Cli.any</c>) is what
/// <c>dotnet tool install</c> picks on a RID without a native build. The pointer package is packed here as it would be
/// for such a RID (listing only <c>any</c>), both go into a local feed, the tool is installed with <c>--tool-path</c>
/// and run. (The linux-x64 Native AOT package is packed and installed by test.sh.)
/// </summary>
public sealed class ToolPackageTests
{
    [Fact]
    public async Task The_any_package_installs_and_runs_from_a_local_feed()
    {
        string root = AnvilProcess.FindRepositoryRoot();
        string project = Path.Combine(root, "src", "Cli", "LiquidStake.Cli.csproj");
        string work = Path.Combine(Path.GetTempPath(), $"liquidstake-tool-{Guid.NewGuid():N}");
        string feed = Path.Combine(work, "feed");
        string tools = Path.Combine(work, "tools");
        // A version of its own, so the global packages folder never serves this test's packages to another install.
        string version = $"0.0.1-tooltest.{Guid.NewGuid():N}";
        try
        {
            // PackageVersion (not Version): the assemblies stay as the normal Release build left them.
            string common = $"-c Release -o \"{feed}\" -p:PackageVersion={version} -p:IncludeSymbols=false -p:ToolPackageRuntimeIdentifiers=any -nologo -v:quiet";
            await RunAsync("dotnet", $"pack \"{project}\" {common}");
            await RunAsync("dotnet", $"pack \"{project}\" -r any {common}");
            Assert.True(File.Exists(Path.Combine(feed, $"LiquidStake.Cli.{version}.nupkg")));
            string anyPackage = Path.Combine(feed, $"LiquidStake.Cli.any.{version}.nupkg");
            using (var zip = ZipFile.OpenRead(anyPackage))
            {
                // Framework-dependent: the IL assembly and its runtimeconfig, no native executable of a RID.
                Assert.Contains(zip.Entries, e => e.FullName.EndsWith("/any/liquidstake.dll", StringComparison.Ordinal));
                Assert.Contains(zip.Entries, e => e.FullName.EndsWith("/any/liquidstake.runtimeconfig.json", StringComparison.Ordinal));
            }

            await RunAsync("dotnet", $"tool install LiquidStake.Cli --version {version} --tool-path \"{tools}\" --add-source \"{feed}\" --ignore-failed-sources");
            string output = await RunAsync(Path.Combine(tools, "liquidstake"), "keccak hello");
            Assert.Equal("0x1c8aff950685c2ed4bc3174f3472287b56d9517b9c948127319a09a7a36deac8", output.Trim());
        }
        finally
        {
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<string> RunAsync(string file, string arguments)
    {
        var info = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        await process.WaitForExitAsync(timeout.Token);
        string output = await stdout;
        Assert.True(process.ExitCode == 0, $"{file} {arguments} exited {process.ExitCode}: {output}{await stderr}");
        return output;
    }
}
