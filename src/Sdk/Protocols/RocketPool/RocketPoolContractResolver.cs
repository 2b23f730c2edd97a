using System.Text;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Contracts;
using LiquidStake.Ethereum.Crypto;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Transactions;
using LiquidStake.Sdk.Contracts.RocketPool;

namespace LiquidStake.Sdk.Protocols.RocketPool;

/// <summary>
/// Resolves Rocket Pool network contracts by name through RocketStorage
/// (<c>getAddress(keccak256(abi.encodePacked("contract.address", name)))</c>). Only RocketStorage and rETH are fixed;
/// everything else moves when Rocket Pool upgrades, so nothing else is ever hard-coded.
/// </summary>
public class RocketPoolContractResolver
{
    /// <summary>RocketStorage name of the deposit pool.</summary>
    public const string DepositPoolName = "rocketDepositPool";

    /// <summary>RocketStorage name of the rate oracle.</summary>
    public const string NetworkBalancesName = "rocketNetworkBalances";

    /// <summary>RocketStorage name of the deposit settings.</summary>
    public const string DepositSettingsName = "rocketDAOProtocolSettingsDeposit";

    private readonly RocketStorage _storage = null!;
    private readonly EthereumRpcClient? _rpc;
    private readonly RocketPoolAddresses _addresses = null!;
    private readonly TimeProvider _timeProvider = null!;

    /// <summary>For mocking only.</summary>
    protected RocketPoolContractResolver() { }

    /// <summary>Creates a resolver reading RocketStorage through <paramref name="caller"/>.</summary>
    public RocketPoolContractResolver(IContractCaller caller, RocketPoolAddresses addresses, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(addresses);
        _addresses = addresses;
        _storage = new RocketStorage(addresses.RocketStorage, caller);
        _rpc = caller as EthereumRpcClient;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The RocketStorage key of a contract name: <c>keccak256(abi.encodePacked("contract.address", name))</c>.</summary>
    public static byte[] ContractAddressKey(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Keccak256.Hash(Encoding.UTF8.GetBytes("contract.address" + name));
    }

    /// <summary>Reads one contract's current address; throws when the name is not registered (zero address).</summary>
    public virtual async Task<Address> ResolveAsync(string name, CancellationToken cancellationToken = default)
    {
        var address = await _storage.GetAddressAsync(ContractAddressKey(name), null, cancellationToken).ConfigureAwait(false);
        if (address == Address.Zero)
            throw NotRegistered(name);
        return address;
    }

    /// <summary>Reads the current addresses of every contract the SDK uses.</summary>
    public virtual async Task<RocketPoolContracts> ResolveAllAsync(CancellationToken cancellationToken = default)
    {
        string[] names = [DepositPoolName, NetworkBalancesName, DepositSettingsName];
        Address[] resolved;
        if (_rpc is not null)
        {
            // One JSON-RPC batch (one HTTP request) for the three lookups.
            var batch = _rpc.CreateBatch();
            var pending = names.Select(n => batch.AddCall(new TransactionRequest { To = _addresses.RocketStorage, Data = RocketStorage.EncodeGetAddress(ContractAddressKey(n)) })).ToArray();
            await batch.SendAsync(cancellationToken).ConfigureAwait(false);
            resolved = new Address[names.Length];
            for (int i = 0; i < names.Length; i++)
            {
                resolved[i] = RocketStorage.DecodeGetAddressOutput(await pending[i].ConfigureAwait(false));
                if (resolved[i] == Address.Zero) throw NotRegistered(names[i]);
            }
        }
        else
        {
            resolved = await Task.WhenAll(names.Select(n => ResolveAsync(n, cancellationToken))).ConfigureAwait(false);
        }
        return new RocketPoolContracts(
            _addresses.RocketStorage,
            _addresses.REth,
            resolved[0],
            resolved[1],
            resolved[2],
            _timeProvider.GetUtcNow());
    }

    private LiquidStakeException NotRegistered(string name) =>
        new($"Rocket Pool contract '{name}' is not registered in RocketStorage {_addresses.RocketStorage}");
}
