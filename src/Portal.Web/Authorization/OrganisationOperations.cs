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

    /// <summary>Hand ownership to another member (<see cref="TransferOwnershipHandler"/>).</summary>
    public static readonly TransferOwnershipRequirement TransferOwnership = new();
}

public sealed class TransferOwnershipRequirement : IAccessChange
{
    public string Operation => "transfer_ownership";
}

/// <summary>An Owner hands ownership to another member of their own organisation who is not an Owner already.</summary>
internal sealed class TransferOwnershipHandler : AuthorizationHandler<TransferOwnershipRequirement, MemberTarget>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TransferOwnershipRequirement requirement, MemberTarget resource)
    {
        var actor = Actor.From(context.User);
        if (actor.OrganisationId == resource.OrganisationId && actor.Role == OrganisationRole.Owner && !actor.Is(resource) && resource.Role != OrganisationRole.Owner)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
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
