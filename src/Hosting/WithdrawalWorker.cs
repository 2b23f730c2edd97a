using LiquidStake.Sdk.Withdrawals;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiquidStake.Sdk.Hosting;

/// <summary>
/// The hosted withdrawal worker: opens (and migrates) the ledger when the host starts, so a bad store fails the start
/// with its typed error, then runs <see cref="WithdrawalClaimProcessor.RunRoundAsync"/> every polling interval. A failed
/// round is logged and retried; it never stops the host.
/// </summary>
public sealed partial class WithdrawalWorker : BackgroundService
{
    private readonly WithdrawalClaimProcessor _processor;
    private readonly IDurableWithdrawalLedger _ledger;
    private readonly WithdrawalWorkerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the worker.</summary>
    public WithdrawalWorker(WithdrawalClaimProcessor processor, IDurableWithdrawalLedger ledger, IOptions<WithdrawalWorkerOptions> options, TimeProvider? timeProvider = null, ILogger<WithdrawalWorker>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(processor);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(options);
        _processor = processor;
        _ledger = ledger;
        _options = options.Value;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc/>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await _ledger.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _processor.RunRoundAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A round that fails (RPC down, database busy) is retried; the worker must keep running.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.RoundFailed(_logger, ex);
            }
            try
            {
                await Task.Delay(_options.PollingInterval, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 420, Level = LogLevel.Error, Message = "Withdrawal round failed; retrying after the polling interval")]
        public static partial void RoundFailed(ILogger logger, Exception error);
    }
}
