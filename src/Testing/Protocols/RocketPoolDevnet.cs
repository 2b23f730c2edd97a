using System.Numerics;
using System.Text;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Crypto;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Transactions;
using LiquidStake.Sdk.Contracts.RocketPool;

namespace LiquidStake.Testing;

/// <summary>
/// Rocket Pool driver: the oracle DAO's balance updates, protocol DAO setting changes and collateral moves, all through
/// the real entry points. Every role holder is read from the protocol (RocketStorage, RocketDAONodeTrusted), so the same
/// calls work on the devnet and on a fork of mainnet.
/// </summary>
public sealed partial class RocketPoolDevnet
{
    private static readonly BigInteger Wad = BigInteger.Pow(10, 18);
    private static readonly BigInteger MinimumMaxRethDelta = Wad / 100;
    private static readonly BigInteger Gas = BigInteger.Pow(10, 18);
    private static readonly Address KitPayer = Address.Parse("0x000000000000000000000000000000000000c0a1");

    private readonly DevnetNode _node;

    internal RocketPoolDevnet(DevnetNode node)
    {
        _node = node;
        REth = new RocketTokenREth(DevnetAddresses.RocketPool.REth, node.Rpc);
        DepositPool = new RocketDepositPool(DevnetAddresses.RocketPool.DepositPool, node.Rpc);
        NetworkBalances = new RocketNetworkBalances(DevnetAddresses.RocketPool.NetworkBalances, node.Rpc);
        DepositSettings = new RocketDaoProtocolSettingsDeposit(DevnetAddresses.RocketPool.DepositSettings, node.Rpc);
        Storage = new RocketStorage(DevnetAddresses.RocketPool.RocketStorage, node.Rpc);
    }

    /// <summary>rETH.</summary>
    public RocketTokenREth REth { get; }

    /// <summary>The deposit pool.</summary>
    public RocketDepositPool DepositPool { get; }

    /// <summary>The network balances (the oracle snapshot behind the rETH rate).</summary>
    public RocketNetworkBalances NetworkBalances { get; }

    /// <summary>The deposit settings.</summary>
    public RocketDaoProtocolSettingsDeposit DepositSettings { get; }

    /// <summary>The address registry.</summary>
    public RocketStorage Storage { get; }

    /// <summary>The address RocketStorage holds for a network contract name (e.g. <c>rocketDAOProtocolProposals</c>).</summary>
    /// <exception cref="LiquidStakeException">The name is not registered.</exception>
    public async Task<Address> ResolveAsync(string contractName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(contractName);
        var key = Keccak256.Hash(Encoding.UTF8.GetBytes("contract.address" + contractName));
        var address = await Storage.GetAddressAsync(key, cancellationToken: cancellationToken).ConfigureAwait(false);
        return address == default ? throw new LiquidStakeException($"RocketStorage has no contract named '{contractName}'.") : address;
    }

    // ---------------------------------------------------------------- balances (the oracle DAO's job)

    /// <summary>
    /// Delivers a network balances update as the oracle DAO does: <c>submitBalances</c> from enough members (read from
    /// RocketDAONodeTrusted) to reach the consensus threshold. The rETH rate becomes <c>floor(1e18 * totalEth / rethSupply)</c>.
    /// The real guards apply: when less than 95 % of the submit frequency has passed since the last update the chain
    /// time is moved forward to that point, and a change larger than <c>getMaxRethDelta()</c> is allowed by raising that
    /// setting through the protocol DAO path for this one update (then restored). <paramref name="block"/> 0 reports the
    /// latest block (a block is mined first, so its timestamp is current).
    /// </summary>
    /// <returns>The receipt of the vote that applied the update.</returns>
    public async Task<TransactionReceipt> SetBalancesAsync(BigInteger totalEth, BigInteger stakingEth, BigInteger rethSupply, BigInteger block = default, CancellationToken cancellationToken = default)
    {
        if (totalEth.Sign <= 0) throw new LiquidStakeArgumentException(nameof(totalEth), "must be positive", "at least 1 wei");
        if (rethSupply.Sign <= 0) throw new LiquidStakeArgumentException(nameof(rethSupply), "must be positive", "at least 1 wei");
        if (stakingEth.Sign < 0 || stakingEth > totalEth) throw new LiquidStakeArgumentException(nameof(stakingEth), "must be between 0 and totalEth", "0..totalEth");
        if (block.Sign < 0) throw new LiquidStakeArgumentException(nameof(block), "cannot be negative", "0 (previous block) or a past block");

        var balances = new RocketNetworkBalances(await ResolveAsync("rocketNetworkBalances", cancellationToken).ConfigureAwait(false), _node.Rpc);
        var settings = await NetworkSettingsAsync(cancellationToken).ConfigureAwait(false);
        await WaitForSubmitWindowAsync(balances, settings, cancellationToken).ConfigureAwait(false);
        var reportBlock = await ReportBlockAsync(balances, block, cancellationToken).ConfigureAwait(false);
        var slotTimestamp = await _node.GetBlockTimestampAsync(BlockParameter.AtNumber((ulong)reportBlock), cancellationToken).ConfigureAwait(false);

        var raisedFrom = await AllowRatioChangeAsync(balances, settings, totalEth, rethSupply, cancellationToken).ConfigureAwait(false);
        try
        {
            var request = balances.PrepareSubmitBalances(reportBlock, slotTimestamp, totalEth, stakingEth, rethSupply);
            TransactionReceipt? last = null;
            foreach (var member in await ConsensusVotersAsync(settings, cancellationToken).ConfigureAwait(false))
                last = await _node.SendAsPreservingBalanceAsync(member, request, cancellationToken).ConfigureAwait(false);
            return last ?? throw new LiquidStakeException("The Rocket Pool oracle DAO has no members.");
        }
        finally
        {
            if (raisedFrom is { } previous)
                await SetNetworkSettingAsync("network.max.reth.balance.delta", previous, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A daily-report style balances update through <see cref="SetBalancesAsync"/>: the reported rETH supply is the live
    /// <c>totalSupply()</c> and the total ETH grows by <paramref name="aprBasisPoints"/> over <paramref name="elapsedSeconds"/>
    /// (see <see cref="ComputeAccruedTotalEth"/>); staking ETH scales with the total.
    /// </summary>
    public async Task<TransactionReceipt> AccrueRewardsAsync(int aprBasisPoints, ulong elapsedSeconds, CancellationToken cancellationToken = default)
    {
        if (aprBasisPoints < 0) throw new LiquidStakeArgumentException(nameof(aprBasisPoints), "cannot be negative", "at least 0");
        var balances = new RocketNetworkBalances(await ResolveAsync("rocketNetworkBalances", cancellationToken).ConfigureAwait(false), _node.Rpc);
        var total = await balances.GetTotalEthBalanceAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var supply = await balances.GetTotalREthSupplyAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var staking = await balances.GetStakingEthBalanceAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var liveSupply = await REth.TotalSupplyAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var newTotal = ComputeAccruedTotalEth(total, supply, liveSupply, aprBasisPoints, elapsedSeconds);
        var newStaking = total.IsZero ? BigInteger.Zero : staking * newTotal / total;
        return await SetBalancesAsync(newTotal, newStaking, liveSupply, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The total ETH <see cref="AccrueRewardsAsync"/> reports: <c>T1 = floor(T * S' / S)</c> with S' the current rETH supply,
    /// then <c>T1 + floor(T1 * apr * elapsed / (10000 * 31536000))</c>.
    /// </summary>
    public static BigInteger ComputeAccruedTotalEth(BigInteger totalEth, BigInteger snapshotSupply, BigInteger currentSupply, int aprBasisPoints, ulong elapsedSeconds)
    {
        var t1 = snapshotSupply.IsZero ? currentSupply : totalEth * currentSupply / snapshotSupply;
        return t1 + (t1 * aprBasisPoints * elapsedSeconds / (10_000 * LidoDevnet.SecondsPerYear));
    }

    /// <summary>The oracle DAO members, in RocketDAONodeTrusted order (<c>getMemberAt(0..getMemberCount()-1)</c>).</summary>
    public async Task<IReadOnlyList<Address>> GetOracleDaoMembersAsync(CancellationToken cancellationToken = default)
    {
        var odao = await ResolveAsync("rocketDAONodeTrusted", cancellationToken).ConfigureAwait(false);
        var count = await CallUIntAsync(odao, "getMemberCount()", [], cancellationToken).ConfigureAwait(false);
        var members = new List<Address>();
        for (BigInteger i = 0; i < count; i++)
        {
            var word = await _node.Rpc.CallAsync(odao, DevnetNode.EncodeCall("getMemberAt(uint256)", [i]), BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
            members.Add(new Address(word.AsSpan(12, 20)));
        }
        return members;
    }

    private async Task<IReadOnlyList<Address>> ConsensusVotersAsync(RocketDaoProtocolSettingsNetwork settings, CancellationToken cancellationToken)
    {
        var members = await GetOracleDaoMembersAsync(cancellationToken).ConfigureAwait(false);
        var threshold = await settings.GetNodeConsensusThresholdAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        // The smallest k with 1e18 * k / members >= threshold (the contract's integer comparison).
        int needed = 1;
        while (needed < members.Count && Wad * needed / members.Count < threshold) needed++;
        return members.Take(needed).ToArray();
    }

    /// <summary>Mines a block (so pending time changes count), then moves time to 95 % of the frequency after the last update if needed.</summary>
    private async Task WaitForSubmitWindowAsync(RocketNetworkBalances balances, RocketDaoProtocolSettingsNetwork settings, CancellationToken cancellationToken)
    {
        await _node.MineAsync(1, cancellationToken: cancellationToken).ConfigureAwait(false);
        var last = await balances.GetBalancesTimestampAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var frequency = await settings.GetSubmitBalancesFrequencyAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var earliest = last + (frequency * 95 / 100);
        var now = new BigInteger(await _node.GetBlockTimestampAsync(cancellationToken: cancellationToken).ConfigureAwait(false));
        if (now < earliest) await _node.IncreaseTimeAsync(TimeSpan.FromSeconds((double)(earliest - now)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The requested block, or the latest block (mined just now, so its timestamp is current; the votes land after it).</summary>
    private async Task<BigInteger> ReportBlockAsync(RocketNetworkBalances balances, BigInteger requested, CancellationToken cancellationToken)
    {
        var last = await balances.GetBalancesBlockAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        if (requested.IsZero) return new BigInteger(await _node.Rpc.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false));
        if (requested <= last) throw new LiquidStakeArgumentException("block", $"must be after the last reported block {last}", $"> {last}");
        return requested;
    }

    /// <summary>Raises network.max.reth.balance.delta when the update needs it; returns the value to restore, or null.</summary>
    private async Task<BigInteger?> AllowRatioChangeAsync(RocketNetworkBalances balances, RocketDaoProtocolSettingsNetwork settings, BigInteger totalEth, BigInteger rethSupply, CancellationToken cancellationToken)
    {
        var currentTotal = await balances.GetTotalEthBalanceAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var currentSupply = await balances.GetTotalREthSupplyAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        if (currentTotal.IsZero || currentSupply.IsZero) return null;
        var currentRatio = Wad * currentTotal / currentSupply;
        var change = BigInteger.Abs((Wad * totalEth / rethSupply) - currentRatio);
        var maxDelta = await settings.GetMaxRethDeltaAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        if (change <= currentRatio * maxDelta / Wad) return null;
        var needed = BigInteger.Max(MinimumMaxRethDelta, ((change * Wad) + currentRatio - 1) / currentRatio + 1);
        await SetNetworkSettingAsync("network.max.reth.balance.delta", needed, cancellationToken).ConfigureAwait(false);
        return maxDelta;
    }

    // ---------------------------------------------------------------- settings (the protocol DAO's job)

    /// <summary>Deposits enabled, minimum deposit, maximum pool size and fee (1e18 = 100 %, below 1 %), as four protocol DAO setting changes.</summary>
    /// <returns>The receipt of the last change.</returns>
    public async Task<TransactionReceipt> SetDepositSettingsAsync(bool enabled, BigInteger minimumDeposit, BigInteger maximumDepositPoolSize, BigInteger depositFee, CancellationToken cancellationToken = default)
    {
        if (depositFee.Sign < 0 || depositFee >= Wad / 100) throw new LiquidStakeArgumentException(nameof(depositFee), "must be below 1 % (1e16)", "0..9999999999999999");
        await SetDepositSettingAsync("deposit.enabled", enabled, cancellationToken).ConfigureAwait(false);
        await SetDepositSettingAsync("deposit.minimum", minimumDeposit, cancellationToken).ConfigureAwait(false);
        await SetDepositSettingAsync("deposit.pool.maximum", maximumDepositPoolSize, cancellationToken).ConfigureAwait(false);
        return await SetDepositSettingAsync("deposit.fee", depositFee, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A uint deposit setting (e.g. <c>deposit.assign.maximum</c>), sent as <c>rocketDAOProtocolProposals</c>.</summary>
    public async Task<TransactionReceipt> SetDepositSettingAsync(string path, BigInteger value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var settings = await DepositSettingsAsync(cancellationToken).ConfigureAwait(false);
        return await SendAsProtocolDaoAsync(settings.PrepareSetSettingUint(path, value), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A bool deposit setting (e.g. <c>deposit.assign.enabled</c>), sent as <c>rocketDAOProtocolProposals</c>.</summary>
    public async Task<TransactionReceipt> SetDepositSettingAsync(string path, bool value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var settings = await DepositSettingsAsync(cancellationToken).ConfigureAwait(false);
        return await SendAsProtocolDaoAsync(settings.PrepareSetSettingBool(path, value), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A uint network setting (e.g. <c>network.reth.collateral.target</c>), sent as <c>rocketDAOProtocolProposals</c>.</summary>
    public async Task<TransactionReceipt> SetNetworkSettingAsync(string path, BigInteger value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var settings = await NetworkSettingsAsync(cancellationToken).ConfigureAwait(false);
        return await SendAsProtocolDaoAsync(settings.PrepareSetSettingUint(path, value), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A bool network setting (e.g. <c>network.submit.balances.enabled</c>), sent as <c>rocketDAOProtocolProposals</c>.</summary>
    public async Task<TransactionReceipt> SetNetworkSettingAsync(string path, bool value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var settings = await NetworkSettingsAsync(cancellationToken).ConfigureAwait(false);
        return await SendAsProtocolDaoAsync(settings.PrepareSetSettingBool(path, value), cancellationToken).ConfigureAwait(false);
    }

    private async Task<TransactionReceipt> SendAsProtocolDaoAsync(TransactionRequest request, CancellationToken cancellationToken)
    {
        var proposals = await ResolveAsync("rocketDAOProtocolProposals", cancellationToken).ConfigureAwait(false);
        return await _node.SendAsPreservingBalanceAsync(proposals, request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<RocketDaoProtocolSettingsDeposit> DepositSettingsAsync(CancellationToken cancellationToken) =>
        new(await ResolveAsync("rocketDAOProtocolSettingsDeposit", cancellationToken).ConfigureAwait(false), _node.Rpc);

    private async Task<RocketDaoProtocolSettingsNetwork> NetworkSettingsAsync(CancellationToken cancellationToken) =>
        new(await ResolveAsync("rocketDAOProtocolSettingsNetwork", cancellationToken).ConfigureAwait(false), _node.Rpc);

    private async Task<BigInteger> CallUIntAsync(Address to, string signature, IReadOnlyList<object?> arguments, CancellationToken cancellationToken)
    {
        var word = await _node.Rpc.CallAsync(to, DevnetNode.EncodeCall(signature, arguments), BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
        return new BigInteger(word.AsSpan(0, 32), isUnsigned: true, isBigEndian: true);
    }
}
