using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.EndToEnd;

/// <summary>Every query the app sends while the journeys run, with the values it was sent with, so a journey can count its reads.</summary>
public sealed class QueryLog : DbCommandInterceptor
{
    private readonly ConcurrentQueue<(string Sql, string[] Values)> queries = new();

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    /// <summary>How many SELECTs from <paramref name="table"/> were sent with <paramref name="value"/> among their parameters.</summary>
    public int Selects(string table, object value)
    {
        var wanted = Text(value);
        return queries.Count(q => q.Sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)
            && q.Sql.Contains($"\"{table}\"", StringComparison.Ordinal)
            && q.Values.Contains(wanted, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The queries sent with <paramref name="value"/>, for a failure's message.</summary>
    public string Describe(object value)
    {
        var wanted = Text(value);
        return string.Join("\n---\n", queries.Where(q => q.Values.Contains(wanted, StringComparer.OrdinalIgnoreCase)).Select(q => q.Sql));
    }

    private void Record(DbCommand command) =>
        queries.Enqueue((command.CommandText, [.. command.Parameters.Cast<DbParameter>().Select(p => Text(p.Value))]));

    private static string Text(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
}
