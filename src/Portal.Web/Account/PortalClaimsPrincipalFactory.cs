using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Portal.Web.Data;
using Portal.Web.Features.Security;
using Portal.Web.Tenancy;

namespace Portal.Web.Account;

/// <summary>
/// Adds the organisation, organisation role and display name to the sign-in principal, and marks a person whose
/// organisation requires two-factor sign-in but who has not set it up yet.
/// </summary>
internal sealed class PortalClaimsPrincipalFactory(
    UserManager<PortalUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options,
    PortalDbContext db)
    : UserClaimsPrincipalFactory<PortalUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PortalClaims.DisplayName, user.DisplayName));
        if (await TenantClaims.AddAsync(db, user.Id, identity) && !user.TwoFactorEnabled)
        {
            identity.AddClaim(new Claim(SecurityClaims.TwoFactorSetupRequired, "true"));
        }

        return identity;
    }
}
