using Bunit;
using Portal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Features.Dashboard;

namespace Portal.Tests.Components;

public sealed class ActivityListTests : ComponentTest
{
    [Fact]
    public void An_empty_history_says_so()
    {
        var list = Context.Render<ActivityList>(p => p.Add(c => c.Events, []));

        list.Markup.ShouldContain("No activity yet.");
    }

    [Fact]
    public void Actions_are_described_in_words_and_details_appear_only_when_asked()
    {
        ActivityItem[] events =
        [
            new(2, new DateTime(2026, 11, 22, 9, 0, 0, DateTimeKind.Utc), "account.signed_in", "203.0.113.9", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", ActivityActor.Self),
            new(1, new DateTime(2026, 11, 21, 9, 0, 0, DateTimeKind.Utc), "account.future_action", null, null, ActivityActor.Self),
        ];

        var list = Context.Render<ActivityList>(p => p.Add(c => c.Events, events).Add(c => c.ShowDetails, false));

        list.FindAll(".activity-action").Select(e => e.TextContent).ShouldBe(["Signed in", "account.future_action"]);
        list.FindAll("[data-testid=activity-details]").ShouldBeEmpty();

        list.Render(p => p.Add(c => c.ShowDetails, true));

        list.Find("[data-testid=activity-details]").TextContent.ShouldContain("203.0.113.9 · Firefox on Linux");
    }

    [Fact]
    public void Times_are_shown_in_the_readers_time_zone()
    {
        ActivityItem[] events = [new(1, new DateTime(2026, 7, 1, 9, 30, 0, DateTimeKind.Unspecified), "account.signed_in", null, null, ActivityActor.Self)];

        var list = Context.Render<ActivityList>(p => p.Add(c => c.Events, events).Add(c => c.TimeZone, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo")));

        list.Find("time").TextContent.ShouldContain("18:30");
        list.Find("time").GetAttribute("datetime")!.ShouldStartWith("2026-07-01T09:30");
    }

    [Fact]
    public void What_an_administrator_or_staff_did_says_so()
    {
        var at = new DateTime(2026, 11, 22, 9, 0, 0, DateTimeKind.Utc);
        ActivityItem[] events =
        [
            new(4, at, "profile.updated", null, null, ActivityActor.SupportActingForYou),
            new(3, at, "security.sessions_ended_all", null, null, ActivityActor.Administrator),
            new(2, at, "security.sessions_ended_all", null, null, ActivityActor.Staff),
            new(1, at, "account.signed_in", null, null, ActivityActor.Self),
        ];

        var list = Context.Render<ActivityList>(p => p.Add(c => c.Events, events));

        list.FindAll(".activity-action").Select(e => e.TextContent).ShouldBe([
            "Profile changed — by Portal support, acting for you",
            "All sessions ended — by your organisation's administrator",
            "All sessions ended — by Portal staff",
            "Signed in",
        ]);
    }
}
