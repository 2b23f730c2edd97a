using System.Numerics;
using LiquidStake.Ethereum;

namespace LiquidStake.Sdk;

/// <summary>One account's holding of one staking token.</summary>
/// <param name="Protocol">The protocol the token belongs to.</param>
/// <param name="Owner">The account.</param>
/// <param name="Token">The token held.</param>
/// <param name="Balance">The token balance in base units (for strategy shares: the withdrawable underlying).</param>
/// <param name="Shares">The protocol-level shares behind the balance (stETH/eETH shares, EigenLayer deposit shares), when that notion exists.</param>
/// <param name="EthValue">The value in wei at the current rate, rounded down.</param>
public sealed record Position(ProtocolId Protocol, Address Owner, StakingToken Token, BigInteger Balance, BigInteger? Shares, BigInteger EthValue);
