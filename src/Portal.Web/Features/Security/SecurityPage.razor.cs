using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;
using Portal.Web.Components;
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

    /// <summary>
    /// Read while prerendering and handed to the interactive render, so it is read once. Ending a session reads the
    /// list again; a resumed circuit reads everything afresh.
    /// </summary>
    [PersistentState(RestoreBehavior = RestoreBehavior.SkipLastSnapshot)]
    public SecurityPageState? Loaded { get; set; }

    [Inject] private SecurityOverview Overview { get; set; } = default!;

    [Inject] private UserSessions Sessions { get; set; } = default!;

    [Inject] private SignInHistory History { get; set; } = default!;

    [Inject] private DashboardService Dashboard { get; set; } = default!;

    [Inject] private CurrentUser CurrentUser { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private string UserId => CurrentUser.UserId ?? throw new InvalidOperationException("No one is signed in.");

    private bool TwoFactorMissing => summary is { TwoFactorEnabled: false, TwoFactorRequired: true };

    private Color TwoFactorColor => summary!.TwoFactorEnabled ? Color.Success : TwoFactorMissing ? Color.Error : Color.Default;

    private string TwoFactorIcon => summary!.TwoFactorEnabled ? Icons.Material.Outlined.CheckCircle
        : TwoFactorMissing ? Icons.Material.Outlined.ErrorOutline : Icons.Material.Outlined.RemoveCircleOutline;

    private string TwoFactorWord => L[summary!.TwoFactorEnabled ? "Security_StatusOn" : TwoFactorMissing ? "Security_StatusRequired" : "Security_StatusOff"];

    private string TwoFactorSentence => L[summary!.TwoFactorEnabled ? "Security_TwoFactorOn" : TwoFactorMissing ? "Security_TwoFactorRequired" : "Security_TwoFactorOff"];

    protected override async Task OnInitializedAsync()
    {
        Loaded ??= new SecurityPageState(
            await Overview.GetAsync(UserId),
            [.. await ListSessionsAsync()],
            [.. await History.PageAsync(UserId, size: 5)],
            (await Dashboard.GetTimeZoneAsync()).Id);
        timeZone = Loaded.TimeZone;
        summary = Loaded.Summary;
        recent = Loaded.Recent;
        sessions = Loaded.Sessions;
    }

    private Task<IReadOnlyList<SessionView>> ListSessionsAsync() => Sessions.ListAsync(UserId, CurrentUser.Principal.Session());

    private async Task LoadSessionsAsync() => sessions = await ListSessionsAsync();

    private async Task EndAsync(SessionView session)
    {
        var confirmed = await Dialogs.ConfirmAsync(new Confirmation(
            L["Security_EndSessionTitle"], L["Security_EndSessionMessage", session.Device], L["Security_EndSession"], L["Common_Cancel"], Danger: true));
        if (!confirmed)
        {
            return;
        }

        var ended = await Sessions.EndAsync(UserId, session.Id, SessionEndReasons.EndedByUser);
        Tell(ended ? L["Security_SessionEnded", session.Device] : L["Security_SessionGone"], ended ? Severity.Success : Severity.Info);
        await LoadSessionsAsync();
    }

    private async Task EndOthersAsync()
    {
        var confirmed = await Dialogs.ConfirmAsync(new Confirmation(
            L["Security_EndOthersTitle"], L["Security_EndOthersMessage"], L["Security_EndOthers"], L["Common_Cancel"], Danger: true));
        if (!confirmed)
        {
            return;
        }

        var current = CurrentUser.Principal.Session() ?? throw new InvalidOperationException("This sign-in has no session.");
        var count = await Sessions.EndOthersAsync(UserId, current, SessionEndReasons.EndedByUser);
        Tell(L["Security_OthersEnded", count], Severity.Success);
        await LoadSessionsAsync();
    }

    private void Tell(string text, Severity severity)
    {
        message = text;
        Snackbar.Add(text, severity);
    }
}
