using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Web.Data;
using Portal.Web.Features.Dashboard;
using Portal.Web.Features.Organisations;
using Portal.Web.Features.Security;
using Portal.Web.Features.Support;

namespace Portal.Tests.Dashboard;

/// <summary>The numbers on the home page, over Acme with its demo crowd (about sixty more members) and Globex beside it.</summary>
public sealed class OrganisationPulseTests : IAsyncLifetime
{
    private readonly PortalFactory factory = new() { SeedDemoCrowd = true };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task An_owner_sees_their_organisations_members_by_status_invitations_and_a_month_of_sign_ins()
    {
        await using var db = factory.CreateDbContext();
        var acme = await db.Organisations.SingleAsync(o => o.Slug == "acme");
        var expected = await db.OrganisationMembers.IgnoreQueryFilters().Where(m => m.TenantId == acme.Id)
            .GroupBy(m => m.Status).ToDictionaryAsync(g => g.Key, g => g.Count());

        var pulse = await PulseAsync("owner@acme.test");

        pulse.MembersByStatus.ShouldBe(expected, ignoreOrder: true);
        pulse.MembersByStatus.Values.Sum().ShouldBe(DemoCrowd.Members + 3);
        Enum.GetValues<MemberStatus>().ShouldAllBe(status => pulse.MembersByStatus.GetValueOrDefault(status) > 0);
        pulse.PendingInvitations.ShouldBe(DemoCrowd.Invitations);
        pulse.SignInsPerDay.Count.ShouldBe(OrganisationPulse.Days);
        pulse.SignInsPerDay[^1].Day.ShouldBe(DateOnly.FromDateTime(factory.Time.GetUtcNow().UtcDateTime));
        pulse.SignInsPerDay.Sum(d => d.Count).ShouldBe(await db.SignInAttempts.CountAsync(a => a.Outcome == SignInOutcome.Succeeded));
    }

    [Fact]
    public async Task Another_organisations_owner_sees_only_their_own_numbers()
    {
        var pulse = await PulseAsync("owner@globex.test");

        pulse.MembersByStatus.ShouldBe(new Dictionary<MemberStatus, int> { [MemberStatus.Active] = 1 });
        pulse.PendingInvitations.ShouldBe(0);
        pulse.SignInsPerDay.Sum(d => d.Count).ShouldBe(0);
        pulse.RecentEvents.ShouldAllBe(e => e.Actor != "owner@acme.test" && e.Subject != "owner@acme.test");
    }

    [Fact]
    public async Task A_member_is_refused_the_organisations_numbers_and_the_platforms()
    {
        using var scope = await factory.ScopeForSessionAsync("member@acme.test", Guid.NewGuid());

        await Should.ThrowAsync<UnauthorizedAccessException>(() => scope.ServiceProvider.GetRequiredService<OrganisationPulse>().GetAsync());
        await Should.ThrowAsync<UnauthorizedAccessException>(() => scope.ServiceProvider.GetRequiredService<PlatformOverview>().CountAsync());
    }

    [Fact]
    public async Task An_organisation_owner_is_refused_the_platforms_numbers_and_support_staff_get_them()
    {
        using (var owner = await factory.ScopeForSessionAsync("owner@acme.test", Guid.NewGuid()))
        {
            await Should.ThrowAsync<UnauthorizedAccessException>(() => owner.ServiceProvider.GetRequiredService<PlatformOverview>().CountAsync());
        }

        using var support = await factory.ScopeForSessionAsync("support@portal.test", Guid.NewGuid());
        var counts = await support.ServiceProvider.GetRequiredService<PlatformOverview>().CountAsync();

        counts.Organisations.ShouldBe(3);
        counts.People.ShouldBe(DemoCrowd.Members + 6);
    }

    [Fact]
    public async Task Seeding_the_crowd_again_adds_no_one()
    {
        await using var before = factory.CreateDbContext();
        var people = await before.Users.CountAsync();
        var attempts = await before.SignInAttempts.CountAsync();

        using (var scope = factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoCrowd>().SeedAsync();
        }

        await using var after = factory.CreateDbContext();
        (await after.Users.CountAsync()).ShouldBe(people);
        (await after.SignInAttempts.CountAsync()).ShouldBe(attempts);
        (await after.Invitations.IgnoreQueryFilters().CountAsync()).ShouldBe(DemoCrowd.Invitations);
    }

    private async Task<OrganisationPulseSummary> PulseAsync(string email)
    {
        using var scope = await factory.ScopeForSessionAsync(email, Guid.NewGuid());
        return await scope.ServiceProvider.GetRequiredService<OrganisationPulse>().GetAsync();
    }
}
