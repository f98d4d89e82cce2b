using Microsoft.AspNetCore.Authorization;
using Portal.Web.Features.Organisations;

namespace Portal.Web.Authorization;

/// <summary>An invitation (to be sent, or already sent) to join an organisation with a role.</summary>
public sealed record InvitationTarget(Guid OrganisationId, OrganisationRole Role);

public sealed class InviteRequirement(string operation) : IAccessChange
{
    public string Operation { get; } = operation;
}

public static class InvitationOperations
{
    /// <summary>Invite someone, send an invitation again, or revoke it.</summary>
    public static readonly InviteRequirement Invite = new("invite");

    /// <summary>Create an account for someone, who joins with the role when they accept.</summary>
    public static readonly InviteRequirement CreateOnBehalf = new("create_account_on_behalf");
}

/// <summary>
/// Owners and Admins invite people into their own organisation, with a role no higher than their own (so only Owners
/// invite Owners), and manage the invitations of such roles. Everyone else, operator staff included, is refused.
/// </summary>
internal sealed class InviteHandler : AuthorizationHandler<InviteRequirement, InvitationTarget>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, InviteRequirement requirement, InvitationTarget resource)
    {
        var actor = Actor.From(context.User);
        if (actor.OrganisationId == resource.OrganisationId && actor.Role is { } role && role >= OrganisationRole.Admin
            && resource.Role <= role && Enum.IsDefined(resource.Role))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
