using System.Numerics;
using LiquidStake.Ethereum;

namespace LiquidStake.Sdk.Protocols.StakeWise;

/// <summary>A vault's osETH settings (<c>OsTokenConfig.getConfig(vault)</c>), all on a 1e18 = 100 % scale.</summary>
/// <param name="LtvPercent">The most osETH (in ETH) that may be minted per ETH staked.</param>
/// <param name="LiqThresholdPercent">The LTV above which a position can be liquidated; <see cref="ulong.MaxValue"/> disables liquidation.</param>
/// <param name="LiqBonusPercent">The liquidator's bonus.</param>
public sealed record StakeWiseOsTokenConfig(BigInteger LtvPercent, BigInteger LiqThresholdPercent, BigInteger LiqBonusPercent)
{
    /// <summary>True when the vault's positions cannot be liquidated (threshold = <c>type(uint64).max</c>).</summary>
    public bool LiquidationDisabled => LiqThresholdPercent == ulong.MaxValue;
}

/// <summary>One StakeWise vault as read from the chain at one block.</summary>
/// <param name="Address">The vault.</param>
/// <param name="IsGenesis">True for the network's Genesis vault.</param>
/// <param name="Admin">The vault admin (its operator).</param>
/// <param name="FeeRecipient">Who receives the fee shares.</param>
/// <param name="FeePercent">The fee on rewards, in basis points (of 10000).</param>
/// <param name="Capacity">The most ETH the vault takes (<c>type(uint256).max</c> when unlimited).</param>
/// <param name="TotalAssets">The vault's TVL in wei (<c>totalAssets()</c>).</param>
/// <param name="TotalShares">All vault shares (<c>totalShares()</c>).</param>
/// <param name="WithdrawableAssets">ETH in the vault not reserved for the exit queue.</param>
/// <param name="QueuedShares">Shares waiting in the exit queue.</param>
/// <param name="UnclaimedAssets">Exited ETH not yet claimed.</param>
/// <param name="IsCollateralized">The vault has validators (<c>Keeper.isCollateralized</c>); if not, an exit is paid at once.</param>
/// <param name="IsHarvestRequired">The vault is more than one reward update behind: deposits, mints and exits revert until it harvests.</param>
/// <param name="OsTokenConfig">LTV and liquidation settings.</param>
/// <param name="Apr">The vault's APR from its harvests in the lookback window, when requested and at least two harvests were found.</param>
public sealed record StakeWiseVaultInfo(
    Address Address,
    bool IsGenesis,
    Address Admin,
    Address FeeRecipient,
    int FeePercent,
    BigInteger Capacity,
    BigInteger TotalAssets,
    BigInteger TotalShares,
    BigInteger WithdrawableAssets,
    BigInteger QueuedShares,
    BigInteger UnclaimedAssets,
    bool IsCollateralized,
    bool IsHarvestRequired,
    StakeWiseOsTokenConfig OsTokenConfig,
    Apr? Apr)
{
    /// <summary>True when the capacity is set (not <c>type(uint256).max</c>).</summary>
    public bool HasCapacity => Capacity != StakeWiseMath.Uint256Max;

    /// <summary>How much more ETH the vault accepts now: <c>capacity - totalAssets</c> (never negative).</summary>
    public BigInteger AvailableCapacity => BigInteger.Max(BigInteger.Zero, Capacity - TotalAssets);

    /// <summary>Vault shares → ETH (floor), as <c>convertToAssets</c>.</summary>
    public BigInteger ConvertToAssets(BigInteger shares) => StakeWiseMath.ConvertToAssets(shares, TotalAssets, TotalShares);

    /// <summary>ETH → vault shares minted by a deposit (rounded up, as <c>deposit</c> mints them).</summary>
    public BigInteger SharesForDeposit(BigInteger assets) => StakeWiseMath.SharesForDeposit(assets, TotalAssets, TotalShares);
}

/// <summary>An account's osETH position in one vault.</summary>
/// <param name="Vault">The vault.</param>
/// <param name="Owner">The account.</param>
/// <param name="StakedShares">Its vault shares (exit-queue shares excluded).</param>
/// <param name="StakedAssets">Their value in wei.</param>
/// <param name="MintedShares">osETH shares owed (<c>osTokenPositions</c>, grown by the treasury fee).</param>
/// <param name="MintedAssets">Their value in wei (<c>controller.convertToAssets</c>).</param>
/// <param name="MaxMintedShares">The most osETH shares the stake allows in total: <c>convertToShares(stakedAssets * ltv / 1e18)</c>.</param>
/// <param name="Config">The vault's LTV and liquidation settings.</param>
public sealed record StakeWiseOsTokenPosition(
    Address Vault,
    Address Owner,
    BigInteger StakedShares,
    BigInteger StakedAssets,
    BigInteger MintedShares,
    BigInteger MintedAssets,
    BigInteger MaxMintedShares,
    StakeWiseOsTokenConfig Config)
{
    /// <summary>How many more osETH shares may be minted now (zero when at or above the LTV).</summary>
    public BigInteger MintableShares => BigInteger.Max(BigInteger.Zero, MaxMintedShares - MintedShares);

    /// <summary>The position's LTV on a 1e18 scale: <c>mintedAssets * 1e18 / stakedAssets</c> (null with nothing staked).</summary>
    public BigInteger? Ltv => StakedAssets.IsZero ? null : MintedAssets * StakeWiseMath.Wad / StakedAssets;

    /// <summary>
    /// The health factor on a 1e18 scale: <c>stakedAssets * liqThresholdPercent / mintedAssets</c> (v3-core
    /// <c>OsTokenUtils</c>); liquidation is possible below 1e18. Null with nothing minted or liquidation disabled.
    /// </summary>
    public BigInteger? HealthFactor => StakeWiseMath.HealthFactor(StakedAssets, MintedAssets, Config.LiqThresholdPercent);
}

/// <summary>The parts of a StakeWise exit-queue ticket that a claim needs, packed into <see cref="WithdrawalId.RequestId"/>.</summary>
/// <param name="Vault">The vault whose queue it is in.</param>
/// <param name="PositionTicket">The ticket (<c>ExitQueueEntered.positionTicket</c>).</param>
/// <param name="Timestamp">The timestamp of the block the request was made in.</param>
public sealed record StakeWiseExitTicket(Address Vault, BigInteger PositionTicket, ulong Timestamp)
{
    private static readonly BigInteger TicketLimit = BigInteger.One << 256;

    /// <summary>The withdrawal id: <c>vault &lt;&lt; 320 | timestamp &lt;&lt; 256 | ticket</c> as the request number.</summary>
    public WithdrawalId ToWithdrawalId() =>
        WithdrawalId.ForRequest(ProtocolId.StakeWise, (new BigInteger(Vault.ToArray(), isUnsigned: true, isBigEndian: true) << 320) | (new BigInteger(Timestamp) << 256) | PositionTicket);

    /// <summary>Unpacks a StakeWise withdrawal id made by <see cref="ToWithdrawalId"/>.</summary>
    /// <exception cref="LiquidStakeArgumentException">The id is not a StakeWise exit ticket.</exception>
    public static StakeWiseExitTicket FromWithdrawalId(WithdrawalId id, string paramName = "withdrawals")
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Protocol != ProtocolId.StakeWise || id.RequestId is not { } packed || packed.Sign < 0 || packed >= BigInteger.One << 480)
            throw new LiquidStakeArgumentException(paramName, $"{id} is not a StakeWise exit-queue ticket", "an id from GetWithdrawalRequestsAsync / StakeWiseExitTicket.ToWithdrawalId");
        var ticket = packed % TicketLimit;
        var timestamp = (ulong)((packed >> 256) & ulong.MaxValue);
        var vaultValue = packed >> 320;
        var bytes = vaultValue.ToByteArray(isUnsigned: true, isBigEndian: true);
        var vault = new byte[20];
        bytes.CopyTo(vault, 20 - bytes.Length);
        return new StakeWiseExitTicket(new Address(vault), ticket, timestamp);
    }
}

/// <summary>A StakeWise exit-queue request with the vault's view of it.</summary>
/// <param name="Id">The packed id (<see cref="StakeWiseExitTicket"/>).</param>
/// <param name="Owner">The receiver who can claim.</param>
/// <param name="Token">The vault's shares token.</param>
/// <param name="AmountRequested">Vault shares (tickets) still in the request.</param>
/// <param name="AmountClaimable">Wei a claim pays now (exited assets), when any.</param>
/// <param name="Status">Pending, claimable or claimed.</param>
/// <param name="RequestedAt">The request's block time.</param>
/// <param name="EstimatedClaimableAt">The earliest claim time (request time + claim delay).</param>
/// <param name="Ticket">Vault, position ticket and timestamp.</param>
/// <param name="ExitQueueIndex">The checkpoint index (<c>getExitQueueIndex</c>), null while not processed.</param>
/// <param name="LeftTickets">Tickets that stay queued after a claim now.</param>
/// <param name="ExitedTickets">Tickets a claim now settles.</param>
public sealed record StakeWiseExitRequest(
    WithdrawalId Id,
    Address Owner,
    StakingToken Token,
    BigInteger AmountRequested,
    BigInteger? AmountClaimable,
    WithdrawalStatus Status,
    DateTimeOffset? RequestedAt,
    DateTimeOffset? EstimatedClaimableAt,
    StakeWiseExitTicket Ticket,
    BigInteger? ExitQueueIndex,
    BigInteger LeftTickets,
    BigInteger ExitedTickets)
    : WithdrawalRequest(Id, Owner, Token, AmountRequested, AmountClaimable, Status, RequestedAt, null, EstimatedClaimableAt);

/// <summary>A mined StakeWise deposit, decoded from the vault's <c>Deposited</c> event.</summary>
/// <param name="Receipt">The receipt.</param>
/// <param name="Vault">The vault.</param>
/// <param name="Assets">Wei deposited.</param>
/// <param name="Shares">Vault shares minted.</param>
public sealed record StakeWiseDepositResult(Ethereum.Rpc.TransactionReceipt Receipt, Address Vault, BigInteger Assets, BigInteger Shares);
