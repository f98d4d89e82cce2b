using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Web.Audit;
using Portal.Web.Authorization;
using Portal.Web.Data;
using Portal.Web.Features.Organisations;
using Portal.Web.Features.Security;
using Portal.Web.Resources;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Privacy;

public enum ClosureOutcome
{
    Closed,
    Requested,
    AlreadyClosing,
    AlreadyRequested,
    NotRecentlySignedIn,

    /// <summary>The sole Owner of an organisation with other members hands ownership on first.</summary>
    SoleOwner,

    /// <summary>Operator staff's accounts are the operator's to end.</summary>
    StaffAccount,
}

/// <summary>What the close page shows the signed-in person.</summary>
public sealed record ClosureView(
    bool StaffAccount, bool ClosesAtOnce, bool RecentlySignedIn, bool SoleOwner, bool ClosesOrganisation, DateTime DeletesOn, int GraceDays,
    DateTime? RequestedAt, string? DeclineReason);

/// <summary>
/// The signed-in person closing their own account, or asking their administrators to when the organisation's policy
/// says so; and anyone reopening a closure they started, from the emailed link or by signing in during the grace period.
/// Closing is the account holder's alone (<see cref="ClosureOperations.CloseOwn"/>), after a sign-in within five minutes.
/// </summary>
public sealed class AccountClosures(
    WorkScopes workScopes,
    IServiceScopeFactory scopeFactory,
    CurrentUser currentUser,
    IAuthorizationService authorization,
    AccountHolderGuard guard,
    UserSessions sessions,
    ClosureSteps steps,
    ReopenCodes codes,
    Email.PortalLinks links,
    Profiles.ProfileService profiles,
    IStringLocalizer<Strings> localizer,
    TimeProvider time)
{
    /// <summary>The longest reason an administrator may give for declining a request.</summary>
    public const int ReasonLength = 500;

    public async Task<ClosureView> MineAsync()
    {
        var userId = RequireUserId();
        await using var work = workScopes.Begin();
        var db = work.Db;
        var closesAtOnce = await ClosesAtOnceAsync(db, userId);
        var (soleOwner, alone) = await StandingAsync(db, userId);
        var latest = await db.AccountClosures.AsNoTracking().Where(c => c.UserId == userId).OrderByDescending(c => c.RequestedAt).FirstOrDefaultAsync();
        return new ClosureView(
            !await MayCloseAsync(userId),
            closesAtOnce,
            await sessions.IsRecentlyAuthenticatedAsync(currentUser.Principal.Session(), userId),
            soleOwner,
            alone,
            Now + steps.GracePeriod,
            (int)steps.GracePeriod.TotalDays,
            latest?.Status == ClosureStatus.Requested ? latest.RequestedAt : null,
            latest?.Status == ClosureStatus.Declined ? latest.DeclineReason : null);
    }

    /// <summary>Closes the account at once, or files the request the organisation's policy asks for. Refused to anyone but the holder.</summary>
    public async Task<ClosureOutcome> CloseAsync()
    {
        await guard.EnsureAsync(AccountHolderActions.CloseAccount);
        var userId = RequireUserId();
        if (!await MayCloseAsync(userId))
        {
            return ClosureOutcome.StaffAccount;
        }

        if (!await sessions.IsRecentlyAuthenticatedAsync(currentUser.Principal.Session(), userId))
        {
            return ClosureOutcome.NotRecentlySignedIn;
        }

        await using var work = workScopes.Begin();
        var db = work.Db;
        if (await db.OrganisationMembers.AnyAsync(m => m.UserId == userId && m.Status == MemberStatus.Closed))
        {
            return ClosureOutcome.AlreadyClosing;
        }

        if ((await StandingAsync(db, userId)).SoleOwner)
        {
            return ClosureOutcome.SoleOwner;
        }

        var pending = await db.AccountClosures.FirstOrDefaultAsync(c => c.UserId == userId && c.Status == ClosureStatus.Requested);
        if (!await ClosesAtOnceAsync(db, userId))
        {
            return pending is not null ? ClosureOutcome.AlreadyRequested : await RequestAsync(work, userId);
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var closure = pending ?? db.AccountClosures.Add(new AccountClosure { Id = Guid.CreateVersion7(), UserId = userId, RequestedAt = Now }).Entity;
        if (!await steps.CloseAsync(work, closure, SessionEndReasons.AccountClosed))
        {
            return ClosureOutcome.AlreadyClosing;
        }

        await work.Audit.AppendAsync(db, new AuditRecord(AuditActions.AccountClosed, SubjectId: userId, Target: $"deletion after {closure.DeleteAfter:yyyy-MM-dd}", ChangedFields: ["Status"]));
        await transaction.CommitAsync();
        await profiles.ForgetPublicPagesAsync();
        return ClosureOutcome.Closed;
    }

    /// <summary>Reopens the closure the emailed code names, if it is still closing and was the person's own. Anyone holding the link may.</summary>
    public async Task<bool> ReopenAsync(string? code)
    {
        if (codes.Open(code) is not var (closureId, userId))
        {
            return false;
        }

        await using var work = WorkScopes.BeginAsSystem(scopeFactory);
        work.Links.MakeLinksLike(links); // Nobody is signed in; the emailed sign-in link comes from this request's address.
        var db = work.Db;
        if (await TenantClaims.FindOrganisationAsync(db, userId) is not { } organisation)
        {
            return false;
        }

        using var entered = work.Enter(organisation);
        var now = Now;
        var closure = await db.AccountClosures.FirstOrDefaultAsync(c => c.Id == closureId && c.UserId == userId);
        if (closure is not { Status: ClosureStatus.Closing, ByAdministrator: false } || closure.DeleteAfter <= now)
        {
            return false;
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        await steps.ReopenAsync(work, closure);
        await work.Audit.AppendAsync(db, new AuditRecord(AuditActions.AccountReopened, SubjectId: userId, ChangedFields: ["Status"], ActorId: userId));
        await transaction.CommitAsync();
        return true;
    }

    /// <summary>
    /// For the sign-in page, which cannot sign a closed account in: given the right password for an account its holder
    /// closed and may still reopen, the code that reopens it; otherwise null, and a wrong password counts as a failed
    /// sign-in, so the offer is no way round the lockout.
    /// </summary>
    public async Task<string?> ReopenCodeForAsync(string email, string password)
    {
        await using var work = WorkScopes.BeginAsSystem(scopeFactory);
        var users = work.Users;
        if (await users.FindByEmailAsync(email) is not { } user || await users.IsLockedOutAsync(user)
            || await FindReopenableAsync(work, user.Id) is not { } closure)
        {
            return null;
        }

        if (!await users.CheckPasswordAsync(user, password))
        {
            await users.AccessFailedAsync(user);
            return null;
        }

        return codes.Create(closure);
    }

    /// <summary>The code that reopens the account and the day it is deleted, while its holder may still reopen it; for the "already registered" email.</summary>
    public async Task<(string Code, DateTime DeleteAfter)?> ReopenableAsync(string userId)
    {
        await using var work = WorkScopes.BeginAsSystem(scopeFactory);
        return await FindReopenableAsync(work, userId) is { } closure ? (codes.Create(closure), closure.DeleteAfter!.Value) : null;
    }

    private async Task<AccountClosure?> FindReopenableAsync(WorkScope work, string userId)
    {
        if (await TenantClaims.FindOrganisationAsync(work.Db, userId) is not { } organisation)
        {
            return null;
        }

        using var entered = work.Enter(organisation);
        var now = Now;
        return await work.Db.AccountClosures.AsNoTracking()
            .FirstOrDefaultAsync(c => c.UserId == userId && c.Status == ClosureStatus.Closing && !c.ByAdministrator && c.DeleteAfter > now);
    }

    private async Task<ClosureOutcome> RequestAsync(WorkScope work, string userId)
    {
        var db = work.Db;
        var person = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId);
        db.AccountClosures.Add(new AccountClosure { Id = Guid.CreateVersion7(), UserId = userId, Status = ClosureStatus.Requested, RequestedAt = Now });
        var name = $"{person.FirstName} {person.LastName}".Trim();
        var link = work.Links.To($"organisation/members/{userId}", new Dictionary<string, string?>());
        var administrators = await db.OrganisationMembers.AsNoTracking()
            .Where(m => m.UserId != userId && m.Role >= OrganisationRole.Admin && m.Status == MemberStatus.Active)
            .Select(m => new { m.User!.Email, m.User.FirstName }).ToListAsync();
        foreach (var administrator in administrators)
        {
            await work.Notices.AddAsync(db, administrator.Email!, administrator.FirstName, localizer["Closure_RequestSubject", name],
                [localizer["Closure_RequestBody", name]], localizer["Closure_RequestButton"], link);
        }

        await work.Notices.AddAsync(db, person.Email!, person.FirstName, localizer["Closure_RequestedSubject"], [localizer["Closure_RequestedBody"]]);
        await work.Audit.AppendAsync(db, new AuditRecord(AuditActions.ClosureRequested, SubjectId: userId));
        return ClosureOutcome.Requested;
    }

    private async Task<bool> MayCloseAsync(string userId) =>
        (await authorization.AuthorizeAsync(currentUser.Principal, new PersonalDataOwner(userId), ClosureOperations.CloseOwn)).Succeeded;

    private async Task<bool> ClosesAtOnceAsync(PortalDbContext db, string userId) =>
        await OrganisationSettings.ForMemberAsync(db, userId) is { } policies
        && (await authorization.AuthorizeAsync(currentUser.Principal, policies, MemberPolicyOperations.CloseAccount)).Succeeded;

    /// <summary>Whether the person is their organisation's only Owner while others remain, and whether they are its last member.</summary>
    private static async Task<(bool SoleOwner, bool Alone)> StandingAsync(PortalDbContext db, string userId)
    {
        var others = db.OrganisationMembers.Where(m => m.UserId != userId && m.Status != MemberStatus.Closed);
        var alone = !await others.AnyAsync();
        var isOwner = await db.OrganisationMembers.AnyAsync(m => m.UserId == userId && m.Role == OrganisationRole.Owner);
        var soleOwner = !alone && isOwner && !await others.AnyAsync(m => m.Role == OrganisationRole.Owner);
        return (soleOwner, alone);
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private string RequireUserId() => currentUser.UserId ?? throw new InvalidOperationException("No one is signed in.");
}
