using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace LiquidStake.LedgerTests;

/// <summary>
/// A throw-away PostgreSQL server for one test class: initdb into a temp directory owned by a non-root user (created
/// when needed), pg_ctl start on a free loopback port (through runuser when the tests run as root), and an immediate
/// stop plus removal of the directory at the end, also when tests fail.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string OsUserWhenRoot = "postgres";
    private const string FallbackOsUser = "liquidstake-pg";
    private const string SuperUser = "liquidstake";
    private string? _dataDirectory;
    private string? _osUser;

    /// <summary>The directory of initdb/pg_ctl, or null when PostgreSQL is not installed.</summary>
    public static string? BinDirectory { get; } = FindBinDirectory();

    /// <summary>Why the PostgreSQL tests skip, or null when they run.</summary>
    public static string? UnavailableReason => BinDirectory is null
        ? "PostgreSQL is not installed (no initdb/pg_ctl on the PATH or in /usr/lib/postgresql/*/bin)"
        : null;

    public int Port { get; private set; }

    public async Task InitializeAsync()
    {
        if (BinDirectory is null) return;
        _osUser = IsRoot() ? await EnsureOsUserAsync() : null;
        _dataDirectory = Directory.CreateTempSubdirectory("liquidstake-pg-").FullName;
        if (_osUser is not null) await RunAsync("chown", ["-R", _osUser, _dataDirectory]);
        await RunPostgresToolAsync("initdb", ["-D", _dataDirectory, "-U", SuperUser, "--auth=trust", "--locale=C", "-E", "UTF8", "--no-sync"]);
        Port = FreePort();
        await RunPostgresToolAsync("pg_ctl", ["-D", _dataDirectory, "-l", Path.Combine(_dataDirectory, "server.log"), "-w", "-t", "60",
            "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -k {_dataDirectory} -c fsync=off", "start"]);
    }

    public async Task DisposeAsync()
    {
        if (_dataDirectory is null) return;
        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunPostgresToolAsync("pg_ctl", ["-D", _dataDirectory, "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    /// <summary>A connection string to the server's maintenance database.</summary>
    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username={SuperUser};Database={database};Password=unused-with-trust-auth;Pooling=true";

    /// <summary>Creates a fresh database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "ledger_" + Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE {name}";
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    private async Task RunPostgresToolAsync(string tool, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(BinDirectory!, tool);
        if (_osUser is null) await RunAsync(path, arguments);
        else await RunAsync("runuser", ["-u", _osUser, "--", path, .. arguments]);
    }

    private static async Task<string> EnsureOsUserAsync()
    {
        if (await TryRunAsync("id", ["-u", OsUserWhenRoot])) return OsUserWhenRoot;
        if (!await TryRunAsync("id", ["-u", FallbackOsUser])) await RunAsync("useradd", ["--system", "--no-create-home", FallbackOsUser]);
        return FallbackOsUser;
    }

    private static bool IsRoot() => Environment.UserName == "root";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindBinDirectory()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"))) return dir;
        }
        if (!Directory.Exists("/usr/lib/postgresql")) return null;
        return Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            .OrderDescending(StringComparer.Ordinal).FirstOrDefault();
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments)
    {
        var (code, output) = await ExecAsync(file, arguments);
        if (code != 0) throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {code}:\n{output}");
    }

    private static async Task<bool> TryRunAsync(string file, IReadOnlyList<string> arguments) => (await ExecAsync(file, arguments)).Code == 0;

    private static async Task<(int Code, string Output)> ExecAsync(string file, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}

/// <summary>A fact that needs a PostgreSQL installation: skipped, saying why, where there is none.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.UnavailableReason is { } reason) Skip = reason;
    }
}
