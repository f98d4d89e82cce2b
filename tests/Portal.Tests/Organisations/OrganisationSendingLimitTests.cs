using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Web.Data;
using Portal.Web.Features.Notifications;
using Portal.Web.Features.Organisations;

namespace Portal.Tests.Organisations;

public sealed class OrganisationSendingLimitTests : AppTest
{
    private const string Admin = "admin@acme.test";

    public OrganisationSendingLimitTests() => Factory.With("RateLimits:OrganisationMailsPerHour", "3");

    [Fact]
    public async Task An_invitation_past_the_organisation_s_hourly_limit_is_refused_and_sends_nothing()
    {
        for (var i = 1; i <= 3; i++)
        {
            (await InviteAsync(Admin, $"person{i}@example.test")).ShouldBe(InvitationOutcome.Sent);
        }

        (await InviteAsync(Admin, "person4@example.test")).ShouldBe(InvitationOutcome.SendingLimit);
        (await ActAsync(Admin, async invitations => await invitations.ResendAsync((await invitations.ListAsync())[0].Id))).ShouldBe(InvitationOutcome.SendingLimit);

        (await Factory.ToAsync("person4@example.test")).ShouldBeEmpty();
        await using (var db = Factory.CreateDbContext(await AcmeAsync()))
        {
            (await db.Invitations.CountAsync()).ShouldBe(3);
            (await db.OutboxMessages.CountAsync(m => m.Subject.StartsWith("You are invited"))).ShouldBe(3);
        }

        (await InviteAsync("owner@globex.test", "person4@example.test")).ShouldBe(InvitationOutcome.Sent);
        Factory.Time.Advance(TimeSpan.FromMinutes(61));
        (await InviteAsync(Admin, "person4@example.test")).ShouldBe(InvitationOutcome.Sent);
    }

    [Fact]
    public async Task A_bulk_file_that_would_pass_the_limit_sends_none_of_it()
    {
        (await InviteAsync(Admin, "first@example.test")).ShouldBe(InvitationOutcome.Sent);
        using var scope = await Factory.ScopeForSessionAsync(Admin, Guid.NewGuid());
        var bulk = scope.ServiceProvider.GetRequiredService<BulkInvitations>();
        using var csv = new MemoryStream(Encoding.UTF8.GetBytes("email\nana@example.test\nbo@example.test\ncy@example.test\n"));
        var plan = await bulk.CheckAsync(csv);
        plan.IsReady.ShouldBeTrue();

        var sent = await bulk.SendAsync(plan);

        sent.IsReady.ShouldBeFalse();
        sent.FileProblem.ShouldBe("Nothing was sent: these 3 invitations would pass your organisation's limit of 3 emails an hour. Send fewer, or try again later.");
        await using var db = Factory.CreateDbContext(await AcmeAsync());
        (await db.Invitations.Select(i => i.Email).ToListAsync()).ShouldBe(["first@example.test"]);
        (await db.OutboxMessages.CountAsync(m => m.To.EndsWith("@example.test"))).ShouldBe(1);
    }

    [Fact]
    public async Task An_account_made_on_someone_s_behalf_past_the_limit_is_not_created()
    {
        for (var i = 1; i <= 3; i++)
        {
            (await InviteAsync(Admin, $"person{i}@example.test")).ShouldBe(InvitationOutcome.Sent);
        }

        using var scope = await Factory.ScopeForSessionAsync(Admin, Guid.NewGuid());
        var outcome = await scope.ServiceProvider.GetRequiredService<OnBehalfAccounts>().CreateAsync(new OnBehalfForm
        {
            FirstName = "Pat", LastName = "Person", Email = "pat@example.test", Role = OrganisationRole.Member, AttestsAuthority = true,
        });

        outcome.ShouldBe(OnBehalfOutcome.SendingLimit);
        (await Factory.ToAsync("pat@example.test")).ShouldBeEmpty();
        using var check = Factory.Services.CreateScope();
        (await check.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync("pat@example.test")).ShouldBeNull();
    }

    [Fact]
    public async Task An_owner_s_announcement_that_would_pass_the_limit_is_not_queued()
    {
        (await InviteAsync(Admin, "first@example.test")).ShouldBe(InvitationOutcome.Sent);
        var acme = await AcmeAsync();
        using var scope = await Factory.ScopeForSessionAsync("owner@acme.test", Guid.NewGuid());
        var form = new AnnouncementForm { Subject = "Office closed", Body = "See you Monday.", Audience = AnnouncementAudience.Organisation, OrganisationId = acme };
        var announcements = scope.ServiceProvider.GetRequiredService<Announcements>();
        (await announcements.CountAsync(form)).ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(3);

        var (outcome, id) = await announcements.QueueAsync(form);

        outcome.ShouldBe(AnnouncementOutcome.SendingLimit);
        id.ShouldBeNull();
        await using var db = Factory.CreateDbContext();
        (await db.Announcements.CountAsync()).ShouldBe(0);
    }

    private Task<InvitationOutcome> InviteAsync(string actor, string email) =>
        ActAsync(actor, invitations => invitations.InviteAsync(new InvitationForm { Email = email }));

    private async Task<T> ActAsync<T>(string actor, Func<Invitations, Task<T>> act)
    {
        using var scope = await Factory.ScopeForSessionAsync(actor, Guid.NewGuid());
        return await act(scope.ServiceProvider.GetRequiredService<Invitations>());
    }

    private async Task<Guid> AcmeAsync()
    {
        await using var db = Factory.CreateDbContext();
        return await db.Organisations.Where(o => o.Name == "Acme").Select(o => o.Id).SingleAsync();
    }
}
