using System.Globalization;
using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Sdk;

namespace LiquidStake.Cli.Infrastructure;

/// <summary>
/// Rates and APRs for people: rounded to what a reader can compare (6 decimals for exchange rates, 2 for APR percent),
/// half away from zero. <c>--json</c> keeps the exact numerator/denominator and the SDK's full-precision percent.
/// </summary>
internal static class DisplayRounding
{
    /// <summary>Decimals an exchange rate is shown with.</summary>
    public const int RateDecimals = 6;

    /// <summary>Decimals an APR percent is shown with.</summary>
    public const int AprDecimals = 2;

    /// <summary>"1 rETH = 1.142637 ETH" (from 1.142636981… ETH).</summary>
    public static string Rate(ExchangeRate rate)
    {
        ArgumentNullException.ThrowIfNull(rate);
        return $"1 {rate.Base.Symbol} = {RoundUnits(rate.QuotePerWholeBase, rate.Quote.Decimals, RateDecimals)} {rate.Quote.Symbol}";
    }

    /// <summary>"3.14 %" (from 3.1415…), "0.00 %" for a zero APR.</summary>
    public static string Apr(decimal percent) =>
        Math.Round(percent, AprDecimals, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture) + " %";

    /// <summary><paramref name="value"/> base units of a <paramref name="decimals"/>-decimal token as a decimal number
    /// with at most <paramref name="shown"/> decimals, rounded half away from zero, trailing zeros dropped.</summary>
    public static string RoundUnits(BigInteger value, int decimals, int shown)
    {
        if (decimals <= shown) return EthUnits.FormatUnits(value, decimals);
        var scale = BigInteger.Pow(10, decimals - shown);
        var magnitude = BigInteger.Abs(value);
        var rounded = (magnitude + scale / 2) / scale;
        return EthUnits.FormatUnits(value.Sign < 0 ? -rounded : rounded, shown);
    }
}
