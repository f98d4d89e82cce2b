using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Portal.Web.Features.Organisations;
using Portal.Web.Features.Profiles;
using Portal.Web.Tenancy;

namespace Portal.Web.Authorization;

/// <summary>
/// Whose eyes a profile is for: its owner, their organisation, the visibility the owner chose, and whether the account
/// is in use (false while it is restricted, closed, not yet accepted, or its organisation is suspended).
/// </summary>
public sealed record ProfileAudience(string OwnerId, Guid? OwnerOrganisationId, ProfileVisibility Visibility, bool AccountInUse = true);

public sealed class ViewProfileRequirement : IAuthorizationRequirement;

/// <summary>
/// Public: anyone. Organisation: signed-in members of the owner's organisation. Private: the owner and their
/// organisation's admins. Anything else is refused, and so is every profile of an account not in use: a restricted or
/// closed member's profile is served to no one.
/// </summary>
internal sealed class ViewProfileHandler : AuthorizationHandler<ViewProfileRequirement, ProfileAudience>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ViewProfileRequirement requirement, ProfileAudience resource)
    {
        var viewer = context.User;
        var signedIn = viewer.Identity?.IsAuthenticated == true;
        var sameOrganisation = signedIn && resource.OwnerOrganisationId is { } owners
            && Guid.TryParse(viewer.FindFirstValue(PortalClaims.TenantId), out var viewers) && viewers == owners;
        var isOwner = signedIn && viewer.FindFirstValue(ClaimTypes.NameIdentifier) == resource.OwnerId;
        var isAdmin = sameOrganisation && viewer.FindFirstValue(PortalClaims.OrganisationRole) is nameof(OrganisationRole.Admin) or nameof(OrganisationRole.Owner);

        var allowed = resource.AccountInUse && resource.Visibility switch
        {
            ProfileVisibility.Public => true,
            ProfileVisibility.Organisation => isOwner || sameOrganisation,
            ProfileVisibility.Private => isOwner || isAdmin,
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
