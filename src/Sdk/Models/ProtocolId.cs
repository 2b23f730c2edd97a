namespace LiquidStake.Sdk;

/// <summary>Identifies a staking protocol; also the key under which its provider is registered in DI.</summary>
/// <param name="Value">A short lowercase id such as <c>lido</c>.</param>
public readonly record struct ProtocolId(string Value)
{
    /// <summary>Lido: stETH (rebasing) and wstETH (exchange rate).</summary>
    public static ProtocolId Lido { get; } = new("lido");

    /// <summary>Rocket Pool: rETH (exchange rate).</summary>
    public static ProtocolId RocketPool { get; } = new("rocketpool");

    /// <summary>ether.fi: eETH (rebasing) and weETH (exchange rate), liquid restaking.</summary>
    public static ProtocolId EtherFi { get; } = new("etherfi");

    /// <summary>EigenLayer (EigenCloud): restaking of LSTs in strategies, delegation to operators.</summary>
    public static ProtocolId EigenLayer { get; } = new("eigenlayer");

    /// <summary>StakeWise V3: ETH staked in vaults (vault shares), osETH minted against them (exchange rate).</summary>
    public static ProtocolId StakeWise { get; } = new("stakewise");

    /// <summary>The five built-in protocols.</summary>
    public static IReadOnlyList<ProtocolId> BuiltIn { get; } = [Lido, RocketPool, EtherFi, EigenLayer, StakeWise];

    /// <inheritdoc/>
    public override string ToString() => Value;
}
