using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Portal.Web.Tenancy;

internal static class TenancyServiceCollectionExtensions
{
    public static IServiceCollection AddTenancy(this IServiceCollection services)
    {
        services.AddScoped<CurrentUser>();
        services.AddScoped<TenantContext>();
        services.AddScoped<WorkScopes>();
        services.AddScoped<CircuitHandler, CurrentUserCircuitHandler>();
        return services;
    }

    public static IApplicationBuilder UseCurrentUser(this IApplicationBuilder app) => app.UseMiddleware<CurrentUserMiddleware>();
}
