using Microsoft.Data.Sqlite;

namespace Portal.Web.Data;

/// <summary>Where the embedded database lives, for the pieces that keep files beside it or must not create it.</summary>
internal static class DatabaseFiles
{
    public const string DefaultSqlite = "Data Source=App_Data/portal.db";

    /// <summary>The SQLite file's full path, or null when the provider is SQL Server or the database is in memory.</summary>
    public static string? SqliteFile(IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (options.Provider != DatabaseProvider.Sqlite)
        {
            return null;
        }

        var configured = configuration.GetConnectionString("Portal");
        var source = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? DefaultSqlite : configured).DataSource;
        return source == ":memory:" ? null : Path.GetFullPath(Path.Combine(contentRoot, source));
    }
}
