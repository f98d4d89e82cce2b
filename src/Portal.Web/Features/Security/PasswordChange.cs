using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Portal.Web.Audit;
using Portal.Web.Authorization;
using Portal.Web.Data;
using Portal.Web.Email;
using Portal.Web.Resources;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Security;

/// <param name="WrongCurrentPassword">True when the refusal is the current password, not the new one.</param>
public sealed record PasswordChangeResult(bool Succeeded, IReadOnlyList<string> Errors, int OtherSessionsEnded, bool WrongCurrentPassword = false);

/// <summary>
/// Changing the password with the current one (which is the confirmation of identity it needs): audited, announced by
/// email, and, if the person chooses, ending their other sessions. A wrong current password counts toward lockout.
/// The work is a unit of work of its own; the audit log is the caller's, which knows who is acting and from where.
/// </summary>
public sealed class PasswordChange(WorkScopes workScopes, CurrentUser currentUser, AuditLog audit, AccountHolderGuard guard, IStringLocalizer<Strings> localizer)
{
    public async Task<PasswordChangeResult> ChangeAsync(string currentPassword, string newPassword, bool endOtherSessions)
    {
        await guard.EnsureAsync(AccountHolderActions.ChangePassword);
        await using var work = workScopes.Begin();
        var users = work.Users;
        var user = await users.FindByIdAsync(currentUser.UserId ?? throw new InvalidOperationException("No one is signed in."))
            ?? throw new InvalidOperationException("The signed-in account no longer exists.");
        var check = await work.SignIn.CheckPasswordSignInAsync(user, currentPassword, lockoutOnFailure: true);
        if (!check.Succeeded)
        {
            return new(false, [localizer["Password_WrongCurrent"]], 0, WrongCurrentPassword: true);
        }

        var db = work.Db;
        await using var transaction = await db.Database.BeginTransactionAsync();
        var changed = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!changed.Succeeded)
        {
            return new(false, [.. changed.Errors.Select(e => e.Description)], 0);
        }

        await work.Notices.AddAsync(db, user.Email!, user.FirstName,
            localizer["Password_ChangedSubject"], [localizer["Password_ChangedBody"], localizer["Password_ChangedAdvice"]]);
        await audit.AppendAsync(db, new AuditRecord(AuditActions.PasswordChanged, SubjectId: user.Id, ChangedFields: ["PasswordHash"]));
        await transaction.CommitAsync();

        var ended = endOtherSessions && currentUser.Principal.Session() is { } session
            ? await work.Sessions.EndOthersAsync(user.Id, session, SessionEndReasons.PasswordChanged)
            : 0;
        return new(true, [], ended);
    }
}
