using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Portal.Tests.Audit;

/// <summary>Keeps the structured audit checkpoint lines the app logs, and lets a test wait for one.</summary>
public sealed class CheckpointLog : ILoggerProvider, ILogger
{
    private readonly ConcurrentQueue<IReadOnlyDictionary<string, object?>> _lines = new();
    private readonly ConcurrentBag<(long Sequence, TaskCompletionSource Seen)> _waiters = [];

    public IReadOnlyCollection<IReadOnlyDictionary<string, object?>> Lines => _lines;

    /// <summary>Completes once a checkpoint of at least this event is logged.</summary>
    public Task AnchoredAsync(long sequence)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Add((sequence, seen));
        if (_lines.Any(l => (long)l["AuditSequence"]! >= sequence))
        {
            seen.TrySetResult();
        }

        return seen.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId.Name != "AuditCheckpoint" || state is not IEnumerable<KeyValuePair<string, object?>> fields)
        {
            return;
        }

        var line = fields.ToDictionary(f => f.Key, f => f.Value);
        _lines.Enqueue(line);
        foreach (var (sequence, seen) in _waiters)
        {
            if ((long)line["AuditSequence"]! >= sequence)
            {
                seen.TrySetResult();
            }
        }
    }

    public void Dispose()
    {
    }
}
