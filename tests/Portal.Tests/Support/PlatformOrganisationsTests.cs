using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Web.Audit;
using Portal.Web.Features.Support;

namespace Portal.Tests.Support;

public sealed class PlatformOrganisationsTests : AppTest
{
    private const string PlatformAdmin = "admin@portal.test";

    [Fact]
    public async Task Staff_list_every_organisation_with_its_member_count()
    {
        var rows = await PageAsync("support@portal.test", null);

        rows.Single(r => r.Name == "Acme").Members.ShouldBe(3);
        rows.Single(r => r.Name == "Globex").Members.ShouldBe(1);
        rows.Single(r => r.IsOperator).Members.ShouldBeGreaterThan(0);
        (await PageAsync("support@portal.test", "Glo")).Select(r => r.Name).ShouldBe(["Globex"]);
        var first = await PageAsync("support@portal.test", null, size: 1);
        (await PageAsync("support@portal.test", null, first[0].Cursor, size: 100)).Select(r => r.Name).ShouldBe(rows.Skip(1).Select(r => r.Name));
    }

    [Fact]
    public async Task Suspending_an_organisation_signs_every_member_out_and_keeps_them_out_until_lifted()
    {
        using var member = new PortalClient(Factory);
        await member.SignInAsync("member@acme.test");
        var acme = await AcmeIdAsync();

        (await ActAsync(PlatformAdmin, o => o.SuspendAsync(acme, "Unpaid invoices, ticket 42"))).ShouldBe(SuspensionOutcome.Done);

        (await member.IsSignedInAsync()).ShouldBeFalse();
        await member.SignInAsync("owner@acme.test");
        (await member.IsSignedInAsync()).ShouldBeFalse();
        (await PageAsync("support@portal.test", "Acme")).Single().SuspendedAt.ShouldNotBeNull();

        (await ActAsync(PlatformAdmin, o => o.LiftAsync(acme))).ShouldBe(SuspensionOutcome.Done);

        await member.SignInAsync("owner@acme.test");
        (await member.IsSignedInAsync()).ShouldBeTrue();
        await using var db = Factory.CreateDbContext();
        var events = await db.AuditEvents.Where(e => e.OrganisationId == acme && e.Action.StartsWith("organisation.suspen")).OrderBy(e => e.Sequence).ToListAsync();
        events.Select(e => e.Action).ShouldBe([AuditActions.OrganisationSuspended, AuditActions.OrganisationSuspensionLifted]);
        events[0].Target!.ShouldStartWith("Unpaid invoices, ticket 42");
        events[0].ActorId.ShouldBe(await Factory.UserIdAsync(PlatformAdmin));
    }

    [Fact]
    public async Task Only_a_platform_admin_suspends_never_the_operator_and_never_without_a_reason()
    {
        var acme = await AcmeIdAsync();
        var operatorId = (await PageAsync("support@portal.test", null)).Single(r => r.IsOperator).Id;

        (await ActAsync("support@portal.test", o => o.SuspendAsync(acme, "reason"))).ShouldBe(SuspensionOutcome.Forbidden);
        (await ActAsync("owner@acme.test", o => o.SuspendAsync(acme, "reason"))).ShouldBe(SuspensionOutcome.Forbidden);
        (await ActAsync(PlatformAdmin, o => o.SuspendAsync(operatorId, "reason"))).ShouldBe(SuspensionOutcome.Forbidden);
        (await ActAsync(PlatformAdmin, o => o.SuspendAsync(acme, "   "))).ShouldBe(SuspensionOutcome.Invalid);
        (await ActAsync(PlatformAdmin, o => o.SuspendAsync(Guid.NewGuid(), "reason"))).ShouldBe(SuspensionOutcome.NotFound);
        await Should.ThrowAsync<UnauthorizedAccessException>(() => PageAsync("owner@acme.test", null));

        await using var db = Factory.CreateDbContext();
        (await db.Organisations.CountAsync(o => o.SuspendedAt != null)).ShouldBe(0);
        (await db.AuditEvents.CountAsync(e => e.Action == AuditActions.OrganisationSuspended)).ShouldBe(0);
    }

    private async Task<IReadOnlyList<PlatformOrganisationRow>> PageAsync(string actor, string? search, PlatformOrganisationCursor? after = null, int size = 100)
    {
        using var scope = await Factory.ScopeForSessionAsync(actor, Guid.NewGuid());
        return await scope.ServiceProvider.GetRequiredService<PlatformOrganisations>().PageAsync(search, after, size);
    }

    private async Task<SuspensionOutcome> ActAsync(string actor, Func<PlatformOrganisations, Task<SuspensionOutcome>> act)
    {
        using var scope = await Factory.ScopeForSessionAsync(actor, Guid.NewGuid());
        return await act(scope.ServiceProvider.GetRequiredService<PlatformOrganisations>());
    }

    private async Task<Guid> AcmeIdAsync()
    {
        await using var db = Factory.CreateDbContext();
        return await db.Organisations.Where(o => o.Name == "Acme").Select(o => o.Id).SingleAsync();
    }
}
