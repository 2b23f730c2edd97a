using System.Numerics;
using System.Text;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Abi;
using LiquidStake.Ethereum.Crypto;
using LiquidStake.Ethereum.Rpc;

namespace LiquidStake.Testing.Protocols;

/// <summary>
/// Drives the Rocket Pool replica's admin functions (chain/deploy/rocketpool.mjs) as the devnet admin (accounts[9],
/// unlocked in Anvil), with eth_sendTransaction. Each call waits for its receipt and throws when it reverted.
/// </summary>
public static class RocketPoolDevnetExtensions
{
    /// <summary>The devnet admin: RocketStorage guardian and oracle.</summary>
    public static readonly Address Admin = Address.Parse("0xa0Ee7A142d267C1f36714E4a8F75612F20a79720");
    /// <summary>RocketStorage at its mainnet address: the registry the SDK resolves every Rocket Pool contract through.</summary>
    public static readonly Address RocketStorage = Address.Parse("0x1d8f8f00cfa6758d7bE78336684788Fb0ee0Fa46");
    /// <summary>The rETH token (RocketTokenRETH) at its mainnet address.</summary>
    public static readonly Address REth = Address.Parse("0xae78736Cd615f374D3085123A210448E74Fc6393");
    /// <summary>RocketDepositPool on the devnet: takes deposits and mints rETH.</summary>
    public static readonly Address DepositPool = Address.Parse("0xCE15294273CFb9D9b628F4D61636623decDF4fdC");
    /// <summary>RocketNetworkBalances on the devnet: the oracle's total ETH and rETH supply, which set the exchange rate.</summary>
    public static readonly Address NetworkBalances = Address.Parse("0x1D9F14C6Bfd8358b589964baD8665AdD248E9473");
    /// <summary>RocketDAOProtocolSettingsDeposit on the devnet: deposit enabled flag, minimum, pool size and fee.</summary>
    public static readonly Address DepositSettings = Address.Parse("0x227BE8dD01DF8ad9BED0178e4F8cEC2996C5c365");

    /// <summary>Starting oracle snapshot of the devnet (rocketpool.mjs START).</summary>
    public static readonly BigInteger StartTotalEth = BigInteger.Parse("390000000000000000123456789", System.Globalization.CultureInfo.InvariantCulture);
    /// <summary>The rETH supply in the starting oracle snapshot of the devnet (rocketpool.mjs START).</summary>
    public static readonly BigInteger StartRethSupply = BigInteger.Parse("338000000000000000987654321", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>devnetAccrueRewards(aprBasisPoints, elapsedSeconds) on RocketNetworkBalances.</summary>
    public static Task RocketPoolAccrueRewardsAsync(this EthereumRpcClient rpc, BigInteger aprBasisPoints, BigInteger elapsedSeconds) =>
        rpc.AdminCallAsync(NetworkBalances, "devnetAccrueRewards(uint256,uint256)", [AbiType.UInt256, AbiType.UInt256], [aprBasisPoints, elapsedSeconds]);

    /// <summary>devnetSetBalances(block, totalEth, stakingEth, rethSupply) on RocketNetworkBalances.</summary>
    public static Task RocketPoolSetBalancesAsync(this EthereumRpcClient rpc, BigInteger totalEth, BigInteger stakingEth, BigInteger rethSupply) =>
        rpc.AdminCallAsync(NetworkBalances, "devnetSetBalances(uint256,uint256,uint256,uint256)", [AbiType.UInt256, AbiType.UInt256, AbiType.UInt256, AbiType.UInt256], [BigInteger.Zero, totalEth, stakingEth, rethSupply]);

    /// <summary>devnetSetDepositSettings(enabled, minimum, maximumPoolSize, fee) on RocketDAOProtocolSettingsDeposit.</summary>
    public static Task RocketPoolSetDepositSettingsAsync(this EthereumRpcClient rpc, bool enabled, BigInteger minimum, BigInteger maximumPoolSize, BigInteger fee) =>
        rpc.AdminCallAsync(DepositSettings, "devnetSetDepositSettings(bool,uint256,uint256,uint256)", [AbiType.Bool, AbiType.UInt256, AbiType.UInt256, AbiType.UInt256], [enabled, minimum, maximumPoolSize, fee]);

    /// <summary>devnetRemoveCollateral(amount) on rETH: sends rETH-held ETH to the admin.</summary>
    public static Task RocketPoolRemoveCollateralAsync(this EthereumRpcClient rpc, BigInteger amount) =>
        rpc.AdminCallAsync(REth, "devnetRemoveCollateral(uint256)", [AbiType.UInt256], [amount]);

    /// <summary>devnetRemovePoolBalance(amount) on the deposit pool: deposit-pool ETH out of the vault to the admin.</summary>
    public static Task RocketPoolRemovePoolBalanceAsync(this EthereumRpcClient rpc, BigInteger amount) =>
        rpc.AdminCallAsync(DepositPool, "devnetRemovePoolBalance(uint256)", [AbiType.UInt256], [amount]);

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

    /// <summary>Sends a call as the devnet admin and waits for a successful receipt.</summary>
    public static Task AdminCallAsync(this EthereumRpcClient rpc, Address to, string signature, IReadOnlyList<AbiType> types, IReadOnlyList<object?> values, BigInteger? value = null) =>
        rpc.SendAsAsync(Admin, to, signature, types, values, value);

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
