using Microsoft.AspNetCore.Authorization;
using Portal.Web.Features.Organisations;

namespace Portal.Web.Authorization;

/// <summary>Something on one's own account that the organisation's member policies may withhold from its Members.</summary>
public sealed class MemberPolicyRequirement(string name, Func<OrganisationPolicies, bool> allowsMembers) : IAuthorizationRequirement
{
    public string Name { get; } = name;

    internal bool AllowsMembers(OrganisationPolicies policies) => allowsMembers(policies);
}

public static class MemberPolicyOperations
{
    /// <summary>Change one's own sign-in address.</summary>
    public static readonly MemberPolicyRequirement ChangeEmail = new("change_email", policies => policies.MembersMayChangeEmail);

    /// <summary>Close one's own account at once; without it, closing becomes a request to the organisation's administrators.</summary>
    public static readonly MemberPolicyRequirement CloseAccount = new("close_account", policies => policies.MembersMayCloseAccount);

    /// <summary>Edit the profile fields the organisation manages for its members.</summary>
    public static readonly MemberPolicyRequirement EditLockedProfileFields = new("edit_locked_profile_fields", _ => false);
}

/// <summary>
/// An organisation's member policies bind its Members, never its Owners and Admins, who set them. The resource is the
/// policies of the actor's own organisation; the role is the actor's current one.
/// </summary>
internal sealed class MemberPolicyHandler : AuthorizationHandler<MemberPolicyRequirement, OrganisationPolicies>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, MemberPolicyRequirement requirement, OrganisationPolicies resource)
    {
        if (Actor.From(context.User).Role is OrganisationRole.Owner or OrganisationRole.Admin || requirement.AllowsMembers(resource))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
