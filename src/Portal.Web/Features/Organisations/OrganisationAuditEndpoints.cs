using Microsoft.AspNetCore.Mvc;
using Portal.Web.Audit;
using Portal.Web.Authorization;

namespace Portal.Web.Features.Organisations;

internal static class OrganisationAuditEndpoints
{
    /// <summary>The organisation's audit log as CSV, with the page's filters, streamed so a large log never sits in memory.</summary>
    public static IEndpointConventionBuilder MapOrganisationAudit(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/organisation/audit.csv", async (
            HttpContext http,
            [FromServices] OrganisationAuditLog log,
            [FromQuery] string? action,
            [FromQuery] DateTime? from,
            [FromQuery] DateTime? to,
            [FromQuery] string? person) =>
        {
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = "attachment; filename=\"organisation-audit.csv\"";
            var filter = new OrganisationAuditFilter(action, Utc(from), Utc(to), person);
            await using var writer = new StreamWriter(http.Response.Body, leaveOpen: true);
            await using var csv = CsvExport.CreateWriter(writer);
            csv.WriteHeader<OrganisationAuditEntry>();
            await csv.NextRecordAsync();
            await foreach (var entry in log.ExportAsync(filter, http.RequestAborted))
            {
                csv.WriteRecord(entry);
                await csv.NextRecordAsync();
            }
        }).RequireAuthorization(Policies.OrganisationAdmin);

    private static DateTime? Utc(DateTime? value) => value is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : null;
}
