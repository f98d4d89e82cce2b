using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Audit;
using Portal.Web.Authorization;
using Portal.Web.Data;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Support;

/// <summary>What staff narrow the whole platform's audit log to; every part is optional.</summary>
public sealed record PlatformAuditFilter(
    string? Action = null, string? ActorEmail = null, string? SubjectEmail = null, string? OrganisationSlug = null, DateTime? From = null, DateTime? To = null);

public sealed record PlatformAuditEntry(
    long Sequence, DateTime OccurredAt, string Action, string? Actor, string? Impersonator, string? Subject, string? Organisation, string? Target, string? IpAddress);

/// <summary>The whole audit log for Portal's staff, newest first, a keyset page (by sequence) at a time.</summary>
public sealed class PlatformAuditLog(IDbContextFactory<PortalDbContext> dbFactory, CurrentUser currentUser, IAuthorizationService authorization)
{
    public const int PageSize = 50;

    public async Task<IReadOnlyList<PlatformAuditEntry>> PageAsync(PlatformAuditFilter filter, long? beforeSequence = null, int size = PageSize)
    {
        if (!(await authorization.AuthorizeAsync(currentUser.Principal, Policies.Support)).Succeeded)
        {
            throw new UnauthorizedAccessException("Only Portal's staff read the whole audit log.");
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        var events = db.AuditEvents.AsNoTracking();
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

        // A name that matches nobody matches no event, rather than being ignored.
        if (!string.IsNullOrWhiteSpace(filter.ActorEmail))
        {
            var actor = await UserIdAsync(db, filter.ActorEmail);
            events = events.Where(e => actor != null && (e.ActorId == actor || e.ImpersonatorId == actor));
        }

        if (!string.IsNullOrWhiteSpace(filter.SubjectEmail))
        {
            var subject = await UserIdAsync(db, filter.SubjectEmail);
            events = events.Where(e => subject != null && e.SubjectId == subject);
        }

        if (!string.IsNullOrWhiteSpace(filter.OrganisationSlug))
        {
            var slug = filter.OrganisationSlug.Trim().ToLowerInvariant();
            var organisation = await db.Organisations.Where(o => o.Slug == slug).Select(o => (Guid?)o.Id).FirstOrDefaultAsync();
            events = events.Where(e => organisation != null && e.OrganisationId == organisation);
        }

        if (beforeSequence is { } before)
        {
            events = events.Where(e => e.Sequence < before);
        }

        return await events.OrderByDescending(e => e.Sequence).Take(Math.Clamp(size, 1, 200))
            .Select(e => new PlatformAuditEntry(
                e.Sequence,
                e.OccurredAt,
                e.Action,
                db.Users.Where(u => u.Id == e.ActorId).Select(u => u.Email).FirstOrDefault() ?? e.ActorId,
                db.Users.Where(u => u.Id == e.ImpersonatorId).Select(u => u.Email).FirstOrDefault(),
                db.Users.Where(u => u.Id == e.SubjectId).Select(u => u.Email).FirstOrDefault() ?? e.SubjectId,
                db.Organisations.Where(o => o.Id == e.OrganisationId).Select(o => o.Name).FirstOrDefault(),
                e.Target,
                e.IpAddress))
            .ToListAsync();
    }

    private static async Task<string?> UserIdAsync(PortalDbContext db, string email)
    {
        var normalized = email.Trim().ToUpperInvariant();
        return await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync();
    }
}
