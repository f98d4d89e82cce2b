namespace Portal.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Seed the demo organisations and users on start-up (Development only).</summary>
    public bool SeedDemoData { get; set; }

    /// <summary>With the demo data, give Acme about sixty more members, invitations and a month of sign-ins, enough to see paging and charts.</summary>
    public bool SeedDemoCrowd { get; set; }
}
