using LiquidStake.Ethereum;

namespace LiquidStake.Devnet;

/// <summary>
/// The mainnet addresses where the devnet places its protocol replicas (the same values as chain/out/devnet.json;
/// a test checks that they agree). On a mainnet fork the same addresses hold the real contracts.
/// </summary>
public static class DevnetAddresses
{
    /// <summary>Multicall3 (same address on every chain).</summary>
    public static readonly Address Multicall3 = Address.Parse("0xcA11bde05977b3631167028862bE2a173976CA11");

    /// <summary>Lido contracts.</summary>
    public static class Lido
    {
        /// <summary>stETH (the Lido contract).</summary>
        public static readonly Address StEth = Address.Parse("0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84");

        /// <summary>wstETH.</summary>
        public static readonly Address WstEth = Address.Parse("0x7f39C581F595B53c5cb19bD0b3f8dA6c935E2Ca0");

        /// <summary>WithdrawalQueueERC721 (unstETH).</summary>
        public static readonly Address WithdrawalQueue = Address.Parse("0x889edC2eDab5f40e902b864aD4d7AdE8E412F9B1");

        /// <summary>LidoLocator.</summary>
        public static readonly Address LidoLocator = Address.Parse("0xC1d0b3DE6792Bf6b4b37EccdcC24e45978Cfd2Eb");

        /// <summary>EIP712StETH.</summary>
        public static readonly Address Eip712StEth = Address.Parse("0x8F73e4C2A6D852bb4ab2A45E6a9CF5715b3228B7");

        /// <summary>AccountingOracle.</summary>
        public static readonly Address AccountingOracle = Address.Parse("0x852deD011285fe67063a08005c71a85690503Cee");

        /// <summary>HashConsensus of the accounting oracle.</summary>
        public static readonly Address HashConsensus = Address.Parse("0xD624B08C83bAECF0807Dd2c6880C3154a5F0B288");

        /// <summary>WstETHReferralStaker.</summary>
        public static readonly Address WstEthReferralStaker = Address.Parse("0xa88f0329C2c4ce51ba3fc619BBf44efE7120Dd0d");
    }

    /// <summary>Rocket Pool contracts.</summary>
    public static class RocketPool
    {
        /// <summary>RocketStorage (the address registry).</summary>
        public static readonly Address RocketStorage = Address.Parse("0x1d8f8f00cfa6758d7bE78336684788Fb0ee0Fa46");

        /// <summary>rETH (RocketTokenRETH).</summary>
        public static readonly Address REth = Address.Parse("0xae78736Cd615f374D3085123A210448E74Fc6393");

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
        public static readonly Address LiquidityPool = Address.Parse("0x308861A430be4cce5502d0A12724771Fc6DaF216");

        /// <summary>eETH.</summary>
        public static readonly Address EEth = Address.Parse("0x35fA164735182de50811E8e2E824cFb9B6118ac2");

        /// <summary>weETH.</summary>
        public static readonly Address WeEth = Address.Parse("0xCd5fE23C85820F7B72D0926FC9b05b43E359b7ee");

        /// <summary>WithdrawRequestNFT.</summary>
        public static readonly Address WithdrawRequestNft = Address.Parse("0x7d5706f6ef3F89B3951E23e557CDFBC3239D4E2c");

        /// <summary>EtherFiRedemptionManager.</summary>
        public static readonly Address RedemptionManager = Address.Parse("0xDadEf1fFBFeaAB4f68A9fD181395F68b4e4E7Ae0");

        /// <summary>DepositAdapter.</summary>
        public static readonly Address DepositAdapter = Address.Parse("0xcfC6d9Bd7411962Bfe7145451A7EF71A24b6A7A2");

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
        public static readonly Address StrategyManager = Address.Parse("0x858646372CC42E1A627fcE94aa7A7033e7CF075A");

        /// <summary>DelegationManager.</summary>
        public static readonly Address DelegationManager = Address.Parse("0x39053D51B77DC0d36036Fc1fCc8Cb819df8Ef37A");

        /// <summary>AllocationManager.</summary>
        public static readonly Address AllocationManager = Address.Parse("0x948a420b8CC1d6BFd0B6087C2E7c344a2CD0bc39");

        /// <summary>StrategyFactory.</summary>
        public static readonly Address StrategyFactory = Address.Parse("0x5e4C39Ad7A3E881585e383dB9827EB4811f6F647");

        /// <summary>The stETH strategy.</summary>
        public static readonly Address StEthStrategy = Address.Parse("0x93c4b944D05dfe6df7645A86cd2206016c51564D");

        /// <summary>The rETH strategy.</summary>
        public static readonly Address REthStrategy = Address.Parse("0x1BeE69b7dFFfA4E2d53C2a2Df135C388AD25dCD2");

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
}
