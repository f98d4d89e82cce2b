using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Web.Features.Organisations;
using MudBlazor;
using MudBlazor.Services;

namespace Portal.Tests.Organisations;

/// <summary>The members page over the real directory of the seeded Acme (63 members), as admin@acme.test.</summary>
public sealed class MembersPageTests(MemberDirectoryFixture app) : IClassFixture<MemberDirectoryFixture>, IAsyncLifetime
{
    private readonly BunitContext _page = new();
    private AsyncServiceScope _scope;

    public async Task InitializeAsync()
    {
        _scope = await app.Factory.ActingAsAsync("admin@acme.test");
        _page.JSInterop.Mode = JSRuntimeMode.Loose;
        _page.Services.AddLocalization();
        _page.Services.AddMudServices();
        _page.Services.AddSingleton<TimeProvider>(app.Factory.Time);
        _page.Services.AddSingleton(_scope.ServiceProvider.GetRequiredService<MemberDirectory>());
        _page.Services.AddSingleton(_scope.ServiceProvider.GetRequiredService<Portal.Web.Tenancy.CurrentUser>());
    }

    public async Task DisposeAsync()
    {
        await _page.DisposeAsync();
        await _scope.DisposeAsync();
    }

    [Fact]
    public async Task Next_and_previous_walk_the_pages_by_cursor_and_say_where_they_are()
    {
        var page = _page.Render<MembersPage>();
        page.WaitForAssertion(() => Summary(page).ShouldBe("Members 1–25 of 63"));
        page.Find("[data-testid=members-previous]").HasAttribute("disabled").ShouldBeTrue();

        await page.Find("[data-testid=members-next]").ClickAsync(new());
        page.WaitForAssertion(() => Summary(page).ShouldBe("Members 26–50 of 63"));
        var firstOfPageTwo = Names(page)[0];
        await page.Find("[data-testid=members-next]").ClickAsync(new());
        page.WaitForAssertion(() => Summary(page).ShouldBe("Members 51–63 of 63"));
        page.Find("[data-testid=members-next]").HasAttribute("disabled").ShouldBeTrue();
        page.Find("[data-testid=members-page]").TextContent.ShouldBe("Page 3");
        await page.Find("[data-testid=members-previous]").ClickAsync(new());

        page.WaitForAssertion(() => Summary(page).ShouldBe("Members 26–50 of 63"));
        Names(page)[0].ShouldBe(firstOfPageTwo);
        Names(page).Count.ShouldBe(25);
    }

    [Fact]
    public void The_search_waits_for_typing_to_pause_then_starts_again_at_the_first_page()
    {
        var page = _page.Render<MembersPage>();
        page.WaitForAssertion(() => Summary(page).ShouldBe("Members 1–25 of 63"));

        page.Find("[data-testid=members-search]").Input("lovel");
        page.Find("[data-testid=members-search]").Input("lovelace");
        Summary(page).ShouldBe("Members 1–25 of 63");
        app.Factory.Time.Advance(MembersPage.SearchDelay);

        page.WaitForAssertion(() => Summary(page).ShouldBe("Members 1–12 of 12"));
        Names(page).ShouldAllBe(name => name == "Ada Lovelace");
        page.FindAll("[data-testid=member-name]").Select(link => link.GetAttribute("href"))
            .ShouldBe(app.AcmeIds.Take(12).Select(id => $"organisation/members/{id}"), ignoreOrder: true);
    }

    [Fact]
    public async Task Role_and_status_filters_show_each_rows_role_and_status_and_an_empty_state()
    {
        var page = _page.Render<MembersPage>();
        page.WaitForAssertion(() => Summary(page).ShouldBe("Members 1–25 of 63"));

        await ChooseAsync(page, (OrganisationRole?)OrganisationRole.Admin);
        page.WaitForAssertion(() => Summary(page).ShouldBe("Members 1–7 of 7"));
        page.FindAll("[data-testid=member-role]").Select(e => e.TextContent).ShouldAllBe(role => role == "Administrator");

        await ChooseAsync(page, (MemberStatus?)MemberStatus.Restricted);
        page.WaitForAssertion(() => Summary(page).ShouldBe("No members match this search and these filters."));
        page.Find("[data-testid=members-empty]").TextContent.ShouldContain("choose all roles and all statuses");

        await ChooseAsync(page, (OrganisationRole?)null);
        page.WaitForAssertion(() => Summary(page).ShouldBe("Members 1–4 of 4"));
        page.FindAll("[data-testid=member-status]").ShouldAllBe(e => e.TextContent == "Restricted");
        page.FindComponents<MemberStatusChip>().ShouldAllBe(chip => MemberStatusChip.ColorOf(chip.Instance.Status) == Color.Error);
    }

    [Fact]
    public async Task An_admin_cannot_open_the_record_of_an_owner_above_them()
    {
        var page = _page.Render<MembersPage>();
        page.WaitForAssertion(() => Summary(page).ShouldBe("Members 1–25 of 63"));

        await ChooseAsync(page, (OrganisationRole?)OrganisationRole.Owner);

        page.WaitForAssertion(() => page.FindAll("[data-testid=member-role]").ShouldAllBe(e => e.TextContent == "Owner"));
        page.FindAll("[data-testid=member-name]").ShouldAllBe(name => name.TagName == "SPAN");
    }

    /// <summary>Chooses in the select for this type of value, as picking an item from its list does.</summary>
    private static Task ChooseAsync<T>(IRenderedComponent<MembersPage> page, T value)
    {
        var select = page.FindComponent<MudSelect<T>>();
        return page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(value));
    }

    private static string Summary(IRenderedComponent<MembersPage> page) => page.Find("[data-testid=members-summary]").TextContent.Trim();

    private static List<string> Names(IRenderedComponent<MembersPage> page) => page.FindAll("[data-testid=member-name]").Select(e => e.TextContent).ToList();
}
