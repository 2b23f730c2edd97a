using System.Globalization;

namespace LiquidStake.Testing;

/// <summary>Which chain a devnet node (and the integration suite) runs against.</summary>
public enum DevnetChainMode
{
    /// <summary>Anvil loaded from chain/out/devnet-state.json: the protocol replicas with their admin helpers (default).</summary>
    Devnet,

    /// <summary>An Anvil fork of a freshly started devnet: the replicas, reached through Anvil's fork path.</summary>
    ForkOfDevnet,

    /// <summary>An Anvil fork of real mainnet (<c>ETH_RPC_URL</c>, optional <c>FORK_BLOCK</c>): no replica admin helpers.</summary>
    MainnetFork,
}

/// <summary>
/// Reads the chain selection from the environment: <c>LIQUIDSTAKE_TEST_CHAIN=fork-devnet</c> selects
/// <see cref="DevnetChainMode.ForkOfDevnet"/>; otherwise a set <c>ETH_RPC_URL</c> selects <see cref="DevnetChainMode.MainnetFork"/>
/// (pinned to <c>FORK_BLOCK</c> when set); otherwise <see cref="DevnetChainMode.Devnet"/>.
/// </summary>
public sealed record DevnetEnvironment(DevnetChainMode Mode, Uri? MainnetRpcUrl, ulong? ForkBlock)
{
    /// <summary>The variable that selects the chain mode (<c>devnet</c>, <c>fork-devnet</c> or <c>mainnet-fork</c>).</summary>
    public const string ChainVariable = "LIQUIDSTAKE_TEST_CHAIN";

    /// <summary>The mainnet RPC endpoint to fork.</summary>
    public const string RpcUrlVariable = "ETH_RPC_URL";

    /// <summary>The block to pin a mainnet fork to.</summary>
    public const string ForkBlockVariable = "FORK_BLOCK";

    /// <summary>The reason given when a replica-only helper (a test token's <c>mint</c>) is called on real mainnet.</summary>
    public const string ReplicaOnlyReason =
        "It exists only in the devnet replicas, not on a real mainnet fork (ETH_RPC_URL is set).";

    /// <summary>
    /// The reason given when a test asserts what the devnet build deployed (its settings, operators, vaults and starting
    /// balances to the wei) and so cannot hold on a real mainnet fork; the kit's drivers themselves work there.
    /// </summary>
    public const string DevnetStateReason =
        "Asserts the state the devnet build deployed (settings, operators, vaults, balances to the wei), which a real mainnet fork does not have (ETH_RPC_URL is set).";

    /// <summary>The reason given when a mainnet-fork test runs without an endpoint.</summary>
    public const string NoMainnetReason = "Needs a real mainnet fork: set ETH_RPC_URL (and optionally FORK_BLOCK) to run it.";

    /// <summary>True when the chain holds the replicas (devnet or a fork of it), so admin helpers work.</summary>
    public bool HasReplicas => Mode != DevnetChainMode.MainnetFork;

    /// <summary>Reads the current process environment.</summary>
    /// <exception cref="InvalidOperationException">A variable has a value that cannot be understood.</exception>
    public static DevnetEnvironment FromEnvironment() =>
        Parse(Environment.GetEnvironmentVariable(ChainVariable), Environment.GetEnvironmentVariable(RpcUrlVariable), Environment.GetEnvironmentVariable(ForkBlockVariable));

    /// <summary>Interprets the three variables (null or empty = unset).</summary>
    /// <exception cref="InvalidOperationException">A value cannot be understood, or mainnet-fork is asked for without ETH_RPC_URL.</exception>
    public static DevnetEnvironment Parse(string? chain, string? rpcUrl, string? forkBlock)
    {
        Uri? url = null;
        if (!string.IsNullOrWhiteSpace(rpcUrl))
        {
            if (!Uri.TryCreate(rpcUrl.Trim(), UriKind.Absolute, out url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
                throw new InvalidOperationException($"{RpcUrlVariable} must be an absolute http(s) URL.");
        }
        ulong? block = null;
        if (!string.IsNullOrWhiteSpace(forkBlock))
        {
            if (!ulong.TryParse(forkBlock.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out ulong parsed))
                throw new InvalidOperationException($"{ForkBlockVariable} must be a decimal block number, not '{forkBlock}'.");
            block = parsed;
        }
        string selected = string.IsNullOrWhiteSpace(chain) ? "" : chain.Trim().ToUpperInvariant();
        return selected switch
        {
            "FORK-DEVNET" => new DevnetEnvironment(DevnetChainMode.ForkOfDevnet, url, block),
            "DEVNET" => new DevnetEnvironment(DevnetChainMode.Devnet, url, block),
            "MAINNET-FORK" when url is null => throw new InvalidOperationException($"{ChainVariable}=mainnet-fork needs {RpcUrlVariable}."),
            "MAINNET-FORK" => new DevnetEnvironment(DevnetChainMode.MainnetFork, url, block),
            "" => url is null ? new DevnetEnvironment(DevnetChainMode.Devnet, null, block) : new DevnetEnvironment(DevnetChainMode.MainnetFork, url, block),
            _ => throw new InvalidOperationException($"{ChainVariable} must be devnet, fork-devnet or mainnet-fork, not '{chain}'."),
        };
    }
}
