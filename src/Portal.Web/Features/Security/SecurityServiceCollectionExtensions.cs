using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Portal.Web.Features.Security;

internal static class SecurityServiceCollectionExtensions
{
    public static IServiceCollection AddAccountSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SecurityOptions>(configuration.GetSection(SecurityOptions.Section));
        services.AddScoped<AuthenticationStateProvider, SessionAuthenticationStateProvider>();
        services.AddScoped<CircuitHandler, SessionActivityCircuitHandler>();
        services.AddScoped<UserSessions>();
        services.AddScoped<SignInEvents>();
        services.AddScoped<SignInHistory>();
        services.AddScoped<PasswordChange>();
        services.AddScoped<SecurityOverview>();
        services.AddSingleton<SecurityRecordsRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<SecurityRecordsRetention>());
        services.AddScoped<TwoFactorService>();
        services.AddScoped<UserPasskeys>();
        return services;
    }
}
