using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Data;
using Portal.Web.Email;
using Portal.Web.Features.Notifications;
using Portal.Web.Tenancy;

namespace Portal.Benchmarks;

/// <summary>
/// <c>mail</c>: how long an announcement's audience takes to resolve over 100,000 members, half of whom chose the
/// newsletter (the app's own <see cref="PlatformReads.AnnouncementAudience"/> query), and how fast the app's own
/// dispatcher empties an outbox of 100,000 queued messages into the pickup directory, then another 100,000 into a real
/// SMTP server on loopback (aiosmtpd), each message on its own connection as the SMTP transport sends it.
/// </summary>
internal static class MailThroughput
{
    private const double AudienceTargetSeconds = 2;
    private const double DispatchTargetPerSecond = 500;

    public static async Task<int> RunAsync(CommandOptions options, TextWriter output)
    {
        var members = options.Number("members", 100_000, minimum: 1_000, maximum: 1_000_000);
        var messages = options.Number("messages", 100_000, minimum: 1_000, maximum: 1_000_000);
        options.RejectUnknown();

        var directory = Path.Combine(Path.GetTempPath(), "portal-bench", Guid.NewGuid().ToString("N"));
        try
        {
            var database = new BenchDatabase(Path.Combine(directory, "portal.db"));
            await output.WriteLineAsync($"Seeding one organisation of {members:N0} members; every other one chooses the newsletter");
            await SeedCommand.SeedAsync(database, new SeedPlan(1, members, 0, SeedCommand.DefaultPassword), output);
            var chose = await ChooseNewsletterAsync(database);
            await output.WriteLineAsync($"  {chose,12:N0} active members chose the newsletter");
            await QueueAsync(database, messages);
            await output.WriteLineAsync($"  {messages,12:N0} messages queued");

            TimeSpan audience;
            double perSecond;
            await using (var host = new PortalHost(directory))
            {
                var clock = Stopwatch.StartNew();
                host.Start();
                audience = await AudienceAsync(host, chose, output);
                perSecond = await DispatchAsync(host, messages, clock, output);
            }

            await output.WriteLineAsync("Queueing the same again for the loopback SMTP server");
            await QueueAsync(database, messages);
            double smtpPerSecond;
            using (var smtp = await SmtpSink.StartAsync())
            await using (var host = new PortalHost(directory, new Dictionary<string, string>
            {
                ["Email:Transport"] = "Smtp",
                ["Email:Smtp:Host"] = "127.0.0.1",
                ["Email:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }))
            {
                var clock = Stopwatch.StartNew();
                host.Start();
                smtpPerSecond = await DispatchAsync(host, messages * 2, clock, output);
            }

            await output.WriteLineAsync();
            await output.WriteLineAsync($"Mail: {Environment.ProcessorCount} cores, SQLite, pickup directory and loopback SMTP (aiosmtpd)");
            await output.WriteLineAsync($"  audience of a newsletter to everyone ({chose:N0} of {members:N0})   worst {audience.TotalSeconds:N2} s   target < {AudienceTargetSeconds:N0} s");
            await output.WriteLineAsync($"  dispatcher, {messages:N0} messages to the pickup directory      {perSecond:N0} messages/s   target >= {DispatchTargetPerSecond:N0}/s");
            await output.WriteLineAsync($"  dispatcher, {messages:N0} messages to loopback SMTP             {smtpPerSecond:N0} messages/s   (no target)");
            return audience.TotalSeconds < AudienceTargetSeconds && perSecond >= DispatchTargetPerSecond ? 0 : 1;
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

    private static async Task<int> ChooseNewsletterAsync(BenchDatabase database)
    {
        await using var connection = await database.OpenBulkConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO "NotificationPreferences" ("UserId", "TenantId", "Newsletter", "ProductTips", "PartnerOffers", "ActivityUpdates", "Digest", "AllowReadTracking", "LimitDataUse", "UpdatedAt")
            SELECT "UserId", "TenantId", 1, 0, 0, 1, 'Weekly', 0, 0, '2026-12-01 00:00:00'
            FROM "OrganisationMembers" WHERE rowid % 2 = 0
            """;
        await command.ExecuteNonQueryAsync();

        // What the audience must hold: those who chose it, among active members with a confirmed address.
        command.CommandText = """
            SELECT COUNT(*) FROM "NotificationPreferences" p
            JOIN "OrganisationMembers" m ON m."UserId" = p."UserId"
            JOIN "AspNetUsers" u ON u."Id" = p."UserId"
            WHERE p."Newsletter" = 1 AND m."Status" = 'Active' AND u."EmailConfirmed" = 1
            """;
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task QueueAsync(BenchDatabase database, int messages)
    {
        await using var connection = await database.OpenBulkConnectionAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        using var insert = new BulkInsert(connection, "OutboxMessages",
            "Id", "To", "Subject", "HtmlBody", "TextBody", "Headers", "Category", "Status", "Attempts", "CreatedAt", "NextAttemptAt", "Kind");
        insert.Transaction = transaction;
        var now = DateTime.UtcNow.AddMinutes(-1);
        var html = "<html><body><p>Portal news for December.</p><p>Hello, here is what is new.</p></body></html>";
        var headers = """{"List-Unsubscribe":"<https://portal.example/unsubscribe/one-click?token=x>","List-Unsubscribe-Post":"List-Unsubscribe=One-Click"}""";
        for (var i = 0; i < messages; i++)
        {
            insert.Row(Guid.CreateVersion7(), $"reader{i:D6}@bench.test", "Portal news for December", html, "Portal news for December.\n\nHello, here is what is new.",
                headers, nameof(EmailCategory.Newsletter), nameof(OutboxStatus.Pending), 0L, now, now, nameof(OutboxKind.Email));
        }

        await transaction.CommitAsync();
    }

    /// <summary>Resolves the audience five times (after one warm-up) and returns the slowest.</summary>
    private static async Task<TimeSpan> AudienceAsync(PortalHost host, int expected, TextWriter output)
    {
        var announcement = new Announcement { Category = EmailCategory.Newsletter, Audience = AnnouncementAudience.Everyone };
        var worst = TimeSpan.Zero;
        for (var run = 0; run < 6; run++)
        {
            await using var scope = host.Services.CreateAsyncScope();
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            var clock = Stopwatch.StartNew();
            var audience = await db.AnnouncementAudience(announcement).ToListAsync();
            clock.Stop();
            if (audience.Count != expected)
            {
                throw new InvalidOperationException($"The audience held {audience.Count:N0} people, not {expected:N0}.");
            }

            if (run > 0)
            {
                worst = clock.Elapsed > worst ? clock.Elapsed : worst;
                await output.WriteLineAsync($"  audience run {run}: {audience.Count:N0} people in {clock.Elapsed.TotalSeconds:N2} s");
            }
        }

        return worst;
    }

    /// <summary>
    /// Waits for the app's own dispatcher, running since start-up, until <paramref name="messages"/> are sent in all
    /// (earlier runs' included); returns the rate from the first count taken here to the last message, so start-up,
    /// the audience runs and earlier runs are left out.
    /// </summary>
    private static async Task<double> DispatchAsync(PortalHost host, int messages, Stopwatch clock, TextWriter output)
    {
        int baseline;
        await using (var first = host.Services.CreateAsyncScope())
        await using (var db = await first.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            baseline = await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Sent);
        }

        var from = clock.Elapsed;
        await output.WriteLineAsync($"  sent {baseline,9:N0} / {messages:N0} after {from.TotalSeconds,6:N0} s (measured from here)");
        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(5));
        while (await tick.WaitForNextTickAsync())
        {
            await using var scope = host.Services.CreateAsyncScope();
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            var sent = await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Sent);
            await output.WriteLineAsync($"  sent {sent,9:N0} / {messages:N0} after {clock.Elapsed.TotalSeconds,6:N0} s");
            if (sent >= messages)
            {
                return (messages - baseline) / (clock.Elapsed - from).TotalSeconds;
            }

            if (await db.OutboxMessages.AnyAsync(m => m.Status == OutboxStatus.DeadLettered))
            {
                throw new InvalidOperationException("Messages were dead-lettered; the transport refused them.");
            }
        }

        return 0;
    }
}
