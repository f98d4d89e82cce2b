using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Web.Data;
using Portal.Web.Features.Security;
using Portal.Web.Tenancy;

namespace Portal.Tests.Security;

/// <summary>Reads sessions and acts as a signed-in session through the real services.</summary>
internal static class SecurityHarness
{
    public static async Task<string> UserIdAsync(this PortalFactory factory, string email)
    {
        await using var db = factory.CreateDbContext();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    /// <summary>The person's sessions, oldest first.</summary>
    public static async Task<List<UserSession>> SessionsAsync(this PortalFactory factory, string email)
    {
        var userId = await factory.UserIdAsync(email);
        await using var db = factory.CreateDbContext();
        return await db.UserSessions.Where(s => s.UserId == userId).OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).ToListAsync();
    }

    /// <summary>The principal a cookie for this session carries.</summary>
    public static async Task<ClaimsPrincipal> PrincipalAsync(this PortalFactory factory, string email, Guid session)
    {
        using var scope = factory.Services.CreateScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<PortalUser>>();
        var principal = await signIn.CreateUserPrincipalAsync((await signIn.UserManager.FindByEmailAsync(email))!);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(SecurityClaims.SessionId, session.ToString("D")));
        return principal;
    }

    /// <summary>A service scope acting as the person in the given session, as a circuit would.</summary>
    public static async Task<IServiceScope> ScopeForSessionAsync(this PortalFactory factory, string email, Guid session)
    {
        var principal = await factory.PrincipalAsync(email, session);
        var scope = factory.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Principal = principal;
        return scope;
    }

    public static async Task<bool> IsSignedInAsync(this PortalClient client)
    {
        var response = await client.Http.GetAsync(new Uri("/account/security", UriKind.Relative));
        return response.StatusCode switch
        {
            HttpStatusCode.OK => true,
            HttpStatusCode.Redirect when response.Headers.Location!.ToString().Contains("/Account/Login", StringComparison.Ordinal) => false,
            var other => throw new InvalidOperationException($"Unexpected {other} for the security page."),
        };
    }
}
