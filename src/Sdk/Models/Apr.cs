namespace LiquidStake.Sdk;

/// <summary>An annual percentage rate derived from on-chain data, with the evidence it was computed from.</summary>
/// <param name="Percent">The APR in percent (3.1 means 3.1 % a year). Not money, so a decimal rather than wei.</param>
/// <param name="From">Start of the window.</param>
/// <param name="To">End of the window.</param>
/// <param name="DataPoints">How many observations (rebases, rate updates) the value is based on.</param>
/// <param name="Method">How it was computed, in words (for example "Lido SDK formula over the last 7 TokenRebased events").</param>
public sealed record Apr(decimal Percent, DateTimeOffset From, DateTimeOffset To, int DataPoints, string Method)
{
    /// <summary>The length of the observation window.</summary>
    public TimeSpan Window => To - From;
}
