using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Web.Components.Lists;

namespace Portal.Web.Features.Organisations;

public sealed partial class MembersPage : IDisposable
{
    /// <summary>Typing pauses this long before the directory is asked again, so one query runs per word, not per key.</summary>
    public static readonly TimeSpan SearchDelay = TimeSpan.FromMilliseconds(300);

    private readonly KeysetPages<MemberCursor> pages = new(MemberDirectory.PageSize);
    private MudDataGrid<MemberRow>? grid;
    private IReadOnlyList<MemberRow> rows = [];
    private MemberCount? count;
    private bool loading = true;
    private string search = "";
    private OrganisationRole? role;
    private MemberStatus? status;
    private CancellationTokenSource? typing;
    private IReadOnlySet<OrganisationRole> openable = new HashSet<OrganisationRole>();

    [Inject] private MemberDirectory Directory { get; set; } = default!;

    [Inject] private TimeProvider Time { get; set; } = default!;

    private MemberQuery Query => new(search, role, status);

    private bool IsFiltered => search.Trim().Length > 0 || role is not null || status is not null;

    private string? Summary
    {
        get
        {
            if (loading || count is null)
            {
                return null;
            }

            if (rows.Count == 0)
            {
                return L["Members_NoMatch"].Value;
            }

            var culture = CultureInfo.CurrentCulture;
            return L[count.IsCapped ? "Members_ShowingCapped" : "Members_Showing",
                First.ToString("N0", culture), (First + rows.Count - 1).ToString("N0", culture), count.Value.ToString("N0", culture)].Value;
        }
    }

    private int First => pages.FirstRow;

    protected override async Task OnInitializedAsync() => openable = await Directory.RolesOpenedAsync();

    private async Task SearchChangedAsync(string value)
    {
        search = value;
        typing?.Cancel();
        typing?.Dispose();
        typing = new CancellationTokenSource();
        try
        {
            await Task.Delay(SearchDelay, Time, typing.Token);
        }
        catch (OperationCanceledException)
        {
            return; // A later keystroke is waiting its own turn.
        }

        await ReloadAsync();
    }

    private Task RoleChangedAsync(OrganisationRole? value)
    {
        role = value;
        return ReloadAsync();
    }

    private Task StatusChangedAsync(MemberStatus? value)
    {
        status = value;
        return ReloadAsync();
    }

    private Task SizeChangedAsync(int size)
    {
        pages.Restart(size);
        return ReloadPageAsync();
    }

    /// <summary>A new question starts again at the first page, with a fresh (capped) count.</summary>
    private Task ReloadAsync()
    {
        pages.Restart();
        count = null;
        return ReloadPageAsync();
    }

    private Task NextAsync()
    {
        pages.Next(rows[^1].Cursor);
        return ReloadPageAsync();
    }

    private Task PreviousAsync()
    {
        pages.Previous();
        return ReloadPageAsync();
    }

    private Task ReloadPageAsync() => grid?.ReloadServerData() ?? Task.CompletedTask;

    /// <summary>
    /// The grid asks for its rows here: one page after the current cursor, and the count once per question.
    /// The grid cancels a question overtaken by a newer one, so an older answer never replaces a newer one.
    /// </summary>
    private async Task<GridData<MemberRow>> LoadAsync(GridState<MemberRow> state, CancellationToken cancellationToken)
    {
        loading = true;
        var query = Query;
        var counting = count is null ? Directory.CountAsync(query, cancellationToken: cancellationToken) : Task.FromResult(count);
        var fetched = await Directory.PageAsync(query, pages.After, pages.Fetch, cancellationToken);
        rows = pages.Keep(fetched);
        count = await counting;
        loading = false;
        StateHasChanged(); // The summary and the pager live outside the grid's own render.
        return new GridData<MemberRow> { Items = rows, TotalItems = rows.Count };
    }

    private static string DisplayName(MemberRow row) => row.Name.Length > 0 ? row.Name : row.Email;

    /// <summary>Only members whose role is not above the administrator's own have a record they may open.</summary>
    private bool MayOpen(MemberRow row) => openable.Contains(row.Role);

    private static string DetailPath(MemberRow row) => $"organisation/members/{Uri.EscapeDataString(row.UserId)}";

    internal static string BadgeClass(MemberStatus value) => value switch
    {
        MemberStatus.Active => "portal-badge-success",
        MemberStatus.Invited => "portal-badge-warning",
        MemberStatus.Restricted => "portal-badge-danger",
        _ => "portal-badge-neutral",
    };

    public void Dispose()
    {
        typing?.Cancel();
        typing?.Dispose();
    }
}
