using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Portal.Web.Authorization;

namespace Portal.Web.Features.Support;

internal static class ImpersonationEndpoints
{
    /// <summary>Stop, from the banner's form: the person's session ends and this browser gets the agent's own sign-in back.</summary>
    public static IEndpointConventionBuilder MapImpersonation(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/support/impersonation/stop", async (HttpContext http, ClaimsPrincipal user, [FromServices] Impersonations impersonations, [FromServices] IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.Problem("Missing or invalid antiforgery token.", statusCode: StatusCodes.Status400BadRequest);
            }

            if (await impersonations.StopAsync(user) is not { } back)
            {
                return Results.LocalRedirect("~/");
            }

            if (back.Agent is null)
            {
                await http.SignOutAsync(IdentityConstants.ApplicationScheme);
                return Results.LocalRedirect("~/Account/Login");
            }

            await http.SignInAsync(IdentityConstants.ApplicationScheme, back.Agent, new AuthenticationProperties { IsPersistent = back.Persistent });
            return Results.LocalRedirect($"~/support/users/{Uri.EscapeDataString(back.SubjectId)}");
        }).RequireAuthorization(Policies.SignedIn);
}
