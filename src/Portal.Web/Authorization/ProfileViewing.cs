using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Portal.Web.Features.Organisations;
using Portal.Web.Features.Profiles;
using Portal.Web.Tenancy;

namespace Portal.Web.Authorization;

/// <summary>Whose eyes a profile is for: its owner, their organisation, and the visibility the owner chose.</summary>
public sealed record ProfileAudience(string OwnerId, Guid? OwnerOrganisationId, ProfileVisibility Visibility);

public sealed class ViewProfileRequirement : IAuthorizationRequirement;

/// <summary>
/// Public: anyone. Organisation: signed-in members of the owner's organisation. Private: the owner and their
/// organisation's admins. Anything else is refused.
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

        var allowed = resource.Visibility switch
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
