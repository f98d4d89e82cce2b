using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using MudBlazor;
using Portal.Web.Audit;
using Portal.Web.Components.Lists;

namespace Portal.Web.Features.Organisations;

/// <summary>What was recorded about the organisation, newest first, one keyset page at a time; the filters apply on search.</summary>
public sealed partial class OrganisationAuditPage
{
    private readonly KeysetPages<long> pages = new(OrganisationAuditLog.PageSize);
    private MudDataGrid<OrganisationAuditEntry>? grid;
    private IReadOnlyList<OrganisationAuditEntry> rows = [];
    private OrganisationAuditFilter applied = new(null, null, null, null);
    private bool loading = true;
    private string action = "";
    private DateTime? from;
    private DateTime? to;
    private string person = "";
    private TimeZoneInfo timeZone = TimeZoneInfo.Utc;

    /// <summary>A member's page links here with their address, to show what happened to them.</summary>
    [Microsoft.AspNetCore.Components.SupplyParameterFromQuery(Name = "person")]
    public string? PersonQuery { get; set; }

    private OrganisationAuditFilter Filter => new(
        string.IsNullOrEmpty(action) ? null : action,
        from is { } f ? DateTime.SpecifyKind(f.Date, DateTimeKind.Utc) : null,
        to is { } t ? DateTime.SpecifyKind(t.Date.AddDays(1), DateTimeKind.Utc) : null,
        string.IsNullOrWhiteSpace(person) ? null : person);

    private bool IsFiltered => applied != new OrganisationAuditFilter(null, null, null, null);

    private string? Summary
    {
        get
        {
            if (loading || rows.Count == 0)
            {
                return loading ? null : (IsFiltered ? L["OrgAudit_TryFewer"] : L["OrgAudit_None"]).Value;
            }

            var culture = CultureInfo.CurrentCulture;
            return L["OrgAudit_Showing", pages.FirstRow.ToString("N0", culture), (pages.FirstRow + rows.Count - 1).ToString("N0", culture)].Value;
        }
    }

    private string ExportLink
    {
        get
        {
            var filter = Filter;
            return QueryHelpers.AddQueryString("organisation/audit.csv", new Dictionary<string, string?>
            {
                ["action"] = filter.Action,
                ["from"] = filter.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["to"] = filter.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["person"] = filter.PersonEmail,
            }.Where(p => p.Value is not null));
        }
    }

    protected override async Task OnInitializedAsync()
    {
        timeZone = await Dashboard.GetTimeZoneAsync();
        person = PersonQuery?.Trim() ?? "";
        applied = Filter;
    }

    /// <summary>A new search starts again at the newest events.</summary>
    private Task SearchAsync()
    {
        applied = Filter;
        pages.Restart();
        return ReloadPageAsync();
    }

    private Task SizeChangedAsync(int size)
    {
        pages.Restart(size);
        return ReloadPageAsync();
    }

    private Task NextAsync()
    {
        pages.Next(rows[^1].Sequence);
        return ReloadPageAsync();
    }

    private Task PreviousAsync()
    {
        pages.Previous();
        return ReloadPageAsync();
    }

    private Task ReloadPageAsync() => grid?.ReloadServerData() ?? Task.CompletedTask;

    private async Task<GridData<OrganisationAuditEntry>> LoadAsync(GridState<OrganisationAuditEntry> state, CancellationToken cancellationToken)
    {
        loading = true;
        var fetched = await Log.PageAsync(applied, pages.Number == 1 ? null : pages.After, pages.Fetch);
        rows = pages.Keep(fetched);
        loading = false;
        StateHasChanged(); // The summary and the pager live outside the grid's own render.
        return new GridData<OrganisationAuditEntry> { Items = rows, TotalItems = rows.Count };
    }

    private DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), timeZone);
}
