using System.Numerics;
using LiquidStake.Ethereum;

namespace LiquidStake.Sdk.Services;

/// <summary>Holdings of one or many accounts across every provider, with the providers that could not be read.</summary>
/// <param name="Accounts">The accounts asked for, in order.</param>
/// <param name="Positions">Every non-empty position, ordered by account, then protocol, then token symbol.</param>
/// <param name="Errors">Providers that failed, with their error; their positions are missing from <paramref name="Positions"/>.</param>
public sealed record Portfolio(IReadOnlyList<Address> Accounts, IReadOnlyList<Position> Positions, IReadOnlyList<ProviderResult<IReadOnlyList<Position>>> Errors)
{
    /// <summary>True when every provider answered.</summary>
    public bool IsComplete => Errors.Count == 0;

    /// <summary>The total value in wei.</summary>
    public BigInteger TotalEthValue => Positions.Aggregate(BigInteger.Zero, (sum, p) => sum + p.EthValue);

    /// <summary>The positions of one account.</summary>
    public IReadOnlyList<Position> For(Address account) => Positions.Where(p => p.Owner == account).ToArray();

    /// <summary>The value in wei per protocol.</summary>
    public IReadOnlyDictionary<ProtocolId, BigInteger> EthValueByProtocol() =>
        Positions.GroupBy(p => p.Protocol).ToDictionary(g => g.Key, g => g.Aggregate(BigInteger.Zero, (sum, p) => sum + p.EthValue));
}
