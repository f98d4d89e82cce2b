using Microsoft.AspNetCore.Mvc;

namespace Portal.Web.Features.Notifications;

internal static class UnsubscribeEndpoints
{
    /// <summary>
    /// RFC 8058 one-click unsubscribe: the mail client posts <c>List-Unsubscribe=One-Click</c> to the address in the
    /// message's <c>List-Unsubscribe</c> header. No cookie and no antiforgery token can come with it; the signed token is the proof.
    /// </summary>
    public static IEndpointRouteBuilder MapUnsubscribe(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/" + NotificationMail.OneClickPath, async ([FromQuery] string? token, [FromForm(Name = "List-Unsubscribe")] string? listUnsubscribe, [FromServices] Unsubscribes unsubscribes) =>
            // Refusals carry a body, so the status-code pages do not re-run the POST as an HTML page.
            !string.Equals(listUnsubscribe, "One-Click", StringComparison.Ordinal)
                ? Results.Problem("Expected List-Unsubscribe=One-Click.", statusCode: StatusCodes.Status400BadRequest)
                : await unsubscribes.ApplyAsync(token, Unsubscribes.ByOneClick) is null
                    ? Results.Problem("This unsubscribe link is not valid or has expired.", statusCode: StatusCodes.Status404NotFound)
                    : Results.Text("Unsubscribed."))
            .AllowAnonymous()
            .DisableAntiforgery();

        // The tracking image answers the same whether or not anything was recorded, so it tells nothing about consent.
        endpoints.MapGet("/" + ReadTracking.Path, async (HttpContext http, [FromQuery] string? t, [FromServices] ReadTracking tracking) =>
        {
            await tracking.RecordAsync(t, http.RequestAborted);
            http.Response.Headers.CacheControl = "no-store";
            return Results.File(ReadTracking.Pixel, "image/gif");
        }).AllowAnonymous();
        return endpoints;
    }
}
