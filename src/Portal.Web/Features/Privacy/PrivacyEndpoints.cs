using Microsoft.AspNetCore.Mvc;
using Portal.Web.Authorization;

namespace Portal.Web.Features.Privacy;

/// <summary>The download of a prepared copy of a person's data.</summary>
public static class PrivacyEndpoints
{
    public const string DownloadPath = "account/data-export";

    /// <summary>A prepared copy, once, to the signed-in person it belongs to; anything else is not found.</summary>
    public static IEndpointConventionBuilder MapPrivacy(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet($"/{DownloadPath}/{{id:guid}}", async (Guid id, HttpContext context, [FromServices] DataExports exports) =>
        {
            if (await exports.DownloadAsync(id, context.RequestAborted) is not { } download)
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = "no-store";
            return Results.File(download.Content, "application/zip", download.FileName);
        }).RequireAuthorization(Policies.AccountHolder);

    public static string DownloadLink(Guid id) => $"{DownloadPath}/{id}";
}
