using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Portal.Web.Features.Organisations;
using Portal.Web.Tenancy;

namespace Portal.Web.Authorization;

/// <summary>Who is acting: their organisation and role there, and whether they are operator staff.</summary>
internal readonly record struct Actor(string? UserId, Guid? OrganisationId, OrganisationRole? Role, bool IsStaff)
{
    public static Actor From(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier),
        Guid.TryParse(user.FindFirstValue(PortalClaims.TenantId), out var organisation) ? organisation : null,
        Enum.TryParse<OrganisationRole>(user.FindFirstValue(PortalClaims.OrganisationRole), out var role) ? role : null,
        user.IsInRole(PlatformRoles.Support) || user.IsInRole(PlatformRoles.PlatformAdmin));

    /// <summary>An Owner or Admin of the member's own organisation, whose role is not below the member's.</summary>
    public bool Outranks(MemberTarget member) =>
        OrganisationId == member.OrganisationId && Role is { } role && role >= OrganisationRole.Admin && role >= member.Role;

    public bool Is(MemberTarget member) => UserId == member.UserId;
}

/// <summary>
/// The rules for acting on a member, decided from the actor's role, the member's role and whether both belong to the
/// same organisation. Owners and Admins act on members of their own organisation whose role is not above theirs;
/// nobody restricts, closes, resets the two-factor sign-in of or sends a password reset to their own account from
/// here (their sign-in factors are theirs to change, after a recent sign-in, on their security page); operator staff
/// may only look and end sessions. Anything not allowed here is refused, including an actor without an organisation or role.
/// </summary>
internal sealed class MemberAuthorizationHandler : AuthorizationHandler<MemberActionRequirement, MemberTarget>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, MemberActionRequirement requirement, MemberTarget resource)
    {
        var actor = Actor.From(context.User);
        var allowed = requirement.Action switch
        {
            MemberAction.View or MemberAction.EndSessions => actor.IsStaff || actor.Outranks(resource),
            MemberAction.Restrict or MemberAction.Close or MemberAction.ResetTwoFactor or MemberAction.SendPasswordReset
                => actor.Outranks(resource) && !actor.Is(resource),
            MemberAction.EditProfile or MemberAction.ExportData => actor.Outranks(resource),
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// Role changes: never to a role above the actor's own (so only Owners make Owners), never of someone above the actor,
/// and never one's own (ownership moves by transfer, so an organisation always keeps an Owner).
/// </summary>
internal sealed class ChangeRoleHandler : AuthorizationHandler<ChangeRoleRequirement, RoleChange>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ChangeRoleRequirement requirement, RoleChange resource)
    {
        var actor = Actor.From(context.User);
        if (actor.Outranks(resource.Member) && !actor.Is(resource.Member) && resource.NewRole <= actor.Role && Enum.IsDefined(resource.NewRole))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
