using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Portal.Web.Data;
using Portal.Web.Tenancy;

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
            [FromServices] SignInRecorder recorder,
            [FromForm] string? returnUrl) =>
        {
            if (user.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
            {
                var organisation = Guid.TryParse(user.FindFirstValue(PortalClaims.TenantId), out var id) ? id : (Guid?)null;
                await recorder.RecordSignOutAsync(userId, organisation);
            }

            await signInManager.SignOutAsync();
            var target = returnUrl is not null && Uri.IsWellFormedUriString(returnUrl, UriKind.Relative) && !returnUrl.StartsWith("//", StringComparison.Ordinal)
                ? returnUrl : "/";
            return TypedResults.LocalRedirect($"~/{target.TrimStart('/')}");
        });
        return account;
    }
}
