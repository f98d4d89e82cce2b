using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Portal.Web.Data;

namespace Portal.Web.Account;

internal static class IdentityServiceCollectionExtensions
{
    /// <summary>A sign-in without "remember me" ends after this long, however active the person is.</summary>
    public static readonly TimeSpan SessionAbsoluteLifetime = TimeSpan.FromHours(8);

    private const string SignedInAtItem = "portal:signed_in_at";

    public static WebApplicationBuilder AddPortalIdentity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddScoped<AccountRegistration>();
        services.AddScoped<AccountEmails>();
        services.AddScoped<SignInRecorder>();
        services.AddScoped<UnknownAccountTiming>();
        services.AddScoped<EmailChange>();
        services.AddScoped<EmailChange.Notices>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();

        services.AddIdentityCore<PortalUser>(ConfigureIdentity)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager<PortalSignInManager>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<PortalClaimsPrincipalFactory>();

        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "__Host-Portal";
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.Path = "/";
            cookie.ExpireTimeSpan = TimeSpan.FromDays(14);
            cookie.SlidingExpiration = true;
            cookie.LoginPath = "/Account/Login";
            cookie.AccessDeniedPath = "/Account/AccessDenied";
            cookie.Events.OnSigningIn = context =>
            {
                // Sliding renewal re-issues the cookie; the first sign-in time travels with it in the properties.
                var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                context.Properties.Items.TryAdd(SignedInAtItem, now.ToString("O", CultureInfo.InvariantCulture));
                return Task.CompletedTask;
            };
            var validateStamp = cookie.Events.OnValidatePrincipal;
            cookie.Events.OnValidatePrincipal = async context =>
            {
                if (IsPastAbsoluteLifetime(context))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }

                await validateStamp(context);
            };
        });
        services.ConfigureExternalCookie(cookie =>
        {
            cookie.Cookie.Name = "__Host-Portal.External";
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        });
        return builder;
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

    private static bool IsPastAbsoluteLifetime(CookieValidatePrincipalContext context)
    {
        if (context.Properties.IsPersistent
            || !context.Properties.Items.TryGetValue(SignedInAtItem, out var value)
            || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var signedInAt))
        {
            return context.Properties.IsPersistent is false;
        }

        var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        return now - signedInAt > SessionAbsoluteLifetime;
    }
}
