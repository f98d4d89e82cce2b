using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Portal.Web.Data;
using Portal.Web.Features.Security;

namespace Portal.Web.Account;

internal static class IdentityEndpoints
{
    /// <summary>Cookie work that static pages cannot do in a component: sign-out.</summary>
    public static IEndpointConventionBuilder MapAdditionalIdentityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/Account");
        account.MapPost("/Logout", async (
            ClaimsPrincipal user,
            [FromServices] SignInManager<PortalUser> signInManager,
            [FromServices] UserSessions sessions,
            [FromForm] string? returnUrl) =>
        {
            if (user.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
            {
                await sessions.SignOutAsync(userId, user.Session());
            }

            await signInManager.SignOutAsync();
            var target = returnUrl is not null && Uri.IsWellFormedUriString(returnUrl, UriKind.Relative) && !returnUrl.StartsWith("//", StringComparison.Ordinal)
                ? returnUrl : "/";
            return TypedResults.LocalRedirect($"~/{target.TrimStart('/')}");
        });
        return account;
    }
}
