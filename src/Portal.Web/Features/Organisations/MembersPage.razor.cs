using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace Portal.Web.Features.Organisations;

public sealed partial class MembersPage : IDisposable
{
    /// <summary>Typing pauses this long before the directory is asked again, so one query runs per word, not per key.</summary>
    public static readonly TimeSpan SearchDelay = TimeSpan.FromMilliseconds(300);

    // The cursor each visited page started after (null: the first page); Previous goes back one, Next adds one.
    private readonly List<MemberCursor?> pageStarts = [null];
    private IReadOnlyList<MemberRow> rows = [];
    private MemberCount? count;
    private bool hasNext;
    private bool loading = true;
    private string search = "";
    private OrganisationRole? role;
    private MemberStatus? status;
    private CancellationTokenSource? typing;
    private int generation;
    private IReadOnlySet<OrganisationRole> openable = new HashSet<OrganisationRole>();

    [Inject] private MemberDirectory Directory { get; set; } = default!;

    [Inject] private TimeProvider Time { get; set; } = default!;

    private MemberQuery Query => new(search, role, status);

    private bool IsFiltered => search.Trim().Length > 0 || role is not null || status is not null;

    private string RoleValue => role?.ToString() ?? "";

    private string StatusValue => status?.ToString() ?? "";

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

    private int First => ((pageStarts.Count - 1) * MemberDirectory.PageSize) + 1;

    protected override async Task OnInitializedAsync()
    {
        openable = await Directory.RolesOpenedAsync();
        await ReloadAsync();
    }

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

    private Task RoleChangedAsync(string value)
    {
        role = Enum.TryParse<OrganisationRole>(value, out var parsed) ? parsed : null;
        return ReloadAsync();
    }

    private Task StatusChangedAsync(string value)
    {
        status = Enum.TryParse<MemberStatus>(value, out var parsed) ? parsed : null;
        return ReloadAsync();
    }

    /// <summary>A new question starts again at the first page, with a fresh (capped) count.</summary>
    private async Task ReloadAsync()
    {
        pageStarts.RemoveRange(1, pageStarts.Count - 1);
        pageStarts[0] = null;
        var query = Query;
        var current = ++generation;
        loading = true;
        var counting = Directory.CountAsync(query);
        await LoadPageAsync(query, current);
        var counted = await counting;
        if (current == generation)
        {
            count = counted;
        }
    }

    private Task NextAsync()
    {
        pageStarts.Add(rows[^1].Cursor);
        return LoadPageAsync(Query, ++generation);
    }

    private Task PreviousAsync()
    {
        pageStarts.RemoveAt(pageStarts.Count - 1);
        return LoadPageAsync(Query, ++generation);
    }

    /// <summary>Loads one more row than it shows, to know whether there is a next page; an answer to an older question is dropped.</summary>
    private async Task LoadPageAsync(MemberQuery query, int current)
    {
        loading = true;
        var page = await Directory.PageAsync(query, pageStarts[^1], MemberDirectory.PageSize + 1);
        if (current != generation)
        {
            return;
        }

        hasNext = page.Count > MemberDirectory.PageSize;
        rows = hasNext ? page.Take(MemberDirectory.PageSize).ToList() : page;
        loading = false;
    }

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
