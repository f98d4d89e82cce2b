using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Authorization;
using Portal.Web.Features.Organisations;
using Portal.Web.Tenancy;

namespace Portal.Tests.Authorization;

/// <summary>The rules that used to be role comparisons in services: member policies and ownership transfer.</summary>
public sealed class OwnAccountRuleTests : IDisposable
{
    private static readonly Guid Acme = Guid.CreateVersion7();
    private static readonly Guid Globex = Guid.CreateVersion7();
    private readonly ServiceProvider services = new ServiceCollection().AddLogging().AddPortalAuthorization().BuildServiceProvider();

    private IAuthorizationService Authorization => services.GetRequiredService<IAuthorizationService>();

    [Theory]
    [InlineData(OrganisationRole.Member, false, false)]
    [InlineData(OrganisationRole.Member, true, true)]
    [InlineData(OrganisationRole.Admin, false, true)]
    [InlineData(OrganisationRole.Owner, false, true)]
    public async Task Member_policies_bind_members_and_never_the_administrators_who_set_them(OrganisationRole role, bool membersMayChangeEmail, bool allowed)
    {
        var policies = Policies(membersMayChangeEmail);

        (await Authorization.AuthorizeAsync(Person("p1", Acme, role), policies, MemberPolicyOperations.ChangeEmail)).Succeeded.ShouldBe(allowed);
        (await Authorization.AuthorizeAsync(Person("p1", Acme, role), policies, MemberPolicyOperations.EditLockedProfileFields)).Succeeded
            .ShouldBe(role != OrganisationRole.Member);
    }

    [Fact]
    public async Task A_principal_without_a_role_is_bound_by_member_policies()
    {
        var nobody = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "p1")], "test"));

        (await Authorization.AuthorizeAsync(nobody, Policies(false), MemberPolicyOperations.ChangeEmail)).Succeeded.ShouldBeFalse();
    }

    [Theory]
    [InlineData(OrganisationRole.Owner, "p2", OrganisationRole.Admin, true)]
    [InlineData(OrganisationRole.Owner, "p2", OrganisationRole.Member, true)]
    [InlineData(OrganisationRole.Owner, "p2", OrganisationRole.Owner, false)]
    [InlineData(OrganisationRole.Owner, "p1", OrganisationRole.Owner, false)]
    [InlineData(OrganisationRole.Admin, "p2", OrganisationRole.Member, false)]
    [InlineData(OrganisationRole.Member, "p2", OrganisationRole.Member, false)]
    public async Task Only_an_owner_hands_ownership_to_another_member_who_is_not_an_owner(OrganisationRole actorRole, string targetId, OrganisationRole targetRole, bool allowed)
    {
        var target = new MemberTarget(Acme, targetId, targetRole);

        (await Authorization.AuthorizeAsync(Person("p1", Acme, actorRole), target, OrganisationOperations.TransferOwnership)).Succeeded.ShouldBe(allowed);
    }

    [Fact]
    public async Task Ownership_is_never_handed_to_a_member_of_another_organisation()
    {
        var target = new MemberTarget(Globex, "p2", OrganisationRole.Member);

        (await Authorization.AuthorizeAsync(Person("p1", Acme, OrganisationRole.Owner), target, OrganisationOperations.TransferOwnership)).Succeeded.ShouldBeFalse();
    }

    public void Dispose() => services.Dispose();

    private static OrganisationPolicies Policies(bool membersMayChangeEmail) =>
        new(MembersMayCloseAccount: true, membersMayChangeEmail, MembersMayLinkAccounts: true, RequireTwoFactor: false, SupportMayAccess: true, new HashSet<string> { "JobTitle" });

    private static ClaimsPrincipal Person(string userId, Guid organisation, OrganisationRole role) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, userId),
            new Claim(PortalClaims.TenantId, organisation.ToString("D")),
            new Claim(PortalClaims.OrganisationRole, role.ToString()),
        ], "test"));
}
