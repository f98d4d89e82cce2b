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
}
