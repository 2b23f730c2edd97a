using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rpc;

namespace LiquidStake.Sdk.Protocols.RocketPool;

/// <summary>Settings of a <see cref="RocketPoolClient"/>.</summary>
public sealed record RocketPoolClientOptions
{
    /// <summary>
    /// How long addresses resolved through RocketStorage are reused before they are read again. Rocket Pool upgrades
    /// move contracts under the same names, so the cache is short; <see cref="RocketPoolClient.RefreshContractsAsync"/>
    /// forces a refresh. Default: five minutes.
    /// </summary>
    public TimeSpan ContractCacheDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The APR window: balance updates whose slot timestamp lies within this span before the latest one are used. Default: seven days.</summary>
    public TimeSpan AprWindow { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How many blocks back the APR scans for <c>BalancesUpdated</c> events. Default: 8 days of 12-second blocks.</summary>
    public ulong AprLookbackBlocks { get; init; } = 8 * 7200;
}

/// <summary>The Rocket Pool network contracts an SDK needs, as currently registered in RocketStorage.</summary>
/// <param name="RocketStorage">The permanent registry.</param>
/// <param name="REth">The permanent rETH token.</param>
/// <param name="DepositPool"><c>rocketDepositPool</c>.</param>
/// <param name="NetworkBalances"><c>rocketNetworkBalances</c> (the rate oracle).</param>
/// <param name="DepositSettings"><c>rocketDAOProtocolSettingsDeposit</c>.</param>
/// <param name="ResolvedAt">When they were read.</param>
public sealed record RocketPoolContracts(
    Address RocketStorage,
    Address REth,
    Address DepositPool,
    Address NetworkBalances,
    Address DepositSettings,
    DateTimeOffset ResolvedAt);

/// <summary>Everything a deposit depends on, read in one Multicall3 call at one block.</summary>
/// <param name="DepositEnabled">Deposits are open (<c>getDepositEnabled</c>).</param>
/// <param name="MinimumDeposit">Smallest deposit in wei (<c>getMinimumDeposit</c>).</param>
/// <param name="DepositFee">Fee as a 1e18-scaled fraction (<c>getDepositFee</c>; 5e14 = 0.05 %).</param>
/// <param name="MaximumDepositPoolSize">Pool size limit in wei (<c>getMaximumDepositPoolSize</c>).</param>
/// <param name="MaximumDepositAmount">The largest deposit accepted now, in wei (<c>getMaximumDepositAmount</c>; 0 when disabled).</param>
/// <param name="TotalEthBalance">Oracle total ETH <c>T</c> (<c>getTotalETHBalance</c>).</param>
/// <param name="TotalRethSupply">Oracle rETH supply <c>S</c> (<c>getTotalRETHSupply</c>).</param>
/// <param name="AccountBalance">The account's ETH balance in wei, when an account was given.</param>
public sealed record RocketPoolDepositState(
    bool DepositEnabled,
    BigInteger MinimumDeposit,
    BigInteger DepositFee,
    BigInteger MaximumDepositPoolSize,
    BigInteger MaximumDepositAmount,
    BigInteger TotalEthBalance,
    BigInteger TotalRethSupply,
    BigInteger? AccountBalance);

/// <summary>What burning rETH would pay right now.</summary>
/// <param name="RethAmount">rETH to burn, in base units.</param>
/// <param name="ExpectedEth">ETH paid: <c>floor(r * T / S)</c> (r when S is 0).</param>
/// <param name="TotalCollateral">ETH available for burns (<c>getTotalCollateral</c>).</param>
/// <param name="Rate">The rate used.</param>
/// <param name="RethBalance">The account's rETH balance, when an account was given.</param>
public sealed record RocketPoolBurnQuote(BigInteger RethAmount, BigInteger ExpectedEth, BigInteger TotalCollateral, ExchangeRate Rate, BigInteger? RethBalance)
{
    /// <summary>True when the collateral covers the burn.</summary>
    public bool IsCovered => ExpectedEth <= TotalCollateral;
}

/// <summary>The outcome of a deposit, decoded from the receipt.</summary>
/// <param name="Receipt">The deposit's receipt.</param>
/// <param name="EthDeposited">ETH sent (<c>DepositReceived.amount</c>, gross).</param>
/// <param name="Fee">The deposit fee kept by the protocol: gross minus <c>TokensMinted.ethAmount</c>.</param>
/// <param name="EthCredited">ETH credited after the fee (<c>TokensMinted.ethAmount</c>).</param>
/// <param name="RethMinted">rETH minted (<c>TokensMinted.amount</c>).</param>
public sealed record RocketPoolDepositResult(TransactionReceipt Receipt, BigInteger EthDeposited, BigInteger Fee, BigInteger EthCredited, BigInteger RethMinted)
{
    /// <summary>Gas paid in wei: gas used times the effective gas price.</summary>
    public BigInteger GasCost => Receipt.GasUsed * Receipt.EffectiveGasPrice;
}

/// <summary>The outcome of a burn, decoded from the receipt.</summary>
/// <param name="Receipt">The burn's receipt.</param>
/// <param name="RethBurned">rETH burned (<c>TokensBurned.amount</c>).</param>
/// <param name="EthReceived">ETH paid out (<c>TokensBurned.ethAmount</c>).</param>
public sealed record BurnResult(TransactionReceipt Receipt, BigInteger RethBurned, BigInteger EthReceived)
{
    /// <summary>Gas paid in wei: gas used times the effective gas price.</summary>
    public BigInteger GasCost => Receipt.GasUsed * Receipt.EffectiveGasPrice;
}

/// <summary>One rETH rate observation: a <c>BalancesUpdated</c> event.</summary>
/// <param name="Block">The EL block the balances refer to.</param>
/// <param name="SlotTimestamp">The slot time of the report (unix seconds).</param>
/// <param name="TotalEth">Oracle total ETH.</param>
/// <param name="RethSupply">Oracle rETH supply.</param>
public sealed record RocketPoolRateObservation(BigInteger Block, long SlotTimestamp, BigInteger TotalEth, BigInteger RethSupply)
{
    /// <summary>ETH per 1 rETH, 18 decimals, as <c>getExchangeRate()</c> computes it: <c>floor(1e18 * T / S)</c>.</summary>
    public BigInteger Rate => RethSupply.IsZero ? BigInteger.Pow(10, 18) : BigInteger.Pow(10, 18) * TotalEth / RethSupply;
}
