using Microsoft.Data.Sqlite;

namespace Portal.Tests.Infrastructure;

/// <summary>How SQLite would run a statement the app sent (<c>EXPLAIN QUERY PLAN</c>), one line a step, over the app's database file.</summary>
public static class SqliteQueryPlan
{
    public static async Task<List<string>> ExplainAsync(string databasePath, string sql, IEnumerable<(string Name, object? Value)> parameters)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(3));
        }

        return plan;
    }
}
