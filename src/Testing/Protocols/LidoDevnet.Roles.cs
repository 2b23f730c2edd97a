using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Transactions;

namespace LiquidStake.Testing;

// The role holders' jobs, through the real role-gated functions. The holder is found on-chain: stETH's Aragon app
// roles are held by the Aragon Agent (the locator's treasury), checked with canPerform; the queue's AccessControl
// roles by getRoleMember(role, 0).
public sealed partial class LidoDevnet
{
    /// <summary><c>pauseStaking()</c> as the holder of STAKING_PAUSE_ROLE.</summary>
    public async Task<TransactionReceipt> PauseStakingAsync(CancellationToken cancellationToken = default) =>
        await SendAsAppRoleAsync("STAKING_PAUSE_ROLE", await StEth.StakingPauseRoleAsync(cancellationToken: cancellationToken).ConfigureAwait(false),
            StEth.PreparePauseStaking(), cancellationToken).ConfigureAwait(false);

    /// <summary><c>resumeStaking()</c> as the holder of STAKING_CONTROL_ROLE.</summary>
    public async Task<TransactionReceipt> ResumeStakingAsync(CancellationToken cancellationToken = default) =>
        await SendAsAppRoleAsync("STAKING_CONTROL_ROLE", await StEth.StakingControlRoleAsync(cancellationToken: cancellationToken).ConfigureAwait(false),
            StEth.PrepareResumeStaking(), cancellationToken).ConfigureAwait(false);

    /// <summary><c>setStakingLimit(max, increasePerBlock)</c> as the holder of STAKING_CONTROL_ROLE.</summary>
    /// <exception cref="LiquidStakeArgumentException">A zero maximum, or an increase above the maximum.</exception>
    public async Task<TransactionReceipt> SetStakingLimitAsync(BigInteger maxStakeLimit, BigInteger stakeLimitIncreasePerBlock, CancellationToken cancellationToken = default)
    {
        if (maxStakeLimit.Sign <= 0) throw new LiquidStakeArgumentException(nameof(maxStakeLimit), "must be positive", "at least 1 wei");
        if (stakeLimitIncreasePerBlock.Sign < 0 || stakeLimitIncreasePerBlock > maxStakeLimit)
            throw new LiquidStakeArgumentException(nameof(stakeLimitIncreasePerBlock), "must be between 0 and the maximum", $"at most {maxStakeLimit}");
        return await SendAsAppRoleAsync("STAKING_CONTROL_ROLE", await StEth.StakingControlRoleAsync(cancellationToken: cancellationToken).ConfigureAwait(false),
            StEth.PrepareSetStakingLimit(maxStakeLimit, stakeLimitIncreasePerBlock), cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>removeStakingLimit()</c> as the holder of STAKING_CONTROL_ROLE.</summary>
    public async Task<TransactionReceipt> RemoveStakingLimitAsync(CancellationToken cancellationToken = default) =>
        await SendAsAppRoleAsync("STAKING_CONTROL_ROLE", await StEth.StakingControlRoleAsync(cancellationToken: cancellationToken).ConfigureAwait(false),
            StEth.PrepareRemoveStakingLimit(), cancellationToken).ConfigureAwait(false);

    /// <summary>The withdrawal queue's <c>pauseFor(seconds)</c> as the first holder of its PAUSE_ROLE.</summary>
    /// <exception cref="LiquidStakeArgumentException">A zero duration.</exception>
    public async Task<TransactionReceipt> PauseWithdrawalsAsync(TimeSpan duration, CancellationToken cancellationToken = default)
    {
        if (duration < TimeSpan.FromSeconds(1)) throw new LiquidStakeArgumentException(nameof(duration), "must be at least one second", "at least 1 s");
        var role = await WithdrawalQueue.PauseRoleAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return await SendAsQueueRoleAsync("PAUSE_ROLE", role, WithdrawalQueue.PreparePauseFor(new BigInteger((ulong)duration.TotalSeconds)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The withdrawal queue's <c>resume()</c> as the first holder of its RESUME_ROLE.</summary>
    public async Task<TransactionReceipt> ResumeWithdrawalsAsync(CancellationToken cancellationToken = default)
    {
        var role = await WithdrawalQueue.ResumeRoleAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return await SendAsQueueRoleAsync("RESUME_ROLE", role, WithdrawalQueue.PrepareResume(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The holder of a stETH app role: the Aragon Agent (LidoLocator.treasury()) when <c>canPerform</c> says it holds it.</summary>
    /// <exception cref="DevnetRoleHolderNotFoundException">The Agent does not hold the role.</exception>
    public async Task<Address> FindAppRoleHolderAsync(string roleName, byte[] role, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(roleName);
        ArgumentNullException.ThrowIfNull(role);
        var agent = await Locator.TreasuryAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        if (await StEth.CanPerformAsync(agent, role, [], cancellationToken: cancellationToken).ConfigureAwait(false)) return agent;
        throw new DevnetRoleHolderNotFoundException(roleName, StEth.Address, $"canPerform of the Agent {agent} is false");
    }

    private async Task<TransactionReceipt> SendAsAppRoleAsync(string roleName, byte[] role, TransactionRequest request, CancellationToken ct)
    {
        var holder = await FindAppRoleHolderAsync(roleName, role, ct).ConfigureAwait(false);
        return await _node.SendAsPreservingBalanceAsync(holder, request, ct).ConfigureAwait(false);
    }

    private async Task<TransactionReceipt> SendAsQueueRoleAsync(string roleName, byte[] role, TransactionRequest request, CancellationToken ct)
    {
        if (await WithdrawalQueue.GetRoleMemberCountAsync(role, cancellationToken: ct).ConfigureAwait(false) == 0)
            throw new DevnetRoleHolderNotFoundException(roleName, WithdrawalQueue.Address, "getRoleMemberCount is 0");
        var holder = await WithdrawalQueue.GetRoleMemberAsync(role, 0, cancellationToken: ct).ConfigureAwait(false);
        return await _node.SendAsPreservingBalanceAsync(holder, request, ct).ConfigureAwait(false);
    }
}
