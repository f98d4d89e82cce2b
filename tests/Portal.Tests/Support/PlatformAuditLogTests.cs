using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Web.Audit;
using Portal.Web.Features.Organisations;
using Portal.Web.Features.Support;

namespace Portal.Tests.Support;

public sealed class PlatformAuditLogTests : AppTest
{
    private const string Agent = "support@portal.test";

    public override async Task InitializeAsync()
    {
        var memberId = await Factory.UserIdAsync("member@acme.test");
        using (var scope = await Factory.ScopeForSessionAsync("admin@acme.test", Guid.NewGuid()))
        {
            await scope.ServiceProvider.GetRequiredService<MemberAdministration>().RestrictAsync(memberId);
        }

        using var globex = await Factory.ScopeForSessionAsync("owner@globex.test", Guid.NewGuid());
        var settings = globex.ServiceProvider.GetRequiredService<OrganisationSettings>();
        var form = (await settings.GetAsync()).Form;
        form.RequireTwoFactor = true;
        await settings.UpdateAsync(form);
    }

    [Fact]
    public async Task Staff_read_every_organisation_s_events_and_narrow_them_by_who_to_whom_where_and_what()
    {
        var all = await PageAsync(Agent, new PlatformAuditFilter());
        all.Select(e => e.Organisation).ShouldContain("Acme");
        all.Select(e => e.Organisation).ShouldContain("Globex");

        var byActor = await PageAsync(Agent, new PlatformAuditFilter(ActorEmail: "ADMIN@acme.test"));
        byActor.ShouldNotBeEmpty();
        byActor.ShouldAllBe(e => e.Actor == "admin@acme.test");

        var restricted = await PageAsync(Agent, new PlatformAuditFilter(Action: AuditActions.MemberRestricted, SubjectEmail: "member@acme.test"));
        restricted.Single().Actor.ShouldBe("admin@acme.test");

        var globex = await PageAsync(Agent, new PlatformAuditFilter(OrganisationSlug: "globex"));
        globex.ShouldAllBe(e => e.Organisation == "Globex");
        globex.ShouldContain(e => e.Action == AuditActions.OrganisationSettingsChanged);

        (await PageAsync(Agent, new PlatformAuditFilter(ActorEmail: "nobody@example.test"))).ShouldBeEmpty();
        (await PageAsync(Agent, new PlatformAuditFilter(OrganisationSlug: "no-such-org"))).ShouldBeEmpty();
    }

    [Fact]
    public async Task Older_pages_follow_by_sequence_without_gaps()
    {
        var all = await PageAsync(Agent, new PlatformAuditFilter(), size: 200);
        var walked = new List<PlatformAuditEntry>();
        long? before = null;
        for (var page = 0; page < 100; page++)
        {
            var rows = await PageAsync(Agent, new PlatformAuditFilter(), before, size: 3);
            walked.AddRange(rows);
            if (rows.Count < 3)
            {
                break;
            }

            before = rows[^1].Sequence;
        }

        walked.Select(e => e.Sequence).ShouldBe(all.Select(e => e.Sequence));
    }

    [Theory]
    [InlineData("owner@acme.test")]
    [InlineData("admin@acme.test")]
    public async Task Nobody_but_staff_reads_the_whole_log(string actor)
    {
        await Should.ThrowAsync<UnauthorizedAccessException>(() => PageAsync(actor, new PlatformAuditFilter()));
    }

    private async Task<IReadOnlyList<PlatformAuditEntry>> PageAsync(string actor, PlatformAuditFilter filter, long? before = null, int size = PlatformAuditLog.PageSize)
    {
        using var scope = await Factory.ScopeForSessionAsync(actor, Guid.NewGuid());
        return await scope.ServiceProvider.GetRequiredService<PlatformAuditLog>().PageAsync(filter, before, size);
    }
}
