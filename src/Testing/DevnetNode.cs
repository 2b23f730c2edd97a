using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Abi;
using LiquidStake.Ethereum.HdWallet;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Sending;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Ethereum.Transactions;
using LiquidStake.Sdk.Contracts.Lido;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiquidStake.Testing;

/// <summary>How to start a <see cref="DevnetNode"/>.</summary>
public sealed record DevnetNodeOptions
{
    /// <summary>Logs the node's start time and mode; null logs nothing.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Folder for Anvil's log file (one file per node); null puts it under the output folder (<c>anvil-logs</c>).</summary>
    public string? LogDirectory { get; init; }

    /// <summary>How long to wait for Anvil to answer (a mainnet fork over a slow endpoint may need more).</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>More Anvil arguments (for example <c>--block-time 1</c>).</summary>
    public IReadOnlyList<string> ExtraAnvilArguments { get; init; } = [];

    /// <summary>
    /// Strict mode: the node's JSON-RPC client refuses, with <see cref="ReplicaBackdoorCalledException"/>, every call of
    /// a replica-only <c>devnet…</c> function (read from chain/out/artifacts), so a test proves it moves the chain only
    /// through entry points mainnet has. Needs the repository's compiled replicas.
    /// </summary>
    public bool StrictRealPaths { get; init; }
}

/// <summary>
/// A running Anvil for LiquidStake: the devnet (protocol replicas at their mainnet addresses, chain id 1, prague),
/// a fork of a devnet, or a fork of real mainnet. It exposes the JSON-RPC client, the ten funded test accounts, the
/// replica admin, Anvil's cheat methods (snapshots, balances, impersonation, mining, time) and per-protocol helpers
/// (<see cref="Lido"/>, <see cref="RocketPool"/>, <see cref="EtherFi"/>, <see cref="EigenLayer"/>, <see cref="StakeWise"/>).
/// Dispose it (<c>await using</c>) to stop Anvil; a process-exit hook stops it too when a test host dies.
/// </summary>
public sealed partial class DevnetNode : IAsyncDisposable
{
    /// <summary>The chain id of the devnet and of a mainnet fork.</summary>
    public const ulong MainnetChainId = 1;

    /// <summary>The hardfork the devnet runs.</summary>
    public const string Hardfork = "prague";

    /// <summary>Index of the replicas' admin (owner, oracle, guardian) among the test accounts.</summary>
    public const int AdminAccountIndex = 9;

    /// <summary>Number of funded test accounts.</summary>
    public const int AccountCount = 10;

    private static readonly SemaphoreSlim s_scriptLock = new(1, 1);

    private readonly AnvilProcess? _anvil;
    private readonly Uri _rpcUrl;
    private readonly DevnetNode? _upstream;
    private readonly PrivateKeySigner[] _accounts;
    private readonly NonceManager _nonces = new();
    private int _disposed;
    private readonly HttpClient? _strictHttp;

    private DevnetNode(AnvilProcess? anvil, Uri rpcUrl, DevnetNode? upstream, DevnetChainMode mode, bool hasReplicas, PrivateKeySigner[] accounts, ReplicaBackdoorGuard? strictGuard)
    {
        _anvil = anvil;
        _rpcUrl = rpcUrl;
        _upstream = upstream;
        _accounts = accounts;
        Mode = mode;
        HasReplicas = hasReplicas;
        Rpc = strictGuard is null
            ? new EthereumRpcClient(new EthereumRpcClientOptions { Url = rpcUrl })
            : new EthereumRpcClient(_strictHttp = new HttpClient(strictGuard), new EthereumRpcClientOptions { Url = rpcUrl });
        StrictRealPaths = strictGuard is not null;
        Sender = new TransactionSender(Rpc, _nonces, new TransactionSenderOptions
        {
            ChainId = MainnetChainId,
            PollingInterval = TimeSpan.FromMilliseconds(25),
            ReceiptTimeout = TimeSpan.FromMinutes(2),
        });
        Lido = new LidoDevnet(this);
        RocketPool = new RocketPoolDevnet(this);
        EtherFi = new EtherFiDevnet(this);
        EigenLayer = new EigenLayerDevnet(this);
        StakeWise = new StakeWiseDevnet(this);
    }

    /// <summary>What this node runs.</summary>
    public DevnetChainMode Mode { get; }

    /// <summary>True when the protocol replicas are present (the devnet or a fork of it), told by a real-ABI read.</summary>
    public bool HasReplicas { get; }

    /// <summary>True when the node was started with <see cref="DevnetNodeOptions.StrictRealPaths"/>.</summary>
    public bool StrictRealPaths { get; }

    /// <summary>The HTTP JSON-RPC endpoint.</summary>
    public Uri RpcUrl => _rpcUrl;

    /// <summary>True for a node from <see cref="ConnectAsync"/>: it drives an Anvil it did not start and never stops it.</summary>
    public bool IsAttached => _anvil is null;

    /// <summary>The chain id (1 in every mode).</summary>
    public ulong ChainId { get; } = MainnetChainId;

    /// <summary>A client for <see cref="RpcUrl"/>; also the <c>IContractCaller</c> for the generated wrappers.</summary>
    public EthereumRpcClient Rpc { get; }

    /// <summary>A sender over <see cref="Rpc"/> with fast receipt polling. Its nonces are reset by <see cref="RevertAsync"/>.</summary>
    public TransactionSender Sender { get; }

    /// <summary>The ten accounts of the test mnemonic (10 000 ETH each at start), index 0..9.</summary>
    public IReadOnlyList<PrivateKeySigner> Accounts => _accounts;

    /// <summary>The replicas' admin: account 9 (<c>0xa0Ee7A142d267C1f36714E4a8F75612F20a79720</c>).</summary>
    public PrivateKeySigner Admin => _accounts[AdminAccountIndex];

    /// <summary>Anvil's log file.</summary>
    /// <exception cref="InvalidOperationException">The node is attached (<see cref="IsAttached"/>): its Anvil's log is not known.</exception>
    public string LogPath => (_anvil ?? throw NotStartedHere()).LogPath;

    /// <summary>The Anvil process id (to check that it is gone after disposal).</summary>
    /// <exception cref="InvalidOperationException">The node is attached (<see cref="IsAttached"/>).</exception>
    public int ProcessId => (_anvil ?? throw NotStartedHere()).ProcessId;

    /// <summary>True once Anvil has exited (always false for an attached node, whose process is not watched).</summary>
    public bool HasExited => _anvil?.HasExited ?? false;

    private static InvalidOperationException NotStartedHere() =>
        new("This node is attached to an Anvil it did not start (DevnetNode.ConnectAsync); its process and log are not known here.");

    /// <summary>For <see cref="DevnetChainMode.ForkOfDevnet"/>: the devnet being forked (disposed together with this node); else null.</summary>
    public DevnetNode? Upstream => _upstream;

    /// <summary>Lido driver (oracle reports and finalization, staking pauses and limits, stETH/wstETH minting).</summary>
    public LidoDevnet Lido { get; }

    /// <summary>Rocket Pool helpers (balances updates, settings, collateral, rETH minting).</summary>
    public RocketPoolDevnet RocketPool { get; }

    /// <summary>ether.fi helpers (rebase, withdrawal finalization, redemption bucket, eETH/weETH minting).</summary>
    public EtherFiDevnet EtherFi { get; }

    /// <summary>EigenLayer helpers (withdrawal delay, slashing, mock tokens).</summary>
    public EigenLayerDevnet EigenLayer { get; }

    /// <summary>StakeWise driver (oracle reward updates and vault harvests, validator exits, vault admins).</summary>
    public StakeWiseDevnet StakeWise { get; }

    // ---------------------------------------------------------------- starting

    /// <summary>
    /// Attaches the kit to an Anvil that is already running at <paramref name="rpcUrl"/> (for example one started with
    /// <c>liquidstake devnet up</c>, or a user's own <c>anvil --fork-url …</c>): the drivers work on it as on a node
    /// started here, and disposing the node leaves the Anvil running. The mode is told by the chain: the devnet when
    /// the replicas are there, else a mainnet fork.
    /// </summary>
    /// <exception cref="LiquidStakeArgumentException">The URL is not an absolute http(s) URL.</exception>
    public static async Task<DevnetNode> ConnectAsync(Uri rpcUrl, DevnetNodeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rpcUrl);
        if (!rpcUrl.IsAbsoluteUri || (rpcUrl.Scheme != Uri.UriSchemeHttp && rpcUrl.Scheme != Uri.UriSchemeHttps))
            throw new LiquidStakeArgumentException(nameof(rpcUrl), "must be an absolute http(s) URL", "e.g. http://127.0.0.1:8545");
        return await CreateAsync(anvil: null, rpcUrl, upstream: null, mode: null, options ?? new DevnetNodeOptions(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts the devnet from chain/out/devnet-state.json (built first when missing) on a free port.</summary>
    public static async Task<DevnetNode> StartAsync(DevnetNodeOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new DevnetNodeOptions();
        string state = await EnsureStateAsync(cancellationToken).ConfigureAwait(false);
        var watch = Stopwatch.StartNew();
        var anvil = await AnvilProcess.StartAsync(AnvilOptionsFor(options, loadState: state, forkUrl: null, forkBlock: null), cancellationToken).ConfigureAwait(false);
        var node = await CreateAsync(anvil, anvil.RpcUrl, upstream: null, DevnetChainMode.Devnet, options, cancellationToken).ConfigureAwait(false);
        node.LogStarted(options, watch.Elapsed);
        return node;
    }

    /// <summary>
    /// Starts an Anvil fork of <paramref name="forkUrl"/> (real mainnet via <c>ETH_RPC_URL</c>, or a running devnet),
    /// pinned to <paramref name="forkBlock"/> when given. Whether the replicas are present is detected on the chain.
    /// </summary>
    public static async Task<DevnetNode> StartForkAsync(Uri forkUrl, ulong? forkBlock = null, DevnetNodeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(forkUrl);
        options ??= new DevnetNodeOptions();
        var watch = Stopwatch.StartNew();
        var anvil = await AnvilProcess.StartAsync(AnvilOptionsFor(options, loadState: null, forkUrl, forkBlock), cancellationToken).ConfigureAwait(false);
        var node = await CreateAsync(anvil, anvil.RpcUrl, upstream: null, mode: null, options, cancellationToken).ConfigureAwait(false);
        node.LogStarted(options, watch.Elapsed);
        return node;
    }

    /// <summary>Starts a devnet and an Anvil fork of it; the fork is returned and owns the devnet (<see cref="Upstream"/>).</summary>
    public static async Task<DevnetNode> StartForkOfDevnetAsync(DevnetNodeOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new DevnetNodeOptions();
        var upstream = await StartAsync(options, cancellationToken).ConfigureAwait(false);
        try
        {
            var watch = Stopwatch.StartNew();
            var anvil = await AnvilProcess.StartAsync(AnvilOptionsFor(options, loadState: null, upstream.RpcUrl, forkBlock: null), cancellationToken).ConfigureAwait(false);
            var node = await CreateAsync(anvil, anvil.RpcUrl, upstream, DevnetChainMode.ForkOfDevnet, options, cancellationToken).ConfigureAwait(false);
            node.LogStarted(options, watch.Elapsed);
            return node;
        }
        catch
        {
            await upstream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts the node the environment asks for (see <see cref="DevnetEnvironment"/>).</summary>
    public static Task<DevnetNode> StartFromEnvironmentAsync(DevnetEnvironment? environment = null, DevnetNodeOptions? options = null, CancellationToken cancellationToken = default)
    {
        environment ??= DevnetEnvironment.FromEnvironment();
        return environment.Mode switch
        {
            DevnetChainMode.ForkOfDevnet => StartForkOfDevnetAsync(options, cancellationToken),
            DevnetChainMode.MainnetFork => StartForkAsync(environment.MainnetRpcUrl!, environment.ForkBlock, options, cancellationToken),
            _ => StartAsync(options, cancellationToken),
        };
    }

    /// <summary>
    /// The path of chain/out/devnet-state.json; installs the chain tools and builds the state (bash
    /// chain/scripts/ensure-*.sh) when they are missing.
    /// </summary>
    public static async Task<string> EnsureStateAsync(CancellationToken cancellationToken = default)
    {
        string root = AnvilProcess.FindRepositoryRoot();
        string state = Path.Combine(root, "chain", "out", "devnet-state.json");
        await s_scriptLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            bool haveAnvil;
            try
            {
                AnvilProcess.FindAnvilExecutable();
                haveAnvil = true;
            }
            catch (FileNotFoundException)
            {
                haveAnvil = false;
            }
            if (!haveAnvil) await RunScriptAsync(root, "ensure-tools.sh", cancellationToken).ConfigureAwait(false);
            if (!File.Exists(state)) await RunScriptAsync(root, "ensure-devnet.sh", cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            s_scriptLock.Release();
        }
        if (!File.Exists(state)) throw new FileNotFoundException($"chain/scripts/ensure-devnet.sh did not produce {state}.", state);
        return state;
    }

    private static async Task RunScriptAsync(string root, string script, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        info.ArgumentList.Add(Path.Combine(root, "chain", "scripts", script));
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start bash for {script}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        string output = await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"chain/scripts/{script} failed with exit code {process.ExitCode}: {output}");
    }

    private static AnvilOptions AnvilOptionsFor(DevnetNodeOptions options, string? loadState, Uri? forkUrl, ulong? forkBlock) => new()
    {
        ChainId = MainnetChainId,
        Hardfork = Hardfork,
        LoadStatePath = loadState,
        ForkUrl = forkUrl,
        ForkBlockNumber = forkBlock,
        LogDirectory = options.LogDirectory,
        StartupTimeout = options.StartupTimeout,
        ExtraArguments = ["--accounts", AccountCount.ToString(CultureInfo.InvariantCulture), "--balance", "10000", .. options.ExtraAnvilArguments],
    };

    private static ReplicaBackdoorGuard StrictGuard()
    {
        string artifacts = Path.Combine(AnvilProcess.FindRepositoryRoot(), "chain", "out", "artifacts");
        if (!Directory.Exists(artifacts)) throw new DirectoryNotFoundException($"Strict mode needs the compiled replicas in {artifacts} (bash chain/scripts/ensure-devnet.sh).");
        return new ReplicaBackdoorGuard(ReplicaBackdoorGuard.LoadReplicaOnlySelectors(artifacts), new SocketsHttpHandler());
    }

    // anvil is null for a node attached to an Anvil it did not start (ConnectAsync).
    private static async Task<DevnetNode> CreateAsync(AnvilProcess? anvil, Uri rpcUrl, DevnetNode? upstream, DevnetChainMode? mode, DevnetNodeOptions options, CancellationToken cancellationToken)
    {
        PrivateKeySigner[] accounts = [];
        DevnetNode? node = null;
        try
        {
            accounts = DeriveTestAccounts();
            bool hasReplicas = await DetectReplicasAsync(rpcUrl, accounts[AdminAccountIndex].Address, cancellationToken).ConfigureAwait(false);
            // Unknown mode: a fork started here of a chain with replicas is a fork of the devnet; an attached one is taken as the devnet.
            var replicaMode = anvil is null ? DevnetChainMode.Devnet : DevnetChainMode.ForkOfDevnet;
            var resolved = mode ?? (hasReplicas ? replicaMode : DevnetChainMode.MainnetFork);
            node = new DevnetNode(anvil, rpcUrl, upstream, resolved, hasReplicas, accounts, options.StrictRealPaths ? StrictGuard() : null);
            if (resolved != DevnetChainMode.MainnetFork && !hasReplicas)
                throw new InvalidOperationException($"The {resolved} chain has no Lido replica administered by the devnet admin at {DevnetAddresses.Lido.WithdrawalQueue}; rebuild the state (bash chain/scripts/ensure-devnet.sh).");
            return node;
        }
        catch
        {
            if (node is not null) await node.DisposeAsync().ConfigureAwait(false);
            else
            {
                foreach (var account in accounts) account.Dispose();
                if (anvil is not null) await anvil.DisposeAsync().ConfigureAwait(false);
            }
            throw;
        }
    }

    /// <summary>
    /// Our devnet is recognised by a real-ABI read: the withdrawal queue's DEFAULT_ADMIN_ROLE is held by the devnet admin
    /// (on mainnet it is the Aragon Agent).
    /// </summary>
    private static async Task<bool> DetectReplicasAsync(Uri url, Address admin, CancellationToken cancellationToken)
    {
        using var rpc = new EthereumRpcClient(new EthereumRpcClientOptions { Url = url });
        try
        {
            var queue = new WithdrawalQueueErc721(DevnetAddresses.Lido.WithdrawalQueue, rpc);
            return await queue.HasRoleAsync(new byte[32], admin, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (LiquidStakeException)
        {
            // A revert or no code: not the devnet.
            return false;
        }
    }

    /// <summary>Derives the ten accounts of the test mnemonic (m/44'/60'/0'/0/i). The caller disposes them.</summary>
    public static PrivateKeySigner[] DeriveTestAccounts()
    {
        byte[] seed = Mnemonic.ToSeed(AnvilOptions.TestMnemonic);
        try
        {
            var accounts = new PrivateKeySigner[AccountCount];
            for (int i = 0; i < accounts.Length; i++) accounts[i] = Bip44.DeriveSigner(seed, (uint)i);
            return accounts;
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(seed);
        }
    }

    private void LogStarted(DevnetNodeOptions options, TimeSpan elapsed)
    {
        ILogger logger = options.LoggerFactory?.CreateLogger<DevnetNode>() ?? NullLogger<DevnetNode>.Instance;
        // The fork URL is not logged: it may carry an API key.
        LogReady(logger, Mode, ProcessId, RpcUrl, (long)elapsed.TotalMilliseconds, LogPath);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "LiquidStake {Mode} Anvil (pid {ProcessId}) ready at {RpcUrl} in {ElapsedMilliseconds} ms; log {LogPath}")]
    private static partial void LogReady(ILogger logger, DevnetChainMode mode, int processId, Uri rpcUrl, long elapsedMilliseconds, string logPath);

    // ---------------------------------------------------------------- isolation

    /// <summary><c>evm_snapshot</c>: remembers the chain state; returns the snapshot id for <see cref="RevertAsync"/>.</summary>
    public async Task<string> SnapshotAsync(CancellationToken cancellationToken = default)
    {
        var result = await Rpc.RequestAsync("evm_snapshot", [], cancellationToken).ConfigureAwait(false);
        return result.GetString() ?? throw new EthereumFormatException("evm_snapshot did not return an id.");
    }

    /// <summary>
    /// <c>evm_revert</c>: restores the state of snapshot <paramref name="snapshotId"/> (which is then used up) and resets
    /// the nonce cache of <see cref="Sender"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Anvil does not know the snapshot.</exception>
    public async Task RevertAsync(string snapshotId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(snapshotId);
        var result = await Rpc.RequestAsync("evm_revert", [snapshotId], cancellationToken).ConfigureAwait(false);
        _nonces.Reset();
        if (result.ValueKind != JsonValueKind.True) throw new InvalidOperationException($"Anvil could not revert to snapshot {snapshotId}.");
    }

    /// <summary>Runs <paramref name="action"/> between a snapshot and a revert, so its changes never leak.</summary>
    public async Task IsolatedAsync(Func<Task> action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        string snapshot = await SnapshotAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await action().ConfigureAwait(false);
        }
        finally
        {
            await RevertAsync(snapshot, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Runs <paramref name="action"/> between a snapshot and a revert and returns its result.</summary>
    public async Task<T> IsolatedAsync<T>(Func<Task<T>> action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        string snapshot = await SnapshotAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await action().ConfigureAwait(false);
        }
        finally
        {
            await RevertAsync(snapshot, CancellationToken.None).ConfigureAwait(false);
        }
    }

    // ---------------------------------------------------------------- accounts

    /// <summary><c>anvil_setBalance</c>: sets the ETH balance of <paramref name="account"/> in wei.</summary>
    public async Task SetBalanceAsync(Address account, BigInteger wei, CancellationToken cancellationToken = default)
    {
        if (wei.Sign < 0) throw new LiquidStakeArgumentException(nameof(wei), "cannot be negative", "at least 0");
        await Rpc.RequestAsync("anvil_setBalance", [account, wei], cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>anvil_setCode</c>: gives <paramref name="account"/> runtime code (a stand-in for a contract wallet, or an EIP-7702 designator).</summary>
    public async Task SetCodeAsync(Address account, byte[] code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        await Rpc.RequestAsync("anvil_setCode", [account, Hex.Encode(code)], cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>anvil_impersonateAccount</c>: lets <see cref="SendAsImpersonatedAsync"/> send as <paramref name="account"/> without its key.</summary>
    public async Task ImpersonateAsync(Address account, CancellationToken cancellationToken = default) =>
        await Rpc.RequestAsync("anvil_impersonateAccount", [account], cancellationToken).ConfigureAwait(false);

    /// <summary><c>anvil_stopImpersonatingAccount</c>.</summary>
    public async Task StopImpersonatingAsync(Address account, CancellationToken cancellationToken = default) =>
        await Rpc.RequestAsync("anvil_stopImpersonatingAccount", [account], cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Sends <paramref name="request"/> with <c>eth_sendTransaction</c> as <c>request.From</c> (impersonated, or an
    /// account Anvil holds) and waits for the receipt.
    /// </summary>
    /// <exception cref="DevnetTransactionFailedException">The transaction was mined but reverted.</exception>
    public async Task<TransactionReceipt> SendAsImpersonatedAsync(TransactionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.From is null) throw new LiquidStakeArgumentException(nameof(request), "needs From (the impersonated sender)");
        var result = await Rpc.RequestAsync("eth_sendTransaction", [request], cancellationToken).ConfigureAwait(false);
        var hash = Hash32.Parse(result.GetString() ?? throw new EthereumFormatException("eth_sendTransaction did not return a hash."));
        while (true)
        {
            var receipt = await Rpc.GetTransactionReceiptAsync(hash, cancellationToken).ConfigureAwait(false);
            if (receipt is not null) return EnsureSucceeded(receipt, request);
            await Task.Delay(25, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Impersonates <paramref name="from"/> (funding it with <paramref name="fund"/> wei when given), sends, and stops impersonating.</summary>
    public async Task<TransactionReceipt> SendAsAsync(Address from, TransactionRequest request, BigInteger? fund = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (fund is { } wei) await SetBalanceAsync(from, wei, cancellationToken).ConfigureAwait(false);
        await ImpersonateAsync(from, cancellationToken).ConfigureAwait(false);
        try
        {
            return await SendAsImpersonatedAsync(request with { From = from }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await StopImpersonatingAsync(from, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends <paramref name="request"/> as <paramref name="from"/> (impersonated) with the value and gas supplied by the node:
    /// the sender's ETH balance ends where it started. Used to mint tokens to any address.
    /// </summary>
    public async Task<TransactionReceipt> SendAsPreservingBalanceAsync(Address from, TransactionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var balance = await Rpc.GetBalanceAsync(from, cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            return await SendAsAsync(from, request, balance + request.Value + BigInteger.Pow(10, 18), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await SetBalanceAsync(from, balance, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Signs with <paramref name="signer"/>, sends through <see cref="Sender"/> and waits for a successful receipt.</summary>
    /// <exception cref="Ethereum.Contracts.ContractRevertException">The preflight reverted.</exception>
    /// <exception cref="DevnetTransactionFailedException">The transaction was mined but reverted.</exception>
    public async Task<TransactionReceipt> SendAsync(TransactionRequest request, ISigner signer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var receipt = await Sender.SendAndWaitAsync(request, signer, confirmations: 1, cancellationToken).ConfigureAwait(false);
        return EnsureSucceeded(receipt, request);
    }

    /// <summary>Sends <paramref name="request"/> signed by the replicas' admin (<see cref="Admin"/>).</summary>
    public Task<TransactionReceipt> SendAsAdminAsync(TransactionRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(request, Admin, cancellationToken);

    private static TransactionReceipt EnsureSucceeded(TransactionReceipt receipt, TransactionRequest request) =>
        receipt.Succeeded ? receipt : throw new DevnetTransactionFailedException(receipt, request.To);

    // ---------------------------------------------------------------- blocks and time

    /// <summary><c>anvil_mine</c>: mines <paramref name="blocks"/> blocks, <paramref name="intervalSeconds"/> apart (default 1 s).</summary>
    public async Task MineAsync(ulong blocks = 1, ulong? intervalSeconds = null, CancellationToken cancellationToken = default)
    {
        if (blocks == 0) return;
        object?[] args = intervalSeconds is { } interval ? [new BigInteger(blocks), new BigInteger(interval)] : [new BigInteger(blocks)];
        await Rpc.RequestAsync("anvil_mine", args, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>evm_increaseTime</c> followed by one mined block, so reads see the new time. Returns the new block timestamp.</summary>
    public async Task<ulong> IncreaseTimeAsync(TimeSpan duration, CancellationToken cancellationToken = default)
    {
        if (duration < TimeSpan.Zero) throw new LiquidStakeArgumentException(nameof(duration), "cannot be negative", "at least zero");
        await Rpc.RequestAsync("evm_increaseTime", [new BigInteger((ulong)duration.TotalSeconds)], cancellationToken).ConfigureAwait(false);
        await MineAsync(1, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await GetBlockTimestampAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>evm_setNextBlockTimestamp</c>: the next mined block gets <paramref name="unixSeconds"/>.</summary>
    public async Task SetNextBlockTimestampAsync(ulong unixSeconds, CancellationToken cancellationToken = default) =>
        await Rpc.RequestAsync("evm_setNextBlockTimestamp", [new BigInteger(unixSeconds)], cancellationToken).ConfigureAwait(false);

    /// <summary><c>evm_setAutomine</c>: whether each transaction is mined at once (the default).</summary>
    public async Task SetAutomineAsync(bool enabled, CancellationToken cancellationToken = default) =>
        await Rpc.RequestAsync("evm_setAutomine", [enabled], cancellationToken).ConfigureAwait(false);

    /// <summary><c>evm_setIntervalMining</c>: mine a block every <paramref name="seconds"/> seconds (0 turns it off).</summary>
    public async Task SetIntervalMiningAsync(ulong seconds, CancellationToken cancellationToken = default) =>
        await Rpc.RequestAsync("evm_setIntervalMining", [seconds], cancellationToken).ConfigureAwait(false);

    /// <summary>The timestamp of <paramref name="block"/> (default the latest block).</summary>
    public async Task<ulong> GetBlockTimestampAsync(BlockParameter block = default, CancellationToken cancellationToken = default)
    {
        var header = await Rpc.GetBlockByNumberAsync(block, cancellationToken).ConfigureAwait(false)
            ?? throw new LiquidStakeException($"The node has no '{block}' block.");
        return header.Timestamp;
    }

    // ---------------------------------------------------------------- replica admin calls

    internal void EnsureReplicas(string helper)
    {
        if (!HasReplicas) throw new DevnetReplicaUnavailableException(helper);
    }

    /// <summary>
    /// Calls a devnet-only admin function (not in the real ABIs) as the admin: <paramref name="signature"/> is the
    /// canonical signature, e.g. <c>devnetSetBalances(uint256,uint256,uint256)</c>.
    /// </summary>
    /// <exception cref="DevnetReplicaUnavailableException">The chain is a real mainnet fork.</exception>
    public Task<TransactionReceipt> CallReplicaAdminAsync(Address contract, string signature, IReadOnlyList<object?> arguments, BigInteger value = default, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(signature);
        ArgumentNullException.ThrowIfNull(arguments);
        EnsureReplicas(signature);
        var request = new TransactionRequest { To = contract, Data = EncodeCall(signature, arguments), Value = value };
        return SendAsAdminAsync(request, cancellationToken);
    }

    /// <summary>Encodes a call from a canonical signature without tuples (for example <c>f(address,uint256)</c>).</summary>
    public static byte[] EncodeCall(string signature, IReadOnlyList<object?> arguments)
    {
        ArgumentException.ThrowIfNullOrEmpty(signature);
        ArgumentNullException.ThrowIfNull(arguments);
        int open = signature.IndexOf('(', StringComparison.Ordinal);
        if (open <= 0 || signature[^1] != ')' || signature.IndexOf('(', open + 1) >= 0)
            throw new LiquidStakeArgumentException(nameof(signature), "must be a canonical signature without tuples, like f(address,uint256)");
        string inner = signature[(open + 1)..^1];
        AbiType[] types = inner.Length == 0 ? [] : inner.Split(',').Select(AbiType.Parse).ToArray();
        return AbiCodec.EncodeCall(AbiSignature.Selector(signature), types, arguments);
    }

    // ---------------------------------------------------------------- disposal

    /// <summary>Stops Anvil (and the upstream devnet of a fork; an attached node leaves its Anvil running) and disposes the client and the account keys.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try
        {
            Rpc.Dispose();
            _strictHttp?.Dispose();
            foreach (var account in _accounts) account.Dispose();
            if (_anvil is not null) await _anvil.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            if (_upstream is not null) await _upstream.DisposeAsync().ConfigureAwait(false);
        }
    }
}
