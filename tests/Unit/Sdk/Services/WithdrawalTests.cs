using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Sdk;
using LiquidStake.Sdk.Services;
using LiquidStake.Sdk.Withdrawals;
using Microsoft.Extensions.Time.Testing;

namespace LiquidStake.UnitTests.Sdk.Services;

public class WithdrawalOperationTests
{
    private static readonly Address Alice = FakeProvider.Addr(0xA11CE);

    [Fact]
    public async Task Resume_rebuilds_an_operation_from_a_stored_request_id()
    {
        var lido = new FakeProvider("lido");
        var stored = lido.AddWithdrawal(Alice, 42).Id.ToString();
        Assert.Equal("lido:42", stored);

        var operation = WithdrawalOperation.Resume(stored, Alice, [new FakeProvider("etherfi"), lido]);
        Assert.Same(lido, operation.Provider);
        Assert.Equal(WithdrawalId.ForRequest(ProtocolId.Lido, 42), operation.Id);
        Assert.Null(operation.Status);

        var request = await operation.UpdateStatusAsync();
        Assert.Equal(WithdrawalStatus.Pending, request.Status);
        Assert.Equal(WithdrawalStatus.Pending, operation.Status);
        Assert.False(operation.IsClaimable);
    }

    [Fact]
    public async Task Resume_works_for_an_eigenlayer_root_through_the_service()
    {
        var eigen = new FakeReaderProvider("eigenlayer");
        var root = Hash32.Parse("0x" + new string('a', 64));
        eigen.PutWithdrawal(new WithdrawalRequest(WithdrawalId.ForRoot(ProtocolId.EigenLayer, root), Alice, eigen.Receipt, 5, null, WithdrawalStatus.Claimable, null, 123, null));
        var service = new StakingService([eigen]);

        var operation = service.ResumeWithdrawal("eigenlayer:0x" + new string('a', 64), Alice);
        var request = await operation.UpdateStatusAsync();

        Assert.Equal(WithdrawalStatus.Claimable, request.Status);
        Assert.Equal(1, eigen.ReaderCalls);
        Assert.Equal(0, eigen.WithdrawalListCalls);
        Assert.Equal(123UL, request.ClaimableAtBlock);
        await operation.PrepareClaimAsync();
        Assert.Equal([operation.Id], Assert.Single(eigen.PreparedClaims));
    }

    [Fact]
    public void Resume_refuses_malformed_ids_and_unknown_protocols()
    {
        var lido = new FakeProvider("lido");
        Assert.Equal("storedId", Assert.Throws<LiquidStakeArgumentException>(() => WithdrawalOperation.Resume("lido", Alice, [lido])).ParamName);
        Assert.Equal("storedId", Assert.Throws<LiquidStakeArgumentException>(() => WithdrawalOperation.Resume("rocketpool:1", Alice, [lido])).ParamName);
        Assert.Equal("provider", Assert.Throws<LiquidStakeArgumentException>(() => new WithdrawalOperation(lido, Alice, WithdrawalId.ForRequest(ProtocolId.EtherFi, 1))).ParamName);
    }

    [Fact]
    public async Task UpdateStatus_throws_when_the_chain_lost_the_request()
    {
        var lido = new FakeProvider("lido");
        var operation = new WithdrawalOperation(lido, Alice, WithdrawalId.ForRequest(ProtocolId.Lido, 7));
        var ex = await Assert.ThrowsAsync<WithdrawalNotFoundException>(() => operation.UpdateStatusAsync());
        Assert.Equal(operation.Id, ex.Id);
        Assert.Equal(Alice, ex.Owner);
    }

    [Fact]
    public async Task WaitUntilClaimable_polls_on_the_time_provider_until_claimable()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2025-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var lido = new FakeProvider("lido") { StatusOnRead = call => call >= 3 ? WithdrawalStatus.Claimable : WithdrawalStatus.Pending };
        lido.AddWithdrawal(Alice, 1);
        var operation = WithdrawalOperation.Resume("lido:1", Alice, [lido], time);
        var start = time.GetUtcNow();

        var wait = operation.WaitUntilClaimableAsync(Timeout.InfiniteTimeSpan, new WithdrawalWaitOptions { PollInterval = TimeSpan.FromMinutes(1) });
        await AdvanceUntilDoneAsync(time, wait, TimeSpan.FromSeconds(20));
        var request = await wait;

        Assert.Equal(WithdrawalStatus.Claimable, request.Status);
        Assert.Equal(3, lido.WithdrawalListCalls); // two pending reads, then the claimable one
        Assert.True(time.GetUtcNow() - start >= TimeSpan.FromMinutes(2));
        Assert.True(operation.IsClaimable);
    }

    [Fact]
    public async Task WaitUntilClaimable_wakes_at_the_estimate_when_it_is_sooner_than_the_interval()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2025-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var eta = time.GetUtcNow().AddMinutes(5);
        var lido = new FakeProvider("lido") { StatusOnRead = call => call >= 2 ? WithdrawalStatus.Claimable : WithdrawalStatus.Pending };
        lido.AddWithdrawal(Alice, 1, eta: eta);
        var operation = new WithdrawalOperation(lido, Alice, WithdrawalId.ForRequest(ProtocolId.Lido, 1), time);

        var wait = operation.WaitUntilClaimableAsync(TimeSpan.FromDays(1), new WithdrawalWaitOptions { PollInterval = TimeSpan.FromHours(6) });
        await AdvanceUntilDoneAsync(time, wait, TimeSpan.FromMinutes(1));
        await wait;

        Assert.True(time.GetUtcNow() < eta.AddHours(1), "woke at the estimate, not after the 6 h interval");
        Assert.Equal(2, lido.WithdrawalListCalls);
    }

    [Fact]
    public async Task WaitUntilClaimable_is_cancellable()
    {
        var time = new FakeTimeProvider();
        var lido = new FakeProvider("lido");
        lido.AddWithdrawal(Alice, 1);
        var operation = new WithdrawalOperation(lido, Alice, WithdrawalId.ForRequest(ProtocolId.Lido, 1), time);
        using var cts = new CancellationTokenSource();

        var wait = operation.WaitUntilClaimableAsync(Timeout.InfiniteTimeSpan, cancellationToken: cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        Assert.Equal(WithdrawalStatus.Pending, operation.Status);
        var zeroTimeout = await Assert.ThrowsAsync<LiquidStakeArgumentException>(() => operation.WaitUntilClaimableAsync(TimeSpan.Zero));
        Assert.Equal("timeout", zeroTimeout.ParamName);
        var zeroInterval = await Assert.ThrowsAsync<LiquidStakeArgumentException>(() => operation.WaitUntilClaimableAsync(TimeSpan.FromHours(1), new WithdrawalWaitOptions { PollInterval = TimeSpan.Zero }));
        Assert.Equal("options.PollInterval", zeroInterval.ParamName);
    }

    [Fact]
    public void Resume_blames_the_callers_stored_id_not_an_internal_argument()
    {
        var lido = new FakeProvider("lido");
        foreach (var bad in new[] { "lido:abc", "lido", "lido:0x" + new string('z', 64) })
        {
            var ex = Assert.Throws<LiquidStakeArgumentException>(() => WithdrawalOperation.Resume(bad, Alice, [lido]));
            Assert.Equal("storedId", ex.ParamName);
        }
    }

    [Fact]
    public async Task WaitUntilClaimable_gives_up_at_the_timeout_after_a_last_read_at_the_deadline()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2025-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var lido = new FakeProvider("lido");
        lido.AddWithdrawal(Alice, 1);
        var operation = new WithdrawalOperation(lido, Alice, WithdrawalId.ForRequest(ProtocolId.Lido, 1), time);
        var start = time.GetUtcNow();

        var wait = operation.WaitUntilClaimableAsync(TimeSpan.FromMinutes(25), new WithdrawalWaitOptions { PollInterval = TimeSpan.FromMinutes(10) });
        await AdvanceUntilDoneAsync(time, wait, TimeSpan.FromMinutes(1));

        var ex = await Assert.ThrowsAsync<WithdrawalWaitTimeoutException>(() => wait);
        Assert.Equal(operation.Id, ex.Id);
        Assert.Equal(TimeSpan.FromMinutes(25), ex.Timeout);
        Assert.Equal(WithdrawalStatus.Pending, ex.Latest!.Status);
        Assert.Equal(4, lido.WithdrawalListCalls); // at 0, 10, 20 and the deadline (25) minutes
        Assert.True(time.GetUtcNow() >= start.AddMinutes(25));
    }

    [Fact]
    public async Task WaitUntilClaimable_returns_a_request_that_became_claimable_at_the_deadline()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2025-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var lido = new FakeProvider("lido") { StatusOnRead = call => call >= 2 ? WithdrawalStatus.Claimable : WithdrawalStatus.Pending };
        lido.AddWithdrawal(Alice, 1);
        var operation = new WithdrawalOperation(lido, Alice, WithdrawalId.ForRequest(ProtocolId.Lido, 1), time);

        var wait = operation.WaitUntilClaimableAsync(TimeSpan.FromMinutes(3), new WithdrawalWaitOptions { PollInterval = TimeSpan.FromHours(1) });
        await AdvanceUntilDoneAsync(time, wait, TimeSpan.FromMinutes(1));

        Assert.Equal(WithdrawalStatus.Claimable, (await wait).Status);
        Assert.Equal(2, lido.WithdrawalListCalls);
    }

    private static async Task AdvanceUntilDoneAsync(FakeTimeProvider time, Task task, TimeSpan step)
    {
        for (int i = 0; i < 100_000 && !task.IsCompleted; i++)
        {
            time.Advance(step);
            await Task.Yield();
        }
        Assert.True(task.IsCompleted, "the wait never finished");
    }
}

public class WithdrawalLedgerTests
{
    private static readonly Address Alice = FakeProvider.Addr(0xA11CE);
    private static readonly Address Bob = FakeProvider.Addr(0xB0B);

    [Fact]
    public async Task Records_and_lists_pending_and_claimable_across_protocols()
    {
        var lido = new FakeProvider("lido");
        var etherfi = new FakeProvider("etherfi");
        var ledger = new InMemoryWithdrawalLedger([lido, etherfi]);
        var hash = Hash32.Parse("0x" + new string('1', 64));

        await ledger.RecordAsync(WithdrawalId.ForRequest(ProtocolId.Lido, 2), Alice, transactionHash: hash);
        await ledger.RecordAsync(WithdrawalId.ForRequest(ProtocolId.Lido, 1), Alice, lido.AddWithdrawal(Alice, 1, WithdrawalStatus.Claimable));
        await ledger.RecordAsync(WithdrawalId.ForRequest(ProtocolId.EtherFi, 9), Bob, etherfi.AddWithdrawal(Bob, 9));

        Assert.Equal(["etherfi:9", "lido:2"], (await ledger.ListPendingAsync()).Select(e => e.Id.ToString()));
        Assert.Equal(["lido:1"], (await ledger.ListClaimableAsync()).Select(e => e.Id.ToString()));
        Assert.Equal(["lido:2"], (await ledger.ListPendingAsync(Alice)).Select(e => e.Id.ToString()));
        Assert.Equal(["lido:1", "lido:2"], (await ledger.ListAsync(protocol: ProtocolId.Lido)).Select(e => e.Id.ToString()));
        var entry = await ledger.GetAsync(WithdrawalId.ForRequest(ProtocolId.Lido, 2));
        Assert.Equal(hash, entry!.TransactionHash);
        Assert.Null(entry.LastCheckedAt);
        Assert.Null(await ledger.GetAsync(WithdrawalId.ForRequest(ProtocolId.Lido, 3)));
        await Assert.ThrowsAsync<LiquidStakeArgumentException>(() => ledger.RecordAsync(WithdrawalId.ForRequest(ProtocolId.Lido, 2), Bob));
    }

    [Fact]
    public async Task Recheck_marks_a_request_lost_in_a_reorg_as_dropped_and_restores_it_when_it_returns()
    {
        var lido = new FakeProvider("lido");
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2025-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var ledger = new InMemoryWithdrawalLedger([lido], time);
        var kept = lido.AddWithdrawal(Alice, 1);
        var lost = lido.AddWithdrawal(Alice, 2);
        await ledger.RecordAsync(kept.Id, Alice, kept);
        await ledger.RecordAsync(lost.Id, Alice, lost);

        lido.Lose(Alice, lost.Id);
        lido.SetStatus(Alice, kept.Id, WithdrawalStatus.Claimable);
        time.Advance(TimeSpan.FromMinutes(5));
        var report = await ledger.RecheckAsync();

        Assert.Equal(2, report.Checked);
        Assert.Equal(1, lido.WithdrawalListCalls); // one list per (protocol, owner)
        var dropped = Assert.Single(report.Dropped);
        Assert.Equal(lost.Id, dropped.Id);
        Assert.True(dropped.NeedsAttention);
        Assert.Contains("reorg", dropped.Note, StringComparison.Ordinal);
        Assert.Equal([kept.Id, lost.Id], report.Changed.Select(e => e.Id).Order(Comparer<WithdrawalId>.Create((a, b) => a.RequestId!.Value.CompareTo(b.RequestId!.Value))));
        Assert.Equal(LedgerEntryState.Claimable, (await ledger.GetAsync(kept.Id))!.State);
        Assert.Equal(time.GetUtcNow(), (await ledger.GetAsync(kept.Id))!.LastCheckedAt);
        Assert.Equal([lost.Id], (await ledger.ListAsync(state: LedgerEntryState.Dropped)).Select(e => e.Id));

        lido.PutWithdrawal(lost); // re-included in a later block
        var again = await ledger.RecheckAsync();
        Assert.Equal(lost.Id, Assert.Single(again.Restored).Id);
        Assert.Empty(again.Dropped);
        Assert.Equal(LedgerEntryState.Pending, (await ledger.GetAsync(lost.Id))!.State);
    }

    [Fact]
    public async Task Recheck_reads_by_id_when_the_provider_can_and_skips_claimed_entries()
    {
        var eigen = new FakeReaderProvider("eigenlayer");
        var ledger = new InMemoryWithdrawalLedger([eigen]);
        var a = eigen.AddWithdrawal(Alice, 1);
        var b = eigen.AddWithdrawal(Alice, 2, WithdrawalStatus.Claimed);
        await ledger.RecordAsync(a.Id, Alice, a);
        await ledger.RecordAsync(b.Id, Alice, b);

        var report = await ledger.RecheckAsync();

        Assert.Equal(1, report.Checked);
        Assert.Equal(1, eigen.ReaderCalls);
        Assert.Equal(0, eigen.WithdrawalListCalls);
        Assert.Empty(report.Changed);
    }

    [Fact]
    public async Task Recheck_reports_a_failing_provider_and_keeps_the_entry_state()
    {
        var lido = new FakeProvider("lido");
        var ledger = new InMemoryWithdrawalLedger([lido]);
        var request = lido.AddWithdrawal(Alice, 1);
        await ledger.RecordAsync(request.Id, Alice, request);
        await ledger.RecordAsync(WithdrawalId.ForRequest(new ProtocolId("gone"), 5), Alice);
        lido.Failure = new HttpRequestException("503");

        var report = await ledger.RecheckAsync();

        Assert.Equal(0, report.Checked);
        Assert.Equal(2, report.Errors.Count);
        Assert.IsType<HttpRequestException>(report.Errors.Single(e => e.Id == request.Id).Error);
        Assert.Contains("no provider is registered for 'gone'", report.Errors.Single(e => e.Id != request.Id).Error.Message, StringComparison.Ordinal);
        Assert.Equal(LedgerEntryState.Pending, (await ledger.GetAsync(request.Id))!.State);
    }

    [Fact]
    public async Task Sync_imports_an_owners_requests_from_every_provider_once()
    {
        var lido = new FakeProvider("lido");
        var etherfi = new FakeProvider("etherfi");
        lido.AddWithdrawal(Alice, 1);
        etherfi.AddWithdrawal(Alice, 3, WithdrawalStatus.Claimable);
        var ledger = new InMemoryWithdrawalLedger([lido, etherfi]);

        var added = await ledger.SyncAsync(Alice);
        var addedAgain = await ledger.SyncAsync(Alice);

        Assert.Equal(["lido:1", "etherfi:3"], added.Select(e => e.Id.ToString()));
        Assert.Empty(addedAgain);
        Assert.Equal(["etherfi:3"], (await ledger.ListClaimableAsync(Alice)).Select(e => e.Id.ToString()));
    }

    [Fact]
    public async Task Concurrent_records_are_all_kept()
    {
        var ledger = new InMemoryWithdrawalLedger([]);
        await Parallel.ForEachAsync(Enumerable.Range(0, 2000), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, ct) => await ledger.RecordAsync(WithdrawalId.ForRequest(ProtocolId.Lido, i % 1000), Alice, cancellationToken: ct));
        var all = await ledger.ListAsync();
        Assert.Equal(1000, all.Count);
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => new BigInteger(i)), all.Select(e => e.Id.RequestId!.Value));
    }
}
