using Microsoft.AspNetCore.WebUtilities;
using Portal.Web.Audit;

namespace Portal.Web.Features.Organisations;

public sealed partial class OrganisationAuditPage
{
    private readonly List<OrganisationAuditEntry> entries = [];
    private string action = "";
    private DateTime? from;
    private DateTime? to;
    private string person = "";
    private bool hasMore;
    private TimeZoneInfo timeZone = TimeZoneInfo.Utc;

    /// <summary>A member's page links here with their address, to show what happened to them.</summary>
    [Microsoft.AspNetCore.Components.SupplyParameterFromQuery(Name = "person")]
    public string? PersonQuery { get; set; }

    private OrganisationAuditFilter Filter => new(
        string.IsNullOrEmpty(action) ? null : action,
        from is { } f ? DateTime.SpecifyKind(f.Date, DateTimeKind.Utc) : null,
        to is { } t ? DateTime.SpecifyKind(t.Date.AddDays(1), DateTimeKind.Utc) : null,
        string.IsNullOrWhiteSpace(person) ? null : person);

    private string ExportLink
    {
        get
        {
            var filter = Filter;
            return QueryHelpers.AddQueryString("organisation/audit.csv", new Dictionary<string, string?>
            {
                ["action"] = filter.Action,
                ["from"] = filter.From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["to"] = filter.To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["person"] = filter.PersonEmail,
            }.Where(p => p.Value is not null));
        }
    }

    protected override async Task OnInitializedAsync()
    {
        timeZone = await Dashboard.GetTimeZoneAsync();
        person = PersonQuery?.Trim() ?? "";
        await SearchAsync();
    }

    private async Task SearchAsync()
    {
        entries.Clear();
        await LoadMoreAsync();
    }

    private async Task LoadMoreAsync()
    {
        var page = await Log.PageAsync(Filter, entries.Count == 0 ? null : entries[^1].Sequence);
        entries.AddRange(page);
        hasMore = page.Count == OrganisationAuditLog.PageSize;
    }

    private DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), timeZone);
}
