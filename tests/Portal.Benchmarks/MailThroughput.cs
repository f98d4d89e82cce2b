using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
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
/// SMTP server on loopback (aiosmtpd), measured against MailKit alone sending the same messages to the same server.
/// </summary>
internal static class MailThroughput
{
    private const double AudienceTargetSeconds = 2;
    private const double DispatchTargetPerSecond = 500;

    /// <summary>Five times what the dispatcher reached before MailKit, with the framework's old SMTP client and a connection for each message.</summary>
    private const double SmtpTargetPerSecond = 5 * 142;

    private const double SmtpTargetRatio = 0.8;

    private const string From = "Portal <no-reply@portal.test>";
    private const string Subject = "Portal news for December";
    private const string Html = "<html><body><p>Portal news for December.</p><p>Hello, here is what is new.</p></body></html>";
    private const string Text = "Portal news for December.\n\nHello, here is what is new.";

    private static readonly Dictionary<string, string> Headers = new()
    {
        ["List-Unsubscribe"] = "<https://portal.example/unsubscribe/one-click?token=x>",
        ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
    };

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
            var concurrency = new EmailOptions().Concurrency;
            double rawPerSecond;
            double smtpPerSecond;
            using (var smtp = await SmtpSink.StartAsync())
            {
                // Half before the dispatcher and half after, so a drift in the machine's speed weighs on both sides.
                var before = await RawMailKitAsync(smtp.Port, messages / 2, concurrency, output);
                await using (var host = new PortalHost(directory, new Dictionary<string, string>
                {
                    ["Email:Transport"] = "Smtp",
                    ["Email:From"] = From,
                    ["Email:Smtp:Host"] = "127.0.0.1",
                    ["Email:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["Email:Smtp:Security"] = nameof(SecureSocketOptions.None),
                }))
                {
                    var clock = Stopwatch.StartNew();
                    host.Start();
                    host.Database.Contexts.Take();
                    host.Database.Queries.Take();
                    smtpPerSecond = await DispatchAsync(host, messages * 2, clock, output);
                    var (contexts, held) = host.Database.Contexts.Take();
                    var (queries, answering) = host.Database.Queries.Take();
                    await output.WriteLineAsync(
                        $"  the app's database meanwhile: {contexts:N0} contexts held their connection {held.TotalSeconds:N1} s in all, {queries:N0} queries answered in {answering.TotalSeconds:N1} s");
                }

                var after = await RawMailKitAsync(smtp.Port, messages - (messages / 2), concurrency, output);
                rawPerSecond = messages / (before + after).TotalSeconds;
            }

            var ratio = smtpPerSecond / rawPerSecond;
            var smtpMet = smtpPerSecond >= SmtpTargetPerSecond && ratio >= SmtpTargetRatio;
            await output.WriteLineAsync();
            await output.WriteLineAsync($"Mail: {Environment.ProcessorCount} cores, SQLite, pickup directory and loopback SMTP (aiosmtpd)");
            var rows = new (string Label, string Value)[]
            {
                ($"audience of a newsletter to everyone ({chose:N0} of {members:N0})", $"worst {audience.TotalSeconds:N2} s   target < {AudienceTargetSeconds:N0} s"),
                ($"dispatcher, {messages:N0} messages to the pickup directory", $"{perSecond:N0} messages/s   target >= {DispatchTargetPerSecond:N0}/s"),
                ($"dispatcher, {messages:N0} messages to loopback SMTP", $"{smtpPerSecond:N0} messages/s   target >= {SmtpTargetPerSecond:N0}/s (5 x 142/s)"),
                ($"raw MailKit, the same messages on {concurrency} connections", $"{rawPerSecond:N0} messages/s   (half before the dispatcher, half after)"),
                ("ratio dispatcher / raw MailKit over SMTP", $"{ratio:N2}   target >= {SmtpTargetRatio:N2}; SMTP targets {(smtpMet ? "met" : "NOT met")}"),
            };
            foreach (var (label, value) in rows)
            {
                await output.WriteLineAsync($"  {label,-62}{value}");
            }

            return audience.TotalSeconds < AudienceTargetSeconds && perSecond >= DispatchTargetPerSecond && smtpMet ? 0 : 1;
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
        var headers = JsonSerializer.Serialize(Headers);
        for (var i = 0; i < messages; i++)
        {
            insert.Row(Guid.CreateVersion7(), Reader(i), Subject, Html, Text, headers, nameof(EmailCategory.Newsletter), nameof(OutboxStatus.Pending), 0L, now, now, nameof(OutboxKind.Email));
        }

        await transaction.CommitAsync();
    }

    private static string Reader(int i) => $"reader{i:D6}@bench.test";

    /// <summary>
    /// The ceiling for the dispatcher: MailKit alone sends the same messages, built the same way, to the same server,
    /// on as many connections as the dispatcher sends at once, each opened once, with no database in between.
    /// </summary>
    private static async Task<TimeSpan> RawMailKitAsync(int port, int messages, int concurrency, TextWriter output)
    {
        var from = MimeKit.MailboxAddress.Parse(From);
        var next = -1;
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            // Without Nagle's algorithm, as the app's transport connects (MailKit leaves it on).
            using var client = new SmtpClient();
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(IPAddress.Loopback, port, limit.Token);
            await client.ConnectAsync(socket, "127.0.0.1", port, SecureSocketOptions.None, limit.Token);
            for (var i = Interlocked.Increment(ref next); i < messages; i = Interlocked.Increment(ref next))
            {
                using var message = new MimeKit.MimeMessage { Subject = Subject, MessageId = $"{Guid.CreateVersion7():N}@portal.example" };
                message.From.Add(from);
                message.To.Add(MimeKit.MailboxAddress.Parse(Reader(i)));
                foreach (var (name, value) in Headers)
                {
                    message.Headers.Add(name, value);
                }

                message.Body = new MimeKit.BodyBuilder { TextBody = Text, HtmlBody = Html }.ToMessageBody();
                await client.SendAsync(message, limit.Token);
            }

            await client.DisconnectAsync(quit: true, limit.Token);
        }));
        clock.Stop();
        await output.WriteLineAsync($"  raw MailKit sent {messages:N0} on {concurrency} connections in {clock.Elapsed.TotalSeconds:N1} s: {messages / clock.Elapsed.TotalSeconds:N0} messages/s");
        return clock.Elapsed;
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
    /// (earlier runs' included); returns the rate from the first count taken here to the time the last message was
    /// recorded as sent, so start-up, the audience runs and earlier runs are left out.
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
        var fromUtc = DateTime.UtcNow;
        await output.WriteLineAsync($"  sent {baseline,9:N0} / {messages:N0} after {from.TotalSeconds,6:N0} s (measured from here)");
        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(5));
        while (await tick.WaitForNextTickAsync() && clock.Elapsed - from < TimeSpan.FromMinutes(30))
        {
            await using var scope = host.Services.CreateAsyncScope();
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            var sent = await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Sent);
            await output.WriteLineAsync($"  sent {sent,9:N0} / {messages:N0} after {clock.Elapsed.TotalSeconds,6:N0} s");
            if (sent >= messages)
            {
                // Up to the moment the last pass recorded its messages, not to this poll, which may be seconds later.
                var last = await db.OutboxMessages.MaxAsync(m => m.SentAt) ?? DateTime.UtcNow;
                return (messages - baseline) / (last - fromUtc).TotalSeconds;
            }

            if (await db.OutboxMessages.AnyAsync(m => m.Status == OutboxStatus.DeadLettered))
            {
                throw new InvalidOperationException("Messages were dead-lettered; the transport refused them.");
            }
        }

        return 0;
    }
}
