using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Portal.Benchmarks;

/// <summary>One prepared <c>INSERT</c>, re-bound per row: the fastest way to load SQLite from .NET.</summary>
internal sealed class BulkInsert : IDisposable
{
    private readonly SqliteCommand _command;

    public BulkInsert(SqliteConnection connection, string table, params string[] columns)
    {
        _command = connection.CreateCommand();
        _command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) " +
            $"VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        for (var i = 0; i < columns.Length; i++)
        {
            _command.Parameters.Add(new SqliteParameter($"$p{i}", DBNull.Value));
        }
    }

    public SqliteTransaction? Transaction
    {
        get => _command.Transaction;
        set => _command.Transaction = value;
    }

    public void Row(params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            _command.Parameters[i].Value = values[i] switch
            {
                null => DBNull.Value,
                // EF Core's SQLite provider stores GUIDs as upper-case text; the tenant filter compares them that way.
                Guid guid => guid.ToString("D").ToUpperInvariant(),
                bool flag => flag ? 1L : 0L,
                // The provider's DateTime text format, so EF reads these rows back exactly.
                DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
                var value => value,
            };
        }

        _command.ExecuteNonQuery();
    }

    public void Dispose() => _command.Dispose();
}
