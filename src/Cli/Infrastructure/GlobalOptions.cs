using System.CommandLine;

namespace LiquidStake.Cli.Infrastructure;

/// <summary>Options every command accepts (declared once on the root, recursive).</summary>
public sealed class GlobalOptions
{
    /// <summary>Networks the CLI knows by name.</summary>
    public static IReadOnlyList<string> Networks { get; } = ["mainnet", "devnet", "hoodi"];

    /// <summary><c>--rpc-url</c>; falls back to LIQUIDSTAKE_RPC_URL, then ETH_RPC_URL.</summary>
    public Option<string?> RpcUrl { get; } = new("--rpc-url", "-r")
    {
        Description = "JSON-RPC endpoint (env: LIQUIDSTAKE_RPC_URL, ETH_RPC_URL)",
        Recursive = true,
        HelpName = "URL",
    };

    /// <summary><c>--network</c>: mainnet, devnet or hoodi.</summary>
    public Option<string?> Network { get; } = new("--network")
    {
        Description = "Network: mainnet, devnet or hoodi",
        Recursive = true,
    };

    /// <summary><c>--json</c>: machine-readable output on read commands.</summary>
    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print JSON instead of text (read commands)",
        Recursive = true,
    };

    /// <summary><c>--units</c>: the unit ETH amounts are shown in (auto, wei, gwei, ether); JSON always has wei.</summary>
    public Option<string?> Units { get; } = new("--units")
    {
        Description = "Unit for ETH amounts in text output: auto (default), wei, gwei or ether",
        Recursive = true,
        HelpName = "UNIT",
    };

    /// <summary><c>--verbose</c>: stack traces and diagnostics on errors.</summary>
    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Show details (stack traces) on errors",
        Recursive = true,
    };

    /// <summary>Creates the options and their validation.</summary>
    public GlobalOptions()
    {
        Network.AcceptOnlyFromAmong([.. Networks]);
        Units.AcceptOnlyFromAmong("auto", "wei", "gwei", "ether", "eth");
    }

    /// <summary>Adds every global option to <paramref name="root"/>.</summary>
    public void AddTo(Command root)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Options.Add(RpcUrl);
        root.Options.Add(Network);
        root.Options.Add(Json);
        root.Options.Add(Units);
        root.Options.Add(Verbose);
    }

    /// <summary>The RPC URL from the option or the environment, or null when none is configured.</summary>
    public Uri? ResolveRpcUrl(ParseResult parseResult, CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(environment);
        string? text = parseResult.GetValue(RpcUrl);
        if (string.IsNullOrWhiteSpace(text)) text = environment.GetVariable("LIQUIDSTAKE_RPC_URL");
        if (string.IsNullOrWhiteSpace(text)) text = environment.GetVariable("ETH_RPC_URL");
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new CliUsageException($"--rpc-url '{text}' is not an http(s) URL.");
        return uri;
    }
}
