using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;
using Portal.Web.Features.Dashboard;

namespace Portal.Web.Features.Organisations;

/// <summary>One member as their administrators see them: what is in and about the account, and what may be done to it.</summary>
public sealed partial class MemberPage
{
    private MemberDetails? details;
    private TimeZoneInfo timeZone = TimeZoneInfo.Utc;
    private bool editingProfile;

    [Parameter] public string UserId { get; set; } = "";

    [Inject] private MemberRecord Record { get; set; } = default!;

    [Inject] private DashboardService Dashboard { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private string AuditPath => QueryHelpers.AddQueryString("organisation/audit", "person", details?.Email ?? "");

    /// <summary>The profile fields the member has filled in, with the labels the member's own editor uses.</summary>
    private IEnumerable<(string Label, string Value)> ProfileFacts
    {
        get
        {
            var p = details!.Profile;
            (string, string?)[] facts =
            [
                ("Field_FirstName", p.FirstName), ("Field_LastName", p.LastName), ("Profile_DisplayName", p.DisplayName),
                ("Profile_Username", p.Username), ("Profile_Phone", p.Phone), ("Profile_JobTitle", p.JobTitle), ("Profile_Company", p.Company),
                ("Profile_AddressLine1", p.AddressLine1), ("Profile_AddressLine2", p.AddressLine2), ("Profile_PostalCode", p.PostalCode),
                ("Profile_City", p.City), ("Profile_Country", p.Country), ("Profile_Language", p.Language), ("Profile_TimeZone", p.TimeZone),
                ("Member_Visibility", L[$"Member_Visibility{p.Visibility}"]),
                ("Member_Indexing", p.AllowSearchIndexing ? L["Member_On"] : L["Member_Off"]),
            ];
            return facts.Where(f => !string.IsNullOrWhiteSpace(f.Item2)).Select(f => (f.Item1, f.Item2!));
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        timeZone = await Dashboard.GetTimeZoneAsync();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        details = await Record.GetAsync(UserId);
        if (details is null)
        {
            Navigation.NotFound();
        }
    }

    private DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), timeZone);
}
