using System.Numerics;
using System.Text;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Abi;
using LiquidStake.Ethereum.Crypto;
using LiquidStake.Ethereum.Rpc;

namespace LiquidStake.Testing.Protocols;

/// <summary>
/// Rocket Pool addresses of the devnet, and raw RocketStorage re-registration (an "upgrade") by
/// impersonating a registered network contract. The off-chain actors' jobs live on <see cref="RocketPoolDevnet"/>.
/// </summary>
public static class RocketPoolDevnetExtensions
{
    /// <summary>The devnet admin: RocketStorage guardian (it bootstrapped the oracle DAO members).</summary>
    public static readonly Address Admin = Address.Parse("0xa0Ee7A142d267C1f36714E4a8F75612F20a79720");
    /// <summary>RocketStorage at its mainnet address: the registry the SDK resolves every Rocket Pool contract through.</summary>
    public static readonly Address RocketStorage = DevnetAddresses.RocketPool.RocketStorage;
    /// <summary>The rETH token (RocketTokenRETH) at its mainnet address.</summary>
    public static readonly Address REth = DevnetAddresses.RocketPool.REth;
    /// <summary>RocketDepositPool on the devnet: takes deposits and mints rETH.</summary>
    public static readonly Address DepositPool = DevnetAddresses.RocketPool.DepositPool;
    /// <summary>RocketNetworkBalances on the devnet: the oracle's total ETH and rETH supply, which set the exchange rate.</summary>
    public static readonly Address NetworkBalances = DevnetAddresses.RocketPool.NetworkBalances;
    /// <summary>RocketDAOProtocolSettingsDeposit on the devnet: deposit enabled flag, minimum, pool size and fee.</summary>
    public static readonly Address DepositSettings = DevnetAddresses.RocketPool.DepositSettings;

    /// <summary>
    /// Re-registers a contract name in RocketStorage to <paramref name="newAddress"/>, as an upgrade does: impersonates a
    /// registered network contract (RocketStorage only lets those write after deployment) and sets
    /// "contract.address"+name, "contract.exists"+address and "contract.name"+address.
    /// </summary>
    public static async Task RocketPoolRegisterContractAsync(this EthereumRpcClient rpc, string name, Address newAddress, Address registeredContract)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        await rpc.RequestAsync("anvil_impersonateAccount", [registeredContract]);
        await rpc.RequestAsync("anvil_setBalance", [registeredContract, BigInteger.Pow(10, 18)]);
        try
        {
            var addressKey = Keccak256.Hash(Encoding.UTF8.GetBytes("contract.address" + name));
            var existsKey = Keccak256.Hash([.. Encoding.UTF8.GetBytes("contract.exists"), .. newAddress.ToArray()]);
            await rpc.SendAsAsync(registeredContract, RocketStorage, "setAddress(bytes32,address)", [AbiType.Bytes32, AbiType.Address], [addressKey, newAddress]);
            await rpc.SendAsAsync(registeredContract, RocketStorage, "setBool(bytes32,bool)", [AbiType.Bytes32, AbiType.Bool], [existsKey, true]);
        }
        finally
        {
            await rpc.RequestAsync("anvil_stopImpersonatingAccount", [registeredContract]);
        }
    }

    /// <summary>Sends a call from an unlocked or impersonated account and waits for a successful receipt.</summary>
    public static async Task SendAsAsync(this EthereumRpcClient rpc, Address from, Address to, string signature, IReadOnlyList<AbiType> types, IReadOnlyList<object?> values, BigInteger? value = null)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        ArgumentNullException.ThrowIfNull(signature);
        var data = AbiCodec.EncodeCall(AbiSignature.Selector(signature), types, values);
        var tx = new Dictionary<string, string>
        {
            ["from"] = from.ToLowerHex(),
            ["to"] = to.ToLowerHex(),
            ["data"] = Hex.Encode(data),
            ["value"] = Hex.EncodeQuantity(value ?? BigInteger.Zero),
            ["gas"] = Hex.EncodeQuantity(new BigInteger(3_000_000)),
        };
        var hashElement = await rpc.RequestAsync("eth_sendTransaction", [tx]);
        var hash = Hash32.Parse(hashElement.GetString()!);
        var receipt = await rpc.GetTransactionReceiptAsync(hash);
        for (int i = 0; receipt is null && i < 100; i++)
        {
            await Task.Delay(20);
            receipt = await rpc.GetTransactionReceiptAsync(hash);
        }
        if (receipt is null || !receipt.Succeeded) throw new InvalidOperationException($"devnet call {signature} to {to} failed (tx {hash})");
    }
}
