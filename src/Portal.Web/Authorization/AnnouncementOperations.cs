using Microsoft.AspNetCore.Authorization;
using Portal.Web.Email;
using Portal.Web.Features.Notifications;
using Portal.Web.Features.Organisations;
using Portal.Web.Features.Support;

namespace Portal.Web.Authorization;

/// <summary>What an announcement would be and whom it would reach, for the rules below.</summary>
public sealed record AnnouncementTarget(EmailCategory Category, AnnouncementAudience Audience, Guid? OrganisationId);

public sealed class AnnounceRequirement : IAccessChange
{
    public string Operation => "announce";
}

public static class AnnouncementOperations
{
    public static readonly AnnounceRequirement Announce = new();
}

/// <summary>
/// A PlatformAdmin announces anything to anyone. An organisation's Owner sends service announcements to their own
/// organisation's members, and nothing else: no newsletters, no other audience. Everyone else is refused.
/// </summary>
internal sealed class AnnounceHandler : AuthorizationHandler<AnnounceRequirement, AnnouncementTarget>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AnnounceRequirement requirement, AnnouncementTarget resource)
    {
        var actor = Actor.From(context.User);
        var allowed = context.User.IsInRole(PlatformRoles.PlatformAdmin)
            || (actor.Role == OrganisationRole.Owner && actor.OrganisationId is { } own
                && resource.Category == EmailCategory.ServiceAnnouncement
                && resource.Audience == AnnouncementAudience.Organisation && resource.OrganisationId == own);
        if (allowed)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
