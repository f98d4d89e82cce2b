using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Portal.Web.Features.Organisations;
using Portal.Web.Features.Support;

namespace Portal.Web.Authorization;

/// <summary>
/// The person a support agent asks to act as, with the facts the rules need: read across organisations by
/// <see cref="Features.Support.Impersonations"/> before it asks.
/// </summary>
public sealed record ImpersonationTarget(
    string UserId, bool IsStaff, MemberStatus Status, bool SupportMayAccess, bool OrganisationSuspended, bool AgentAlreadyActing);

public sealed class ImpersonateRequirement : IAuthorizationRequirement;

/// <summary>A change only the account holder may make (<see cref="Policies.AccountHolder"/>).</summary>
public sealed class AccountHolderRequirement : IAuthorizationRequirement;

/// <summary>Why an impersonation was refused. Stable strings: they are audited and name the message shown.</summary>
public static class ImpersonationRefusals
{
    public const string NotStaff = "not_staff";
    public const string Self = "self";
    public const string StaffAccount = "staff_account";
    public const string NotActive = "not_active";
    public const string OrganisationSuspended = "organisation_suspended";
    public const string NotAllowedByOrganisation = "not_allowed_by_organisation";
    public const string AlreadyActing = "already_acting";

    public static readonly IReadOnlyList<string> All = [NotStaff, Self, StaffAccount, NotActive, OrganisationSuspended, NotAllowedByOrganisation, AlreadyActing];
}

public static class ImpersonationOperations
{
    public static readonly ImpersonateRequirement Impersonate = new();
}

/// <summary>
/// Support and PlatformAdmin staff may act as an active member of an organisation that allows it, one person at a time,
/// and never as themselves or another member of staff. A refusal names its reason (<see cref="ImpersonationRefusals"/>).
/// </summary>
internal sealed class ImpersonationHandler : AuthorizationHandler<ImpersonateRequirement, ImpersonationTarget>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ImpersonateRequirement requirement, ImpersonationTarget resource)
    {
        var refusal = RefusalFor(context.User, resource);
        if (refusal is null)
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new AuthorizationFailureReason(this, refusal));
        }

        return Task.CompletedTask;
    }

    private static string? RefusalFor(ClaimsPrincipal user, ImpersonationTarget target) =>
        !PlatformRoles.All.Any(user.IsInRole) || user.IsImpersonated() ? ImpersonationRefusals.NotStaff
        : user.FindFirstValue(ClaimTypes.NameIdentifier) == target.UserId ? ImpersonationRefusals.Self
        : target.IsStaff ? ImpersonationRefusals.StaffAccount
        : target.Status != MemberStatus.Active ? ImpersonationRefusals.NotActive
        : target.OrganisationSuspended ? ImpersonationRefusals.OrganisationSuspended
        : !target.SupportMayAccess ? ImpersonationRefusals.NotAllowedByOrganisation
        : target.AgentAlreadyActing ? ImpersonationRefusals.AlreadyActing
        : null;
}

/// <summary>Changes to how an account is signed in to, and leaving or exporting it, are for the person alone: never an agent acting as them.</summary>
internal sealed class AccountHolderHandler : AuthorizationHandler<AccountHolderRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AccountHolderRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated == true && !context.User.IsImpersonated())
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
