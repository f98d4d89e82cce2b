using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Benchmarks;

/// <summary>
/// How long the app waits to begin each transaction. On SQLite a serializable transaction begins with
/// <c>BEGIN IMMEDIATE</c>, which waits for the one write lock; this is where concurrent sign-ins queue.
/// </summary>
internal sealed class TransactionStartTimer : DbTransactionInterceptor
{
    private readonly ConcurrentQueue<double> _waitsMs = new();

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        _waitsMs.Enqueue(eventData.Duration.TotalMilliseconds);
        return base.TransactionStarted(connection, eventData, result);
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        _waitsMs.Enqueue(eventData.Duration.TotalMilliseconds);
        return base.TransactionStartedAsync(connection, eventData, result, cancellationToken);
    }

    /// <summary>The waits since the last call: count, their total as the elapsed time, and each one as a latency.</summary>
    public Measurement Take()
    {
        var waits = new List<double>();
        while (_waitsMs.TryDequeue(out var wait))
        {
            waits.Add(wait);
        }

        return new Measurement(waits.Count, TimeSpan.FromMilliseconds(waits.Sum()), TimeSpan.Zero, LatenciesMs: waits);
    }
}
