namespace Portal.Web.Data;

/// <summary>The database was made by migrations that predate the baseline; start-up stops rather than guess.</summary>
internal sealed class DatabaseBeforeBaselineException(string database, IReadOnlyList<string> migrations)
    : InvalidOperationException(
        $"Portal cannot start on {database}: it was made by migrations this version no longer has "
        + $"({string.Join(", ", migrations)}), which were replaced by one baseline migration per provider. "
        + "No production database comes from them, so start again with a new database: stop the app and delete the file "
        + "together with the audit anchor and key beside it (for the embedded default, delete src/Portal.Web/App_Data), or point "
        + "ConnectionStrings:Portal at a new database. The app then creates and migrates it at start-up.")
{
    public IReadOnlyList<string> Migrations { get; } = migrations;
}
