using System.Numerics;

namespace LiquidStake.Ethereum;

/// <summary>An amount of a token in its base units, with the token's decimals and symbol: <c>1.5 stETH</c>.</summary>
/// <param name="Raw">The amount in base units (wei for 18-decimal tokens).</param>
/// <param name="Decimals">The token's decimals.</param>
/// <param name="Symbol">The token's symbol, such as <c>stETH</c>.</param>
/// <remarks>Arithmetic and comparison are only defined between amounts of the same token (same symbol and decimals).</remarks>
public readonly record struct TokenAmount(BigInteger Raw, int Decimals, string Symbol) : IComparable<TokenAmount>
{
    /// <summary>An amount of ether given in wei.</summary>
    public static TokenAmount Ether(BigInteger wei) => new(wei, EthUnits.EtherDecimals, "ETH");

    /// <summary>Zero of a token.</summary>
    public static TokenAmount Zero(int decimals, string symbol) => new(BigInteger.Zero, decimals, symbol);

    /// <summary>Parses "1.5" or "1.5 stETH" (the symbol, when present, must be <paramref name="symbol"/>).</summary>
    /// <exception cref="LiquidStakeArgumentException">Malformed text, too many fractional digits or the wrong symbol.</exception>
    public static TokenAmount Parse(string text, int decimals, string symbol)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(symbol);
        int space = text.IndexOf(' ', StringComparison.Ordinal);
        string number = text;
        if (space >= 0)
        {
            string given = text[(space + 1)..];
            if (!string.Equals(given, symbol, StringComparison.Ordinal))
                throw new LiquidStakeArgumentException(nameof(text), $"the amount '{text}' is in '{given}', not '{symbol}'");
            number = text[..space];
        }
        return new TokenAmount(EthUnits.ParseUnits(number, decimals), decimals, symbol);
    }

    /// <summary>The exact decimal amount without the symbol ("1.5").</summary>
    public string ToDecimalString() => EthUnits.FormatUnits(Raw, Decimals);

    /// <summary>The exact amount and symbol, e.g. <c>1.5 stETH</c>.</summary>
    public override string ToString() => string.IsNullOrEmpty(Symbol) ? ToDecimalString() : ToDecimalString() + " " + Symbol;

    /// <summary>Compares amounts of the same token.</summary>
    /// <exception cref="LiquidStakeArgumentException">The tokens differ.</exception>
    public int CompareTo(TokenAmount other)
    {
        CheckSameToken(this, other);
        return Raw.CompareTo(other.Raw);
    }

    private static void CheckSameToken(TokenAmount left, TokenAmount right)
    {
        if (left.Decimals != right.Decimals || !string.Equals(left.Symbol, right.Symbol, StringComparison.Ordinal))
            throw new LiquidStakeArgumentException(nameof(right), $"cannot combine {left.Symbol} ({left.Decimals} decimals) with {right.Symbol} ({right.Decimals} decimals)", "the same token");
    }

    /// <summary>Adds two amounts of the same token.</summary>
    public static TokenAmount operator +(TokenAmount left, TokenAmount right)
    {
        CheckSameToken(left, right);
        return left with { Raw = left.Raw + right.Raw };
    }

    /// <summary>Subtracts two amounts of the same token.</summary>
    public static TokenAmount operator -(TokenAmount left, TokenAmount right)
    {
        CheckSameToken(left, right);
        return left with { Raw = left.Raw - right.Raw };
    }

    /// <summary>Adds two amounts of the same token.</summary>
    public static TokenAmount Add(TokenAmount left, TokenAmount right) => left + right;

    /// <summary>Subtracts two amounts of the same token.</summary>
    public static TokenAmount Subtract(TokenAmount left, TokenAmount right) => left - right;

    /// <summary>Whether <paramref name="left"/> sorts before <paramref name="right"/> (ordered as <see cref="CompareTo(TokenAmount)"/> orders them).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator <(TokenAmount left, TokenAmount right) => left.CompareTo(right) < 0;

    /// <summary>Whether <paramref name="left"/> sorts after <paramref name="right"/> (ordered as <see cref="CompareTo(TokenAmount)"/> orders them).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator >(TokenAmount left, TokenAmount right) => left.CompareTo(right) > 0;

    /// <summary>Whether <paramref name="left"/> sorts before <paramref name="right"/> or equals it (ordered as <see cref="CompareTo(TokenAmount)"/> orders them).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator <=(TokenAmount left, TokenAmount right) => left.CompareTo(right) <= 0;

    /// <summary>Whether <paramref name="left"/> sorts after <paramref name="right"/> or equals it (ordered as <see cref="CompareTo(TokenAmount)"/> orders them).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator >=(TokenAmount left, TokenAmount right) => left.CompareTo(right) >= 0;
}
