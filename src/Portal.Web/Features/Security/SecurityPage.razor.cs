using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Portal.Web.Features.Dashboard;
using Portal.Web.Resources;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Security;

public sealed partial class SecurityPage
{
    private SecuritySummary? summary;
    private IReadOnlyList<SessionView> sessions = [];
    private IReadOnlyList<SignInAttemptView> recent = [];
    private TimeZoneInfo timeZone = TimeZoneInfo.Utc;
    private string? message;

    [Inject] private SecurityOverview Overview { get; set; } = default!;

    [Inject] private UserSessions Sessions { get; set; } = default!;

    [Inject] private SignInHistory History { get; set; } = default!;

    [Inject] private DashboardService Dashboard { get; set; } = default!;

    [Inject] private CurrentUser CurrentUser { get; set; } = default!;

    private string UserId => CurrentUser.UserId ?? throw new InvalidOperationException("No one is signed in.");

    protected override async Task OnInitializedAsync()
    {
        timeZone = await Dashboard.GetTimeZoneAsync();
        summary = await Overview.GetAsync(UserId);
        recent = await History.PageAsync(UserId, size: 5);
        await LoadSessionsAsync();
    }

    private async Task LoadSessionsAsync() => sessions = await Sessions.ListAsync(UserId, CurrentUser.Principal.Session());

    private async Task EndAsync(SessionView session)
    {
        var ended = await Sessions.EndAsync(UserId, session.Id, SessionEndReasons.EndedByUser);
        message = ended ? L["Security_SessionEnded", session.Device] : L["Security_SessionGone"];
        await LoadSessionsAsync();
    }

    private async Task EndOthersAsync()
    {
        var current = CurrentUser.Principal.Session() ?? throw new InvalidOperationException("This sign-in has no session.");
        var count = await Sessions.EndOthersAsync(UserId, current, SessionEndReasons.EndedByUser);
        message = L["Security_OthersEnded", count];
        await LoadSessionsAsync();
    }
}
