using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Portal.Web.Components.Lists;

namespace Portal.Web.Features.Support;

/// <summary>Every organisation, for staff; PlatformAdmin suspends and lifts (the service decides again).</summary>
public sealed partial class SupportOrganisationsPage
{
    private readonly KeysetPages<PlatformOrganisationCursor> pages = new(PlatformOrganisations.PageSize);
    private MudDataGrid<PlatformOrganisationRow>? grid;
    private IReadOnlyList<PlatformOrganisationRow> rows = [];
    private bool loading = true;
    private bool busy;
    private bool isPlatformAdmin;
    private string search = "";
    private string asked = "";
    private string reason = "";
    private PlatformOrganisationRow? suspending;
    private string? message;
    private bool failed;

    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    [Inject] private IAuthorizationService AuthorizationService { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnInitializedAsync() =>
        isPlatformAdmin = (await AuthorizationService.AuthorizeAsync((await Authentication).User, Authorization.Policies.PlatformAdmin)).Succeeded;

    private Task SearchAsync()
    {
        asked = search;
        pages.Restart();
        return ReloadAsync();
    }

    private Task SizeChangedAsync(int size)
    {
        pages.Restart(size);
        return ReloadAsync();
    }

    private Task NextAsync()
    {
        pages.Next(rows[^1].Cursor);
        return ReloadAsync();
    }

    private Task PreviousAsync()
    {
        pages.Previous();
        return ReloadAsync();
    }

    private Task ReloadAsync() => grid?.ReloadServerData() ?? Task.CompletedTask;

    private async Task<GridData<PlatformOrganisationRow>> LoadAsync(GridState<PlatformOrganisationRow> state, CancellationToken cancellationToken)
    {
        loading = true;
        rows = pages.Keep(await Organisations.PageAsync(asked, pages.After, pages.Fetch));
        loading = false;
        StateHasChanged();
        return new GridData<PlatformOrganisationRow> { Items = rows, TotalItems = rows.Count };
    }

    private string StatusText(PlatformOrganisationRow row) =>
        row.IsOperator ? L["SupportOrgs_Operator"] : row.SuspendedAt is null ? L["SupportOrgs_Active"] : L["SupportOrgs_Suspended"];

    private static Color StatusColor(PlatformOrganisationRow row) =>
        row.IsOperator ? Color.Default : row.SuspendedAt is null ? Color.Success : Color.Error;

    private void Ask(PlatformOrganisationRow row)
    {
        suspending = row;
        reason = "";
        message = null;
    }

    private async Task SuspendAsync()
    {
        if (busy || suspending is not { } row)
        {
            return;
        }

        await ReportAsync(() => Organisations.SuspendAsync(row.Id, reason), L["SupportOrgs_SuspendedDone", row.Name]);
        if (!failed)
        {
            suspending = null;
        }
    }

    private Task LiftAsync(PlatformOrganisationRow row) =>
        ReportAsync(() => Organisations.LiftAsync(row.Id), L["SupportOrgs_LiftedDone", row.Name]);

    private async Task ReportAsync(Func<Task<SuspensionOutcome>> change, string done)
    {
        busy = true;
        try
        {
            var outcome = await change();
            failed = outcome != SuspensionOutcome.Done;
            message = failed ? L[$"SupportOrgs_{outcome}"] : done;
            if (!failed)
            {
                Snackbar.Add(message, Severity.Success);
            }

            await ReloadAsync();
        }
        finally
        {
            busy = false;
        }
    }
}
