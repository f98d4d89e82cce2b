using Microsoft.AspNetCore.Authorization;
using Portal.Web.Features.Organisations;

namespace Portal.Web.Authorization;

/// <summary>The organisation an action is about.</summary>
public sealed record OrganisationTarget(Guid OrganisationId);

public sealed class ManageOrganisationRequirement(string operation) : IAccessChange
{
    public string Operation { get; } = operation;
}

public static class OrganisationOperations
{
    /// <summary>Change the organisation's name, member policies and support access: its Owners only.</summary>
    public static readonly ManageOrganisationRequirement Manage = new("organisation_settings");

    public static readonly ManageOrganisationRequirement Logo = new("organisation_logo");

    public static readonly ManageOrganisationRequirement Domains = new("verified_domains");

    /// <summary>Hand ownership to another member.</summary>
    public static readonly ManageOrganisationRequirement TransferOwnership = new("transfer_ownership");
}

/// <summary>Only an Owner of the organisation itself manages it; Admins may look (through the page policy), nobody else.</summary>
internal sealed class ManageOrganisationHandler : AuthorizationHandler<ManageOrganisationRequirement, OrganisationTarget>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ManageOrganisationRequirement requirement, OrganisationTarget resource)
    {
        var actor = Actor.From(context.User);
        if (actor.OrganisationId == resource.OrganisationId && actor.Role == OrganisationRole.Owner)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
