using System.Text.Encodings.Web;
using System.Text.Unicode;
using Portal.Web.Account;
using Portal.Web.Components;
using Portal.Web.Email;
using Portal.Web.Features.Administration;
using Portal.Web.Features.Dashboard;
using Portal.Web.Features.Organisations;
using Portal.Web.Features.Privacy;
using Portal.Web.Features.Profiles;
using Portal.Web.Tenancy;
using Portal.Web.Audit;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using MudBlazor.Services;

namespace Portal.Web;

/// <summary>The web host's pipeline and UI services, kept out of Program.cs.</summary>
internal static class PortalWeb
{
    public static WebApplicationBuilder AddPortalWeb(this WebApplicationBuilder builder)
    {
        LinkHosts.EnsureConfigured(builder.Configuration, builder.Environment);
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(options =>
        {
            // A result appears and goes at full strength: half faded, a snackbar's text has too little contrast to read.
            var snackbars = options.SnackbarConfiguration;
            snackbars.ShowTransitionDuration = 0;
            snackbars.HideTransitionDuration = 0;
            snackbars.MaximumOpacity = 100;
            snackbars.SnackbarVariant = MudBlazor.Variant.Filled;
            snackbars.PositionClass = MudBlazor.Defaults.Classes.Position.BottomLeft;
        });
        services.AddPortalForwardedHeaders(builder.Configuration);

        // Names and French text render as typed rather than as numeric character references.
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddPortalLocalization();
        services.AddPortalRateLimiting(builder.Configuration);
        services.AddAntiforgery(options =>
        {
            // Secure whenever the request is (always in production, behind TLS); plain HTTP stays usable on a laptop.
            options.Cookie.Name = "Portal.Antiforgery";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddScoped<DashboardService>();
        services.AddScoped<OrganisationPulse>();
        services.AddScoped<OutboxAdministration>();
        services.AddScoped<Portal.Web.Features.Legal.LegalDocuments>();
        services.AddScoped<Portal.Web.Features.Organisations.OrganisationOverview>();
        services.AddScoped<Portal.Web.Features.Organisations.MemberAdministration>();
        services.AddScoped<Portal.Web.Features.Organisations.OrganisationSettings>();
        services.AddScoped<Portal.Web.Features.Organisations.MemberDirectory>();
        services.AddScoped<MemberRecord>();
        services.AddScoped<MemberDataExport>();
        services.AddScoped<Invitations>();
        services.AddScoped<BulkInvitations>();
        services.AddScoped<InvitationAcceptance>();
        services.AddScoped<OnBehalfAccounts>();
        services.AddSingleton<OrganisationSendingLimit>();
        services.AddScoped<MemberActivation>();
        services.AddScoped<OnBehalfWelcome>();
        services.AddScoped<OrganisationDomains>();
        services.AddScoped<OrganisationLogos>();
        services.AddScoped<DomainMembership>();
        services.AddSingleton<DomainOwnership>();
        services.AddScoped<Portal.Web.Features.Support.PlatformOverview>();
        services.AddScoped<Portal.Web.Features.Support.PlatformUsers>();
        services.AddScoped<Portal.Web.Features.Support.PlatformOrganisations>();
        services.AddScoped<Portal.Web.Features.Support.PlatformAuditLog>();
        services.AddScoped<Portal.Web.Features.Support.Disclosures>();
        services.AddScoped<Portal.Web.Features.Notifications.NotificationSettings>();
        services.AddScoped<Portal.Web.Features.Notifications.NotificationMail>();
        services.AddScoped<Portal.Web.Features.Notifications.Unsubscribes>();
        services.AddSingleton<Portal.Web.Features.Notifications.UnsubscribeTokens>();
        services.AddScoped<Portal.Web.Features.Notifications.ReadTracking>();
        services.AddScoped<Portal.Web.Features.Notifications.Announcements>();
        services.AddSingleton<Portal.Web.Features.Notifications.AnnouncementSender>();
        services.AddHostedService(sp => sp.GetRequiredService<Portal.Web.Features.Notifications.AnnouncementSender>());
        services.AddSingleton<Portal.Web.Features.Notifications.DigestSender>();
        services.AddHostedService(sp => sp.GetRequiredService<Portal.Web.Features.Notifications.DigestSender>());
        services.AddScoped<Portal.Web.Features.Partners.PartnerDirectory>();
        services.AddScoped<Portal.Web.Features.Partners.PartnerOptOuts>();
        services.AddSingleton<Portal.Web.Email.IWebhookTransport, Portal.Web.Features.Partners.PartnerWebhookTransport>();
        services.AddOptions<Portal.Web.Features.Partners.PartnerOptions>().Bind(builder.Configuration.GetSection(Portal.Web.Features.Partners.PartnerOptions.Section));
        services.AddSingleton<Portal.Web.Features.Partners.WebhookAddresses>();
        services.AddHttpClient(Portal.Web.Features.Partners.PartnerWebhookTransport.Client, client => client.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(Portal.Web.Features.Partners.PartnerWebhookTransport.Handler);
        services.AddScoped<Portal.Web.Features.Support.Impersonations>();
        services.AddHostedService<Portal.Web.Features.Support.ImpersonationExpiry>();
        services.AddScoped<Portal.Web.Authorization.AccountHolderGuard>();
        services.AddOptions<Portal.Web.Features.Support.SupportOptions>()
            .Bind(builder.Configuration.GetSection(Portal.Web.Features.Support.SupportOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddProfiles();
        services.AddPrivacy(builder.Configuration);
        FormlessPageAntiforgery.Register(services);
        return builder;
    }

    public static WebApplication UsePortalWeb(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseSecurityHeaders();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseRequestLocalization();
        app.UseRouting(); // The limiter reads its policy from the endpoint routing matched.
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseOutputCache();
        app.UseCurrentUser();
        app.UseAuditOrigin();
        app.UseAuthorization();
        app.UseMiddleware<Portal.Web.Features.Security.TwoFactorSetupRequirement>();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapPortalEndpoints(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapCultureEndpoint();
        app.MapProfiles();
        app.MapOrganisationAudit();
        app.MapMemberExport();
        app.MapOrganisationLogo();
        Portal.Web.Features.Privacy.PrivacyEndpoints.MapPrivacy(app);
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAdditionalIdentityEndpoints();
        Portal.Web.Features.Support.ImpersonationEndpoints.MapImpersonation(app);
        Portal.Web.Features.Notifications.UnsubscribeEndpoints.MapUnsubscribe(app);
        return app;
    }
}
