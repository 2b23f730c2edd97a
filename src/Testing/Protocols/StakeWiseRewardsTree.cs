using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Abi;
using LiquidStake.Ethereum.Crypto;
using LiquidStake.Sdk.Contracts.StakeWise;

namespace LiquidStake.Testing;

/// <summary>One vault's leaf in a StakeWise rewards tree: its cumulative consensus reward and unlocked MEV reward.</summary>
/// <param name="Vault">The vault.</param>
/// <param name="Reward">The vault's cumulative consensus reward in wei (<c>int160</c>; negative after penalties).</param>
/// <param name="UnlockedMevReward">The vault's cumulative unlocked MEV reward in wei (<c>uint160</c>; shared MEV escrow only).</param>
public sealed record StakeWiseRewardLeaf(Address Vault, BigInteger Reward, BigInteger UnlockedMevReward);

/// <summary>
/// The Merkle tree the StakeWise oracles sign: leaves <c>keccak256(bytes.concat(keccak256(abi.encode(vault, reward,
/// unlockedMevReward))))</c> paired as OpenZeppelin's <c>MerkleProof</c> verifies them (each pair hashed in ascending
/// order, an odd node carried up unchanged), which is what <c>Keeper.harvest</c> checks.
/// </summary>
public sealed class StakeWiseRewardsTree
{
    private static readonly AbiType[] s_leafTypes = [AbiType.Parse("address"), AbiType.Parse("int160"), AbiType.Parse("uint160")];
    private readonly byte[][][] _layers;
    private readonly Dictionary<Address, int> _indexes;

    /// <summary>Builds the tree over <paramref name="leaves"/> in the order given.</summary>
    /// <exception cref="LiquidStakeArgumentException">No leaves, or a vault listed twice.</exception>
    public StakeWiseRewardsTree(IReadOnlyList<StakeWiseRewardLeaf> leaves)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        if (leaves.Count == 0) throw new LiquidStakeArgumentException(nameof(leaves), "is empty", "at least one vault");
        _indexes = [];
        for (int i = 0; i < leaves.Count; i++)
        {
            if (!_indexes.TryAdd(leaves[i].Vault, i))
                throw new LiquidStakeArgumentException(nameof(leaves), $"lists vault {leaves[i].Vault} twice", "one leaf per vault");
        }
        Leaves = leaves.ToArray();
        var layers = new List<byte[][]> { Leaves.Select(HashLeaf).ToArray() };
        while (layers[^1].Length > 1)
        {
            var previous = layers[^1];
            var next = new byte[(previous.Length + 1) / 2][];
            for (int i = 0; i < previous.Length; i += 2)
                next[i / 2] = i + 1 < previous.Length ? HashPair(previous[i], previous[i + 1]) : previous[i];
            layers.Add(next);
        }
        _layers = layers.ToArray();
    }

    /// <summary>The leaves in tree order.</summary>
    public IReadOnlyList<StakeWiseRewardLeaf> Leaves { get; }

    /// <summary>The root (<c>rewardsRoot</c>).</summary>
    public byte[] Root => (byte[])_layers[^1][0].Clone();

    /// <summary>True when <paramref name="vault"/> has a leaf.</summary>
    public bool Contains(Address vault) => _indexes.ContainsKey(vault);

    /// <summary>The leaf of <paramref name="vault"/>.</summary>
    /// <exception cref="LiquidStakeArgumentException">The vault has no leaf.</exception>
    public StakeWiseRewardLeaf GetLeaf(Address vault) => Leaves[IndexOf(vault)];

    /// <summary>The sibling hashes from the leaf of <paramref name="vault"/> up to the root.</summary>
    /// <exception cref="LiquidStakeArgumentException">The vault has no leaf.</exception>
    public IReadOnlyList<byte[]> GetProof(Address vault)
    {
        var proof = new List<byte[]>();
        for (int layer = 0, i = IndexOf(vault); layer < _layers.Length - 1; layer++, i /= 2)
        {
            int sibling = i ^ 1;
            if (sibling < _layers[layer].Length) proof.Add((byte[])_layers[layer][sibling].Clone());
        }
        return proof;
    }

    /// <summary>The <c>updateState</c> argument of <paramref name="vault"/> for this tree.</summary>
    /// <exception cref="LiquidStakeArgumentException">The vault has no leaf.</exception>
    public HarvestParams GetHarvestParams(Address vault)
    {
        var leaf = GetLeaf(vault);
        return new HarvestParams(Root, leaf.Reward, leaf.UnlockedMevReward, GetProof(vault));
    }

    /// <summary>The leaf hash <c>keccak256(bytes.concat(keccak256(abi.encode(vault, reward, unlockedMevReward))))</c>.</summary>
    public static byte[] HashLeaf(StakeWiseRewardLeaf leaf)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        return Keccak256.Hash(Keccak256.Hash(AbiCodec.Encode(s_leafTypes, [leaf.Vault, leaf.Reward, leaf.UnlockedMevReward])));
    }

    /// <summary>OpenZeppelin's commutative pair hash: <c>keccak256(min ‖ max)</c>.</summary>
    public static byte[] HashPair(byte[] a, byte[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        bool aFirst = a.AsSpan().SequenceCompareTo(b) < 0;
        return Keccak256.Hash([.. aFirst ? a : b, .. aFirst ? b : a]);
    }

    private int IndexOf(Address vault) =>
        _indexes.TryGetValue(vault, out int index) ? index : throw new LiquidStakeArgumentException(nameof(vault), $"has no leaf in the rewards tree {Hex.Encode(Root)}", "one of the tree's vaults");
}
