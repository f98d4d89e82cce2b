using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Tests.Email;

/// <summary>Keeps the text and parameters of every statement that changes outbox rows, to ask SQLite how it runs them.</summary>
internal sealed class OutboxCommandRecorder : DbCommandInterceptor
{
    private readonly List<(string Sql, (string Name, object? Value)[] Parameters)> _commands = [];

    public IReadOnlyList<(string Sql, (string Name, object? Value)[] Parameters)> Updates()
    {
        lock (_commands)
        {
            return [.. _commands];
        }
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (command.CommandText.Contains("UPDATE \"OutboxMessages\"", StringComparison.Ordinal))
        {
            lock (_commands)
            {
                _commands.Add((command.CommandText, [.. command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value))]));
            }
        }

        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }
}
