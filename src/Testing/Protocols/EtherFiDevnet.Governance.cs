using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Transactions;

namespace LiquidStake.Testing;

// The RoleRegistry holders' jobs (pauses, blacklist, redemption settings) and the passing of time that refills the
// instant-redemption bucket.
public sealed partial class EtherFiDevnet
{
    /// <summary><c>pause()</c> on a pausable ether.fi contract, as the operating multisig.</summary>
    public Task<TransactionReceipt> PauseAsync(Address contract, CancellationToken cancellationToken = default) =>
        SendAsRoleAsync(EtherFiRole.OperatingMultisig, new TransactionRequest { To = contract, Data = DevnetNode.EncodeCall("pause()", []) }, cancellationToken);

    /// <summary><c>unpause()</c> on a pausable ether.fi contract, as the operating multisig.</summary>
    public Task<TransactionReceipt> UnpauseAsync(Address contract, CancellationToken cancellationToken = default) =>
        SendAsRoleAsync(EtherFiRole.OperatingMultisig, new TransactionRequest { To = contract, Data = DevnetNode.EncodeCall("unpause()", []) }, cancellationToken);

    /// <summary>
    /// <c>pauseUntil()</c> (timed pause for <c>pauseUntilDuration()</c>) as a guardian; eETH and weETH need the super
    /// guardian. Each pauser then waits the pause plus 7 days before pausing again.
    /// </summary>
    public Task<TransactionReceipt> PauseUntilAsync(Address contract, CancellationToken cancellationToken = default)
    {
        var role = contract == DevnetAddresses.EtherFi.EEth || contract == DevnetAddresses.EtherFi.WeEth ? EtherFiRole.SuperGuardian : EtherFiRole.Guardian;
        return SendAsRoleAsync(role, new TransactionRequest { To = contract, Data = DevnetNode.EncodeCall("pauseUntil()", []) }, cancellationToken);
    }

    /// <summary><c>unpauseUntil()</c> as the operating multisig.</summary>
    public Task<TransactionReceipt> UnpauseUntilAsync(Address contract, CancellationToken cancellationToken = default) =>
        SendAsRoleAsync(EtherFiRole.OperatingMultisig, new TransactionRequest { To = contract, Data = DevnetNode.EncodeCall("unpauseUntil()", []) }, cancellationToken);

    /// <summary><c>Blacklister.blacklistUserUntil(user)</c> as a guardian: blacklisted for 3 days from now.</summary>
    public async Task<TransactionReceipt> BlacklistAsync(Address user, CancellationToken cancellationToken = default)
    {
        var blacklister = await GetBlacklisterAsync(cancellationToken).ConfigureAwait(false);
        return await SendAsRoleAsync(EtherFiRole.Guardian, blacklister.PrepareBlacklistUserUntil(user), cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>Blacklister.setBlacklistUntil(user, seconds)</c> as the operating multisig: blacklisted for <paramref name="duration"/> from now.</summary>
    public async Task<TransactionReceipt> BlacklistForAsync(Address user, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        if (duration < TimeSpan.Zero) throw new LiquidStakeArgumentException(nameof(duration), "cannot be negative", "at least zero");
        var blacklister = await GetBlacklisterAsync(cancellationToken).ConfigureAwait(false);
        return await SendAsRoleAsync(EtherFiRole.OperatingMultisig, blacklister.PrepareSetBlacklistUntil(user, new BigInteger((ulong)duration.TotalSeconds)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>Blacklister.unblacklistUser(user)</c> as the operating multisig.</summary>
    public async Task<TransactionReceipt> UnblacklistAsync(Address user, CancellationToken cancellationToken = default)
    {
        var blacklister = await GetBlacklisterAsync(cancellationToken).ConfigureAwait(false);
        return await SendAsRoleAsync(EtherFiRole.OperatingMultisig, blacklister.PrepareUnblacklistUser(user), cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>EtherFiRedemptionManager.setLowWatermarkInBpsOfTvl(bps, token)</c> as the operating timelock (token defaults to native ETH).</summary>
    public Task<TransactionReceipt> SetLowWatermarkBpsAsync(int bps, Address? token = null, CancellationToken cancellationToken = default)
    {
        if (bps < 0) throw new LiquidStakeArgumentException(nameof(bps), "cannot be negative", "0 to 500");
        return SendAsRoleAsync(EtherFiRole.OperatingTimelock, RedemptionManager.PrepareSetLowWatermarkInBpsOfTvl(bps, token ?? DevnetAddresses.EtherFi.EthAddress), cancellationToken);
    }

    /// <summary><c>EtherFiRedemptionManager.setExitFeeBasisPoints(bps, token)</c> as the operating timelock (token defaults to native ETH).</summary>
    public Task<TransactionReceipt> SetExitFeeBpsAsync(int bps, Address? token = null, CancellationToken cancellationToken = default)
    {
        if (bps < 0) throw new LiquidStakeArgumentException(nameof(bps), "cannot be negative", "0 to 500");
        return SendAsRoleAsync(EtherFiRole.OperatingTimelock, RedemptionManager.PrepareSetExitFeeBasisPoints(bps, token ?? DevnetAddresses.EtherFi.EthAddress), cancellationToken);
    }

    /// <summary>
    /// Lets the instant-redemption bucket of <paramref name="token"/> (default native ETH) refill to capacity the way it
    /// does on mainnet: moves chain time forward by the seconds its refill rate needs. Returns the time advanced.
    /// </summary>
    /// <exception cref="LiquidStakeException">The bucket does not refill (rate 0) and is not full.</exception>
    public async Task<TimeSpan> RefillRedemptionBucketAsync(Address? token = null, CancellationToken cancellationToken = default)
    {
        var info = await RedemptionManager.TokenToRedemptionInfoAsync(token ?? DevnetAddresses.EtherFi.EthAddress, cancellationToken: cancellationToken).ConfigureAwait(false);
        var limit = info.Limit;
        var now = await _node.GetBlockTimestampAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var current = BigInteger.Min(limit.Capacity, limit.Remaining + ((now - limit.LastRefill) * limit.RefillRate));
        var missing = limit.Capacity - current;
        if (missing.Sign <= 0) return TimeSpan.Zero;
        if (limit.RefillRate.IsZero) throw new LiquidStakeException("The redemption bucket does not refill (refill rate 0).");
        var seconds = (ulong)((missing + limit.RefillRate - 1) / limit.RefillRate);
        // Pin the next block's time: evm_increaseTime adds to wall-clock time, which has moved on since the last block
        // (on a fork by much more), so the bucket would refill further than the reported seconds.
        await _node.SetNextBlockTimestampAsync(now + seconds, cancellationToken).ConfigureAwait(false);
        await _node.MineAsync(1, cancellationToken: cancellationToken).ConfigureAwait(false);
        return TimeSpan.FromSeconds(seconds);
    }
}
