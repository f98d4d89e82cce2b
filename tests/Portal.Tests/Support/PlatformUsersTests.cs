using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Web.Audit;
using Portal.Web.Features.Dashboard;
using Portal.Web.Features.Support;

namespace Portal.Tests.Support;

public sealed class PlatformUsersTests : AppTest
{
    private const string Agent = "support@portal.test";

    [Fact]
    public async Task Support_finds_people_in_every_organisation_by_address_or_name()
    {
        var byAddress = await PageAsync(Agent, "member@acme");
        var byName = await PageAsync(Agent, "gina");

        byAddress.Single().Organisation.ShouldBe("Acme");
        byAddress.Single().Email.ShouldBe("member@acme.test");
        byName.Single().Email.ShouldBe("owner@globex.test");
        byName.Single().Organisation.ShouldBe("Globex");
    }

    [Fact]
    public async Task Pages_follow_each_other_by_keyset_without_repeating_anyone()
    {
        var everyone = await PageAsync(Agent, null, size: 100);
        var walked = new List<PlatformUserRow>();
        PlatformUserCursor? after = null;
        for (var page = 0; page < 50; page++)
        {
            var rows = await PageAsync(Agent, null, after, size: 2);
            walked.AddRange(rows);
            if (rows.Count < 2)
            {
                break;
            }

            after = rows[^1].Cursor;
        }

        walked.Select(r => r.UserId).ShouldBe(everyone.Select(r => r.UserId));
        everyone.Select(r => r.Organisation).Distinct().Count().ShouldBeGreaterThan(2);
    }

    [Theory]
    [InlineData("owner@acme.test")]
    [InlineData("member@acme.test")]
    public async Task Nobody_but_staff_searches_across_organisations(string actor)
    {
        await Should.ThrowAsync<UnauthorizedAccessException>(() => PageAsync(actor, "member"));

        using var client = new PortalClient(Factory);
        await client.SignInAsync(actor);
        var response = await client.Http.GetAsync(new Uri("/support/users", UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.ShouldBe("/Account/AccessDenied");
    }

    [Fact]
    public async Task Someone_turned_away_from_the_console_is_recorded_and_a_visitor_is_only_asked_to_sign_in()
    {
        using var owner = new PortalClient(Factory);
        await owner.SignInAsync("owner@acme.test");
        using var visitor = new PortalClient(Factory);

        (await owner.Http.GetAsync(new Uri("/support/audit", UriKind.Relative))).Headers.Location!.AbsolutePath.ShouldBe("/Account/AccessDenied");
        (await visitor.Http.GetAsync(new Uri("/support", UriKind.Relative))).Headers.Location!.AbsolutePath.ShouldBe("/Account/Login");
        (await owner.Http.GetAsync(new Uri("/organisation/members", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using var db = Factory.CreateDbContext();
        var refused = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.StaffAreaRefused);
        refused.ActorId.ShouldBe(await Factory.UserIdAsync("owner@acme.test"));
        refused.Target.ShouldBe("/support/audit");
    }

    [Fact]
    public async Task Support_opens_a_person_s_record_read_only_and_the_visit_is_recorded_for_them()
    {
        var memberId = await Factory.UserIdAsync("member@acme.test");
        using (var scope = await Factory.ScopeForSessionAsync(Agent, Guid.NewGuid()))
        {
            var record = await scope.ServiceProvider.GetRequiredService<PlatformUsers>().GetAsync(memberId);

            record.ShouldNotBeNull();
            record.Value.Organisation.ShouldBe("Acme");
            record.Value.Details.Email.ShouldBe("member@acme.test");
            record.Value.Details.Allowed.ShouldNotContain(Portal.Web.Authorization.MemberAction.Restrict);
            record.Value.Details.Allowed.ShouldNotContain(Portal.Web.Authorization.MemberAction.EditProfile);
        }

        await using var db = Factory.CreateDbContext();
        var viewed = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.SupportViewedUser);
        viewed.ActorId.ShouldBe(await Factory.UserIdAsync(Agent));
        viewed.SubjectId.ShouldBe(memberId);
        using var member = await Factory.ScopeForSessionAsync("member@acme.test", Guid.NewGuid());
        (await member.ServiceProvider.GetRequiredService<DashboardService>().GetActivityAsync(null))
            .ShouldContain(a => a.Action == AuditActions.SupportViewedUser && a.By == ActivityActor.Staff);
    }

    [Fact]
    public async Task Support_signs_a_person_out_everywhere_and_the_person_sees_staff_did_it()
    {
        using var member = new PortalClient(Factory);
        await member.SignInAsync("member@acme.test");
        var memberId = await Factory.UserIdAsync("member@acme.test");

        using (var scope = await Factory.ScopeForSessionAsync(Agent, Guid.NewGuid()))
        {
            (await scope.ServiceProvider.GetRequiredService<PlatformUsers>().EndSessionsAsync(memberId)).ShouldBeTrue();
            (await scope.ServiceProvider.GetRequiredService<PlatformUsers>().EndSessionsAsync("no-such-person")).ShouldBeFalse();
        }

        (await member.IsSignedInAsync()).ShouldBeFalse();
        await using var db = Factory.CreateDbContext();
        var ended = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.SessionsEndedAll && e.SubjectId == memberId);
        ended.ActorId.ShouldBe(await Factory.UserIdAsync(Agent));
        await Should.ThrowAsync<UnauthorizedAccessException>(async () =>
        {
            using var scope = await Factory.ScopeForSessionAsync("owner@acme.test", Guid.NewGuid());
            await scope.ServiceProvider.GetRequiredService<PlatformUsers>().EndSessionsAsync(memberId);
        });
    }

    [Fact]
    public async Task An_unknown_person_is_not_found_and_nothing_is_recorded()
    {
        using var client = new PortalClient(Factory);
        await client.SignInAsync(Agent);

        (await client.Http.GetAsync(new Uri("/support/users/no-such-person", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var page = await client.GetStringAsync($"/support/users/{await Factory.UserIdAsync("owner@globex.test")}");
        page.ShouldContain("data-testid=\"support-user-title\"");
        page.ShouldContain("Gina Globex");

        await using var db = Factory.CreateDbContext();
        (await db.AuditEvents.CountAsync(e => e.Action == AuditActions.SupportViewedUser)).ShouldBe(1);
    }

    private async Task<IReadOnlyList<PlatformUserRow>> PageAsync(string actor, string? search, PlatformUserCursor? after = null, int size = PlatformUsers.PageSize)
    {
        using var scope = await Factory.ScopeForSessionAsync(actor, Guid.NewGuid());
        return await scope.ServiceProvider.GetRequiredService<PlatformUsers>().PageAsync(search, after, size);
    }
}
