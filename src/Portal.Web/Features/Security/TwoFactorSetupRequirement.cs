using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;

namespace Portal.Web.Features.Security;

/// <summary>
/// Holds a member whose organisation requires two-factor sign-in, and who has not set it up, to the setup page for
/// every request — pages, form posts, downloads and other endpoints alike — not only where the layout is drawn. They
/// keep what setting it up needs (the page, confirming their password, the circuit) and signing out; endpoints open to
/// anyone (assets, public pages) stay open. Every other protected page redirects to setup; any other request is refused.
/// </summary>
internal sealed class TwoFactorSetupRequirement(RequestDelegate next)
{
    private static readonly string[] OpenPaths = ["/" + TwoFactorPage.Path, "/Account/Reauthenticate", "/Account/Logout"];

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.User.HasClaim(c => c.Type == SecurityClaims.TwoFactorSetupRequired) || MayPass(context))
        {
            await next(context);
            return;
        }

        if (HttpMethods.IsGet(context.Request.Method) && context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
        {
            context.Response.Redirect(context.Request.PathBase + "/" + TwoFactorPage.Path);
            return;
        }

        // A body, so the status-code pages do not re-run the request as a page.
        await Results.Problem("Set up two-factor sign-in first: your organisation requires it.", statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
    }

    private static bool MayPass(HttpContext context)
    {
        var path = context.Request.Path;
        if (OpenPaths.Any(open => path.Equals(open, StringComparison.OrdinalIgnoreCase)) || path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // Nothing protected is reached by an endpoint that asks for no sign-in, or by a request no endpoint answers.
        var endpoint = context.GetEndpoint();
        return endpoint is null
            || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
            || endpoint.Metadata.GetMetadata<IAuthorizeData>() is null;
    }
}
