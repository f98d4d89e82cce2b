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

/// <summary>Acts as a person on the two-factor page, and signs in through both steps as a browser would.</summary>
internal static class TwoFactorHarness
{
    /// <summary>A service scope acting as the person, in a session they signed in to just now (on the test clock).</summary>
    public static async Task<AsyncServiceScope> SignedInScopeAsync(this PortalFactory factory, string email)
    {
        var scope = factory.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email)
            ?? throw new InvalidOperationException($"No account {email}.");
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<PortalUser>>().CreateAsync(user);
        var now = factory.Time.GetUtcNow().UtcDateTime;
        var session = new UserSession { Id = Guid.CreateVersion7(), UserId = user.Id, Device = "Test", CreatedAt = now, LastSeenAt = now, AuthenticatedAt = now };
        await using (var db = factory.CreateDbContext())
        {
            db.UserSessions.Add(session);
            await db.SaveChangesAsync();
        }

        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(SecurityClaims.SessionId, session.Id.ToString("D")));
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Principal = principal;
        return scope;
    }

    /// <summary>Turns two-factor sign-in on for the person through the service; returns the app key and the recovery codes.</summary>
    public static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnableTwoFactorAsync(this PortalFactory factory, string email)
    {
        await using var scope = await factory.SignedInScopeAsync(email);
        var twoFactor = scope.ServiceProvider.GetRequiredService<TwoFactorService>();
        var key = (await twoFactor.BeginSetupAsync()).Setup!.Key;
        var enabled = await twoFactor.EnableAsync(Totp.Code(key, factory.Time.GetUtcNow()));
        enabled.Outcome.ShouldBe(TwoFactorOutcome.Succeeded);

        // The code just used is spent; later sign-ins in the same half-minute would need the next one.
        factory.Time.Advance(TimeSpan.FromSeconds(30));
        return (key, enabled.RecoveryCodes);
    }

    /// <summary>The password step; returns where it sent the browser (the second step, for an account with two-factor).</summary>
    public static async Task<string> PasswordStepAsync(this PortalClient client, string email)
    {
        var response = await client.SignInAsync(email);
        return response.RedirectTarget();
    }

    /// <summary>Where a redirect points, as a local path and query (the app answers with absolute URIs).</summary>
    public static string RedirectTarget(this HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = response.Headers.Location!;
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    public static Task<HttpResponseMessage> SubmitCodeAsync(this PortalClient client, string secondStep, string code, bool rememberBrowser = false)
    {
        var fields = new Dictionary<string, string> { ["Input.Code"] = code };
        if (rememberBrowser)
        {
            fields["Input.RememberBrowser"] = "true";
        }

        return client.SubmitAsync(secondStep, "login-2fa", fields);
    }

    public static Task<HttpResponseMessage> SubmitRecoveryCodeAsync(this PortalClient client, string code) =>
        client.SubmitAsync("/Account/LoginWithRecoveryCode?returnUrl=%2F", "login-recovery", new Dictionary<string, string> { ["Input.RecoveryCode"] = code });

    public static async Task<List<SignInAttempt>> SignInAttemptsAsync(this PortalFactory factory, string email)
    {
        await using var db = factory.CreateDbContext();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return await db.SignInAttempts.Where(a => a.UserId == userId).OrderBy(a => a.OccurredAt).ThenBy(a => a.Id).ToListAsync();
    }

    public static async Task<List<string>> AuditedAsync(this PortalFactory factory, string email)
    {
        await using var db = factory.CreateDbContext();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return await db.AuditEvents.Where(e => e.SubjectId == userId).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync();
    }
}
