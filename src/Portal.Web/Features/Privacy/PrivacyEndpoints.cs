using Microsoft.AspNetCore.Mvc;
using Portal.Web.Authorization;

namespace Portal.Web.Features.Privacy;

/// <summary>The download of a prepared copy of a person's data, and of an archive a legal hold keeps.</summary>
public static class PrivacyEndpoints
{
    public const string DownloadPath = "account/data-export";
    public const string ArchivePath = "administration/archives";

    public static void MapPrivacy(this IEndpointRouteBuilder endpoints)
    {
        MapDownload(endpoints);

        // A held archive, opened for PlatformAdmin; the service audits each read.
        endpoints.MapGet($"/{ArchivePath}/{{id:guid}}", async (Guid id, HttpContext context, [FromServices] HeldArchives archives) =>
        {
            if (await archives.ReadAsync(id) is not { } archive)
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = "no-store";
            return Results.File(archive.Content, "application/zip", $"portal-held-{archive.UserId}.zip");
        }).RequireAuthorization(LegalHoldOperations.ReadArchive);
    }

    /// <summary>A prepared copy, once, to the signed-in person it belongs to; anything else is not found.</summary>
    private static RouteHandlerBuilder MapDownload(IEndpointRouteBuilder endpoints) =>
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

    public static string ArchiveLink(Guid id) => $"{ArchivePath}/{id}";
}
