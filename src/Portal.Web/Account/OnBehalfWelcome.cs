using Microsoft.AspNetCore.Identity;
using Portal.Web.Data;
using Portal.Web.Features.Organisations;
using Portal.Web.Tenancy;

namespace Portal.Web.Account;

public enum WelcomeOutcome
{
    Accepted,
    Invalid,
    NotFound,
}

public sealed record WelcomeResult(WelcomeOutcome Outcome, IReadOnlyList<string>? Errors = null);

/// <summary>
/// The person's side of an account an administrator created for them: until they accept it from the welcome email by
/// choosing their password, it is not theirs (it has no password, cannot sign in, and its member is "invited"). The
/// welcome's token has a purpose of its own, so a password reset link never accepts an account on anyone's behalf.
/// </summary>
internal sealed class OnBehalfWelcome(UserManager<PortalUser> users, PortalDbContext db, MemberActivation activation)
{
    public const string Purpose = "OnBehalfWelcome";

    public async Task<WelcomeResult> AcceptAsync(string email, string code, string password)
    {
        string token;
        try
        {
            token = AccountEmails.Decode(code);
        }
        catch (FormatException)
        {
            return new WelcomeResult(WelcomeOutcome.NotFound);
        }

        if (await users.FindByEmailAsync(email) is not { } user
            || await TenantClaims.FindPendingOnBehalfAsync(db, user.Id) is null
            || !await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, Purpose, token))
        {
            return new WelcomeResult(WelcomeOutcome.NotFound);
        }

        if (await users.HasPasswordAsync(user))
        {
            await users.RemovePasswordAsync(user);
        }

        var added = await users.AddPasswordAsync(user, password);
        if (!added.Succeeded)
        {
            return new WelcomeResult(WelcomeOutcome.Invalid, [.. added.Errors.Select(e => e.Description)]);
        }

        await activation.ActivateAsync(user.Id);
        return new WelcomeResult(WelcomeOutcome.Accepted);
    }
}
