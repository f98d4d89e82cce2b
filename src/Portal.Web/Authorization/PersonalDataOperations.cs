using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Portal.Web.Features.Support;

namespace Portal.Web.Authorization;

/// <summary>Whose personal data an operation reads or removes: the account it belongs to.</summary>
public sealed record PersonalDataOwner(string UserId);

public sealed class PersonalDataRequirement(string name) : IAuthorizationRequirement
{
    public string Name { get; } = name;
}

/// <summary>
/// The person's own data lifecycle. Asking for a copy of one's data and downloading it: only the person whose data it
/// is, in whichever organisation they belong to (the copy holds only their own account), and never an agent acting
/// for them — support may help a person but not take their data away. Services check it with the owner of the record
/// they loaded, so another person's export answers as not found.
/// </summary>
public static class PersonalDataOperations
{
    public static readonly PersonalDataRequirement RequestExport = new(nameof(RequestExport));

    public static readonly PersonalDataRequirement DownloadExport = new(nameof(DownloadExport));
}

internal sealed class PersonalDataHandler : AuthorizationHandler<PersonalDataRequirement, PersonalDataOwner>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PersonalDataRequirement requirement, PersonalDataOwner resource)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true && !user.IsImpersonated()
            && string.Equals(user.FindFirstValue(ClaimTypes.NameIdentifier), resource.UserId, StringComparison.Ordinal))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
