using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Features.Privacy;
using Portal.Web.Features.Security;

namespace Portal.Benchmarks;

/// <summary>
/// <c>export</c>: how long the app's own export job takes to prepare a person's copy of their data, from taking the
/// queued request to the stored archive and its email, for a person with many audit events and sign-ins.
/// </summary>
internal static class DataExportTime
{
    private const double TargetSeconds = 2;

    public static async Task<int> RunAsync(CommandOptions options, TextWriter output)
    {
        var auditEvents = options.Number("audit", 10_000, minimum: 0, maximum: 1_000_000);
        var signIns = options.Number("signins", 1_000, minimum: 0, maximum: 1_000_000);
        var runs = options.Number("runs", 5, minimum: 1, maximum: 50);
        options.RejectUnknown();

        var directory = Path.Combine(Path.GetTempPath(), "portal-bench", Guid.NewGuid().ToString("N"));
        try
        {
            var database = new BenchDatabase(Path.Combine(directory, "portal.db"));
            await output.WriteLineAsync($"Seeding one person with {auditEvents:N0} audit events and {signIns:N0} sign-ins");
            // The audit seeder gives one event in twenty to no one; the rest belong to the only member.
            var organisation = await SeedCommand.SeedAsync(database, new SeedPlan(1, 1, auditEvents * 20 / 19 + 1, SeedCommand.DefaultPassword), output);
            var userId = await SeedSignInsAsync(database, MemberSeeder.Email(organisation, 0), signIns);

            await using var host = new PortalHost(directory, new Dictionary<string, string> { [DataExportJob.RunSetting] = "false" });
            host.Start();
            var job = host.Services.GetRequiredService<DataExportJob>();
            var times = new List<double>();
            ArchiveCounts? counts = null;
            for (var run = 0; run < runs; run++)
            {
                var exportId = await QueueAsync(database, userId);
                var clock = Stopwatch.StartNew();
                await job.RunOnceAsync();
                times.Add(clock.Elapsed.TotalSeconds);
                counts = await CheckAsync(database, exportId);
            }

            times.Sort();
            await output.WriteLineAsync();
            await output.WriteLineAsync($"Data export: {Environment.ProcessorCount} cores, SQLite, {runs} runs, the job's whole preparation (read, zip, store, email, audit)");
            await output.WriteLineAsync($"  archive: {counts!.AuditEvents:N0} audit events, {counts.SignIns:N0} sign-ins, {counts.Files} files, {counts.Bytes / 1024.0:N0} KB");
            await output.WriteLineAsync($"  seconds: min {times[0]:N3}  median {times[times.Count / 2]:N3}  max {times[^1]:N3}   target max < {TargetSeconds:N0}");
            var passed = times[^1] < TargetSeconds;
            await output.WriteLineAsync(passed ? "  PASS" : "  FAIL");
            return passed ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private sealed record ArchiveCounts(int AuditEvents, int SignIns, int Files, long Bytes);

    private static async Task<string> SeedSignInsAsync(BenchDatabase database, string email, int count)
    {
        await using var db = database.CreateDbContext();
        var normalized = email.ToUpperInvariant();
        var userId = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).SingleAsync();
        var start = DateTime.UtcNow.AddDays(-60);
        for (var i = 0; i < count; i++)
        {
            db.SignInAttempts.Add(new SignInAttempt
            {
                Id = Guid.CreateVersion7(), UserId = userId, OccurredAt = start.AddMinutes(i * 30), Outcome = i % 10 == 9 ? SignInOutcome.WrongPassword : SignInOutcome.Succeeded,
                Method = "password", Device = "Firefox on Linux", IpAddress = $"198.51.100.{(i % 250) + 1}",
            });
        }

        await db.SaveChangesAsync();
        return userId;
    }

    private static async Task<Guid> QueueAsync(BenchDatabase database, string userId)
    {
        await using var db = database.CreateDbContext();
        var export = new DataExport { Id = Guid.CreateVersion7(), UserId = userId, Status = DataExportStatus.Queued, RequestedAt = DateTime.UtcNow };
        db.DataExports.Add(export);
        await db.SaveChangesAsync();
        return export.Id;
    }

    /// <summary>The run counts only if it produced the whole archive: ready, with every audit event and sign-in in it.</summary>
    private static async Task<ArchiveCounts> CheckAsync(BenchDatabase database, Guid exportId)
    {
        await using var db = database.CreateDbContext();
        var export = await db.DataExports.AsNoTracking().SingleAsync(e => e.Id == exportId);
        if (export.Status != DataExportStatus.Ready)
        {
            throw new InvalidOperationException($"The export ended {export.Status}, not Ready.");
        }

        var content = await db.DataExportFiles.Where(f => f.ExportId == exportId).Select(f => f.Content).SingleAsync();
        using var zip = new ZipArchive(new MemoryStream(content));
        await using var manifestStream = await zip.GetEntry("manifest.json")!.OpenAsync();
        using var manifest = await JsonDocument.ParseAsync(manifestStream);
        var files = manifest.RootElement.GetProperty("files").EnumerateArray()
            .ToDictionary(f => f.GetProperty("file").GetString()!, f => f.GetProperty("records").GetInt32());
        return new ArchiveCounts(files["audit.json"], files["sign-ins.json"], files.Count, content.LongLength);
    }
}
