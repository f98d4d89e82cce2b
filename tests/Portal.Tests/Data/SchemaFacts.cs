using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Portal.Tests.Data;

/// <summary>Tables, columns (type, nullability, key position), indexes (with collations) and foreign keys of a SQLite database, as comparable lines.</summary>
internal static class SchemaFacts
{
    public static async Task<SortedSet<string>> ReadSqliteAsync(DbContext db)
    {
        var facts = new SortedSet<string>(StringComparer.Ordinal);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var tables = await QueryAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock', 'sqlite_sequence')", r => r.GetString(0));
        foreach (var table in tables)
        {
            facts.Add($"table {table}");
            facts.UnionWith(await QueryAsync(connection, $"SELECT name, type, \"notnull\", pk FROM pragma_table_info('{table}')",
                r => $"column {table}.{r.GetString(0)} {r.GetString(1)} {(r.GetInt64(2) == 1 ? "NOT NULL" : "NULL")} pk={r.GetInt64(3)}"));
            facts.UnionWith(await QueryAsync(connection, $"SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list('{table}')",
                r => $"foreign key {table}.{r.GetString(1)} -> {r.GetString(0)}.{r.GetString(2)} on delete {r.GetString(3)}"));
            var indexes = await QueryAsync(connection, $"SELECT name, \"unique\" FROM pragma_index_list('{table}') WHERE origin = 'c'", r => (Name: r.GetString(0), Unique: r.GetInt64(1) == 1));
            foreach (var (name, unique) in indexes)
            {
                // An index column's collation decides whether SQLite can answer a LIKE prefix from it.
                var columns = await QueryAsync(connection, $"SELECT name, coll FROM pragma_index_xinfo('{name}') WHERE key = 1 ORDER BY seqno",
                    r => r.GetString(1) == "BINARY" ? r.GetString(0) : $"{r.GetString(0)} COLLATE {r.GetString(1)}");
                facts.Add($"{(unique ? "unique index" : "index")} {name} on {table}({string.Join(", ", columns)})");
            }
        }

        return facts;
    }

    private static async Task<List<T>> QueryAsync<T>(DbConnection connection, string sql, Func<DbDataReader, T> read)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    public static string Explain(SortedSet<string> model, SortedSet<string> migrated)
    {
        var missing = model.Except(migrated).Select(f => $"  add to a migration: {f}");
        var extra = migrated.Except(model).Select(f => $"  migrations have but the model does not: {f}");
        return "The migrated schema differs from the model:\n" + string.Join("\n", missing.Concat(extra));
    }
}
