using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Portal.Web.Audit;
using Portal.Web.Authorization;
using Portal.Web.Data;
using Portal.Web.Email;
using Portal.Web.Features.Organisations;
using Portal.Web.Features.Security;
using Portal.Web.Resources;
using Portal.Web.Tenancy;

namespace Portal.Web.Account;

public enum EmailChangeRequest
{
    Sent,
    WrongPassword,
    SameAddress,
    InvalidAddress,
    NotAllowedByOrganisation,
}

/// <summary>
/// Changing the sign-in address: asked for with the current password, confirmed from the new inbox, announced to the
/// old one, which can undo it. Until confirmation the old address stays the login. Each step is a unit of work of its own, so
/// nothing holds a database context for a circuit.
/// </summary>
public sealed class EmailChange(
    WorkScopes workScopes,
    CurrentUser currentUser,
    IAuthorizationService authorization,
    AuditLog audit,
    AccountHolderGuard guard,
    EmailChangeUndoTokens undoTokens,
    IStringLocalizer<Strings> localizer)
{
    public async Task<EmailChangeRequest> RequestAsync(string newEmail, string currentPassword)
    {
        await guard.EnsureAsync(AccountHolderActions.ChangeEmail);
        newEmail = newEmail.Trim();
        if (!new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(newEmail) || newEmail.Length > 256)
        {
            return EmailChangeRequest.InvalidAddress;
        }

        await using var work = workScopes.Begin();
        var (users, db) = (work.Users, work.Db);
        var user = await users.FindByIdAsync(currentUser.UserId ?? throw new InvalidOperationException("No one is signed in."))
            ?? throw new InvalidOperationException("The signed-in account no longer exists.");
        if (await OrganisationSettings.ForMemberAsync(db, user.Id) is { } policies
            && !(await authorization.AuthorizeAsync(currentUser.Principal, policies, MemberPolicyOperations.ChangeEmail)).Succeeded)
        {
            return EmailChangeRequest.NotAllowedByOrganisation;
        }

        var check = await work.SignIn.CheckPasswordSignInAsync(user, currentPassword, lockoutOnFailure: true);
        if (!check.Succeeded)
        {
            return EmailChangeRequest.WrongPassword;
        }

        if (string.Equals(users.NormalizeEmail(newEmail), user.NormalizedEmail, StringComparison.Ordinal))
        {
            return EmailChangeRequest.SameAddress;
        }

        var emails = work.Notices;
        if (await users.FindByEmailAsync(newEmail) is { } owner)
        {
            // Same answer as a free address; the address's owner hears of the attempt instead.
            await emails.AddAsync(db, owner.Email!, owner.FirstName, localizer["EmailChange_TakenSubject"], [localizer["EmailChange_TakenBody"]]);
        }
        else
        {
            var token = Encode(await users.GenerateChangeEmailTokenAsync(user, newEmail));
            await emails.AddAsync(db, newEmail, user.FirstName, localizer["EmailChange_ConfirmSubject"], [localizer["EmailChange_ConfirmBody"]],
                localizer["EmailChange_ConfirmButton"], work.Links.To("Account/ConfirmEmailChange", new Dictionary<string, string?> { ["userId"] = user.Id, ["email"] = newEmail, ["code"] = token }));
            await emails.AddAsync(db, user.Email!, user.FirstName, localizer["EmailChange_RequestedSubject"], [localizer["EmailChange_RequestedBody", newEmail]]);
        }

        await audit.AppendAsync(db, new AuditRecord(AuditActions.EmailChangeRequested,
            SubjectId: user.Id));
        return EmailChangeRequest.Sent;
    }

    /// <summary>Applies a confirmed change and tells the old address how to undo it. False when the link is not valid.</summary>
    public async Task<bool> ConfirmAsync(string userId, string newEmail, string code) =>
        TryDecode(code, out var token) && await ApplyAsync(userId, newEmail, (_, _) => Task.FromResult<string?>(token), undo: false);

    /// <summary>
    /// Puts the old address back from the link sent to it, clears the password and signs the account out everywhere:
    /// whoever made the change may have set a password of their own, and must not sign in again with it. False when
    /// the link is not valid, too old, or the address is already back.
    /// </summary>
    public async Task<bool> UndoAsync(string userId, string oldEmail, string code) =>
        undoTokens.Matches(code, userId, oldEmail) && await ApplyAsync(userId, oldEmail, async (users, user) =>
            // The link proved the old inbox; a change code made now lets Identity apply it with its own checks (a unique address).
            string.Equals(user.NormalizedEmail, users.NormalizeEmail(oldEmail), StringComparison.Ordinal) ? null : await users.GenerateChangeEmailTokenAsync(user, oldEmail),
            undo: true);

    private async Task<bool> ApplyAsync(string userId, string email, Func<UserManager<PortalUser>, PortalUser, Task<string?>> changeToken, bool undo)
    {
        await using var work = workScopes.Begin();
        var (users, db) = (work.Users, work.Db);
        var user = await users.FindByIdAsync(userId);
        if (user is null || await changeToken(users, user) is not { } token)
        {
            return false;
        }

        var oldEmail = user.Email!;
        await using var transaction = await db.Database.BeginTransactionAsync();
        var changed = await users.ChangeEmailAsync(user, email, token);
        if (!changed.Succeeded || !(await users.SetUserNameAsync(user, email)).Succeeded)
        {
            return false;
        }

        List<string> fields = ["Email"];
        if (!undo)
        {
            await work.Notices.AddAsync(db, oldEmail, user.FirstName, localizer["EmailChange_DoneSubject"], [localizer["EmailChange_DoneBody", email]],
                localizer["EmailChange_UndoButton"], work.Links.To("Account/UndoEmailChange", new Dictionary<string, string?> { ["userId"] = user.Id, ["email"] = oldEmail, ["code"] = undoTokens.Create(user.Id, oldEmail) }));
        }
        else if (await users.HasPasswordAsync(user))
        {
            if (!(await users.RemovePasswordAsync(user)).Succeeded)
            {
                return false;
            }

            fields.Add("PasswordHash");
        }

        await audit.AppendAsync(db, new AuditRecord(undo ? AuditActions.EmailChangeUndone : AuditActions.EmailChanged, SubjectId: user.Id,
            ActorId: user.Id, ChangedFields: fields));
        await transaction.CommitAsync();
        if (undo)
        {
            // Undoing means someone else changed the address: whoever did may be signed in anywhere.
            await work.Sessions.EndAllAsync(user.Id, SessionEndReasons.AccountSecured);
        }

        return true;
    }

    private static string Encode(string token) => Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(token));

    private static bool TryDecode(string code, out string token)
    {
        try
        {
            token = AccountEmails.Decode(code);
            return true;
        }
        catch (FormatException)
        {
            token = "";
            return false;
        }
    }
}
