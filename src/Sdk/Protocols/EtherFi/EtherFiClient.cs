using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Abi;
using LiquidStake.Ethereum.Messages;
using LiquidStake.Ethereum.Multicall;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Sdk.Contracts.EtherFi;
using LiquidStake.Sdk.Services;
using LiquidStake.Sdk.Withdrawals;

namespace LiquidStake.Sdk.Protocols.EtherFi;

/// <summary>
/// ether.fi: ETH → eETH (rebasing) and weETH (exchange rate), the withdrawal-NFT queue and instant redemption with an
/// exit fee. Quotes use the contracts' exact share math (<see cref="EtherFiMath"/>); every write is pre-flighted
/// (amount, balance, min/max, pause, blacklist, redemption limits) before anything is signed.
/// </summary>
public partial class EtherFiClient : IStakingProvider, IBatchPositionReader, IInstantRedeemQuoter, IWithdrawalRequestReader, IWithdrawalBatchLister, IWithdrawalWaitEstimator, IStakedEtherReader
{
    /// <summary>The pseudo-address EtherFiRedemptionManager uses for ETH output.</summary>
    public static readonly Address EthOutputToken = Address.Parse("0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE");

    private static readonly byte[] BlockTimestampCall = AbiSignature.Selector("getCurrentBlockTimestamp()");

    private static readonly byte[] BlacklistedUntilSelector = AbiSignature.Selector("blacklistedUntil(address)");

    private static readonly AbiType[] AddressArg = [AbiType.Address];

    private static readonly AbiType[] Uint256Result = [AbiType.UInt256];

    private readonly LiquidStakeContext _context = null!;

    private readonly EtherFiAddresses _addresses = null!;

    /// <summary>For mocking only.</summary>
    protected EtherFiClient() { }

    /// <summary>Creates a client over a context whose network has ether.fi addresses.</summary>
    /// <exception cref="LiquidStakeArgumentException">The network has no ether.fi deployment.</exception>
    public EtherFiClient(LiquidStakeContext context, EtherFiClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        _addresses = context.Network.EtherFi ?? throw new LiquidStakeArgumentException(nameof(context), $"network '{context.Network.Name}' has no ether.fi deployment");
        _context = context.WithRevertDecoders(
            Decoder(LiquidityPool.TryDecodeError), Decoder(EEth.TryDecodeError), Decoder(WeEth.TryDecodeError),
            Decoder(WithdrawRequestNft.TryDecodeError), Decoder(EtherFiRedemptionManager.TryDecodeError), Decoder(DepositAdapter.TryDecodeError));
        Options = options ?? new EtherFiClientOptions();
        LiquidityPool = new LiquidityPool(_addresses.LiquidityPool, _context.Rpc);
        EEthContract = new EEth(_addresses.EEth, _context.Rpc);
        WeEthContract = new WeEth(_addresses.WeEth, _context.Rpc);
        WithdrawRequestNft = new WithdrawRequestNft(_addresses.WithdrawRequestNft, _context.Rpc);
        RedemptionManager = new EtherFiRedemptionManager(_addresses.RedemptionManager, _context.Rpc);
        DepositAdapter = _addresses.DepositAdapter is { } adapter ? new DepositAdapter(adapter, _context.Rpc) : null;
        Executor = new PreparedTransactionExecutor(_context);
        EEthToken = new StakingToken("eETH", "ether.fi ETH", _addresses.EEth, 18, TokenAccounting.Rebasing);
        WeEthToken = new StakingToken("weETH", "Wrapped eETH", _addresses.WeEth, 18, TokenAccounting.ExchangeRate);
    }

    /// <inheritdoc/>
    public virtual ProtocolId Id => ProtocolId.EtherFi;

    /// <inheritdoc/>
    public virtual string DisplayName => "ether.fi";

    /// <inheritdoc/>
    public virtual StakingCapabilities Capabilities =>
        StakingCapabilities.StakeEth | StakingCapabilities.Wrap | StakingCapabilities.Unwrap | StakingCapabilities.QueuedWithdrawal
        | StakingCapabilities.InstantRedeem | StakingCapabilities.Permit;

    /// <inheritdoc/>
    public virtual StakingToken StakeToken => StakingToken.Eth;

    /// <inheritdoc/>
    public virtual IReadOnlyList<StakingToken> ReceiptTokens => [EEthToken, WeEthToken];

    /// <summary>eETH.</summary>
    public virtual StakingToken EEthToken { get; } = null!;

    /// <summary>weETH.</summary>
    public virtual StakingToken WeEthToken { get; } = null!;

    /// <summary>The settings.</summary>
    public virtual EtherFiClientOptions Options { get; } = null!;

    /// <summary>The context (with ether.fi's revert decoders registered).</summary>
    public virtual LiquidStakeContext Context => _context;

    /// <summary>Sends and simulates this client's plans.</summary>
    public virtual PreparedTransactionExecutor Executor { get; } = null!;

    /// <summary>The LiquidityPool wrapper.</summary>
    public virtual LiquidityPool LiquidityPool { get; } = null!;

    /// <summary>The eETH wrapper.</summary>
    public virtual EEth EEthContract { get; } = null!;

    /// <summary>The weETH wrapper.</summary>
    public virtual WeEth WeEthContract { get; } = null!;

    /// <summary>The WithdrawRequestNFT wrapper.</summary>
    public virtual WithdrawRequestNft WithdrawRequestNft { get; } = null!;

    /// <summary>The EtherFiRedemptionManager wrapper.</summary>
    public virtual EtherFiRedemptionManager RedemptionManager { get; } = null!;

    /// <summary>The DepositAdapter wrapper, where one is deployed.</summary>
    public virtual DepositAdapter? DepositAdapter { get; }

    private sealed record ChainState(
        EtherFiPoolState Pool,
        BigInteger Balance,
        BigInteger Allowance,
        BigInteger Nonce,
        IReadOnlyDictionary<Address, BigInteger> BlacklistedUntil,
        EtherFiRedemptionQuote? Redemption,
        BigInteger BucketRemaining,
        BigInteger AboveWatermark)
    {
        public byte[]? DomainSeparator { get; init; }
    }

    private async Task<ChainState> PreflightTokenAsync(Address account, BigInteger amount, string paramName, EtherFiRedeemToken token, Address? spender,
        CancellationToken cancellationToken, Address? counterparty = null, (EtherFiRedeemToken, BigInteger)? redemptionAmount = null)
    {
        if (amount.Sign <= 0) throw new AmountNotPositiveException(Id, paramName, amount);
        await _context.EnsureChainAsync(cancellationToken).ConfigureAwait(false);
        var checkedAccounts = counterparty is { } c && c != account ? new[] { account, c } : new[] { account };
        var state = await ReadStateAsync(checkedAccounts, BlockParameter.Latest, cancellationToken, redemptionAmount, (token, account, spender)).ConfigureAwait(false);
        if (amount > state.Balance) throw new InsufficientBalanceException(Id, paramName, amount, state.Balance, token == EtherFiRedeemToken.EEth ? "wei eETH" : "wei weETH");
        ThrowIfBlacklisted(state, nameof(account));
        return state;
    }

    private void ThrowIfBlacklisted(ChainState state, string paramName)
    {
        foreach (var (who, until) in state.BlacklistedUntil)
            if (until > state.Pool.BlockTimestamp) throw new AccountBlacklistedException(Id, paramName, who, until);
    }

    private async Task<ChainState> ReadStateAsync(Address[]? blacklistChecks, BlockParameter block, CancellationToken cancellationToken,
        (EtherFiRedeemToken Token, BigInteger Amount)? redemptionAmount = null, (EtherFiRedeemToken Token, Address Owner, Address? Spender)? holding = null)
    {
        var blacklister = Options.Blacklister;
        if (blacklister is null && blacklistChecks is { Length: > 0 })
            blacklister = await LiquidityPool.BlacklisterAsync(block, cancellationToken).ConfigureAwait(false);
        var calls = new List<MulticallCall>
        {
            Call(_addresses.LiquidityPool, LiquidityPool.EncodeGetTotalPooledEther()),     // 0
            Call(_addresses.EEth, EEth.EncodeTotalShares()),                              // 1
            Call(_addresses.LiquidityPool, LiquidityPool.EncodeTotalValueInLp()),          // 2
            Call(_addresses.LiquidityPool, LiquidityPool.EncodeMinWithdrawAmount()),       // 3
            Call(_addresses.LiquidityPool, LiquidityPool.EncodeMaxWithdrawAmount()),       // 4
            Call(_context.Network.Multicall3, BlockTimestampCall),                         // 5
        };
        foreach (var target in new[] { _addresses.LiquidityPool, _addresses.EEth, _addresses.WeEth, _addresses.WithdrawRequestNft, _addresses.RedemptionManager })
        {
            calls.Add(Call(target, LiquidityPool.EncodePaused()));                         // 6 + 2k
            calls.Add(Call(target, LiquidityPool.EncodePausedUntil()));                    // 7 + 2k
        }
        int next = calls.Count;
        int holdingIndex = -1, blacklistIndex = -1, redemptionIndex = -1;
        if (holding is { } h)
        {
            holdingIndex = next;
            var tokenAddress = h.Token == EtherFiRedeemToken.EEth ? _addresses.EEth : _addresses.WeEth;
            calls.Add(Call(tokenAddress, EEth.EncodeBalanceOf(h.Owner)));
            calls.Add(Call(tokenAddress, EEth.EncodeAllowance(h.Owner, h.Spender ?? h.Owner)));
            calls.Add(Call(tokenAddress, EEth.EncodeNonces(h.Owner)));
            calls.Add(Call(tokenAddress, EEth.EncodeDomainSeparator()));
            next = calls.Count;
        }
        if (blacklistChecks is { Length: > 0 } && blacklister is { } bl)
        {
            blacklistIndex = next;
            foreach (var who in blacklistChecks) calls.Add(Call(bl, AbiCodec.EncodeCall(BlacklistedUntilSelector, AddressArg, [who])));
            next = calls.Count;
        }
        if (redemptionAmount is not null)
        {
            redemptionIndex = next;
            calls.Add(Call(_addresses.RedemptionManager, EtherFiRedemptionManager.EncodeTokenToRedemptionInfo(EthOutputToken)));
            calls.Add(Call(_addresses.RedemptionManager, EtherFiRedemptionManager.EncodeTotalRedeemableAmount(EthOutputToken)));
            calls.Add(Call(_addresses.RedemptionManager, EtherFiRedemptionManager.EncodeLowWatermarkInEth(EthOutputToken)));
            calls.Add(Call(_addresses.RedemptionManager, EtherFiRedemptionManager.EncodeGetInstantLiquidityAmount(EthOutputToken)));
        }

        var r = await _context.Multicall.AggregateAsync(calls, block, cancellationToken).ConfigureAwait(false);
        var timestamp = (ulong)Uint(r[5]);
        bool Paused(int k) => LiquidityPool.DecodePausedOutput(Required(r[6 + 2 * k])) || LiquidityPool.DecodePausedUntilOutput(Required(r[7 + 2 * k])) >= timestamp;
        var pool = new EtherFiPoolState(
            LiquidityPool.DecodeGetTotalPooledEtherOutput(Required(r[0])),
            EEth.DecodeTotalSharesOutput(Required(r[1])),
            LiquidityPool.DecodeTotalValueInLpOutput(Required(r[2])),
            LiquidityPool.DecodeMinWithdrawAmountOutput(Required(r[3])),
            LiquidityPool.DecodeMaxWithdrawAmountOutput(Required(r[4])),
            timestamp,
            Paused(0), Paused(1), Paused(2), Paused(3), Paused(4));

        BigInteger balance = 0, allowance = 0, nonce = 0;
        byte[]? domainSeparator = null;
        if (holdingIndex >= 0)
        {
            balance = Uint(r[holdingIndex]);
            allowance = Uint(r[holdingIndex + 1]);
            nonce = r[holdingIndex + 2].Success ? Uint(r[holdingIndex + 2]) : BigInteger.MinusOne;
            domainSeparator = r[holdingIndex + 3] is { Success: true, ReturnData.Length: 32 } d ? d.ReturnData : null;
        }
        var blacklisted = new Dictionary<Address, BigInteger>();
        if (blacklistIndex >= 0)
            for (int i = 0; i < blacklistChecks!.Length; i++) blacklisted[blacklistChecks[i]] = Uint(r[blacklistIndex + i]);

        EtherFiRedemptionQuote? quote = null;
        BigInteger bucket = 0, aboveWatermark = 0;
        if (redemptionAmount is { } ra && redemptionIndex >= 0)
        {
            var info = EtherFiRedemptionManager.DecodeTokenToRedemptionInfoOutput(Required(r[redemptionIndex]));
            var totalRedeemable = EtherFiRedemptionManager.DecodeTotalRedeemableAmountOutput(Required(r[redemptionIndex + 1]));
            var watermark = EtherFiRedemptionManager.DecodeLowWatermarkInEthOutput(Required(r[redemptionIndex + 2]));
            var liquidity = EtherFiRedemptionManager.DecodeGetInstantLiquidityAmountOutput(Required(r[redemptionIndex + 3]));
            aboveWatermark = liquidity > watermark ? liquidity - watermark : BigInteger.Zero;
            var l = info.Limit;
            var refilled = l.Remaining + (new BigInteger(timestamp) - l.LastRefill) * l.RefillRate;
            bucket = BigInteger.Min(refilled, l.Capacity) * EtherFiMath.BucketUnit;
            var amount = ra.Amount.Sign > 0 ? ra.Amount : BigInteger.Zero;
            var eEthAmount = ra.Token == EtherFiRedeemToken.EEth ? amount : EtherFiMath.AmountForShare(amount, pool.TotalPooledEther, pool.TotalShares);
            var shares = EtherFiMath.SharesForAmount(eEthAmount, pool.TotalPooledEther, pool.TotalShares);
            var split = EtherFiMath.Redemption(shares, (int)info.ExitFeeInBps, (int)info.ExitFeeSplitToTreasuryInBps, pool.TotalPooledEther, pool.TotalShares);
            bool can = eEthAmount <= aboveWatermark && EtherFiMath.ToBucketUnits(eEthAmount) <= BigInteger.Min(refilled, l.Capacity);
            quote = new EtherFiRedemptionQuote(ra.Token, ra.Amount, eEthAmount, shares, split.ToReceiver, split.FeeToTreasury, split.FeeToStakers,
                (int)info.ExitFeeInBps, totalRedeemable, can, pool.RedemptionManagerPaused || pool.EEthPaused || (ra.Token == EtherFiRedeemToken.WeEth && pool.WeEthPaused));
        }
        return new ChainState(pool, balance, allowance, nonce, blacklisted, quote, bucket, aboveWatermark) { DomainSeparator = domainSeparator };
    }

    private async Task<PermitInput?> TryPermitAsync(ISigner? signer, Address owner, string domainName, Address token, Address spender, BigInteger value, ChainState state, CancellationToken cancellationToken)
    {
        if (state.Nonce.Sign < 0 || state.DomainSeparator is null) return null;
        if (!await Erc2612Permits.CanSignAsync(_context, owner, signer, cancellationToken).ConfigureAwait(false)) return null;
        var domain = Eip2612.CreateDomain(domainName, "1", _context.Network.ChainId, token);
        // Only sign when the token's own separator matches the domain we would sign for; otherwise approve.
        if (!Erc2612Permits.DomainMatches(domain, state.DomainSeparator)) return null;
        var deadline = new BigInteger(state.Pool.BlockTimestamp) + (long)Options.PermitValidity.TotalSeconds;
        SignedPermit permit;
        try
        {
            permit = await Erc2612Permits.SignAsync(signer!, domain, spender, value, state.Nonce, deadline, cancellationToken).ConfigureAwait(false);
        }
        catch (NotSupportedException)
        {
            return null; // the signer cannot sign typed data: fall back to approve
        }
        return new PermitInput(permit.Value, permit.Deadline, permit.V, permit.R, permit.S);
    }

    private TransactionStep[] ApprovalSteps(BigInteger allowance, BigInteger amount, Address token, Address spender, string symbol, string spenderName, Address account, TransactionStep action)
    {
        action = action with { RequiredAllowance = new AllowanceRequirement(token, account, spender, amount, symbol) };
        if (allowance >= amount) return [action];
        var approve = EEthContract.PrepareApprove(spender, amount) with { To = token, From = account };
        return [new TransactionStep(TransactionStepKind.Approval, $"Approve {Eth(amount)} {symbol} to {spenderName}", approve), action];
    }

    private PreparedTransaction Plan(string description, params TransactionStep[] steps) => new(Id, description, steps);

    private async Task<ulong> BlockTimeAsync(ulong number, CancellationToken cancellationToken)
    {
        var header = await _context.Rpc.GetBlockByNumberAsync(BlockParameter.AtNumber(number), cancellationToken).ConfigureAwait(false)
            ?? throw new LiquidStakeException($"block {number} not found");
        return header.Timestamp;
    }

    private async Task<IReadOnlyList<byte[]>> AggregateAsync(IReadOnlyList<MulticallCall> calls, BlockParameter block, CancellationToken cancellationToken)
    {
        var results = await _context.Multicall.AggregateAsync(calls, block, cancellationToken).ConfigureAwait(false);
        return results.Select(Required).ToArray();
    }

    private static MulticallCall Call(Address target, byte[] data, bool allowFailure = false) => new(target, data, allowFailure);

    private static byte[] Required(MulticallResult result) =>
        result.Success ? result.ReturnData : throw new EthereumFormatException("a batched ether.fi read failed");

    private static BigInteger Uint(MulticallResult result) => (BigInteger)AbiCodec.Decode(Uint256Result, Required(result))[0]!;

    private static string Eth(BigInteger wei) => EthUnits.FormatEther(wei);

    private static RevertDataDecoder Decoder(TryDecode tryDecode) => data => tryDecode(data, out var ex) ? ex : null;

    private delegate bool TryDecode(ReadOnlySpan<byte> data, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out LiquidStake.Ethereum.Contracts.ContractRevertException? exception);
}
