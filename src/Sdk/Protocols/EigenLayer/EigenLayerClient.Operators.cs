using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Multicall;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Sdk.Contracts.EigenLayer;

namespace LiquidStake.Sdk.Protocols.EigenLayer;

// EigenLayer operator directory: who runs what, with their delegated shares.

public partial class EigenLayerClient
{
    /// <summary>
    /// The operator directory: operators from <c>OperatorRegistered</c> events (from <see cref="EigenLayerClientOptions.OperatorDiscoveryFromBlock"/>)
    /// plus <see cref="EigenLayerClientOptions.KnownOperators"/>, each with delegated shares per known strategy and the
    /// AVS operator sets it is registered and allocated to, read with Multicall3.
    /// </summary>
    public virtual async Task<IReadOnlyList<OperatorInfo>> GetOperatorsAsync(CancellationToken cancellationToken = default)
    {
        var operators = new List<Address>();
        if (_options.OperatorDiscoveryFromBlock is { } from)
        {
            var logs = await _context.Rpc.GetLogsAsync(Delegation.CreateOperatorRegisteredFilter(), BlockParameter.AtNumber(from), BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
            foreach (var log in logs)
                if (DelegationManager.TryDecodeOperatorRegisteredEvent(log, out var e, _addresses.DelegationManager) && !operators.Contains(e.Operator)) operators.Add(e.Operator);
        }
        foreach (var op in _options.KnownOperators)
            if (!operators.Contains(op)) operators.Add(op);
        return await GetOperatorsAsync(operators, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Directory entries for the given operators (non-operators are skipped).</summary>
    public virtual async Task<IReadOnlyList<OperatorInfo>> GetOperatorsAsync(IReadOnlyList<Address> operators, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operators);
        if (operators.Count == 0) return [];
        var strategies = _addresses.StrategiesByToken.Values.Distinct().ToArray();
        var calls = new List<MulticallCall>();
        foreach (var op in operators)
        {
            calls.Add(new MulticallCall(_addresses.DelegationManager, DelegationManager.EncodeIsOperator(op), false));
            calls.Add(new MulticallCall(_addresses.DelegationManager, DelegationManager.EncodeDelegationApprover(op), false));
            calls.Add(new MulticallCall(_addresses.DelegationManager, DelegationManager.EncodeGetOperatorShares(op, strategies), false));
            calls.Add(new MulticallCall(_addresses.AllocationManager, AllocationManager.EncodeGetRegisteredSets(op), false));
            calls.Add(new MulticallCall(_addresses.AllocationManager, AllocationManager.EncodeGetAllocatedSets(op), false));
        }
        var r = await _context.Multicall.AggregateAsync(calls, BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
        var partial = new List<(Address Op, Address Approver, Dictionary<Address, BigInteger> Shares, IReadOnlyList<OperatorSet> Registered, IReadOnlyList<OperatorSet> Allocated)>();
        for (int i = 0; i < operators.Count; i++)
        {
            int b = 5 * i;
            if (!DelegationManager.DecodeIsOperatorOutput(r[b].ReturnData)) continue;
            var shares = DelegationManager.DecodeGetOperatorSharesOutput(r[b + 2].ReturnData);
            var byStrategy = new Dictionary<Address, BigInteger>();
            for (int j = 0; j < strategies.Length; j++) byStrategy[strategies[j]] = shares[j];
            partial.Add((operators[i], DelegationManager.DecodeDelegationApproverOutput(r[b + 1].ReturnData), byStrategy,
                AllocationManager.DecodeGetRegisteredSetsOutput(r[b + 3].ReturnData), AllocationManager.DecodeGetAllocatedSetsOutput(r[b + 4].ReturnData)));
        }
        var allocationCalls = new List<MulticallCall>();
        var keys = new List<(int Index, OperatorSet Set, Address Strategy)>();
        for (int i = 0; i < partial.Count; i++)
            foreach (var set in partial[i].Allocated)
                foreach (var s in strategies)
                {
                    allocationCalls.Add(new MulticallCall(_addresses.AllocationManager, AllocationManager.EncodeGetAllocation(partial[i].Op, set, s)));
                    keys.Add((i, set, s));
                }
        var allocations = partial.Select(_ => new List<OperatorSetAllocation>()).ToArray();
        if (allocationCalls.Count > 0)
        {
            var ra = await _context.Multicall.AggregateAsync(allocationCalls, BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
            for (int k = 0; k < keys.Count; k++)
            {
                if (!ra[k].Success) continue;
                var a = AllocationManager.DecodeGetAllocationOutput(ra[k].ReturnData);
                if (a.CurrentMagnitude.IsZero && a.PendingDiff.IsZero) continue;
                allocations[keys[k].Index].Add(new OperatorSetAllocation(keys[k].Set, keys[k].Strategy, a.CurrentMagnitude, a.PendingDiff, a.EffectBlock));
            }
        }
        return partial.Select((p, i) => new OperatorInfo(p.Op, p.Approver, p.Shares, p.Registered, p.Allocated, allocations[i])).ToArray();
    }
}
