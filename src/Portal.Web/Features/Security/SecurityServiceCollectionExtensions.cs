using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Portal.Web.Features.Security;

internal static class SecurityServiceCollectionExtensions
{
    public static IServiceCollection AddAccountSecurity(this IServiceCollection services)
    {
        services.AddScoped<AuthenticationStateProvider, SessionAuthenticationStateProvider>();
        services.AddScoped<CircuitHandler, SessionActivityCircuitHandler>();
        services.AddScoped<UserSessions>();
        services.AddScoped<SignInEvents>();
        services.AddScoped<UserPasskeys>();
        return services;
    }
}
