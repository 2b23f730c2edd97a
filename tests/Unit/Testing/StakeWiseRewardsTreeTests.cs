using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Testing;

namespace LiquidStake.UnitTests.Testing;

/// <summary>
/// The kit's StakeWise rewards tree and EIP-712 digest against vectors from chain/deploy/stakewise.mjs (viem's
/// keccak/ABI encoding and hashTypedData): five leaves, so a pair, an odd node carried up and a negative reward.
/// </summary>
public sealed class StakeWiseRewardsTreeTests
{
    private static readonly StakeWiseRewardLeaf[] Leaves =
    [
        new(Address.Parse("0xAC0F906E433d58FA868F936E8A43230473652885"), BigInteger.Parse("123456789012345678901", System.Globalization.CultureInfo.InvariantCulture), 0),
        new(Address.Parse("0xAFdbB97733E968BBf617BF52143ABcbdcD381cda"), 0, 7),
        new(Address.Parse("0xA9C58De7ad240352D73575Cf611BC0971448479B"), -5 * BigInteger.Pow(10, 18), 0),
        new(Address.Parse("0x000000000000000000000000000000000000dEaD"), 1, 0),
        new(Address.Parse("0x1111111111111111111111111111111111111111"), BigInteger.Pow(2, 150), 99),
    ];

    private static readonly string[] LeafHashes =
    [
        "0xccb2c26d7a1b12920134161bbacdfbf8212ab7b80a243781292372a7a6a376e4",
        "0xd63c54b02fa53fa615548fd9e579b9ca7b5fe745f0c3ffc0d16efd323a4bbd59",
        "0xede1bdfcfad380b8a112d0d646b5c233cad0bcd9c68214177b8200fda3507bde",
        "0x7814ae87f9d5fb52bc27636eb529913ef4dba51bab42b9abc57e9b8d890de1c2",
        "0x35bbaf987aaf0cdbbaad43b67e5529754346fd76bdf2015266acae2e250c8ca0",
    ];

    private const string Root = "0x9fcf6d57eb6b36d9ffc5fdce5f3f2041a2cf13455babe7a84c3c1449f189f472";

    [Fact]
    public void Leaves_root_and_proofs_match_the_deploy_scripts_tree()
    {
        var tree = new StakeWiseRewardsTree(Leaves);
        Assert.Equal(LeafHashes, Leaves.Select(l => Hex.Encode(StakeWiseRewardsTree.HashLeaf(l))).ToArray());
        Assert.Equal(Root, Hex.Encode(tree.Root));
        Assert.Equal(["0x454ec60c806758b5e503278a4cb5fa9a273b198c4bf57e01cf89b1905eebda30"], tree.GetProof(Leaves[4].Vault).Select(b => Hex.Encode(b)));
        Assert.Equal(
            ["0x7814ae87f9d5fb52bc27636eb529913ef4dba51bab42b9abc57e9b8d890de1c2", "0xb24d9929849a2c489ea2e520758efd082b5e86ecb828b5f181c3ec50b3706cb6", "0x35bbaf987aaf0cdbbaad43b67e5529754346fd76bdf2015266acae2e250c8ca0"],
            tree.GetProof(Leaves[2].Vault).Select(b => Hex.Encode(b)));
    }

    [Fact]
    public void Every_proof_folds_to_the_root_as_OpenZeppelin_MerkleProof_verifies()
    {
        var tree = new StakeWiseRewardsTree(Leaves);
        foreach (var leaf in Leaves)
        {
            var hash = StakeWiseRewardsTree.HashLeaf(leaf);
            foreach (var sibling in tree.GetProof(leaf.Vault)) hash = StakeWiseRewardsTree.HashPair(hash, sibling);
            Assert.Equal(tree.Root, hash);
            var harvest = tree.GetHarvestParams(leaf.Vault);
            Assert.Equal((leaf.Reward, leaf.UnlockedMevReward), (harvest.Reward, harvest.UnlockedMevReward));
        }
    }

    [Fact]
    public void The_rewards_digest_matches_viems_hashTypedData()
    {
        var digest = StakeWiseDevnet.ComputeRewardsDigest(1, DevnetAddresses.StakeWise.Keeper, Hex.Decode(Root), 871917808, 1796413835, 20, "liquidstake-kit");
        Assert.Equal("0x0168ecefcebe9b62fafd9ee06d3e68bb6108d779ee8976529bf43f26c77cf165", digest.ToString());
    }

    [Fact]
    public void An_empty_tree_a_repeated_vault_and_an_unknown_vault_are_refused()
    {
        Assert.Equal("leaves", Assert.Throws<LiquidStakeArgumentException>(() => new StakeWiseRewardsTree([])).ParamName);
        Assert.Equal("leaves", Assert.Throws<LiquidStakeArgumentException>(() => new StakeWiseRewardsTree([Leaves[0], Leaves[0] with { Reward = 1 }])).ParamName);
        var tree = new StakeWiseRewardsTree(Leaves);
        Assert.Equal("vault", Assert.Throws<LiquidStakeArgumentException>(() => tree.GetProof(Address.Parse("0x0000000000000000000000000000000000000001"))).ParamName);
    }
}
