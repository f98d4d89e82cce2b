using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Portal.Web.Authorization;

namespace Portal.Web.Features.Organisations;

internal static class MemberEndpoints
{
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>A member's data as a JSON download; another organisation's member is not found, never forbidden.</summary>
    public static IEndpointConventionBuilder MapMemberExport(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/organisation/members/{userId}/export", async (string userId, [FromServices] MemberDataExport exports, CancellationToken cancellationToken) =>
        {
            var result = await exports.ExportAsync(userId, cancellationToken);
            return result.Outcome switch
            {
                MemberActionOutcome.Done => Results.File(JsonSerializer.SerializeToUtf8Bytes(result.Export, Indented), "application/json",
                    $"member-{result.Export!.ExportedAt:yyyyMMdd-HHmmss}.json"),
                MemberActionOutcome.Forbidden => Results.Forbid(),
                _ => Results.NotFound(),
            };
        }).RequireAuthorization(Policies.OrganisationAdmin);

    /// <summary>The signed-in person's own organisation's logo; there is no way to ask for another's.</summary>
    public static IEndpointConventionBuilder MapOrganisationLogo(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/organisation/logo", async (HttpContext context, [FromServices] OrganisationLogos logos) =>
            await logos.FindAsync(context.RequestAborted) is { } logo
                ? Profiles.ProfilesEndpoints.ServeImage(context, logo.Content, logo.ContentType, logo.Version)
                : Results.NotFound()).RequireAuthorization(Policies.SignedIn);
}
