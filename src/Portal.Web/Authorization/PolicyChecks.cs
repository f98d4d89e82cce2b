using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Portal.Web.Authorization;

/// <summary>The services' second check behind a page's policy attribute.</summary>
public static class PolicyChecks
{
    /// <summary>Throws <see cref="UnauthorizedAccessException"/> unless the caller meets the policy.</summary>
    public static async Task RequireAsync(this IAuthorizationService authorization, ClaimsPrincipal user, string policy, string? why = null)
    {
        if (!(await authorization.AuthorizeAsync(user, policy)).Succeeded)
        {
            throw new UnauthorizedAccessException(why ?? $"The {policy} policy refused this.");
        }
    }
}
