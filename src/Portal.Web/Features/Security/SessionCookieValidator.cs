using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Portal.Web.Data;
using Portal.Web.Features.Support;

namespace Portal.Web.Features.Security;

/// <summary>
/// Checks every cookie request against its server-side session: a revoked, idle or expired session is refused at
/// once. The claims are rebuilt from the account at most once a minute (new name, new role, two-factor set up).
/// The security stamp is not used to end sessions, so a password change leaves the person the choice of which
/// sessions to end; the flows that must end them all (password reset, undoing an email change) end them here.
/// </summary>
internal static class SessionCookieValidator
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var principal = context.Principal;
        var userId = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var sessionId = principal?.Session();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (principal is null || userId is null || sessionId is null)
        {
            await RejectAsync(context);
            return;
        }

        var usable = await services.GetRequiredService<UserSessions>().CheckAsync(sessionId.Value, userId, now.UtcDateTime, context.HttpContext.RequestAborted);
        if (principal.IsImpersonated())
        {
            var impersonations = services.GetRequiredService<Impersonations>();
            if (!usable || !await impersonations.IsLiveAsync(principal, context.HttpContext.RequestAborted))
            {
                await ReturnToAgentAsync(context, impersonations, principal);
                return;
            }
        }
        else if (!usable)
        {
            await RejectAsync(context);
            return;
        }

        var issued = context.Properties.IssuedUtc;
        if (issued is not null && now - issued < SessionLifetimes.CheckInterval && !principal.HasClaim(c => c.Type == SecurityClaims.TwoFactorSetupRequired))
        {
            return;
        }

        if (await RebuildAsync(services.GetRequiredService<SignInManager<PortalUser>>(), userId, principal) is not { } fresh)
        {
            await RejectAsync(context);
            return;
        }

        context.ReplacePrincipal(fresh);
        context.ShouldRenew = true;
    }

    /// <summary>
    /// The principal the account has now (organisation, role, staff roles, name), keeping what belongs to the session
    /// itself (its id, how it signed in, who acts for the person); null when the account is gone. Cookies and open
    /// circuits both refresh through this.
    /// </summary>
    public static async Task<ClaimsPrincipal?> RebuildAsync(SignInManager<PortalUser> signIn, string userId, ClaimsPrincipal principal)
    {
        if (await signIn.UserManager.FindByIdAsync(userId) is not { } user)
        {
            return null;
        }

        var fresh = await signIn.CreateUserPrincipalAsync(user);
        ((ClaimsIdentity)fresh.Identity!).AddClaims(principal.Claims
            .Where(c => SecurityClaims.IsKeptOnRefresh(c.Type))
            .Select(c => new Claim(c.Type, c.Value, c.ValueType)));
        SecurityClaims.MeetTwoFactorRule(fresh);
        return fresh;
    }

    /// <summary>Shapes the principal of every new sign-in the same way a refresh does.</summary>
    public static Task SigningInAsync(CookieSigningInContext context)
    {
        if (context.Principal is { } principal)
        {
            SecurityClaims.MeetTwoFactorRule(principal);
        }

        return Task.CompletedTask;
    }

    /// <summary>An impersonation that is over gives the agent's browser back its own session, or signs it out when that has ended too.</summary>
    private static async Task ReturnToAgentAsync(CookieValidatePrincipalContext context, Impersonations impersonations, ClaimsPrincipal principal)
    {
        if (await impersonations.EndAsync(principal) is not { Agent: { } agent } back)
        {
            await RejectAsync(context);
            return;
        }

        context.ReplacePrincipal(agent);
        context.Properties.IsPersistent = back.Persistent;
        context.ShouldRenew = true;
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}
