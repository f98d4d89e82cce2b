using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Portal.Web.Data;
using Portal.Web.Email;
using Portal.Web.Email.Templates;
using Portal.Web.Resources;

namespace Portal.Web.Account;

/// <summary>Composes the account emails (confirmation, reset, already-registered) into the outbox.</summary>
internal sealed class AccountEmails(
    UserManager<PortalUser> userManager,
    EmailRenderer renderer,
    Outbox outbox,
    PortalLinks links,
    IStringLocalizer<Strings> localizer)
{
    private static readonly PortalUser Nobody = new() { FirstName = "Nobody" };

    /// <summary>Confirms the address; an account an administrator made that is waiting for the person gets its welcome again instead.</summary>
    public async Task AddConfirmationAsync(PortalDbContext db, PortalUser user)
    {
        if (await AddWelcomeIfPendingAsync(db, user))
        {
            return;
        }

        var code = Encode(await userManager.GenerateEmailConfirmationTokenAsync(user));
        var link = Link("Account/ConfirmEmail", new() { ["userId"] = user.Id, ["code"] = code });
        var email = await renderer.RenderAsync<ConfirmEmailMessage>(localizer["Email_ConfirmSubject"], new Dictionary<string, object?>
        {
            [nameof(ConfirmEmailMessage.Name)] = user.FirstName,
            [nameof(ConfirmEmailMessage.Link)] = link,
        });
        outbox.Add(db, user.Email!, email, EmailCategory.AccountSecurity);
    }

    /// <summary>
    /// A link to choose a new password. An account an administrator made that is waiting for the person gets its
    /// welcome again instead, so no recovery path makes them a member without the welcome's explicit acceptance.
    /// </summary>
    public async Task AddPasswordResetAsync(PortalDbContext db, PortalUser user)
    {
        if (await AddWelcomeIfPendingAsync(db, user))
        {
            return;
        }

        outbox.Add(db, user.Email!, await ComposePasswordResetAsync(user), EmailCategory.AccountSecurity);
    }

    /// <summary>
    /// Makes a reset code and email for no one and drops them, so asking for an unknown or unconfirmed address spends
    /// the work a known one does and its answer comes no sooner.
    /// </summary>
    public async Task ComposePasswordResetForNobodyAsync() => _ = await ComposePasswordResetAsync(Nobody);

    private async Task<RenderedEmail> ComposePasswordResetAsync(PortalUser user)
    {
        var code = Encode(await userManager.GeneratePasswordResetTokenAsync(user));
        var link = Link("Account/ResetPassword", new() { ["code"] = code });
        return await renderer.RenderAsync<ResetPasswordMessage>(localizer["Email_ResetSubject"], new Dictionary<string, object?>
        {
            [nameof(ResetPasswordMessage.Name)] = user.FirstName,
            [nameof(ResetPasswordMessage.Link)] = link,
        });
    }

    /// <summary>
    /// Welcomes a person whose administrator created their account, with a link to accept it by choosing their own
    /// password (<see cref="OnBehalfWelcome"/>); the link's token serves nothing else.
    /// </summary>
    public async Task AddCreatedOnBehalfAsync(PortalDbContext db, PortalUser user, string createdBy, string organisation)
    {
        var code = Encode(await userManager.GenerateUserTokenAsync(user, userManager.Options.Tokens.PasswordResetTokenProvider, OnBehalfWelcome.Purpose));
        var email = await renderer.RenderAsync<AccountNoticeMessage>(localizer["Email_CreatedSubject", organisation], new Dictionary<string, object?>
        {
            [nameof(AccountNoticeMessage.Name)] = user.FirstName,
            [nameof(AccountNoticeMessage.Lines)] = new[] { localizer["Email_CreatedIntro", createdBy, organisation].Value, localizer["Email_CreatedExpires"].Value },
            [nameof(AccountNoticeMessage.LinkText)] = localizer["Email_CreatedButton"].Value,
            [nameof(AccountNoticeMessage.Link)] = Link("Account/Welcome", new() { ["code"] = code }),
        });
        outbox.Add(db, user.Email!, email, EmailCategory.AccountSecurity);
    }

    private async Task<bool> AddWelcomeIfPendingAsync(PortalDbContext db, PortalUser user)
    {
        if (await Tenancy.TenantClaims.FindPendingOnBehalfAsync(db, user.Id) is not { } pending)
        {
            return false;
        }

        await AddCreatedOnBehalfAsync(db, user, pending.CreatedBy, pending.Organisation);
        return true;
    }

    /// <summary>Someone registered with an address that has an account; a closed account its holder may still reopen gets the reopen link.</summary>
    public async Task AddAlreadyRegisteredAsync(PortalDbContext db, PortalUser user, (string Code, DateTime DeleteAfter)? reopen = null)
    {
        var email = await renderer.RenderAsync<AlreadyRegisteredMessage>(localizer["Email_AlreadyRegisteredSubject"], new Dictionary<string, object?>
        {
            [nameof(AlreadyRegisteredMessage.Name)] = user.FirstName,
            [nameof(AlreadyRegisteredMessage.SignInLink)] = Link("Account/Login", []),
            [nameof(AlreadyRegisteredMessage.ResetLink)] = Link("Account/ForgotPassword", []),
            [nameof(AlreadyRegisteredMessage.ReopenLink)] = reopen is { } open ? Link("Account/Reopen", new() { ["code"] = open.Code }) : null,
            [nameof(AlreadyRegisteredMessage.DeletesOn)] = reopen?.DeleteAfter,
        });
        outbox.Add(db, user.Email!, email, EmailCategory.AccountSecurity);
    }

    public static string Decode(string code) => Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));

    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    private string Link(string path, Dictionary<string, string?> query) => links.To(path, query);
}
