using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace LiquidStake.IntegrationTests.Support;

/// <summary>
/// Records, as text, everything an application could export while it is alive: every log entry of every category at
/// Trace (message, state values, scopes, exception), every activity of every ActivitySource (source, name, display
/// name, status, tags, events, baggage), every metric measurement's instrument and tags, and every exception thrown in
/// the process (first chance, so caught ones too).
/// </summary>
public sealed class TelemetryCapture : ILoggerProvider, IDisposable
{
    private readonly ConcurrentQueue<string> _records = new();
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters;

    public TelemetryCapture()
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            SampleUsingParentId = (ref ActivityCreationOptions<string> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => _records.Enqueue("activity " + Describe(a)),
        };
        ActivitySource.AddActivityListener(_activities);

        _meters = new MeterListener { InstrumentPublished = (instrument, listener) => listener.EnableMeasurementEvents(instrument) };
        _meters.SetMeasurementEventCallback<long>((i, v, tags, _) => Measure(i, v, tags));
        _meters.SetMeasurementEventCallback<int>((i, v, tags, _) => Measure(i, v, tags));
        _meters.SetMeasurementEventCallback<double>((i, v, tags, _) => Measure(i, v, tags));
        _meters.SetMeasurementEventCallback<float>((i, v, tags, _) => Measure(i, v, tags));
        _meters.SetMeasurementEventCallback<decimal>((i, v, tags, _) => Measure(i, v, tags));
        _meters.Start();

        AppDomain.CurrentDomain.FirstChanceException += OnException;
    }

    public IReadOnlyCollection<string> Records => _records.ToArray();

    /// <summary>Adds text the test saw itself (for example a caught exception's full text).</summary>
    public void Note(string text) => _records.Enqueue("note " + text);

    private void OnException(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e) =>
        _records.Enqueue("exception " + e.Exception.GetType().FullName + ": " + e.Exception.Message);

    private void Measure<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var text = new List<string>(tags.Length);
        foreach (var t in tags) text.Add($"{t.Key}={t.Value}");
        _records.Enqueue($"metric {instrument.Meter.Name}/{instrument.Name} {value} [{string.Join(", ", text)}]");
    }

    private static string Describe(Activity a) =>
        $"{a.Source.Name}/{a.OperationName} '{a.DisplayName}' status={a.Status} '{a.StatusDescription}' " +
        $"tags=[{string.Join(", ", a.TagObjects.Select(t => $"{t.Key}={t.Value}"))}] " +
        $"events=[{string.Join(", ", a.Events.Select(e => e.Name + "{" + string.Join(", ", e.Tags.Select(t => $"{t.Key}={t.Value}")) + "}"))}] " +
        $"baggage=[{string.Join(", ", a.Baggage.Select(b => $"{b.Key}={b.Value}"))}]";

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
        AppDomain.CurrentDomain.FirstChanceException -= OnException;
        _activities.Dispose();
        _meters.Dispose();
    }

    private sealed class Logger(TelemetryCapture capture, string category) : ILogger
    {
        public IDisposable BeginScope<TState>(TState state) where TState : notnull
        {
            capture._records.Enqueue($"scope {category}: {state}");
            return NoScope.Instance;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            capture._records.Enqueue($"log {logLevel} {category}[{eventId}]: {formatter(state, exception)} [{values}] {exception}");
        }
    }

    private sealed class NoScope : IDisposable
    {
        public static readonly NoScope Instance = new();

        public void Dispose() { }
    }
}
