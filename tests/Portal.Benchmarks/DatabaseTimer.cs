using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Benchmarks;

/// <summary>
/// How many queries the app runs and how long SQLite takes to answer them (until the first row is ready); how many
/// connections it opens from the pool and how long that takes (the app's own pragma per opening not included); and how
/// long each context holds its connection object, from its first use to the context's end, which spans all the
/// context's queries and whatever the app does between them.
/// </summary>
internal sealed class DatabaseTimer : IDbCommandInterceptor, IDbConnectionInterceptor
{
    private readonly ConcurrentDictionary<DbConnection, long> _created = new();

    public Tally Queries { get; } = new();

    public Tally Openings { get; } = new();

    public Tally Contexts { get; } = new();

    public DbConnection ConnectionCreated(ConnectionCreatedEventData eventData, DbConnection result)
    {
        _created[result] = Stopwatch.GetTimestamp();
        return result;
    }

    public void ConnectionDisposed(DbConnection connection, ConnectionEndEventData eventData) => Ended(connection);

    public Task ConnectionDisposedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Ended(connection);
        return Task.CompletedTask;
    }

    public DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Queries.Add(eventData.Duration);
        return result;
    }

    public ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Queries.Add(eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Openings.Add(eventData.Duration);

    public Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Openings.Add(eventData.Duration);
        return Task.CompletedTask;
    }

    private void Ended(DbConnection connection)
    {
        if (_created.TryRemove(connection, out var created))
        {
            Contexts.AddSince(created);
        }
    }
}
