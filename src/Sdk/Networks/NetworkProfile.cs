using LiquidStake.Ethereum;

namespace LiquidStake.Sdk;

/// <summary>Lido's contracts on one network.</summary>
public sealed record LidoAddresses(Address StEth, Address WstEth, Address WithdrawalQueue, Address Locator, Address? ReferralStaker);

/// <summary>
/// Rocket Pool's entry points. Everything else (the deposit pool, network balances, settings) is resolved at run time
/// through RocketStorage, because Rocket Pool upgrades move those contracts.
/// </summary>
public sealed record RocketPoolAddresses(Address RocketStorage, Address REth);

/// <summary>ether.fi's staker-facing contracts on one network.</summary>
public sealed record EtherFiAddresses(
    Address LiquidityPool,
    Address EEth,
    Address WeEth,
    Address WithdrawRequestNft,
    Address RedemptionManager,
    Address? DepositAdapter);

/// <summary>EigenLayer's core contracts and the strategies a staker deposits LSTs into (token -> strategy).</summary>
public sealed record EigenLayerAddresses(
    Address StrategyManager,
    Address DelegationManager,
    Address AllocationManager,
    Address StrategyFactory,
    IReadOnlyDictionary<Address, Address> StrategiesByToken);

/// <summary>
/// StakeWise V3's shared contracts. Vaults are found through <paramref name="VaultsRegistry"/> (<c>VaultAdded</c> events);
/// the Genesis vault is the default one a stake goes to.
/// </summary>
/// <param name="VaultsRegistry">The registry of vaults (<c>vaults(address)</c>).</param>
/// <param name="Keeper">The Keeper: reward updates, harvests, collateralization.</param>
/// <param name="OsToken">osETH (ERC-20).</param>
/// <param name="OsTokenVaultController">The osETH controller (rate, minting, burning).</param>
/// <param name="OsTokenConfig">Per-vault LTV, liquidation threshold and bonus.</param>
/// <param name="PriceFeed">The osETH/ETH price feed (<c>latestAnswer</c>).</param>
/// <param name="GenesisVault">The Genesis vault.</param>
/// <param name="RegistryDeploymentBlock">The block the registry was deployed in: where vault discovery starts scanning logs.</param>
public sealed record StakeWiseAddresses(
    Address VaultsRegistry,
    Address Keeper,
    Address OsToken,
    Address OsTokenVaultController,
    Address OsTokenConfig,
    Address PriceFeed,
    Address GenesisVault,
    ulong RegistryDeploymentBlock = 0);

/// <summary>
/// Where the protocols live on one chain. Built-in profiles: <see cref="Mainnet"/>, <see cref="Devnet"/> (the mainnet
/// addresses on a local chain with id 1) and <see cref="Hoodi"/> (where the notes list addresses). Use <c>with</c> to override.
/// </summary>
/// <param name="Name">A short name (mainnet, devnet, hoodi, or a custom one).</param>
/// <param name="ChainId">The chain id every signature is bound to.</param>
/// <param name="Multicall3">Multicall3's address.</param>
/// <param name="Lido">Lido, or null where it is not deployed.</param>
/// <param name="RocketPool">Rocket Pool, or null.</param>
/// <param name="EtherFi">ether.fi, or null.</param>
/// <param name="EigenLayer">EigenLayer, or null.</param>
/// <param name="StakeWise">StakeWise V3, or null.</param>
public sealed record NetworkProfile(
    string Name,
    ulong ChainId,
    Address Multicall3,
    LidoAddresses? Lido,
    RocketPoolAddresses? RocketPool,
    EtherFiAddresses? EtherFi,
    EigenLayerAddresses? EigenLayer,
    StakeWiseAddresses? StakeWise = null)
{
    private static readonly Address CanonicalMulticall3 = Address.Parse("0xcA11bde05977b3631167028862bE2a173976CA11");

    /// <summary>Ethereum mainnet.</summary>
    public static NetworkProfile Mainnet { get; } = new(
        "mainnet",
        1,
        CanonicalMulticall3,
        new LidoAddresses(
            Address.Parse("0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84"),
            Address.Parse("0x7f39C581F595B53c5cb19bD0b3f8dA6c935E2Ca0"),
            Address.Parse("0x889edC2eDab5f40e902b864aD4d7AdE8E412F9B1"),
            Address.Parse("0xC1d0b3DE6792Bf6b4b37EccdcC24e45978Cfd2Eb"),
            Address.Parse("0xa88f0329C2c4ce51ba3fc619BBf44efE7120Dd0d")),
        new RocketPoolAddresses(
            Address.Parse("0x1d8f8f00cfa6758d7bE78336684788Fb0ee0Fa46"),
            Address.Parse("0xae78736Cd615f374D3085123A210448E74Fc6393")),
        new EtherFiAddresses(
            Address.Parse("0x308861A430be4cce5502d0A12724771Fc6DaF216"),
            Address.Parse("0x35fA164735182de50811E8e2E824cFb9B6118ac2"),
            Address.Parse("0xCd5fE23C85820F7B72D0926FC9b05b43E359b7ee"),
            Address.Parse("0x7d5706f6ef3F89B3951E23e557CDFBC3239D4E2c"),
            Address.Parse("0xDadEf1fFBFeaAB4f68A9fD181395F68b4e4E7Ae0"),
            Address.Parse("0xcfC6d9Bd7411962Bfe7145451A7EF71A24b6A7A2")),
        new EigenLayerAddresses(
            Address.Parse("0x858646372CC42E1A627fcE94aa7A7033e7CF075A"),
            Address.Parse("0x39053D51B77DC0d36036Fc1fCc8Cb819df8Ef37A"),
            Address.Parse("0x948a420b8CC1d6BFd0B6087C2E7c344a2CD0bc39"),
            Address.Parse("0x5e4C39Ad7A3E881585e383dB9827EB4811f6F647"),
            new Dictionary<Address, Address>
            {
                // stETH and rETH: the two LSTs the SDK restakes end to end; the other strategies are listed in eigenlayer.md §1.2.
                [Address.Parse("0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84")] = Address.Parse("0x93c4b944D05dfe6df7645A86cd2206016c51564D"),
                [Address.Parse("0xae78736Cd615f374D3085123A210448E74Fc6393")] = Address.Parse("0x1BeE69b7dFFfA4E2d53C2a2Df135C388AD25dCD2"),
                [Address.Parse("0xBe9895146f7AF43049ca1c1AE358B0541Ea49704")] = Address.Parse("0x54945180dB7943c0ed0FEE7EdaB2Bd24620256bc"),
                [Address.Parse("0xA35b1B31Ce002FBF2058D22F30f95D405200A15b")] = Address.Parse("0x9d7eD45EE2E8FC5482fa2428f15C971e6369011d"),
            }),
        // src/Abis/StakeWise/NOTES.md (v3-core deployments/mainnet.json).
        new StakeWiseAddresses(
            Address.Parse("0x3a0008a588772446f6e656133C2D5029CC4FC20E"),
            Address.Parse("0x6B5815467da09DaA7DC83Db21c9239d98Bb487b5"),
            Address.Parse("0xf1C9acDc66974dFB6dEcB12aA385b9cD01190E38"),
            Address.Parse("0x2A261e60FB14586B474C208b1B7AC6D0f5000306"),
            Address.Parse("0x287d1e2A8dE183A8bf8f2b09Fa1340fBd766eb59"),
            Address.Parse("0x8023518b2192FB5384DAdc596765B3dD1cdFe471"),
            Address.Parse("0xAC0F906E433d58FA868F936E8A43230473652885")));

    /// <summary>The LiquidStake devnet: mainnet addresses and chain id 1 on a local Anvil with protocol replicas.</summary>
    public static NetworkProfile Devnet { get; } = Mainnet with { Name = "devnet" };

    /// <summary>The Hoodi testnet (chain 560048): Lido, Rocket Pool and ether.fi, whose Hoodi addresses the protocol notes list.</summary>
    public static NetworkProfile Hoodi { get; } = new(
        "hoodi",
        560048,
        CanonicalMulticall3,
        new LidoAddresses(
            Address.Parse("0x3508A952176b3c15387C97BE809eaffB1982176a"),
            Address.Parse("0x7E99eE3C66636DE415D2d7C880938F2f40f94De4"),
            Address.Parse("0xfe56573178f1bcdf53F01A6E9977670dcBBD9186"),
            Address.Parse("0xe2EF9536DAAAEBFf5b1c130957AB3E80056b06D8"),
            Address.Parse("0xf886BcC68b240316103fE8A12453Ce7831c2e835")),
        new RocketPoolAddresses(
            Address.Parse("0x594Fb75D3dc2DFa0150Ad03F99F97817747dd4E1"),
            Address.Parse("0x7322c24752f79c05FFD1E2a6FCB97020C1C264F1")),
        new EtherFiAddresses(
            Address.Parse("0x4a8081095549e63153a61D21F92ff079fe39858E"),
            Address.Parse("0x5595b182162DB7ECfdFE5Ea948d7636b9e250C4D"),
            Address.Parse("0xd5A50FAE2736CA59Bd6Ac4AF59b1f0fFAB62c4A2"),
            Address.Parse("0xb17528f26b0F7ED107E4E17f48bcC2E169Dcb6c1"),
            Address.Parse("0x95AeCaa1B0C3A04C8aFf5D05f27363e9e3367D6F"),
            null),
        null);

    /// <summary>Finds a built-in profile by name (case-insensitive).</summary>
    /// <exception cref="LiquidStakeArgumentException">The name is not a built-in network.</exception>
    public static NetworkProfile FromName(string name) => name?.Trim().ToUpperInvariant() switch
    {
        "MAINNET" => Mainnet,
        "DEVNET" => Devnet,
        "HOODI" => Hoodi,
        _ => throw new LiquidStakeArgumentException(nameof(name), $"'{name}' is not a known network", "mainnet, devnet or hoodi"),
    };
}
