using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Web.Account;
using Portal.Web.Audit;
using Portal.Web.Authorization;
using Portal.Web.Data;
using Portal.Web.Email;
using Portal.Web.Features.Profiles;
using Portal.Web.Features.Security;
using Portal.Web.Resources;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Organisations;

public enum MemberActionOutcome
{
    Done,

    /// <summary>No such member in the actor's organisation: the page answers 404, never "forbidden".</summary>
    NotFound,

    /// <summary>The member is in the organisation, but this actor may not do this to them.</summary>
    Forbidden,
}

/// <summary>
/// What an organisation's Owners and Admins do to a member's account. Each action loads the member through the tenant
/// filter, is decided by <see cref="MemberAuthorizationHandler"/>, is audited with the administrator as actor and the
/// member as subject (so the member sees it in their history), and tells the member by email where it changes how
/// they sign in. Work runs in a scope of its own; the audit log is the caller's, which knows who acts and from where.
/// </summary>
public sealed class MemberAdministration(
    WorkScopes workScopes,
    CurrentUser currentUser,
    IAuthorizationService authorization,
    AccessChangeGuard accessChanges,
    UserSessions sessions,
    AuditLog audit,
    ProfileService profiles,
    AccountNotices notices,
    IStringLocalizer<Strings> localizer)
{
    public async Task<MemberTarget?> FindAsync(string userId)
    {
        await using var work = workScopes.Begin();
        var db = work.Db;
        return await db.OrganisationMembers.AsNoTracking()
            .Where(m => m.UserId == userId)
            .Select(m => new MemberTarget(m.TenantId, m.UserId, m.Role))
            .FirstOrDefaultAsync();
    }

    /// <summary>Signs the member out everywhere at once, open pages included.</summary>
    public Task<MemberActionOutcome> EndSessionsAsync(string userId) =>
        ActAsync(userId, MemberOperations.EndSessions, async (_, _, _) =>
            await sessions.EndAllAsync(userId, SessionEndReasons.EndedByAdministrator));

    /// <summary>Suspends the member's sign-in and ends every session they have, open pages included.</summary>
    public Task<MemberActionOutcome> RestrictAsync(string userId) =>
        SetStatusAsync(userId, MemberStatus.Restricted, MemberOperations.Restrict, AuditActions.MemberRestricted, [MemberStatus.Active]);

    /// <summary>Lets a restricted member sign in again. A closed account stays closed: closing is <see cref="Privacy.MemberClosures"/>'s.</summary>
    public Task<MemberActionOutcome> LiftRestrictionAsync(string userId) =>
        SetStatusAsync(userId, MemberStatus.Active, MemberOperations.Restrict, AuditActions.MemberRestrictionLifted, [MemberStatus.Restricted]);

    /// <summary>Emails the member a link to choose a new password. The administrator never sets or sees one.</summary>
    public Task<MemberActionOutcome> SendPasswordResetAsync(string userId) =>
        ActAsync(userId, MemberOperations.SendPasswordReset, async (work, db, user) =>
        {
            await work.Emails.AddPasswordResetAsync(db, user);
            await audit.AppendAsync(db, new AuditRecord(AuditActions.MemberPasswordResetSent, SubjectId: user.Id));
        });

    /// <summary>Turns the member's authenticator app and recovery codes off, for a member who lost their phone.</summary>
    public Task<MemberActionOutcome> ResetTwoFactorAsync(string userId) =>
        ActAsync(userId, MemberOperations.ResetTwoFactor, async (work, db, user) =>
        {
            var users = work.Users;
            await using var transaction = await db.Database.BeginTransactionAsync();
            Ensure(await users.SetTwoFactorEnabledAsync(user, enabled: false));
            Ensure(await users.ResetAuthenticatorKeyAsync(user));
            await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
            await work.Notices.AddAsync(db, user.Email!, user.FirstName,
                localizer["Members_TwoFactorResetSubject"], [localizer["Members_TwoFactorResetBody"], localizer["Members_TwoFactorResetAdvice"]]);
            await audit.AppendAsync(db, new AuditRecord(AuditActions.MemberTwoFactorReset, SubjectId: user.Id, ChangedFields: ["TwoFactorEnabled", "AuthenticatorKey", "RecoveryCodes"]));
            await transaction.CommitAsync();
        });

    /// <summary>
    /// Corrects the member's profile (the fields <see cref="ProfileService.AdministeredFields"/> names) and tells the member
    /// which fields their administrator changed.
    /// </summary>
    public async Task<(MemberActionOutcome Outcome, ProfileUpdate? Update)> EditProfileAsync(string userId, ProfileForm edited)
    {
        var target = await FindAsync(userId);
        if (target is null)
        {
            return (MemberActionOutcome.NotFound, null);
        }

        if (!(await authorization.AuthorizeAsync(currentUser.Principal, target, MemberOperations.EditProfile)).Succeeded)
        {
            return (MemberActionOutcome.Forbidden, null);
        }

        var update = await profiles.UpdateMemberAsync(userId, edited, async (db, changed) =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == userId);
            var fields = string.Join(", ", changed.Select(field => localizer[ProfileFieldLabel(field)].Value));
            await notices.AddAsync(db, user.Email!, user.FirstName, localizer["Members_ProfileEditedSubject"], [localizer["Members_ProfileEditedBody", fields]]);
        });
        return (MemberActionOutcome.Done, update);
    }

    /// <summary>The label a profile field has on the member's own profile page.</summary>
    public static string ProfileFieldLabel(string field) => field is nameof(ProfileForm.FirstName) or nameof(ProfileForm.LastName) ? $"Field_{field}" : $"Profile_{field}";

    /// <summary>Gives the member another role; they see it on their next page (claims are rebuilt within a minute).</summary>
    public async Task<MemberActionOutcome> ChangeRoleAsync(string userId, OrganisationRole newRole)
    {
        var target = await FindAsync(userId);
        if (target is null)
        {
            return MemberActionOutcome.NotFound;
        }

        if (!await accessChanges.AllowsAsync(new RoleChange(target, newRole), MemberOperations.ChangeRole))
        {
            return MemberActionOutcome.Forbidden;
        }

        if (target.Role == newRole)
        {
            return MemberActionOutcome.Done;
        }

        await using var work = workScopes.Begin();
        var db = work.Db;
        var member = await db.OrganisationMembers.Include(m => m.User).SingleAsync(m => m.UserId == userId);
        member.Role = newRole;
        await work.Notices.AddAsync(db, member.User!.Email!, member.User.FirstName,
            localizer["Members_RoleChangedSubject"], [localizer["Members_RoleChangedBody", localizer[$"Role_{newRole}"]]]);
        await audit.AppendAsync(db, new AuditRecord(AuditActions.MemberRoleChanged, SubjectId: userId, Target: $"{target.Role} -> {newRole}", ChangedFields: ["Role"]));
        return MemberActionOutcome.Done;
    }

    /// <summary>
    /// An Owner hands ownership to another member and becomes an Admin, in one transaction, so the organisation is
    /// never without an Owner.
    /// </summary>
    public async Task<MemberActionOutcome> TransferOwnershipAsync(string userId)
    {
        var target = await FindAsync(userId);
        if (target is null)
        {
            return MemberActionOutcome.NotFound;
        }

        var actorId = currentUser.UserId;
        if (!await accessChanges.AllowsAsync(target, OrganisationOperations.TransferOwnership))
        {
            return MemberActionOutcome.Forbidden;
        }

        await using var work = workScopes.Begin();
        var db = work.Db;
        var both = await db.OrganisationMembers.Include(m => m.User).Where(m => m.UserId == userId || m.UserId == actorId).ToListAsync();
        var newOwner = both.Single(m => m.UserId == userId);
        newOwner.Role = OrganisationRole.Owner;
        both.Single(m => m.UserId == actorId).Role = OrganisationRole.Admin;
        await work.Notices.AddAsync(db, newOwner.User!.Email!, newOwner.User.FirstName,
            localizer["Members_RoleChangedSubject"], [localizer["Members_OwnershipBody"]]);
        await audit.AppendAsync(db, new AuditRecord(AuditActions.OwnershipTransferred, SubjectId: userId, Target: $"from {actorId}", ChangedFields: ["Role"]));
        return MemberActionOutcome.Done;
    }

    private Task<MemberActionOutcome> SetStatusAsync(string userId, MemberStatus status, MemberActionRequirement requirement, string action, MemberStatus[] from) =>
        ActAsync(userId, requirement, async (work, db, user) =>
        {
            var member = await db.OrganisationMembers.SingleAsync(m => m.UserId == userId);
            if (member.Status == status || !from.Contains(member.Status))
            {
                return;
            }

            // The new status and the end of every session commit together, so no session outlives a restriction.
            await using var transaction = await db.Database.BeginTransactionAsync();
            member.Status = status;
            await work.Notices.AddAsync(db, user.Email!, user.FirstName,
                localizer[$"Members_{status}Subject"], [localizer[$"Members_{status}Body"]]);
            var ended = status == MemberStatus.Active ? 0 : await sessions.EndAllWithinAsync(db, userId, SessionEndReasons.EndedByAdministrator);
            await audit.AppendAsync(db, new AuditRecord(action, SubjectId: userId, Target: ended > 0 ? $"{ended} session(s) ended" : null, ChangedFields: ["Status"]));
            await transaction.CommitAsync();
            await profiles.ForgetPublicPagesAsync(); // A restricted or closed member's profile is served to no one, cached or not.
        });

    private async Task<MemberActionOutcome> ActAsync(string userId, IAuthorizationRequirement requirement, Func<WorkScope, PortalDbContext, PortalUser, Task> act)
    {
        var target = await FindAsync(userId);
        if (target is null)
        {
            return MemberActionOutcome.NotFound;
        }

        if (!await accessChanges.AllowsAsync(target, requirement))
        {
            return MemberActionOutcome.Forbidden;
        }

        await using var work = workScopes.Begin();
        var user = await work.Users.FindByIdAsync(userId)
            ?? throw new InvalidOperationException("A member without an account.");
        await act(work, work.Db, user);
        return MemberActionOutcome.Done;
    }

    private static void Ensure(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
