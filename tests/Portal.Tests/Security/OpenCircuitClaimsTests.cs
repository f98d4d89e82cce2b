using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Web.Authorization;
using Portal.Web.Data;
using Portal.Web.Features.Organisations;
using Portal.Web.Features.Security;
using Portal.Web.Tenancy;

namespace Portal.Tests.Security;

/// <summary>An open page follows the account: a changed role or a removed staff role reaches it within one check interval.</summary>
public sealed class OpenCircuitClaimsTests : AppTest
{
    private const string Member = "member@acme.test";

    [Fact]
    public async Task A_role_change_reaches_an_open_circuit_and_its_authorization_within_the_check_interval()
    {
        var (circuit, provider, changed) = await OpenCircuitAsync(Member);
        using var _ = circuit;
        var authorization = Factory.Services.GetRequiredService<IAuthorizationService>();
        (await authorization.AuthorizeAsync((await provider.GetAuthenticationStateAsync()).User, Policies.OrganisationAdmin)).Succeeded.ShouldBeFalse();

        using (var owner = await Factory.ScopeForSessionAsync("owner@acme.test", Guid.NewGuid()))
        {
            (await owner.ServiceProvider.GetRequiredService<MemberAdministration>().ChangeRoleAsync(await Factory.UserIdAsync(Member), OrganisationRole.Admin))
                .ShouldBe(MemberActionOutcome.Done);
        }

        Factory.Time.Advance(TimeSpan.FromSeconds(60));

        var state = await changed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        state.User.FindFirstValue(PortalClaims.OrganisationRole).ShouldBe(nameof(OrganisationRole.Admin));
        (await authorization.AuthorizeAsync(state.User, Policies.OrganisationAdmin)).Succeeded.ShouldBeTrue();
        state.User.Session().ShouldNotBeNull();
    }

    [Fact]
    public async Task A_removed_staff_role_leaves_an_open_circuit_within_the_check_interval()
    {
        const string Staff = "admin@portal.test";
        var (circuit, provider, changed) = await OpenCircuitAsync(Staff);
        using var _ = circuit;
        (await provider.GetAuthenticationStateAsync()).User.IsInRole(PlatformRoles.PlatformAdmin).ShouldBeTrue();

        using (var scope = Factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            (await users.RemoveFromRoleAsync((await users.FindByEmailAsync(Staff))!, PlatformRoles.PlatformAdmin)).Succeeded.ShouldBeTrue();
        }

        Factory.Time.Advance(TimeSpan.FromSeconds(60));

        (await changed.Task.WaitAsync(TimeSpan.FromSeconds(30))).User.IsInRole(PlatformRoles.PlatformAdmin).ShouldBeFalse();
    }

    private async Task<(IServiceScope Circuit, SessionAuthenticationStateProvider Provider, TaskCompletionSource<AuthenticationState> Changed)> OpenCircuitAsync(string email)
    {
        using var client = new PortalClient(Factory);
        await client.SignInAsync(email);
        var session = (await Factory.SessionsAsync(email)).Single();
        var circuit = Factory.Services.CreateScope();
        var provider = (SessionAuthenticationStateProvider)circuit.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(await Factory.PrincipalAsync(email, session.Id))));
        var changed = new TaskCompletionSource<AuthenticationState>(TaskCreationOptions.RunContinuationsAsynchronously);
        provider.AuthenticationStateChanged += async state => changed.TrySetResult(await state);
        return (circuit, provider, changed);
    }
}
