using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Audit;
using Portal.Web.Authorization;
using Portal.Web.Data;
using Portal.Web.Features.Profiles;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Organisations;

public sealed record MemberExportAccount(string UserId, string Email, bool EmailConfirmed, string FirstName, string LastName, DateTime CreatedAt,
    bool TwoFactorEnabled, bool PromotionalEmailOptIn, string Role, string Status, DateTime JoinedAt);

public sealed record MemberExportSession(string Device, string? IpAddress, DateTime CreatedAt, DateTime LastSeenAt, DateTime? EndedAt, string? EndedBecause);

public sealed record MemberExportSignIn(DateTime OccurredAt, string Outcome, string Method, string Device, string? IpAddress);

public sealed record MemberExportEvent(DateTime OccurredAt, string Action, string? Target, string? IpAddress, string? ChangedFields);

public sealed record MemberExportPasskey(string? Name, DateTimeOffset CreatedAt);

public sealed record MemberExportConsent(string Document, int Version, DateTime AcceptedAt);

/// <summary>A member's data as one document: what the account holds, without any secret (no password hash, keys or codes).</summary>
public sealed record MemberExport(
    DateTime ExportedAt,
    MemberExportAccount Account,
    ProfileForm Profile,
    IReadOnlyList<MemberExportConsent> Consents,
    IReadOnlyList<MemberExportPasskey> Passkeys,
    IReadOnlyList<MemberExportSession> Sessions,
    IReadOnlyList<MemberExportSignIn> SignIns,
    IReadOnlyList<MemberExportEvent> Activity);

public sealed record MemberExportResult(MemberActionOutcome Outcome, MemberExport? Export = null);

/// <summary>
/// An administrator exports what is in and about a member's account ("access information in and about your account").
/// The member is found through the tenant filter and the export is authorized, then audited, before anything is read.
/// </summary>
public sealed class MemberDataExport(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    IAuthorizationService authorization,
    AuditLog audit,
    AccountHolderGuard guard,
    TimeProvider time)
{
    public async Task<MemberExportResult> ExportAsync(string userId, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(AccountHolderActions.ExportData);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var member = await db.OrganisationMembers.AsNoTracking().Include(m => m.User).FirstOrDefaultAsync(m => m.UserId == userId, cancellationToken);
        if (member?.User is not { } user)
        {
            return new MemberExportResult(MemberActionOutcome.NotFound);
        }

        var target = new MemberTarget(member.TenantId, userId, member.Role);
        if (!(await authorization.AuthorizeAsync(currentUser.Principal, target, MemberOperations.ExportData)).Succeeded)
        {
            return new MemberExportResult(MemberActionOutcome.Forbidden);
        }

        await audit.AppendAsync(db, new AuditRecord(AuditActions.MemberDataExported, SubjectId: userId), cancellationToken);
        var profile = await db.Profiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        var export = new MemberExport(
            time.GetUtcNow().UtcDateTime,
            new MemberExportAccount(userId, user.Email ?? "", user.EmailConfirmed, user.FirstName, user.LastName, user.CreatedAt,
                user.TwoFactorEnabled, user.PromotionalEmailOptIn, member.Role.ToString(), member.Status.ToString(), member.JoinedAt),
            ProfileForm.From(user, profile),
            await db.PolicyAcceptances.AsNoTracking().Where(a => a.UserId == userId).OrderBy(a => a.AcceptedAt)
                .Select(a => new MemberExportConsent(a.Kind.ToString(), a.Version, a.AcceptedAt)).ToListAsync(cancellationToken),
            await db.UserPasskeys.AsNoTracking().Where(p => p.UserId == userId)
                .Select(p => new MemberExportPasskey(p.Data.Name, p.Data.CreatedAt)).ToListAsync(cancellationToken),
            await db.UserSessions.AsNoTracking().Where(s => s.UserId == userId).OrderBy(s => s.CreatedAt)
                .Select(s => new MemberExportSession(s.Device, s.IpAddress, s.CreatedAt, s.LastSeenAt, s.RevokedAt, s.RevokedReason)).ToListAsync(cancellationToken),
            await db.SignInAttempts.AsNoTracking().Where(a => a.UserId == userId).OrderBy(a => a.OccurredAt)
                .Select(a => new MemberExportSignIn(a.OccurredAt, a.Outcome.ToString(), a.Method, a.Device, a.IpAddress)).ToListAsync(cancellationToken),
            await db.AuditEvents.AsNoTracking().Where(e => e.SubjectId == userId && e.OrganisationId == member.TenantId).OrderBy(e => e.Sequence)
                .Select(e => new MemberExportEvent(e.OccurredAt, e.Action, e.Target, e.IpAddress, e.ChangedFields)).ToListAsync(cancellationToken));
        return new MemberExportResult(MemberActionOutcome.Done, export);
    }
}
