using System.Net;
using System.Numerics;
using System.Reflection;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Protocols.EigenLayer;
using LiquidStake.Sdk.Protocols.EtherFi;
using LiquidStake.Sdk.Protocols.Lido;
using LiquidStake.Sdk.Protocols.RocketPool;
using LiquidStake.Sdk.Protocols.StakeWise;
using LiquidStake.Sdk.Services;

namespace LiquidStake.UnitTests.Sdk;

// Issue 11 item 5: every Address parameter of every public Prepare*/Quote*/Compose* method of the SDK's clients and
// services refuses the zero address as the caller's argument, before any RPC call (the node stub counts every request).
public sealed class AddressPreflightTests : IDisposable
{
    private static readonly string[] Prefixes = ["Prepare", "Quote", "Compose"];

    // (type, method, parameter) that legitimately take the zero address, each with its reason.
    private static readonly Dictionary<(string Type, string Method, string Parameter), string> ZeroAllowed = new()
    {
        [(nameof(LidoClient), nameof(LidoClient.PrepareStakeAsync), "referral")] = "Lido's submit(address _referral) takes address(0) as 'no referral'",
    };

    private readonly CountingHandler _node = new();
    private readonly EthereumRpcClient _rpc;
    private readonly LiquidStakeContext _context;
    private readonly Dictionary<Type, object> _instances;

    public AddressPreflightTests()
    {
        _rpc = new EthereumRpcClient(new HttpClient(_node), new EthereumRpcClientOptions { Url = new Uri("http://127.0.0.1:9"), Resilience = new() { MaxRetryAttempts = 1, BaseDelay = TimeSpan.FromMilliseconds(1) } });
        _context = new LiquidStakeContext(_rpc, NetworkProfile.Mainnet);
        var lido = new LidoClient(_context);
        var rocketPool = new RocketPoolClient(_context);
        var etherFi = new EtherFiClient(_context);
        var eigenLayer = new EigenLayerClient(_context);
        var stakeWise = new StakeWiseClient(_context);
        _instances = new()
        {
            [typeof(LidoClient)] = lido,
            [typeof(RocketPoolClient)] = rocketPool,
            [typeof(EtherFiClient)] = etherFi,
            [typeof(EigenLayerClient)] = eigenLayer,
            [typeof(StakeWiseClient)] = stakeWise,
            [typeof(StakingService)] = new StakingService([lido, rocketPool, etherFi, eigenLayer, stakeWise]),
            [typeof(PreparedTransactionExecutor)] = new PreparedTransactionExecutor(_context),
            [typeof(InstrumentedPreparedTransactionExecutor)] = new InstrumentedPreparedTransactionExecutor(_context),
        };
    }

    public void Dispose() => _rpc.Dispose();

    /// <summary>Every concrete public SDK type with a Prepare*/Quote*/Compose* method that takes an address.</summary>
    private static IEnumerable<Type> TypesWithAddressEntryPoints() =>
        typeof(IStakingProvider).Assembly.GetExportedTypes()
            // Generated ABI wrappers encode a call exactly as the contract's ABI spells it (address(0) included where
            // the contract accepts it); the clients above them are where the SDK's own pre-flight lives.
            .Where(t => t.Namespace?.StartsWith("LiquidStake.Sdk.Contracts", StringComparison.Ordinal) != true)
            .Where(t => t.IsClass && !t.IsAbstract && EntryPoints(t).Any());

    private static IEnumerable<MethodInfo> EntryPoints(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => Prefixes.Any(p => m.Name.StartsWith(p, StringComparison.Ordinal)))
            .Where(m => m.GetParameters().Any(p => IsAddress(p.ParameterType)));

    private static bool IsAddress(Type t) => t == typeof(Address) || t == typeof(Address?);

    [Fact]
    public void Every_type_with_an_address_entry_point_is_constructed_by_this_test()
    {
        var missing = TypesWithAddressEntryPoints().Where(t => !_instances.ContainsKey(t)).Select(t => t.FullName).ToArray();
        Assert.True(missing.Length == 0, "add an instance over the counting node for: " + string.Join(", ", missing));
        Assert.True(_instances.Keys.Sum(t => EntryPoints(t).Count()) >= 40, "the enumeration found fewer entry points than the SDK has");
    }

    [Fact]
    public async Task Every_address_parameter_refuses_the_zero_address_naming_that_parameter_before_any_rpc()
    {
        Assert.Equal(Address.Zero, default);
        var failures = new List<string>();
        int checkedParameters = 0;
        foreach (var type in TypesWithAddressEntryPoints())
        {
            var instance = _instances[type];
            foreach (var method in EntryPoints(type))
            {
                var parameters = method.GetParameters();
                for (int i = 0; i < parameters.Length; i++)
                {
                    if (!IsAddress(parameters[i].ParameterType)) continue;
                    var where = $"{type.Name}.{method.Name}({string.Join(", ", parameters.Select(p => p.ParameterType.Name + " " + p.Name))}) '{parameters[i].Name}'";
                    if (ZeroAllowed.ContainsKey((type.Name, method.Name, parameters[i].Name!))) continue;
                    var args = parameters.Select(p => ValidValue(p, instance)).ToArray();
                    args[i] = Address.Zero;
                    int before = _node.Requests;
                    var thrown = await InvokeAsync(method, instance, args);
                    checkedParameters++;
                    if (thrown is not LiquidStakeArgumentException arg)
                        failures.Add($"{where}: expected LiquidStakeArgumentException, got {thrown?.GetType().Name ?? "no exception"}: {thrown?.Message}");
                    else if (arg.ParamName != parameters[i].Name)
                        failures.Add($"{where}: the exception names '{arg.ParamName}'");
                    else if (_node.Requests != before)
                        failures.Add($"{where}: the node was called {_node.Requests - before} time(s) before the refusal");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(checkedParameters >= 45, $"only {checkedParameters} address parameters were checked");
        Assert.Equal(0, _node.Requests);
    }

    [Fact]
    public async Task An_optional_address_left_null_keeps_its_default_and_is_not_refused()
    {
        var etherFi = (EtherFiClient)_instances[typeof(EtherFiClient)];
        // Null recipient = the account itself: the pre-flight passes and the client goes on to read the node (refused by the stub).
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => etherFi.PrepareWithdrawalRequestAsync(Account, BigInteger.Pow(10, 17), null, null));
        Assert.IsNotType<LiquidStakeArgumentException>(ex);
        Assert.True(_node.Requests > 0);
    }

    [Fact]
    public async Task StEth_transfer_to_the_stEth_contract_is_refused_as_the_protocol_does()
    {
        var lido = (LidoClient)_instances[typeof(LidoClient)];
        var stEth = NetworkProfile.Mainnet.Lido!.StEth;
        var shares = await Assert.ThrowsAsync<LiquidStakeArgumentException>(() => lido.PrepareTransferSharesAsync(Account, stEth, 1));
        Assert.Equal("recipient", shares.ParamName);
        Assert.Contains("TRANSFER_TO_STETH_CONTRACT", shares.Message, StringComparison.Ordinal);
        var all = await Assert.ThrowsAsync<LiquidStakeArgumentException>(() => lido.PrepareTransferAllStEthAsync(Account, stEth));
        Assert.Equal("recipient", all.ParamName);
        Assert.Equal(0, _node.Requests);
    }

    private static readonly Address Account = Address.Parse("0x00000000000000000000000000000000000a11ce");
    private static readonly Address Other = Address.Parse("0x0000000000000000000000000000000000000b0b");

    /// <summary>An argument that passes every check the method makes before its address checks.</summary>
    private static object? ValidValue(ParameterInfo p, object instance)
    {
        var t = p.ParameterType;
        if (t == typeof(Address) || t == typeof(Address?)) return p.Position == 0 ? Account : Other;
        if (t == typeof(BigInteger)) return BigInteger.Pow(10, 17);
        if (t == typeof(CancellationToken)) return CancellationToken.None;
        if (p.HasDefaultValue) return p.DefaultValue;
        var protocol = (instance as IStakingProvider)?.Id ?? ProtocolId.Lido;
        if (t == typeof(StakingToken)) return (instance as IStakingProvider)?.ReceiptTokens[0] ?? StakingToken.Eth;
        if (t == typeof(IReadOnlyList<WithdrawalId>)) return new[] { WithdrawalId.ForRequest(protocol, 1) };
        if (t == typeof(IReadOnlyList<Hash32>)) return new[] { Hash32.Parse("0x" + new string('1', 64)) };
        if (t == typeof(IReadOnlyList<ProtocolId>)) return new[] { ProtocolId.Lido };
        if (t == typeof(ISigner)) return PrivateKeySigner.CreateRandom();
        if (t == typeof(DateTimeOffset)) return DateTimeOffset.UtcNow.AddHours(1);
        if (t == typeof(bool)) return false;
        if (t.IsEnum) return Enum.GetValues(t).GetValue(0);
        if (t == typeof(PreparedTransaction))
            return new PreparedTransaction(ProtocolId.Lido, "stake", [new TransactionStep(TransactionStepKind.Action, "stake", new Ethereum.Transactions.TransactionRequest { From = Account, To = Other, Value = 1 })]);
        throw new InvalidOperationException($"teach {nameof(AddressPreflightTests)} a valid {t.Name} for '{p.Name}' of {p.Member.DeclaringType?.Name}.{p.Member.Name}");
    }

    private static async Task<Exception?> InvokeAsync(MethodInfo method, object instance, object?[] args)
    {
        try
        {
            var result = method.Invoke(instance, args);
            if (result is Task task) await task;
            return null;
        }
        catch (TargetInvocationException e) { return e.InnerException; }
        catch (Exception e) { return e; }
    }

    /// <summary>A node that answers nothing and counts every request that reached it.</summary>
    private sealed class CountingHandler : HttpMessageHandler
    {
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("refused by the test") });
        }
    }
}
