using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Portal.Web.Authorization;
using Portal.Web.Data;
using Portal.Web.Features.Security;
using Portal.Web.Features.Support;

namespace Portal.Web.Account;

internal static class IdentityEndpoints
{
    /// <summary>Cookie work that static pages cannot do in a component: sign-out, and starting a passkey ceremony.</summary>
    public static IEndpointConventionBuilder MapAdditionalIdentityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/Account");
        account.MapPost("/Logout", async (
            ClaimsPrincipal user,
            [FromServices] SignInManager<PortalUser> signInManager,
            [FromServices] UserSessions sessions,
            [FromServices] Impersonations impersonations,
            [FromForm] string? returnUrl) =>
        {
            // Signing out while acting for someone ends that first, then signs the agent out of their own session.
            if (user.IsImpersonated())
            {
                user = (await impersonations.StopAsync(user))?.Agent ?? new ClaimsPrincipal(new ClaimsIdentity());
            }

            if (user.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
            {
                await sessions.SignOutAsync(userId, user.Session());
            }

            await signInManager.SignOutAsync();
            var target = returnUrl is not null && Uri.IsWellFormedUriString(returnUrl, UriKind.Relative) && !returnUrl.StartsWith("//", StringComparison.Ordinal)
                ? returnUrl : "/";
            return TypedResults.LocalRedirect($"~/{target.TrimStart('/')}");
        });

        // The pages' script asks for WebAuthn options here; the challenge's state goes into a short-lived cookie
        // that the page's form post then completes. JSON posts carry the page's antiforgery token in a header. Refusals
        // carry a body so the status-code pages do not re-execute the POST as an HTML page.
        var passkeys = account.MapGroup("/Passkeys").AddEndpointFilter(RequireAntiforgeryTokenAsync);
        passkeys.MapPost("/CreationOptions", async ([FromServices] UserPasskeys userPasskeys) =>
                await userPasskeys.CreationOptionsAsync() is { } options
                    ? Results.Content(options, "application/json")
                    : Results.Problem("Confirm who you are first.", statusCode: StatusCodes.Status403Forbidden))
            .RequireAuthorization(Policies.AccountHolder);
        passkeys.MapPost("/RequestOptions", async ([FromServices] SignInManager<PortalUser> signInManager) =>
                Results.Content(await signInManager.MakePasskeyRequestOptionsAsync(user: null), "application/json"))
            .AllowAnonymous();
        return account;
    }

    private static async ValueTask<object?> RequireAntiforgeryTokenAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var antiforgery = context.HttpContext.RequestServices.GetRequiredService<IAntiforgery>();
        return await antiforgery.IsRequestValidAsync(context.HttpContext) ? await next(context) : Results.Problem("Missing or invalid antiforgery token.", statusCode: StatusCodes.Status400BadRequest);
    }
}
