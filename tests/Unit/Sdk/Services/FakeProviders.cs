using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Transactions;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Services;
using LiquidStake.Sdk.Withdrawals;

namespace LiquidStake.UnitTests.Sdk.Services;

/// <summary>A hand-written provider whose answers and failures the test sets, and which counts its calls.</summary>
public class FakeProvider : IStakingProvider
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Address, List<Position>> _positions = [];
    private readonly Dictionary<Address, List<WithdrawalRequest>> _withdrawals = [];
    private int _quoteCalls, _positionCalls, _withdrawalListCalls;

    public static readonly BigInteger OneEth = BigInteger.Pow(10, 18);

    public FakeProvider(string id, StakingCapabilities capabilities = StakingCapabilities.StakeEth | StakingCapabilities.QueuedWithdrawal, string? receiptSymbol = null, TokenAccounting accounting = TokenAccounting.ExchangeRate)
    {
        Id = new ProtocolId(id);
        Capabilities = capabilities;
        Receipt = new StakingToken(receiptSymbol ?? id + "ETH", id + " staked ETH", Addr(id.Length * 7919 + id[0]), 18, accounting);
    }

    public static Address Addr(int n) => Address.Parse("0x" + n.ToString("x40", System.Globalization.CultureInfo.InvariantCulture));

    public ProtocolId Id { get; }
    public string DisplayName => "Fake " + Id.Value;
    public StakingCapabilities Capabilities { get; }
    public virtual StakingToken StakeToken => StakingToken.Eth;
    public StakingToken Receipt { get; }
    public IReadOnlyList<StakingToken> ReceiptTokens => [Receipt];

    /// <summary>Receipt units per ETH as a fraction (RateNum/RateDen).</summary>
    public BigInteger RateNum { get; set; } = 1;
    public BigInteger RateDen { get; set; } = 1;
    public BigInteger? Minimum { get; set; }
    public BigInteger? Maximum { get; set; }
    public bool Paused { get; set; }
    public Exception? Failure { get; set; }
    public Func<CancellationToken, Task>? BeforeQuote { get; set; }

    public int QuoteCalls => Volatile.Read(ref _quoteCalls);
    public int PositionCalls => Volatile.Read(ref _positionCalls);
    public int WithdrawalListCalls => Volatile.Read(ref _withdrawalListCalls);
    public List<(Address Account, BigInteger Amount)> PreparedStakes { get; } = [];
    public List<IReadOnlyList<WithdrawalId>> PreparedClaims { get; } = [];

    public ExchangeRate Rate => new(Receipt, StakingToken.Eth, RateDen, RateNum);

    public async Task<StakeQuote> QuoteStakeAsync(BigInteger amount, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _quoteCalls);
        if (BeforeQuote is not null) await BeforeQuote(cancellationToken);
        if (Failure is not null) throw Failure;
        return new StakeQuote(Id, StakeToken, amount, Receipt, amount * RateNum / RateDen, BigInteger.Zero, Rate, Minimum, Maximum, Paused);
    }

    public Task<PreparedTransaction> PrepareStakeAsync(Address account, BigInteger amount, CancellationToken cancellationToken = default)
    {
        lock (_gate) PreparedStakes.Add((account, amount));
        var step = new TransactionStep(TransactionStepKind.Action, $"Stake {amount} wei with {Id}", new TransactionRequest { From = account, To = Receipt.Address, Value = amount });
        return Task.FromResult(new PreparedTransaction(Id, $"Stake {amount} wei with {Id}", [step]));
    }

    public Task<ExchangeRate> GetExchangeRateAsync(CancellationToken cancellationToken = default) => Task.FromResult(Rate);

    public Task<Apr> GetAprAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public void SetPositions(Address account, params Position[] positions)
    {
        lock (_gate) _positions[account] = [.. positions];
    }

    public Position MakePosition(Address owner, BigInteger balance, BigInteger ethValue) => new(Id, owner, Receipt, balance, null, ethValue);

    public Task<IReadOnlyList<Position>> GetPositionsAsync(Address account, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _positionCalls);
        if (Failure is not null) throw Failure;
        lock (_gate) return Task.FromResult<IReadOnlyList<Position>>(_positions.TryGetValue(account, out var list) ? list.ToArray() : []);
    }

    public IReadOnlyDictionary<Address, IReadOnlyList<Position>> AllPositions(IReadOnlyList<Address> accounts)
    {
        lock (_gate) return accounts.ToDictionary(a => a, a => (IReadOnlyList<Position>)(_positions.TryGetValue(a, out var list) ? list.ToArray() : []));
    }

    public Task<PreparedTransaction> PrepareWithdrawalRequestAsync(Address account, BigInteger amount, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public WithdrawalRequest AddWithdrawal(Address owner, BigInteger requestId, WithdrawalStatus status = WithdrawalStatus.Pending, DateTimeOffset? eta = null)
    {
        var request = new WithdrawalRequest(WithdrawalId.ForRequest(Id, requestId), owner, Receipt, OneEth, null, status, null, null, eta);
        PutWithdrawal(request);
        return request;
    }

    public void PutWithdrawal(WithdrawalRequest request)
    {
        lock (_gate)
        {
            if (!_withdrawals.TryGetValue(request.Owner, out var list)) _withdrawals[request.Owner] = list = [];
            list.RemoveAll(r => r.Id == request.Id);
            list.Add(request);
        }
    }

    public void SetStatus(Address owner, WithdrawalId id, WithdrawalStatus status)
    {
        lock (_gate)
        {
            var list = _withdrawals[owner];
            int i = list.FindIndex(r => r.Id == id);
            list[i] = list[i] with { Status = status };
        }
    }

    /// <summary>Simulates a reorg that removed the request.</summary>
    public void Lose(Address owner, WithdrawalId id)
    {
        lock (_gate) _withdrawals[owner].RemoveAll(r => r.Id == id);
    }

    public Func<int, WithdrawalStatus>? StatusOnRead { get; set; }

    /// <summary>The owner's requests now, without counting a call.</summary>
    public IReadOnlyList<WithdrawalRequest> Snapshot(Address owner)
    {
        lock (_gate) return _withdrawals.TryGetValue(owner, out var l) ? l.ToArray() : [];
    }

    public Task<IReadOnlyList<WithdrawalRequest>> GetWithdrawalRequestsAsync(Address account, CancellationToken cancellationToken = default)
    {
        int call = Interlocked.Increment(ref _withdrawalListCalls);
        if (Failure is not null) throw Failure;
        lock (_gate)
        {
            var list = _withdrawals.TryGetValue(account, out var l) ? l.ToArray() : [];
            if (StatusOnRead is { } status) list = list.Select(r => r with { Status = status(call) }).ToArray();
            return Task.FromResult<IReadOnlyList<WithdrawalRequest>>(list);
        }
    }

    public Task<PreparedTransaction> PrepareClaimAsync(Address account, IReadOnlyList<WithdrawalId> withdrawals, CancellationToken cancellationToken = default)
    {
        lock (_gate) PreparedClaims.Add(withdrawals);
        var step = new TransactionStep(TransactionStepKind.Action, "Claim", new TransactionRequest { From = account, To = Receipt.Address });
        return Task.FromResult(new PreparedTransaction(Id, "Claim", [step]));
    }
}

/// <summary>A provider that reads all accounts at once.</summary>
public sealed class FakeBatchProvider(string id) : FakeProvider(id), IBatchPositionReader
{
    private int _batchCalls;

    public int BatchCalls => Volatile.Read(ref _batchCalls);

    public Task<IReadOnlyDictionary<Address, IReadOnlyList<Position>>> GetPositionsAsync(IReadOnlyList<Address> accounts, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _batchCalls);
        return Task.FromResult(AllPositions(accounts));
    }
}

/// <summary>A provider with queued and instant exits that quotes both.</summary>
public sealed class FakeExitProvider(string id) : FakeProvider(id, StakingCapabilities.StakeEth | StakingCapabilities.QueuedWithdrawal | StakingCapabilities.InstantRedeem, accounting: TokenAccounting.Rebasing),
    IWithdrawalWaitEstimator, IInstantRedeemQuoter
{
    /// <summary>Fee in basis points of the ETH value.</summary>
    public int FeeBps { get; set; } = 30;
    public BigInteger? InstantMaximum { get; set; }
    public bool InstantPaused { get; set; }
    public TimeSpan? Wait { get; set; } = TimeSpan.FromDays(7);
    public Exception? WaitFailure { get; set; }

    public Task<TimeSpan?> EstimateWithdrawalWaitAsync(BigInteger amount, CancellationToken cancellationToken = default) =>
        WaitFailure is null ? Task.FromResult(Wait) : Task.FromException<TimeSpan?>(WaitFailure);

    public Task<InstantRedeemQuote> QuoteInstantRedeemAsync(StakingToken token, BigInteger amount, CancellationToken cancellationToken = default)
    {
        var fee = amount * FeeBps / 10_000;
        return Task.FromResult(new InstantRedeemQuote(Id, token, amount, amount - fee, fee, InstantMaximum, InstantPaused));
    }

    public Task<PreparedTransaction> PrepareInstantRedeemAsync(Address account, StakingToken token, BigInteger amount, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();
}

/// <summary>A restaking provider that takes another provider's token.</summary>
public sealed class FakeRestakingProvider : FakeProvider, ITokenDepositor
{
    public FakeRestakingProvider(string id, params StakingToken[] accepts)
        : base(id, StakingCapabilities.DepositToken | StakingCapabilities.QueuedWithdrawal, accounting: TokenAccounting.StrategyShares) => DepositTokens = accepts;

    public override StakingToken StakeToken => DepositTokens[0];

    public IReadOnlyList<StakingToken> DepositTokens { get; }

    public List<(StakingToken Token, BigInteger Amount, bool Funded)> Deposits { get; } = [];

    public Task<StakeQuote> QuoteDepositAsync(StakingToken token, BigInteger amount, CancellationToken cancellationToken = default) =>
        Task.FromResult(new StakeQuote(Id, token, amount, Receipt, amount, BigInteger.Zero, Rate, null, null, false));

    public Task<PreparedTransaction> PrepareDepositAsync(Address account, StakingToken token, BigInteger amount, bool fundedByEarlierStep = false, CancellationToken cancellationToken = default)
    {
        Deposits.Add((token, amount, fundedByEarlierStep));
        var approve = new TransactionStep(TransactionStepKind.Approval, $"Approve {amount} {token.Symbol}", new TransactionRequest { From = account, To = token.Address });
        var deposit = new TransactionStep(TransactionStepKind.Action, $"Deposit {amount} {token.Symbol} into {Id}", new TransactionRequest { From = account, To = Receipt.Address });
        return Task.FromResult(new PreparedTransaction(Id, $"Deposit {amount} {token.Symbol} into {Id}", [approve, deposit]));
    }
}

/// <summary>A provider that reads single requests by id.</summary>
public sealed class FakeReaderProvider(string id) : FakeProvider(id), IWithdrawalRequestReader
{
    private int _readerCalls;

    public int ReaderCalls => Volatile.Read(ref _readerCalls);

    public Task<WithdrawalRequest?> GetWithdrawalRequestAsync(Address owner, WithdrawalId id, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _readerCalls);
        return Task.FromResult(Snapshot(owner).FirstOrDefault(r => r.Id == id));
    }
}

/// <summary>A provider that reports its staked ETH, or fails to.</summary>
public sealed class FakeStakedProvider(string id, BigInteger? staked) : FakeProvider(id), IStakedEtherReader
{
    public Task<BigInteger> GetStakedEtherAsync(CancellationToken cancellationToken = default) =>
        staked is { } wei ? Task.FromResult(wei) : Task.FromException<BigInteger>(new InvalidOperationException("node unreachable"));
}
