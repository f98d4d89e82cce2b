using System.ComponentModel.DataAnnotations;
using System.Data;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Web.Audit;
using Portal.Web.Authorization;
using Portal.Web.Data;
using Portal.Web.Email;
using Portal.Web.Features.Organisations;
using Portal.Web.Features.Security;
using Portal.Web.Resources;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Support;

public enum ImpersonationOutcome
{
    Started,
    Refused,
    Invalid,
    NotFound,
}

/// <summary>The answer to a start: on success, the principal the agent's browser signs in with.</summary>
public sealed record ImpersonationStart(ImpersonationOutcome Outcome, string? Refusal = null, ClaimsPrincipal? Principal = null);

/// <summary>The agent's own sign-in, given back when an impersonation ends; <see cref="Agent"/> is null when that session is over too.</summary>
public sealed record ImpersonationReturn(string SubjectId, ClaimsPrincipal? Agent, bool Persistent);

/// <summary>Whom an agent is about to act as, for the start page.</summary>
public sealed record ImpersonationSubject(string Name, string Email, string Organisation);

/// <summary>One time support acted for the person, as they see it in their security history.</summary>
public sealed record SupportAccessView(string Agent, DateTime StartedAt, DateTime EndedAt, bool Ongoing, string Reason, string? Ticket, bool ReadOnly);

/// <summary>
/// Support staff acting as a person to help them: started with a reason from the person's record, refused (and
/// audited) by the rules in <see cref="ImpersonationHandler"/>, limited in time, announced to the person (and, when
/// their organisation asks, its administrators), and ended by the agent, by its time running out, or by the person's
/// session ending under it. Every step is audited; while it lasts every event names the agent too.
/// </summary>
public sealed class Impersonations(
    IDbContextFactory<PortalDbContext> dbFactory,
    WorkScopes workScopes,
    CurrentUser currentUser,
    IAuthorizationService authorization,
    UserSessions sessions,
    AuditLog audit,
    AuditOrigin origin,
    TimeProvider time,
    IOptions<SupportOptions> options,
    IStringLocalizer<Strings> localizer)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public TimeSpan Length => options.Value.ImpersonationLength;

    /// <summary>The person's name and organisation for staff; null for no such person or when the caller is not staff.</summary>
    public async Task<ImpersonationSubject?> DescribeAsync(string subjectId)
    {
        if (!(await authorization.AuthorizeAsync(currentUser.Principal, Policies.Support)).Succeeded)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.MembersOfEveryOrganisation().Where(m => m.UserId == subjectId)
            .Join(db.Organisations, m => m.TenantId, o => o.Id, (m, o) => new ImpersonationSubject((m.User!.FirstName + " " + m.User.LastName).Trim(), m.User.Email!, o.Name))
            .FirstOrDefaultAsync();
    }

    public async Task<ImpersonationStart> StartAsync(string subjectId, ImpersonationForm form)
    {
        var agent = currentUser.Principal;
        if (!Validator.TryValidateObject(form, new ValidationContext(form), null, validateAllProperties: true) || form.Reason.Trim().Length < 10)
        {
            return new(ImpersonationOutcome.Invalid);
        }

        await using var work = workScopes.Begin();
        var db = work.Db;
        var subject = await db.MembersOfEveryOrganisation().Where(m => m.UserId == subjectId)
            .Join(db.Organisations, m => m.TenantId, o => o.Id, (m, o) => new
            {
                m.TenantId, m.Status, o.SupportMayAccess, o.SuspendedAt, o.TellAdminsOfSupportAccess, m.User!.FirstName, m.User.LastName, m.User.Email,
            })
            .FirstOrDefaultAsync();
        if (subject is null || currentUser.UserId is not { } agentId || agent.Session() is not { } agentSession)
        {
            return new(ImpersonationOutcome.NotFound);
        }

        using var entered = work.Enter(subject.TenantId);
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable);
        var now = Now;
        var target = new ImpersonationTarget(subjectId, await db.IsStaffAsync(subjectId), subject.Status, subject.SupportMayAccess, subject.SuspendedAt is not null,
            await db.ImpersonationsOfEveryOrganisation().AnyAsync(i => i.AgentId == agentId && i.EndedAt == null && i.ExpiresAt > now));
        var decision = await authorization.AuthorizeAsync(agent, target, ImpersonationOperations.Impersonate);
        if (!decision.Succeeded)
        {
            var refusal = decision.Failure?.FailureReasons.Select(r => r.Message).FirstOrDefault() ?? ImpersonationRefusals.NotStaff;
            await audit.AppendAsync(db, new AuditRecord(AuditActions.ImpersonationRefused, SubjectId: subjectId, OrganisationId: subject.TenantId, Target: refusal));
            await transaction.CommitAsync();
            return new(ImpersonationOutcome.Refused, refusal);
        }

        var agentName = await db.Users.Where(u => u.Id == agentId).Select(u => (u.FirstName + " " + u.LastName).Trim()).FirstAsync();
        var impersonation = Open(subjectId, agentId, agentSession, agent, form, now);
        db.UserSessions.Add(new UserSession
        {
            Id = impersonation.SubjectSessionId,
            UserId = subjectId,
            Device = Limit(localizer["Impersonation_Device", agentName], 100),
            IpAddress = origin.IpAddress,
            CreatedAt = now,
            LastSeenAt = now,
            AuthenticatedAt = DateTime.UnixEpoch,
            ExpiresAt = impersonation.ExpiresAt,
        });
        db.ImpersonationSessions.Add(impersonation);
        await AnnounceAsync(work, impersonation, agentName, subject.Email!, subject.FirstName, $"{subject.FirstName} {subject.LastName}".Trim(), subject.TellAdminsOfSupportAccess);
        await audit.AppendAsync(db, new AuditRecord(AuditActions.ImpersonationStarted, SubjectId: subjectId, OrganisationId: subject.TenantId,
            Target: impersonation.Ticket is null ? impersonation.Reason : $"{impersonation.Reason} [{impersonation.Ticket}]"));
        await transaction.CommitAsync();

        var user = await db.Users.SingleAsync(u => u.Id == subjectId);
        var principal = await work.Principals.CreateAsync(user);
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new Claim(SecurityClaims.SessionId, impersonation.SubjectSessionId.ToString("D")));
        identity.AddClaims(ImpersonationClaims.For(impersonation));
        SecurityClaims.MeetTwoFactorRule(principal);
        return new(ImpersonationOutcome.Started, Principal: principal);
    }

    /// <summary>Whether the signed-in agent's impersonation may go on: not ended, not expired, and their own session still open.</summary>
    public async Task<bool> IsLiveAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        if (principal.Impersonation() is not { } id)
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = Now;
        var live = await db.ImpersonationsOfEveryOrganisation().AsNoTracking()
            .Where(i => i.Id == id && i.EndedAt == null && i.ExpiresAt > now)
            .Select(i => new { i.AgentId, i.AgentSessionId })
            .FirstOrDefaultAsync(cancellationToken);
        return live is not null && await sessions.CheckAsync(live.AgentSessionId, live.AgentId, now, cancellationToken);
    }

    /// <summary>The agent stops: the person's session ends and the agent's own comes back.</summary>
    public Task<ImpersonationReturn?> StopAsync(ClaimsPrincipal principal) => FinishAsync(principal, ImpersonationEndReasons.Stopped);

    /// <summary>The impersonation cannot go on (time is up, or a session under it ended): recorded once, and the agent's own session comes back.</summary>
    public Task<ImpersonationReturn?> EndAsync(ClaimsPrincipal principal) => FinishAsync(principal, reason: null);

    /// <summary>The signed-in person's record of support acting for them, newest first.</summary>
    public async Task<IReadOnlyList<SupportAccessView>> MineAsync()
    {
        var userId = currentUser.UserId ?? throw new InvalidOperationException("No one is signed in.");
        await using var db = await dbFactory.CreateDbContextAsync();
        var now = Now;
        var rows = await db.ImpersonationSessions.AsNoTracking()
            .Where(i => i.SubjectId == userId)
            .OrderByDescending(i => i.StartedAt)
            .Take(50)
            .Select(i => new
            {
                Row = i,
                Agent = db.Users.Where(u => u.Id == i.AgentId).Select(u => (u.FirstName + " " + u.LastName).Trim()).FirstOrDefault(),
            })
            .ToListAsync();
        return [.. rows.Select(r => new SupportAccessView(r.Agent ?? OrganisationAuditLog.StaffName, r.Row.StartedAt, r.Row.EffectiveEnd,
            r.Row.EndedAt is null && r.Row.ExpiresAt > now, r.Row.Reason, r.Row.Ticket, r.Row.ReadOnly))];
    }

    private async Task<ImpersonationReturn?> FinishAsync(ClaimsPrincipal principal, string? reason)
    {
        if (principal.Impersonation() is not { } id)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        var row = await db.ImpersonationsOfEveryOrganisation().AsNoTracking().FirstOrDefaultAsync(i => i.Id == id);
        if (row is null)
        {
            return null;
        }

        await RecordEndAsync(db, row, reason);
        return await ReturnToAgentAsync(db, row);
    }

    /// <summary>
    /// Records the end of every impersonation whose time ran out while nobody used it (the agent closed the browser):
    /// run every minute by <see cref="ImpersonationExpiry"/>; safe with several instances, each end is recorded once.
    /// </summary>
    public async Task<int> EndExpiredAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = Now;
        var expired = await db.ImpersonationsOfEveryOrganisation().AsNoTracking()
            .Where(i => i.EndedAt == null && i.ExpiresAt <= now)
            .OrderBy(i => i.ExpiresAt)
            .Take(100)
            .ToListAsync(cancellationToken);
        foreach (var row in expired)
        {
            await RecordEndAsync(db, row, ImpersonationEndReasons.Expired);
        }

        return expired.Count;
    }

    private async Task RecordEndAsync(PortalDbContext db, ImpersonationSession row, string? reason)
    {
        var now = Now;
        reason = now >= row.ExpiresAt ? ImpersonationEndReasons.Expired : reason ?? ImpersonationEndReasons.SessionEnded;
        var end = reason == ImpersonationEndReasons.Expired ? row.ExpiresAt : now;
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable);
        var ended = await db.ImpersonationsOfEveryOrganisation().Where(i => i.Id == row.Id && i.EndedAt == null)
            .ExecuteUpdateAsync(update => update.SetProperty(i => i.EndedAt, end).SetProperty(i => i.EndReason, reason));
        await db.UserSessions.Where(s => s.Id == row.SubjectSessionId && s.RevokedAt == null)
            .ExecuteUpdateAsync(update => update.SetProperty(s => s.RevokedAt, now).SetProperty(s => s.RevokedReason, SessionEndReasons.ImpersonationEnded));
        if (ended == 1)
        {
            var minutes = Math.Max(0, (int)Math.Ceiling((end - row.StartedAt).TotalMinutes));
            await audit.AppendAsync(db, new AuditRecord(
                reason == ImpersonationEndReasons.Stopped ? AuditActions.ImpersonationStopped : AuditActions.ImpersonationEnded,
                SubjectId: row.SubjectId, OrganisationId: row.TenantId, ActorId: row.AgentId,
                Target: string.Create(CultureInfo.InvariantCulture, $"{reason}, {minutes} min")));
        }

        await transaction.CommitAsync();
    }

    private async Task<ImpersonationReturn> ReturnToAgentAsync(PortalDbContext db, ImpersonationSession row)
    {
        var persistent = await db.UserSessions.Where(s => s.Id == row.AgentSessionId).Select(s => s.Persistent).FirstOrDefaultAsync();
        if (!await sessions.CheckAsync(row.AgentSessionId, row.AgentId, Now)
            || await db.Users.FirstOrDefaultAsync(u => u.Id == row.AgentId) is not { } agent)
        {
            return new(row.SubjectId, null, false);
        }

        await using var work = workScopes.Begin();
        var principal = await work.Principals.CreateAsync(agent);
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new Claim(SecurityClaims.SessionId, row.AgentSessionId.ToString("D")));
        identity.AddClaims(row.AgentMethods.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(method => new Claim(SecurityClaims.AuthenticationMethodReference, method)));
        SecurityClaims.MeetTwoFactorRule(principal);
        return new(row.SubjectId, principal, persistent);
    }

    private ImpersonationSession Open(string subjectId, string agentId, Guid agentSession, ClaimsPrincipal agent, ImpersonationForm form, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        SubjectId = subjectId,
        AgentId = agentId,
        AgentSessionId = agentSession,
        SubjectSessionId = Guid.CreateVersion7(),
        AgentMethods = Limit(string.Join(' ', agent.FindAll(SecurityClaims.AuthenticationMethodReference).Select(c => c.Value)), 100),
        Reason = form.Reason.Trim(),
        Ticket = string.IsNullOrWhiteSpace(form.Ticket) ? null : form.Ticket.Trim(),
        ReadOnly = form.ReadOnly,
        StartedAt = now,
        ExpiresAt = now + Length,
    };

    /// <summary>The person is told at once (transactional mail); so are their organisation's administrators when it asks.</summary>
    private async Task AnnounceAsync(WorkScope work, ImpersonationSession impersonation, string agentName, string email, string firstName, string fullName, bool tellAdmins)
    {
        var db = work.Db;
        var notices = work.Notices;
        var when = impersonation.StartedAt.ToString("u", CultureInfo.InvariantCulture);
        var minutes = (int)Length.TotalMinutes;
        var why = impersonation.Ticket is null ? impersonation.Reason : $"{impersonation.Reason} ({impersonation.Ticket})";
        await notices.AddAsync(db, email, firstName, localizer["Impersonation_NoticeSubject"],
            [localizer["Impersonation_NoticeBody", agentName, when, minutes], localizer["Impersonation_NoticeReason", why], localizer["Impersonation_NoticeLimits"]],
            localizer["Impersonation_NoticeButton"], work.Links.To("account/security", new Dictionary<string, string?>()));
        if (!tellAdmins)
        {
            return;
        }

        var admins = await db.OrganisationMembers
            .Where(m => m.UserId != impersonation.SubjectId && m.Role >= OrganisationRole.Admin && m.Status == MemberStatus.Active)
            .Select(m => new { m.User!.Email, m.User.FirstName })
            .ToListAsync();
        foreach (var admin in admins)
        {
            await notices.AddAsync(db, admin.Email!, admin.FirstName, localizer["Impersonation_AdminSubject", fullName],
                [localizer["Impersonation_AdminBody", agentName, fullName, when, minutes], localizer["Impersonation_NoticeReason", why]]);
        }
    }

    private static string Limit(string value, int length) => value.Length <= length ? value : value[..length];
}
