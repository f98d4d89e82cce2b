using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Portal.Web.Features.Support;

/// <summary>Every organisation, for staff; PlatformAdmin suspends and lifts (the service decides again).</summary>
public sealed partial class SupportOrganisationsPage
{
    private readonly List<PlatformOrganisationCursor?> pageStarts = [null];
    private IReadOnlyList<PlatformOrganisationRow> rows = [];
    private bool hasNext;
    private bool isPlatformAdmin;
    private string search = "";
    private string reason = "";
    private PlatformOrganisationRow? suspending;
    private string? message;
    private bool failed;

    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    [Inject] private IAuthorizationService AuthorizationService { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        isPlatformAdmin = (await AuthorizationService.AuthorizeAsync((await Authentication).User, Authorization.Policies.PlatformAdmin)).Succeeded;
        await LoadAsync();
    }

    private Task SearchAsync()
    {
        pageStarts.RemoveRange(1, pageStarts.Count - 1);
        return LoadAsync();
    }

    private Task NextAsync()
    {
        pageStarts.Add(rows[^1].Cursor);
        return LoadAsync();
    }

    private Task PreviousAsync()
    {
        pageStarts.RemoveAt(pageStarts.Count - 1);
        return LoadAsync();
    }

    private void Ask(PlatformOrganisationRow row)
    {
        suspending = row;
        reason = "";
        message = null;
    }

    private async Task SuspendAsync()
    {
        var row = suspending!;
        await ReportAsync(await Organisations.SuspendAsync(row.Id, reason), L["SupportOrgs_SuspendedDone", row.Name]);
        if (!failed)
        {
            suspending = null;
        }
    }

    private async Task LiftAsync(PlatformOrganisationRow row) =>
        await ReportAsync(await Organisations.LiftAsync(row.Id), L["SupportOrgs_LiftedDone", row.Name]);

    private async Task ReportAsync(SuspensionOutcome outcome, string done)
    {
        failed = outcome != SuspensionOutcome.Done;
        message = failed ? L[$"SupportOrgs_{outcome}"] : done;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var page = await Organisations.PageAsync(search, pageStarts[^1], PlatformOrganisations.PageSize + 1);
        hasNext = page.Count > PlatformOrganisations.PageSize;
        rows = hasNext ? page.Take(PlatformOrganisations.PageSize).ToList() : page;
    }
}
