using Microsoft.EntityFrameworkCore;
using Portal.Tests.Infrastructure;
using Portal.Web.Features.Organisations;
using Portal.Web.Tenancy;

namespace Portal.Tests.Tenancy;

public sealed class TenantIsolationTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new();
    private Guid _acme;
    private Guid _globex;

    public async Task InitializeAsync()
    {
        await using var db = _factory.CreateDbContext();
        _acme = await db.Organisations.Where(o => o.Slug == "acme").Select(o => o.Id).SingleAsync();
        _globex = await db.Organisations.Where(o => o.Slug == "globex").Select(o => o.Id).SingleAsync();
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_tenant_lists_only_its_own_members()
    {
        await using var globex = _factory.CreateDbContext(_globex);

        var emails = await globex.OrganisationMembers.Select(m => m.User!.Email).ToListAsync();

        emails.ShouldBe(["owner@globex.test"]);
    }

    [Fact]
    public async Task A_tenant_cannot_read_another_tenants_member_by_id()
    {
        Guid acmeMember;
        await using (var acme = _factory.CreateDbContext(_acme))
        {
            acmeMember = await acme.OrganisationMembers.Where(m => m.User!.Email == "member@acme.test").Select(m => m.Id).SingleAsync();
        }

        await using var globex = _factory.CreateDbContext(_globex);
        (await globex.OrganisationMembers.FindAsync(acmeMember)).ShouldBeNull();
        (await globex.OrganisationMembers.AnyAsync(m => m.Id == acmeMember)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_tenant_cannot_change_or_delete_another_tenants_member()
    {
        await using var globex = _factory.CreateDbContext(_globex);

        var updated = await globex.OrganisationMembers.Where(m => m.User!.Email == "member@acme.test").ExecuteUpdateAsync(s => s.SetProperty(m => m.Role, OrganisationRole.Owner));
        var deleted = await globex.OrganisationMembers.Where(m => m.User!.Email == "member@acme.test").ExecuteDeleteAsync();

        updated.ShouldBe(0);
        deleted.ShouldBe(0);
        await using var acme = _factory.CreateDbContext(_acme);
        (await acme.OrganisationMembers.SingleAsync(m => m.User!.Email == "member@acme.test")).Role.ShouldBe(OrganisationRole.Member);
    }

    [Fact]
    public async Task Writing_a_row_into_another_tenant_is_refused()
    {
        await using var globex = _factory.CreateDbContext(_globex);
        var someone = await globex.Users.Where(u => u.Email == "owner@globex.test").Select(u => u.Id).SingleAsync();
        globex.OrganisationMembers.Add(new OrganisationMember { Id = Guid.NewGuid(), TenantId = _acme, UserId = someone, Role = OrganisationRole.Owner });

        await Should.ThrowAsync<InvalidOperationException>(() => globex.SaveChangesAsync());
    }

    [Fact]
    public async Task New_rows_are_stamped_with_the_current_tenant()
    {
        await using var globex = _factory.CreateDbContext(_globex);
        var user = new Portal.Web.Data.PortalUser { UserName = "new@globex.test", Email = "new@globex.test", FirstName = "New", LastName = "Person" };
        globex.Users.Add(user);
        var member = new OrganisationMember { Id = Guid.NewGuid(), UserId = user.Id, Role = OrganisationRole.Member };
        globex.OrganisationMembers.Add(member);

        await globex.SaveChangesAsync();

        member.TenantId.ShouldBe(_globex);
    }

    [Fact]
    public async Task Reading_tenant_owned_rows_without_a_tenant_throws_instead_of_defaulting()
    {
        await using var nobody = _factory.CreateDbContext();

        await Should.ThrowAsync<MissingTenantException>(() => nobody.OrganisationMembers.ToListAsync());
    }
}
