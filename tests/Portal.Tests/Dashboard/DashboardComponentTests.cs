using System.Globalization;
using Bunit;
using Portal.Tests.Infrastructure;
using Portal.Web.Audit;
using Portal.Web.Features.Dashboard;
using Portal.Web.Features.Organisations;

namespace Portal.Tests.Dashboard;

public sealed class DashboardComponentTests : ComponentTest
{
    [Fact]
    public void The_pulse_shows_each_status_as_a_number_and_says_in_words_what_the_charts_draw()
    {
        var today = new DateOnly(2026, 12, 4);
        var days = Enumerable.Range(0, OrganisationPulse.Days).Select(i => new DayCount(today.AddDays(i - 29), i == 20 ? 9 : 1)).ToList();
        var pulse = new OrganisationPulseSummary(
            new Dictionary<MemberStatus, int> { [MemberStatus.Active] = 40, [MemberStatus.Restricted] = 2 },
            PendingInvitations: 3,
            days,
            [new OrganisationAuditEntry(1, new DateTime(2026, 12, 4, 9, 0, 0, DateTimeKind.Utc), AuditActions.MemberRestricted, "owner@acme.test", "mia@acme.test", null, null, null)]);

        var panel = Context.Render<OrganisationPulsePanel>(p => p.Add(x => x.Pulse, pulse).Add(x => x.TimeZone, TimeZoneInfo.Utc));

        panel.Find("[data-testid=pulse-active]").TextContent.ShouldContain("40");
        panel.Find("[data-testid=pulse-invited]").TextContent.ShouldContain("0");
        panel.Find("[data-testid=pulse-restricted]").TextContent.ShouldContain("2");
        panel.Find("[data-testid=pulse-invitations] a").GetAttribute("href").ShouldBe("organisation/invitations");
        panel.Find("[data-testid=pulse-sign-ins]").TextContent.ShouldBe($"38 sign-ins; the busiest day was {new DateOnly(2026, 11, 25).ToString("M", CultureInfo.CurrentCulture)} with 9.");
        panel.FindAll("figure div[role=img]")[0].GetAttribute("aria-label").ShouldBe("Active: 40, Invited: 0, Restricted: 2, Closed: 0");
        panel.Find("[data-testid=pulse-events]").TextContent.ShouldContain("mia@acme.test");
    }

    [Fact]
    public void Without_two_factor_the_security_card_offers_to_turn_it_on()
    {
        var card = Context.Render<SecurityGlanceCard>(p => p
            .Add(x => x.Security, new SecurityGlance(false, false, 0, 2, null, null))
            .Add(x => x.TimeZone, TimeZoneInfo.Utc));

        card.Find("[data-testid=glance-two-factor]").TextContent.ShouldBe("Two-factor sign-in is off");
        card.Find("[data-testid=glance-sessions]").TextContent.ShouldBe("Signed in on 2 device(s)");
        card.Find("[data-testid=glance-previous-sign-in]").TextContent.ShouldBe("No earlier sign-in");
        card.Find("a[href='account/security']").TextContent.Trim().ShouldBe("Turn on two-factor sign-in");
    }
}
