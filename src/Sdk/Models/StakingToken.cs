using LiquidStake.Ethereum;

namespace LiquidStake.Sdk;

/// <summary>How a token carries staking rewards — the distinction every newcomer to liquid staking needs.</summary>
public enum TokenAccounting
{
    /// <summary>Native ETH.</summary>
    Native,

    /// <summary>The balance grows with rewards while the holder's shares stay fixed (stETH, eETH).</summary>
    Rebasing,

    /// <summary>The balance stays fixed and each token is worth more ETH over time (wstETH, weETH, rETH).</summary>
    ExchangeRate,

    /// <summary>Non-transferable shares of an EigenLayer strategy.</summary>
    StrategyShares,
}

/// <summary>A token a provider takes or gives: an LST, its wrapped twin, ETH itself, or strategy shares.</summary>
/// <param name="Symbol">Ticker, for example <c>stETH</c>.</param>
/// <param name="Name">Full name.</param>
/// <param name="Address">Contract address; <see cref="Address.Zero"/> for native ETH.</param>
/// <param name="Decimals">Decimals (18 for every built-in token).</param>
/// <param name="Accounting">Rebasing, exchange-rate, native or strategy shares.</param>
public sealed record StakingToken(string Symbol, string Name, Address Address, int Decimals, TokenAccounting Accounting)
{
    /// <summary>Native ETH.</summary>
    public static StakingToken Eth { get; } = new("ETH", "Ether", Address.Zero, 18, TokenAccounting.Native);

    /// <summary>True for native ETH.</summary>
    public bool IsNative => Accounting == TokenAccounting.Native;

    /// <summary>An amount of this token, for display.</summary>
    public TokenAmount Amount(System.Numerics.BigInteger raw) => new(raw, Decimals, Symbol);
}
