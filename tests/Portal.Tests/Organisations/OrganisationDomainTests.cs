using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Web.Account;
using Portal.Web.Audit;
using Portal.Web.Features.Organisations;

namespace Portal.Tests.Organisations;

public sealed class OrganisationDomainTests : IAsyncLifetime
{
    private const string Owner = "owner@acme.test";
    private readonly LoopbackDnsServer _dns = new();
    private readonly PortalFactory _factory;

    public OrganisationDomainTests() => _factory = new PortalFactory().With("Domains:DnsServer", _dns.Endpoint);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        _dns.Dispose();
    }

    [Fact]
    public async Task An_owner_adds_a_domain_and_it_is_verified_only_once_its_txt_record_is_published()
    {
        (await DomainsAsync(Owner, d => d.AddAsync(" @Acme-Corp.TEST "))).ShouldBe(DomainOutcome.Done);
        var domain = (await ListAsync(Owner)).Single();
        domain.Domain.ShouldBe("acme-corp.test");
        domain.RecordName.ShouldBe("_portal-verification.acme-corp.test");

        (await DomainsAsync(Owner, d => d.VerifyAsync(domain.Id))).ShouldBe(DomainOutcome.RecordMissing);
        _dns.PublishTxt(domain.RecordName, "portal-verification=someone-elses-token");
        (await DomainsAsync(Owner, d => d.VerifyAsync(domain.Id))).ShouldBe(DomainOutcome.RecordMissing);
        _dns.PublishTxt(domain.RecordName, domain.RecordValue);
        (await DomainsAsync(Owner, d => d.VerifyAsync(domain.Id))).ShouldBe(DomainOutcome.Done);

        (await ListAsync(Owner)).Single().VerifiedAt.ShouldNotBeNull();
        await using var db = _factory.CreateDbContext();
        (await db.AuditEvents.Where(e => e.Action.StartsWith("organisation.domain")).Select(e => e.Action).ToListAsync())
            .ShouldBe([AuditActions.DomainAdded, AuditActions.DomainVerified]);
    }

    [Theory]
    [InlineData("not a domain")]
    [InlineData("localhost")]
    [InlineData("-bad-.test")]
    [InlineData("")]
    public async Task Something_that_is_not_a_domain_name_is_refused(string input)
    {
        (await DomainsAsync(Owner, d => d.AddAsync(input))).ShouldBe(DomainOutcome.Invalid);
        (await ListAsync(Owner)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Admins_see_the_domains_but_only_owners_change_them()
    {
        await DomainsAsync(Owner, d => d.AddAsync("acme-corp.test"));
        var id = (await ListAsync(Owner)).Single().Id;

        (await ListAsync("admin@acme.test")).Count.ShouldBe(1);
        (await DomainsAsync("admin@acme.test", d => d.AddAsync("other.test"))).ShouldBe(DomainOutcome.Forbidden);
        (await DomainsAsync("admin@acme.test", d => d.RemoveAsync(id))).ShouldBe(DomainOutcome.Forbidden);
        (await DomainsAsync("member@acme.test", d => d.VerifyAsync(id))).ShouldBe(DomainOutcome.Forbidden);
        (await ListAsync(Owner)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Another_organisation_neither_sees_nor_changes_the_domains_and_cannot_verify_one_already_verified()
    {
        await VerifiedAsync("acme-corp.test");
        var acmeDomain = (await ListAsync(Owner)).Single().Id;

        (await ListAsync("owner@globex.test")).ShouldBeEmpty();
        (await DomainsAsync("owner@globex.test", d => d.RemoveAsync(acmeDomain))).ShouldBe(DomainOutcome.NotFound);
        (await DomainsAsync("owner@globex.test", d => d.VerifyAsync(acmeDomain))).ShouldBe(DomainOutcome.NotFound);
        (await DomainsAsync("owner@globex.test", d => d.AddAsync("acme-corp.test"))).ShouldBe(DomainOutcome.Done);
        var globexDomain = (await ListAsync("owner@globex.test")).Single();
        _dns.PublishTxt(globexDomain.RecordName, globexDomain.RecordValue);

        (await DomainsAsync("owner@globex.test", d => d.VerifyAsync(globexDomain.Id))).ShouldBe(DomainOutcome.ClaimedElsewhere);
        (await ListAsync(Owner)).Single().VerifiedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task Someone_who_signs_up_with_a_verified_domain_is_offered_to_join_and_joins_only_by_choosing_to()
    {
        await VerifiedAsync("acme-corp.test");
        var email = "newhire@acme-corp.test";
        await RegisterConfirmedAsync(email);

        var offer = await MembershipAsync(email, m => m.FindAsync());
        offer.ShouldBe(new DomainOffer("Acme", "acme-corp.test", "Nina Newhire"));
        (await OrganisationOfAsync(email)).ShouldBe("Nina Newhire");

        (await MembershipAsync(email, m => m.JoinAsync())).ShouldBeTrue();

        (await OrganisationOfAsync(email)).ShouldBe("Acme");
        (await MembershipAsync(email, m => m.FindAsync())).ShouldBeNull();
        await using var db = _factory.CreateDbContext();
        var joined = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.MemberJoinedByDomain);
        joined.SubjectId.ShouldBe(await _factory.UserIdAsync(email));
    }

    [Fact]
    public async Task No_offer_for_unconfirmed_addresses_other_domains_or_people_already_in_an_organisation_with_others()
    {
        await VerifiedAsync("acme-corp.test");
        await RegisterConfirmedAsync("elsewhere@other.test");

        (await MembershipAsync("elsewhere@other.test", m => m.FindAsync())).ShouldBeNull();
        (await MembershipAsync("owner@globex.test", m => m.FindAsync())).ShouldBeNull();
        (await MembershipAsync("member@acme.test", m => m.FindAsync())).ShouldBeNull();
        (await MembershipAsync("admin@portal.test", m => m.FindAsync())).ShouldBeNull();
    }

    private async Task VerifiedAsync(string name)
    {
        await DomainsAsync(Owner, d => d.AddAsync(name));
        var domain = (await ListAsync(Owner)).Single(d => d.Domain == name);
        _dns.PublishTxt(domain.RecordName, domain.RecordValue);
        (await DomainsAsync(Owner, d => d.VerifyAsync(domain.Id))).ShouldBe(DomainOutcome.Done);
    }

    private async Task RegisterConfirmedAsync(string email)
    {
        using (var scope = _factory.Services.CreateScope())
        {
            var registration = scope.ServiceProvider.GetRequiredService<AccountRegistration>();
            (await registration.RegisterAsync(new Registration("Nina", "Newhire", email, "a long enough passphrase", false))).Succeeded.ShouldBeTrue();
        }

        await using var db = _factory.CreateDbContext();
        await db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailConfirmed, true));
    }

    private async Task<T> DomainsAsync<T>(string actor, Func<OrganisationDomains, Task<T>> act)
    {
        using var scope = await _factory.ScopeForSessionAsync(actor, Guid.NewGuid());
        return await act(scope.ServiceProvider.GetRequiredService<OrganisationDomains>());
    }

    private Task<IReadOnlyList<DomainView>> ListAsync(string actor) => DomainsAsync(actor, d => d.ListAsync());

    private async Task<T> MembershipAsync<T>(string actor, Func<DomainMembership, Task<T>> act)
    {
        using var scope = await _factory.ScopeForSessionAsync(actor, Guid.NewGuid());
        return await act(scope.ServiceProvider.GetRequiredService<DomainMembership>());
    }

    private async Task<string> OrganisationOfAsync(string email)
    {
        var userId = await _factory.UserIdAsync(email);
        await using var db = _factory.CreateDbContext();
        return await db.OrganisationMembers.IgnoreQueryFilters().Where(m => m.UserId == userId)
            .Join(db.Organisations, m => m.TenantId, o => o.Id, (m, o) => o.Name).SingleAsync();
    }
}
