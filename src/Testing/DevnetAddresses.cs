using LiquidStake.Ethereum;
using LiquidStake.Sdk;

namespace LiquidStake.Testing;

/// <summary>
/// The mainnet addresses where the devnet places its protocol replicas (the same values as chain/out/devnet.json;
/// a test checks that they agree). On a mainnet fork the same addresses hold the real contracts.
/// </summary>
public static class DevnetAddresses
{
    // Addresses the SDK's network profile already carries are taken from it, so the two cannot drift apart;
    // the rest (devnet-only contracts, operators, AVSs) are listed here.
    private static NetworkProfile Profile => NetworkProfile.Devnet;

    /// <summary>Multicall3 (same address on every chain).</summary>
    public static readonly Address Multicall3 = Profile.Multicall3;

    /// <summary>Lido contracts.</summary>
    public static class Lido
    {
        /// <summary>stETH (the Lido contract).</summary>
        public static readonly Address StEth = Profile.Lido!.StEth;

        /// <summary>wstETH.</summary>
        public static readonly Address WstEth = Profile.Lido!.WstEth;

        /// <summary>WithdrawalQueueERC721 (unstETH).</summary>
        public static readonly Address WithdrawalQueue = Profile.Lido!.WithdrawalQueue;

        /// <summary>LidoLocator.</summary>
        public static readonly Address LidoLocator = Profile.Lido!.Locator;

        /// <summary>EIP712StETH.</summary>
        public static readonly Address Eip712StEth = Address.Parse("0x8F73e4C2A6D852bb4ab2A45E6a9CF5715b3228B7");

        /// <summary>AccountingOracle.</summary>
        public static readonly Address AccountingOracle = Address.Parse("0x852deD011285fe67063a08005c71a85690503Cee");

        /// <summary>HashConsensus of the accounting oracle.</summary>
        public static readonly Address HashConsensus = Address.Parse("0xD624B08C83bAECF0807Dd2c6880C3154a5F0B288");

        /// <summary>WstETHReferralStaker.</summary>
        public static readonly Address WstEthReferralStaker = Profile.Lido!.ReferralStaker!.Value;
    }

    /// <summary>Rocket Pool contracts.</summary>
    public static class RocketPool
    {
        /// <summary>RocketStorage (the address registry).</summary>
        public static readonly Address RocketStorage = Profile.RocketPool!.RocketStorage;

        /// <summary>rETH (RocketTokenRETH).</summary>
        public static readonly Address REth = Profile.RocketPool!.REth;

        /// <summary>RocketDepositPool.</summary>
        public static readonly Address DepositPool = Address.Parse("0xCE15294273CFb9D9b628F4D61636623decDF4fdC");

        /// <summary>RocketNetworkBalances.</summary>
        public static readonly Address NetworkBalances = Address.Parse("0x1D9F14C6Bfd8358b589964baD8665AdD248E9473");

        /// <summary>RocketDAOProtocolSettingsDeposit.</summary>
        public static readonly Address DepositSettings = Address.Parse("0x227BE8dD01DF8ad9BED0178e4F8cEC2996C5c365");

        /// <summary>RocketDAOProtocolSettingsNetwork.</summary>
        public static readonly Address NetworkSettings = Address.Parse("0x67Fd03a5095197D1aD1F932BC55E022C420b1153");

        /// <summary>RocketVault.</summary>
        public static readonly Address Vault = Address.Parse("0x3bDC69C4E5e13E52A65f5583c23EFB9636b469d6");
    }

    /// <summary>ether.fi contracts.</summary>
    public static class EtherFi
    {
        /// <summary>LiquidityPool.</summary>
        public static readonly Address LiquidityPool = Profile.EtherFi!.LiquidityPool;

        /// <summary>eETH.</summary>
        public static readonly Address EEth = Profile.EtherFi!.EEth;

        /// <summary>weETH.</summary>
        public static readonly Address WeEth = Profile.EtherFi!.WeEth;

        /// <summary>WithdrawRequestNFT.</summary>
        public static readonly Address WithdrawRequestNft = Profile.EtherFi!.WithdrawRequestNft;

        /// <summary>EtherFiRedemptionManager.</summary>
        public static readonly Address RedemptionManager = Profile.EtherFi!.RedemptionManager;

        /// <summary>DepositAdapter.</summary>
        public static readonly Address DepositAdapter = Profile.EtherFi!.DepositAdapter!.Value;

        /// <summary>WeETHWithdrawAdapter.</summary>
        public static readonly Address WeEthWithdrawAdapter = Address.Parse("0xFbfe6b9cEe0E555Bad7e2E7309EFFC75200cBE38");

        /// <summary>Blacklister.</summary>
        public static readonly Address Blacklister = Address.Parse("0x5585996E7cFE95f2D99e61168B8b35C66Ff99B18");

        /// <summary>EtherFiRateLimiter.</summary>
        public static readonly Address RateLimiter = Address.Parse("0x6C7c54cfC2225fA985cD25F04d923B93c60a02F8");

        /// <summary>The pseudo-address ether.fi uses for native ETH (redemption bucket key).</summary>
        public static readonly Address EthAddress = Address.Parse("0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE");
    }

    /// <summary>EigenLayer core contracts and devnet actors.</summary>
    public static class EigenLayer
    {
        /// <summary>StrategyManager.</summary>
        public static readonly Address StrategyManager = Profile.EigenLayer!.StrategyManager;

        /// <summary>DelegationManager.</summary>
        public static readonly Address DelegationManager = Profile.EigenLayer!.DelegationManager;

        /// <summary>AllocationManager.</summary>
        public static readonly Address AllocationManager = Profile.EigenLayer!.AllocationManager;

        /// <summary>StrategyFactory.</summary>
        public static readonly Address StrategyFactory = Profile.EigenLayer!.StrategyFactory;

        /// <summary>The stETH strategy.</summary>
        public static readonly Address StEthStrategy = Profile.EigenLayer!.StrategiesByToken[Profile.Lido!.StEth];

        /// <summary>The rETH strategy.</summary>
        public static readonly Address REthStrategy = Profile.EigenLayer!.StrategiesByToken[Profile.RocketPool!.REth];

        /// <summary>The cbETH strategy (its token is a devnet mock on the devnet).</summary>
        public static readonly Address CbEthStrategy = Address.Parse("0x54945180dB7943c0ed0FEE7EdaB2Bd24620256bc");

        /// <summary>Devnet-only operator A (open delegation). Not present on mainnet.</summary>
        public static readonly Address OperatorA = Address.Parse("0x97105DE21c3419a7fD183F9f5fE02b5FF77384ED");

        /// <summary>Devnet-only operator B (open delegation).</summary>
        public static readonly Address OperatorB = Address.Parse("0x61a4a1293dcD472b3d22dCcD8Fbaa9bc347393e3");

        /// <summary>Devnet-only operator C (the admin approves delegations).</summary>
        public static readonly Address OperatorC = Address.Parse("0xa0BF13D672b75A2a74641c5B1dcb7a84076002b0");

        /// <summary>Devnet AVS "EigenDA" (operator set 0: stETH, rETH, cbETH, ETHx).</summary>
        public static readonly Address EigenDaAvs = Address.Parse("0x70Fcf65B0f6906422Ff441b6d27F939371dFc4b9");

        /// <summary>Devnet AVS "AltLayer MACH" (operator set 0: stETH, rETH).</summary>
        public static readonly Address AltLayerAvs = Address.Parse("0xDBe3A068fD09d819d97385467B7d505117e6eC23");

        /// <summary>Devnet AVS "RedStone Oracles" (set 0: stETH, cbETH; set 1: ETHx).</summary>
        public static readonly Address RedStoneAvs = Address.Parse("0x75AEFD9e508B3419DF3f852c1C07dc2ae41306B5");
    }

    /// <summary>StakeWise V3 contracts (core <c>deployments/mainnet.json</c>) and the devnet's operator vaults.</summary>
    public static class StakeWise
    {
        /// <summary>VaultsRegistry.</summary>
        public static readonly Address VaultsRegistry = Address.Parse("0x3a0008a588772446f6e656133C2D5029CC4FC20E");

        /// <summary>Keeper (oracles, reward updates, harvests).</summary>
        public static readonly Address Keeper = Address.Parse("0x6B5815467da09DaA7DC83Db21c9239d98Bb487b5");

        /// <summary>osETH.</summary>
        public static readonly Address OsToken = Address.Parse("0xf1C9acDc66974dFB6dEcB12aA385b9cD01190E38");

        /// <summary>OsTokenVaultController.</summary>
        public static readonly Address OsTokenVaultController = Address.Parse("0x2A261e60FB14586B474C208b1B7AC6D0f5000306");

        /// <summary>OsTokenConfig (V2, per-vault LTV and liquidation settings).</summary>
        public static readonly Address OsTokenConfig = Address.Parse("0x287d1e2A8dE183A8bf8f2b09Fa1340fBd766eb59");

        /// <summary>PriceFeed (osETH/ETH rate).</summary>
        public static readonly Address PriceFeed = Address.Parse("0x8023518b2192FB5384DAdc596765B3dD1cdFe471");

        /// <summary>The Genesis vault (same address on mainnet and the devnet).</summary>
        public static readonly Address GenesisVault = Address.Parse("0xAC0F906E433d58FA868F936E8A43230473652885");

        /// <summary>Devnet-only operator vault A (5 % fee, capacity 10 000 ETH). Not present on mainnet.</summary>
        public static readonly Address OperatorAVault = Address.Parse("0xAFdbB97733E968BBf617BF52143ABcbdcD381cda");

        /// <summary>Devnet-only operator vault B (10 % fee, capacity 1 000 ETH). Not present on mainnet.</summary>
        public static readonly Address OperatorBVault = Address.Parse("0xA9C58De7ad240352D73575Cf611BC0971448479B");
    }
}
