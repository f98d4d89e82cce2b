using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Web.Audit;
using Portal.Web.Authorization;
using Portal.Web.Features.Organisations;
using Portal.Web.Features.Profiles;
using Portal.Web.Features.Security;
using Portal.Web.Resources;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Privacy;

/// <summary>A member's closure as their administrators see it: a request to decide, or a closure and its deletion date.</summary>
public sealed record MemberClosureView(ClosureStatus Status, DateTime RequestedAt, DateTime? DeleteAfter, bool ByAdministrator);

/// <summary>
/// An organisation's Owners and Admins deciding their members' closure requests, closing a member and reopening a
/// closed one. Each loads the member through the tenant filter (another organisation's member is not found), is
/// decided by <see cref="ClosureOperations"/> and audited with the administrator as actor and the member as subject.
/// </summary>
public sealed class MemberClosures(
    WorkScopes workScopes,
    CurrentUser currentUser,
    MemberAdministration members,
    AccessChangeGuard accessChanges,
    ClosureSteps steps,
    ProfileService profiles,
    IStringLocalizer<Strings> localizer,
    TimeProvider time)
{
    public const int ReasonLength = AccountClosures.ReasonLength;

    /// <summary>The member's open request or running closure, or null.</summary>
    public async Task<MemberClosureView?> ForMemberAsync(string userId)
    {
        await using var work = workScopes.Begin();
        return await work.Db.AccountClosures.AsNoTracking()
            .Where(c => c.UserId == userId && (c.Status == ClosureStatus.Requested || c.Status == ClosureStatus.Closing))
            .OrderByDescending(c => c.RequestedAt)
            .Select(c => new MemberClosureView(c.Status, c.RequestedAt, c.DeleteAfter, c.ByAdministrator))
            .FirstOrDefaultAsync();
    }

    /// <summary>Starts the closure the member asked for; they may still reopen it from the emailed link.</summary>
    public Task<MemberActionOutcome> ApproveAsync(string userId) =>
        DecideAsync(userId, ClosureOperations.DecideRequest, ClosureStatus.Requested, async (work, closure) =>
        {
            if (!await steps.CloseAsync(work, closure, SessionEndReasons.AccountClosed))
            {
                return null;
            }

            return new AuditRecord(AuditActions.ClosureApproved, SubjectId: userId, Target: $"deletion after {closure.DeleteAfter:yyyy-MM-dd}", ChangedFields: ["Status"]);
        });

    /// <summary>Declines the member's request with a reason they receive by email. Blank or overlong reasons change nothing.</summary>
    public async Task<MemberActionOutcome> DeclineAsync(string userId, string reason)
    {
        reason = reason.Trim();
        if (reason.Length is 0 or > ReasonLength)
        {
            throw new ArgumentException($"A reason of 1 to {ReasonLength} characters is needed.", nameof(reason));
        }

        return await DecideAsync(userId, ClosureOperations.DecideRequest, ClosureStatus.Requested, async (work, closure) =>
        {
            closure.Status = ClosureStatus.Declined;
            closure.DeclineReason = reason;
            var person = await work.Db.Users.AsNoTracking().SingleAsync(u => u.Id == userId);
            await work.Notices.AddAsync(work.Db, person.Email!, person.FirstName, localizer["Closure_DeclinedSubject"], [localizer["Closure_DeclinedBody"], reason]);
            return new AuditRecord(AuditActions.ClosureDeclined, SubjectId: userId, ChangedFields: ["Status"]);
        });
    }

    /// <summary>Closes the member's account with the grace period; only an administrator may reopen it.</summary>
    public async Task<MemberActionOutcome> CloseAsync(string userId)
    {
        var target = await members.FindAsync(userId);
        if (target is null)
        {
            return MemberActionOutcome.NotFound;
        }

        if (!await accessChanges.AllowsAsync(target, ClosureOperations.CloseMember))
        {
            return MemberActionOutcome.Forbidden;
        }

        await using var work = workScopes.Begin();
        var db = work.Db;
        await using var transaction = await db.Database.BeginTransactionAsync();
        var closure = await db.AccountClosures.FirstOrDefaultAsync(c => c.UserId == userId && c.Status == ClosureStatus.Requested)
            ?? db.AccountClosures.Add(new AccountClosure { Id = Guid.CreateVersion7(), UserId = userId, RequestedAt = Now }).Entity;
        closure.ByAdministrator = true;
        closure.DecidedById = currentUser.UserId;
        closure.DecidedAt = Now;
        if (!await steps.CloseAsync(work, closure, SessionEndReasons.EndedByAdministrator))
        {
            return MemberActionOutcome.Done; // Already closed: a second click changes nothing.
        }

        await work.Audit.AppendAsync(db, new AuditRecord(AuditActions.MemberClosed, SubjectId: userId, Target: $"deletion after {closure.DeleteAfter:yyyy-MM-dd}", ChangedFields: ["Status"]));
        await transaction.CommitAsync();
        await profiles.ForgetPublicPagesAsync();
        return MemberActionOutcome.Done;
    }

    /// <summary>Opens a closing member's account again, whoever closed it.</summary>
    public Task<MemberActionOutcome> ReopenAsync(string userId) =>
        DecideAsync(userId, ClosureOperations.ReopenMember, ClosureStatus.Closing, async (work, closure) =>
        {
            await steps.ReopenAsync(work, closure);
            return new AuditRecord(AuditActions.MemberReopened, SubjectId: userId, ChangedFields: ["Status"]);
        });

    private async Task<MemberActionOutcome> DecideAsync(string userId, MemberActionRequirement requirement, ClosureStatus from,
        Func<WorkScope, AccountClosure, Task<AuditRecord?>> decide)
    {
        var target = await members.FindAsync(userId);
        if (target is null)
        {
            return MemberActionOutcome.NotFound;
        }

        if (!await accessChanges.AllowsAsync(target, requirement))
        {
            return MemberActionOutcome.Forbidden;
        }

        await using var work = workScopes.Begin();
        var db = work.Db;
        var closure = await db.AccountClosures.Where(c => c.UserId == userId && c.Status == from).OrderByDescending(c => c.RequestedAt).FirstOrDefaultAsync();
        if (closure is null)
        {
            return MemberActionOutcome.Done; // Decided already (another administrator, or a second click): nothing to do.
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        closure.DecidedById = currentUser.UserId;
        closure.DecidedAt = Now;
        if (await decide(work, closure) is { } record)
        {
            await work.Audit.AppendAsync(db, record);
            await transaction.CommitAsync();
            await profiles.ForgetPublicPagesAsync();
        }

        return MemberActionOutcome.Done;
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}
