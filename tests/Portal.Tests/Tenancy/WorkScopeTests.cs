using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Tests.Support;
using Portal.Web.Features.Organisations;
using Portal.Web.Features.Support;
using Portal.Web.Tenancy;

namespace Portal.Tests.Tenancy;

public sealed class WorkScopeTests : AppTest
{
    [Fact]
    public async Task Entering_an_organisation_restores_the_previous_one_even_when_the_body_throws()
    {
        using var scope = Factory.Services.CreateScope();
        await using var work = scope.ServiceProvider.GetRequiredService<WorkScopes>().Begin();
        var outer = Guid.NewGuid();

        using (work.Enter(outer))
        {
            Should.Throw<InvalidOperationException>(() =>
            {
                using (work.Enter(Guid.NewGuid()))
                {
                    throw new InvalidOperationException("the body failed");
                }
            });
            work.OrganisationId.ShouldBe(outer);
        }

        Should.Throw<MissingTenantException>(() => work.OrganisationId);
    }

    [Fact]
    public async Task A_read_only_impersonation_cannot_activate_an_account_through_member_activation()
    {
        var memberId = await Factory.UserIdAsync("member@acme.test");
        await using (var db = Factory.CreateDbContext())
        {
            var member = await db.OrganisationMembers.IgnoreQueryFilters().SingleAsync(m => m.UserId == memberId);
            member.Status = MemberStatus.Invited;
            await db.SaveChangesAsync();
        }

        var started = await Factory.StartAsync("support@portal.test", "owner@acme.test", readOnly: true);
        using (var scope = Factory.ScopeFor(started.Principal!))
        {
            await Should.ThrowAsync<ReadOnlyImpersonationException>(
                () => scope.ServiceProvider.GetRequiredService<MemberActivation>().ActivateAsync(memberId));
        }

        await using var check = Factory.CreateDbContext();
        (await check.OrganisationMembers.IgnoreQueryFilters().SingleAsync(m => m.UserId == memberId)).Status.ShouldBe(MemberStatus.Invited);
    }
}
