using Microsoft.AspNetCore.Identity;
using Portal.Web.Data;

namespace Portal.Web.Account;

/// <summary>
/// Spends on a path for an unknown (or already registered) address the password hashing or code checking the other path
/// spends, so response times do not reveal which addresses have accounts.
/// </summary>
internal sealed class UnknownAccountTiming(IPasswordHasher<PortalUser> hasher)
{
    private static readonly PortalUser Nobody = new();
    private static readonly Lazy<string> NobodysHash = new(() => new PasswordHasher<PortalUser>().HashPassword(Nobody, Guid.NewGuid().ToString()));

    public void VerifyAsIfSigningIn(string password) => hasher.VerifyHashedPassword(Nobody, NobodysHash.Value, password);

    public void HashAsIfRegistering(string password) => hasher.HashPassword(Nobody, password);

    /// <summary>Checks a reset code as for a known account, so an unknown address is answered no sooner than a wrong code.</summary>
    public static async Task VerifyResetCodeAsIfKnownAsync(UserManager<PortalUser> users, string token) =>
        _ = await users.VerifyUserTokenAsync(Nobody, users.Options.Tokens.PasswordResetTokenProvider, UserManager<PortalUser>.ResetPasswordTokenPurpose, token);
}
