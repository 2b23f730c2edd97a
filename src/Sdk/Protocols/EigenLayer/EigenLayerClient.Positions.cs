using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Multicall;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Sdk.Contracts.EigenLayer;

namespace LiquidStake.Sdk.Protocols.EigenLayer;

// EigenLayer positions: deposit and withdrawable shares per strategy, after slashing factors.

public partial class EigenLayerClient
{
    /// <summary>
    /// Positions per strategy the staker holds: deposit shares, slashing-aware withdrawable shares, and their
    /// underlying amount, read in Multicall3 batches.
    /// </summary>
    public virtual async Task<IReadOnlyList<StrategyPosition>> GetStrategyPositionsAsync(Address staker, CancellationToken cancellationToken = default)
    {
        var all = await GetStrategyPositionsAsync([staker], cancellationToken).ConfigureAwait(false);
        return all[staker];
    }

    /// <summary>
    /// <see cref="GetStrategyPositionsAsync(Address, CancellationToken)"/> for many stakers in three Multicall3 passes
    /// (deposits; withdrawable shares, scaling and slashing factors; underlying amounts), each one HTTP request.
    /// </summary>
    public virtual async Task<IReadOnlyDictionary<Address, IReadOnlyList<StrategyPosition>>> GetStrategyPositionsAsync(IReadOnlyList<Address> stakers, CancellationToken cancellationToken = default)
    {
        var read = await ReadStrategyPositionsAsync(stakers, false, cancellationToken).ConfigureAwait(false);
        return read.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<StrategyPosition>)kv.Value.Select(v => v.Position).ToArray());
    }

    private async Task<Dictionary<Address, List<(StrategyPosition Position, BigInteger EthValue)>>> ReadStrategyPositionsAsync(IReadOnlyList<Address> stakers, bool withEthValue, CancellationToken cancellationToken)
    {
        var distinct = BatchReads.DistinctAccounts(stakers);
        var result = distinct.ToDictionary(a => a, _ => new List<(StrategyPosition, BigInteger)>());
        if (distinct.Length == 0) return result;

        // Pass 1: what each staker deposited and whom it delegates to.
        var first = await BatchReads.ReadAsync(_context, distinct.SelectMany(a => new[]
        {
            BatchReads.View(_addresses.StrategyManager, StrategyManager.EncodeGetDeposits(a)),
            BatchReads.View(_addresses.DelegationManager, DelegationManager.EncodeDelegatedTo(a)),
        }).ToArray(), cancellationToken).ConfigureAwait(false);
        var holders = new List<(Address Staker, IReadOnlyList<Address> Strategies, Address Operator)>();
        for (int i = 0; i < distinct.Length; i++)
        {
            var deposits = StrategyManager.DecodeGetDepositsOutput(first[2 * i]);
            if (deposits.Item1.Count > 0) holders.Add((distinct[i], deposits.Item1, DelegationManager.DecodeDelegatedToOutput(first[(2 * i) + 1])));
        }
        if (holders.Count == 0) return result;

        // Pass 2: withdrawable shares and scaling factors per holder, the underlying token per strategy, the operator's
        // max magnitude (the slashing factor) per (operator, strategy).
        var strategies = holders.SelectMany(h => h.Strategies).Distinct().ToArray();
        var magnitudes = holders.Where(h => h.Operator != Address.Zero).SelectMany(h => h.Strategies.Select(s => (h.Operator, Strategy: s))).Distinct().ToArray();
        var second = new List<MulticallCall>();
        foreach (var h in holders)
        {
            second.Add(new MulticallCall(_addresses.DelegationManager, DelegationManager.EncodeGetWithdrawableShares(h.Staker, h.Strategies)));
            foreach (var s in h.Strategies) second.Add(BatchReads.View(_addresses.DelegationManager, DelegationManager.EncodeDepositScalingFactor(h.Staker, s)));
        }
        foreach (var s in strategies) second.Add(BatchReads.View(s, StrategyBaseTvlLimits.EncodeUnderlyingToken()));
        int magnitudeStart = second.Count;
        // A strategy the operator never allocated may revert in some deployments: treat a failure as "not slashed" (1e18).
        foreach (var (op, s) in magnitudes) second.Add(new MulticallCall(_addresses.AllocationManager, AllocationManager.EncodeGetMaxMagnitude(op, s), true, BatchReads.SimpleViewGas));
        var r2 = await _context.Multicall.AggregateAsync(second, BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
        byte[] Required(int index) => r2[index].Success ? r2[index].ReturnData : throw _context.DecodeRevert(r2[index].ReturnData);

        var tokenOf = new Dictionary<Address, Address>();
        int tokenStart = magnitudeStart - strategies.Length;
        for (int i = 0; i < strategies.Length; i++) tokenOf[strategies[i]] = StrategyBaseTvlLimits.DecodeUnderlyingTokenOutput(Required(tokenStart + i));
        var magnitudeOf = new Dictionary<(Address, Address), BigInteger>();
        for (int i = 0; i < magnitudes.Length; i++)
            magnitudeOf[magnitudes[i]] = r2[magnitudeStart + i].Success ? AllocationManager.DecodeGetMaxMagnitudeOutput(r2[magnitudeStart + i].ReturnData) : Wad;

        var rows = new List<(Address Staker, Address Strategy, BigInteger Deposit, BigInteger Withdrawable, BigInteger Dsf, Address Operator)>();
        int cursor = 0;
        foreach (var h in holders)
        {
            var shares = DelegationManager.DecodeGetWithdrawableSharesOutput(Required(cursor++));
            for (int j = 0; j < h.Strategies.Count; j++)
                rows.Add((h.Staker, h.Strategies[j], shares.DepositShares[j], shares.WithdrawableShares[j], DelegationManager.DecodeDepositScalingFactorOutput(Required(cursor++)), h.Operator));
        }

        // Pass 3: the underlying amount of each position's withdrawable shares.
        var third = await BatchReads.ReadAsync(_context,
            rows.Select(row => BatchReads.View(row.Strategy, StrategyBaseTvlLimits.EncodeSharesToUnderlyingView(row.Withdrawable))).ToArray(), cancellationToken).ConfigureAwait(false);
        var positions = new StrategyPosition[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var slashing = row.Operator == Address.Zero ? Wad : magnitudeOf[(row.Operator, row.Strategy)];
            positions[i] = new StrategyPosition(row.Strategy, tokenOf[row.Strategy], row.Deposit, row.Withdrawable,
                StrategyBaseTvlLimits.DecodeSharesToUnderlyingViewOutput(third[i]), row.Dsf, slashing, row.Operator);
        }

        // Pass 4 (positions only): the ETH value of the underlying amounts the LST contracts price themselves.
        var values = new BigInteger[positions.Length];
        if (withEthValue)
        {
            var pricing = new List<(int Index, MulticallCall Call, Func<byte[], BigInteger> Decode)>();
            for (int i = 0; i < positions.Length; i++)
            {
                var (call, decode, direct) = EthValueOf(positions[i].Token, positions[i].Underlying);
                if (call is null) values[i] = direct;
                else pricing.Add((i, call, decode!));
            }
            var priced = await BatchReads.ReadAsync(_context, pricing.Select(p => p.Call).ToArray(), cancellationToken).ConfigureAwait(false);
            for (int k = 0; k < pricing.Count; k++) values[pricing[k].Index] = pricing[k].Decode(priced[k]);
        }
        for (int i = 0; i < positions.Length; i++) result[rows[i].Staker].Add((positions[i], values[i]));
        return result;
    }

    /// <summary>
    /// How an underlying amount is valued in wei: stETH and eETH balances are ETH (rebasing 1:1); rETH, wstETH and weETH
    /// through their own contracts; any other token is not priced (0), because no ETH rate for it can be read on chain here.
    /// </summary>
    private (MulticallCall? Call, Func<byte[], BigInteger>? Decode, BigInteger Direct) EthValueOf(Address token, BigInteger amount)
    {
        var network = _context.Network;
        if (amount.IsZero) return (null, null, BigInteger.Zero);
        if (token == network.Lido?.StEth || token == network.EtherFi?.EEth) return (null, null, amount);
        if (token == network.Lido?.WstEth)
            return (BatchReads.View(token, Contracts.Lido.WstEth.EncodeGetStEthByWstEth(amount)), d => Contracts.Lido.WstEth.DecodeGetStEthByWstEthOutput(d), BigInteger.Zero);
        if (token == network.RocketPool?.REth)
            return (BatchReads.View(token, Contracts.RocketPool.RocketTokenREth.EncodeGetEthValue(amount)), d => Contracts.RocketPool.RocketTokenREth.DecodeGetEthValueOutput(d), BigInteger.Zero);
        if (token == network.EtherFi?.WeEth)
            return (BatchReads.View(token, Contracts.EtherFi.WeEth.EncodeGetEEthByWeEth(amount)), d => Contracts.EtherFi.WeEth.DecodeGetEEthByWeEthOutput(d), BigInteger.Zero);
        return (null, null, BigInteger.Zero);
    }

    /// <summary><c>mulWad(mulWad(depositShares, dsf), slashingFactor)</c> — the protocol's withdrawable-shares formula.</summary>
    public static BigInteger ComputeWithdrawableShares(BigInteger depositShares, BigInteger depositScalingFactor, BigInteger slashingFactor) =>
        depositShares * depositScalingFactor / Wad * slashingFactor / Wad;
}
