using Microsoft.AspNetCore.Authorization;

namespace Portal.Web.Authorization;

/// <summary>Move one's own account into another organisation: by accepting an invitation or joining through a verified domain.</summary>
public sealed class JoinOrganisationRequirement : IAccessChange
{
    public string Operation => "join_organisation";
}

public static class MembershipOperations
{
    public static readonly JoinOrganisationRequirement Join = new();
}

/// <summary>
/// A signed-in person moves their own account, and nobody else's (the services act on the caller alone). Operator
/// staff never join a customer organisation, and nobody acting for someone moves them (<see cref="IAccessChange"/>).
/// </summary>
internal sealed class JoinOrganisationHandler : AuthorizationHandler<JoinOrganisationRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, JoinOrganisationRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated == true && !Actor.From(context.User).IsStaff)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
