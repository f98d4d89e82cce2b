using Microsoft.EntityFrameworkCore;
using Portal.Web.Audit;
using Portal.Web.Features.Dashboard;
using Portal.Web.Features.Security;

namespace Portal.Web.Features.Privacy;

internal sealed record ArchiveSession(string Device, string? IpAddress, DateTime CreatedAt, DateTime LastSeenAt, DateTime AuthenticatedAt,
    bool Persistent, DateTime? ExpiresAt, DateTime? EndedAt, string? EndedBecause);

internal sealed record ArchiveSignIn(DateTime OccurredAt, SignInOutcome Outcome, string Method, string Device, string? IpAddress, bool NewDevice);

internal sealed record ArchiveDevice(string Kind, string? Name, DateTimeOffset FirstSeenAt, DateTimeOffset? LastSeenAt);

internal sealed record ArchiveSupportAccess(string Agent, DateTime StartedAt, DateTime EndedAt, bool Active, string Reason, string? Ticket, bool ReadOnly);

internal sealed record ArchiveAuditEvent(DateTime OccurredAt, string Action, ActivityActor By, string? Target, string? IpAddress,
    string? UserAgent, string? ChangedFields);

/// <summary>Sessions, sign-ins, devices and passkeys, support access and the account's audit history.</summary>
internal static class SecurityAreas
{
    public static Task SessionsAsync(ArchiveWriter writer, ArchivePerson person) =>
        writer.WriteAsync("sessions.json", person.Db.UserSessions.AsNoTracking().Where(s => s.UserId == person.UserId)
            .OrderBy(s => s.CreatedAt).ThenBy(s => s.Id)
            .Select(s => new ArchiveSession(s.Device, s.IpAddress, s.CreatedAt, s.LastSeenAt, s.AuthenticatedAt, s.Persistent, s.ExpiresAt,
                s.RevokedAt, s.RevokedReason))
            .AsAsyncEnumerable());

    public static Task SignInsAsync(ArchiveWriter writer, ArchivePerson person) =>
        writer.WriteAsync("sign-ins.json", person.Db.SignInAttempts.AsNoTracking().Where(a => a.UserId == person.UserId)
            .OrderBy(a => a.OccurredAt).ThenBy(a => a.Id)
            .Select(a => new ArchiveSignIn(a.OccurredAt, a.Outcome, a.Method, a.Device, a.IpAddress, a.NewDevice))
            .AsAsyncEnumerable());

    /// <summary>Browsers that signed in and passkeys, by name and date: never a device token's hash nor a passkey's key material.</summary>
    public static async Task DevicesAsync(ArchiveWriter writer, ArchivePerson person)
    {
        var db = person.Db;
        var entry = await writer.BeginAsync("devices.json");
        await using (entry)
        {
            await entry.AddAsync(db.KnownDevices.AsNoTracking().Where(d => d.UserId == person.UserId)
                .OrderBy(d => d.FirstSeenAt).ThenBy(d => d.Id)
                .Select(d => new { d.Device, d.FirstSeenAt, d.LastSeenAt })
                .AsAsyncEnumerable()
                .Select(d => new ArchiveDevice("browser", d.Device, Utc(d.FirstSeenAt), Utc(d.LastSeenAt))));
            await entry.AddAsync(db.UserPasskeys.AsNoTracking().Where(p => p.UserId == person.UserId)
                .OrderBy(p => p.CredentialId)
                .Select(p => new { p.Data.Name, p.Data.CreatedAt })
                .AsAsyncEnumerable()
                .Select(p => new ArchiveDevice("passkey", p.Name, p.CreatedAt, null)));
            await writer.EndAsync(entry);
        }
    }

    /// <summary>
    /// When Portal support acted as the person, why and until when, as their support-access page shows it: the agent's
    /// name, never the agent's or the person's session ids nor how the agent signed in.
    /// </summary>
    public static Task SupportAccessAsync(ArchiveWriter writer, ArchivePerson person)
    {
        if (person.OrganisationId is null)
        {
            return writer.WriteAsync("support-access.json", AsyncEnumerable.Empty<ArchiveSupportAccess>());
        }

        var db = person.Db;
        var now = person.Now;
        return writer.WriteAsync("support-access.json", db.ImpersonationSessions.AsNoTracking().Where(i => i.SubjectId == person.UserId)
            .OrderBy(i => i.StartedAt).ThenBy(i => i.Id)
            .Select(i => new
            {
                i.StartedAt, i.ExpiresAt, i.EndedAt, i.Reason, i.Ticket, i.ReadOnly,
                Agent = db.Users.Where(u => u.Id == i.AgentId).Select(u => (u.FirstName + " " + u.LastName).Trim()).FirstOrDefault(),
            })
            .AsAsyncEnumerable()
            .Select(i => new ArchiveSupportAccess(string.IsNullOrEmpty(i.Agent) ? OrganisationAuditLog.StaffName : i.Agent, i.StartedAt,
                i.EndedAt is { } ended && ended < i.ExpiresAt ? ended : i.ExpiresAt, i.EndedAt is null && i.ExpiresAt > now, i.Reason, i.Ticket, i.ReadOnly)));
    }

    /// <summary>
    /// Every event whose subject is the person, oldest first. Who acted is told as the activity page tells it (the person,
    /// an administrator, support acting for them, or Portal staff), never by another person's id; the log's own sequence
    /// numbers (which count every organisation's events) stay out too. An event whose notice is withheld names no
    /// subject, so it is never here.
    /// </summary>
    public static async Task AuditAsync(ArchiveWriter writer, ArchivePerson person)
    {
        var db = person.Db;
        var userId = person.UserId;
        var ct = writer.CancellationToken;
        var others = await db.AuditEvents.AsNoTracking().Where(e => e.SubjectId == userId && e.ActorId != null && e.ActorId != userId)
            .Select(e => e.ActorId!).Distinct().ToListAsync(ct);
        var administrators = person.OrganisationId is null || others.Count == 0
            ? []
            : (await db.OrganisationMembers.AsNoTracking().Where(m => others.Contains(m.UserId)).Select(m => m.UserId).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        await writer.WriteAsync("audit.json", db.AuditEvents.AsNoTracking().Where(e => e.SubjectId == userId)
            .OrderBy(e => e.Sequence)
            .Select(e => new { e.Sequence, e.OccurredAt, e.Action, e.ActorId, e.ImpersonatorId, e.Target, e.IpAddress, e.UserAgent, e.ChangedFields })
            .AsAsyncEnumerable()
            .Select(e => new ArchiveAuditEvent(e.OccurredAt, e.Action,
                e.ImpersonatorId != null ? ActivityActor.SupportActingForYou
                : e.ActorId == null || e.ActorId == userId ? ActivityActor.Self
                : administrators.Contains(e.ActorId) ? ActivityActor.Administrator
                : ActivityActor.Staff,
                e.Target, e.IpAddress, e.UserAgent, e.ChangedFields)));
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
