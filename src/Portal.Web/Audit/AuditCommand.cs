using System.Data.Common;
using Portal.Web.Data;

namespace Portal.Web.Audit;

/// <summary><c>audit verify</c>: checks the chain and its anchor, prints one line saying what it found, exits non-zero unless intact.</summary>
internal static class AuditCommand
{
    public static bool IsInvoked(string[] args) => args.Length >= 1 && args[0] == "audit";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        if (args.Length < 2 || args[1] != "verify")
        {
            await output.WriteLineAsync("usage: audit verify");
            return 2;
        }

        // Opening a SQLite file that is not there would create an empty one and then fail on its missing tables.
        var database = DatabaseFiles.SqliteFile(services.GetRequiredService<IConfiguration>(), services.GetRequiredService<IHostEnvironment>().ContentRootPath);
        if (database is not null && !File.Exists(database))
        {
            await output.WriteLineAsync($"Audit database not found: {database} does not exist.");
            return 1;
        }

        await using var scope = services.CreateAsyncScope();
        try
        {
            var result = await scope.ServiceProvider.GetRequiredService<AuditCheckpoints>().VerifyAsync();
            await output.WriteLineAsync(result.Message);
            return result.IsIntact ? 0 : 1;
        }
        catch (DbException exception)
        {
            await output.WriteLineAsync($"Audit log could not be read: {exception.Message}");
            return 1;
        }
    }
}
