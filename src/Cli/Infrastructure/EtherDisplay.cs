using System.Numerics;
using LiquidStake.Ethereum;

namespace LiquidStake.Cli.Infrastructure;

/// <summary>The unit ETH amounts are shown in; <see cref="Auto"/> picks the one that reads best.</summary>
public enum EtherUnit
{
    /// <summary>Wei below one gwei, gwei below 0.001 ETH, ETH above.</summary>
    Auto,

    /// <summary>Always wei.</summary>
    Wei,

    /// <summary>Always gwei.</summary>
    Gwei,

    /// <summary>Always ETH.</summary>
    Ether,
}

/// <summary>ETH amounts for people: exact (no rounding of wei), in the unit that reads best unless one is forced.</summary>
public static class EtherDisplay
{
    private static readonly BigInteger s_oneGwei = BigInteger.Pow(10, EthUnits.GweiDecimals);

    // Below 0.001 ETH an ether figure starts with three zeros after the point; gwei reads better there.
    private static readonly BigInteger s_milliEther = BigInteger.Pow(10, 15);

    /// <summary>"1 wei", "1 gwei", "1.5 ETH", "1000000000000 ETH" (for 10^30 wei).</summary>
    public static string Format(BigInteger wei, EtherUnit unit = EtherUnit.Auto)
    {
        var magnitude = BigInteger.Abs(wei);
        var chosen = unit != EtherUnit.Auto ? unit
            : magnitude.IsZero ? EtherUnit.Ether
            : magnitude < s_oneGwei ? EtherUnit.Wei
            : magnitude < s_milliEther ? EtherUnit.Gwei
            : EtherUnit.Ether;
        return chosen switch
        {
            EtherUnit.Wei => EthUnits.FormatUnits(wei, 0) + " wei",
            EtherUnit.Gwei => EthUnits.FormatGwei(wei) + " gwei",
            _ => EthUnits.FormatEther(wei) + " ETH",
        };
    }

    /// <summary>Parses a <c>--units</c> value (wei, gwei, ether/eth, auto), case-insensitively.</summary>
    public static EtherUnit? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => EtherUnit.Auto,
        "wei" => EtherUnit.Wei,
        "gwei" => EtherUnit.Gwei,
        "ether" or "eth" => EtherUnit.Ether,
        _ => null,
    };
}
