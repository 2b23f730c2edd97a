using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Abi;
using LiquidStake.Ethereum.Crypto;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Sdk.Contracts.Lido;

namespace LiquidStake.Testing;

// The accounting oracle's job, done as the committee does it on mainnet.
public sealed partial class LidoDevnet
{
    private static readonly BigInteger E27 = BigInteger.Pow(10, 27);
    private static readonly AbiType s_reportDataType = AbiType.Parse(
        "(uint256,uint256,uint256,uint256,uint256[],uint256[],uint256[],uint256[],uint256,uint256,uint256,uint256[],uint256,bool,bytes32,string,uint256,bytes32,uint256)");

    /// <summary>
    /// Delivers one oracle report through the real path: reads AccountingOracle from LidoLocator and HashConsensus from
    /// <c>getConsensusContract()</c>; advances the chain past the ref slot (and fast lane) of the first frame at least
    /// <see cref="LidoReportOptions.MinimumElapsedSeconds"/> after the last report; impersonates a quorum of
    /// <c>getMembers()</c> to <c>submitReport(refSlot, keccak256(abi.encode(data)), consensusVersion)</c>; then one member
    /// sends <c>submitReportData(data, contractVersion)</c> and <c>submitReportExtraDataEmpty()</c>. The data is computed
    /// from the chain: CL balance from <c>getBalanceStats()</c> plus the change, vault sweeps, finalization batch
    /// <c>[FinalizeUpToRequestId]</c> priced by <c>prefinalize</c> at the report's share rate (the rate the report gives
    /// before finalizing, fee shares included).
    /// </summary>
    /// <exception cref="LiquidStakeArgumentException">A negative amount, a loss above the CL balance, or an unknown request id.</exception>
    public async Task<LidoReportResult> ReportAsync(LidoReportOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ElRewardsWei.Sign < 0) throw new LiquidStakeArgumentException(nameof(options), "ElRewardsWei cannot be negative", "at least 0");
        if (options.WithdrawalsWei.Sign < 0) throw new LiquidStakeArgumentException(nameof(options), "WithdrawalsWei cannot be negative", "at least 0");
        if (options.FinalizeUpToRequestId.Sign < 0) throw new LiquidStakeArgumentException(nameof(options), "FinalizeUpToRequestId cannot be negative", "at least 0");
        var ct = cancellationToken;
        var oracle = new AccountingOracle(await Locator.AccountingOracleAsync(cancellationToken: ct).ConfigureAwait(false), _node.Rpc);
        var consensus = new HashConsensus(await oracle.GetConsensusContractAsync(cancellationToken: ct).ConfigureAwait(false), _node.Rpc);
        var queue = new WithdrawalQueueErc721(await Locator.WithdrawalQueueAsync(cancellationToken: ct).ConfigureAwait(false), _node.Rpc);

        var chain = await consensus.GetChainConfigAsync(cancellationToken: ct).ConfigureAwait(false);
        var lastRefSlot = await oracle.GetLastProcessingRefSlotAsync(cancellationToken: ct).ConfigureAwait(false);
        var refSlot = await AdvanceToReportableFrameAsync(consensus, chain, lastRefSlot, options.MinimumElapsedSeconds, ct).ConfigureAwait(false);

        var plan = await PlanReportAsync(queue, options, ct).ConfigureAwait(false);
        if (plan.WithdrawalsWei.Sign > 0) await CreditAsync(await Locator.WithdrawalVaultAsync(cancellationToken: ct).ConfigureAwait(false), plan.WithdrawalsWei, ct).ConfigureAwait(false);
        if (options.ElRewardsWei.Sign > 0) await CreditAsync(await Locator.ElRewardsVaultAsync(cancellationToken: ct).ConfigureAwait(false), options.ElRewardsWei, ct).ConfigureAwait(false);

        var consensusVersion = await oracle.GetConsensusVersionAsync(cancellationToken: ct).ConfigureAwait(false);
        var data = new ReportData(
            ConsensusVersion: consensusVersion,
            RefSlot: refSlot,
            ClValidatorsBalanceGwei: plan.ClValidatorsGwei,
            ClPendingBalanceGwei: plan.ClPendingGwei,
            StakingModuleIdsWithNewlyExitedValidators: [],
            NumExitedValidatorsByStakingModule: [],
            StakingModuleIdsWithUpdatedBalance: [],
            ValidatorBalancesGweiByStakingModule: [],
            WithdrawalVaultBalance: plan.WithdrawalsWei,
            ElRewardsVaultBalance: options.ElRewardsWei,
            SharesRequestedToBurn: BigInteger.Zero,
            WithdrawalFinalizationBatches: plan.Batches,
            SimulatedShareRate: plan.Batches.Count == 0 ? BigInteger.Zero : plan.ShareRate,
            IsBunkerMode: options.BunkerMode ?? plan.ClDeltaWei.Sign < 0,
            VaultsDataTreeRoot: new byte[32],
            VaultsDataTreeCid: string.Empty,
            ExtraDataFormat: BigInteger.Zero,
            ExtraDataHash: new byte[32],
            ExtraDataItemsCount: BigInteger.Zero);
        var hash = Keccak256.Hash(AbiCodec.Encode([s_reportDataType], [data.ToAbiValues()]));

        var members = await consensus.GetMembersAsync(cancellationToken: ct).ConfigureAwait(false);
        var quorum = await consensus.GetQuorumAsync(cancellationToken: ct).ConfigureAwait(false);
        if (quorum > members.Addresses.Count)
            throw new DevnetRoleHolderNotFoundException($"HashConsensus {consensus.Address} needs {quorum} reports but has {members.Addresses.Count} members.");
        foreach (var member in members.Addresses.Take((int)quorum))
            await _node.SendAsPreservingBalanceAsync(member, consensus.PrepareSubmitReport(refSlot, hash, consensusVersion), ct).ConfigureAwait(false);

        var submitter = members.Addresses[0];
        var contractVersion = await oracle.GetContractVersionAsync(cancellationToken: ct).ConfigureAwait(false);
        var receipt = await _node.SendAsPreservingBalanceAsync(submitter, oracle.PrepareSubmitReportData(data, contractVersion), ct).ConfigureAwait(false);
        await _node.SendAsPreservingBalanceAsync(submitter, oracle.PrepareSubmitReportExtraDataEmpty(), ct).ConfigureAwait(false);

        var secondsPerSlot = (ulong)chain.SecondsPerSlot;
        return new LidoReportResult(
            receipt,
            refSlot,
            (ulong)(chain.GenesisTime + (refSlot * chain.SecondsPerSlot)),
            (ulong)(refSlot - lastRefSlot) * secondsPerSlot,
            plan.ClDeltaWei,
            plan.WithdrawalsWei,
            plan.ShareRate,
            plan.Batches);
    }

    /// <summary>
    /// The ref slot to report: the current frame's when it is unreported and far enough from the last report, else the
    /// first later frame that is. Mines a block one slot past that ref slot's fast lane when the chain is not there yet.
    /// </summary>
    private async Task<BigInteger> AdvanceToReportableFrameAsync(HashConsensus consensus, HashConsensus.GetChainConfigResult chain, BigInteger lastRefSlot, ulong minimumElapsedSeconds, CancellationToken ct)
    {
        var frameConfig = await consensus.GetFrameConfigAsync(cancellationToken: ct).ConfigureAwait(false);
        var slotsPerFrame = frameConfig.EpochsPerFrame * chain.SlotsPerEpoch;
        var minimumSlots = (minimumElapsedSeconds + chain.SecondsPerSlot - 1) / chain.SecondsPerSlot;
        var earliest = BigInteger.Max(lastRefSlot + 1, lastRefSlot + minimumSlots);
        var current = (await consensus.GetCurrentFrameAsync(cancellationToken: ct).ConfigureAwait(false)).RefSlot;
        var refSlot = current;
        if (refSlot < earliest) refSlot += (earliest - current + slotsPerFrame - 1) / slotsPerFrame * slotsPerFrame;

        var reportFrom = (ulong)(chain.GenesisTime + ((refSlot + frameConfig.FastLaneLengthSlots + 1) * chain.SecondsPerSlot));
        var now = await _node.GetBlockTimestampAsync(cancellationToken: ct).ConfigureAwait(false);
        if (now < reportFrom)
        {
            await _node.SetNextBlockTimestampAsync(reportFrom, ct).ConfigureAwait(false);
            await _node.MineAsync(1, cancellationToken: ct).ConfigureAwait(false);
        }
        return refSlot;
    }

    private sealed record ReportPlan(
        BigInteger ClValidatorsGwei,
        BigInteger ClPendingGwei,
        BigInteger ClDeltaWei,
        BigInteger WithdrawalsWei,
        BigInteger ShareRate,
        IReadOnlyList<BigInteger> Batches);

    /// <summary>The report's numbers from the chain's current state, the way the oracle computes them.</summary>
    private async Task<ReportPlan> PlanReportAsync(WithdrawalQueueErc721 queue, LidoReportOptions options, CancellationToken ct)
    {
        var stats = await StEth.GetBalanceStatsAsync(cancellationToken: ct).ConfigureAwait(false);
        var principal = stats.ClValidatorsBalanceAtLastReport + stats.ClPendingBalanceAtLastReport + stats.DepositedSinceLastReport;
        var internalEther = await GetInternalEtherAsync(cancellationToken: ct).ConfigureAwait(false);
        var internalShares = await StEth.GetTotalSharesAsync(cancellationToken: ct).ConfigureAwait(false)
            - await StEth.GetExternalSharesAsync(cancellationToken: ct).ConfigureAwait(false);
        var feeBasisPoints = await StEth.GetFeeAsync(cancellationToken: ct).ConfigureAwait(false);

        // Deposits since the last report land in the validators' balance; withdrawals leave it for the vault.
        var validatorsBefore = stats.ClValidatorsBalanceAtLastReport + stats.DepositedSinceLastReport;
        var pendingGwei = stats.ClPendingBalanceAtLastReport / Gwei;
        var withdrawals = options.WithdrawalsWei;
        var validatorsGwei = Floor(validatorsBefore + options.ClBalanceDeltaWei - withdrawals);
        var clDelta = (validatorsGwei * Gwei) + (pendingGwei * Gwei) + withdrawals - principal;

        // The share rate the report gives before finalizing (finalizing at it leaves it unchanged).
        var postInternalEther = internalEther + clDelta + options.ElRewardsWei;
        var feeShares = BigInteger.Zero;
        if (clDelta.Sign > 0)
        {
            var feeEther = (clDelta + options.ElRewardsWei) * feeBasisPoints / 10_000;
            feeShares = feeEther * internalShares / (postInternalEther - feeEther);
        }
        var shareRate = postInternalEther * E27 / (internalShares + feeShares);

        IReadOnlyList<BigInteger> batches = [];
        var upTo = options.FinalizeUpToRequestId;
        if (upTo > await queue.GetLastFinalizedRequestIdAsync(cancellationToken: ct).ConfigureAwait(false))
        {
            var lastRequest = await queue.GetLastRequestIdAsync(cancellationToken: ct).ConfigureAwait(false);
            if (upTo > lastRequest) throw new LiquidStakeArgumentException(nameof(options), $"FinalizeUpToRequestId {upTo} is not a request yet", $"at most {lastRequest}");
            batches = [upTo];
            var ethToLock = (await queue.PrefinalizeAsync(batches, shareRate, cancellationToken: ct).ConfigureAwait(false)).EthToLock;
            var available = await StEth.GetBufferedEtherAsync(cancellationToken: ct).ConfigureAwait(false)
                - await StEth.GetDepositsReserveAsync(cancellationToken: ct).ConfigureAwait(false)
                + withdrawals + options.ElRewardsWei;
            if (ethToLock > available)
            {
                // Exited validators' ether: it leaves the CL balance and arrives at the withdrawal vault, whole gwei.
                var sweep = Ceiling(ethToLock - available) * Gwei;
                withdrawals += sweep;
                validatorsGwei -= sweep / Gwei;
            }
        }
        if (validatorsGwei.Sign < 0)
            throw new LiquidStakeArgumentException(nameof(options), "the CL loss and withdrawals exceed the validators' balance", $"at most {validatorsBefore} wei in total");
        return new ReportPlan(validatorsGwei, pendingGwei, clDelta, withdrawals, shareRate, batches);
    }

    private static BigInteger Floor(BigInteger wei) => BigInteger.Divide(wei - (wei.Sign < 0 ? Gwei - 1 : 0), Gwei);

    private static BigInteger Ceiling(BigInteger wei) => (wei + Gwei - 1) / Gwei;

    /// <summary>Adds ether to an account's balance, as the consensus layer credits the vaults (no transaction).</summary>
    private async Task CreditAsync(Address account, BigInteger wei, CancellationToken ct)
    {
        var balance = await _node.Rpc.GetBalanceAsync(account, cancellationToken: ct).ConfigureAwait(false);
        await _node.SetBalanceAsync(account, balance + wei, ct).ConfigureAwait(false);
    }
}
