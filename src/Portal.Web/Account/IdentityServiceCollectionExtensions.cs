using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Portal.Web.Data;
using Portal.Web.Features.Security;

namespace Portal.Web.Account;

internal static class IdentityServiceCollectionExtensions
{
    public static WebApplicationBuilder AddPortalIdentity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddAccountSecurity(builder.Configuration);
        services.AddScoped<AccountRegistration>();
        services.AddScoped<AccountEmails>();
        services.AddScoped<UnknownAccountTiming>();
        services.AddScoped<EmailChange>();
        services.AddSingleton<EmailChangeUndoTokens>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();

        services.AddIdentityCore<PortalUser>(ConfigureIdentity)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddUserStore<PortalUserStore>()
            .AddUserManager<PortalUserManager>()
            .AddSignInManager<PortalSignInManager>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<AuthenticatorCodes>(TokenOptions.DefaultAuthenticatorProvider)
            .AddClaimsPrincipalFactory<PortalClaimsPrincipalFactory>();

        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "__Host-Portal";
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.Path = "/";
            cookie.ExpireTimeSpan = SessionLifetimes.Persistent;
            cookie.SlidingExpiration = true;
            cookie.LoginPath = "/Account/Login";
            cookie.AccessDeniedPath = "/Account/AccessDenied";
            cookie.Events.OnValidatePrincipal = SessionCookieValidator.ValidateAsync;
            cookie.Events.OnSigningIn = SessionCookieValidator.SigningInAsync;
        });
        services.Configure<IdentityPasskeyOptions>(options => ConfigurePasskeys(options, builder.Configuration));
        services.ConfigureExternalCookie(cookie =>
        {
            cookie.Cookie.Name = "__Host-Portal.External";
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        });

        // Between password and second factor, and "remember this browser": host-only, HTTPS-only, out of scripts' reach.
        ConfigureTwoFactorCookie(services, IdentityConstants.TwoFactorUserIdScheme, "__Host-Portal.2fa");
        ConfigureTwoFactorCookie(services, IdentityConstants.TwoFactorRememberMeScheme, "__Host-Portal.2fa-remember");
        return builder;
    }

    private static void ConfigureTwoFactorCookie(IServiceCollection services, string scheme, string name) =>
        services.Configure<CookieAuthenticationOptions>(scheme, cookie =>
        {
            cookie.Cookie.Name = name;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.Path = "/";
        });

    /// <summary>
    /// Passkeys (WebAuthn) for sign-in and as a second factor: the person must be verified on the device (PIN or biometric),
    /// so one passkey is two factors; credentials must be discoverable so the sign-in page needs no address first.
    /// </summary>
    public static void ConfigurePasskeys(IdentityPasskeyOptions options, IConfiguration configuration)
    {
        // The relying party id. Unset, the request's host is used, which is right for one host name per deployment;
        // set it (for example to the parent domain) when the portal answers on several names.
        var serverDomain = configuration["Passkeys:ServerDomain"];
        options.ServerDomain = string.IsNullOrWhiteSpace(serverDomain) ? null : serverDomain.Trim();
        options.UserVerificationRequirement = "required";
        options.ResidentKeyRequirement = "required";

        // No attestation is asked for: the portal does not restrict authenticator makes, and "none" reveals nothing about the device.
        options.AttestationConveyancePreference = "none";

        // Long enough to find a security key; the challenge is single-use and its state cookie expires soon after.
        options.AuthenticatorTimeout = TimeSpan.FromMinutes(3);
        options.ChallengeSize = 32;
    }

    /// <summary>Identity's settings, shared with the schema tests so the model they compare is the app's.</summary>
    public static void ConfigureIdentity(IdentityOptions options)
    {
        options.SignIn.RequireConfirmedEmail = true;
        options.SignIn.RequireConfirmedAccount = true;
        options.User.RequireUniqueEmail = true;
        options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
        options.Lockout.AllowedForNewUsers = true;

        // Length over composition rules (OWASP ASVS 6.2).
        options.Password.RequiredLength = 10;
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
    }
}
