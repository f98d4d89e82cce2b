using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Portal.Web.Features.Support;

namespace Portal.Web.Authorization;

/// <summary>Closing one's own account: the account it is, so a request for anyone else's fails.</summary>
public sealed class CloseOwnAccountRequirement : IAuthorizationRequirement;

/// <summary>
/// Who may close an account and reopen it.
/// <list type="bullet">
/// <item>Closing one's own account (or asking one's administrators to): only the person, in whichever organisation,
/// never an agent acting for them, and never operator staff, whose accounts are the operator's to end. Whether a
/// Member closes at once or asks is the organisation's policy (<see cref="MemberPolicyOperations.CloseAccount"/>).</item>
/// <item>Approving or declining a member's request, closing a member and reopening a closed member: an Owner or Admin of
/// the member's organisation whose role is not below the member's, never for their own account, never while acting for
/// someone (these are access changes).</item>
/// </list>
/// </summary>
public static class ClosureOperations
{
    public static readonly CloseOwnAccountRequirement CloseOwn = new();

    public static readonly MemberActionRequirement DecideRequest = new MemberAccessRequirement(MemberAction.Close, "decide_closure_request");

    public static readonly MemberActionRequirement CloseMember = MemberOperations.Close;

    public static readonly MemberActionRequirement ReopenMember = new MemberAccessRequirement(MemberAction.Close, "reopen_member");
}

internal sealed class CloseOwnAccountHandler : AuthorizationHandler<CloseOwnAccountRequirement, PersonalDataOwner>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, CloseOwnAccountRequirement requirement, PersonalDataOwner resource)
    {
        var user = context.User;
        var actor = Actor.From(user);
        if (user.Identity?.IsAuthenticated == true && !user.IsImpersonated() && !actor.IsStaff && actor.OrganisationId is not null
            && string.Equals(user.FindFirstValue(ClaimTypes.NameIdentifier), resource.UserId, StringComparison.Ordinal))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
