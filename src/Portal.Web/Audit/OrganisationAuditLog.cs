using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Authorization;
using Portal.Web.Data;
using Portal.Web.Tenancy;

namespace Portal.Web.Audit;

/// <summary>What an administrator narrows the organisation's audit log to. Every part is optional.</summary>
public sealed record OrganisationAuditFilter(string? Action = null, DateTime? From = null, DateTime? To = null, string? PersonEmail = null);

/// <summary>One event as an organisation's administrators see it: people by email, operator staff as such.</summary>
public sealed record OrganisationAuditEntry(
    long Sequence, DateTime OccurredAt, string Action, string? Actor, string? Subject, string? Target, string? IpAddress, string? ChangedFields);

/// <summary>
/// The one reader of the audit log for an organisation's own administrators: only events recorded for the signed-in
/// administrator's organisation, newest first, paged by sequence. Audit events carry <c>OrganisationId</c> rather than a
/// tenant (see docs/decisions.md), so this is where that organisation is applied; nothing else reads them for a tenant.
/// Staff who acted are named only as "Portal staff".
/// </summary>
public sealed class OrganisationAuditLog(
    IDbContextFactory<PortalDbContext> dbFactory,
    TenantContext tenant,
    CurrentUser currentUser,
    IAuthorizationService authorization,
    AuditLog audit)
{
    public const int PageSize = 50;

    /// <summary>The most a page may ask for: the largest page a person can choose, and one more to tell whether another follows.</summary>
    public const int MaxPageSize = 101;
    public const string StaffName = "Portal staff";

    /// <summary>How an account that was deleted appears: its events stay, naming it by a tombstone.</summary>
    public const string DeletedName = "Deleted account";

    public async Task<IReadOnlyList<OrganisationAuditEntry>> PageAsync(OrganisationAuditFilter filter, long? beforeSequence = null, int size = PageSize)
    {
        size = Math.Clamp(size, 1, MaxPageSize);
        await EnsureAdministratorAsync();
        await using var db = await dbFactory.CreateDbContextAsync();
        var events = await FilterAsync(db, filter);
        if (beforeSequence is { } before)
        {
            events = events.Where(e => e.Sequence < before);
        }

        return await Project(db, events.OrderByDescending(e => e.Sequence).Take(size)).ToListAsync();
    }

    /// <summary>Every matching event, newest first, streamed; the export itself is audited.</summary>
    public async IAsyncEnumerable<OrganisationAuditEntry> ExportAsync(OrganisationAuditFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnsureAdministratorAsync();
        await using (var log = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await audit.AppendAsync(log, new AuditRecord(AuditActions.OrganisationAuditExported, OrganisationId: tenant.TenantId,
                Target: $"action={filter.Action} from={filter.From:O} to={filter.To:O} person={filter.PersonEmail}"), cancellationToken);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var events = await FilterAsync(db, filter);
        await foreach (var entry in Project(db, events.OrderByDescending(e => e.Sequence)).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return entry;
        }
    }

    private async Task<IQueryable<AuditEvent>> FilterAsync(PortalDbContext db, OrganisationAuditFilter filter)
    {
        var organisationId = tenant.TenantId;
        var events = db.AuditEvents.AsNoTracking().Where(e => e.OrganisationId == organisationId);
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            events = events.Where(e => e.Action == filter.Action);
        }

        if (filter.From is { } from)
        {
            events = events.Where(e => e.OccurredAt >= from);
        }

        if (filter.To is { } to)
        {
            events = events.Where(e => e.OccurredAt < to);
        }

        if (!string.IsNullOrWhiteSpace(filter.PersonEmail))
        {
            // Only people of this organisation can be looked up; anyone else matches nothing.
            var normalized = filter.PersonEmail.Trim().ToUpperInvariant();
            var person = await db.OrganisationMembers.Where(m => m.User!.NormalizedEmail == normalized).Select(m => m.UserId).FirstOrDefaultAsync();
            events = events.Where(e => person != null && (e.ActorId == person || e.SubjectId == person));
        }

        return events;
    }

    private static IQueryable<OrganisationAuditEntry> Project(PortalDbContext db, IQueryable<AuditEvent> events) =>
        events.Select(e => new OrganisationAuditEntry(
            e.Sequence,
            e.OccurredAt,
            e.Action,
            e.ActorId == null ? null
                : e.ImpersonatorId != null ? StaffName + ", as " + db.OrganisationMembers.Where(m => m.UserId == e.ActorId).Select(m => m.User!.Email).FirstOrDefault()
                : db.OrganisationMembers.Where(m => m.UserId == e.ActorId).Select(m => m.User!.Email).FirstOrDefault()
                    ?? (db.DeletedAccounts.Any(d => d.UserId == e.ActorId) ? DeletedName : StaffName),
            e.SubjectId == null ? null
                : db.OrganisationMembers.Where(m => m.UserId == e.SubjectId).Select(m => m.User!.Email).FirstOrDefault()
                    ?? (db.DeletedAccounts.Any(d => d.UserId == e.SubjectId) ? DeletedName : null),
            e.Target,
            e.IpAddress,
            e.ChangedFields));

    private Task EnsureAdministratorAsync() => authorization.RequireAsync(currentUser.Principal, Policies.OrganisationAdmin, "Only an organisation's Owners and Admins read its audit log.");
}
