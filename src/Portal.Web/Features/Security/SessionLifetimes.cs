namespace Portal.Web.Features.Security;

/// <summary>How long a sign-in lasts, and how recent a confirmation of identity must be for sensitive changes.</summary>
public static class SessionLifetimes
{
    /// <summary>Without "remember me", a session ends after this long without use.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    /// <summary>Without "remember me", a session ends this long after sign-in however active it is.</summary>
    public static readonly TimeSpan Absolute = TimeSpan.FromHours(8);

    /// <summary>With "remember me", a session ends this long after sign-in.</summary>
    public static readonly TimeSpan Persistent = TimeSpan.FromDays(14);

    /// <summary>Changing a password, email, two-factor or passkeys needs a sign-in or confirmation this recent.</summary>
    public static readonly TimeSpan Reauthentication = TimeSpan.FromMinutes(5);

    /// <summary>Last-seen times are written at most this often, and open pages re-check their session this often.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromMinutes(1);

    public static bool IsExpired(UserSession session, DateTime now)
    {
        if (session.ExpiresAt is { } end && now >= end)
        {
            return true;
        }

        return session.Persistent
            ? now >= session.CreatedAt + Persistent
            : now >= session.CreatedAt + Absolute || now >= session.LastSeenAt + IdleTimeout;
    }

    public static bool IsActive(UserSession session, DateTime now) => session.RevokedAt is null && !IsExpired(session, now);
}

/// <summary>Claims the security area adds to the authentication cookie.</summary>
public static class SecurityClaims
{
    /// <summary>The <see cref="UserSession.Id"/> this cookie belongs to.</summary>
    public const string SessionId = "portal:sid";

    /// <summary>Present while the person's organisation requires two-factor and they have not set it up.</summary>
    public const string TwoFactorSetupRequired = "portal:2fa_setup";

    /// <summary>How the person proved who they are (RFC 8176 values); kept for the life of the session.</summary>
    public const string AuthenticationMethodReference = "amr";

    /// <summary>The <see cref="AuthenticationMethodReference"/> of a sign-in with two factors (authenticator code, or a passkey).</summary>
    public const string MultiFactor = "mfa";

    /// <summary>The claims a refreshed cookie keeps from the one it replaces: they describe the sign-in, not the account.</summary>
    public static bool IsKeptOnRefresh(string type) =>
        type is SessionId or AuthenticationMethodReference or System.Security.Claims.ClaimTypes.AuthenticationMethod
        || Support.ImpersonationClaims.All.Contains(type);

    public static Guid? Session(this System.Security.Claims.ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirst(SessionId)?.Value, out var id) ? id : null;

    /// <summary>
    /// A session opened with two factors meets the organisation's two-factor rule even when the account has no
    /// authenticator app (a passkey sign-in), so it is not asked to set one up. Nor is an agent acting for the person:
    /// setting up two-factor is the person's alone.
    /// </summary>
    public static void MeetTwoFactorRule(System.Security.Claims.ClaimsPrincipal principal)
    {
        if (!principal.HasClaim(AuthenticationMethodReference, MultiFactor) && !Support.ImpersonationClaims.IsImpersonated(principal))
        {
            return;
        }

        foreach (var identity in principal.Identities)
        {
            foreach (var claim in identity.FindAll(TwoFactorSetupRequired).ToList())
            {
                identity.RemoveClaim(claim);
            }
        }
    }
}

/// <summary>Why a session ended before its time. Stable strings: they are stored.</summary>
public static class SessionEndReasons
{
    public const string SignedOut = "signed_out";
    public const string EndedByUser = "ended_by_user";
    public const string EndedByAdministrator = "ended_by_administrator";
    public const string EndedBySupport = "ended_by_support";
    public const string PasswordChanged = "password_changed";
    public const string PasswordReset = "password_reset";
    public const string AccountSecured = "account_secured";
    public const string ChangedOrganisation = "changed_organisation";
    public const string OrganisationSuspended = "organisation_suspended";
    public const string ImpersonationEnded = "impersonation_ended";
    public const string AccountClosed = "account_closed";
}
