using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Web.Authorization;
using Portal.Web.Data;
using Portal.Web.Features.Organisations;
using Portal.Web.Features.Support;

namespace Portal.Tests.Authorization;

/// <summary>Every actor × every action on every kind of member, against a table written out by hand.</summary>
public sealed class MemberAuthorizationMatrixTests(SharedApp app) : IClassFixture<SharedApp>
{
    private const string AcmeOwner = "owner@acme.test";
    private const string AcmeAdmin = "admin@acme.test";
    private const string AcmeMember = "member@acme.test";
    private const string Support = "support@portal.test";
    private const string PlatformAdmin = "admin@portal.test";
    private const string GlobexOwner = "owner@globex.test";

    private const string All = "View EditProfile Restrict EndSessions ResetTwoFactor SendPasswordReset ExportData Close";
    private const string AllButSelfHarm = "View EditProfile EndSessions ExportData";
    private const string StaffOnly = "View EndSessions";
    private const string Nothing = "";

    public static TheoryData<string, string, string> Matrix => new()
    {
        { AcmeOwner, AcmeOwner, AllButSelfHarm },
        { AcmeOwner, AcmeAdmin, All },
        { AcmeOwner, AcmeMember, All },
        { AcmeAdmin, AcmeOwner, Nothing },
        { AcmeAdmin, AcmeAdmin, AllButSelfHarm },
        { AcmeAdmin, AcmeMember, All },
        { AcmeMember, AcmeOwner, Nothing },
        { AcmeMember, AcmeAdmin, Nothing },
        { AcmeMember, AcmeMember, Nothing },
        { Support, AcmeOwner, StaffOnly },
        { Support, AcmeMember, StaffOnly },
        { PlatformAdmin, AcmeAdmin, StaffOnly },
        { PlatformAdmin, AcmeMember, StaffOnly },
        { GlobexOwner, AcmeOwner, Nothing },
        { GlobexOwner, AcmeAdmin, Nothing },
        { GlobexOwner, AcmeMember, Nothing },
    };

    public static TheoryData<string, string, OrganisationRole, bool> RoleChanges => new()
    {
        { AcmeOwner, AcmeAdmin, OrganisationRole.Owner, true },
        { AcmeOwner, AcmeAdmin, OrganisationRole.Member, true },
        { AcmeOwner, AcmeMember, OrganisationRole.Admin, true },
        { AcmeOwner, AcmeOwner, OrganisationRole.Member, false },
        { AcmeAdmin, AcmeMember, OrganisationRole.Admin, true },
        { AcmeAdmin, AcmeMember, OrganisationRole.Owner, false },
        { AcmeAdmin, AcmeOwner, OrganisationRole.Member, false },
        { AcmeAdmin, AcmeAdmin, OrganisationRole.Member, false },
        { AcmeMember, AcmeMember, OrganisationRole.Admin, false },
        { Support, AcmeMember, OrganisationRole.Admin, false },
        { PlatformAdmin, AcmeMember, OrganisationRole.Admin, false },
        { GlobexOwner, AcmeMember, OrganisationRole.Admin, false },
        { AcmeOwner, AcmeMember, (OrganisationRole)7, false },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_actor_may_do_exactly_what_the_table_says_to_each_member(string actor, string member, string allowed)
    {
        var (principal, target, authorization) = await ArrangeAsync(actor, member);
        var expected = allowed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<MemberAction>).ToHashSet();

        var granted = new HashSet<MemberAction>();
        foreach (var action in Enum.GetValues<MemberAction>())
        {
            if ((await authorization.AuthorizeAsync(principal, target, MemberOperations.For(action))).Succeeded)
            {
                granted.Add(action);
            }
        }

        granted.OrderBy(a => a).ShouldBe(expected.OrderBy(a => a), $"{actor} acting on {member}");
    }

    [Theory]
    [MemberData(nameof(RoleChanges))]
    public async Task Roles_change_only_downwards_from_the_actor_s_own_and_never_one_s_own(string actor, string member, OrganisationRole newRole, bool allowed)
    {
        var (principal, target, authorization) = await ArrangeAsync(actor, member);

        var result = await authorization.AuthorizeAsync(principal, new RoleChange(target, newRole), MemberOperations.ChangeRole);

        result.Succeeded.ShouldBe(allowed);
    }

    public static TheoryData<string, string> Invitations => new()
    {
        { AcmeOwner, "Member Admin Owner" },
        { AcmeAdmin, "Member Admin" },
        { AcmeMember, "" },
        { Support, "" },
        { PlatformAdmin, "" },
        { GlobexOwner, "" },
    };

    [Theory]
    [MemberData(nameof(Invitations))]
    public async Task Into_Acme_each_actor_invites_exactly_the_roles_the_table_says(string actor, string roles)
    {
        var (principal, target, authorization) = await ArrangeAsync(actor, AcmeMember);
        var expected = roles.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<OrganisationRole>).ToHashSet();

        var granted = new HashSet<OrganisationRole>();
        foreach (var role in Enum.GetValues<OrganisationRole>().Append((OrganisationRole)7))
        {
            if ((await authorization.AuthorizeAsync(principal, new InvitationTarget(target.OrganisationId, role), InvitationOperations.Invite)).Succeeded)
            {
                granted.Add(role);
            }
        }

        granted.OrderBy(r => r).ShouldBe(expected.OrderBy(r => r), actor);
    }

    [Fact]
    public async Task An_actor_without_an_organisation_or_role_is_refused_everything()
    {
        var (_, target, authorization) = await ArrangeAsync(AcmeOwner, AcmeMember);
        var stranger = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "someone")], "test"));

        foreach (var action in Enum.GetValues<MemberAction>())
        {
            (await authorization.AuthorizeAsync(stranger, target, MemberOperations.For(action))).Succeeded.ShouldBeFalse();
        }
    }

    [Fact]
    public async Task Acting_for_someone_fails_every_access_change_by_the_one_rule_and_names_the_operation()
    {
        var (owner, _, authorization) = await ArrangeAsync(AcmeOwner, AcmeMember);
        var acting = new ClaimsPrincipal(owner.Identities.Append(new ClaimsIdentity([new Claim(ImpersonationClaims.Session, Guid.NewGuid().ToString())])));
        var changes = typeof(IAccessChange).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(IAccessChange).Namespace && t.Name.EndsWith("Operations", StringComparison.Ordinal))
            .SelectMany(t => t.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
            .Select(f => f.GetValue(null)).OfType<IAccessChange>().ToList();

        changes.Select(c => c.Operation).Distinct().Order().ShouldBe(
            ["announce", "change_role", "close_member", "create_account_on_behalf", "decide_closure_request", "end_member_sessions", "invite",
             "join_organisation", "organisation_logo", "organisation_settings", "reopen_member", "reset_two_factor", "restrict_member",
             "transfer_ownership", "verified_domains"]);
        foreach (var change in changes)
        {
            var result = await authorization.AuthorizeAsync(acting, new object(), change);
            result.Succeeded.ShouldBeFalse(change.Operation);
            result.Failure!.FailureReasons.ShouldContain(r => r.Message == change.Operation);
        }

        (await authorization.AuthorizeAsync(acting, null, MembershipOperations.Join)).Succeeded.ShouldBeFalse();
        (await authorization.AuthorizeAsync(owner, null, MembershipOperations.Join)).Succeeded.ShouldBeTrue();
    }

    private async Task<(ClaimsPrincipal Actor, MemberTarget Target, IAuthorizationService Authorization)> ArrangeAsync(string actor, string member)
    {
        using var scope = app.Factory.Services.CreateScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<PortalUser>>();
        var principal = await signIn.CreateUserPrincipalAsync((await signIn.UserManager.FindByEmailAsync(actor))!);
        await using var db = app.Factory.CreateDbContext();
        var target = await db.OrganisationMembers.IgnoreQueryFilters()
            .Where(m => m.User!.Email == member)
            .Select(m => new MemberTarget(m.TenantId, m.UserId, m.Role))
            .SingleAsync();
        return (principal, target, app.Factory.Services.GetRequiredService<IAuthorizationService>());
    }
}
