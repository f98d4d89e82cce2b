using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Web.Audit;
using Portal.Web.Data;
using Portal.Web.Features.Organisations;
using Portal.Web.Features.Partners;
using Portal.Web.Features.Security;
using Portal.Web.Resources;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Privacy;

/// <summary>
/// What closing and reopening an account do, whoever starts them, inside the caller's transaction so nothing
/// half-happens: the member's status, every session and pending link ended, invitations withdrawn, the partner told,
/// the organisation's domains released when the person was its last member, and the person told by email.
/// </summary>
public sealed class ClosureSteps(UserSessions sessions, PartnerOptOuts partners, ReopenCodes codes, IOptions<ClosureOptions> options,
    IStringLocalizer<Strings> localizer, TimeProvider time)
{
    public TimeSpan GracePeriod => options.Value.ClosureGracePeriod;

    /// <summary>
    /// Claims the member for closing (one statement, so of two submits only one closes) and does the rest. False when the
    /// account was already closed: then nothing changed.
    /// </summary>
    public async Task<bool> CloseAsync(WorkScope work, AccountClosure closure, string sessionEndReason)
    {
        var db = work.Db;
        var userId = closure.UserId;
        var claimed = await db.OrganisationMembers.Where(m => m.UserId == userId && m.Status != MemberStatus.Closed)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MemberStatus.Closed));
        if (claimed == 0)
        {
            return false;
        }

        var now = Now;
        closure.Status = ClosureStatus.Closing;
        closure.ClosedAt = now;
        closure.DeleteAfter = now + GracePeriod;
        var user = await work.Users.FindByIdAsync(userId) ?? throw new InvalidOperationException("A closing member without an account.");

        // A new security stamp ends what links and cookies rest on it: a pending email change, a password reset.
        await work.Users.UpdateSecurityStampAsync(user);
        await sessions.EndAllWithinAsync(db, userId, sessionEndReason);
        await db.Invitations.Where(i => i.InvitedById == userId && i.AcceptedAt == null && i.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.RevokedAt, now));
        if (!await db.OrganisationMembers.AnyAsync(m => m.UserId != userId && m.Status != MemberStatus.Closed))
        {
            await db.OrganisationDomains.ExecuteDeleteAsync(); // The last member leaves: nobody claims the domains any more.
        }

        if (user.PromotionalEmailOptIn)
        {
            user.PromotionalEmailOptIn = false;
            if (await partners.AddAsync(db, user) is { } told)
            {
                await work.Audit.AppendAsync(db, told);
            }
        }

        var deleteOn = Day(closure.DeleteAfter.Value);
        if (closure.ByAdministrator)
        {
            await work.Notices.AddAsync(db, user.Email!, user.FirstName, localizer["Closure_ClosedByAdministratorSubject"],
                [localizer["Closure_ClosedByAdministratorBody", deleteOn], localizer["Closure_WhatIsKept"], localizer["Closure_AskAdministrator"]]);
        }
        else
        {
            await work.Notices.AddAsync(db, user.Email!, user.FirstName, localizer["Closure_ReceiptSubject"],
                [localizer["Closure_ReceiptBody", Day(now), deleteOn], localizer["Closure_WhatIsDeleted"], localizer["Closure_WhatIsKept"], localizer["Closure_ReopenUntil", deleteOn]],
                localizer["Closure_ReopenButton"], ReopenLink(work, closure));
        }

        return true;
    }

    /// <summary>Opens a closing account again: the member is active, the closure ends, and the person is told.</summary>
    public async Task ReopenAsync(WorkScope work, AccountClosure closure)
    {
        var db = work.Db;
        await db.OrganisationMembers.Where(m => m.UserId == closure.UserId && m.Status == MemberStatus.Closed)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MemberStatus.Active));
        closure.Status = ClosureStatus.Reopened;
        closure.ReopenedAt = Now;
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == closure.UserId);
        await work.Notices.AddAsync(db, user.Email!, user.FirstName, localizer["Closure_ReopenedSubject"], [localizer["Closure_ReopenedBody"]],
            localizer["Closure_SignInButton"], work.Links.To("Account/Login", new Dictionary<string, string?>()));
    }

    /// <summary>The emailed link that reopens the account; only for a closure the person started.</summary>
    public string ReopenLink(WorkScope work, AccountClosure closure) => ReopenLink(work, codes, closure);

    public static string ReopenLink(WorkScope work, ReopenCodes codes, AccountClosure closure) =>
        work.Links.To("Account/Reopen", new Dictionary<string, string?> { ["code"] = codes.Create(closure) });

    public static string Day(DateTime utc) => utc.ToString("D", CultureInfo.CurrentCulture);

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}
